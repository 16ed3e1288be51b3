import { describe, expect, it } from 'vitest';
import { ValidationError } from '../kernel/errors.ts';
import { examplePartner } from '../partners/index.ts';
import { type Certification, type Exam, type Holder, examInputSchema, questionSchema } from './model.ts';
import {
  accreditationChanges,
  addMonths,
  attemptView,
  certify,
  drawQuestions,
  evaluateAccreditations,
  examFor,
  expiryStep,
  gradeAttempt,
  newExam,
  pickSlot,
  readAnswers,
  seededRandom,
  startAttempt,
  SUBMISSION_GRACE_SECONDS,
} from './use-cases.ts';

const at = (iso: string) => ({ now: () => new Date(iso) });
const clock = at('2026-11-20T10:00:00.000Z');
const candidate = { partnerId: examplePartner.id, userId: 'usr_01JD3Z9B7C2D4E6F8G0H1J2K3M' };

const question = (n: number, topic = 'switching') => ({
  id: `q${n}`,
  topic,
  text: `Question ${n}?`,
  kind: 'single' as const,
  options: [
    { id: `q${n}-right`, text: 'Right' },
    { id: `q${n}-wrong1`, text: 'Wrong 1' },
    { id: `q${n}-wrong2`, text: 'Wrong 2' },
  ],
  correct: [`q${n}-right`],
});

function exam(overrides: Partial<Exam> = {}): Exam {
  const input = examInputSchema.parse({
    title: 'Networking Associate',
    productLine: 'networking',
    questions: Array.from({ length: 10 }, (_, i) => question(i + 1, i % 2 ? 'routing' : 'switching')),
    questionsPerAttempt: 4,
    passMarkPercent: 75,
    timeLimitMinutes: 30,
    attempts: { max: 3, periodDays: 30 },
    certification: { key: 'networking-associate', name: 'Certified Networking Associate' },
  });
  return { ...newExam(input, clock), ...overrides };
}

/** The labels of the correct options of each drawn question (what a perfect candidate sends). */
const perfect = (a: ReturnType<typeof startAttempt>) =>
  a.draw.map((d) => ({ questionId: d.question.id, options: d.question.correct.map((c) => String.fromCharCode(97 + d.optionOrder.indexOf(c))) }));

describe('exams', () => {
  it('default to 24 months of validity and the score-and-topics review', () => {
    const e = exam();
    expect(e.certification.validityMonths).toBe(24);
    expect(e.reviewPolicy).toBe('score-and-topics');
  });

  it('refuse a key naming no option, a single-choice question with two keys and more draws than questions, with field paths', () => {
    const bad = examInputSchema.safeParse({
      title: 'X',
      productLine: 'networking',
      questions: [
        { ...question(1), correct: ['nope'] },
        { ...question(2), correct: ['q2-right', 'q2-wrong1'] },
      ],
      questionsPerAttempt: 3,
      passMarkPercent: 75,
      timeLimitMinutes: 30,
      attempts: { max: 3, periodDays: 30 },
      certification: { key: 'x', name: 'X' },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['questions.0.correct.0', 'questions.1.correct', 'questionsPerAttempt']));
    expect(
      questionSchema.safeParse({
        ...question(3),
        options: [
          { id: 'a', text: 'A' },
          { id: 'a', text: 'B' },
        ],
        correct: ['a'],
      }).success,
    ).toBe(false);
  });

  it('show the keys to vendor-admin only; other vendor roles get the bank without keys, partner users no bank', () => {
    const e = exam();
    expect(JSON.stringify(examFor(e, ['vendor-admin']))).toContain('"correct"');
    const cm = examFor(e, ['channel-manager']);
    expect(JSON.stringify(cm)).not.toContain('correct');
    expect((cm as { questions: unknown[] }).questions).toHaveLength(10);
    const partner = examFor(e, ['partner-sales']);
    expect(partner).not.toHaveProperty('questions');
    expect(partner).toMatchObject({ questionCount: 10 });
  });
});

