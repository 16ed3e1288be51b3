import * as z from 'zod';
import { PARTNER_ROLES, VENDOR_ROLES } from '@channelbase/core';
import {
  addPartnerUserSchema,
  createPartnerSchema,
  historyEntrySchema,
  partnerFiltersSchema,
  partnerIdSchema,
  partnerSchema,
  partnerUserSchema,
  statusChangeSchema,
  updatePartnerSchema,
  updatePartnerUserSchema,
  userIdSchema,
} from '@channelbase/core/partners';
import { ETAG_HEADER, defineRoute, defineWiring, pageOf, pageQueryShape } from '@channelbase/platform';

const partnerParams = z.strictObject({ id: partnerIdSchema });
const userParams = z.strictObject({ id: partnerIdSchema, userId: userIdSchema });
const page = z.strictObject(pageQueryShape);

export const partnerRoutes = [
  defineRoute({
    method: 'POST',
    path: '/partners',
    operationId: 'createPartner',
    summary: 'Create a partner organisation',
    description: 'Vendor roles create partners directly (for example when migrating an existing programme); prospective partners apply through /applications.',
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
    description: 'Partner admins may change their own profile fields; type, tier and channel manager are for vendor roles. Needs If-Match.',
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
    auth: ['vendor-admin'],
    params: partnerParams,
    body: statusChangeSchema,
    responses: { 200: { description: 'The active partner', schema: partnerSchema, headers: ETAG_HEADER } },
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
    description: 'In AWS the user is then invited through Cognito by e-mail, in the groups of its roles.',
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
] as const;

export const partnersWiring = defineWiring({
  name: 'partners',
  description: 'Partner master data: organisations, their users and roles, and the audit trail.',
  // Partners, their users, audit trail and identity records under PARTNER#<id>; the e-mail
  // claims, organisation identity keys and vocabularies; the status, country, type and tier
  // indexes (gsi1 PARTNER, gsi2–5 PARTNER#<filter>#<value>).
  data: { prefixes: ['PARTNER#*', 'USER_EMAIL#*', 'ORGKEY#*', 'VOCABULARY#*'], indexPartitions: ['PARTNER', 'PARTNER#*'] },
  api: { entry: 'functions/partners/api.ts', routes: partnerRoutes },
  subscriptions: [
    {
      id: 'provision-identity',
      description: 'Creates or updates the Cognito user of a partner user (invitation e-mail, groups, partner id).',
      entry: 'functions/partners/provision-identity.ts',
      pattern: { source: ['channelbase.partners'], 'detail-type': ['PartnerUserAdded', 'PartnerUserUpdated'] },
      publishes: false,
    },
  ],
});
