import * as z from '../kernel/zod.ts';
import { defineEvent } from '../kernel/events.ts';
import { incentiveProgrammeSchema, ledgerEntrySchema } from './model.ts';
import { payoutSchema, settlementRunSchema } from './runs.ts';

const C = 'incentives';

/**
 * The incentives context's events. A programme's events are the vendor's (no `partnerId`); a
 * ledger event names the one partner whose entries it carries (`detail.partnerId`) and nothing
 * of another partner.
 */

export const IncentiveProgrammeCreated = defineEvent(
  C,
  'IncentiveProgrammeCreated',
  z.deferred(() => z.object({ programme: incentiveProgrammeSchema })),
  'A vendor admin created an incentive programme (its version 1).',
);
export const IncentiveProgrammeVersioned = defineEvent(
  C,
  'IncentiveProgrammeVersioned',
  z.deferred(() => z.object({ programme: incentiveProgrammeSchema, previousVersion: z.number().check(z.int()) })),
  'A vendor admin made a new version of a programme, in force from its `effectiveFrom` (deals closed from then on accrue under it).',
);

const ledgerEvent = () =>
  z.object({
    partnerId: z.string(),
    programmeId: z.string(),
    programmeVersion: z.number().check(z.int()),
    period: z.string(),
    dealId: z.nullable(z.string()),
    totalMinor: z.withDescription(z.number().check(z.int()), 'The sum of the entries, in minor units.'),
    currency: z.string(),
    entries: z.array(ledgerEntrySchema),
  });

export const IncentiveAccrued = defineEvent(
  C,
  'IncentiveAccrued',
  z.deferred(ledgerEvent),
  "A won deal accrued a partner's entries under a programme, each explained: one event per deal, programme and partner (per 90 entries when there are more).",
);
export const IncentiveReversed = defineEvent(
  C,
  'IncentiveReversed',
  z.deferred(ledgerEvent),
  "A reversed win cancelled a partner's entries for the deal: each one's exact opposite, in the next open period.",
);

export const IncentiveAdjusted = defineEvent(
  C,
  'IncentiveAdjusted',
  z.deferred(() =>
    z.extend(ledgerEvent(), {
      programmeVersion: z.withDescription(
        z.number().check(z.int()),
        'The version now in force at the deal’s close date (0: none), which the deal accrued again under.',
      ),
      fromVersions: z.withDescription(z.array(z.number().check(z.int())), 'The versions of the entries the adjustment cancelled.'),
      revenueDeltaMinor: z.withDescription(z.number().check(z.int()), "The change to the partner's credited revenue."),
    }),
  ),
  "A programme version saved with a past effective date moved a partner's accrual of a deal to it: each entry that counted cancelled at its own version, the deal accrued again under the new one, in the next open period (a settled period never changes).",
);

export const SettlementStarted = defineEvent(
  C,
  'SettlementStarted',
  z.deferred(() => z.object({ run: settlementRunSchema })),
  'A settlement run of a programme and period started (by its schedule, or by finance or a vendor admin): it closes the period and computes the statements.',
);
export const SettlementAwaitingApproval = defineEvent(
  C,
  'SettlementAwaitingApproval',
  z.deferred(() => z.object({ run: settlementRunSchema })),
  "A run's statements are written, with the totals; finance approves it (someone other than whoever started it by hand).",
);
export const SettlementApproved = defineEvent(
  C,
  'SettlementApproved',
  z.deferred(() => z.object({ run: settlementRunSchema })),
  'Finance approved a run: its statements are final and its payouts payable; a PayoutIssued follows per partner with something to pay.',
);
export const PayoutIssued = defineEvent(
  C,
  'PayoutIssued',
  z.deferred(() => z.object({ payout: payoutSchema })),
  "A partner's payout of an approved run is payable (one event per partner and run; nothing for a partner whose balance carried over).",
);

export const PayoutPaid = defineEvent(
  C,
  'PayoutPaid',
  z.deferred(() => z.object({ payout: payoutSchema })),
  "Finance recorded a payout as paid, with the payment's reference (once per payout; the statement it pays never changes).",
);

/** Every event type the incentives context publishes. */
export const incentivesEvents = [
  IncentiveProgrammeCreated,
  IncentiveProgrammeVersioned,
  IncentiveAccrued,
  IncentiveReversed,
  IncentiveAdjusted,
  SettlementStarted,
  SettlementAwaitingApproval,
  SettlementApproved,
  PayoutIssued,
  PayoutPaid,
];
