import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ManualClock, type Role } from '@channelbase/core';
import { type LocalStack, type TokenRequest, startLocalStack } from '@channelbase/local';
import { type ApiResponse, dropTable, request } from '../support/stack.ts';
import { applicationBody } from '../support/onboarding.ts';
import { OPEN_APPLICATIONS_PER_DOMAIN, OPEN_APPLICATIONS_PER_SOURCE, REVIEW_WINDOW_DAYS } from '@channelbase/core/onboarding';
import { expectProblem } from './helpers.ts';
import { reviewPending, sweepReviews } from '../../functions/onboarding/review-sweep.ts';
import { getApplication, pendingApplications } from '../../functions/onboarding/repository.ts';
import { localClient } from '@channelbase/local';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { lambdaContext } from '@channelbase/local/lambda-context';
import { type WorkflowStepInput, type WorkflowStepResult, dynamo } from '@channelbase/platform';
import { handler as agreementStep } from '../../functions/onboarding/agreement-workflow.ts';

/**
 * Onboarding under time and concurrency: the review SLA and agreement deadline fire from the
 * injected clock, survive a restart of the local runtime and fire once; concurrent applications
 * for one organisation are kept up to the cap on open applications, one as the original and the
 * rest flagged as its duplicates; claims and caps lapse with the review window.
 * Each scenario starts its own runtime, with a clock that moves only when told, on the file's
 * one table (handlers read the table name once per process, as in Lambda).
 */

const DAY = 86_400_000;
const TABLE = `test-${randomUUID()}`;
const running = new Set<LocalStack>();

function start(clock: ManualClock, tableName = TABLE): Promise<LocalStack> {
  return startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName, port: 0, clock }).then((s) => (running.add(s), s));
}
async function stop(stack: LocalStack) {
  running.delete(stack);
  await stack.stop();
}
afterAll(async () => {
  for (const s of running) await s.stop();
  await dropTable(inject('dynamoEndpoint'), TABLE);
});

/** A clock frozen at `at` unless advanced; a second clock at the same instant stands for the restarted runtime. */
const frozenAt = (at: number) => {
  let now = at;
  const clock = new ManualClock({ now: () => new Date(now) });
  return { clock, set: (t: number) => (now = t) };
};

