import * as z from '@channelbase/core/kernel/zod';
import { ROLES, VENDOR_ROLES } from '@channelbase/core';
import {
  MONTHLY_PERIOD,
  QUARTERLY_PERIOD,
  incentiveProgrammeInputSchema,
  incentiveProgrammeSchema,
  incentivesEventExamples,
  ledgerEntrySchema,
  paymentInputSchema,
  payoutSchema,
  programmeIdSchema,
  settlementIdSchema,
  settlementRunSchema,
  startSettlementSchema,
  statementSchema,
} from '@channelbase/core/incentives';
import { partnerIdSchema } from '../partners/index.ts';
import { ETAG_HEADER, defineRoute, defineWiring, pageOf, pageQueryShape } from '@channelbase/platform';

const programmeParams = z.strictObject({ id: programmeIdSchema });
const periodSchema = z.withMeta(
  z.string().check(z.refine((p) => MONTHLY_PERIOD.test(p) || QUARTERLY_PERIOD.test(p), 'must be a period: YYYY-MM (monthly) or YYYY-Qn (quarterly)')),
  { description: 'A monthly (`2027-01`) or quarterly (`2027-Q1`) period, in UTC.', example: '2027-01' },
);

const ledgerLineSchema = z.deferred(() =>
  z.withMeta(
    z.extend(ledgerEntrySchema, {
      recordedAt: z.withDescription(z.iso.datetime(), 'When incentives recorded the entry; entries are listed in this order.'),
      balanceMinor: z.withDescription(
        z.number().check(z.int()),
        "The partner's running balance in the period after this entry, in minor units of the entry's currency.",
      ),
    }),
    { id: 'LedgerLine' },
  ),
);

const ledgerPageSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      partnerId: z.string(),
      period: z.string(),
      items: z.array(ledgerLineSchema),
      nextCursor: z.nullable(z.string()),
    }),
    { id: 'LedgerPage', description: 'A page of a partner’s entries in a period, oldest first, each with the running balance.' },
  ),
);

const settlementParams = z.strictObject({ id: settlementIdSchema });
const payoutListSchema = z.deferred(() =>
  z.withMeta(z.object({ runId: z.string(), items: z.array(payoutSchema) }), { id: 'PayoutList', description: 'Every payout of an approved run.' }),
);

