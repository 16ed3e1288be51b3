import type { Clock } from '../kernel/clock.ts';
import { ValidationError, type FieldProblem } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { isVendorRole } from '../kernel/roles.ts';
import {
  type AccreditationRule,
  type AccreditationState,
  type AnswersInput,
  type AttemptResult,
  type AttemptView,
  type Certification,
  type Course,
  type CourseInput,
  type Exam,
  type ExamInput,
  type ExamView,
  type Holder,
  type StoredAttempt,
  type StoredDraw,
  ROLE_AUDIENCES,
  optionLabel,
} from './model.ts';

/**
 * Training's use cases: pure functions of what was read (and the clock, and a source of
 * randomness), returning what to store. The adapter in functions/training commits them.
 */

const DAY_MS = 86_400_000;

/** A submission this long after the time limit is still graded (network, a slow click). */
export const SUBMISSION_GRACE_SECONDS = 30;
/** CertificationExpiring is raised this many days before expiry, each once. */
export const EXPIRY_REMINDER_DAYS = [60, 30] as const;
/** An accreditation is at risk when a certification it needs expires within this many days. */
export const AT_RISK_DAYS = 30;

/** A number in [0, 1), as Math.random gives; injected so that draws are reproducible in tests. */
export type Random = () => number;

/**
 * A seeded generator (mulberry32) for tests and benchmarks.
 * @example const random = seededRandom(42); random() // always the same sequence
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates). */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---- courses and exams ----

export function newCourse(input: CourseInput, clock: Clock): Course {
  const at = clock.now().toISOString();
  return { id: newId('course', clock.now()), ...input, description: input.description ?? null, createdAt: at, updatedAt: at, version: 1 };
}

export function reviseCourse(before: Course, input: CourseInput, clock: Clock): Course {
  return { ...before, ...input, description: input.description ?? null, updatedAt: clock.now().toISOString(), version: before.version + 1 };
}

/** Whether a partner user with these roles is meant to take a course (its role's curriculum). */
export function courseIsFor(course: Pick<Course, 'audience'>, roles: readonly string[]): boolean {
  return roles.some((r) => (ROLE_AUDIENCES as Record<string, readonly string[]>)[r]?.some((a) => (course.audience as string[]).includes(a)));
}

export function newExam(input: ExamInput, clock: Clock): Exam {
  const at = clock.now().toISOString();
  return { id: newId('exam', clock.now()), ...input, createdAt: at, updatedAt: at, version: 1 };
}

export function reviseExam(before: Exam, input: ExamInput, clock: Clock): Exam {
  return { ...before, ...input, updatedAt: clock.now().toISOString(), version: before.version + 1 };
}

/**
 * What a caller may see of an exam: vendor-admin the whole exam with its answer keys; other
 * vendor roles the question bank without keys; partner users the settings without questions.
 * Each view is built field by field, so nothing of the key can slip through.
 */
export function examFor(exam: Exam, roles: readonly string[]): ExamView {
  const { questions, ...settings } = exam;
  if (roles.includes('vendor-admin')) return exam;
  if (roles.some(isVendorRole)) {
    return {
      ...settings,
      questions: questions.map((q) => ({ id: q.id, topic: q.topic, text: q.text, kind: q.kind, options: q.options.map((o) => ({ ...o })) })),
    };
  }
  return { ...settings, questionCount: questions.length };
}

// ---- attempts: the limit, the draw, the grading ----

/** A place under an exam's attempt limit, held by the attempt that took it. */
export interface AttemptSlot {
  slot: number;
  attemptId: string;
  startedAt: string;
}

/** When a slot is free again: a period after the attempt that holds it started. */
const slotFreeAt = (s: AttemptSlot, periodDays: number) => new Date(new Date(s.startedAt).getTime() + periodDays * DAY_MS);

/** Slots in use now (their attempt started within the rolling period), among the exam's current `max`. */
export function slotsInUse(slots: readonly AttemptSlot[], exam: Pick<Exam, 'attempts'>, now: Date): AttemptSlot[] {
  return slots.filter((s) => s.slot <= exam.attempts.max && slotFreeAt(s, exam.attempts.periodDays) > now);
}

/**
 * The slot a new attempt takes: one that nobody holds or whose attempt started more than a
 * period ago (chosen at random among the free ones, so concurrent starts rarely pick the same),
 * or, when all are in use, when the first is free again.
 */