let source = 0;
async function caller(stack: LocalStack, roles: Role[], extra: Partial<TokenRequest> = {}) {
  const token = await stack.token({ sub: extra.sub ?? `t-${randomUUID().slice(0, 8)}`, roles, ...extra });
  return (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(stack.url, token, method, path, body === undefined ? {} : { body });
}
/** An anonymous applicant from a loopback address of its own. */
const apply = (stack: LocalStack, body: unknown) =>
  request(stack.url, undefined, 'POST', '/applications', { body, from: `127.77.${(++source >> 8) & 255}.${source & 255 || 1}` });

const published = (stack: LocalStack, type: string, match: (data: never) => boolean = () => true) =>
  stack.bus.published.filter((e) => e['detail-type'] === type && match(e.detail.data as never));

async function approvedPartner(stack: LocalStack) {
  const admin = await caller(stack, ['vendor-admin']);
  expect((await admin('POST', '/programme/agreements', { title: 'Channel Partner Agreement', text: 'Terms.' })).status).toBe(201);
  const submitted = await apply(stack, applicationBody());
  expect(submitted.status).toBe(202);
  const cm = await caller(stack, ['channel-manager']);
  const approved = await cm('POST', `/applications/${submitted.body.id}/approve`);
  expect(approved.status, approved.text).toBe(200);
  await stack.drain();
  const { partnerId, adminUserId } = approved.body.decision as { partnerId: string; adminUserId: string };
  const offer = (await cm('GET', `/partners/${partnerId}/agreements`)).body.items[0];
  return { partnerId, adminUserId, agreementId: offer.agreementId as string, cm };
}

describe('the review SLA raises reminders from the clock, once per period, until a decision', () => {
  it('day 3 and day 6 remind; nothing before; nothing after the decision', async () => {
    // On the hour: the review sweep runs every hour on the hour, so a reminder due at T0 + 3 days goes out at that tick.
    const T0 = Date.parse('2031-05-01T08:00:00.000Z');
    const time = frozenAt(T0);
    const stack = await start(time.clock);
    const submitted = await apply(stack, applicationBody());
    const id = submitted.body.id as string;
    await stack.drain();
    const reminders = () => published(stack, 'ApplicationReviewReminder', (d: { applicationId: string }) => d.applicationId === id);

    time.set(T0 + 3 * DAY - 1);
    await stack.drain();
    expect(reminders()).toHaveLength(0);

    time.set(T0 + 3 * DAY);
    await stack.drain();
    expect(reminders().map((e) => (e.detail.data as { reminder: number }).reminder)).toEqual([1]);
    await stack.drain();
    expect(reminders()).toHaveLength(1);

    time.set(T0 + 6 * DAY);
    await stack.drain();
    expect(reminders().map((e) => (e.detail.data as { reminder: number }).reminder)).toEqual([1, 2]);

    const cm = await caller(stack, ['channel-manager']);
    expect((await cm('POST', `/applications/${id}/reject`, { reason: 'Not now' })).status).toBe(200);
    time.set(T0 + 30 * DAY);
    await stack.drain();
    expect(reminders()).toHaveLength(2);
    const reviewer = await caller(stack, ['channel-manager']);
    expect((await reviewer('GET', `/applications/${id}`)).body.remindersSent).toBe(2);
    await stop(stack);
  });
});

describe('the agreement deadline: a reminder at day 7, termination at day 14, across a restart', () => {
  it('fires the reminder, survives a restart of the local runtime, and terminates the partner exactly once', async () => {
    const T0 = Date.parse('2031-06-01T08:00:00.000Z');
    const first = frozenAt(T0);
    const stack = await start(first.clock);
    const { partnerId, adminUserId, agreementId } = await approvedPartner(stack);
    const reminders = (s: LocalStack) => published(s, 'AgreementReminder', (d: { offer: { partnerId: string } }) => d.offer.partnerId === partnerId);
    // The admin signs in (its invitation is accepted at the end of the invitation window) but never accepts the agreement.
    await caller(stack, ['partner-admin'], { partnerId, userId: adminUserId, sub: adminUserId });

    first.set(T0 + 7 * DAY - 1);
    await stack.drain();
    expect(reminders(stack)).toHaveLength(0);
    first.set(T0 + 7 * DAY);
    await stack.drain();
    expect(reminders(stack)).toHaveLength(1);

    // The runtime stops; a new one starts on the same table, at the same instant.
    const tableName = stack.tableName;
    await stop(stack);
    const second = frozenAt(T0 + 7 * DAY);
    const restarted = await start(second.clock, tableName);
    second.set(T0 + 14 * DAY - 1);
    await restarted.drain();
    expect(published(restarted, 'OnboardingExpired')).toHaveLength(0);
    expect(published(restarted, 'AgreementReminder')).toHaveLength(0);

    second.set(T0 + 14 * DAY);
    await restarted.drain();
    await restarted.drain();
    const expired = published(restarted, 'OnboardingExpired', (d: { partner: { id: string } }) => d.partner.id === partnerId);
    expect(expired).toHaveLength(1);
    expect(reminders(restarted)).toHaveLength(0);

    const cm = await caller(restarted, ['channel-manager']);
    const partner = (await cm('GET', `/partners/${partnerId}`)).body;
    expect(partner).toMatchObject({ status: 'terminated', statusReason: 'agreement-not-accepted' });
    const offer = (await cm('GET', `/partners/${partnerId}/agreements`)).body.items[0];
    expect(offer.status).toBe('expired');
    const history = (await cm('GET', `/partners/${partnerId}/history`)).body.items;
    // Partners terminates the partner (its event, whoever caused it), then disables its users.
    expect(history.filter((h: { action: string }) => h.action === 'PartnerTerminated')).toEqual([
      expect.objectContaining({ subject: partnerId, changes: expect.arrayContaining([{ field: 'status', from: 'onboarding', to: 'terminated' }]) }),
    ]);
    const statusChanges = (h: { action: string; changes: { field: string }[] }) =>
      h.action === 'PartnerUserUpdated' && h.changes.some((c) => c.field === 'status');
    expect(history.filter(statusChanges)).toEqual([
      expect.objectContaining({ subject: adminUserId, changes: [{ field: 'status', from: 'active', to: 'disabled' }] }),
    ]);

    const partnerAdmin = await caller(restarted, ['partner-admin'], { partnerId, userId: adminUserId, sub: adminUserId });
    const late = await partnerAdmin('POST', `/partners/${partnerId}/agreements/${agreementId}/accept`);
    // A terminated partner's users have no access at all: the status gate answers before the offer is read.
    expect([late.status, late.body?.type]).toEqual([403, 'https://channelbase.dev/problems/partner-terminated']);

    second.set(T0 + 60 * DAY);
    await restarted.drain();
    expect(published(restarted, 'OnboardingExpired')).toHaveLength(1);
    await stop(restarted);
  });

  it('an accepted agreement ends the workflow: no reminder, no expiry', async () => {
    const T0 = Date.parse('2031-07-01T08:00:00.000Z');
    const time = frozenAt(T0);
    const stack = await start(time.clock);
    const { partnerId, adminUserId, agreementId } = await approvedPartner(stack);
    time.set(T0 + 2 * DAY);
    const partnerAdmin = await caller(stack, ['partner-admin'], { partnerId, userId: adminUserId, sub: adminUserId });
    expect((await partnerAdmin('POST', `/partners/${partnerId}/agreements/${agreementId}/accept`)).status).toBe(200);
    time.set(T0 + 20 * DAY);
    await stack.drain();
    expect(published(stack, 'AgreementReminder')).toHaveLength(0);
    expect(published(stack, 'OnboardingExpired')).toHaveLength(0);
    expect(published(stack, 'PartnerActivated', (d: { partner: { id: string } }) => d.partner.id === partnerId)).toHaveLength(1);
    const cm = await caller(stack, ['channel-manager']);
    expect((await cm('GET', `/partners/${partnerId}`)).body.status).toBe('active');
    await stop(stack);
  });
});

describe('concurrent applications for one organisation', () => {
  it('20 at once for the same web domain: exactly the cap (3) is stored, one original and 2 flagged duplicates; 17 are refused with 429 and write nothing', async () => {
    const stack = await start(new ManualClock({ now: () => new Date() }));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        apply(
          stack,
          applicationBody({
            company: {
              webDomain: i % 2 ? 'shop.umbrella.co.uk' : 'umbrella.co.uk',
              legalName: `Umbrella Branch ${i} Ltd`,
              taxId: `GB10000${String(i).padStart(4, '0')}`,
            },
          }),
        ),
      ),
    );
    const stored = answers.filter((a) => a.status === 202);
    expect(stored).toHaveLength(OPEN_APPLICATIONS_PER_DOMAIN);
    for (const refused of answers.filter((a) => a.status !== 202)) {
      expectProblem(refused, 429, 'too-many-open-applications');
      // Until the first place lapses: one review window.
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan((REVIEW_WINDOW_DAYS - 1) * 86_400);
    }
    const ids = stored.map((a) => a.body.id as string);
    expect(new Set(ids).size).toBe(OPEN_APPLICATIONS_PER_DOMAIN);

    const cm = await caller(stack, ['channel-manager']);
    const apps = await Promise.all(ids.map(async (id) => (await cm('GET', `/applications/${id}`)).body));
    const originals = apps.filter((a) => a.checks.duplicate.passed);
    expect(originals).toHaveLength(1);
    const original = originals[0]!;
    for (const dup of apps.filter((a) => a !== original)) {
      expect(dup.flagged).toBe(true);
      expect(dup.checks.duplicate.matches).toEqual([{ on: 'webDomain', value: 'umbrella.co.uk', kind: 'application', id: original.id }]);
    }
    const listed = (await cm('GET', '/applications?status=pending&limit=100')).body.items.map((a: { id: string }) => a.id);
    expect(listed).toEqual(expect.arrayContaining(ids));
    await stack.drain();
    const umbrella = (d: { application?: { company: { webDomain: string } } }) => d.application?.company.webDomain.endsWith('umbrella.co.uk') ?? false;
    expect(published(stack, 'ApplicationSubmitted', umbrella)).toHaveLength(OPEN_APPLICATIONS_PER_DOMAIN);
    expect(published(stack, 'ApplicationFlaggedDuplicate', (d: { applicationId: string }) => ids.includes(d.applicationId))).toHaveLength(2);

    // A decision frees its place: the next application for the domain is stored.
    expect((await cm('POST', `/applications/${ids[1]}/reject`, { reason: 'Duplicate' })).status).toBe(200);
    expect((await apply(stack, applicationBody({ company: { webDomain: 'umbrella.co.uk' } }))).status).toBe(202);
    expectProblem(await apply(stack, applicationBody({ company: { webDomain: 'umbrella.co.uk' } })), 429, 'too-many-open-applications');
    await stop(stack);
  });
});

