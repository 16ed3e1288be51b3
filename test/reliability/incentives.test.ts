import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { newId } from '@channelbase/core';
import { dynamo } from '@channelbase/platform';
import { partnerBody, useStack } from '../support/stack.ts';
import { exampleProgrammeInput } from '../support/incentives.ts';
import { seeded } from '../support/cognito.ts';
import { accrualHandler, dealEvent, wonData } from '../support/incentives-events.ts';

const t = useStack();

const today = () => new Date().toISOString().slice(0, 10);
const thisMonth = () => today().slice(0, 7);

interface DealShape {
  partner: number;
  second: { partner: number; role: 'distributor' | 'reseller' | 'referral' } | null;
  lines: { productLine: string; amountMinor: number }[];
  reversed: boolean;
}

/** Deals across three partners: one line and two, two-partner deals, and two reversed wins. */
const SHAPES: DealShape[] = [
  { partner: 0, second: null, lines: [{ productLine: 'networking', amountMinor: 400_001 }], reversed: false },
  { partner: 0, second: { partner: 1, role: 'distributor' }, lines: [{ productLine: 'security', amountMinor: 123_457 }], reversed: false },
  {
    partner: 1,
    second: null,
    lines: [
      { productLine: 'networking', amountMinor: 250_000 },
      { productLine: 'security', amountMinor: 99_999 },
    ],
    reversed: true,
  },
  { partner: 2, second: { partner: 0, role: 'reseller' }, lines: [{ productLine: 'networking', amountMinor: 1_000_003 }], reversed: true },
  { partner: 2, second: null, lines: [{ productLine: 'security', amountMinor: 55_555 }], reversed: false },
];

/** The events of the deals for one set of partners, each with fresh deal and event ids. */
function eventsFor(partners: string[]) {
  return SHAPES.flatMap((shape) => {
    const partnerId = partners[shape.partner]!;
    const secondPartner = shape.second && { partnerId: partners[shape.second.partner]!, role: shape.second.role };
    const data = wonData({ partnerId, secondPartner, lines: shape.lines, closeDate: today() });
    const won = dealEvent('DealWon', newId('event'), partnerId, data);
    const { customer: _c, closeDate: _d, protectionRunning: _p, leadId: _l, ...common } = data;
    return shape.reversed ? [won, dealEvent('DealWonReversed', newId('event'), partnerId, { ...common, reason: 'Booked twice' })] : [won];
  });
}

