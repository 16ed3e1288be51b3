import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { newId } from '@channelbase/core';
import { partnerBody, useStack } from '../support/stack.ts';
import { exampleProgrammeInput } from '../support/incentives.ts';
import { accrualHandler, dealEvent, wonData } from '../support/incentives-events.ts';

// A table of its own: the programme here applies to every deal won while it exists.
const t = useStack();

const today = () => new Date().toISOString().slice(0, 10);
const thisMonth = () => today().slice(0, 7);

/** A ledger with its event, deal and partner ids replaced by their position, so two deliveries of the same deal compare equal. */
function normalised(ledger: unknown[], ids: string[]): unknown {
  let json = JSON.stringify(ledger);
  ids.forEach((id, i) => (json = json.replaceAll(id, `<${i}>`)));
  const entries = JSON.parse(json) as Record<string, unknown>[];
  return entries.map(({ recordedAt: _r, balanceMinor: _b, ...rest }) => rest).sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

const idsOf = (events: SQSEvent[], partnerId: string) => [
  ...events.flatMap((e) => {
    const body = JSON.parse(e.Records[0]!.body) as { detail: { eventId: string; data: { registrationId: string } } };
    return [body.detail.eventId, body.detail.data.registrationId];
  }),
  partnerId,
];

describe('ledger postings', () => {
  it('a deal with more entries than one posting and one transaction hold (96 for a partner), won and reversed, delivered three times at once: the ledger equals that of one delivery, entry for entry', async () => {
    const admin = await t.as('vendor-admin');
    // 48 rebate rules on 2 lines: 96 entries, written as postings of 25 in a first transaction of
    // 90 entries and a second of 6, which a concurrent delivery may meet half written.
    const rules = Array.from({ length: 48 }, (_, i) => ({
      kind: 'rebate' as const,
      id: `rebate-${String(i).padStart(2, '0')}`,
      rates: [{ productLine: null, tier: null, rateBp: 10 + i }],
    }));
    const created = await admin.call('POST', '/incentive-programs', { body: exampleProgrammeInput({ rules }) });
    expect(created.status, created.text).toBe(201);
    const [once, thrice] = [
      (await admin.call('POST', '/partners', { body: partnerBody() })).body.id as string,
      (await admin.call('POST', '/partners', { body: partnerBody() })).body.id as string,
    ];
    await t.stack.drain();
    const handler = await accrualHandler();
    const deliver = async (e: SQSEvent) => expect((await handler(e)).batchItemFailures).toEqual([]);
    const lines = [
      { productLine: 'networking', amountMinor: 1_234_567 },
      { productLine: 'security', amountMinor: 765_431 },
    ];
    const eventsOf = (partnerId: string) => {
      const data = wonData({ partnerId, lines, closeDate: today() });
      const { customer: _c, closeDate: _d, protectionRunning: _p, leadId: _l, ...common } = data;
      return {
        won: dealEvent('DealWon', newId('event'), partnerId, data),
        reversed: dealEvent('DealWonReversed', newId('event'), partnerId, { ...common, reason: 'Booked twice' }),
      };
    };
    const single = eventsOf(once);
    await deliver(single.won);
    await deliver(single.reversed);
    const copies = eventsOf(thrice);
    await Promise.all([copies.won, copies.won, copies.won].map(deliver));
    await Promise.all([copies.reversed, copies.reversed, copies.reversed].map(deliver));

    const finance = await t.as('finance');
    // Pages of 7 lines, which end inside postings: the running balance carries across them.
    const ledgerOf = async (partnerId: string) => {
      const lines: { id: string; amountMinor: number; balanceMinor: number }[] = [];
      let cursor: string | null = null;
      do {
        const res = await finance.call(
          'GET',
          `/partners/${partnerId}/ledger?period=${thisMonth()}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.status, res.text).toBe(200);
        lines.push(...res.body.items);
        cursor = res.body.nextCursor as string | null;
      } while (cursor);
      return lines;
    };
    const [expected, actual] = [await ledgerOf(once), await ledgerOf(thrice)];
    expect(expected).toHaveLength(192);
    expect(new Set(actual.map((e) => e.id)).size).toBe(192);
    expect(normalised(actual, idsOf([copies.won, copies.reversed], thrice))).toEqual(normalised(expected, idsOf([single.won, single.reversed], once)));
    let balance = 0;
    for (const line of actual) expect(line.balanceMinor).toBe((balance += line.amountMinor));
    expect(balance).toBe(0);
    expect(t.stack.bus.deadLetters).toEqual([]);
  });
});
