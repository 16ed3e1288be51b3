import { describe, expect, it } from 'vitest';
import { ConflictError, ManualClock, NotFoundError, SYSTEM_ACTOR } from '../kernel/index.ts';
import { examplePartner } from '../partners/index.ts';
import { exampleAgreement, exampleApplication } from './examples.ts';
import { evaluateChecklist, openChecklist, rejectApplication } from './lifecycle.ts';
import { type ChecklistItemDefinition, DEFAULT_ONBOARDING_SETTINGS, type SubmitApplicationInput } from './model.ts';
import {
  APPLICANT,
  type IdentityKey,
  type IdentityKeyHolder,
  completeManualItem,
  planSubmission,
  requirePublishedAgreement,
  reviewPeriodAt,
  reviewReminder,
} from './use-cases.ts';

const DAY_MS = 86_400_000;
const clockAt = (iso: string | number) => new ManualClock({ now: () => new Date(iso) });
const clock = clockAt('2026-11-27T10:00:00Z');

const { company, partnerType, products, territories, contact } = exampleApplication;
const input: SubmitApplicationInput = { company, partnerType, products, territories, contact };

describe('the duplicate-key protocol of a submission', () => {
  const keys: IdentityKey[] = [
    { on: 'webDomain', value: 'northwind.example' },
    { on: 'taxId', value: 'DE123456789' },
    { on: 'legalName', value: 'northwind systems' },
  ];

  it('claims every key when nobody holds one, unflagged, announcing only the submission', () => {
    const { application, claims, events } = planSubmission(input, DEFAULT_ONBOARDING_SETTINGS, keys, [], clock);
    expect(claims).toEqual(keys);
    expect(application).toMatchObject({ status: 'pending', flagged: false, checks: { duplicate: { passed: true, matches: [] } } });
    expect(events.map((e) => e.detailType)).toEqual(['ApplicationSubmitted']);
    expect(events[0]?.detail).toMatchObject({ actor: { sub: 'applicant', roles: [] }, data: { application } });
    expect(events[0]?.detail).not.toHaveProperty('partnerId');
  });

  it('claims only the free keys when one is held, flagged as the duplicate of the holder', () => {
    const holder: IdentityKeyHolder = { on: 'taxId', value: 'DE123456789', ownerKind: 'partner', ownerId: examplePartner.id };
    const { application, claims, events } = planSubmission(input, DEFAULT_ONBOARDING_SETTINGS, keys, [holder], clock);
    expect(claims).toEqual([keys[0], keys[2]]);
    const match = { on: 'taxId', value: 'DE123456789', kind: 'partner', id: examplePartner.id };
    expect(application.checks.duplicate).toEqual({ passed: false, matches: [match] });
    expect(application.flagged).toBe(true);
    expect(events.map((e) => e.detailType)).toEqual(['ApplicationSubmitted', 'ApplicationFlaggedDuplicate']);
    expect(events[1]?.detail.data).toEqual({ applicationId: application.id, matches: [match] });
  });

  it('names an open application holding a key as its kind and id', () => {
    const holder: IdentityKeyHolder = { on: 'webDomain', value: 'northwind.example', ownerKind: 'application', ownerId: exampleApplication.id };
    const { application, claims } = planSubmission(input, DEFAULT_ONBOARDING_SETTINGS, keys, [holder], clock);
    expect(claims.map((c) => c.on)).toEqual(['taxId', 'legalName']);
    expect(application.checks.duplicate.matches).toEqual([{ on: 'webDomain', value: 'northwind.example', kind: 'application', id: exampleApplication.id }]);
  });

  it('names the anonymous applicant as the actor of every event it raises', () => {
    const holder: IdentityKeyHolder = { on: 'legalName', value: 'northwind systems', ownerKind: 'partner', ownerId: examplePartner.id };
    const { events } = planSubmission(input, DEFAULT_ONBOARDING_SETTINGS, keys, [holder], clock);
    expect(events).toHaveLength(2);
    for (const e of events) expect(e.detail.actor).toEqual({ sub: APPLICANT.sub, roles: APPLICANT.roles });
    expect(APPLICANT).toEqual({ sub: 'applicant', roles: [] });
  });
});

describe('approval needs a published agreement', () => {
  it('refuses without one and hands back the one there is', () => {
    expect(() => requirePublishedAgreement(undefined)).toThrow(ConflictError);
    expect(requirePublishedAgreement(exampleAgreement)).toBe(exampleAgreement);
  });
});