describe('the review window: identity-key claims and places under the caps lapse when nobody decides', () => {
  const org = (tag: string) => ({ webDomain: `squat-${tag}.example.com`, legalName: `Squat ${tag} Holdings Ltd`, taxId: `GB${tag}` });

  // Promise: a squatter's claim holds for the review window and no longer: a later genuine application is then not its duplicate.
  it('an undecided application flags later ones as its duplicates until day 30; from then on it holds nothing and cannot be decided', async () => {
    const clock = new ManualClock({ now: () => new Date('2026-05-04T10:00:00Z') });
    const stack = await start(clock);
    // A token of the moment: the clock moves by days.
    const cm = async (method: string, path: string, body?: unknown) => (await caller(stack, ['channel-manager']))(method, path, body);
    const company = org('1234567890');
    const squatter = await apply(stack, applicationBody({ company }));
    expect(squatter.status).toBe(202);

    clock.advance({ days: REVIEW_WINDOW_DAYS - 1 });
    const early = await apply(stack, applicationBody({ company }));
    expect(early.status, early.text).toBe(202);
    const earlyApp = (await cm('GET', `/applications/${early.body.id}`)).body;
    expect(earlyApp.checks.duplicate.matches.map((m: { id: string }) => m.id)).toEqual([squatter.body.id, squatter.body.id, squatter.body.id]);

    clock.advance({ days: 1 });
    const genuine = await apply(stack, applicationBody({ company }));
    expect(genuine.status).toBe(202);
    const genuineApp = (await cm('GET', `/applications/${genuine.body.id}`)).body;
    expect(genuineApp.checks.duplicate).toEqual({ passed: true, matches: [] });
    expect(genuineApp.flagged).toBe(false);
    // The genuine application now holds the keys: the next one is its duplicate.
    const next = await apply(stack, applicationBody({ company }));
    const nextApp = (await cm('GET', `/applications/${next.body.id}`)).body;
    expect(new Set(nextApp.checks.duplicate.matches.map((m: { id: string }) => m.id))).toEqual(new Set([genuine.body.id]));

    // The squatter's window has closed: no decision can revive its claims.
    expectProblem(await cm('POST', `/applications/${squatter.body.id}/approve`, {}), 409, 'conflict');
    expectProblem(await cm('POST', `/applications/${squatter.body.id}/reject`, { reason: 'Too late' }), 409, 'conflict');
    await stop(stack);
  });

  // Promise: one address holds at most the per-source cap of open applications, whatever the per-minute limit allows; they lapse after the window.
  it(`one address: ${OPEN_APPLICATIONS_PER_SOURCE} open applications, then 429 too-many-open-applications until a place lapses`, async () => {
    const clock = new ManualClock({ now: () => new Date('2026-06-01T10:00:00Z') });
    const stack = await start(clock);
    const from = '127.78.0.1';
    const send = () => request(stack.url, undefined, 'POST', '/applications', { body: applicationBody(), from });
    const first = await Promise.all(Array.from({ length: OPEN_APPLICATIONS_PER_SOURCE }, send));
    expect(first.map((r) => r.status)).toEqual(Array(OPEN_APPLICATIONS_PER_SOURCE).fill(202));
    // The per-minute limit admits more a minute later; the cap does not.
    clock.advance({ minutes: 1 });
    const refused = await send();
    expectProblem(refused, 429, 'too-many-open-applications');
    expect(Number(refused.headers.get('retry-after'))).toBe(REVIEW_WINDOW_DAYS * 86_400 - 60);
    clock.advance({ days: REVIEW_WINDOW_DAYS });
    expect((await send()).status).toBe(202);
    await stop(stack);
  });
});

