import { examplePartner } from '../partners/index.ts';
import {
  AgreementAccepted,
  AgreementOffered,
  AgreementPublished,
  AgreementReminder,
  ApplicationApproved,
  ApplicationFlaggedDuplicate,
  ApplicationExpired,
  ApplicationRejected,
  ApplicationReviewReminder,
  ApplicationSubmitted,
  OnboardingChecklistCompleted,
  OnboardingExpired,
  OnboardingSettingsChanged,
} from './events.ts';
import { DEFAULT_ONBOARDING_SETTINGS } from './model.ts';
import { exampleAgreement, exampleApplication as application, exampleChecklist as checklist, exampleOffer as offer } from './examples.ts';

const decided = { ...application, updatedAt: '2026-11-02T09:15:00.000Z', version: 2 };
const by = { sub: 'cm-7', roles: ['channel-manager'] };
const duplicate = {
  ...application,
  id: 'app_01JD3Z9X3K8P4R6T0V2X4Z6B8F',
  checks: {
    ...application.checks,
    duplicate: { passed: false, matches: [{ on: 'webDomain' as const, value: 'northwind.example', kind: 'partner' as const, id: examplePartner.id }] },
  },
  flagged: true,
};

/** Each event of the context with the example data the catalogue publishes for it. */
export const onboardingEventExamples = [
  { event: ApplicationSubmitted, data: { application } },
  { event: ApplicationFlaggedDuplicate, data: { applicationId: duplicate.id, matches: duplicate.checks.duplicate.matches } },
  {
    event: ApplicationReviewReminder,
    data: { applicationId: application.id, reminder: 1, submittedAt: application.submittedAt, reviewDueAt: application.reviewDueAt },
  },
  { event: ApplicationExpired, data: { applicationId: application.id, submittedAt: application.submittedAt, expiredAt: '2026-12-01T08:00:00.000Z' } },
  {
    event: ApplicationApproved,
    data: {
      application: {
        ...decided,
        status: 'approved',
        decision: { outcome: 'approved', by, at: decided.updatedAt, reason: null, partnerId: examplePartner.id, adminUserId: 'usr_01JD3Z9B7C2D4E6F8G0H1J2K3M' },
      },
    },
  },
  {
    event: ApplicationRejected,
    data: {
      application: {
        ...decided,
        status: 'rejected',
        decision: { outcome: 'rejected', by, at: decided.updatedAt, reason: 'Outside our target market', partnerId: null, adminUserId: null },
      },
      reason: 'Outside our target market',
    },
  },
  { event: AgreementOffered, data: { offer } },
  {
    event: AgreementAccepted,
    data: {
      offer: {
        ...offer,
        status: 'accepted',
        acceptedAt: '2026-11-05T16:40:00.000Z',
        acceptedBy: { sub: 'usr_01JD3Z9B7C2D4E6F8G0H1J2K3M', userId: 'usr_01JD3Z9B7C2D4E6F8G0H1J2K3M' },
        version: 2,
      },
    },
  },
  { event: AgreementReminder, data: { offer: { ...offer, remindedAt: offer.remindAt, version: 2 } } },
  {
    event: OnboardingExpired,
    data: {
      partner: { ...examplePartner, status: 'terminated', statusReason: 'agreement-not-accepted', version: 2 },
      offer: { ...offer, status: 'expired', remindedAt: offer.remindAt, version: 3 },
      reason: 'agreement-not-accepted',
    },
  },
  { event: OnboardingChecklistCompleted, data: { checklist } },
  { event: AgreementPublished, data: { agreement: exampleAgreement } },
  {
    event: OnboardingSettingsChanged,
    data: {
      settings: { ...DEFAULT_ONBOARDING_SETTINGS, reviewSlaDays: 2, updatedAt: '2026-11-01T07:00:00.000Z', version: 1 },
      changes: [{ field: 'reviewSlaDays', from: 3, to: 2 }],
    },
  },
] as const;
