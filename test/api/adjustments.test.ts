import { describe, expect, it } from 'vitest';
import { newId } from '@channelbase/core';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';
import { exampleProgrammeInput } from '../support/incentives.ts';
import { accrualHandler, dealEvent, wonData, wonEvents } from '../support/incentives-events.ts';

const t = useStack();

/** The month `back` months before this one. */
const monthsAgo = (back: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 15)).toISOString().slice(0, 7);
};

interface Entry {
  id: string;
  kind: string;
  period: string;
  programmeId: string;
  programmeVersion: number;
  ruleId: string;
  dealId: string | null;
  amountMinor: number;
  reverses: string | null;
  sourceEventId: string;
  explanation: { arithmetic: string };
}

async function ledger(caller: Caller, partnerId: string, period: string, programmeId: string): Promise<Entry[]> {
  const res = await caller.call('GET', `/partners/${partnerId}/ledger?period=${period}&limit=200`);
  expect(res.status, res.text).toBe(200);
  return (res.body.items as Entry[]).filter((e) => e.programmeId === programmeId);
}

const sum = (entries: readonly Entry[]) => entries.reduce((s, e) => s + e.amountMinor, 0);

/** Settles `period` and waits until its run awaits approval: the period is closed from then on. */
async function settle(admin: Caller, programmeId: string, period: string) {
  const run = await admin.call('POST', '/settlements', { body: { programmeId, period } });
  expect(run.status, run.text).toBe(201);
  await t.stack.drain();
  t.stack.clock.advance({ minutes: 2 });
  await t.stack.drain();
  const after = await admin.call('GET', `/settlements/${run.body.id}`);
  expect(after.body.status).toBe('awaiting-approval');
}

/** Saves a version and lets its adjustments run (past the index grace). */
async function saveVersion(admin: Caller, programmeId: string, body: ReturnType<typeof exampleProgrammeInput>) {
  const current = await admin.call('GET', `/incentive-programs/${programmeId}`);
  const res = await admin.call('PUT', `/incentive-programs/${programmeId}`, { body, headers: { 'if-match': current.headers.get('etag')! } });
  expect(res.status, res.text).toBe(200);
  await t.stack.drain();
  t.stack.clock.advance({ minutes: 2 });
  await t.stack.drain();
  return res.body.version as number;
}

const adjustedEvents = (programmeId: string) =>
  t.stack.bus.published.filter((e) => e['detail-type'] === 'IncentiveAdjusted' && (e.detail.data as { programmeId: string }).programmeId === programmeId);

