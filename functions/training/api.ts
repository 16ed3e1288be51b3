import { randomInt } from 'node:crypto';
import { ConflictError, type DomainEvent, ForbiddenError, PreconditionFailedError, makeEvent } from '@channelbase/core';
import {
  AccreditationRulesChanged,
  CertificationIssued,
  CertificationRenewed,
  ExamFailed,
  ExamPassed,
  type Exam,
  type Random,
  type StoredAttempt,
  attemptView,
  certify,
  courseIsFor,
  drawQuestions,
  examFor,
  gradeAttempt,
  newCourse,
  newExam,
  pickSlot,
  readAnswers,
  reviseCourse,
  reviseExam,
  seenQuestions,
  slotsInUse,
  startAttempt,
} from '@channelbase/core/training';
import {
  HttpProblemError,
  type Principal,
  type Write,
  assertPartnerAccess,
  commit,
  created,
  createApiHandler,
  etagOf,
  expectedVersion,
  logger,
  ok,
  retryOnStale,
  runtimeClock as clock,
} from '@channelbase/platform';
import * as partners from '../partners/index.ts';
import { currentAccreditations } from './accreditations.ts';
import {
  allCourses,
  findCertification,
  getAttempt,
  getCourse,
  getExam,
  getRules,
  holderFromToken,
  listCertifications,
  listCourses,
  listExams,
  putCertification,
  putCourse,
  putExam,
  putGradedAttempt,
  putNewAttempt,
  putNewCourse,
  putNewExam,
  putRules,
  readAttempts,
  takeSlot,
} from './repository.ts';
import { trainingRoutes } from './wiring.ts';

const RULES_ID = 'accreditation-rules';
const DAY_MS = 86_400_000;
/** Rounds of re-reading the slots when concurrent starts took the one picked. */
const MAX_START_ROUNDS = 30;

/** Draws and option orders come from the operating system's generator. */
const random: Random = () => randomInt(0, 2 ** 47) / 2 ** 47;
const withEtag = (record: { id: string; version: number }) => ({ etag: etagOf(record) });

/** Another start took the slot this one picked, between our read and our write. */
class SlotTakenError extends Error {}
/** Another submission graded the attempt first. */
class GradedMeanwhileError extends Error {}

/** The candidate: the calling partner user (its user id, else its token subject). */
function candidateOf(principal: Principal): { partnerId: string; userId: string } {
  if (!principal.partnerId) throw new ForbiddenError('Only partner users take exams');
  return { partnerId: principal.partnerId, userId: principal.userId ?? principal.sub };
}

const tooManyAttempts = (retryAt: Date, now: Date) =>
  new HttpProblemError(429, 'too-many-attempts', 'You have used every attempt this exam allows for now; try again later', [], {
    'retry-after': String(Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000))),
  });

const late = () =>
  new HttpProblemError(409, 'attempt-late', 'The attempt was submitted after its time limit: the submission is refused and the attempt counts as failed');

/** Attempts left in the rolling period, counting those in use now. */
async function attemptsRemaining(exam: Exam, userId: string): Promise<number> {
  const { slots } = await readAttempts(exam.id, userId);
  return Math.max(0, exam.attempts.max - slotsInUse(slots, exam, clock.now()).length);
}

/** The answer to a submission of an attempt already graded: the same result (a late one stays refused). */
async function gradedAnswer(attempt: StoredAttempt, exam: Exam) {
  if (attempt.result?.late) throw late();
  return ok(attemptView(attempt, await attemptsRemaining(exam, attempt.userId)));
}

