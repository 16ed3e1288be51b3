import { describe, expect, it } from 'vitest';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';
import { settlementProgrammeInput } from '../support/incentives.ts';
import { expectProblem } from '../reliability/helpers.ts';
import { wonEvents } from '../support/incentives-events.ts';

const t = useStack();

/** A period that is over: the month before this one. */
const lastMonth = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 15)).toISOString().slice(0, 7);
};

interface Setup {
  programmeId: string;
  partners: string[];
  finance: Caller;
  admin: Caller;
}

/** A programme with a cap and a minimum payout, three partners, and deals won last month (accrued through the accrual consumer). */
async function setup(overrides: Parameters<typeof settlementProgrammeInput>[0] = {}): Promise<Setup> {
  const admin = await t.as('vendor-admin');
  const programme = await admin.call('POST', '/incentive-programs', {
    body: settlementProgrammeInput(overrides),
  });
  expect(programme.status, programme.text).toBe(201);
  const partners: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await admin.call('POST', '/partners', { body: partnerBody() });
    partners.push(res.body.id as string);
  }
  await t.stack.drain();
  // Partner 0: 1.5M (5 % = 75,000, accelerator 2 % of 0.5M = 10,000); partner 1: 3M (capped at 100,000); partner 2: 100,000 (5,000: below the minimum, carried over).
  await wonEvents([
    { partnerId: partners[0]!, amountMinor: 1_000_000, closeDate: `${lastMonth()}-03` },
    { partnerId: partners[0]!, amountMinor: 500_000, closeDate: `${lastMonth()}-20` },
    { partnerId: partners[1]!, amountMinor: 3_000_000, closeDate: `${lastMonth()}-11` },
    { partnerId: partners[2]!, amountMinor: 100_000, closeDate: `${lastMonth()}-28` },
  ]);
  return { programmeId: programme.body.id as string, partners, finance: await t.as('finance'), admin };
}

