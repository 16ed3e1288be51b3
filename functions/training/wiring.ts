import * as z from '@channelbase/core/kernel/zod';
import { PARTNER_ROLES, ROLES, VENDOR_ROLES } from '@channelbase/core';
import {
  accreditationRulesInputSchema,
  accreditationRulesSchema,
  answersInputSchema,
  attemptIdSchema,
  attemptSchema,
  certificationFiltersSchema,
  certificationSchema,
  courseIdSchema,
  courseInputSchema,
  courseSchema,
  examIdSchema,
  examInputSchema,
  examSchema,
  examSummarySchema,
  examWithoutKeysSchema,
  partnerAccreditationsSchema,
  trainingEventExamples,
} from '@channelbase/core/training';
import { partnerIdSchema } from '../partners/index.ts';
import { ETAG_HEADER, defineRoute, defineWiring, pageOf, pageQueryShape } from '@channelbase/platform';

const page = z.strictObject(pageQueryShape);
const courseParams = z.strictObject({ id: courseIdSchema });
const examParams = z.strictObject({ id: examIdSchema });
const examView = z.withMeta(z.union([examSchema, examWithoutKeysSchema, examSummarySchema]), {
  id: 'ExamView',
  description:
    'vendor-admin: the exam with its answer keys; other vendor roles: the question bank without keys; partner users: the settings without questions.',
});