export const incentivesRoutes = [
  defineRoute({
    method: 'GET',
    path: '/incentive-programs',
    operationId: 'listIncentivePrograms',
    summary: 'Incentive programmes, newest first (each in its current version)',
    auth: VENDOR_ROLES,
    query: z.strictObject(pageQueryShape),
    responses: { 200: { description: 'A page of programmes', schema: pageOf(incentiveProgrammeSchema, 'IncentiveProgrammePage') } },
  }),
  defineRoute({
    method: 'POST',
    path: '/incentive-programs',
    operationId: 'createIncentiveProgram',
    summary: 'Create an incentive programme (its version 1)',
    description:
      'Rules are checked when saved: accelerator brackets must be contiguous (no gap, no overlap, only the last open), rates between 0 and 10000 bp, rule ids unique, and every product line and tier named must be in the programme vocabularies (`/programme/product-lines`, `/programme/tiers`). A problem names each field (`body.rules.0.brackets.1.fromPercent`) and nothing is written.',
    auth: ['vendor-admin'],
    body: incentiveProgrammeInputSchema,
    responses: { 201: { description: 'Created', schema: incentiveProgrammeSchema, headers: { location: 'The programme', ...ETAG_HEADER } } },
  }),
  defineRoute({
    method: 'GET',
    path: '/incentive-programs/{id}',
    operationId: 'getIncentiveProgram',
    summary: 'Read a programme: its current version, or any earlier one with `?version=`',
    auth: VENDOR_ROLES,
    params: programmeParams,
    query: z.strictObject({ version: z.optional(z.coerce.number().check(z.int(), z.minimum(1))) }),
    responses: { 200: { description: 'The programme version', schema: incentiveProgrammeSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'PUT',
    path: '/incentive-programs/{id}',
    operationId: 'putIncentiveProgram',
    summary: 'Make a new version of a programme, in force from its `effectiveFrom`',
    description:
      'Needs If-Match with the ETag of the current version. Earlier versions are kept: a deal accrues under the version in force at its close date and its entries record which.',
    auth: ['vendor-admin'],
    params: programmeParams,
    body: incentiveProgrammeInputSchema,
    conditional: true,
    responses: { 200: { description: 'The new version', schema: incentiveProgrammeSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'GET',
    path: '/partners/{id}/ledger',
    operationId: 'getPartnerLedger',
    summary: "A partner's incentive ledger for a period: every entry, explained, with the running balance",
    description:
      'A partner user sees its own organisation only (another partner answers 404, as for one that does not exist); vendor roles see every partner. Entries are never edited: a reversal or an adjustment is an entry of its own that names the one it reverses.',
    auth: ROLES,
    params: z.strictObject({ id: partnerIdSchema }),
    query: z.strictObject({ period: z.withDescription(z.optional(periodSchema), 'The period; the current month (UTC) when omitted.'), ...pageQueryShape }),
    responses: { 200: { description: 'A page of the ledger', schema: ledgerPageSchema } },
  }),
  defineRoute({
    method: 'GET',
    path: '/partners/{id}/statements',
    operationId: 'getPartnerStatements',
    summary: "A partner's statements, newest period first",
    description:
      'What each settled period paid: accrued entries, period-end entries (accelerators, growth, the cap), carried in, payable, carried out. A partner user sees its own approved statements only (another partner answers 404); vendor roles also see drafts of runs awaiting approval.',
    auth: ROLES,
    params: z.strictObject({ id: partnerIdSchema }),
    query: z.strictObject(pageQueryShape),
    responses: { 200: { description: 'A page of statements', schema: pageOf(statementSchema, 'IncentiveStatementPage') } },
  }),
  defineRoute({
    method: 'POST',
    path: '/settlements',
    operationId: 'startSettlement',
    summary: 'Start the settlement run of a programme and period (the schedule starts it too)',
    description:
      'One run per programme and period: starting it again answers the existing run (200). The period must be over, and the period before it settled first when anything accrued in it (409 otherwise). The run closes the period, computes the statements, then waits for approval.',
    auth: ['finance', 'vendor-admin'],
    body: startSettlementSchema,
    responses: {
      201: { description: 'Started', schema: settlementRunSchema, headers: { location: 'The run' } },
      200: { description: 'The run already started for this programme and period', schema: settlementRunSchema, headers: { location: 'The run' } },
    },
    problems: [404, 409],
  }),
  defineRoute({
    method: 'GET',
    path: '/settlements',
    operationId: 'listSettlements',
    summary: 'Settlement runs, newest first',
    auth: VENDOR_ROLES,
    query: z.strictObject(pageQueryShape),
    responses: { 200: { description: 'A page of runs', schema: pageOf(settlementRunSchema, 'SettlementRunPage') } },
  }),
  defineRoute({
    method: 'GET',
    path: '/settlements/{id}',
    operationId: 'getSettlement',
    summary: 'A settlement run, its status and totals',
    auth: VENDOR_ROLES,
    params: settlementParams,
    responses: { 200: { description: 'The run', schema: settlementRunSchema } },
  }),
  defineRoute({
    method: 'GET',
    path: '/settlements/{id}/statements',
    operationId: 'listSettlementStatements',
    summary: "A run's statements, in partner order (what finance reviews before approving)",
    auth: VENDOR_ROLES,
    params: settlementParams,
    query: z.strictObject(pageQueryShape),
    responses: { 200: { description: 'A page of statements', schema: pageOf(statementSchema, 'SettlementStatementPage') } },
  }),
  defineRoute({
    method: 'POST',
    path: '/settlements/{id}/approve',
    operationId: 'approveSettlement',
    summary: 'Approve a run waiting for approval: its statements become final, its payouts payable',
    description:
      'Finance only, and not the person who started the run by hand (403). A run still computing, or approved already, is 409. One PayoutIssued follows per partner with something to pay.',
    auth: ['finance'],
    params: settlementParams,
    responses: { 200: { description: 'The approved run', schema: settlementRunSchema } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/settlements/{id}/payouts',
    operationId: 'listSettlementPayouts',
    summary: "An approved run's payouts, as JSON or, with `Accept: text/csv`, as CSV",
    description:
      'Every payout of the run, in partner order. The CSV has a header row; a cell that would begin with =, +, -, @, a tab or a carriage return is prefixed with an apostrophe so that a spreadsheet does not run it as a formula. Before approval: 409.',
    auth: ['finance', 'vendor-admin'],
    params: settlementParams,
    responses: { 200: { description: 'The payouts', schema: payoutListSchema, otherContentTypes: ['text/csv'] } },
    problems: [409],
  }),
  defineRoute({
    method: 'PUT',
    path: '/settlements/{id}/payouts/{partnerId}/payment',
    operationId: 'recordPayoutPayment',
    summary: "Record that a partner's payout of an approved run was paid, with the payment's reference",
    description:
      "Finance only. The payout becomes `paid`, with the reference and the time it was recorded, and a PayoutPaid is published. Recording the same reference again answers the paid payout and changes nothing; another reference for a paid payout is 409 (a recorded payment does not change). A run not approved yet is 409; a partner without a payout in the run (nothing to pay) is 404. The run's statements never change.",
    auth: ['finance'],
    params: z.strictObject({ id: settlementIdSchema, partnerId: partnerIdSchema }),
    body: paymentInputSchema,
    responses: { 200: { description: 'The paid payout', schema: payoutSchema } },
    problems: [404, 409],
  }),
] as const;

export const incentivesWiring = /* @__PURE__ */ defineWiring({
  name: 'incentives',
  description:
    'Incentives: programmes as versioned data, an append-only ledger in integer minor units accrued from won deals, and settlement runs that close a period, compute each partner statement and wait for finance to approve the payouts.',
  // Programmes, closed periods, won deals, partner standing, entries and credits under INCENTIVE#;
  // index partitions INCENTIVE#PROGRAMMES, INCENTIVE#PP#<prg>#<period>#<shard> (gsi1) and INCENTIVE#LEDGER#<ptr>#<period> (gsi2).
  data: { prefixes: ['INCENTIVE#*'], indexPartitions: ['INCENTIVE#*'] },
  events: incentivesEventExamples,
  api: { entry: 'functions/incentives/api.ts', routes: incentivesRoutes },
  subscriptions: [
    {
      id: 'incentive-standing',
      description:
        "Keeps incentives' own record of each partner's type, tier and status (newest partner version wins) and of its accreditations (newest event wins), which eligibility reads at accrual.",
      entry: 'functions/incentives/standing.ts',
      pattern: {
        source: ['channelbase.partners', 'channelbase.training'],
        'detail-type': [
          'PartnerCreated',
          'PartnerUpdated',
          'PartnerActivated',
          'PartnerSuspended',
          'PartnerReactivated',
          'PartnerTerminated',
          'AccreditationGranted',
          'AccreditationLost',
        ],
      },
    },
    {
      id: 'incentive-accrual',
      description:
        "Accrues a won deal's entries under every programme in force at its close date (DealWon), and reverses them (DealWonReversed), each exactly once whatever the order and number of deliveries.",
      entry: 'functions/incentives/accrual.ts',
      pattern: { source: ['channelbase.deals'], 'detail-type': ['DealWon', 'DealWonReversed'] },
    },
  ],
  workflows: [
    {
      id: 'settlement',
      description:
        'A settlement run: closes the period, waits for the index to catch up, writes each partner statement once (resumable partner by partner), then waits for approval.',
      startedBy: { source: 'channelbase.incentives', detailType: 'SettlementStarted' },
      entry: 'functions/incentives/settlement-workflow.ts',
      // One branch per period shard (PERIOD_SHARDS): in AWS the shards settle at once.
      fanOut: { maxConcurrency: 8 },
    },
    {
      id: 'programme-adjustments',
      description:
        'After a programme version with a past effective date: each deal closed since then that accrued under another version is moved to the version now in force at its close date (its entries cancelled, the deal accrued again), in the next open period, once.',
      startedBy: { source: 'channelbase.incentives', detailType: 'IncentiveProgrammeVersioned' },
      entry: 'functions/incentives/adjustment-workflow.ts',
    },
    {
      id: 'settlement-payouts',
      description: 'After approval: one payable payout and one PayoutIssued per partner whose statement pays something, each once.',
      startedBy: { source: 'channelbase.incentives', detailType: 'SettlementApproved' },
      entry: 'functions/incentives/payout-workflow.ts',
    },
  ],
  schedules: [
    {
      id: 'settlement-schedule',
      description: 'At 02:00 UTC on the 1st of each month (a deployment may move it): starts the run of the period that just closed for every programme, once.',
      cron: { minute: 0, hour: 2, dayOfMonth: 1 },
      entry: 'functions/incentives/settlement-schedule.ts',
    },
  ],
});