export function pickSlot(slots: readonly AttemptSlot[], exam: Pick<Exam, 'attempts'>, now: Date, random: Random): { slot: number } | { retryAt: Date } {
  const used = slotsInUse(slots, exam, now);
  const taken = new Set(used.map((s) => s.slot));
  const free = Array.from({ length: exam.attempts.max }, (_, i) => i + 1).filter((n) => !taken.has(n));
  if (free.length) return { slot: free[Math.floor(random() * free.length)]! };
  const retryAt = used.map((s) => slotFreeAt(s, exam.attempts.periodDays)).sort((a, b) => a.getTime() - b.getTime())[0]!;
  return { retryAt };
}

/**
 * Draws an attempt's questions: those the candidate has not seen in earlier attempts first (in
 * random order), then, if the bank has too few unseen, seen ones; each question's options shuffled.
 */
export function drawQuestions(exam: Pick<Exam, 'questions' | 'questionsPerAttempt'>, seen: ReadonlySet<string>, random: Random): StoredDraw[] {
  const unseen = shuffle(
    exam.questions.filter((q) => !seen.has(q.id)),
    random,
  );
  const again = shuffle(
    exam.questions.filter((q) => seen.has(q.id)),
    random,
  );
  return [...unseen, ...again].slice(0, exam.questionsPerAttempt).map((question) => ({
    question,
    optionOrder: shuffle(
      question.options.map((o) => o.id),
      random,
    ),
  }));
}

/** The question ids a candidate has been shown in its attempts. */
export const seenQuestions = (attempts: readonly Pick<StoredAttempt, 'draw'>[]): Set<string> =>
  new Set(attempts.flatMap((a) => a.draw.map((d) => d.question.id)));

export function startAttempt(exam: Exam, candidate: { partnerId: string; userId: string }, draw: StoredDraw[], slot: number, clock: Clock): StoredAttempt {
  const now = clock.now();
  return {
    id: newId('attempt', now),
    examId: exam.id,
    partnerId: candidate.partnerId,
    userId: candidate.userId,
    status: 'started',
    startedAt: now.toISOString(),
    submitBy: new Date(now.getTime() + exam.timeLimitMinutes * 60_000).toISOString(),
    submittedAt: null,
    draw,
    answers: null,
    result: null,
    slot,
    version: 1,
  };
}

/**
 * The attempt as its candidate sees it: the drawn questions in the stored order, the options in
 * the stored order labelled a, b, c…; never the key, never the option ids the key names.
 */
export function attemptView(a: StoredAttempt, attemptsRemaining: number): AttemptView {
  return {
    id: a.id,
    examId: a.examId,
    partnerId: a.partnerId,
    userId: a.userId,
    status: a.status,
    startedAt: a.startedAt,
    submitBy: a.submitBy,
    submittedAt: a.submittedAt,
    questions: a.draw.map(({ question: q, optionOrder }) => ({
      id: q.id,
      topic: q.topic,
      text: q.text,
      kind: q.kind,
      options: optionOrder.map((id, n) => ({ id: optionLabel(n), text: q.options.find((o) => o.id === id)!.text })),
    })),
    result: a.result ? { ...a.result, attemptsRemaining } : null,
    attemptsRemaining,
  };
}

/**
 * Checks a submission against the attempt's draw and translates the labels chosen into option
 * ids: an unknown question, a question not drawn, an answer given twice, an unknown label or more
 * options than the question allows is a 400 naming the field. The messages name only the field,
 * never what would have been right.
 */
export function readAnswers(attempt: StoredAttempt, bank: ReadonlySet<string>, input: AnswersInput): Record<string, string[]> {
  const problems: FieldProblem[] = [];
  const drawn = new Map(attempt.draw.map((d) => [d.question.id, d]));
  const chosen: Record<string, string[]> = {};
  input.answers.forEach((a, i) => {
    const at = `body.answers.${i}`;
    const d = drawn.get(a.questionId);
    if (!d) {
      problems.push({ path: `${at}.questionId`, message: bank.has(a.questionId) ? 'this question was not drawn for this attempt' : 'no such question' });
      return;
    }
    if (chosen[a.questionId]) problems.push({ path: `${at}.questionId`, message: 'answered more than once' });
    const labels = d.optionOrder.map((_, n) => optionLabel(n));
    const max = d.question.kind === 'single' ? 1 : labels.length;
    if (a.options.length > max) problems.push({ path: `${at}.options`, message: `at most ${max} option${max === 1 ? '' : 's'} may be chosen` });
    if (new Set(a.options).size !== a.options.length) problems.push({ path: `${at}.options`, message: 'must be unique' });
    a.options.forEach((label, j) => {
      if (!labels.includes(label)) problems.push({ path: `${at}.options.${j}`, message: 'no such option' });
    });
    chosen[a.questionId] = a.options.map((label) => d.optionOrder[labels.indexOf(label)]!).filter(Boolean);
  });
  if (problems.length) throw new ValidationError('The answers do not match the questions of this attempt', problems);
  return chosen;
}

