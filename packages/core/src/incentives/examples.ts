import type { LedgerEntry } from './ledger.ts';
import type { IncentiveProgrammeVersion } from './model.ts';
import type { Payout, SettlementRun } from './runs.ts';

/** A monthly rebate programme, as the catalogue and the API documents show it. */
export const exampleProgramme: IncentiveProgrammeVersion = {
  id: 'prg_01JD40P1R2G3M4E5X6A7M8P9K0',
  version: 1,
  name: 'Core partner rebate 2027',
  currency: 'EUR',
  cadence: 'monthly',
  effectiveFrom: '2027-01-01',
  eligibility: { partnerTypes: null, tiers: null, requiredAccreditation: null, deals: 'protected-only' },
  rules: [
    { kind: 'rebate', id: 'core-rebate', rates: [{ productLine: null, tier: null, rateBp: 250 }] },
    { kind: 'spiff', id: 'launch-spiff', productLine: 'networking', amountMinor: 50_000, from: '2027-01-01', until: '2027-03-31' },
  ],
  split: { distributor: 2000, reseller: 5000, referral: 1000 },
  capPerPartnerMinor: null,
  minimumPayoutMinor: 10_000,
  createdAt: '2026-12-01T09:00:00.000Z',
  createdBy: 'usr_01JD40A1B2C3D4E5F6G7H8J9K0',
};

/** One rebate entry of a won deal. */
export const exampleEntry: LedgerEntry = {
  id: 'evt_01JD40W1N2D3E4A5L6B7C8D9E0:prg_01JD40P1R2G3M4E5X6A7M8P9K0:core-rebate:ptr_01JD3ZY4K6M8P0R2T4V6X8Z0AB:networking',
  kind: 'accrual',
  partnerId: 'ptr_01JD3ZY4K6M8P0R2T4V6X8Z0AB',
  period: '2027-02',
  programmeId: exampleProgramme.id,
  programmeVersion: 1,
  ruleId: 'core-rebate',
  ruleKind: 'rebate',
  sourceEventId: 'evt_01JD40W1N2D3E4A5L6B7C8D9E0',
  dealId: 'deal_01JD40D1E2A3L4S5X6Y7Z8A9B0',
  productLine: 'networking',
  amountMinor: 125_000,
  currency: 'EUR',
  reverses: null,
  explanation: {
    inputs: { lineAmountMinor: 5_000_000, shareBp: 10_000, creditMinor: 5_000_000, rateBp: 250, rateFor: { productLine: null, tier: null }, tier: 'gold' },
    arithmetic: '5000000 × 2.50 % = 125000 (half-even)',
  },
};

/** A run of the example programme for February 2027, as the schedule started it. */
export const exampleRun: SettlementRun = {
  id: 'stl_01JD40S1E2T3T4V5E6M7E8N9T0',
  programmeId: exampleProgramme.id,
  programmeVersion: 1,
  period: '2027-02',
  currency: 'EUR',
  status: 'running',
  startedBy: { kind: 'schedule', sub: 'system' },
  startedAt: '2027-03-01T02:00:00.000Z',
  statementsAt: null,
  approvedBy: null,
  approvedAt: null,
  totals: null,
  version: 1,
};

/** The example partner's payout of that run. */
export const examplePayout: Payout = {
  runId: exampleRun.id,
  partnerId: exampleEntry.partnerId,
  programmeId: exampleProgramme.id,
  period: '2027-02',
  amountMinor: 175_000,
  currency: 'EUR',
  status: 'payable',
  paymentReference: null,
  paidAt: null,
};
