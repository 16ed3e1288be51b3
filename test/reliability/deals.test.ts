import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '@channelbase/local';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';
import { dealBody } from '../support/deals.ts';
import { registerFromLead } from '../../functions/deals/index.ts';
import { getItem } from './helpers.ts';

/**
 * Deal registration under concurrency: the database, not the code's reads, keeps "at most one
 * running protection per customer and product line" (protection items written with
 * attribute_not_exists in the approving transaction), whatever races the registrations and the
 * approvals run.
 */

const t = useStack();

async function vendor() {
  return t.as('vendor-admin');
}

async function partners(n: number, tier = 'gold'): Promise<{ id: string; sales: Caller }[]> {
  const admin = await vendor();
  return Promise.all(
    Array.from({ length: n }, async () => {
      const res = await admin.call('POST', '/partners', { body: partnerBody({ tier }) });
      expect(res.status, res.text).toBe(201);
      return { id: res.body.id as string, sales: await t.as('partner-sales', { partnerId: res.body.id }) };
    }),
  );
}

/** The deal rules as the file found them: every test starts from them, even after one failed half-way (no rules leak into the next). */
let initialRules: Record<string, unknown>;
beforeAll(async () => {
  const { version: _v, updatedAt: _u, ...rules } = (await (await vendor()).call('GET', '/programme/deal-rules')).body;
  initialRules = rules;
});
afterEach(async () => setRules(initialRules));

async function setRules(patch: Record<string, unknown>) {
  const admin = await vendor();
  const current = await admin.call('GET', '/programme/deal-rules');
  const { version: _v, updatedAt: _u, ...rules } = current.body;
  const put = await admin.call('PUT', '/programme/deal-rules', { body: { ...rules, ...patch }, headers: { 'if-match': current.headers.get('etag')! } });
  expect(put.status, put.text).toBe(200);
}

/** The protection items of one customer key, straight from the table. */
async function protections(on: 'webDomain' | 'legalName', value: string): Promise<Record<string, unknown>[]> {
  const client = DynamoDBDocumentClient.from(localClient(t.stack.dynamoEndpoint));
  const res = await client.send(
    new QueryCommand({
      TableName: t.stack.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `DEAL#PROTECTION#${on}#${value}` },
      ConsistentRead: true,
    }),
  );
  client.destroy();
  return res.Items ?? [];
}

const AUTO = { autoApprove: { enabled: true, thresholds: [{ amountMinor: 10_000_000, currency: 'EUR' }], tiers: ['gold'] } };

describe('registration race', () => {
  it('50 concurrent registrations of one customer and product line by 10 partners, auto-approval on: exactly one approved, the others flagged and waiting, never two protections', async () => {
    await setRules(AUTO);
    const ten = await partners(10);
    const body = dealBody({ customer: { legalName: 'Race Health Ltd', webDomain: 'race-health.example' } });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => ten[i % 10]!.sales.call('POST', '/deals', { body })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));

    const cm = await t.as('channel-manager');
    const stored = await Promise.all(results.map(async (r) => (await cm.call('GET', `/deals/${r.body.id}`)).body));
    const approved = stored.filter((d) => d.status === 'approved');
    expect(approved).toHaveLength(1);
    const winner = approved[0]!;
    // Every other partner's registration is flagged and waits for review.
    const others = stored.filter((d) => d.partnerId !== winner.partnerId);
    expect(others).toHaveLength(45);
    for (const d of others) expect([d.status, d.verdict]).toEqual(['under_review', 'possible-conflict']);
    // The winner's own further registrations wait for review too (its first holds the protection).
    for (const d of stored.filter((x) => x.partnerId === winner.partnerId && x.id !== winner.id)) expect(['submitted', 'under_review']).toContain(d.status);

    for (const [on, value] of [
      ['webDomain', 'race-health.example'],
      ['legalName', 'race health'],
    ] as const) {
      const held = await protections(on, value);
      expect(held.map((p) => [p.sk, p.registrationId])).toEqual([['LINE#networking', winner.id]]);
    }
    await t.stack.drain();
    const approvedEvents = t.stack.bus.published.filter(
      (e) => e['detail-type'] === 'DealApproved' && stored.some((d) => d.id === (e.detail.data as { registration: { id: string } }).registration.id),
    );
    expect(approvedEvents).toHaveLength(1);
  });
});

