import * as z from '../kernel/zod.ts';
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
const actorSchema = z.deferred(() => z.object({ sub: z.string(), roles: z.array(z.string()) }));
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

const linkSchema = z.deferred(() =>
  z.strictObject({
    title: z.withMeta(plainText(200), { example: 'Module 1: positioning' }),
    url: z.withMeta(z.url({ protocol: /^https$/ }).check(z.maxLength(2000)), { example: 'https://learn.vendor.example/networking/1' }),
  }),
);

export const courseInputSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      title: z.withMeta(plainText(200), { example: 'Networking fundamentals for sales' }),
      description: z.optional(z.withMeta(plainText(2000), { example: 'What to say when a customer asks about VLANs.' })),
      audience: z.withDescription(
        z.withMeta(
          z.array(z.enum(AUDIENCES)).check(
            z.minLength(1),
            z.maxLength(AUDIENCES.length),
            z.refine((a) => new Set(a).size === a.length, 'audience must be unique'),
          ),
          { uniqueItems: true },
        ),
        'The roles the course is meant for (the curriculum of each role).',
      ),
      productLines: z.withMeta(
        z.array(key).check(
          z.maxLength(50),
          z.refine((a) => new Set(a).size === a.length, 'product lines must be unique'),
        ),
        { uniqueItems: true },
      ),
      links: z.array(linkSchema).check(z.maxLength(50)),
      durationMinutes: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
      examId: z.withDescription(z._default(z.nullable(examIdSchema), null), 'The exam that certifies what the course teaches, if any.'),
    }),
    { id: 'CourseInput' },
  ),
);
export type CourseInput = z.infer<typeof courseInputSchema>;

export const courseSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: courseIdSchema,
      ...courseInputSchema.shape,
      description: z.nullable(z.string()),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
    { id: 'Course' },
  ),
);
export type Course = z.infer<typeof courseSchema>;

// ---- exams ----

export const REVIEW_POLICIES = ['score-and-topics', 'wrong-questions'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

/** At most this many options a question offers. */
export const MAX_OPTIONS = 10;

const optionSchema = z.deferred(() => z.strictObject({ id: key, text: z.withMeta(plainText(1000), { example: 'Four' }) }));

export const questionSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject({
        id: z.withMeta(key, { example: 'q-vlan-basics' }),
        topic: z.withMeta(key, { example: 'switching' }),
        text: z.withMeta(plainText(2000), { example: 'How many VLAN ids does 802.1Q allow?' }),
        kind: z.enum(['single', 'multiple']),
        options: z.array(optionSchema).check(z.minLength(2), z.maxLength(MAX_OPTIONS)),
        correct: z.withDescription(
          z.array(key).check(z.minLength(1), z.maxLength(MAX_OPTIONS)),
          'The answer key: ids of the correct options. Only vendor-admin reads it.',
        ),
      })
      .check(
        z.superRefine((q, ctx) => {
          if (!uniqueBy(q.options, (o) => o.id)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'option ids must be unique' });
          const ids = new Set(q.options.map((o) => o.id));
          q.correct.forEach((c, i) => {
            if (!ids.has(c)) ctx.addIssue({ code: 'custom', path: ['correct', i], message: 'must be the id of one of the options' });
          });
          if (new Set(q.correct).size !== q.correct.length) ctx.addIssue({ code: 'custom', path: ['correct'], message: 'must be unique' });
          if (q.kind === 'single' && q.correct.length !== 1)
            ctx.addIssue({ code: 'custom', path: ['correct'], message: 'a single-choice question has exactly one correct option' });
        }),
      ),
    { id: 'Question' },
  ),
);
export type Question = z.infer<typeof questionSchema>;

export const examInputSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject({
        title: z.withMeta(plainText(200), { example: 'Networking Associate' }),
        productLine: z.withMeta(key, { example: 'networking' }),
        questions: z.array(questionSchema).check(z.minLength(1), z.maxLength(200)),
        questionsPerAttempt: z.withDescription(z.number().check(z.int(), z.minimum(1), z.maximum(100)), 'Questions drawn for each attempt.'),
        passMarkPercent: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
        timeLimitMinutes: z.number().check(z.int(), z.minimum(1), z.maximum(480)),
        attempts: z.withDescription(
          z.strictObject({ max: z.number().check(z.int(), z.minimum(1), z.maximum(20)), periodDays: z.number().check(z.int(), z.minimum(1), z.maximum(365)) }),
          'At most `max` attempts in any `periodDays` days.',
        ),
        certification: z.strictObject({
          key: z.withMeta(key, { example: 'networking-associate' }),
          name: z.withMeta(plainText(200), { example: 'Certified Networking Associate' }),
          validityMonths: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(120)), 24),
        }),
        reviewPolicy: z.withDescription(
          z._default(z.enum(REVIEW_POLICIES), 'score-and-topics'),
          'What a candidate sees after submitting. `score-and-topics`: the score and pass or fail per topic. `wrong-questions`: also which questions were wrong, but only after the last allowed attempt of the period or once the certification is granted. Never the answer keys.',
        ),
      })
      .check(
        z.superRefine((e, ctx) => {
          if (!uniqueBy(e.questions, (q) => q.id)) ctx.addIssue({ code: 'custom', path: ['questions'], message: 'question ids must be unique' });
          if (e.questionsPerAttempt > e.questions.length)
            ctx.addIssue({ code: 'custom', path: ['questionsPerAttempt'], message: 'must not exceed the number of questions in the bank' });
        }),
      ),
    { id: 'ExamInput' },
  ),
);
export type ExamInput = z.infer<typeof examInputSchema>;

