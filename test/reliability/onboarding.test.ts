import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ManualClock, type Role } from '@channelbase/core';
import { type LocalStack, type TokenRequest, startLocalStack } from '@channelbase/local';
import { type ApiResponse, dropTable, request } from '../support/stack.ts';
import { applicationBody } from '../support/onboarding.ts';

/**
 * Onboarding under time and concurrency: the review SLA and agreement deadline fire from the
 * injected clock, survive a restart of the local runtime and fire once; concurrent applications
 * for one organisation are all kept, one as the original and the rest flagged as its duplicates.
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
  it('20 at once for the same web domain: one proceeds, 19 are flagged as its duplicates, none is lost', async () => {
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
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
    const ids = answers.map((a) => a.body.id as string);
    expect(new Set(ids).size).toBe(20);

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
    const mine = (d: { application?: { id: string }; applicationId?: string }) => ids.includes(d.application?.id ?? d.applicationId ?? '');
    expect(published(stack, 'ApplicationSubmitted', mine)).toHaveLength(20);
    expect(published(stack, 'ApplicationFlaggedDuplicate', mine)).toHaveLength(19);
    await stop(stack);
  });
});