/** Whether a submission at `now` is past the time limit and its grace. */
export const isLate = (attempt: Pick<StoredAttempt, 'submitBy'>, now: Date): boolean =>
  now.getTime() > new Date(attempt.submitBy).getTime() + SUBMISSION_GRACE_SECONDS * 1000;

/**
 * Grades an attempt against its stored draw: a question is right when exactly its correct options
 * are chosen. Late: failed with score 0, whatever was chosen. Which questions were wrong is told
 * only under the `wrong-questions` policy and only when it can no longer help another attempt
 * (none left in the period) or the certification is granted.
 */
export function gradeAttempt(
  attempt: StoredAttempt,
  exam: Pick<Exam, 'passMarkPercent' | 'reviewPolicy'>,
  answers: Record<string, string[]>,
  now: Date,
  attemptsRemaining: number,
): { attempt: StoredAttempt; result: AttemptResult } {
  const late = isLate(attempt, now);
  const marks = attempt.draw.map(({ question: q }) => {
    const given = new Set(answers[q.id] ?? []);
    const right = !late && given.size === q.correct.length && q.correct.every((c) => given.has(c));
    return { id: q.id, topic: q.topic, right };
  });
  const total = marks.length;
  const correct = marks.filter((m) => m.right).length;
  const passed = !late && correct * 100 >= exam.passMarkPercent * total;
  const topics = [...new Set(marks.map((m) => m.topic))].sort().map((topic) => {
    const of = marks.filter((m) => m.topic === topic);
    const ok = of.filter((m) => m.right).length;
    return { topic, correct: ok, total: of.length, passed: !late && ok * 100 >= exam.passMarkPercent * of.length };
  });
  const reveal = exam.reviewPolicy === 'wrong-questions' && (passed || attemptsRemaining === 0);
  const result: AttemptResult = {
    passed,
    scorePercent: Math.floor((correct * 100) / total),
    passMarkPercent: exam.passMarkPercent,
    late,
    topics,
    wrongQuestions: reveal ? marks.filter((m) => !m.right).map((m) => m.id) : null,
    certificationId: null,
    attemptsRemaining,
  };
  return {
    attempt: { ...attempt, status: passed ? 'passed' : 'failed', submittedAt: now.toISOString(), answers, result, version: attempt.version + 1 },
    result,
  };
}

// ---- certifications ----

/** `months` calendar months after `from` (UTC), on the last day of a shorter month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(from: Date, months: number): Date {
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(from.getUTCDate(), last), from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
}

/**
 * A pass issues the exam's certification to the candidate, or renews the one the candidate holds
 * (active or expired, same key): the new expiry is `validityMonths` after the later of now and
 * the current expiry, so renewing early loses nothing.
 */
export function certify(
  existing: Certification | undefined,
  exam: Pick<Exam, 'id' | 'productLine' | 'certification'>,
  candidate: { partnerId: string; userId: string },
  clock: Clock,
): { certification: Certification; renewed: boolean } {
  const now = clock.now();
  const months = exam.certification.validityMonths;
  if (existing) {
    const from = new Date(Math.max(now.getTime(), new Date(existing.expiresAt).getTime()));
    return {
      renewed: true,
      certification: {
        ...existing,
        name: exam.certification.name,
        examId: exam.id,
        productLine: exam.productLine,
        status: 'active',
        renewedAt: now.toISOString(),
        expiresAt: addMonths(from, months).toISOString(),
        remindersSent: [],
        version: existing.version + 1,
      },
    };
  }
  return {
    renewed: false,
    certification: {
      id: newId('certification', now),
      key: exam.certification.key,
      name: exam.certification.name,
      examId: exam.id,
      productLine: exam.productLine,
      partnerId: candidate.partnerId,
      userId: candidate.userId,
      status: 'active',
      issuedAt: now.toISOString(),
      renewedAt: null,
      expiresAt: addMonths(now, months).toISOString(),
      remindersSent: [],
      version: 1,
    },
  };
}

/**
 * What the daily expiry sweep does to an active certification today: expire it on its expiry day
 * (or after), or raise the 60- and 30-day reminders, each once (a sweep that missed the 60-day
 * day and runs inside 30 days raises only the 30-day one).
 */
export function expiryStep(c: Certification, now: Date): { certification: Certification; outcome: 'expired' | { daysBefore: number } } | undefined {
  if (c.status !== 'active') return undefined;
  const left = new Date(c.expiresAt).getTime() - now.getTime();
  if (left <= 0) return { certification: { ...c, status: 'expired', version: c.version + 1 }, outcome: 'expired' };
  const due = EXPIRY_REMINDER_DAYS.filter((d) => left <= d * DAY_MS);
  const next = due.at(-1);
  if (next === undefined || c.remindersSent.includes(next)) return undefined;
  return {
    certification: { ...c, remindersSent: [...new Set([...c.remindersSent, ...due])].sort((a, b) => b - a), version: c.version + 1 },
    outcome: { daysBefore: next },
  };
}

