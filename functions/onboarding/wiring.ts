import * as z from '@channelbase/core/kernel/zod';
import { PARTNER_ROLES, VENDOR_ROLES } from '@channelbase/core';
import {
  agreementIdSchema,
  agreementOfferSchema,
  agreementSchema,
  applicationFiltersSchema,
  applicationIdSchema,
  applicationReceiptSchema,
  applicationSchema,
  approveApplicationSchema,
  checklistSchema,
  onboardingEventExamples,
  onboardingSettingsInputSchema,
  onboardingSettingsSchema,
  publishAgreementSchema,
  rejectApplicationSchema,
  submitApplicationSchema,
} from '@channelbase/core/onboarding';
import { partnerIdSchema, specialisationSchema } from '../partners/index.ts';
import { ETAG_HEADER, defineRoute, defineWiring, pageOf, pageQueryShape } from '@channelbase/platform';

const applicationParams = z.strictObject({ id: applicationIdSchema });
const partnerParams = z.strictObject({ id: partnerIdSchema });
const page = z.strictObject(pageQueryShape);
const DECIDERS = ['channel-manager', 'vendor-admin'] as const;

export const onboardingRoutes = [
  defineRoute({
    method: 'POST',
    path: '/applications',
    operationId: 'submitApplication',
    summary: 'Apply to become a partner (no account needed)',
    description:
      "Automated checks (duplicate organisation, required fields, allowed country) run at once and are stored for the reviewer. The answer is the same whatever they found: the applicant learns nothing about existing partners. Rate-limited per source address (10 a minute), and capped: at most 3 undecided applications per registrable web domain and 10 per source address at a time (429 `too-many-open-applications`, with Retry-After). An application nobody decides within 30 days expires, and its claims on the organisation's identity and its places under the caps lapse.",
    auth: 'public',
    body: submitApplicationSchema,
    throttle: { rateLimit: 5, burstLimit: 20, perSourcePerMinute: 10 },
    responses: { 202: { description: 'Received', schema: applicationReceiptSchema } },
    problems: [429],
  }),
  defineRoute({
    method: 'GET',
    path: '/applications',
    operationId: 'listApplications',
    summary: 'List applications, newest first',
    auth: VENDOR_ROLES,
    query: z.extend(applicationFiltersSchema, pageQueryShape),
    responses: { 200: { description: 'A page of applications', schema: pageOf(applicationSchema, 'ApplicationPage') } },
  }),
  defineRoute({
    method: 'GET',
    path: '/applications/{id}',
    operationId: 'getApplication',
    summary: 'Read an application with its check results',
    auth: VENDOR_ROLES,
    params: applicationParams,
    responses: { 200: { description: 'The application', schema: applicationSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'POST',
    path: '/applications/{id}/approve',
    operationId: 'approveApplication',
    summary: 'Approve an application',
    description:
      "Creates the partner (status onboarding) and its first partner-admin user (the applicant's contact; in AWS invited by e-mail through Cognito), and offers the programme's current agreement. Exactly one decision wins: a second approve or reject gets 409.",
    auth: DECIDERS,
    params: applicationParams,
    body: approveApplicationSchema,
    responses: {
      200: { description: 'The approved application; `decision` names the partner and user created', schema: applicationSchema, headers: ETAG_HEADER },
    },
    problems: [409],
  }),
  defineRoute({
    method: 'POST',
    path: '/applications/{id}/reject',
    operationId: 'rejectApplication',
    summary: 'Reject an application, with a reason',
    auth: DECIDERS,
    params: applicationParams,
    body: rejectApplicationSchema,
    responses: { 200: { description: 'The rejected application', schema: applicationSchema, headers: ETAG_HEADER } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/partners/{id}/agreements',
    operationId: 'listPartnerAgreements',
    summary: 'Agreements offered to a partner, and their acceptance',
    auth: [...VENDOR_ROLES, 'partner-admin'],
    params: partnerParams,
    query: page,
    responses: { 200: { description: 'A page of agreement offers', schema: pageOf(agreementOfferSchema, 'AgreementOfferPage') } },
  }),
  defineRoute({
    method: 'POST',
    path: '/partners/{id}/agreements/{agreementId}/accept',
    operationId: 'acceptAgreement',
    summary: 'Accept the offered agreement (activates an onboarding partner)',
    description: 'Records who accepted, when and which version; the partner becomes active and its onboarding checklist opens.',
    auth: ['partner-admin'],
    params: z.strictObject({ id: partnerIdSchema, agreementId: agreementIdSchema }),
    responses: { 200: { description: 'The accepted offer', schema: agreementOfferSchema } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/partners/{id}/onboarding',
    operationId: 'getOnboardingChecklist',
    summary: "A partner's onboarding checklist",
    auth: [...VENDOR_ROLES, ...PARTNER_ROLES],
    params: partnerParams,
    responses: { 200: { description: 'The checklist', schema: checklistSchema } },
  }),
  defineRoute({
    method: 'POST',
    path: '/partners/{id}/onboarding/items/{itemId}/complete',
    operationId: 'completeChecklistItem',
    summary: 'Mark a manual checklist item done',
    description: 'Only items of kind `manual`; the others complete themselves from events.',
    auth: ['vendor-admin', 'channel-manager'],
    params: z.strictObject({ id: partnerIdSchema, itemId: specialisationSchema }),
    responses: { 200: { description: 'The checklist', schema: checklistSchema } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/programme/onboarding',
    operationId: 'getOnboardingSettings',
    summary: 'Onboarding settings: review SLA, allowed countries, required fields, agreement deadline, checklist',
    auth: VENDOR_ROLES,
    responses: { 200: { description: 'The settings (version 0: the built-in defaults)', schema: onboardingSettingsSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'PUT',
    path: '/programme/onboarding',
    operationId: 'putOnboardingSettings',
    summary: 'Replace the onboarding settings',
    description: 'Needs If-Match with the ETag of the last GET. Applies to applications submitted and agreements offered afterwards.',
    auth: ['vendor-admin'],
    body: onboardingSettingsInputSchema,
    conditional: true,
    responses: { 200: { description: 'The new settings', schema: onboardingSettingsSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'GET',
    path: '/programme/agreements',
    operationId: 'listAgreements',
    summary: 'Published agreement versions, newest (current) first',
    auth: VENDOR_ROLES,
    query: page,
    responses: { 200: { description: 'A page of agreements', schema: pageOf(agreementSchema, 'AgreementPage') } },
  }),
  defineRoute({
    method: 'POST',
    path: '/programme/agreements',
    operationId: 'publishAgreement',
    summary: 'Publish a new agreement version (it becomes current)',
    description: 'Offers made before keep the version they offered.',
    auth: ['vendor-admin'],
    body: publishAgreementSchema,
    responses: { 201: { description: 'Published', schema: agreementSchema, headers: { location: 'The agreements URL' } } },
    problems: [409],
  }),
] as const;

export const onboardingWiring = /* @__PURE__ */ defineWiring({
  name: 'onboarding',
  description: 'Partner onboarding: applications and their checks, decisions, agreements, activation and the onboarding checklist.',
  // Applications (and their gsi1 APPLICATION / gsi2 APPLICATION#STATUS#<status> entries);
  // settings, agreements, per-partner offers and checklists under ONBOARDING#.
  data: { prefixes: ['APPLICATION#*', 'ONBOARDING#*'], indexPartitions: ['APPLICATION', 'APPLICATION#STATUS#*'] },
  events: onboardingEventExamples,
  api: { entry: 'functions/onboarding/api.ts', routes: onboardingRoutes },
  subscriptions: [
    {
      id: 'checklist',
      description: 'Completes onboarding checklist items from the events that satisfy them (profile, users, certifications).',
      entry: 'functions/onboarding/checklist.ts',
      pattern: {
        source: ['channelbase.partners', 'channelbase.onboarding', 'channelbase.training'],
        'detail-type': ['PartnerUpdated', 'PartnerUserAdded', 'PartnerUserUpdated', 'PartnerActivated', 'CertificationIssued'],
      },
    },
  ],
  workflows: [
    {
      id: 'agreement-acceptance',
      description: 'Reminds a new partner of its unaccepted agreement, then terminates the onboarding at the deadline.',
      startedBy: { source: 'channelbase.onboarding', detailType: 'AgreementOffered' },
      entry: 'functions/onboarding/agreement-workflow.ts',
    },
  ],
  schedules: [
    {
      id: 'review-sweep',
      description:
        'Every hour: reminds reviewers of each pending application once per review SLA period, and expires those nobody decided within the 30-day review window.',
      everyMinutes: 60,
      entry: 'functions/onboarding/review-sweep.ts',
    },
  ],
});
