import * as z from '@channelbase/core/kernel/zod';
import { PARTNER_ROLES, VENDOR_ROLES } from '@channelbase/core';
import {
  MAX_BATCH,
  acceptLeadSchema,
  addNoteSchema,
  createLeadSchema,
  leadBatchSchema,
  leadEventExamples,
  leadFiltersSchema,
  leadIdSchema,
  leadNoteSchema,
  leadSchema,
  leadStatusChangeSchema,
  rejectLeadSchema,
  routingDecisionSchema,
  routingSettingsInputSchema,
  routingSettingsSchema,
} from '@channelbase/core/leads';
import { ETAG_HEADER, defineRoute, defineWiring, pageOf, pageQueryShape } from '@channelbase/platform';

const leadParams = z.strictObject({ id: leadIdSchema });
const page = z.strictObject(pageQueryShape);
/** Vendor roles that take leads in and route them. */
const INTAKE = ['vendor-admin', 'channel-manager'] as const;
/** Who answers an offer: the offered partner's admin and sales users, or a vendor role on its behalf. */
const ANSWER = ['partner-admin', 'partner-sales', ...INTAKE] as const;
const EVERYONE = [...VENDOR_ROLES, ...PARTNER_ROLES] as const;

export const batchResultSchema = z.withMeta(
  z.object({
    results: z.array(
      z.object({
        index: z.number().check(z.int(), z.minimum(0)),
        outcome: z.enum(['created', 'duplicate', 'invalid']),
        leadId: z.nullable(leadIdSchema),
        status: z.withMeta(z.nullable(z.string()), { description: 'The lead’s status after intake (offered, unassigned, new).' }),
        errors: z.array(z.object({ path: z.string(), message: z.string() })),
      }),
    ),
    created: z.number().check(z.int()),
    duplicates: z.number().check(z.int()),
    invalid: z.number().check(z.int()),
  }),
  { id: 'LeadBatchResult' },
);

