import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ManualClock, type Role } from '@channelbase/core';
import { type LocalStack, type TokenRequest, startLocalStack } from '@channelbase/local';
import { type ApiResponse, dropTable, partnerBody, request } from '../support/stack.ts';
import { dealBody } from '../support/deals.ts';
import { getItem } from './helpers.ts';

/**
 * The deals sweep (hourly, over the due index): review reminders and escalation from the clock,
 * each once; protection that runs out expires once, releasing the customer; one extension before
 * expiry. Each scenario runs its own runtime on a clock that moves only when told.
 */

const DAY = 86_400_000;
const TABLE = `test-${randomUUID()}`;
const running = new Set<LocalStack>();
afterAll(async () => {
  for (const s of running) await s.stop();
  await dropTable(inject('dynamoEndpoint'), TABLE);
});

const frozenAt = (at: number) => {
  let now = at;
  return { clock: new ManualClock({ now: () => new Date(now) }), set: (t: number) => (now = t) };
};
const start = (clock: ManualClock) =>
  startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: TABLE, port: 0, clock }).then((s) => (running.add(s), s));

async function caller(stack: LocalStack, roles: Role[], extra: Partial<TokenRequest> = {}) {
  const token = await stack.token({ sub: `t-${randomUUID().slice(0, 8)}`, roles, ...extra });
  return (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(stack.url, token, method, path, body === undefined ? {} : { body });
}
const published = (stack: LocalStack, type: string, id: string) =>
  stack.bus.published.filter(
    (e) =>
      e['detail-type'] === type &&
      ((e.detail.data as { registrationId?: string; registration?: { id: string } }).registrationId ??
        (e.detail.data as { registration?: { id: string } }).registration?.id) === id,
  );

async function partner(stack: LocalStack) {
  const admin = await caller(stack, ['vendor-admin']);
  const res = await admin('POST', '/partners', partnerBody());
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}
const body = (overrides = {}) => dealBody({ expectedCloseDate: '2032-12-31', ...overrides });

describe('the review SLA: a reminder after 24 hours, the escalation at 2 days, each once', () => {
  it('fires from the clock, once each, and not after a decision', async () => {
    const T0 = Date.parse('2031-05-01T08:00:00.000Z');
    const time = frozenAt(T0);
    const stack = await start(time.clock);
    const partnerId = await partner(stack);
    const sales = await caller(stack, ['partner-sales'], { partnerId });
    const deal = (await sales('POST', '/deals', body())).body;
    const undecided = (await sales('POST', '/deals', body())).body;
    await stack.drain();

    time.set(T0 + DAY - 1);
    await stack.drain();
    expect(published(stack, 'DealReviewReminder', deal.id)).toHaveLength(0);
    time.set(T0 + DAY);
    await stack.drain();
    await stack.drain();
    expect(published(stack, 'DealReviewReminder', deal.id)).toHaveLength(1);
    expect(published(stack, 'DealReviewEscalated', deal.id)).toHaveLength(0);

    const cm = await caller(stack, ['channel-manager']);
    expect((await cm('POST', `/deals/${deal.id}/reject`, { reason: 'Not eligible' })).status).toBe(200);
    time.set(T0 + 2 * DAY);
    await stack.drain();
    time.set(T0 + 10 * DAY);
    await stack.drain();
    expect(published(stack, 'DealReviewEscalated', deal.id)).toHaveLength(0);
    expect(published(stack, 'DealReviewReminder', undecided.id)).toHaveLength(1);
    const escalated = published(stack, 'DealReviewEscalated', undecided.id);
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.detail.data).toEqual({ registrationId: undecided.id, submittedAt: undecided.submittedAt, reviewDueAt: undecided.reviewDueAt });
    const read = await (await caller(stack, ['channel-manager']))('GET', `/deals/${undecided.id}`);
    expect(read.body).toMatchObject({ reviewReminded: true, reviewEscalated: true, status: 'submitted' });
    running.delete(stack);
    await stack.stop();
  });
});

