import * as z from '../kernel/zod.ts';
import { defineEvent } from '../kernel/events.ts';
import { partnerIdSchema } from '../partners/index.ts';
import {
  conflictMatchSchema,
  dateSchema,
  dealIdSchema,
  dealRulesSchema,
  dealSchema,
  lineAmountSchema,
  positiveMoneySchema,
  secondPartnerSchema,
} from './model.ts';

const C = 'deals';

/**
 * Deal registration's events. Every event but DealConflictDetected names the registering partner
 * (`detail.partnerId`) and carries only that registration (its own partner and its second partner):
 * nothing of another partner. DealConflictDetected is for vendor roles: it names the partners that
 * matched, so it carries no `partnerId` and is never a partner's event.
 */

export const DealRegistered = defineEvent(
  C,
  'DealRegistered',
  z.deferred(() => z.object({ registration: dealSchema })),
  'A partner registered a deal (or a converted lead registered it): submitted, under_review when flagged as a possible conflict, or approved at once by the auto-approval rules (then DealApproved follows).',
);
export const DealConflictDetected = defineEvent(
  C,
  'DealConflictDetected',
  z.deferred(() => z.object({ registrationId: dealIdSchema, registeringPartnerId: partnerIdSchema, matches: z.array(conflictMatchSchema) })),
  "Vendor-facing: a registration matched other partners' active registrations for the same customer (registrable domain or normalised name) and a product line. Carries no detail.partnerId: partners never receive it.",
);
export const DealApproved = defineEvent(
  C,
  'DealApproved',
  z.deferred(() => z.object({ registration: dealSchema })),
  'A registration was approved (by a channel manager or the auto-approval rules): its benefit, and its protection window unless the first-registrant policy reduced it.',
);
export const DealRejected = defineEvent(
  C,
  'DealRejected',
  z.deferred(() => z.object({ registration: dealSchema, reason: z.string() })),
  'A channel manager rejected a registration, with the reason.',
);
const reviewData = z.object({ registrationId: dealIdSchema, submittedAt: z.iso.datetime(), reviewDueAt: z.iso.datetime() });
export const DealReviewReminder = defineEvent(
  C,
  'DealReviewReminder',
  reviewData,
  'A registration has waited `reminderAfterHours` for a decision; raised once, by the deals review sweep.',
);
export const DealReviewEscalated = defineEvent(
  C,
  'DealReviewEscalated',
  reviewData,
  'A registration is still undecided at the end of its review SLA (default 2 days); raised once, by the deals review sweep.',
);
export const DealExtended = defineEvent(
  C,
  'DealExtended',
  z.deferred(() => z.object({ registration: dealSchema })),
  "A registration's protection was extended, once, before it expired.",
);
export const DealExpired = defineEvent(
  C,
  'DealExpired',
  z.deferred(() => z.object({ registration: dealSchema })),
  "An approved registration's protection ran out (found by the deals sweep): it is expired and the customer and product lines are free to register again.",
);
export const DealWon = defineEvent(
  C,
  'DealWon',
  z.deferred(() =>
    z.object({
      registrationId: dealIdSchema,
      partnerId: partnerIdSchema,
      secondPartner: z.nullable(secondPartnerSchema),
      customer: z.object({ legalName: z.string(), webDomain: z.string(), registrableDomain: z.string(), country: z.string() }),
      lines: z.array(lineAmountSchema),
      amount: positiveMoneySchema,
      closeDate: dateSchema,
      protectionRunning: z.withMeta(z.boolean(), { description: 'Whether the registration held protection when it was won.' }),
      leadId: z.nullable(z.string()),
    }),
  ),
  'The registering partner won the deal: what incentives and scorecards need (partners, customer, amounts per product line, close date).',
);
export const DealLost = defineEvent(
  C,
  'DealLost',
  z.deferred(() => z.object({ registration: dealSchema, reason: z.string() })),
  'The registering partner lost the deal, with the reason; its protection is released.',
);
export const DealWonReversed = defineEvent(
  C,
  'DealWonReversed',
  z.deferred(() =>
    z.object({
      registrationId: dealIdSchema,
      partnerId: partnerIdSchema,
      secondPartner: z.nullable(secondPartnerSchema),
      lines: z.array(lineAmountSchema),
      amount: positiveMoneySchema,
      reason: z.string(),
    }),
  ),
  'A vendor corrected a won deal to lost, with a reason: incentives accrued on its DealWon are to be reversed.',
);
export const DealRulesChanged = defineEvent(
  C,
  'DealRulesChanged',
  z.deferred(() => z.object({ rules: dealRulesSchema, changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })) })),
  'A vendor admin changed the deal rules (auto-approval, review SLA, protection, benefits, first-registrant policy); decisions record the version they used.',
);

export const dealsEvents = [
  DealRegistered,
  DealConflictDetected,
  DealApproved,
  DealRejected,
  DealReviewReminder,
  DealReviewEscalated,
  DealExtended,
  DealExpired,
  DealWon,
  DealLost,
  DealWonReversed,
  DealRulesChanged,
];
