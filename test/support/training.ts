import { randomUUID } from 'node:crypto';

/**
 * Training fixtures: exams whose correct options carry a recognisable id (`q<n>-key`) and text
 * (`Right <n>`), so that a test can answer right or wrong from the vendor-admin's copy of the
 * exam, and find any answer key that leaks (`KEY_LEAK`).
 */
export const KEY_LEAK = /q\d+-key|"correct":\[/;

export function examBody(overrides: Record<string, unknown> = {}, questions = 10) {
  const tag = randomUUID().slice(0, 6);
  return {
    title: `Networking Associate ${tag}`,
    productLine: 'networking',
    questions: Array.from({ length: questions }, (_, i) => ({
      id: `q${i + 1}`,
      topic: i % 2 ? 'routing' : 'switching',
      text: `Question ${i + 1}?`,
      kind: i % 3 === 2 ? 'multiple' : 'single',
      options: [
        { id: `q${i + 1}-key`, text: `Right ${i + 1}` },
        { id: `q${i + 1}-w1`, text: `Wrong ${i + 1}a` },
        { id: `q${i + 1}-w2`, text: `Wrong ${i + 1}b` },
        ...(i % 3 === 2 ? [{ id: `q${i + 1}-key2`, text: `Also right ${i + 1}` }] : []),
      ],
      correct: i % 3 === 2 ? [`q${i + 1}-key`, `q${i + 1}-key2`] : [`q${i + 1}-key`],
    })),
    questionsPerAttempt: 4,
    passMarkPercent: 75,
    timeLimitMinutes: 30,
    attempts: { max: 3, periodDays: 30 },
    certification: { key: `networking-associate-${tag}`, name: 'Certified Networking Associate' },
    ...overrides,
  };
}

interface AttemptQuestion {
  id: string;
  options: { id: string; text: string }[];
}

/** Answers to an attempt: every question right (by the option texts), or every one wrong. */
export function answers(attempt: { questions: AttemptQuestion[] }, right = true) {
  return {
    answers: attempt.questions.map((q) => ({
      questionId: q.id,
      options: q.options
        .filter((o) => /Right|Also right/.test(o.text) === right)
        .map((o) => o.id)
        .slice(0, right ? undefined : 1),
    })),
  };
}
