import * as z from '../kernel/zod.ts';
import { defineEvent } from '../kernel/events.ts';
import { partnerIdSchema } from '../partners/index.ts';
import {
  accreditationRulesSchema,
  accreditationStateSchema,
  atRiskSchema,
  attemptIdSchema,
  certificationSchema,
  examIdSchema,
  topicResultSchema,
} from './model.ts';

const C = 'training';

/** An attempt's outcome as events tell it: the score and topics, never the questions, answers or keys. */
const outcomeSchema = z.deferred(() =>
  z.object({
    attemptId: attemptIdSchema,
    examId: examIdSchema,
    partnerId: partnerIdSchema,
    userId: z.string(),
    scorePercent: z.number().check(z.int()),
    passMarkPercent: z.number().check(z.int()),
    late: z.boolean(),
    topics: z.array(topicResultSchema),
    submittedAt: z.iso.datetime(),
  }),
);

export const ExamPassed = defineEvent(
  C,
  'ExamPassed',
  outcomeSchema,
  'A partner user passed an exam (graded on the server); a certification is issued or renewed with it.',
);
export const ExamFailed = defineEvent(
  C,
  'ExamFailed',
  outcomeSchema,
  'A partner user failed an exam, or submitted after the time limit and its grace (`late`: refused, counted as failed).',
);
export const CertificationIssued = defineEvent(
  C,
  'CertificationIssued',
  z.deferred(() => z.object({ certification: certificationSchema })),
  "A pass issued a certification to a partner user. `certification.key` is what the onboarding checklist's certification items and the accreditation rules name.",
);
export const CertificationRenewed = defineEvent(
  C,
  'CertificationRenewed',
  z.deferred(() => z.object({ certification: certificationSchema, previousExpiresAt: z.iso.datetime() })),
  'A pass renewed a certification the user held: the new expiry runs from the later of the day of the pass and the previous expiry.',
);
export const CertificationExpiring = defineEvent(
  C,
  'CertificationExpiring',
  z.deferred(() => z.object({ certification: certificationSchema, daysBefore: z.number().check(z.int()) })),
  'A certification expires in 60 (then 30) days; raised once each by the daily expiry sweep.',
);
export const CertificationExpired = defineEvent(
  C,
  'CertificationExpired',
  z.deferred(() => z.object({ certification: certificationSchema })),
  'A certification reached its expiry date and no longer counts towards accreditation.',
);
export const AccreditationGranted = defineEvent(
  C,
  'AccreditationGranted',
  z.deferred(() => z.object({ partnerId: partnerIdSchema, accreditation: accreditationStateSchema, rulesVersion: z.number().check(z.int()) })),
  "A partner's certified people now meet every requirement of an accreditation rule.",
);
export const AccreditationLost = defineEvent(
  C,
  'AccreditationLost',
  z.deferred(() => z.object({ partnerId: partnerIdSchema, accreditation: accreditationStateSchema, rulesVersion: z.number().check(z.int()) })),
  'A partner no longer meets an accreditation it held (a certification expired, a user left or changed roles, the partner was terminated, or the rule changed); `missing` says what it lacks.',
);
export const AccreditationAtRisk = defineEvent(
  C,
  'AccreditationAtRisk',
  z.deferred(() => z.object({ partnerId: partnerIdSchema, accreditation: accreditationStateSchema, atRisk: atRiskSchema })),
  'A partner will lose an accreditation when a certification it needs expires within 30 days: the date and the certification.',
);
export const AccreditationRulesChanged = defineEvent(
  C,
  'AccreditationRulesChanged',
  z.deferred(() => z.object({ rules: accreditationRulesSchema })),
  'A vendor admin changed the accreditation rules; every partner with certifications is evaluated again.',
);

export const trainingEvents = [
  ExamPassed,
  ExamFailed,
  CertificationIssued,
  CertificationRenewed,
  CertificationExpiring,
  CertificationExpired,
  AccreditationGranted,
  AccreditationLost,
  AccreditationAtRisk,
  AccreditationRulesChanged,
];
