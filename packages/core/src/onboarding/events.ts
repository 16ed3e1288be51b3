import * as z from '../kernel/zod.ts';
import { defineEvent } from '../kernel/events.ts';
import { partnerSchema } from '../partners/index.ts';
import {
  agreementOfferSchema,
  agreementSchema,
  onboardingSettingsSchema,
  applicationIdSchema,
  applicationSchema,
  checklistSchema,
  duplicateMatchSchema,
} from './model.ts';

const C = 'onboarding';

export const ApplicationSubmitted = defineEvent(
  C,
  'ApplicationSubmitted',
  z.deferred(() => z.object({ application: applicationSchema })),
  'A prospective partner applied; the automated checks ran and their results are on the application. The hourly review sweep reminds reviewers of it while it is pending.',
);
export const ApplicationFlaggedDuplicate = defineEvent(
  C,
  'ApplicationFlaggedDuplicate',
  z.deferred(() => z.object({ applicationId: applicationIdSchema, matches: z.array(duplicateMatchSchema) })),
  'An application matched an existing partner or open application by registrable web domain, tax id or normalised legal name. Nothing is merged: a channel manager decides.',
);
export const ApplicationReviewReminder = defineEvent(
  C,
  'ApplicationReviewReminder',
  z.deferred(() =>
    z.object({
      applicationId: applicationIdSchema,
      reminder: z.number().check(z.int(), z.minimum(1)),
      submittedAt: z.iso.datetime(),
      reviewDueAt: z.iso.datetime(),
    }),
  ),
  'An application has waited longer than the review SLA; raised once per SLA period (by the hourly review sweep) until it is decided or expires.',
);
export const ApplicationExpired = defineEvent(
  C,
  'ApplicationExpired',
  z.deferred(() => z.object({ applicationId: applicationIdSchema, submittedAt: z.iso.datetime(), expiredAt: z.iso.datetime() })),
  'Nobody decided an application within the review window (30 days): it is expired, and its identity-key claims and its places under the open-application caps are free again.',
);
export const ApplicationApproved = defineEvent(
  C,
  'ApplicationApproved',
  z.deferred(() => z.object({ application: applicationSchema })),
  'A channel manager approved an application; the partner (status onboarding) and its first partner-admin user were created.',
);
export const ApplicationRejected = defineEvent(
  C,
  'ApplicationRejected',
  z.deferred(() => z.object({ application: applicationSchema, reason: z.string() })),
  'A channel manager rejected an application, with the reason.',
);
export const AgreementOffered = defineEvent(
  C,
  'AgreementOffered',
  z.deferred(() => z.object({ offer: agreementOfferSchema })),
  "The programme's current agreement was offered to a new partner, with its reminder and acceptance deadline. Starts the agreement-acceptance workflow.",
);
export const AgreementAccepted = defineEvent(
  C,
  'AgreementAccepted',
  z.deferred(() => z.object({ offer: agreementOfferSchema })),
  'A partner admin accepted the agreement: who, when and which version are on the offer.',
);
export const AgreementReminder = defineEvent(
  C,
  'AgreementReminder',
  z.deferred(() => z.object({ offer: agreementOfferSchema })),
  'The agreement is still not accepted at the reminder day (default day 7 of 14).',
);
export const OnboardingExpired = defineEvent(
  C,
  'OnboardingExpired',
  z.deferred(() => z.object({ partner: partnerSchema, offer: agreementOfferSchema, reason: z.literal('agreement-not-accepted') })),
  'The agreement was not accepted in time: the partner is terminated with reason agreement-not-accepted.',
);
export const OnboardingChecklistCompleted = defineEvent(
  C,
  'OnboardingChecklistCompleted',
  z.deferred(() => z.object({ checklist: checklistSchema })),
  "Every item of a partner's onboarding checklist is done.",
);

export const AgreementPublished = defineEvent(
  C,
  'AgreementPublished',
  z.deferred(() => z.object({ agreement: agreementSchema })),
  'A vendor admin published a new programme agreement version; partners approved from now on are offered it.',
);
export const OnboardingSettingsChanged = defineEvent(
  C,
  'OnboardingSettingsChanged',
  z.deferred(() => z.object({ settings: onboardingSettingsSchema, changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })) })),
  'A vendor admin changed the onboarding settings (review SLA, allowed countries, required fields, agreement deadline, checklist).',
);

export const onboardingEvents = [
  ApplicationSubmitted,
  ApplicationFlaggedDuplicate,
  ApplicationReviewReminder,
  ApplicationExpired,
  ApplicationApproved,
  ApplicationRejected,
  AgreementOffered,
  AgreementAccepted,
  AgreementReminder,
  OnboardingExpired,
  OnboardingChecklistCompleted,
  AgreementPublished,
  OnboardingSettingsChanged,
];