/** Whether a certification counts at `now`: active and not past its expiry (the sweep may not have run yet today). */
export const isActive = (c: Pick<Certification, 'status' | 'expiresAt'>, now: Date): boolean => c.status === 'active' && new Date(c.expiresAt) > now;

// ---- accreditation ----

export interface AccreditationFacts {
  certifications: readonly Certification[];
  holders: ReadonlyMap<string, Holder>;
  /** The partner was terminated: nobody's certifications count any more. */
  terminated: boolean;
}

const describeMissing = (n: number, role: string | undefined, certification: string) =>
  `${n} more ${role ? `${role} ` : ''}user${n === 1 ? '' : 's'} with ${certification}`;

/**
 * Evaluates each accreditation rule for one partner: a requirement counts the distinct users who
 * hold an active certification of its key, are active (not disabled or removed, their partner not
 * terminated) and, if it names one, have its role. A rule is granted when every requirement is met.
 * A granted rule is at risk when certifications expiring within AT_RISK_DAYS would make a
 * requirement fall short: `atRisk` names the first of them and when it expires.
 */
export function evaluateAccreditations(
  rules: readonly AccreditationRule[],
  facts: AccreditationFacts,
  before: readonly AccreditationState[],
  now: Date,
): AccreditationState[] {
  const horizon = now.getTime() + AT_RISK_DAYS * DAY_MS;
  const counts = (h: Holder | undefined, role: string | undefined) => !facts.terminated && h?.status === 'active' && (!role || h.roles.includes(role));
  // The certifications that count at all, by key, read once: each requirement then looks only at its key's.
  const byKey = new Map<string, Certification[]>();
  for (const c of facts.certifications) {
    if (!isActive(c, now)) continue;
    const list = byKey.get(c.key);
    if (list) list.push(c);
    else byKey.set(c.key, [c]);
  }
  return rules.map((rule) => {
    let atRisk: AccreditationState['atRisk'] = null;
    const requirements = rule.requirements.map((req) => {
      // One certification per user and key; the latest expiry if there were ever two.
      const byUser = new Map<string, Certification>();
      for (const c of byKey.get(req.certification) ?? []) {
        if (!counts(facts.holders.get(c.userId), req.role)) continue;
        const prev = byUser.get(c.userId);
        if (!prev || prev.expiresAt < c.expiresAt) byUser.set(c.userId, c);
      }
      const have = byUser.size;
      if (have >= req.min) {
        // The (have - min + 1)-th earliest expiry is when the requirement would fall short.
        const breaking = [...byUser.values()].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))[have - req.min];
        if (breaking && new Date(breaking.expiresAt).getTime() <= horizon && (!atRisk || breaking.expiresAt < atRisk.at))
          atRisk = { at: breaking.expiresAt, certificationId: breaking.id, certification: breaking.key, userId: breaking.userId };
      }
      return { certification: req.certification, min: req.min, role: req.role ?? null, have, missing: Math.max(0, req.min - have) };
    });
    const granted = requirements.every((r) => r.missing === 0);
    const prior = before.find((b) => b.key === rule.key);
    return {
      key: rule.key,
      name: rule.name,
      productLine: rule.productLine,
      granted,
      since: granted ? (prior?.granted && prior.since ? prior.since : now.toISOString()) : null,
      requirements,
      missing: requirements.filter((r) => r.missing > 0).map((r) => describeMissing(r.missing, r.role ?? undefined, r.certification)),
      atRisk: granted ? atRisk : null,
    };
  });
}

/** What changed between two evaluations, as the events to publish: granted, lost, newly at risk. */
export function accreditationChanges(
  before: readonly AccreditationState[],
  after: readonly AccreditationState[],
): { granted: AccreditationState[]; lost: AccreditationState[]; atRisk: AccreditationState[] } {
  const prior = new Map(before.map((b) => [b.key, b]));
  const current = new Set(after.map((a) => a.key));
  return {
    granted: after.filter((a) => a.granted && !prior.get(a.key)?.granted),
    // A rule removed while granted is lost too.
    lost: [
      ...after.filter((a) => !a.granted && prior.get(a.key)?.granted),
      ...before.filter((b) => b.granted && !current.has(b.key)).map((b) => ({ ...b, granted: false, since: null, atRisk: null })),
    ],
    atRisk: after.filter((a) => a.atRisk && prior.get(a.key)?.atRisk?.certificationId !== a.atRisk.certificationId),
  };
}