describe('protection: 90 days, one extension of 30 before expiry, then expiry releases the customer', () => {
  it('extends once, expires once at the extended end, and frees the customer and product line', async () => {
    const T0 = Date.parse('2031-07-01T08:00:00.000Z');
    const time = frozenAt(T0);
    const stack = await start(time.clock);
    const [owner, other] = [await partner(stack), await partner(stack)];
    const registration = body();
    const deal = (await (await caller(stack, ['partner-sales'], { partnerId: owner }))('POST', '/deals', registration)).body;
    const approved = await (await caller(stack, ['channel-manager']))('POST', `/deals/${deal.id}/approve`, {});
    expect(approved.body.protection.expiresAt).toBe(new Date(T0 + 90 * DAY).toISOString());

    time.set(T0 + 10 * DAY);
    const sales = await caller(stack, ['partner-sales'], { partnerId: owner });
    const extended = await sales('POST', `/deals/${deal.id}/extend`);
    expect(extended.status, extended.text).toBe(200);
    expect(extended.body.protection).toMatchObject({ extended: true, expiresAt: new Date(T0 + 120 * DAY).toISOString() });
    expect((await sales('POST', `/deals/${deal.id}/extend`)).status).toBe(409);

    time.set(T0 + 90 * DAY);
    await stack.drain();
    expect(published(stack, 'DealExpired', deal.id)).toHaveLength(0);
    expect(await getItem(stack, `DEAL#PROTECTION#webDomain#${registration.customer.webDomain}`, 'LINE#networking')).toMatchObject({ registrationId: deal.id });

    time.set(T0 + 120 * DAY);
    await stack.drain();
    await stack.drain();
    expect(published(stack, 'DealExpired', deal.id)).toHaveLength(1);
    const cm = await caller(stack, ['channel-manager']);
    expect((await cm('GET', `/deals/${deal.id}`)).body).toMatchObject({
      status: 'expired',
      protection: { running: false, releasedAt: new Date(T0 + 120 * DAY).toISOString() },
    });
    expect(await getItem(stack, `DEAL#PROTECTION#webDomain#${registration.customer.webDomain}`, 'LINE#networking')).toBeUndefined();
    const late = await caller(stack, ['partner-sales'], { partnerId: owner });
    expect((await late('POST', `/deals/${deal.id}/extend`)).status).toBe(409);
    // The customer is free: another partner's registration is no conflict, and its approval gets the protection.
    const next = (await (await caller(stack, ['partner-sales'], { partnerId: other }))('POST', '/deals', registration)).body;
    expect(next.verdict).toBe('no-conflict');
    expect((await cm('POST', `/deals/${next.id}/approve`, {})).body.protection.running).toBe(true);
    running.delete(stack);
    await stack.stop();
  });
});

describe('an approval without protection (the first-registrant policy) ends when protection would', () => {
  it('expires after the protection period, releasing nothing, beside the first registrant expiring with its protection', async () => {
    const T0 = Date.parse('2031-09-01T08:00:00.000Z');
    const time = frozenAt(T0);
    const stack = await start(time.clock);
    const token = await stack.token({ sub: 'rules-admin', roles: ['vendor-admin'] });
    const current = await request(stack.url, token, 'GET', '/programme/deal-rules');
    const { version: _v, updatedAt: _u, ...rules } = current.body;
    const policy = { enabled: true, reducedBenefit: { extraDiscountPercent: 1, incentiveEligible: false } };
    const put = await request(stack.url, token, 'PUT', '/programme/deal-rules', {
      body: { ...rules, firstRegistrantWins: policy },
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(put.status, put.text).toBe(200);
    const [first, later] = [await partner(stack), await partner(stack)];
    const registration = body();
    const a = (await (await caller(stack, ['partner-sales'], { partnerId: first }))('POST', '/deals', registration)).body;
    expect((await (await caller(stack, ['channel-manager']))('POST', `/deals/${a.id}/approve`, {})).body.protection).toMatchObject({ running: true });
    time.set(T0 + DAY);
    const b = (await (await caller(stack, ['partner-sales'], { partnerId: later }))('POST', '/deals', registration)).body;
    const reduced = (await (await caller(stack, ['channel-manager']))('POST', `/deals/${b.id}/approve`, {})).body;
    expect(reduced).toMatchObject({ status: 'approved', decision: { policy: 'first-registrant-reduced' }, protection: { running: false, releasedAt: null } });
    expect(reduced.protection.expiresAt).toBe(new Date(T0 + 91 * DAY).toISOString());

    time.set(T0 + 90 * DAY);
    await stack.drain();
    expect(published(stack, 'DealExpired', a.id)).toHaveLength(1);
    expect(published(stack, 'DealExpired', b.id)).toHaveLength(0);
    expect(await getItem(stack, `DEAL#PROTECTION#webDomain#${registration.customer.webDomain}`, 'LINE#networking')).toBeUndefined();

    time.set(T0 + 91 * DAY);
    await stack.drain();
    expect(published(stack, 'DealExpired', b.id)).toHaveLength(1);
    expect((await (await caller(stack, ['channel-manager']))('GET', `/deals/${b.id}`)).body).toMatchObject({
      status: 'expired',
      protection: { running: false, releasedAt: null },
    });
    running.delete(stack);
    await stack.stop();
  });
});
