import type { MatrixFixtures, MatrixSamples } from '../../test/support/matrix.ts';
import { exampleProgrammeInput } from '../../test/support/incentives.ts';

/**
 * The authorisation matrix's samples for incentives' routes (test/support/matrix.ts). Every
 * programme route is vendor-only and shares one programme (the matrix reads its current ETag
 * before each PUT); the settlement routes share one run of that programme for January 2020 (a
 * second start answers the same run; approving it is 200 once, then 409). The ledger and the
 * statements are partner-scoped under `/partners/{id}`.
 */
let programme: Promise<string> | undefined;
let run: Promise<string> | undefined;

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
  },
  pathParams: {
    'incentive-programs.id': (_org, _route, f) => sharedProgramme(f),
    'settlements.id': async (_org, _route, f) => {
      run ??= sharedProgramme(f).then(async (programmeId) => {
        const res = await f.vendor.call('POST', '/settlements', { body: { programmeId, period: PERIOD } });
        if (res.status !== 201 && res.status !== 200) throw new Error(`starting the matrix's settlement: ${res.status} ${res.text}`);
        return res.body.id as string;
      });
      return run;
    },
  },
  // The ledger and statements are every role's: partner users their own (404 for another partner's).
  openToEveryRole: ['getPartnerLedger', 'getPartnerStatements'],
  // Finance approves what the programme owner set up: vendor-admin cannot approve a settlement.
  separatedFromVendorAdmin: ['approveSettlement'],
} satisfies MatrixSamples;
