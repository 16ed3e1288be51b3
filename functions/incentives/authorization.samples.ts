import type { MatrixFixtures, MatrixSamples } from '../../test/support/matrix.ts';
import { newId } from '@channelbase/core';
import { exampleProgrammeInput } from '../../test/support/incentives.ts';
import { accrualHandler, dealEvent, wonData } from '../../test/support/incentives-events.ts';

/**
 * The authorisation matrix's samples for incentives' routes (test/support/matrix.ts). Every
 * programme route is vendor-only and shares one programme (the matrix reads its current ETag
 * before each PUT); the settlement routes share one run of that programme for January 2020 (a
 * second start answers the same run; approving it is 200 once, then 409). The ledger and the
 * statements are partner-scoped under `/partners/{id}`. Recording a payment needs a payout: a
 * programme of its own, one won deal of a fresh partner, its run settled and approved (paidRun).
 */
let programme: Promise<string> | undefined;
let run: Promise<string> | undefined;
let paid: Promise<{ runId: string; partnerId: string }> | undefined;

/** A run approved with a payout for a fresh partner (the matrix records its payment, always with the same reference). */
function paidRun(f: MatrixFixtures): Promise<{ runId: string; partnerId: string }> {
  paid ??= (async () => {
    const check = (what: string, res: { status: number; text: string }, ...ok: number[]) => {
      if (!ok.includes(res.status)) throw new Error(`${what} for the matrix's payout: ${res.status} ${res.text}`);
    };
    const prg = await f.vendor.call('POST', '/incentive-programs', { body: exampleProgrammeInput() });
    check('creating the programme', prg, 201);
    const partnerId = await f.freshPartner();
    await f.drain();
    const accrued = await (
      await accrualHandler()
    )(dealEvent('DealWon', newId('event'), partnerId, wonData({ partnerId, amountMinor: 100_000, closeDate: '2020-01-15' })));
    if (accrued.batchItemFailures.length) throw new Error("accruing the matrix's payout deal failed");
    const started = await f.vendor.call('POST', '/settlements', { body: { programmeId: prg.body.id, period: PERIOD } });
    check('starting the settlement', started, 201);
    await f.drain();
    f.advanceClock(2);
    await f.drain();
    const approved = await (await f.as('finance')).call('POST', `/settlements/${started.body.id}/approve`);
    check('approving the settlement', approved, 200);
    await f.drain();
    return { runId: started.body.id as string, partnerId };
  })();
  return paid;
}

function sharedProgramme(f: MatrixFixtures): Promise<string> {
  programme ??= f.vendor.call('POST', '/incentive-programs', { body: exampleProgrammeInput() }).then((res) => {
    if (res.status !== 201) throw new Error(`creating the matrix's programme: ${res.status} ${res.text}`);
    return res.body.id as string;
  });
  return programme;
}

const PERIOD = '2020-01';

export default {
  bodies: {
    listIncentivePrograms: undefined,
    createIncentiveProgram: () => exampleProgrammeInput(),
    getIncentiveProgram: undefined,
    putIncentiveProgram: () => exampleProgrammeInput({ effectiveFrom: '2027-02-01' }),
    getPartnerLedger: undefined,
    getPartnerStatements: undefined,
    startSettlement: async (f) => ({ programmeId: await sharedProgramme(f), period: PERIOD }),
    listSettlements: undefined,
    getSettlement: undefined,
    listSettlementStatements: undefined,
    approveSettlement: undefined,
    listSettlementPayouts: undefined,
    recordPayoutPayment: () => ({ reference: 'SEPA-MATRIX-000001' }),
  },
  pathParams: {
    'incentive-programs.id': (_org, _route, f) => sharedProgramme(f),
    'settlements.id': async (_org, route, f) => {
      if (route.operationId === 'recordPayoutPayment') return (await paidRun(f)).runId;
      run ??= sharedProgramme(f).then(async (programmeId) => {
        const res = await f.vendor.call('POST', '/settlements', { body: { programmeId, period: PERIOD } });
        if (res.status !== 201 && res.status !== 200) throw new Error(`starting the matrix's settlement: ${res.status} ${res.text}`);
        return res.body.id as string;
      });
      return run;
    },
    'settlements.partnerId': async (_org, _route, f) => (await paidRun(f)).partnerId,
  },
  // The ledger and statements are every role's: partner users their own (404 for another partner's).
  openToEveryRole: ['getPartnerLedger', 'getPartnerStatements'],
  // Finance approves what the programme owner set up, and records what it paid: vendor-admin does neither.
  separatedFromVendorAdmin: ['approveSettlement', 'recordPayoutPayment'],
} satisfies MatrixSamples;