const examMeta = {
  id: examIdSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().check(z.int(), z.minimum(1)),
};

/** The exam with its answer keys: vendor-admin only. */
export const examSchema = z.deferred(() =>
  z.withMeta(z.object({ ...examMeta, ...examInputSchema.shape, questions: z.array(questionSchema) }), {
    id: 'Exam',
    description: 'With the answer keys: only vendor-admin reads it.',
  }),
);
export type Exam = z.infer<typeof examSchema>;

const questionWithoutKeySchema = z.deferred(() =>
  z.object({ id: key, topic: key, text: z.string(), kind: z.enum(['single', 'multiple']), options: z.array(optionSchema) }),
);

const { questions: _q, ...settingsShape } = examInputSchema.shape;
void _q;

/** The exam without answer keys (vendor roles other than vendor-admin). */
export const examWithoutKeysSchema = z.deferred(() =>
  z.withMeta(z.object({ ...examMeta, ...settingsShape, questions: z.array(questionWithoutKeySchema) }), {
    id: 'ExamWithoutKeys',
    description: 'The question bank without its answer keys.',
  }),
);

/** What a partner user sees of an exam: its settings, not its question bank. */
export const examSummarySchema = z.deferred(() =>
  z.withMeta(z.object({ ...examMeta, ...settingsShape, questionCount: z.number().check(z.int()) }), {
    id: 'ExamSummary',
    description: 'An exam without its question bank.',
  }),
);

export type ExamView = z.infer<typeof examSchema> | z.infer<typeof examWithoutKeysSchema> | z.infer<typeof examSummarySchema>;

// ---- attempts ----

/**
 * A drawn question as stored with the attempt: the question as it was when drawn (with its key,
 * so that editing the exam does not change how a started attempt is graded) and the option order
 * shown. Internal: never answered.
 */
export const storedDrawSchema = z.deferred(() => z.object({ question: questionSchema, optionOrder: z.array(key) }));
export type StoredDraw = z.infer<typeof storedDrawSchema>;

/** The label of the n-th option shown (0-based): `a`, `b`, … The candidate answers with labels. */
export const optionLabel = (n: number): string => String.fromCharCode(97 + n);

export const attemptQuestionSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: key,
      topic: key,
      text: z.string(),
      kind: z.enum(['single', 'multiple']),
      options: z.array(z.object({ id: z.withMeta(z.string(), { example: 'a' }), text: z.string() })),
    }),
    { id: 'AttemptQuestion', description: 'A drawn question; its options in this attempt’s order, labelled a, b, c…' },
  ),
);

export const topicResultSchema = z.deferred(() =>
  z.withMeta(z.object({ topic: key, correct: z.number().check(z.int()), total: z.number().check(z.int()), passed: z.boolean() }), { id: 'TopicResult' }),
);

export const attemptResultSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      passed: z.boolean(),
      scorePercent: z.number().check(z.int(), z.minimum(0), z.maximum(100)),
      passMarkPercent: z.number().check(z.int()),
      late: z.withDescription(z.boolean(), 'Submitted after the time limit (and its grace): refused, counted as failed.'),
      topics: z.array(topicResultSchema),
      wrongQuestions: z.withDescription(
        z.nullable(z.array(key)),
        'Ids of the questions answered wrong: only under the `wrong-questions` policy, after the last allowed attempt or once certified.',
      ),
      certificationId: z.nullable(certificationIdSchema),
      attemptsRemaining: z.withDescription(z.number().check(z.int(), z.minimum(0)), 'Attempts left in the rolling period.'),
    }),
    { id: 'AttemptResult' },
  ),
);
export type AttemptResult = z.infer<typeof attemptResultSchema>;

export const ATTEMPT_STATUSES = ['started', 'passed', 'failed'] as const;

/** An attempt as its candidate sees it (no keys, no answers chosen). */
export const attemptSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: attemptIdSchema,
      examId: examIdSchema,
      partnerId: partnerIdSchema,
      userId: z.string(),
      status: z.enum(ATTEMPT_STATUSES),
      startedAt: z.iso.datetime(),
      submitBy: z.withDescription(z.iso.datetime(), 'The time limit; a submission after it (and a short grace) is refused and counts as failed.'),
      submittedAt: z.nullable(z.iso.datetime()),
      questions: z.array(attemptQuestionSchema),
      result: z.nullable(attemptResultSchema),
      attemptsRemaining: z.number().check(z.int(), z.minimum(0)),
    }),
    { id: 'Attempt' },
  ),
);
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

