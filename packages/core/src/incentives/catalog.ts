import {
  IncentiveAccrued,
  IncentiveAdjusted,
  IncentiveProgrammeCreated,
  IncentiveProgrammeVersioned,
  IncentiveReversed,
  PayoutIssued,
  PayoutPaid,
  SettlementApproved,
  SettlementAwaitingApproval,
  SettlementStarted,
} from './events.ts';
import { exampleEntry as entry, examplePayout, exampleProgramme as programme, exampleRun as run } from './examples.ts';

const ledger = {
  partnerId: entry.partnerId,
  programmeId: entry.programmeId,
  programmeVersion: entry.programmeVersion,
  period: entry.period,
  dealId: entry.dealId,
  currency: entry.currency,
};
const reversal = {
  ...entry,
  id: `evt_01JD40R1E2V3E4R5S6E7D8X9Y0:${entry.id}`,
  kind: 'reversal' as const,
  period: '2027-03',
  sourceEventId: 'evt_01JD40R1E2V3E4R5S6E7D8X9Y0',
  amountMinor: -entry.amountMinor,
  reverses: entry.id,
  explanation: {
    inputs: { reversedEntry: entry.id, reversedPeriod: entry.period, reversedAmountMinor: entry.amountMinor },
    arithmetic: `−${entry.amountMinor}: reverses ${entry.id} (${entry.explanation.arithmetic})`,
  },
};

/** Version 2, saved later with a past effective date, raised the rate: the entry cancelled, the deal accrued again. */
const adjustment = [
  {
    ...entry,
    id: `${entry.sourceEventId}:v2:x:${entry.id}`,
    kind: 'adjustment' as const,
    period: '2027-03',
    sourceEventId: `${entry.sourceEventId}:v2`,
    amountMinor: -entry.amountMinor,
    reverses: entry.id,
    explanation: {
      inputs: { cancelledEntry: entry.id, cancelledPeriod: entry.period, cancelledVersion: 1, cancelledAmountMinor: entry.amountMinor, toVersion: 2 },
      arithmetic: `−${entry.amountMinor}: cancels ${entry.id} (version 1), since version 2 (in force from 2027-01-01, saved 2027-03-10) is in force at the close date 2027-02-14`,
    },
  },
  {
    ...entry,
    id: entry.id.replace(entry.sourceEventId, `${entry.sourceEventId}:v2`),
    kind: 'adjustment' as const,
    period: '2027-03',
    programmeVersion: 2,
    sourceEventId: `${entry.sourceEventId}:v2`,
    amountMinor: entry.amountMinor * 2,
    explanation: {
      inputs: { ...entry.explanation.inputs, closeDate: '2027-02-14', accruedPeriod: entry.period, toVersion: 2 },
      arithmetic: `${entry.explanation.arithmetic} at twice the rate: the deal accrued again under version 2 (in force from 2027-01-01, saved 2027-03-10)`,
    },
  },
];

const exampleTotals = { partners: 1, entriesMinor: 175_000, carriedInMinor: 0, carriedOutMinor: 0, payableMinor: 175_000 };

/** Each event of the context with the example data the catalogue publishes for it. */
export const incentivesEventExamples = [
  { event: IncentiveProgrammeCreated, data: { programme } },
  {
    event: IncentiveProgrammeVersioned,
    data: { programme: { ...programme, version: 2, effectiveFrom: '2027-04-01', createdAt: '2027-03-15T09:00:00.000Z' }, previousVersion: 1 },
  },
  { event: IncentiveAccrued, data: { ...ledger, totalMinor: entry.amountMinor, entries: [entry] } },
  { event: IncentiveReversed, data: { ...ledger, period: '2027-03', totalMinor: -entry.amountMinor, entries: [reversal] } },
  {
    event: IncentiveAdjusted,
    data: {
      ...ledger,
      programmeVersion: 2,
      period: '2027-03',
      totalMinor: entry.amountMinor,
      entries: adjustment,
      fromVersions: [1],
      revenueDeltaMinor: 0,
    },
  },
  { event: SettlementStarted, data: { run } },
  {
    event: SettlementAwaitingApproval,
    data: { run: { ...run, status: 'awaiting-approval', statementsAt: '2027-03-01T02:04:10.000Z', totals: exampleTotals, version: 2 } },
  },
  {
    event: SettlementApproved,
    data: {
      run: {
        ...run,
        status: 'approved',
        statementsAt: '2027-03-01T02:04:10.000Z',
        totals: exampleTotals,
        approvedBy: 'usr_01JD40F1N2A3N4C5E6X7Y8Z9A0',
        approvedAt: '2027-03-02T10:15:00.000Z',
        version: 3,
      },
    },
  },
  { event: PayoutIssued, data: { payout: examplePayout } },
  { event: PayoutPaid, data: { payout: { ...examplePayout, status: 'paid', paymentReference: 'SEPA-2027-02-000123', paidAt: '2027-03-04T15:30:00.000Z' } } },
];