export const handler = createApiHandler(
  trainingRoutes,
  {
    async listCourses({ query, principal }) {
      if (principal.isVendor) return ok(await listCourses(query.limit, query.cursor));
      return ok({ items: (await allCourses()).filter((c) => courseIsFor(c, principal.roles)), nextCursor: null });
    },

    async createCourse({ body }) {
      const course = newCourse(body, clock);
      await commit([putNewCourse(course)]);
      return created(course, `/courses/${course.id}`, withEtag(course));
    },

    async getCourse({ params }) {
      const course = await getCourse(params.id);
      return ok(course, withEtag(course));
    },

    async putCourse({ params, body, headers }) {
      const version = expectedVersion(headers['if-match'], params.id);
      const before = await getCourse(params.id);
      if (before.version !== version) throw new PreconditionFailedError('The course was changed since you read it; GET it again and retry');
      const course = reviseCourse(before, body, clock);
      await commit([putCourse(course, version)]);
      return ok(course, withEtag(course));
    },

    async listExams({ query, principal }) {
      const page = await listExams(query.limit, query.cursor);
      return ok({ items: page.items.map((e) => examFor(e, principal.roles)), nextCursor: page.nextCursor });
    },

    async createExam({ body }) {
      const exam = newExam(body, clock);
      await commit([putNewExam(exam)]);
      return created(exam, `/exams/${exam.id}`, withEtag(exam));
    },

    async getExam({ params, principal }) {
      const exam = await getExam(params.id);
      return ok(examFor(exam, principal.roles), withEtag(exam));
    },

    async putExam({ params, body, headers }) {
      const version = expectedVersion(headers['if-match'], params.id);
      const before = await getExam(params.id);
      if (before.version !== version) throw new PreconditionFailedError('The exam was changed since you read it; GET it again and retry');
      const exam = reviseExam(before, body, clock);
      await commit([putExam(exam, version)]);
      return ok(exam, withEtag(exam));
    },

    async startAttempt({ params, principal }) {
      const candidate = candidateOf(principal);
      const exam = await getExam(params.id);
      for (let round = 1; ; round++) {
        const now = clock.now();
        const { attempts, slots } = await readAttempts(exam.id, candidate.userId);
        const place = pickSlot(slots, exam, now, random);
        if ('retryAt' in place) throw tooManyAttempts(place.retryAt, now);
        const attempt = startAttempt(exam, candidate, drawQuestions(exam, seenQuestions(attempts), random), place.slot, clock);
        const freeBefore = new Date(now.getTime() - exam.attempts.periodDays * DAY_MS);
        try {
          await commit([
            putNewAttempt(attempt),
            takeSlot(exam.id, candidate.userId, place.slot, attempt.id, attempt.startedAt, freeBefore, () => new SlotTakenError()),
          ]);
          const remaining = Math.max(0, exam.attempts.max - slotsInUse(slots, exam, now).length - 1);
          // Ids and counts only: never the draw, the options or the keys.
          logger.info('attempt started', { examId: exam.id, attemptId: attempt.id, questions: attempt.draw.length, slot: attempt.slot });
          return created(attemptView(attempt, remaining), `/exams/${exam.id}/attempts/${attempt.id}`);
        } catch (err) {
          // The slot went to a concurrent start (or the items were contended): read the slots again.
          if (!(err instanceof SlotTakenError || err instanceof ConflictError) || round >= MAX_START_ROUNDS) throw err;
        }
      }
    },

    async submitAttempt({ params, body, principal }) {
      const candidate = candidateOf(principal);
      const exam = await getExam(params.id);
      const bank = new Set(exam.questions.map((q) => q.id));
      for (let round = 1; ; round++) {
        const attempt = await getAttempt(exam.id, candidate.userId, params.attemptId);
        if (attempt.status !== 'started') return gradedAnswer(attempt, exam);
        // Malformed answers are refused before anything is written.
        const chosen = readAnswers(attempt, bank, body);
        const now = clock.now();
        const remaining = await attemptsRemaining(exam, candidate.userId);
        const graded = gradeAttempt(attempt, exam, chosen, now, remaining);
        const ctx = { actor: principal, clock, partnerId: candidate.partnerId };
        const outcome = {
          attemptId: attempt.id,
          examId: exam.id,
          ...candidate,
          scorePercent: graded.result.scorePercent,
          passMarkPercent: graded.result.passMarkPercent,
          late: graded.result.late,
          topics: graded.result.topics,
          submittedAt: now.toISOString(),
        };
        const writes: Write[] = [];
        const events: DomainEvent[] = [makeEvent(graded.result.passed ? ExamPassed : ExamFailed, outcome, ctx)];
        let stored = graded.attempt;
        if (graded.result.passed) {
          const existing = await findCertification(candidate.partnerId, candidate.userId, exam.certification.key);
          const { certification, renewed } = certify(existing, exam, candidate, clock);
          stored = { ...stored, result: { ...graded.result, certificationId: certification.id } };
          writes.push(putCertification(certification, existing?.version), holderFromToken(candidate.partnerId, candidate.userId, principal.roles));
          events.push(
            renewed
              ? makeEvent(CertificationRenewed, { certification, previousExpiresAt: existing!.expiresAt }, ctx)
              : makeEvent(CertificationIssued, { certification }, ctx),
          );
        }
        writes.unshift(putGradedAttempt(stored, attempt.version, () => new GradedMeanwhileError()));
        try {
          await commit(writes, events);
        } catch (err) {
          // A concurrent submission graded it first (or renewed the certification): read it again and answer its result.
          if (!(err instanceof GradedMeanwhileError || err instanceof PreconditionFailedError || err instanceof ConflictError) || round >= 4) throw err;
          continue;
        }
        logger.info('attempt graded', {
          examId: exam.id,
          attemptId: attempt.id,
          passed: graded.result.passed,
          scorePercent: graded.result.scorePercent,
          late: graded.result.late,
        });
        if (graded.result.late) throw late();
        return ok(attemptView(stored, remaining));
      }
    },

    async listCertifications({ query, principal }) {
      if (!principal.isVendor) {
        if (query.partnerId) assertPartnerAccess(principal, query.partnerId);
        return ok(await listCertifications({ partnerId: principal.partnerId!, userId: query.userId }, query.limit, query.cursor));
      }
      return ok(await listCertifications(query, query.limit, query.cursor));
    },

    async getPartnerAccreditations({ params, principal }) {
      assertPartnerAccess(principal, params.id);
      if (principal.isVendor) await partners.getPartner(params.id);
      return ok(await currentAccreditations(params.id));
    },

    async getAccreditationRules() {
      const rules = await getRules();
      return ok(rules, withEtag({ id: RULES_ID, version: rules.version }));
    },

    async putAccreditationRules({ body, principal, headers }) {
      const version = expectedVersion(headers['if-match'], RULES_ID);
      return retryOnStale(async () => {
        const before = await getRules();
        if (before.version !== version) throw new PreconditionFailedError('The accreditation rules were changed since you read them; GET them again and retry');
        const rules = { items: body.items, updatedAt: clock.now().toISOString(), version: version + 1 };
        await commit([putRules(rules, version)], [makeEvent(AccreditationRulesChanged, { rules }, { actor: principal, clock })]);
        return ok(rules, withEtag({ id: RULES_ID, version: rules.version }));
      }, 1);
    },
  },
  { partnerAccess: partners.readAccess },
);
