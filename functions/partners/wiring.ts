import * as z from 'zod';
import { PARTNER_ROLES, VENDOR_ROLES } from '@channelbase/core';
import {
  addPartnerUserSchema,
  createPartnerSchema,
  historyEntrySchema,
  partnerEventExamples,
  partnerFiltersSchema,
  partnerIdSchema,
  partnerSchema,
  partnerUserSchema,
  productLineListSchema,
  productLinesInputSchema,
  statusChangeSchema,
  tierListSchema,
  tiersInputSchema,
  updatePartnerSchema,
  updatePartnerUserSchema,
  userIdSchema,
} from '@channelbase/core/partners';
import { ETAG_HEADER, defineRoute, defineWiring, pageOf, pageQueryShape } from '@channelbase/platform';

const partnerParams = z.strictObject({ id: partnerIdSchema });
const userParams = z.strictObject({ id: partnerIdSchema, userId: userIdSchema });
const page = z.strictObject(pageQueryShape);

/** The programme vocabulary: tiers and product lines, read by every vendor role, changed by vendor admins. */
export const vocabularyRoutes = [
  defineRoute({
    method: 'GET',
    path: '/programme/tiers',
    operationId: 'getTiers',
    summary: 'The programme tiers, highest rank first',
    description: "The keys a partner's tier may take, in rank order: the first is the highest. Version 0 (no list yet): any well-formed key is accepted.",
    auth: VENDOR_ROLES,
    responses: { 200: { description: 'The tiers', schema: tierListSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'PUT',
    path: '/programme/tiers',
    operationId: 'putTiers',
    summary: 'Replace the programme tiers (highest rank first)',
    description:
      'Needs If-Match with the ETag of the last GET. Keys are unique; names may change freely. Removing a key that a partner holds is refused (409, naming the partners); so is a first list that omits a key in use.',
    auth: ['vendor-admin'],
    body: tiersInputSchema,
    conditional: true,
    responses: { 200: { description: 'The new tiers', schema: tierListSchema, headers: ETAG_HEADER } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/programme/product-lines',
    operationId: 'getProductLines',
    summary: "The programme's product lines (the keys of partner specialisations)",
    description: 'Version 0 (no list yet): any well-formed key is accepted.',
    auth: VENDOR_ROLES,
    responses: { 200: { description: 'The product lines', schema: productLineListSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'PUT',
    path: '/programme/product-lines',
    operationId: 'putProductLines',
    summary: 'Replace the programme product lines',
    description:
      'Needs If-Match with the ETag of the last GET. Keys are unique; names may change freely. Removing a key that a partner holds as a specialisation is refused (409, naming the partners); so is a first list that omits a key in use.',
    auth: ['vendor-admin'],
    body: productLinesInputSchema,
    conditional: true,
    responses: { 200: { description: 'The new product lines', schema: productLineListSchema, headers: ETAG_HEADER } },
    problems: [409],
  }),
] as const;

export const partnerRoutes = [
  defineRoute({
    method: 'POST',
    path: '/partners',
    operationId: 'createPartner',
    summary: 'Create a partner organisation',
    description:
      'Vendor roles create partners directly (for example when migrating an existing programme); prospective partners apply through /applications. The tier and specialisations must be keys of GET /programme/tiers and GET /programme/product-lines (once those lists are defined).',
    auth: ['vendor-admin', 'channel-manager'],
    body: createPartnerSchema,
    responses: { 201: { description: 'Created', schema: partnerSchema, headers: { location: 'The partner URL', ...ETAG_HEADER } } },
  }),
  defineRoute({
    method: 'GET',
    path: '/partners',
    operationId: 'listPartners',
    summary: 'List partners, newest first, with filters',
    auth: VENDOR_ROLES,
    query: partnerFiltersSchema.extend(pageQueryShape),
    responses: { 200: { description: 'A page of partners', schema: pageOf(partnerSchema, 'PartnerPage') } },
  }),
  defineRoute({
    method: 'GET',
    path: '/partners/{id}',
    operationId: 'getPartner',
    summary: 'Read a partner',
    auth: [...VENDOR_ROLES, ...PARTNER_ROLES],
    params: partnerParams,
    responses: { 200: { description: 'The partner', schema: partnerSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/partners/{id}',
    operationId: 'updatePartner',
    summary: 'Update a partner',
    description:
      'Partner admins may change their own profile fields; type, tier and channel manager are for vendor roles. Needs If-Match. A tier or specialisation being set must be a key of the programme vocabulary; values left untouched are not checked.',
    auth: ['vendor-admin', 'channel-manager', 'partner-admin'],
    params: partnerParams,
    body: updatePartnerSchema,
    conditional: true,
    responses: { 200: { description: 'The updated partner', schema: partnerSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'POST',
    path: '/partners/{id}/suspend',
    operationId: 'suspendPartner',
    summary: 'Suspend a partner',
    description: 'An active or onboarding partner: its users keep read access and can change nothing (writes answer 403 partner-suspended).',
    auth: ['vendor-admin'],
    params: partnerParams,
    body: statusChangeSchema,
    responses: { 200: { description: 'The suspended partner', schema: partnerSchema, headers: ETAG_HEADER } },
    problems: [409],
  }),
  defineRoute({
    method: 'POST',
    path: '/partners/{id}/reactivate',
    operationId: 'reactivatePartner',
    summary: 'Reactivate a suspended partner',
    description: 'It returns to the status it had: active, or onboarding if it was suspended while onboarding (its agreement deadline still applies).',
    auth: ['vendor-admin'],
    params: partnerParams,
    body: statusChangeSchema,
    responses: { 200: { description: 'The active partner', schema: partnerSchema, headers: ETAG_HEADER } },
    problems: [409],
  }),
  defineRoute({
    method: 'POST',
    path: '/partners/{id}/terminate',
    operationId: 'terminatePartner',
    summary: 'Terminate a partner, for good',
    description:
      "Final: the partner's users lose all access at once (every route answers 403), their accounts are disabled and signed out. Onboarding terminates a partner whose agreement deadline passed (reason `agreement-not-accepted`).",
    auth: ['vendor-admin'],
    params: partnerParams,
    body: statusChangeSchema,
    responses: { 200: { description: 'The terminated partner', schema: partnerSchema, headers: ETAG_HEADER } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/partners/{id}/users',
    operationId: 'listPartnerUsers',
    summary: "List a partner's users",
    auth: [...VENDOR_ROLES, 'partner-admin'],
    params: partnerParams,
    query: page,
    responses: { 200: { description: 'A page of users', schema: pageOf(partnerUserSchema, 'PartnerUserPage') } },
  }),
  defineRoute({
    method: 'POST',
    path: '/partners/{id}/users',
    operationId: 'addPartnerUser',
    summary: 'Add a user to a partner',
    description:
      "In AWS the user is then invited through Cognito by e-mail, in the groups of its roles. The invitation is pending until the user first signs in and expires after the invitation window (default 7 days): the user is disabled and the address released. An address already in use is 409 for vendor roles and for an address of the caller's own organisation; a partner admin inviting another organisation's address gets the same answer as for a free one (the user never receives an identity, and the invitation expires).",
    auth: ['vendor-admin', 'partner-admin'],
    params: partnerParams,
    body: addPartnerUserSchema,
    responses: { 201: { description: 'Created', schema: partnerUserSchema, headers: { location: 'The user URL', ...ETAG_HEADER } } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/partners/{id}/users/{userId}',
    operationId: 'getPartnerUser',
    summary: 'Read a partner user',
    auth: [...VENDOR_ROLES, 'partner-admin'],
    params: userParams,
    responses: { 200: { description: 'The user', schema: partnerUserSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/partners/{id}/users/{userId}',
    operationId: 'updatePartnerUser',
    summary: "Change a partner user's name, roles or status",
    auth: ['vendor-admin', 'partner-admin'],
    params: userParams,
    body: updatePartnerUserSchema,
    conditional: true,
    responses: { 200: { description: 'The updated user', schema: partnerUserSchema, headers: ETAG_HEADER } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/partners/{id}/history',
    operationId: 'getPartnerHistory',
    summary: 'The audit trail of a partner and its users',
    description: 'Who changed which fields, when, from what to what; newest first.',
    auth: [...VENDOR_ROLES, 'partner-admin'],
    params: partnerParams,
    query: page,
    responses: { 200: { description: 'A page of audit entries', schema: pageOf(historyEntrySchema, 'HistoryPage') } },
  }),
  ...vocabularyRoutes,
] as const;

export const partnersWiring = /* @__PURE__ */ defineWiring({
  name: 'partners',
  description: 'Partner master data: organisations, their users and roles, the audit trail, and the programme vocabulary (tiers, product lines).',
  // Partners, their users, audit trail and identity records under PARTNER#<id>; the e-mail
  // claims, organisation identity keys and vocabularies; the status, country, type and tier
  // indexes (gsi1 PARTNER, gsi2–5 PARTNER#<filter>#<value>).
  data: { prefixes: ['PARTNER#*', 'USER_EMAIL#*', 'ORGKEY#*', 'VOCABULARY#*'], indexPartitions: ['PARTNER', 'PARTNER#*'] },
  events: partnerEventExamples,
  api: { entry: 'functions/partners/api.ts', routes: partnerRoutes },
  subscriptions: [
    {
      id: 'provision-identity',
      description: 'Creates or updates the Cognito user of a partner user (invitation e-mail, groups, partner id).',
      entry: 'functions/partners/provision-identity.ts',
      pattern: { source: ['channelbase.partners'], 'detail-type': ['PartnerUserAdded', 'PartnerUserUpdated'] },
      publishes: false,
    },
    {
      id: 'deprovision-terminated',
      description: 'Disables every user of a terminated partner (disabled by the system, sessions revoked); provision-identity then disables them in Cognito.',
      entry: 'functions/partners/deprovision.ts',
      pattern: { source: ['channelbase.partners'], 'detail-type': ['PartnerTerminated'] },
    },
  ],
  workflows: [
    {
      id: 'invitation-expiry',
      description: "Ends a new user's invitation window (invitationDays, default 7): a user who never signed in is disabled and its e-mail address released.",
      startedBy: { source: 'channelbase.partners', detailType: 'PartnerUserAdded' },
      entry: 'functions/partners/invitation-workflow.ts',
    },
  ],
});
