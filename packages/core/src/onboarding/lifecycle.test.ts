import { describe, expect, it } from 'vitest';
import { ConflictError, ManualClock } from '../kernel/index.ts';
import { examplePartner, examplePartnerUser, suspendPartner } from '../partners/index.ts';
import { exampleAgreement, exampleApplication, exampleOffer } from './examples.ts';
import {
  acceptAgreement,
  approveApplication,
  evaluateChecklist,
  expireOnboarding,
  linkApproval,
  newApplication,
  offerAgreement,
  openChecklist,
  rejectApplication,
  remindAgreement,
  remindReview,
  reviewReminderAt,
  withDuplicates,
} from './lifecycle.ts';
import { type ChecklistItemDefinition, DEFAULT_ONBOARDING_SETTINGS, type OnboardingSettings, type SubmitApplicationInput } from './model.ts';

const DAY_MS = 86_400_000;
const clockAt = (iso: string) => new ManualClock({ now: () => new Date(iso) });
const clock = clockAt('2026-11-27T10:00:00Z');
const manager = { sub: 'cm-1', roles: ['channel-manager'] };
const onboarding = { ...examplePartner, status: 'onboarding' as const };

const { company, partnerType, products, territories, contact } = exampleApplication;
const input: SubmitApplicationInput = { company, partnerType, products, territories, contact };
const settings = (patch: Partial<OnboardingSettings>): OnboardingSettings => ({ ...DEFAULT_ONBOARDING_SETTINGS, ...patch });