export const leadsRoutes = [
  defineRoute({
    method: 'POST',
    path: '/leads',
    operationId: 'createLead',
    summary: 'Take in a qualified lead (routed at once unless `route: false`)',
    description:
      'The lead is offered to the best candidate partner, or goes to the vendor pool with the reason. The same `externalId` again answers 200 with the existing lead and creates nothing. Product lines must be keys of /programme/product-lines.',
    auth: INTAKE,
    body: createLeadSchema,
    responses: {
      201: { description: 'Created (and routed)', schema: leadSchema, headers: { location: 'The lead', ...ETAG_HEADER } },
      200: { description: 'A lead with this externalId exists: it, unchanged', schema: leadSchema, headers: ETAG_HEADER },
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/leads/batch',
    operationId: 'createLeadBatch',
    summary: `Take in up to ${MAX_BATCH} leads; each gets its own result`,
    description:
      'Each item is validated, created (idempotent by externalId) and routed on its own: `created`, `duplicate` (of the lead named) or `invalid` (with field paths). One bad item never rejects the others.',
    auth: INTAKE,
    body: leadBatchSchema,
    // 500 leads of up to about 2 KB each: beyond the 64 KB of other routes.
    maxBodyBytes: 1024 * 1024,
    responses: { 200: { description: 'One result per item, in order', schema: batchResultSchema } },
  }),
  defineRoute({
    method: 'GET',
    path: '/leads',
    operationId: 'listLeads',
    summary: 'Leads, newest first',
    description:
      'Vendor roles: every lead, optionally of one status and/or partner. Partner users: the leads offered to or owned by their organisation (`partnerId` is their own); before acceptance without contact details.',
    auth: EVERYONE,
    query: z.extend(leadFiltersSchema, pageQueryShape),
    responses: { 200: { description: 'A page of leads', schema: pageOf(leadSchema, 'LeadPage') } },
  }),
  defineRoute({
    method: 'GET',
    path: '/leads/{id}',
    operationId: 'getLead',
    summary: 'Read a lead',
    description: 'A partner user reads a lead only while it is offered to or owned by its organisation (else 404); the contact only after acceptance.',
    auth: EVERYONE,
    params: leadParams,
    responses: { 200: { description: 'The lead', schema: leadSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'POST',
    path: '/leads/{id}/accept',
    operationId: 'acceptLead',
    summary: 'Accept an offered lead (reveals its contact)',
    description:
      "By the offered partner's admin or sales user (a vendor role may record it on the partner's behalf). A partner admin may assign it to one of its users. Exactly one of an acceptance and the SLA expiry wins; a late acceptance is 409.",
    auth: ANSWER,
    params: leadParams,
    body: acceptLeadSchema,
    responses: { 200: { description: 'The accepted lead, with its contact', schema: leadSchema, headers: ETAG_HEADER } },
    problems: [409],
  }),
  defineRoute({
    method: 'POST',
    path: '/leads/{id}/reject',
    operationId: 'rejectLead',
    summary: 'Decline an offered lead, with a reason',
    description: 'The lead is offered to the next candidate at once (or returns to the pool); this partner is never offered it again.',
    auth: ANSWER,
    params: leadParams,
    body: rejectLeadSchema,
    responses: { 200: { description: 'The lead as the partner last sees it', schema: leadSchema } },
    problems: [409],
  }),
  defineRoute({
    method: 'POST',
    path: '/leads/{id}/status',
    operationId: 'changeLeadStatus',
    summary: 'Move an accepted lead on: contacted, qualified, converted or lost',
    description:
      "`lost` needs a reason. `converted` needs `deal` (expected close date, description; the customer, contact, lines and value default to the lead's): the deal registration is made through the deal registration context and named on the lead (`dealRegistrationId`) in one transaction. Converting a converted lead again answers it with the same registration.",
    auth: ANSWER,
    params: leadParams,
    body: leadStatusChangeSchema,
    responses: { 200: { description: 'The lead', schema: leadSchema, headers: ETAG_HEADER } },
    problems: [409],
  }),
  defineRoute({
    method: 'POST',
    path: '/leads/{id}/notes',
    operationId: 'addLeadNote',
    summary: 'Add a note to a lead (vendor and owning partner)',
    auth: [...INTAKE, 'partner-admin', 'partner-sales'],
    params: leadParams,
    body: addNoteSchema,
    responses: { 201: { description: 'The note', schema: leadNoteSchema, headers: { location: 'The notes of the lead' } } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/leads/{id}/notes',
    operationId: 'listLeadNotes',
    summary: "A lead's notes, oldest first",
    auth: EVERYONE,
    params: leadParams,
    query: page,
    responses: { 200: { description: 'A page of notes', schema: pageOf(leadNoteSchema, 'LeadNotePage') } },
  }),
  defineRoute({
    method: 'POST',
    path: '/leads/{id}/route',
    operationId: 'routeLead',
    summary: 'Route a lead again (a new lead or one in the vendor pool)',
    description: 'Its offer count starts again; partners that declined it or let it expire stay excluded.',
    auth: INTAKE,
    params: leadParams,
    responses: { 200: { description: 'The lead after routing', schema: leadSchema, headers: ETAG_HEADER } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/leads/{id}/routing',
    operationId: 'getLeadRouting',
    summary: "Every routing decision of a lead, newest first, with each candidate's score breakdown and each exclusion's reason",
    auth: VENDOR_ROLES,
    params: leadParams,
    query: page,
    responses: { 200: { description: 'A page of decisions', schema: pageOf(routingDecisionSchema, 'RoutingDecisionPage') } },
  }),
  defineRoute({
    method: 'GET',
    path: '/programme/routing',
    operationId: 'getRoutingSettings',
    summary: 'Lead routing settings: score weights, offer SLA, maximum offers, stale period',
    auth: VENDOR_ROLES,
    responses: { 200: { description: 'The settings (version 0: the built-in defaults)', schema: routingSettingsSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'PUT',
    path: '/programme/routing',
    operationId: 'putRoutingSettings',
    summary: 'Replace the lead routing settings',
    description: 'Needs If-Match with the ETag of the last GET. No weight may be negative, and not all may be zero. Decisions record the version they used.',
    auth: ['vendor-admin'],
    body: routingSettingsInputSchema,
    conditional: true,
    responses: { 200: { description: 'The new settings', schema: routingSettingsSchema, headers: ETAG_HEADER } },
  }),
] as const;

export const leadsWiring = /* @__PURE__ */ defineWiring({
  name: 'leads',
  description: 'Lead distribution: intake, routing to the best partner with an SLA, acceptance, recycling and the explanation of every decision.',
  // Leads, decisions, notes, settings, the candidate index and per-partner routing state under LEAD#;
  // index partitions LEAD#ALL#<shard>, LEAD#STATUS#<status>#<shard>, LEAD#PARTNER#<id>, LEAD#DUE#<shard>.
  data: { prefixes: ['LEAD#*'], indexPartitions: ['LEAD#*'] },
  events: leadEventExamples,
  api: { entry: 'functions/leads/api.ts', routes: leadsRoutes },
  subscriptions: [
    {
      id: 'candidates',
      description:
        "Keeps leads' candidate index (territory × product line) and each partner's capacity current from partners' events, and its copies of the tier and product-line lists; the highest partner version wins. A suspended partner's open offers are withdrawn and routed on; a terminated partner's also, and its open leads return to the vendor pool. From training's events (and partners' user events) it keeps which product lines each partner is certified in: a granted accreditation of the line, or an active certification of a user not disabled.",
      entry: 'functions/leads/candidates.ts',
      pattern: {
        source: ['channelbase.partners', 'channelbase.training'],
        'detail-type': [
          'PartnerCreated',
          'PartnerUpdated',
          'PartnerActivated',
          'PartnerSuspended',
          'PartnerReactivated',
          'PartnerTerminated',
          'TiersChanged',
          'ProductLinesChanged',
          'PartnerUserAdded',
          'PartnerUserUpdated',
          'CertificationIssued',
          'CertificationRenewed',
          'CertificationExpired',
          'AccreditationGranted',
          'AccreditationLost',
        ],
      },
    },
  ],
  schedules: [
    {
      id: 'lead-sweep',
      description:
        'Every 5 minutes: expires offers past their SLA and offers each lead to the next candidate (or the pool), and reports accepted leads without an update for the stale period (LeadStale), from the due index.',
      everyMinutes: 5,
      entry: 'functions/leads/sweep.ts',
    },
  ],
});