/** Every ids a ledger names (events, deals, partners), replaced by its position, so two sets of the same deals compare equal. */
function normalised(ledger: unknown[], ids: string[]): unknown {
  let json = JSON.stringify(ledger);
  ids.forEach((id, i) => (json = json.replaceAll(id, `<${i}>`)));
  const entries = JSON.parse(json) as Record<string, unknown>[];
  return entries.map(({ recordedAt: _r, balanceMinor: _b, ...rest }) => rest).sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

/** The ids in a set's events, in a fixed order: deal, event and partner ids. */
const idsOf = (events: SQSEvent[], partners: string[]) => [
  ...events.flatMap((e) => {
    const body = JSON.parse(e.Records[0]!.body) as { detail: { eventId: string; data: { registrationId: string } } };
    return [body.detail.eventId, body.detail.data.registrationId];
  }),
  ...partners,
];

describe('accrual delivered more than once, out of order and concurrently', () => {
  it('each DealWon and DealWonReversed delivered three times, shuffled and concurrently, alone and in shared SQS batches: the ledger equals that of one ordered delivery, entry for entry', async () => {
    const admin = await t.as('vendor-admin');
    const programme = await admin.call('POST', '/incentive-programs', { body: exampleProgrammeInput() });
    expect(programme.status, programme.text).toBe(201);
    const makePartners = async () => {
      const ids: string[] = [];
      for (const tier of ['gold', 'silver', 'gold']) {
        const res = await admin.call('POST', '/partners', { body: partnerBody({ tier }) });
        expect(res.status, res.text).toBe(201);
        ids.push(res.body.id as string);
      }
      return ids;
    };
    const [once, thrice, batched] = [await makePartners(), await makePartners(), await makePartners()];
    await t.stack.drain();
    const handler = await accrualHandler();
    const deliver = async (e: SQSEvent) => expect((await handler(e)).batchItemFailures).toEqual([]);

    const ordered = eventsFor(once);
    for (const e of ordered) await deliver(e);

    const events = eventsFor(thrice);
    const random = seeded(13);
    const shuffled = (list: SQSEvent[]) =>
      list
        .map((e) => ({ e, k: random() }))
        .sort((a, b) => a.k - b.k)
        .map(({ e }) => e);
    const copies = shuffled([...events, ...events, ...events]);
    // A reversal arriving before its win, for certain: the first delivery of all.
    const reversal = events.find((e) => e.Records[0]!.body.includes('"DealWonReversed"'))!;
    copies.splice(copies.indexOf(reversal), 1);
    copies.unshift(reversal);
    await Promise.all(copies.map(deliver));

    // The same, with the copies in overlapping SQS batches of 10 records (each copy in one or two),
    // whose records share transactions (commitGroup): a batch may hold two copies of one event, or
    // a win and its reversal.
    const batchedEvents = eventsFor(batched);
    const batchedCopies = shuffled([...batchedEvents, ...batchedEvents, ...batchedEvents]);
    const batches: SQSEvent[] = [];
    for (let i = 0; i < batchedCopies.length; i += 7) batches.push({ Records: batchedCopies.slice(i, i + 10).flatMap((e) => e.Records) });
    await Promise.all(batches.map(deliver));

    const finance = await t.as('finance');
    const ledgerOf = async (partners: string[]) => {
      const entries: unknown[] = [];
      for (const id of partners) {
        const res = await finance.call('GET', `/partners/${id}/ledger?period=${thisMonth()}&limit=200`);
        expect(res.status, res.text).toBe(200);
        entries.push(...res.body.items);
      }
      return entries;
    };
    const [expected, actual, actualBatched] = [await ledgerOf(once), await ledgerOf(thrice), await ledgerOf(batched)];
    // Rebates (gold 3 %, else 2.5 %) and SPIFFs on networking, split 20 % to a distributor and 50 % to a reseller, two wins reversed.
    expect(expected.length).toBeGreaterThan(12);
    expect((expected as { kind: string }[]).filter((e) => e.kind === 'reversal').length).toBeGreaterThan(0);
    expect(normalised(actual, idsOf(events, thrice))).toEqual(normalised(expected, idsOf(ordered, once)));
    expect(normalised(actualBatched, idsOf(batchedEvents, batched))).toEqual(normalised(expected, idsOf(ordered, once)));
    // Every reversal cancels its original exactly: the reversed deals net to zero.
    const net = (expected as { amountMinor: number; dealId: string }[]).reduce<Record<string, number>>(
      (acc, e) => ({ ...acc, [e.dealId]: (acc[e.dealId] ?? 0) + e.amountMinor }),
      {},
    );
    expect(Object.values(net).filter((v) => v === 0)).toHaveLength(SHAPES.filter((s) => s.reversed).length);
    expect(t.stack.bus.deadLetters).toEqual([]);
  });

  it('a DealWonReversed that arrives before its DealWon: the win, when it comes, is reversed at once', async () => {
    const admin = await t.as('vendor-admin');
    const res = await admin.call('POST', '/partners', { body: partnerBody({ tier: 'gold' }) });
    const partners = [res.body.id as string, res.body.id as string, res.body.id as string];
    await t.stack.drain();
    const handler = await accrualHandler();
    const deliver = async (e: SQSEvent) => expect((await handler(e)).batchItemFailures).toEqual([]);
    const [won, reversed] = eventsFor(partners).slice(2, 4);
    await Promise.all([reversed!, reversed!, reversed!].map(deliver));
    await Promise.all([won!, won!, won!].map(deliver));
    const ledger = await (await t.as('finance')).call('GET', `/partners/${partners[0]}/ledger?period=${thisMonth()}`);
    const entries = ledger.body.items as { kind: string; amountMinor: number; reverses: string | null; id: string }[];
    const accruals = entries.filter((e) => e.kind === 'accrual');
    expect(accruals.length).toBeGreaterThan(0);
    expect(
      entries
        .filter((e) => e.kind === 'reversal')
        .map((e) => [e.reverses, e.amountMinor])
        .sort(),
    ).toEqual(accruals.map((e) => [e.id, -e.amountMinor]).sort());
    expect(entries.at(-1)).toMatchObject({ balanceMinor: 0 });
  });
});

describe('programme versions across accrual batches', () => {
  /** Counts the Queries of the versions index (every version of every programme) the accrual makes in this process. */
  function countVersionListReads(): { count(): number; stop(): void } {
    const client = dynamo();
    const send = client.send.bind(client);
    let reads = 0;
    client.send = ((command: { constructor: { name: string }; input: { ExpressionAttributeValues?: Record<string, unknown> } }) => {
      if (command.constructor.name === 'QueryCommand' && command.input.ExpressionAttributeValues?.[':pk'] === 'INCENTIVE#VERSIONS') reads++;
      return send(command as never);
    }) as never;
    return { count: () => reads, stop: () => void (client.send = send as never) };
  }

  it('a version saved between two batches applies from the next one; while nothing is saved, a batch reads the versions stamp, not every version', async () => {
    const admin = await t.as('vendor-admin');
    const partnerId = (await admin.call('POST', '/partners', { body: partnerBody() })).body.id as string;
    const rebate = (rateBp: number) => [{ kind: 'rebate' as const, id: 'core-rebate', rates: [{ productLine: null, tier: null, rateBp }] }];
    const created = await admin.call('POST', '/incentive-programs', { body: exampleProgrammeInput({ rules: rebate(100) }) });
    expect(created.status, created.text).toBe(201);
    const programmeId = created.body.id as string;
    await t.stack.drain();
    const handler = await accrualHandler();
    const deliver = async () => {
      const data = wonData({ partnerId, amountMinor: 100_000, closeDate: today() });
      expect((await handler(dealEvent('DealWon', newId('event'), partnerId, data))).batchItemFailures).toEqual([]);
      return data.registrationId;
    };
    const reads = countVersionListReads();
    try {
      const first = await deliver();
      expect(reads.count()).toBe(1);
      const second = await deliver();
      // Nothing saved since: the list the first batch read serves the second.
      expect(reads.count()).toBe(1);
      const current = await admin.call('GET', `/incentive-programs/${programmeId}`);
      const saved = await admin.call('PUT', `/incentive-programs/${programmeId}`, {
        body: exampleProgrammeInput({ name: created.body.name, rules: rebate(200), effectiveFrom: today() }),
        headers: { 'if-match': current.headers.get('etag')! },
      });
      expect(saved.status, saved.text).toBe(200);
      const third = await deliver();
      expect(reads.count()).toBe(2);
      const ledger = await (await t.as('finance')).call('GET', `/partners/${partnerId}/ledger?period=${thisMonth()}&limit=200`);
      const ofDeal = (dealId: string) =>
        (ledger.body.items as { programmeId: string; dealId: string; programmeVersion: number; amountMinor: number }[])
          .filter((e) => e.programmeId === programmeId && e.dealId === dealId)
          .map((e) => [e.programmeVersion, e.amountMinor]);
      expect([ofDeal(first), ofDeal(second), ofDeal(third)]).toEqual([[[1, 1_000]], [[1, 1_000]], [[2, 2_000]]]);
    } finally {
      reads.stop();
    }
  });
});