describe('the draw', () => {
  it('is reproducible with a seed, shuffles the options and prefers questions not seen before', () => {
    const e = exam();
    const first = drawQuestions(e, new Set(), seededRandom(7));
    expect(drawQuestions(e, new Set(), seededRandom(7))).toEqual(first);
    expect(first).toHaveLength(4);
    const seen = new Set(first.map((d) => d.question.id));
    const second = drawQuestions(e, seen, seededRandom(8));
    expect(second.every((d) => !seen.has(d.question.id))).toBe(true);
    // 10 questions, 8 seen: the draw takes the 2 unseen and then 2 seen ones.
    const seenMore = new Set([...seen, ...second.map((d) => d.question.id)]);
    const third = drawQuestions(e, seenMore, seededRandom(9));
    expect(third.filter((d) => !seenMore.has(d.question.id))).toHaveLength(2);
    // Over many draws the right option is not always first.
    const firstOptions = new Set(Array.from({ length: 20 }, (_, s) => drawQuestions(e, new Set(), seededRandom(s))[0]!.optionOrder[0]!.endsWith('right')));
    expect(firstOptions).toEqual(new Set([true, false]));
  });

  it('is shown without keys and with labels instead of option ids', () => {
    const a = startAttempt(exam(), candidate, drawQuestions(exam(), new Set(), seededRandom(1)), 1, clock);
    const view = JSON.stringify(attemptView(a, 2));
    expect(view).not.toMatch(/correct|right|wrong1|wrong2/);
    expect(attemptView(a, 2).questions[0]!.options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('attempt limits over a rolling period', () => {
  const e = exam();
  it('take a free slot, and when all are used say when the first is free again', () => {
    const now = clock.now();
    const slots = [1, 2].map((slot) => ({ slot, attemptId: `att_${slot}`, startedAt: '2026-11-10T10:00:00.000Z' }));
    expect(pickSlot(slots, e, now, seededRandom(1))).toEqual({ slot: 3 });
    const full = [...slots, { slot: 3, attemptId: 'att_3', startedAt: '2026-11-15T10:00:00.000Z' }];
    expect(pickSlot(full, e, now, seededRandom(1))).toEqual({ retryAt: new Date('2026-12-10T10:00:00.000Z') });
    // 30 days after the first two started, their slots are free again.
    expect(pickSlot(full, e, new Date('2026-12-10T10:00:00.000Z'), seededRandom(1))).toHaveProperty('slot');
  });
});

describe('grading', () => {
  const e = exam();
  const attempt = () => startAttempt(e, candidate, drawQuestions(e, new Set(), seededRandom(3)), 1, clock);

  it('grades against the stored draw: all right passes, by topic, without revealing which questions were wrong', () => {
    const a = attempt();
    const { result, attempt: graded } = gradeAttempt(a, e, readAnswers(a, new Set(e.questions.map((q) => q.id)), { answers: perfect(a) }), clock.now(), 2);
    expect(result).toMatchObject({ passed: true, scorePercent: 100, late: false, wrongQuestions: null });
    expect(result.topics.reduce((n, t) => n + t.total, 0)).toBe(4);
    expect(graded.status).toBe('passed');
  });

  it('a blank submission fails; an answer past the time limit and its grace is late and fails whatever it says', () => {
    const a = attempt();
    expect(gradeAttempt(a, e, {}, clock.now(), 2).result).toMatchObject({ passed: false, scorePercent: 0 });
    const chosen = readAnswers(a, new Set(), { answers: perfect(a) });
    const inGrace = new Date(new Date(a.submitBy).getTime() + SUBMISSION_GRACE_SECONDS * 1000);
    expect(gradeAttempt(a, e, chosen, inGrace, 2).result.passed).toBe(true);
    const late = gradeAttempt(a, e, chosen, new Date(inGrace.getTime() + 1), 2).result;
    expect(late).toMatchObject({ passed: false, late: true, scorePercent: 0 });
  });

  it('under wrong-questions, names the wrong questions only after the last attempt or on a pass', () => {
    const strict = { ...e, passMarkPercent: 80, reviewPolicy: 'wrong-questions' as const };
    const a = attempt();
    const oneWrong = perfect(a).map((x, i) => (i === 0 ? { ...x, options: [x.options[0] === 'a' ? 'b' : 'a'] } : x));
    const chosen = readAnswers(a, new Set(), { answers: oneWrong });
    expect(gradeAttempt(a, strict, chosen, clock.now(), 1).result.wrongQuestions).toBeNull();
    expect(gradeAttempt(a, strict, chosen, clock.now(), 0).result.wrongQuestions).toEqual([a.draw[0]!.question.id]);
    expect(gradeAttempt(a, strict, readAnswers(a, new Set(), { answers: perfect(a) }), clock.now(), 2).result.wrongQuestions).toEqual([]);
  });

  it('refuses unknown questions, questions not drawn, unknown labels and too many options, naming the fields only', () => {
    const a = attempt();
    const notDrawn = e.questions.find((q) => !a.draw.some((d) => d.question.id === q.id))!.id;
    const bank = new Set(e.questions.map((q) => q.id));
    try {
      readAnswers(a, bank, {
        answers: [
          { questionId: 'q-unknown', options: ['a'] },
          { questionId: notDrawn, options: ['a'] },
          { questionId: a.draw[0]!.question.id, options: ['a', 'b'] },
          { questionId: a.draw[1]!.question.id, options: ['z'] },
        ],
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      const problems = (err as ValidationError).errors;
      expect(problems.map((p) => p.path)).toEqual([
        'body.answers.0.questionId',
        'body.answers.1.questionId',
        'body.answers.2.options',
        'body.answers.3.options.0',
      ]);
      expect(problems[0]!.message).toBe('no such question');
      expect(problems[1]!.message).toMatch(/not drawn/);
      expect(JSON.stringify(problems)).not.toMatch(/right|correct/);
    }
  });
});

describe('certifications', () => {
  const e = exam();
  it('are issued for the validity, and renewed from the later of today and the current expiry', () => {
    const { certification: c, renewed } = certify(undefined, e, candidate, clock);
    expect(renewed).toBe(false);
    expect(c).toMatchObject({ status: 'active', issuedAt: '2026-11-20T10:00:00.000Z', expiresAt: '2028-11-20T10:00:00.000Z', key: 'networking-associate' });
    // Early renewal: from the current expiry.
    const early = certify(c, e, candidate, at('2028-10-01T00:00:00.000Z')).certification;
    expect(early.expiresAt).toBe('2030-11-20T10:00:00.000Z');
    expect(early.id).toBe(c.id);
    // After expiry: from today.
    const late = certify({ ...c, status: 'expired' }, e, candidate, at('2029-01-15T08:00:00.000Z')).certification;
    expect(late).toMatchObject({ status: 'active', expiresAt: '2031-01-15T08:00:00.000Z', remindersSent: [] });
  });

  it('add calendar months, on the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2026-02-28T12:00:00Z'), 24).toISOString()).toBe('2028-02-28T12:00:00.000Z');
  });

  it('raise the 60- and 30-day reminders once each, then expire on the day', () => {
    let c = certify(undefined, e, candidate, clock).certification;
    const expires = new Date(c.expiresAt).getTime();
    const day = (d: number) => new Date(expires - d * 86_400_000);
    expect(expiryStep(c, day(61))).toBeUndefined();
    const sixty = expiryStep(c, day(60))!;
    expect(sixty.outcome).toEqual({ daysBefore: 60 });
    c = sixty.certification;
    expect(expiryStep(c, day(45))).toBeUndefined();
    const thirty = expiryStep(c, day(29))!;
    expect(thirty.outcome).toEqual({ daysBefore: 30 });
    c = thirty.certification;
    expect(expiryStep(c, day(1))).toBeUndefined();
    const expired = expiryStep(c, day(0))!;
    expect(expired.outcome).toBe('expired');
    expect(expired.certification.status).toBe('expired');
    expect(expiryStep(expired.certification, day(-5))).toBeUndefined();
  });

  it('a sweep that first runs inside 30 days raises only the 30-day reminder', () => {
    const c = certify(undefined, e, candidate, clock).certification;
    const step = expiryStep(c, new Date(new Date(c.expiresAt).getTime() - 10 * 86_400_000))!;
    expect(step.outcome).toEqual({ daysBefore: 30 });
    expect(step.certification.remindersSent).toEqual([60, 30]);
  });
});

describe('accreditation', () => {
  const rule = {
    key: 'networking-gold',
    name: 'Networking Gold',
    productLine: 'networking',
    requirements: [
      { certification: 'exam-a', min: 2, role: 'partner-sales' as const },
      { certification: 'exam-b', min: 1 },
    ],
  };
  const now = clock.now();
  const cert = (userId: string, key: string, expiresAt = '2028-11-20T10:00:00.000Z'): Certification => ({
    ...certify(undefined, { ...exam(), certification: { key, name: key, validityMonths: 24 } }, { ...candidate, userId }, clock).certification,
    expiresAt,
  });
  const holder = (userId: string, roles = ['partner-sales'], status: Holder['status'] = 'active'): [string, Holder] => [
    userId,
    { userId, roles, status, version: 1 },
  ];

  it('is granted when every requirement is met, and says what is missing otherwise', () => {
    const holders = new Map([holder('u1'), holder('u2'), holder('u3', ['partner-user'])]);
    const one = evaluateAccreditations([rule], { certifications: [cert('u1', 'exam-a'), cert('u3', 'exam-a')], holders, terminated: false }, [], now);
    expect(one[0]).toMatchObject({ granted: false, missing: ['1 more partner-sales user with exam-a', '1 more user with exam-b'] });
    const all = evaluateAccreditations(
      [rule],
      { certifications: [cert('u1', 'exam-a'), cert('u2', 'exam-a'), cert('u3', 'exam-b')], holders, terminated: false },
      one,
      now,
    );
    expect(all[0]).toMatchObject({ granted: true, missing: [], since: now.toISOString(), atRisk: null });
    expect(accreditationChanges(one, all).granted.map((a) => a.key)).toEqual(['networking-gold']);
  });

  it('a disabled user, a role taken away, an expired certification or a terminated partner stop counting', () => {
    const certs = [cert('u1', 'exam-a'), cert('u2', 'exam-a'), cert('u3', 'exam-b')];
    const holders = new Map([holder('u1'), holder('u2'), holder('u3', ['partner-user'])]);
    const granted = evaluateAccreditations([rule], { certifications: certs, holders, terminated: false }, [], now);
    const variants = [
      { certifications: certs, holders: new Map([...holders, holder('u2', ['partner-sales'], 'disabled')]), terminated: false },
      { certifications: certs, holders: new Map([...holders, holder('u2', ['partner-user'])]), terminated: false },
      { certifications: [certs[0]!, { ...certs[1]!, status: 'expired' as const }, certs[2]!], holders, terminated: false },
      { certifications: certs, holders, terminated: true },
    ];
    for (const facts of variants) {
      const after = evaluateAccreditations([rule], facts, granted, now);
      expect(after[0]!.granted).toBe(false);
      expect(accreditationChanges(granted, after).lost.map((a) => a.key)).toEqual(['networking-gold']);
    }
  });

  it('is at risk when a certification it needs expires within 30 days, naming it and the date', () => {
    const soon = cert('u2', 'exam-a', '2026-12-10T10:00:00.000Z');
    const holders = new Map([holder('u1'), holder('u2'), holder('u3')]);
    const facts = { certifications: [cert('u1', 'exam-a'), soon, cert('u3', 'exam-b')], holders, terminated: false };
    const [state] = evaluateAccreditations([rule], facts, [], now);
    expect(state!.atRisk).toEqual({ at: soon.expiresAt, certificationId: soon.id, certification: 'exam-a', userId: 'u2' });
    // With a spare holder, one expiring certification puts nothing at risk.
    const spare = evaluateAccreditations([rule], { ...facts, certifications: [...facts.certifications, cert('u3', 'exam-a')] }, [], now);
    expect(spare[0]!.atRisk).toBeNull();
    expect(accreditationChanges([], [state!]).atRisk).toHaveLength(1);
    expect(accreditationChanges([state!], [state!]).atRisk).toHaveLength(0);
  });
});