describe('a new application', () => {
  it('passes every field check when the required fields are there and any country is allowed', () => {
    const app = newApplication(input, DEFAULT_ONBOARDING_SETTINGS, clock);
    expect(app.checks).toEqual({
      duplicate: { passed: true, matches: [] },
      requiredFields: { passed: true, missing: [] },
      country: { passed: true, allowed: null },
    });
    expect(app).toMatchObject({ status: 'pending', flagged: false, remindersSent: 0, decision: null, version: 1 });
    expect(app.id).toMatch(/^app_/);
  });

  it('flags an application missing a field its partner type requires, naming the field', () => {
    const { taxId: _taxId, ...withoutTaxId } = company;
    const app = newApplication({ ...input, company: withoutTaxId }, DEFAULT_ONBOARDING_SETTINGS, clock);
    expect(app.checks.requiredFields).toEqual({ passed: false, missing: ['company.taxId'] });
    expect(app.flagged).toBe(true);
  });

  it('requires the fields of the applicant’s partner type only', () => {
    const perType = settings({ requiredFields: { reseller: ['contact.phone', 'company.address.region'], distributor: [] } });
    const reseller = newApplication(input, perType, clock);
    expect(reseller.checks.requiredFields).toEqual({ passed: false, missing: ['contact.phone'] });
    expect(reseller.flagged).toBe(true);
    for (const type of ['distributor', 'msp'] as const) {
      const other = newApplication({ ...input, partnerType: type }, perType, clock);
      expect(other.checks.requiredFields.passed).toBe(true);
      expect(other.flagged).toBe(false);
    }
  });

  it('flags an applicant from a country the programme does not accept, and not one from an accepted country', () => {
    const refused = newApplication(input, settings({ allowedCountries: ['AT', 'CH'] }), clock);
    expect(refused.checks.country).toEqual({ passed: false, allowed: ['AT', 'CH'] });
    expect(refused.flagged).toBe(true);
    const accepted = newApplication(input, settings({ allowedCountries: ['AT', 'DE'] }), clock);
    expect(accepted.checks.country.passed).toBe(true);
    expect(accepted.flagged).toBe(false);
  });

  it('is due for review one SLA after submission, by the SLA in force when it was submitted', () => {
    const app = newApplication(input, settings({ reviewSlaDays: 5 }), clock);
    expect(app.submittedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(app.reviewSlaDays).toBe(5);
    expect(app.reviewDueAt).toBe('2026-12-02T10:00:00.000Z');
  });
});

describe('the duplicate check', () => {
  const match = { on: 'webDomain' as const, value: 'northwind.example', kind: 'partner' as const, id: examplePartner.id };

  it('flags an application that matches another organisation, keeping the match', () => {
    const app = withDuplicates(newApplication(input, DEFAULT_ONBOARDING_SETTINGS, clock), [match]);
    expect(app.checks.duplicate).toEqual({ passed: false, matches: [match] });
    expect(app.flagged).toBe(true);
  });

  it('never clears a flag a field check raised when there are no duplicates', () => {
    const app = withDuplicates(newApplication(input, settings({ allowedCountries: ['AT'] }), clock), []);
    expect(app.checks.duplicate.passed).toBe(true);
    expect(app.flagged).toBe(true);
  });
});

describe('deciding an application', () => {
  const pending = exampleApplication;

  it('maps the company and contact to the partner (onboarding) and its first administrator', () => {
    const { partner, admin, application } = approveApplication(pending, { tier: 'gold', channelManagerId: 'cm-7', note: 'strong fit' }, manager, clock);
    expect(partner).toEqual({
      legalName: 'Northwind Systems GmbH',
      displayName: 'Northwind',
      webDomain: 'sales.northwind.example',
      country: 'DE',
      taxId: 'DE 123 456 789',
      locations: [{ name: 'Registered address', country: 'DE', city: 'München', region: 'Bayern', postalCode: '80331' }],
      territories: ['DE', 'AT'],
      specialisations: ['networking', 'security'],
      type: 'reseller',
      tier: 'gold',
      channelManagerId: 'cm-7',
      status: 'onboarding',
    });
    expect(admin).toEqual({ email: 'ada@northwind.example', givenName: 'Ada', familyName: 'Admin', roles: ['partner-admin'] });
    expect(application).toMatchObject({
      status: 'approved',
      decision: { outcome: 'approved', by: manager, at: '2026-11-27T10:00:00.000Z', reason: 'strong fit', partnerId: null, adminUserId: null },
      updatedAt: '2026-11-27T10:00:00.000Z',
      version: 2,
    });
  });

  it('makes the approver the channel manager and leaves the tier unset when the input names neither', () => {
    const { partner, application } = approveApplication(pending, {}, manager, clock);
    expect(partner.tier).toBeNull();
    expect(partner.channelManagerId).toBe('cm-1');
    expect(application.decision?.reason).toBeNull();
  });

  it('leaves out the optional company fields the applicant did not give', () => {
    const bare = { ...pending, company: { legalName: 'Bare Ltd', webDomain: 'bare.example', country: 'GB', address: { line1: '1 High St', city: 'Leeds' } } };
    const { partner } = approveApplication(bare, {}, manager, clock);
    for (const field of ['displayName', 'taxId']) expect(partner).not.toHaveProperty(field);
    expect(partner.locations).toEqual([{ name: 'Registered address', country: 'GB', city: 'Leeds' }]);
  });

  it('records the decider by subject and roles only', () => {
    const { application } = approveApplication(pending, {}, { ...manager, partnerId: 'ptr_x' }, clock);
    expect(application.decision?.by).toEqual({ sub: 'cm-1', roles: ['channel-manager'] });
  });

  it('links the approved application to the partner and administrator it created', () => {
    const { application } = approveApplication(pending, { note: 'ok' }, manager, clock);
    const linked = linkApproval(application, examplePartner, examplePartnerUser);
    expect(linked.decision).toEqual({ ...application.decision, partnerId: examplePartner.id, adminUserId: examplePartnerUser.id });
    expect(linked.status).toBe('approved');
  });

  it('rejects with the reason', () => {
    const rejected = rejectApplication(pending, 'outside our territories', manager, clock);
    expect(rejected).toMatchObject({
      status: 'rejected',
      decision: { outcome: 'rejected', by: manager, at: '2026-11-27T10:00:00.000Z', reason: 'outside our territories', partnerId: null, adminUserId: null },
      version: 2,
    });
  });

  it('decides a pending application only: a second decision is a conflict', () => {
    const approved = approveApplication(pending, {}, manager, clock).application;
    const rejected = rejectApplication(pending, 'no', manager, clock);
    for (const decided of [approved, rejected]) {
      expect(() => approveApplication(decided, {}, manager, clock)).toThrow(ConflictError);
      expect(() => rejectApplication(decided, 'again', manager, clock)).toThrow(ConflictError);
    }
    expect(() => rejectApplication(approved, 'too late', manager, clock)).toThrow(expect.objectContaining({ message: expect.stringContaining('approved') }));
  });
});

describe('review reminders (the rule; the use case picks the period)', () => {
  const app = exampleApplication; // submitted 2026-11-01T08:00Z, SLA 3 days

  it('is due at each whole SLA after submission, the first at the review due date', () => {
    expect(reviewReminderAt(app, 1).toISOString()).toBe(app.reviewDueAt);
    expect(reviewReminderAt(app, 1).getTime() - Date.parse(app.submittedAt)).toBe(3 * DAY_MS);
    expect(reviewReminderAt(app, 3).toISOString()).toBe('2026-11-10T08:00:00.000Z');
  });

  it('records a reminder once: the same or an earlier period again changes nothing', () => {
    const reminded = remindReview(app, 2, clock);
    expect(reminded).toMatchObject({ remindersSent: 2, updatedAt: '2026-11-27T10:00:00.000Z', version: 2 });
    expect(remindReview(reminded!, 2, clock)).toBeUndefined();
    expect(remindReview(reminded!, 1, clock)).toBeUndefined();
    expect(remindReview(reminded!, 3, clock)).toMatchObject({ remindersSent: 3, version: 3 });
  });

  it('never reminds of a decided application', () => {
    expect(remindReview(approveApplication(app, {}, manager, clock).application, 1, clock)).toBeUndefined();
    expect(remindReview(rejectApplication(app, 'no', manager, clock), 1, clock)).toBeUndefined();
  });
});

describe('the agreement offer', () => {
  const offeredAt = '2026-11-02T09:15:00Z';
  const admin = { sub: 'sub-ada', roles: ['partner-admin'], partnerId: examplePartner.id, userId: examplePartnerUser.id };

  it('carries the agreement’s version, a reminder and a deadline from the settings', () => {
    const offer = offerAgreement(examplePartner.id, exampleAgreement, settings({ agreementReminderDays: 5, agreementAcceptanceDays: 10 }), clockAt(offeredAt));
    expect(offer).toMatchObject({
      partnerId: examplePartner.id,
      agreementId: exampleAgreement.id,
      agreementVersion: 3,
      title: 'Channel Partner Agreement',
      documentUrl: exampleAgreement.documentUrl,
      status: 'offered',
      offeredAt: '2026-11-02T09:15:00.000Z',
      remindAt: '2026-11-07T09:15:00.000Z',
      expiresAt: '2026-11-12T09:15:00.000Z',
      remindedAt: null,
      acceptedAt: null,
      acceptedBy: null,
      version: 1,
    });
  });

  it('records who accepted which version when', () => {
    const accepted = acceptAgreement(exampleOffer, onboarding, admin, clockAt('2026-11-10T12:00:00Z'));
    expect(accepted).toMatchObject({
      status: 'accepted',
      agreementVersion: 3,
      acceptedAt: '2026-11-10T12:00:00.000Z',
      acceptedBy: { sub: 'sub-ada', userId: examplePartnerUser.id },
      version: 2,
    });
  });

  it('records a null user id for an acceptor without one', () => {
    const accepted = acceptAgreement(exampleOffer, onboarding, { sub: 'sub-x', roles: ['partner-admin'] }, clockAt('2026-11-10T12:00:00Z'));
    expect(accepted.acceptedBy).toEqual({ sub: 'sub-x', userId: null });
  });

  it('is accepted once', () => {
    const accepted = acceptAgreement(exampleOffer, onboarding, admin, clockAt('2026-11-10T12:00:00Z'));
    expect(() => acceptAgreement(accepted, onboarding, admin, clockAt('2026-11-10T12:00:01Z'))).toThrow(
      expect.objectContaining({ name: 'ConflictError', message: expect.stringContaining('already accepted') }),
    );
  });

  it('is refused from the deadline on (exactly at expiresAt too), and accepted 1 ms before', () => {
    const deadline = Date.parse(exampleOffer.expiresAt);
    const expired = expect.objectContaining({ name: 'ConflictError', message: expect.stringContaining('expired') });
    expect(() => acceptAgreement(exampleOffer, onboarding, admin, clockAt(exampleOffer.expiresAt))).toThrow(expired);
    expect(() => acceptAgreement(exampleOffer, onboarding, admin, clockAt(new Date(deadline + DAY_MS).toISOString()))).toThrow(expired);
    expect(acceptAgreement(exampleOffer, onboarding, admin, clockAt(new Date(deadline - 1).toISOString())).status).toBe('accepted');
  });

  it('is refused once expired, even before the deadline', () => {
    expect(() => acceptAgreement({ ...exampleOffer, status: 'expired' }, onboarding, admin, clockAt('2026-11-03T00:00:00Z'))).toThrow(ConflictError);
  });

  it('is accepted only by a partner still onboarding — not an active, suspended (even while onboarding) or terminated one', () => {
    const within = clockAt('2026-11-10T12:00:00Z');
    for (const partner of [
      examplePartner,
      suspendPartner(onboarding, 'documents missing', clock),
      suspendPartner(examplePartner, 'x', clock),
      { ...onboarding, status: 'terminated' as const },
    ]) {
      expect(() => acceptAgreement(exampleOffer, partner, admin, within)).toThrow(
        expect.objectContaining({ name: 'ConflictError', message: expect.stringContaining(`'${partner.status}'`) }),
      );
    }
  });

  it('reminds of an open offer once, and not of a closed one', () => {
    const reminded = remindAgreement(exampleOffer, clockAt(exampleOffer.remindAt));
    expect(reminded).toMatchObject({ remindedAt: '2026-11-09T09:15:00.000Z', status: 'offered', version: 2 });
    expect(remindAgreement(reminded!, clockAt('2026-11-10T00:00:00Z'))).toBeUndefined();
    expect(remindAgreement({ ...exampleOffer, status: 'accepted' }, clock)).toBeUndefined();
    expect(remindAgreement({ ...exampleOffer, status: 'expired' }, clock)).toBeUndefined();
  });

  it('expires the open offer of a partner still onboarding, also one suspended while onboarding: the deadline still applies', () => {
    const atDeadline = clockAt(exampleOffer.expiresAt);
    for (const partner of [onboarding, suspendPartner(onboarding, 'documents missing', clock)]) {
      expect(expireOnboarding(exampleOffer, partner, atDeadline)).toMatchObject({ status: 'expired', updatedAt: '2026-11-16T09:15:00.000Z', version: 2 });
    }
  });

  it('expires nothing for an accepted or already expired offer, nor for a partner past onboarding', () => {
    const atDeadline = clockAt(exampleOffer.expiresAt);
    const accepted = acceptAgreement(exampleOffer, onboarding, admin, clockAt('2026-11-10T12:00:00Z'));
    expect(expireOnboarding(accepted, onboarding, atDeadline)).toBeUndefined();
    expect(expireOnboarding({ ...exampleOffer, status: 'expired' }, onboarding, atDeadline)).toBeUndefined();
    for (const partner of [examplePartner, suspendPartner(examplePartner, 'fraud review', clock), { ...onboarding, status: 'terminated' as const }]) {
      expect(expireOnboarding(exampleOffer, partner, atDeadline)).toBeUndefined();
    }
  });
});

describe('the onboarding checklist', () => {
  const definition: ChecklistItemDefinition[] = [
    { id: 'profile', title: 'Complete your profile', kind: 'profile', fields: ['displayName', 'locations'] },
    { id: 'team', title: 'Invite your team', kind: 'users', minUsers: 2 },
    { id: 'training', title: 'Pass both courses', kind: 'certification', certifications: ['sales-101', 'tech-101'] },
    { id: 'kickoff', title: 'Kick-off call', kind: 'manual' },
  ];
  const open = () => openChecklist(examplePartner.id, definition, clockAt('2026-11-03T10:00:00Z'));
  const doneIds = (list: { items: { id: string; done: boolean }[] }) => list.items.filter((i) => i.done).map((i) => i.id);

  it('opens with every item to do, and complete at once when the programme defines none', () => {
    const list = open();
    expect(doneIds(list)).toEqual([]);
    expect(list).toMatchObject({ partnerId: examplePartner.id, certifications: [], completedAt: null, version: 1 });
    expect(openChecklist(examplePartner.id, [], clock).completedAt).toBe('2026-11-27T10:00:00.000Z');
  });

  it('completes a profile item when every listed field is set (an empty list is not set)', () => {
    expect(evaluateChecklist(open(), { partner: { ...examplePartner, locations: [] } }, 'evt-1', clock)).toBeUndefined();
    const { displayName: _d, ...withoutName } = examplePartner;
    expect(evaluateChecklist(open(), { partner: withoutName }, 'evt-1', clock)).toBeUndefined();
    const result = evaluateChecklist(open(), { partner: examplePartner }, 'evt-1', clock);
    expect(doneIds(result!.checklist)).toEqual(['profile']);
    expect(result!.checklist.items[0]).toMatchObject({ done: true, completedAt: '2026-11-27T10:00:00.000Z', completedBy: 'evt-1' });
    expect(result!.checklist.version).toBe(2);
  });

  it('completes a users item at the minimum of active users, not below', () => {
    expect(evaluateChecklist(open(), { activeUsers: 1 }, 'evt-1', clock)).toBeUndefined();
    expect(doneIds(evaluateChecklist(open(), { activeUsers: 2 }, 'evt-1', clock)!.checklist)).toEqual(['team']);
  });

  it('completes a manual item only when it is named', () => {
    expect(evaluateChecklist(open(), { manual: ['other'] }, 'sub-1', clock)).toBeUndefined();
    expect(doneIds(evaluateChecklist(open(), { manual: ['kickoff'] }, 'sub-1', clock)!.checklist)).toEqual(['kickoff']);
  });

  it('accumulates certifications across calls: an item needing two completes when the second arrives', () => {
    const first = evaluateChecklist(open(), { certifications: ['sales-101'] }, 'evt-1', clock)!;
    expect(doneIds(first.checklist)).toEqual([]);
    expect(first.checklist.certifications).toEqual(['sales-101']);
    expect(evaluateChecklist(first.checklist, { certifications: ['sales-101'] }, 'evt-2', clock)).toBeUndefined();
    const second = evaluateChecklist(first.checklist, { certifications: ['tech-101'] }, 'evt-3', clock)!;
    expect(doneIds(second.checklist)).toEqual(['training']);
    expect(second.checklist.certifications).toEqual(['sales-101', 'tech-101']);
    expect(second.checklist.items[2]?.completedBy).toBe('evt-3');
  });

  it('keeps an item done once done, whatever later facts say', () => {
    const done = evaluateChecklist(open(), { partner: examplePartner, activeUsers: 2 }, 'evt-1', clock)!.checklist;
    expect(evaluateChecklist(done, { partner: { ...examplePartner, locations: [] }, activeUsers: 0 }, 'evt-2', clock)).toBeUndefined();
    const later = evaluateChecklist(done, { activeUsers: 0, certifications: ['sales-101'] }, 'evt-3', clock)!.checklist;
    expect(later.items.filter((i) => i.id === 'profile' || i.id === 'team')).toEqual(done.items.filter((i) => i.id === 'profile' || i.id === 'team'));
  });

  it('says completed only on the call that completes it', () => {
    const facts = { partner: examplePartner, activeUsers: 3, certifications: ['sales-101', 'tech-101'] };
    const almost = evaluateChecklist(open(), facts, 'evt-1', clock)!;
    expect(almost).toMatchObject({ completed: false, checklist: { completedAt: null } });
    const complete = evaluateChecklist(almost.checklist, { manual: ['kickoff'] }, 'sub-1', clockAt('2026-11-28T10:00:00Z'))!;
    expect(complete).toMatchObject({ completed: true, checklist: { completedAt: '2026-11-28T10:00:00.000Z' } });
    const afterwards = evaluateChecklist(complete.checklist, { certifications: ['advanced-201'] }, 'evt-9', clock)!;
    expect(afterwards.completed).toBe(false);
    expect(afterwards.checklist.certifications).toContain('advanced-201');
  });
});

describe('nothing happens ahead of its time, whoever calls the rule', () => {
  // Promise: the timers are the workflow's, but the rules hold the line themselves (a step run early changes nothing).
  it('no review reminder before its SLA period, no agreement reminder before remindAt, no expiry before expiresAt', () => {
    const app = newApplication(input, DEFAULT_ONBOARDING_SETTINGS, clock);
    const justBefore = (at: Date) => new ManualClock({ now: () => new Date(at.getTime() - 1) });
    expect(remindReview(app, 1, justBefore(reviewReminderAt(app, 1)))).toBeUndefined();
    expect(remindReview(app, 1, clockAt(reviewReminderAt(app, 1).toISOString()))?.remindersSent).toBe(1);

    const offer = offerAgreement(onboarding.id, exampleAgreement, DEFAULT_ONBOARDING_SETTINGS, clock);
    expect(remindAgreement(offer, justBefore(new Date(offer.remindAt)))).toBeUndefined();
    expect(remindAgreement(offer, clockAt(offer.remindAt))?.remindedAt).toBe(new Date(offer.remindAt).toISOString());
    expect(expireOnboarding(offer, onboarding, justBefore(new Date(offer.expiresAt)))).toBeUndefined();
    expect(expireOnboarding(offer, onboarding, clockAt(offer.expiresAt))?.status).toBe('expired');
  });

  // Promise: a checklist completes once; a later fact does not move its completion time.
  it('keeps the completion time of a complete checklist', () => {
    const list = openChecklist(onboarding.id, [{ id: 'certs', title: 'Certified', kind: 'certification', certifications: ['a'] }], clock);
    const done = evaluateChecklist(list, { certifications: ['a'] }, 'evt_1', clock)!;
    expect(done.completed).toBe(true);
    const later = evaluateChecklist(done.checklist, { certifications: ['b'] }, 'evt_2', clockAt('2026-12-30T00:00:00Z'))!;
    expect([later.completed, later.checklist.completedAt]).toEqual([false, done.checklist.completedAt]);
  });
});