describe('settlement runs', () => {
  it('closes the period, computes each statement with its period-end rules, waits for finance, and issues the payouts once approved', async () => {
    const { programmeId, partners, finance, admin } = await setup();
    const started = await admin.call('POST', '/settlements', { body: { programmeId, period: lastMonth() } });
    expect(started.status, started.text).toBe(201);
    expect(started.body).toMatchObject({ programmeId, period: lastMonth(), status: 'running', startedBy: { kind: 'user' } });
    const again = await finance.call('POST', '/settlements', { body: { programmeId, period: lastMonth() } });
    expect([again.status, again.body.id]).toEqual([200, started.body.id]);
    const runId = started.body.id as string;

    await t.stack.drain();
    t.stack.clock.advance({ minutes: 2 });
    await t.stack.drain();
    const run = await finance.call('GET', `/settlements/${runId}`);
    expect(run.body).toMatchObject({ status: 'awaiting-approval' });
    expect(run.body.totals).toEqual({ partners: 3, entriesMinor: 185_000 + 5_000, carriedInMinor: 0, carriedOutMinor: 5_000, payableMinor: 185_000 });

    const statements = await finance.call('GET', `/settlements/${runId}/statements`);
    const byPartner = new Map((statements.body.items as { partnerId: string }[]).map((s) => [s.partnerId, s]));
    expect(byPartner.get(partners[0]!)).toMatchObject({ accruedMinor: 75_000, earnedMinor: 85_000, payableMinor: 85_000, status: 'draft' });
    expect(byPartner.get(partners[1]!)).toMatchObject({ accruedMinor: 150_000, earnedMinor: 100_000, payableMinor: 100_000 });
    expect(byPartner.get(partners[2]!)).toMatchObject({ earnedMinor: 5_000, payableMinor: 0, carriedOutMinor: 5_000 });
    // Statements reconcile to the ledger to the cent: Σ payable = Σ the period's entries + carried in − carried out.
    let entries = 0;
    for (const id of partners) {
      const l = await finance.call('GET', `/partners/${id}/ledger?period=${lastMonth()}&limit=200`);
      entries += (l.body.items as { amountMinor: number; programmeId: string }[])
        .filter((e) => e.programmeId === programmeId)
        .reduce((sum, e) => sum + e.amountMinor, 0);
    }
    expect(run.body.totals.payableMinor).toBe(entries + run.body.totals.carriedInMinor - run.body.totals.carriedOutMinor);
    // The ledger shows the accelerator and the cap as entries of the period, explained.
    const ledger = await finance.call('GET', `/partners/${partners[1]}/ledger?period=${lastMonth()}`);
    expect(
      ledger.body.items
        .filter((e: { programmeId: string }) => e.programmeId === programmeId)
        .map((e: { ruleKind: string; amountMinor: number }) => [e.ruleKind, e.amountMinor]),
    ).toEqual([
      ['rebate', 150_000],
      ['accelerator', 40_000],
      ['cap', -90_000],
    ]);
    // A partner sees no draft.
    const own = await (await t.as('partner-admin', { partnerId: partners[0] })).call('GET', `/partners/${partners[0]}/statements`);
    expect([own.status, own.body.items]).toEqual([200, []]);
    expectProblem(await finance.call('GET', `/settlements/${runId}/payouts`), 409, 'conflict');

    // The starter cannot approve; another finance user can, once.
    const starter = await t.as(['finance'], { sub: 'finance-starter' });
    const byStarter = await starter.call('POST', '/settlements', { body: { programmeId, period: lastMonth() } });
    expect(byStarter.status).toBe(200);
    expectProblem(await admin.call('POST', `/settlements/${runId}/approve`), 403, 'forbidden');
    const approved = await finance.call('POST', `/settlements/${runId}/approve`);
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: expect.any(String) });
    expectProblem(await (await t.as('finance')).call('POST', `/settlements/${runId}/approve`), 409, 'conflict');
    await t.stack.drain();

    const payouts = await finance.call('GET', `/settlements/${runId}/payouts`);
    expect((payouts.body.items as { partnerId: string; amountMinor: number }[]).map((p) => [p.partnerId, p.amountMinor]).sort()).toEqual(
      [
        [partners[0], 85_000],
        [partners[1], 100_000],
      ].sort(),
    );
    const issued = t.stack.bus.published.filter(
      (e) => e['detail-type'] === 'PayoutIssued' && (e.detail.data as { payout: { runId: string } }).payout.runId === runId,
    );
    expect(issued).toHaveLength(2);
    const csv = await finance.call('GET', `/settlements/${runId}/payouts`, { headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('runId,programmeId,period,partnerId,amountMinor,currency,status,paymentReference,paidAt');
    expect(csv.text.trim().split('\r\n')).toHaveLength(3);

    // Finance records what it paid, once: the same reference again changes nothing, another one is 409.
    const payment = `/settlements/${runId}/payouts/${partners[0]}/payment`;
    expectProblem(await admin.call('PUT', payment, { body: { reference: 'SEPA-1' } }), 403, 'forbidden');
    expectProblem(await finance.call('PUT', payment, { body: { reference: '' } }), 400, 'validation-failed', 'body.reference');
    const paid = await finance.call('PUT', payment, { body: { reference: 'SEPA-1' } });
    expect(paid.status, paid.text).toBe(200);
    expect(paid.body).toMatchObject({ partnerId: partners[0], amountMinor: 85_000, status: 'paid', paymentReference: 'SEPA-1', paidAt: expect.any(String) });
    const paidAgain = await finance.call('PUT', payment, { body: { reference: 'SEPA-1' } });
    expect(paidAgain.body).toEqual(paid.body);
    expectProblem(await finance.call('PUT', payment, { body: { reference: 'SEPA-2' } }), 409, 'conflict');
    const stranger = (await admin.call('POST', '/partners', { body: partnerBody() })).body.id as string;
    expectProblem(await finance.call('PUT', `/settlements/${runId}/payouts/${stranger}/payment`, { body: { reference: 'SEPA-3' } }), 404, 'not-found');
    await t.stack.drain();
    const paidEvents = t.stack.bus.published.filter(
      (e) => e['detail-type'] === 'PayoutPaid' && (e.detail.data as { payout: { runId: string } }).payout.runId === runId,
    );
    expect(paidEvents.map((e) => (e.detail.data as { payout: unknown }).payout)).toEqual([paid.body]);
    const csvPaid = await finance.call('GET', `/settlements/${runId}/payouts`, { headers: { accept: 'text/csv' } });
    expect(csvPaid.text).toContain(`,paid,SEPA-1,${paid.body.paidAt}`);
    // The statement it pays never changes.
    const frozen = await finance.call('GET', `/settlements/${runId}/statements`);
    expect(frozen.body.items).toContainEqual(expect.objectContaining({ partnerId: partners[0], payableMinor: 85_000, status: 'approved' }));

    const mine = await (await t.as('partner-admin', { partnerId: partners[0] })).call('GET', `/partners/${partners[0]}/statements`);
    expect(mine.body.items).toMatchObject([{ partnerId: partners[0], status: 'approved', payableMinor: 85_000 }]);
    expectProblem(await (await t.as('partner-admin', { partnerId: partners[1] })).call('GET', `/partners/${partners[0]}/statements`), 404, 'not-found');
  });

  it('refuses a period that is not over, one whose previous period has not settled, and channel managers', async () => {
    const { programmeId, partners, admin } = await setup();
    const thisMonth = new Date().toISOString().slice(0, 7);
    // A deal of the month before last: that month settles first (what it carries out is last month's carry-in).
    const d = new Date();
    const monthBefore = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 2, 15)).toISOString().slice(0, 7);
    await wonEvents([{ partnerId: partners[0]!, amountMinor: 10_000, closeDate: `${monthBefore}-10` }]);
    const early = await admin.call('POST', '/settlements', { body: { programmeId, period: lastMonth() } });
    expectProblem(early, 409, 'conflict');
    expect(early.body.detail).toContain(`Settle ${monthBefore} first`);
    expectProblem(await admin.call('POST', '/settlements', { body: { programmeId, period: thisMonth } }), 409, 'conflict');
    expectProblem(await admin.call('POST', '/settlements', { body: { programmeId, period: '2027-Q1' } }), 400, 'validation-failed', 'body.period');
    expect((await (await t.as('channel-manager')).call('POST', '/settlements', { body: { programmeId, period: lastMonth() } })).status).toBe(403);
  });
});