export const answersInputSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      answers: z
        .array(
          z.strictObject({
            questionId: key,
            options: z.withDescription(
              z.array(z.withMeta(z.string().check(z.regex(/^[a-z]$/, 'must be an option label (a, b, c…)')), { example: 'b' })).check(z.maxLength(MAX_OPTIONS)),
              'The labels of the options chosen.',
            ),
          }),
        )
        .check(z.maxLength(100)),
    }),
    { id: 'SubmitAnswers' },
  ),
);
export type AnswersInput = z.infer<typeof answersInputSchema>;

// ---- certifications ----

export const CERTIFICATION_STATUSES = ['active', 'expired'] as const;

export const certificationSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: certificationIdSchema,
      key: z.withDescription(key, 'The certification key the exam grants (what the onboarding checklist and accreditation rules name).'),
      name: z.string(),
      examId: examIdSchema,
      productLine: key,
      partnerId: partnerIdSchema,
      userId: z.string(),
      status: z.enum(CERTIFICATION_STATUSES),
      issuedAt: z.iso.datetime(),
      renewedAt: z.nullable(z.iso.datetime()),
      expiresAt: z.iso.datetime(),
      remindersSent: z.withDescription(z.array(z.number().check(z.int())), 'Days before expiry a CertificationExpiring was raised for (60, 30).'),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
    { id: 'Certification' },
  ),
);
export type Certification = z.infer<typeof certificationSchema>;

export const certificationFiltersSchema = z.deferred(() =>
  z.strictObject({
    partnerId: z.optional(partnerIdSchema),
    userId: z.optional(z.withMeta(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/)), { example: 'usr_01JD3Z9B7C2D4E6F8G0H1J2K3M' })),
  }),
);

// ---- accreditation ----

export const requirementSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      certification: z.withDescription(key, 'The certification key, as the exam grants it.'),
      min: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
      role: z.withDescription(z.optional(z.enum(PARTNER_ROLES)), 'Only holders with this role count.'),
    }),
    { id: 'AccreditationRequirement' },
  ),
);
export type Requirement = z.infer<typeof requirementSchema>;

export const accreditationRuleSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      key: z.withMeta(key, { example: 'networking-gold' }),
      name: z.withMeta(plainText(200), { example: 'Networking Gold' }),
      productLine: z._default(z.nullable(key), null),
      requirements: z.array(requirementSchema).check(z.minLength(1), z.maxLength(20)),
    }),
    { id: 'AccreditationRule' },
  ),
);
export type AccreditationRule = z.infer<typeof accreditationRuleSchema>;

export const accreditationRulesInputSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      items: z.array(accreditationRuleSchema).check(
        z.maxLength(100),
        z.superRefine((items, ctx) => {
          if (!uniqueBy(items, (r) => r.key)) ctx.addIssue({ code: 'custom', path: [], message: 'rule keys must be unique' });
        }),
      ),
    }),
    { id: 'AccreditationRulesInput' },
  ),
);

export const accreditationRulesSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      items: z.array(accreditationRuleSchema),
      updatedAt: z.nullable(z.iso.datetime()),
      version: z.withMeta(z.number().check(z.int(), z.minimum(0)), { description: '0: no rules yet.' }),
    }),
    { id: 'AccreditationRules' },
  ),
);
export type AccreditationRules = z.infer<typeof accreditationRulesSchema>;

export const requirementStateSchema = z.deferred(() =>
  z.withMeta(
    z.object({ ...requirementSchema.shape, role: z.nullable(z.enum(PARTNER_ROLES)), have: z.number().check(z.int()), missing: z.number().check(z.int()) }),
    { id: 'AccreditationRequirementState' },
  ),
);

export const atRiskSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      at: z.withDescription(z.iso.datetime(), 'When the accreditation is lost unless certifications are renewed.'),
      certificationId: certificationIdSchema,
      certification: key,
      userId: z.string(),
    }),
    { id: 'AccreditationAtRisk' },
  ),
);

export const accreditationStateSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      key,
      name: z.string(),
      productLine: z.nullable(key),
      granted: z.boolean(),
      since: z.withDescription(z.nullable(z.iso.datetime()), 'Granted since (null while not granted).'),
      requirements: z.array(requirementStateSchema),
      missing: z.withDescription(z.array(z.string()), 'What is missing, e.g. "1 more partner-sales user with networking-associate".'),
      atRisk: z.nullable(atRiskSchema),
    }),
    { id: 'Accreditation' },
  ),
);
export type AccreditationState = z.infer<typeof accreditationStateSchema>;

export const partnerAccreditationsSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      partnerId: partnerIdSchema,
      rulesVersion: z.number().check(z.int()),
      items: z.array(accreditationStateSchema),
      evaluatedAt: z.nullable(z.iso.datetime()),
    }),
    { id: 'PartnerAccreditations' },
  ),
);
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