describe('approval race', () => {
  it('two channel managers approving the same conflicting registrations at once: one approval stands, never two protections', async () => {
    const ten = await partners(10);
    const body = dealBody({ customer: { legalName: 'Photo Finish GmbH', webDomain: 'photo-finish.example' } });
    const registered = await Promise.all(ten.map((p) => p.sales.call('POST', '/deals', { body })));
    expect(registered.map((r) => r.status)).toEqual(Array(10).fill(201));
    const [one, two] = [await t.as('channel-manager'), await t.as('channel-manager')];
    const approvals = await Promise.all(registered.flatMap((r) => [one, two].map((cm) => cm.call('POST', `/deals/${r.body.id}/approve`, { body: {} }))));
    expect(approvals.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of approvals.filter((x) => x.status !== 200)) expect(a.status, a.text).toBe(409);
    const winner = approvals.find((a) => a.status === 200)!.body.id as string;
    for (const [on, value] of [
      ['webDomain', 'photo-finish.example'],
      ['legalName', 'photo finish'],
    ] as const) {
      expect((await protections(on, value)).map((p) => p.registrationId)).toEqual([winner]);
    }
    const cm = await t.as('channel-manager');
    const list = await cm.call('GET', '/deals?status=approved&limit=200');
    expect(list.body.items.filter((d: { customer: { webDomain: string } }) => d.customer.webDomain === 'photo-finish.example')).toHaveLength(1);
  });

  it('with the first-registrant policy a later conflict approved anyway gets the reduced benefit and no protection', async () => {
    await setRules({ firstRegistrantWins: { enabled: true, reducedBenefit: { extraDiscountPercent: 1, incentiveEligible: false } } });
    const [a, b] = (await partners(2)) as [{ id: string; sales: Caller }, { id: string; sales: Caller }];
    const body = dealBody();
    const first = (await a.sales.call('POST', '/deals', { body })).body;
    const later = (await b.sales.call('POST', '/deals', { body })).body;
    const cm = await t.as('channel-manager');
    const reduced = await cm.call('POST', `/deals/${later.id}/approve`, { body: {} });
    expect(reduced.status, reduced.text).toBe(200);
    expect(reduced.body).toMatchObject({
      status: 'approved',
      // No protection held, but the approval ends when protection would (the sweep expires it).
      protection: { running: false, releasedAt: null, expiresAt: expect.any(String) },
      benefit: { extraDiscountPercent: 1, incentiveEligible: false },
      decision: { policy: 'first-registrant-reduced', rulesVersion: expect.any(Number) },
    });
    const full = await cm.call('POST', `/deals/${first.id}/approve`, { body: {} });
    expect(full.body).toMatchObject({ status: 'approved', protection: { running: true }, decision: { policy: 'standard' } });
    expect((await protections('webDomain', body.customer.webDomain)).map((p) => p.registrationId)).toEqual([first.id]);
  });
});

describe('a converted lead registers its deal directly', () => {
  it('registers once for the partner that owns the lead, storing the lead id and committing the lead side in the same transaction', async () => {
    const [owner] = await partners(1);
    const leadId = 'lead_01JD5A0B1C2D3E4F5G6H7J8K9M';
    const { partnerId: _p, ...registration } = { partnerId: undefined, ...dealBody() };
    const seen: string[] = [];
    const actor = { sub: 'system', roles: ['system'] };
    // The leads side's write (the lead marked converted, naming its registration) rides in the registration's transaction.
    const leadSide = (dealId: string) => {
      seen.push(dealId);
      return {
        writes: [{ item: { Put: { TableName: t.stack.tableName, Item: { pk: `TEST#${leadId}`, sk: 'LEAD', status: 'converted', dealId } } } }],
        events: [],
      };
    };
    const deal = await registerFromLead({ leadId, partnerId: owner!.id, registration, actor, with: leadSide });
    expect(deal).toMatchObject({ partnerId: owner!.id, leadId, status: 'submitted' });
    expect(seen).toEqual([deal.id]);
    expect(await getItem(t.stack, `TEST#${leadId}`, 'LEAD')).toMatchObject({ status: 'converted', dealId: deal.id });
    // A second conversion of the same lead answers the first registration and registers nothing.
    const again = await registerFromLead({ leadId, partnerId: owner!.id, registration, actor });
    expect(again.id).toBe(deal.id);
    const read = await owner!.sales.call('GET', `/deals/${deal.id}`);
    expect(read.body.leadId).toBe(leadId);
    const list = await owner!.sales.call('GET', '/deals');
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([deal.id]);
  });
});
