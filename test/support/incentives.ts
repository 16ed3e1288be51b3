import type { IncentiveProgrammeInput } from '@channelbase/core/incentives';

/**
 * A valid programme body: a monthly EUR rebate of 2.5 % on every line (3 % for gold), a SPIFF on
 * networking, every partner and deal eligible, a 20 % distributor split and no minimum payout.
 */
export function exampleProgrammeInput(overrides: Partial<IncentiveProgrammeInput> = {}): IncentiveProgrammeInput {
  return {
    name: `Rebate ${Math.random().toString(36).slice(2, 8)}`,
    currency: 'EUR',
    cadence: 'monthly',
    effectiveFrom: '2020-01-01',
    eligibility: { partnerTypes: null, tiers: null, requiredAccreditation: null, deals: 'all-won' },
    rules: [
      {
        kind: 'rebate',
        id: 'core-rebate',
        rates: [
          { productLine: null, tier: null, rateBp: 250 },
          { productLine: null, tier: 'gold', rateBp: 300 },
        ],
      },
      { kind: 'spiff', id: 'networking-spiff', productLine: 'networking', amountMinor: 10_000, from: '2020-01-01', until: '2099-12-31' },
    ],
    split: { distributor: 2000, reseller: 5000, referral: 1000 },
    capPerPartnerMinor: null,
    minimumPayoutMinor: 0,
    ...overrides,
  };
}

/**
 * A programme whose period-end rules show in a statement: a 5 % rebate, an accelerator of 2 % above
 * a 1,000,000 target, a cap of 100,000 per partner and a minimum payout of 10,000.
 */
export function settlementProgrammeInput(overrides: Partial<IncentiveProgrammeInput> = {}): IncentiveProgrammeInput {
  return exampleProgrammeInput({
    rules: [
      { kind: 'rebate', id: 'core-rebate', rates: [{ productLine: null, tier: null, rateBp: 500 }] },
      {
        kind: 'accelerator',
        id: 'accelerator',
        targetMinor: 1_000_000,
        brackets: [
          { fromPercent: 0, upToPercent: 100, rateBp: 0 },
          { fromPercent: 100, upToPercent: null, rateBp: 200 },
        ],
      },
    ],
    capPerPartnerMinor: 100_000,
    minimumPayoutMinor: 10_000,
    ...overrides,
  });
}