describe('the review period and its reminder', () => {
  const app = exampleApplication; // SLA 3 days
  const submitted = Date.parse(app.submittedAt);
  const sla = app.reviewSlaDays * DAY_MS;
  const after = (ms: number) => clockAt(submitted + ms);
  /** The reminder that went out; a run that sent none fails the test here. */
  const sent = (r: ReturnType<typeof reviewReminder>) => {
    if (!('event' in r)) throw new Error(`no reminder was sent for period ${r.period}`);
    return r;
  };

  it('starts period n at exactly n SLAs, never 1 ms early (before the first SLA it still says 1)', () => {
    expect(reviewPeriodAt(app, new Date(submitted))).toBe(1);
    expect(reviewPeriodAt(app, new Date(submitted + sla - 1))).toBe(1);
    expect(reviewPeriodAt(app, new Date(submitted + sla))).toBe(1);
    expect(reviewPeriodAt(app, new Date(submitted + 2 * sla - 1))).toBe(1);
    expect(reviewPeriodAt(app, new Date(submitted + 2 * sla))).toBe(2);
    expect(reviewPeriodAt(app, new Date(submitted + 3 * sla - 1))).toBe(2);
  });

  it('reminds for period 1 at exactly one SLA, as the system, and records it', () => {
    const reminder = sent(reviewReminder(app, after(sla)));
    expect(reminder.period).toBe(1);
    expect(reminder.application).toMatchObject({ remindersSent: 1, version: 2 });
    expect(reminder.event.detailType).toBe('ApplicationReviewReminder');
    expect(reminder.event.detail).toMatchObject({
      actor: { sub: SYSTEM_ACTOR.sub, roles: SYSTEM_ACTOR.roles },
      data: { applicationId: app.id, reminder: 1, submittedAt: app.submittedAt, reviewDueAt: app.reviewDueAt },
    });
  });

  it('changes nothing on a second run in the same period (a step ran twice)', () => {
    const reminded = sent(reviewReminder(app, after(sla))).application;
    expect(reviewReminder(reminded, after(sla))).toEqual({ period: 1 });
    expect(reviewReminder(reminded, after(2 * sla - 1))).toEqual({ period: 1 });
  });

  it('reminds once, for the current period, when woken late (after 3.5 SLAs: period 3, not one per missed period)', () => {
    const late = reviewReminder(app, after(3.5 * sla));
    expect(late).toMatchObject({ period: 3, application: { remindersSent: 3, version: 2 }, event: { detail: { data: { reminder: 3 } } } });
    const reminded = sent(late).application;
    expect(reviewReminder(reminded, after(3.5 * sla + 1))).toEqual({ period: 3 });
    expect(reviewReminder(reminded, after(4 * sla))).toMatchObject({ period: 4, application: { remindersSent: 4 } });
  });

  it('never reminds of a decided application', () => {
    const rejected = rejectApplication(app, 'no', { sub: 'cm-1', roles: ['channel-manager'] }, clock);
    expect(reviewReminder(rejected, after(10 * sla))).toEqual({ period: 10 });
    expect(reviewReminder({ ...app, status: 'approved' }, after(sla))).toEqual({ period: 1 });
  });
});

describe('marking a checklist item done by hand', () => {
  const definition: ChecklistItemDefinition[] = [
    { id: 'profile', title: 'Complete your profile', kind: 'profile', fields: ['displayName'] },
    { id: 'kickoff', title: 'Kick-off call', kind: 'manual' },
    { id: 'contract-scan', title: 'Upload the signed contract', kind: 'manual' },
  ];
  const actor = { sub: 'cm-1', roles: ['channel-manager'] };
  const open = () => openChecklist(examplePartner.id, definition, clockAt('2026-11-03T10:00:00Z'));

  it('marks a manual item done by the person, announcing nothing while others are open', () => {
    const result = completeManualItem(open(), 'kickoff', actor, clock)!;
    expect(result.checklist.items.find((i) => i.id === 'kickoff')).toMatchObject({ done: true, completedBy: 'cm-1', completedAt: '2026-11-27T10:00:00.000Z' });
    expect(result.checklist.items.filter((i) => i.done)).toHaveLength(1);
    expect(result.events).toEqual([]);
  });

  it('refuses items that complete themselves from events, and unknown items', () => {
    expect(() => completeManualItem(open(), 'profile', actor, clock)).toThrow(ConflictError);
    expect(() => completeManualItem(open(), 'no-such-item', actor, clock)).toThrow(NotFoundError);
  });

  it('returns undefined for an item already done', () => {
    const once = completeManualItem(open(), 'kickoff', actor, clock)!.checklist;
    expect(completeManualItem(once, 'kickoff', actor, clock)).toBeUndefined();
  });

  it('raises OnboardingChecklistCompleted on the call that completes the checklist, for the partner', () => {
    const profiled = evaluateChecklist(open(), { partner: examplePartner }, 'evt-1', clock)!.checklist;
    const kickoff = completeManualItem(profiled, 'kickoff', actor, clock)!;
    expect(kickoff.events).toEqual([]);
    const last = completeManualItem(kickoff.checklist, 'contract-scan', actor, clock)!;
    expect(last.checklist.completedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(last.events.map((e) => e.detailType)).toEqual(['OnboardingChecklistCompleted']);
    expect(last.events[0]?.detail).toMatchObject({ partnerId: examplePartner.id, actor, data: { checklist: { completedAt: '2026-11-27T10:00:00.000Z' } } });
  });
});