describe('the review sweep: one scheduled job instead of an execution per application', () => {
  const exists = async (stack: LocalStack, pk: string, sk: string) => {
    const client = localClient(stack.dynamoEndpoint);
    try {
      return (
        (await client.send(new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }))).Item !== undefined
      );
    } finally {
      client.destroy();
    }
  };

  // Promise: at the first tick after the window closes, the sweep records the expiry once and deletes the claims and places.
  it('expires an undecided application at day 30: status expired, ApplicationExpired once, its keys and places deleted, no reminder after', async () => {
    const T0 = Date.parse('2031-08-01T08:00:00.000Z');
    const time = frozenAt(T0);
    const stack = await start(time.clock);
    const company = { webDomain: 'expiring-7781.example.com', legalName: 'Expiring 7781 Ltd', taxId: 'GB778100001' };
    const id = (await apply(stack, applicationBody({ company }))).body.id as string;
    const { heldKeys, heldSlots } = await getApplication(id);
    expect(heldKeys).toHaveLength(3);
    expect(heldSlots.map((h) => h.scope)).toEqual(['domain', 'source']);

    time.set(T0 + REVIEW_WINDOW_DAYS * DAY - 1);
    await stack.drain();
    expect(published(stack, 'ApplicationExpired', (d: { applicationId: string }) => d.applicationId === id)).toHaveLength(0);
    time.set(T0 + REVIEW_WINDOW_DAYS * DAY);
    await stack.drain();
    time.set(T0 + (REVIEW_WINDOW_DAYS + 6) * DAY);
    await stack.drain();

    expect(published(stack, 'ApplicationExpired', (d: { applicationId: string }) => d.applicationId === id).map((e) => e.detail.data)).toEqual([
      { applicationId: id, submittedAt: new Date(T0).toISOString(), expiredAt: new Date(T0 + REVIEW_WINDOW_DAYS * DAY).toISOString() },
    ]);
    const reminders = published(stack, 'ApplicationReviewReminder', (d: { applicationId: string }) => d.applicationId === id);
    // The clock jumped to day 30 at once: one reminder, for the period the sweep found it in (day 27: the 9th), none after the expiry.
    expect(reminders.map((e) => (e.detail.data as { reminder: number }).reminder)).toEqual([9]);
    const cm = await caller(stack, ['channel-manager']);
    expect((await cm('GET', `/applications/${id}`)).body).toMatchObject({ status: 'expired' });
    expect((await cm('GET', '/applications?status=expired')).body.items.map((a: { id: string }) => a.id)).toContain(id);
    for (const [on, value] of heldKeys) expect(await exists(stack, `ORGKEY#${on}#${value}`, 'HOLDER'), `${on} key`).toBe(false);
    for (const h of heldSlots) expect(await exists(stack, `APPLICATION#OPEN#${h.scope}#${h.value}`, `SLOT#0${h.slot}`), `${h.scope} place`).toBe(false);
    await stop(stack);
  });

  // Promise: a decision made while the sweep works on the application is the expected race: a no-op ("stale"), never an error.
  it('a decision between the sweep reading an application and writing its reminder: stale, no reminder, nothing thrown', async () => {
    const T0 = Date.parse('2031-09-01T08:00:00.000Z');
    const time = frozenAt(T0);
    const stack = await start(time.clock);
    const id = (await apply(stack, applicationBody())).body.id as string;
    time.set(T0 + 3 * DAY + 60_000);
    // What the sweep read, before the decision.
    const snapshot = (await getApplication(id)) as Awaited<ReturnType<typeof getApplication>>;
    const cm = await caller(stack, ['channel-manager']);
    expect((await cm('POST', `/applications/${id}/reject`, { reason: 'Decided meanwhile' })).status).toBe(200);
    await expect(reviewPending(snapshot)).resolves.toBe('stale');
    await stack.drain();
    expect(published(stack, 'ApplicationReviewReminder', (d: { applicationId: string }) => d.applicationId === id)).toHaveLength(0);
    expect((await cm('GET', `/applications/${id}`)).body).toMatchObject({ status: 'rejected', remindersSent: 0 });
    await stop(stack);
  });

  // Promise: a run out of time saves where it stopped and says so; the next runs go on from there until every pending application was seen.
  it('continues across runs from its saved cursor when its time budget runs out', async () => {
    const T0 = Date.parse('2031-10-01T08:00:00.000Z');
    const stack = await start(frozenAt(T0).clock);
    for (let i = 0; i < 3; i++) expect((await apply(stack, applicationBody())).status).toBe(202);
    let pending = 0;
    for (let start: Record<string, unknown> | undefined, first = true; first || start; first = false) {
      const page = await pendingApplications(100, start);
      pending += page.items.length;
      start = page.next;
    }
    const runs = [];
    for (let i = 0; i < pending + 2; i++) {
      const run = await sweepReviews(() => 0, 1);
      runs.push(run);
      if (!run.more) break;
    }
    expect(runs.at(-1)!.more).toBe(false);
    expect(runs.reduce((n, r) => n + r.seen, 0)).toBe(pending);
    // The cursor was reset: a new run starts from the oldest again.
    expect((await sweepReviews(() => 60_000, 100)).seen).toBe(pending);
    await stop(stack);
  });
});