describe('back-dated programme versions', () => {
  it('adjust every deal accrued under the old version in the next open period, each entry explained, and never touch a settled period', async () => {
    const admin = await t.as('vendor-admin');
    const finance = await t.as('finance');
    // Version 1: 2.5 % rebate and a 10,000 SPIFF on networking.
    const v1 = exampleProgrammeInput();
    const created = await admin.call('POST', '/incentive-programs', { body: v1 });
    expect(created.status, created.text).toBe(201);
    const programmeId = created.body.id as string;
    const partners: string[] = [];
    for (let i = 0; i < 3; i++) partners.push((await admin.call('POST', '/partners', { body: partnerBody() })).body.id as string);
    await t.stack.drain();
    const [settled, open, split] = partners as [string, string, string];
    const splitDeal = newId('deal');
    await wonEvents([
      { partnerId: settled, amountMinor: 1_000_000, closeDate: `${monthsAgo(2)}-10` },
      { partnerId: open, amountMinor: 200_000, closeDate: `${monthsAgo(1)}-05` },
      // A two-partner deal: the distributor (`split`) gets 20 % of the credit.
      { dealId: splitDeal, partnerId: open, amountMinor: 400_000, closeDate: `${monthsAgo(1)}-06`, secondPartner: { partnerId: split, role: 'distributor' } },
    ]);
    await settle(admin, programmeId, monthsAgo(2));
    const settledBefore = await ledger(finance, settled, monthsAgo(2), programmeId);
    expect(settledBefore.map((e) => [e.kind, e.ruleId, e.amountMinor])).toEqual([
      ['accrual', 'core-rebate', 25_000],
      ['accrual', 'networking-spiff', 10_000],
    ]);

    // Version 2, in force from the same date: a 5 % rebate and no SPIFF.
    const v2 = exampleProgrammeInput({ ...v1, rules: [{ kind: 'rebate', id: 'core-rebate', rates: [{ productLine: null, tier: null, rateBp: 500 }] }] });
    expect(await saveVersion(admin, programmeId, v2)).toBe(2);

    // The settled month is as it was; the adjustment lands in the next open month.
    expect(await ledger(finance, settled, monthsAgo(2), programmeId)).toEqual(settledBefore);
    const moved = (await ledger(finance, settled, monthsAgo(1), programmeId)).filter((e) => e.kind === 'adjustment');
    expect(moved.map((e) => [e.ruleId, e.programmeVersion, e.amountMinor, e.reverses]).sort()).toEqual(
      [
        ['core-rebate', 1, -25_000, settledBefore[0]!.id],
        ['networking-spiff', 1, -10_000, settledBefore[1]!.id],
        ['core-rebate', 2, 50_000, null],
      ].sort(),
    );
    for (const e of moved) expect(e.explanation.arithmetic).toMatch(/version 2 \(in force from 2020-01-01/);

    // The open month nets to version 2's amounts, for both partners of the split deal too.
    expect(sum(await ledger(finance, open, monthsAgo(1), programmeId))).toBe(10_000 + 16_000);
    const splitLedger = await ledger(finance, split, monthsAgo(1), programmeId);
    expect(sum(splitLedger)).toBe(4_000);
    expect(splitLedger.filter((e) => e.kind === 'adjustment' && e.reverses === null)).toMatchObject([{ programmeVersion: 2, amountMinor: 4_000 }]);

    // One IncentiveAdjusted per deal and partner, each carrying its entries.
    const events = adjustedEvents(programmeId).map(
      (e) => e.detail.data as { partnerId: string; dealId: string; totalMinor: number; fromVersions: number[]; period: string },
    );
    expect(events.map((d) => [d.partnerId, d.totalMinor, d.fromVersions, d.period]).sort()).toEqual(
      [
        [settled, 15_000, [1], monthsAgo(1)],
        [open, -5_000, [1], monthsAgo(1)],
        [open, 16_000 - (8_000 + 8_000), [1], monthsAgo(1)],
        [split, 4_000 - (2_000 + 2_000), [1], monthsAgo(1)],
      ].sort(),
    );

    // A second walk of the same version (a redelivered start) finds every deal adjusted already.
    const step = await adjustmentsStep();
    const versioned = t.stack.bus.published.find(
      (e) => e['detail-type'] === 'IncentiveProgrammeVersioned' && (e.detail.data as { programme: { id: string } }).programme.id === programmeId,
    )!;
    let state = await step({ event: versioned });
    while (!state.done) state = await step(state);
    await t.stack.drain();
    expect(adjustedEvents(programmeId)).toHaveLength(4);
    expect((await ledger(finance, settled, monthsAgo(1), programmeId)).filter((e) => e.kind === 'adjustment')).toHaveLength(3);

    // A DealWon redelivered after the adjustment adds nothing; its reversal cancels what counts now: version 2's entries.
    const deliver = await accrualHandler();
    const eventId = settledBefore[0]!.sourceEventId;
    const dealId = settledBefore[0]!.dealId!;
    const data = wonData({ dealId, partnerId: settled, amountMinor: 1_000_000, closeDate: `${monthsAgo(2)}-10` });
    expect((await deliver(dealEvent('DealWon', eventId, settled, data))).batchItemFailures).toEqual([]);
    expect(await ledger(finance, settled, monthsAgo(1), programmeId)).toHaveLength(3);
    const reversal = dealEvent('DealWonReversed', newId('event'), settled, {
      registrationId: dealId,
      partnerId: settled,
      secondPartner: null,
      lines: data.lines,
      amount: data.amount,
      reason: 'Customer cancelled',
    });
    expect((await deliver(reversal)).batchItemFailures).toEqual([]);
    const afterReversal = await ledger(finance, settled, monthsAgo(1), programmeId);
    expect(afterReversal.filter((e) => e.kind === 'reversal').map((e) => [e.programmeVersion, e.amountMinor])).toEqual([[2, -50_000]]);
    // Net over both months: nothing, as for a deal that was never won.
    expect(sum(settledBefore) + sum(afterReversal)).toBe(0);
  });

  it('adjust nothing for a version in force from a future date', async () => {
    const admin = await t.as('vendor-admin');
    const finance = await t.as('finance');
    const v1 = exampleProgrammeInput();
    const programmeId = (await admin.call('POST', '/incentive-programs', { body: v1 })).body.id as string;
    const partnerId = (await admin.call('POST', '/partners', { body: partnerBody() })).body.id as string;
    await t.stack.drain();
    await wonEvents([{ partnerId, amountMinor: 100_000, closeDate: `${monthsAgo(1)}-05` }]);
    const before = await ledger(finance, partnerId, monthsAgo(1), programmeId);
    const future = `${new Date().getUTCFullYear() + 1}-01-01`;
    await saveVersion(admin, programmeId, exampleProgrammeInput({ ...v1, effectiveFrom: future, minimumPayoutMinor: 1 }));
    expect(await ledger(finance, partnerId, monthsAgo(1), programmeId)).toEqual(before);
    expect(adjustedEvents(programmeId)).toEqual([]);
  });
});

type Step = (input: unknown) => Promise<{ done: boolean } & Record<string, unknown>>;

/** The adjustment workflow's step handler, as Step Functions (or the local engine) invokes it. */
async function adjustmentsStep(): Promise<Step> {
  const { handler } = (await import('../../functions/incentives/adjustment-workflow.ts')) as unknown as { handler: (i: unknown, c: unknown) => Promise<never> };
  const context = { functionName: 'programme-adjustments', awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 };
  return (input) => handler(input, context);
}
