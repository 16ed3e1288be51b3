import * as z from 'zod';
import { idSchema } from '../kernel/ids.ts';
import { PARTNER_ROLES } from '../kernel/roles.ts';
import { plainText } from '../kernel/text.ts';
import { partnerIdSchema, specialisationSchema } from '../partners/index.ts';

/**
 * The training context's records: courses, exams (with their question bank and answer keys),
 * attempts, certifications, accreditation rules and each partner's accreditation state.
 *
 * Answer keys (`correct`) exist only in `examSchema` (vendor-admin) and in the stored attempt's
 * draw (`storedDrawSchema`, never answered to anyone). Every other view is built from schemas
 * that have no such field, so a response, an event or a problem cannot carry one.
 */

export const courseIdSchema = idSchema('course');
export const examIdSchema = idSchema('exam');
export const attemptIdSchema = idSchema('attempt');
export const certificationIdSchema = idSchema('certification');

const key = specialisationSchema;
const actorSchema = z.object({ sub: z.string(), roles: z.array(z.string()) });
const uniqueBy = <T>(items: readonly T[], of: (t: T) => string) => new Set(items.map(of)).size === items.length;

// ---- courses ----

export const AUDIENCES = ['sales', 'technical', 'marketing'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * The courses a partner role is meant for: partner-sales the sales courses, partner-marketing the
 * marketing ones, partner-user the technical ones; a partner admin sees every course.
 */
export const ROLE_AUDIENCES: Record<(typeof PARTNER_ROLES)[number], readonly Audience[]> = {
  'partner-admin': AUDIENCES,
  'partner-sales': ['sales'],
  'partner-marketing': ['marketing'],
  'partner-user': ['technical'],
};

const linkSchema = z.strictObject({
  title: plainText(200).meta({ example: 'Module 1: positioning' }),
  url: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .meta({ example: 'https://learn.vendor.example/networking/1' }),
});

export const courseInputSchema = z
  .strictObject({
    title: plainText(200).meta({ example: 'Networking fundamentals for sales' }),
    description: plainText(2000).meta({ example: 'What to say when a customer asks about VLANs.' }).optional(),
    audience: z
      .array(z.enum(AUDIENCES))
      .min(1)
      .max(AUDIENCES.length)
      .refine((a) => new Set(a).size === a.length, 'audience must be unique')
      .meta({ uniqueItems: true })
      .describe('The roles the course is meant for (the curriculum of each role).'),
    productLines: z
      .array(key)
      .max(50)
      .refine((a) => new Set(a).size === a.length, 'product lines must be unique')
      .meta({ uniqueItems: true }),
    links: z.array(linkSchema).max(50),
    durationMinutes: z.number().int().min(1).max(10_000),
    examId: examIdSchema.nullable().default(null).describe('The exam that certifies what the course teaches, if any.'),
  })
  .meta({ id: 'CourseInput' });
export type CourseInput = z.infer<typeof courseInputSchema>;

export const courseSchema = z
  .object({
    id: courseIdSchema,
    ...courseInputSchema.shape,
    description: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Course' });
export type Course = z.infer<typeof courseSchema>;

// ---- exams ----

export const REVIEW_POLICIES = ['score-and-topics', 'wrong-questions'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

/** At most this many options a question offers. */
export const MAX_OPTIONS = 10;

const optionSchema = z.strictObject({ id: key, text: plainText(1000).meta({ example: 'Four' }) });

export const questionSchema = z
  .strictObject({
    id: key.meta({ example: 'q-vlan-basics' }),
    topic: key.meta({ example: 'switching' }),
    text: plainText(2000).meta({ example: 'How many VLAN ids does 802.1Q allow?' }),
    kind: z.enum(['single', 'multiple']),
    options: z.array(optionSchema).min(2).max(MAX_OPTIONS),
    correct: z.array(key).min(1).max(MAX_OPTIONS).describe('The answer key: ids of the correct options. Only vendor-admin reads it.'),
  })
  .superRefine((q, ctx) => {
    if (!uniqueBy(q.options, (o) => o.id)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids must be unique' });
    const ids = new Set(q.options.map((o) => o.id));
    q.correct.forEach((c, i) => {
      if (!ids.has(c)) ctx.addIssue({ code: 'custom', path: ['correct', i], message: 'must be the id of one of the options' });
    });
    if (new Set(q.correct).size !== q.correct.length) ctx.addIssue({ code: 'custom', path: ['correct'], message: 'must be unique' });
    if (q.kind === 'single' && q.correct.length !== 1)
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'a single-choice question has exactly one correct option' });
  })
  .meta({ id: 'Question' });
export type Question = z.infer<typeof questionSchema>;

export const examInputSchema = z
  .strictObject({
    title: plainText(200).meta({ example: 'Networking Associate' }),
    productLine: key.meta({ example: 'networking' }),
    questions: z.array(questionSchema).min(1).max(200),
    questionsPerAttempt: z.number().int().min(1).max(100).describe('Questions drawn for each attempt.'),
    passMarkPercent: z.number().int().min(1).max(100),
    timeLimitMinutes: z.number().int().min(1).max(480),
    attempts: z
      .strictObject({ max: z.number().int().min(1).max(20), periodDays: z.number().int().min(1).max(365) })
      .describe('At most `max` attempts in any `periodDays` days.'),
    certification: z.strictObject({
      key: key.meta({ example: 'networking-associate' }),
      name: plainText(200).meta({ example: 'Certified Networking Associate' }),
      validityMonths: z.number().int().min(1).max(120).default(24),
    }),
    reviewPolicy: z
      .enum(REVIEW_POLICIES)
      .default('score-and-topics')
      .describe(
        'What a candidate sees after submitting. `score-and-topics`: the score and pass or fail per topic. `wrong-questions`: also which questions were wrong, but only after the last allowed attempt of the period or once the certification is granted. Never the answer keys.',
      ),
  })
  .superRefine((e, ctx) => {
    if (!uniqueBy(e.questions, (q) => q.id)) ctx.addIssue({ code: 'custom', path: ['questions'], message: 'question ids must be unique' });
    if (e.questionsPerAttempt > e.questions.length)
      ctx.addIssue({ code: 'custom', path: ['questionsPerAttempt'], message: 'must not exceed the number of questions in the bank' });
  })
  .meta({ id: 'ExamInput' });
export type ExamInput = z.infer<typeof examInputSchema>;

const examMeta = {
  id: examIdSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().min(1),
};

/** The exam with its answer keys: vendor-admin only. */
export const examSchema = z
  .object({ ...examMeta, ...examInputSchema.shape, questions: z.array(questionSchema) })
  .meta({ id: 'Exam', description: 'With the answer keys: only vendor-admin reads it.' });
export type Exam = z.infer<typeof examSchema>;

const questionWithoutKeySchema = z.object({ id: key, topic: key, text: z.string(), kind: z.enum(['single', 'multiple']), options: z.array(optionSchema) });

const { questions: _q, ...settingsShape } = examInputSchema.shape;
void _q;

/** The exam without answer keys (vendor roles other than vendor-admin). */
export const examWithoutKeysSchema = z
  .object({ ...examMeta, ...settingsShape, questions: z.array(questionWithoutKeySchema) })
  .meta({ id: 'ExamWithoutKeys', description: 'The question bank without its answer keys.' });

/** What a partner user sees of an exam: its settings, not its question bank. */
export const examSummarySchema = z
  .object({ ...examMeta, ...settingsShape, questionCount: z.number().int() })
  .meta({ id: 'ExamSummary', description: 'An exam without its question bank.' });

export type ExamView = z.infer<typeof examSchema> | z.infer<typeof examWithoutKeysSchema> | z.infer<typeof examSummarySchema>;

// ---- attempts ----

/**
 * A drawn question as stored with the attempt: the question as it was when drawn (with its key,
 * so that editing the exam does not change how a started attempt is graded) and the option order
 * shown. Internal: never answered.
 */
export const storedDrawSchema = z.object({ question: questionSchema, optionOrder: z.array(key) });
export type StoredDraw = z.infer<typeof storedDrawSchema>;

/** The label of the n-th option shown (0-based): `a`, `b`, … The candidate answers with labels. */
export const optionLabel = (n: number): string => String.fromCharCode(97 + n);

export const attemptQuestionSchema = z
  .object({
    id: key,
    topic: key,
    text: z.string(),
    kind: z.enum(['single', 'multiple']),
    options: z.array(z.object({ id: z.string().meta({ example: 'a' }), text: z.string() })),
  })
  .meta({ id: 'AttemptQuestion', description: 'A drawn question; its options in this attempt’s order, labelled a, b, c…' });

export const topicResultSchema = z.object({ topic: key, correct: z.number().int(), total: z.number().int(), passed: z.boolean() }).meta({ id: 'TopicResult' });

export const attemptResultSchema = z
  .object({
    passed: z.boolean(),
    scorePercent: z.number().int().min(0).max(100),
    passMarkPercent: z.number().int(),
    late: z.boolean().describe('Submitted after the time limit (and its grace): refused, counted as failed.'),
    topics: z.array(topicResultSchema),
    wrongQuestions: z
      .array(key)
      .nullable()
      .describe('Ids of the questions answered wrong: only under the `wrong-questions` policy, after the last allowed attempt or once certified.'),
    certificationId: certificationIdSchema.nullable(),
    attemptsRemaining: z.number().int().min(0).describe('Attempts left in the rolling period.'),
  })
  .meta({ id: 'AttemptResult' });
export type AttemptResult = z.infer<typeof attemptResultSchema>;

export const ATTEMPT_STATUSES = ['started', 'passed', 'failed'] as const;

/** An attempt as its candidate sees it (no keys, no answers chosen). */
export const attemptSchema = z
  .object({
    id: attemptIdSchema,
    examId: examIdSchema,
    partnerId: partnerIdSchema,
    userId: z.string(),
    status: z.enum(ATTEMPT_STATUSES),
    startedAt: z.iso.datetime(),
    submitBy: z.iso.datetime().describe('The time limit; a submission after it (and a short grace) is refused and counts as failed.'),
    submittedAt: z.iso.datetime().nullable(),
    questions: z.array(attemptQuestionSchema),
    result: attemptResultSchema.nullable(),
    attemptsRemaining: z.number().int().min(0),
  })
  .meta({ id: 'Attempt' });
export type AttemptView = z.infer<typeof attemptSchema>;

/** The stored attempt: its draw (with keys) and its answers. Internal. */
export interface StoredAttempt {
  id: string;
  examId: string;
  partnerId: string;
  userId: string;
  status: (typeof ATTEMPT_STATUSES)[number];
  startedAt: string;
  submitBy: string;
  submittedAt: string | null;
  draw: StoredDraw[];
  /** The options chosen per question id (authored option ids). */
  answers: Record<string, string[]> | null;
  result: AttemptResult | null;
  /** The slot (1 … max) it holds under the exam's attempt limit. */
  slot: number;
  version: number;
}

export const answersInputSchema = z
  .strictObject({
    answers: z
      .array(
        z.strictObject({
          questionId: key,
          options: z
            .array(
              z
                .string()
                .regex(/^[a-z]$/, 'must be an option label (a, b, c…)')
                .meta({ example: 'b' }),
            )
            .max(MAX_OPTIONS)
            .describe('The labels of the options chosen.'),
        }),
      )
      .max(100),
  })
  .meta({ id: 'SubmitAnswers' });
export type AnswersInput = z.infer<typeof answersInputSchema>;

// ---- certifications ----

export const CERTIFICATION_STATUSES = ['active', 'expired'] as const;

export const certificationSchema = z
  .object({
    id: certificationIdSchema,
    key: key.describe('The certification key the exam grants (what the onboarding checklist and accreditation rules name).'),
    name: z.string(),
    examId: examIdSchema,
    productLine: key,
    partnerId: partnerIdSchema,
    userId: z.string(),
    status: z.enum(CERTIFICATION_STATUSES),
    issuedAt: z.iso.datetime(),
    renewedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime(),
    remindersSent: z.array(z.number().int()).describe('Days before expiry a CertificationExpiring was raised for (60, 30).'),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Certification' });
export type Certification = z.infer<typeof certificationSchema>;

export const certificationFiltersSchema = z.strictObject({
  partnerId: partnerIdSchema.optional(),
  userId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .meta({ example: 'usr_01JD3Z9B7C2D4E6F8G0H1J2K3M' })
    .optional(),
});

// ---- accreditation ----

export const requirementSchema = z
  .strictObject({
    certification: key.describe('The certification key, as the exam grants it.'),
    min: z.number().int().min(1).max(10_000),
    role: z.enum(PARTNER_ROLES).optional().describe('Only holders with this role count.'),
  })
  .meta({ id: 'AccreditationRequirement' });
export type Requirement = z.infer<typeof requirementSchema>;

export const accreditationRuleSchema = z
  .strictObject({
    key: key.meta({ example: 'networking-gold' }),
    name: plainText(200).meta({ example: 'Networking Gold' }),
    productLine: key.nullable().default(null),
    requirements: z.array(requirementSchema).min(1).max(20),
  })
  .meta({ id: 'AccreditationRule' });
export type AccreditationRule = z.infer<typeof accreditationRuleSchema>;

export const accreditationRulesInputSchema = z
  .strictObject({
    items: z
      .array(accreditationRuleSchema)
      .max(100)
      .superRefine((items, ctx) => {
        if (!uniqueBy(items, (r) => r.key)) ctx.addIssue({ code: 'custom', path: [], message: 'rule keys must be unique' });
      }),
  })
  .meta({ id: 'AccreditationRulesInput' });

export const accreditationRulesSchema = z
  .object({
    items: z.array(accreditationRuleSchema),
    updatedAt: z.iso.datetime().nullable(),
    version: z.number().int().min(0).meta({ description: '0: no rules yet.' }),
  })
  .meta({ id: 'AccreditationRules' });
export type AccreditationRules = z.infer<typeof accreditationRulesSchema>;

export const requirementStateSchema = z
  .object({ ...requirementSchema.shape, role: z.enum(PARTNER_ROLES).nullable(), have: z.number().int(), missing: z.number().int() })
  .meta({ id: 'AccreditationRequirementState' });

export const atRiskSchema = z
  .object({
    at: z.iso.datetime().describe('When the accreditation is lost unless certifications are renewed.'),
    certificationId: certificationIdSchema,
    certification: key,
    userId: z.string(),
  })
  .meta({ id: 'AccreditationAtRisk' });

export const accreditationStateSchema = z
  .object({
    key,
    name: z.string(),
    productLine: key.nullable(),
    granted: z.boolean(),
    since: z.iso.datetime().nullable().describe('Granted since (null while not granted).'),
    requirements: z.array(requirementStateSchema),
    missing: z.array(z.string()).describe('What is missing, e.g. "1 more partner-sales user with networking-associate".'),
    atRisk: atRiskSchema.nullable(),
  })
  .meta({ id: 'Accreditation' });
export type AccreditationState = z.infer<typeof accreditationStateSchema>;

export const partnerAccreditationsSchema = z
  .object({
    partnerId: partnerIdSchema,
    rulesVersion: z.number().int(),
    items: z.array(accreditationStateSchema),
    evaluatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PartnerAccreditations' });
export type PartnerAccreditations = z.infer<typeof partnerAccreditationsSchema>;

/** What training knows of a partner user (from partners' events): whether and how the user counts. */
export interface Holder {
  userId: string;
  roles: string[];
  status: 'active' | 'disabled';
  /** The partner user's version the record reflects (0: taken from the user's token at a pass). */
  version: number;
}

export { actorSchema };
