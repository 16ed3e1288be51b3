import * as z from '../kernel/zod.ts';
import { defineEvent } from '../kernel/events.ts';
import { partnerIdSchema } from '../partners/index.ts';
import { PROGRESS_STATUSES, REJECT_REASONS, ROUTING_TRIGGERS, leadIdSchema, leadSummarySchema, offerSchema } from './model.ts';

const C = 'leads';

/*
 * No leads event carries a lead's contact (name, e-mail, phone), postal code or exact value: the
 * summary has the company name, territory, product lines and value band. A partner reads the
 * contact through GET /leads/{id} once it has accepted.
 */

export const LeadCreated = defineEvent(
  C,
  'LeadCreated',
  z.deferred(() => z.object({ lead: leadSummarySchema })),
  'A qualified lead was taken in (POST /leads or one item of POST /leads/batch). The same externalId again creates nothing.',
);
export const LeadRouted = defineEvent(
  C,
  'LeadRouted',
  z.deferred(() =>
    z.object({
      leadId: leadIdSchema,
      trigger: z.enum(ROUTING_TRIGGERS),
      outcome: z.enum(['offered', 'unassigned']),
      partnerId: z.nullable(partnerIdSchema),
      reason: z.nullable(z.string()),
      settingsVersion: z.number().check(z.int(), z.minimum(0)),
      candidates: z.withDescription(z.number().check(z.int(), z.minimum(0)), 'How many partners were eligible'),
      excluded: z.withDescription(z.number().check(z.int(), z.minimum(0)), 'How many partners of the territory were excluded'),
    }),
  ),
  'A routing decision was made and stored (GET /leads/{id}/routing has every score and exclusion): the lead was offered to the best candidate, or went to the vendor pool with the reason.',
);
export const LeadOffered = defineEvent(
  C,
  'LeadOffered',
  z.deferred(() => z.object({ lead: leadSummarySchema, offer: offerSchema })),
  'A lead was offered to a partner, with the SLA by which it must accept or reject. The partner sees the company, region, product lines and value band only.',
);
export const LeadAccepted = defineEvent(
  C,
  'LeadAccepted',
  z.deferred(() =>
    z.object({
      lead: leadSummarySchema,
      partnerId: partnerIdSchema,
      acceptedAt: z.iso.datetime(),
      assignedUserId: z.nullable(z.string()),
      secondsToAccept: z.number(),
    }),
  ),
  "The offered partner accepted the lead: it is the partner's, and the partner may now read its contact.",
);
export const LeadRejected = defineEvent(
  C,
  'LeadRejected',
  z.deferred(() => z.object({ leadId: leadIdSchema, partnerId: partnerIdSchema, reason: z.enum(REJECT_REASONS), text: z.string() })),
  'The offered partner declined the lead, with a reason from the fixed list and free text; it is offered to the next candidate.',
);
export const LeadOfferExpired = defineEvent(
  C,
  'LeadOfferExpired',
  z.deferred(() => z.object({ leadId: leadIdSchema, partnerId: partnerIdSchema, offeredAt: z.iso.datetime(), expiresAt: z.iso.datetime() })),
  'The offered partner neither accepted nor rejected within the SLA; it is offered to the next candidate (the lead-sweep schedule finds it).',
);
export const LeadOfferWithdrawn = defineEvent(
  C,
  'LeadOfferWithdrawn',
  z.deferred(() =>
    z.object({
      leadId: leadIdSchema,
      partnerId: partnerIdSchema,
      reason: z.withDescription(z.string(), '`partner-terminated: …` or `partner-suspended: …`'),
      offeredAt: z.iso.datetime(),
    }),
  ),
  'An open offer was withdrawn because its partner was suspended or terminated; the lead is offered to the next candidate (this partner never again), or returns to the pool.',
);
export const LeadReturnedToPool = defineEvent(
  C,
  'LeadReturnedToPool',
  z.deferred(() =>
    z.object({
      lead: leadSummarySchema,
      reason: z.string(),
      offers: z.number().check(z.int(), z.minimum(0)),
      fromPartnerId: z.withDescription(
        z.optional(partnerIdSchema),
        'Set when an accepted lead was taken back from its partner (terminated): the partner that owned it.',
      ),
    }),
  ),
  'The lead went to the vendor pool (unassigned): no candidate, the maximum number of offers was reached, or its partner was terminated while it was open (accepted, contacted, qualified). A vendor may route it again.',
);
export const LeadStatusChanged = defineEvent(
  C,
  'LeadStatusChanged',
  z.deferred(() =>
    z.object({
      leadId: leadIdSchema,
      partnerId: partnerIdSchema,
      from: z.string(),
      to: z.enum(PROGRESS_STATUSES),
      reason: z.nullable(z.string()),
      dealRegistrationId: z.nullable(z.string()),
    }),
  ),
  'The owning partner (or a vendor role) moved an accepted lead on: contacted, qualified, converted (with the deal registration it became) or lost (with the reason).',
);
export const LeadStale = defineEvent(
  C,
  'LeadStale',
  z.deferred(() =>
    z.object({ leadId: leadIdSchema, partnerId: partnerIdSchema, status: z.string(), lastUpdatedAt: z.iso.datetime(), staleDays: z.number().check(z.int()) }),
  ),
  'An accepted lead has had no update (status or note) for the stale period (default 7 days); raised once per quiet period by the lead-sweep schedule.',
);
export const RoutingSettingsChanged = defineEvent(
  C,
  'RoutingSettingsChanged',
  z.deferred(() =>
    z.object({ version: z.number().check(z.int(), z.minimum(1)), changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })) }),
  ),
  'A vendor admin changed the routing weights, offer SLA, maximum offers or stale period; decisions from now on record the new version.',
);

export const leadEvents = [
  LeadCreated,
  LeadRouted,
  LeadOffered,
  LeadAccepted,
  LeadRejected,
  LeadOfferExpired,
  LeadOfferWithdrawn,
  LeadReturnedToPool,
  LeadStatusChanged,
  LeadStale,
  RoutingSettingsChanged,
];