export const trainingRoutes = [
  defineRoute({
    method: 'GET',
    path: '/courses',
    operationId: 'listCourses',
    summary: 'Courses: every course for vendor roles, the curriculum of their role for partner users',
    description:
      'A partner user sees the courses whose audience includes its role: partner-sales the sales courses, partner-marketing the marketing ones, partner-user the technical ones, partner-admin all.',
    auth: ROLES,
    query: page,
    responses: { 200: { description: 'A page of courses', schema: pageOf(courseSchema, 'CoursePage') } },
  }),
  defineRoute({
    method: 'POST',
    path: '/courses',
    operationId: 'createCourse',
    summary: 'Add a course',
    auth: ['vendor-admin'],
    body: courseInputSchema,
    responses: { 201: { description: 'Created', schema: courseSchema, headers: { location: 'The course', ...ETAG_HEADER } } },
  }),
  defineRoute({
    method: 'GET',
    path: '/courses/{id}',
    operationId: 'getCourse',
    summary: 'Read a course',
    auth: ROLES,
    params: courseParams,
    responses: { 200: { description: 'The course', schema: courseSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'PUT',
    path: '/courses/{id}',
    operationId: 'putCourse',
    summary: 'Replace a course',
    auth: ['vendor-admin'],
    params: courseParams,
    body: courseInputSchema,
    conditional: true,
    responses: { 200: { description: 'The course', schema: courseSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'GET',
    path: '/exams',
    operationId: 'listExams',
    summary: 'Exams (questions and answer keys for vendor-admin only)',
    auth: ROLES,
    query: page,
    responses: { 200: { description: 'A page of exams', schema: pageOf(examView, 'ExamPage') } },
  }),
  defineRoute({
    method: 'POST',
    path: '/exams',
    operationId: 'createExam',
    summary: 'Add an exam with its question bank and answer keys',
    auth: ['vendor-admin'],
    body: examInputSchema,
    responses: { 201: { description: 'Created', schema: examSchema, headers: { location: 'The exam', ...ETAG_HEADER } } },
  }),
  defineRoute({
    method: 'GET',
    path: '/exams/{id}',
    operationId: 'getExam',
    summary: 'Read an exam (its answer keys for vendor-admin only)',
    auth: ROLES,
    params: examParams,
    responses: { 200: { description: 'The exam as the caller may see it', schema: examView, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'PUT',
    path: '/exams/{id}',
    operationId: 'putExam',
    summary: 'Replace an exam, its question bank and answer keys',
    description: 'Attempts already started are graded against the questions they drew.',
    auth: ['vendor-admin'],
    params: examParams,
    body: examInputSchema,
    conditional: true,
    responses: { 200: { description: 'The exam', schema: examSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'POST',
    path: '/exams/{id}/attempts',
    operationId: 'startAttempt',
    summary: 'Start an attempt: a random draw of questions with shuffled options, without answers',
    description:
      "For the calling partner user. The draw prefers questions the user has not seen before; the draw and the option order are stored, and the options are labelled a, b, c… in this attempt's order. At most the exam's `attempts.max` attempts in any `attempts.periodDays` days: beyond that 429 `too-many-attempts` with Retry-After.",
    auth: PARTNER_ROLES,
    params: examParams,
    responses: { 201: { description: 'The attempt', schema: attemptSchema, headers: { location: 'The attempt' } } },
    problems: [429],
  }),
  defineRoute({
    method: 'POST',
    path: '/exams/{id}/attempts/{attemptId}/submit',
    operationId: 'submitAttempt',
    summary: 'Submit the answers: graded on the server against the stored draw',
    description:
      'An attempt is graded once: submitting it again answers the same result. After the time limit and a 30-second grace the submission is refused (409 `attempt-late`) and the attempt counts as failed. The result shows the score and pass or fail per topic; which questions were wrong only under the `wrong-questions` review policy, after the last allowed attempt or once certified; never the answer keys. A pass issues or renews the certification.',
    auth: PARTNER_ROLES,
    params: z.strictObject({ id: examIdSchema, attemptId: attemptIdSchema }),
    body: answersInputSchema,
    responses: { 200: { description: 'The graded attempt', schema: attemptSchema } },
    problems: [409],
  }),
  defineRoute({
    method: 'GET',
    path: '/certifications',
    operationId: 'listCertifications',
    summary: 'Certifications, by partner and user (partner users: their own organisation only)',
    description: 'A partner user naming another partner gets 404, as for a partner that does not exist.',
    auth: ROLES,
    query: z.extend(certificationFiltersSchema, pageQueryShape),
    responses: { 200: { description: 'A page of certifications', schema: pageOf(certificationSchema, 'CertificationPage') } },
    problems: [404],
  }),
  defineRoute({
    method: 'GET',
    path: '/partners/{id}/accreditations',
    operationId: 'getPartnerAccreditations',
    summary: "A partner's accreditations: each rule, whether it is met, and what is missing",
    auth: ROLES,
    params: z.strictObject({ id: partnerIdSchema }),
    responses: { 200: { description: 'The accreditations', schema: partnerAccreditationsSchema } },
  }),
  defineRoute({
    method: 'GET',
    path: '/programme/accreditation-rules',
    operationId: 'getAccreditationRules',
    summary: 'Accreditation rules: the certifications a partner needs, by role, for each accreditation',
    auth: VENDOR_ROLES,
    responses: { 200: { description: 'The rules (version 0: none yet)', schema: accreditationRulesSchema, headers: ETAG_HEADER } },
  }),
  defineRoute({
    method: 'PUT',
    path: '/programme/accreditation-rules',
    operationId: 'putAccreditationRules',
    summary: 'Replace the accreditation rules (every partner is evaluated again)',
    description: 'Needs If-Match with the ETag of the last GET.',
    auth: ['vendor-admin'],
    body: accreditationRulesInputSchema,
    conditional: true,
    responses: { 200: { description: 'The new rules', schema: accreditationRulesSchema, headers: ETAG_HEADER } },
  }),
] as const;

export const trainingWiring = /* @__PURE__ */ defineWiring({
  name: 'training',
  description:
    'Training, certification and accreditation: courses, exams graded on the server, certifications that expire, and accreditation rolled up to the partner.',
  // Courses, exams, attempts, certifications, holders, accreditation state and rules under TRAINING#;
  // index partitions TRAINING#COURSES, TRAINING#EXAMS, TRAINING#CERTS, TRAINING#CERTS#ACTIVE, TRAINING#PARTNERS.
  data: { prefixes: ['TRAINING#*'], indexPartitions: ['TRAINING#*'] },
  events: trainingEventExamples,
  api: { entry: 'functions/training/api.ts', routes: trainingRoutes },
  subscriptions: [
    {
      id: 'accreditation',
      description:
        "Evaluates a partner's accreditations again on every change that can affect them: a certification issued, renewed, expiring or expired, a user added, changed, disabled or removed, the partner terminated, or the rules changed.",
      entry: 'functions/training/accreditation.ts',
      pattern: {
        source: ['channelbase.training', 'channelbase.partners'],
        'detail-type': [
          'CertificationIssued',
          'CertificationRenewed',
          'CertificationExpiring',
          'CertificationExpired',
          'AccreditationRulesChanged',
          'PartnerUserAdded',
          'PartnerUserUpdated',
          'PartnerTerminated',
        ],
      },
    },
  ],
  schedules: [
    {
      id: 'certification-expiry',
      description: 'Every day: raises CertificationExpiring 60 and 30 days before a certification expires, and marks it expired on the day.',
      everyMinutes: 1440,
      entry: 'functions/training/expiry-sweep.ts',
    },
  ],
});