describe('a redelivered start: two executions of one agreement workflow (EventBridge names no execution)', () => {
  const step = (input: WorkflowStepInput) => agreementStep(input, lambdaContext('agreement-acceptance')) as Promise<WorkflowStepResult>;

  /**
   * Makes the two executions' steps really race: every transaction waits until both steps have
   * read the offer, so both write on the same version and one of them loses (as two Lambdas
   * would). Without the re-read on a lost race the losing step would throw.
   */
  async function racing<T>(steps: () => Promise<T>): Promise<T> {
    let reads = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((r) => (release = r));
    const stackOf = dynamo().middlewareStack as unknown as {
      add(m: unknown, o: Record<string, string>): void;
      remove(name: string): boolean;
    };
    stackOf.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: { Key?: { sk?: string } } }) => {
        if (context.commandName === 'GetCommand' && String(args.input.Key?.sk).startsWith('OFFER#') && ++reads === 2) release();
        if (context.commandName === 'TransactWriteCommand') await bothRead;
        return next(args);
      },
      { step: 'initialize', name: 'twoExecutionsRace' },
    );
    try {
      return await steps();
    } finally {
      stackOf.remove('twoExecutionsRace');
    }
  }

  // Promise: a second execution of the same offer competes with the first at every step, and neither throws (no Lambda error alarm); each effect happens once.
  it('both executions run every step side by side: one reminder, one termination, no step fails', async () => {
    const T0 = Date.parse('2031-11-03T08:00:00.000Z');
    const time = frozenAt(T0);
    const stack = await start(time.clock);
    const { partnerId } = await approvedPartner(stack);
    const offered = stack.bus.published.find(
      (e) => e['detail-type'] === 'AgreementOffered' && (e.detail.data as { offer: { partnerId: string } }).offer.partnerId === partnerId,
    )!;
    // The same start event delivered twice, as an EventBridge retry or an archive replay would: two executions.
    const [a, b] = await Promise.all([step({ event: offered } as WorkflowStepInput), step({ event: offered } as WorkflowStepInput)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ done: false, step: 'remind' });

    time.set(Date.parse((a as { wakeAt: string }).wakeAt));
    const reminded = await racing(() => Promise.all([step(a as WorkflowStepInput), step(b as WorkflowStepInput)]));
    expect(reminded.map((r) => r.done === false && r.step)).toEqual(['expire', 'expire']);

    time.set(Date.parse((reminded[0] as { wakeAt: string }).wakeAt));
    const ended = await racing(() => Promise.all(reminded.map((r) => step(r as WorkflowStepInput))));
    expect(ended).toEqual([{ done: true }, { done: true }]);

    await stack.drain();
    const mine = (d: { offer?: { partnerId: string }; partner?: { id: string } }) => (d.offer?.partnerId ?? d.partner?.id) === partnerId;
    expect(published(stack, 'AgreementReminder', mine)).toHaveLength(1);
    expect(published(stack, 'OnboardingExpired', mine)).toHaveLength(1);
    expect(published(stack, 'PartnerTerminated', (d: { partner: { id: string } }) => d.partner.id === partnerId)).toHaveLength(1);
    await stop(stack);
  });
});
