import type { MatrixFixtures, MatrixSamples } from '../../test/support/matrix.ts';

const course = () => ({ title: 'Matrix course', audience: ['sales'], productLines: ['networking'], links: [], durationMinutes: 30 });
const exam = () => ({
  title: 'Matrix exam',
  productLine: 'networking',
  questions: [
    {
      id: 'q1',
      topic: 'basics',
      text: 'Pick one',
      kind: 'single',
      options: [
        { id: 'yes', text: 'Yes' },
        { id: 'no', text: 'No' },
      ],
      correct: ['yes'],
    },
  ],
  questionsPerAttempt: 1,
  passMarkPercent: 50,
  timeLimitMinutes: 30,
  attempts: { max: 20, periodDays: 1 },
  certification: { key: 'matrix-cert', name: 'Matrix certification' },
});

let made: Promise<{ courseId: string; examId: string }> | undefined;
/** One course and one exam, made once by the vendor the first time a path needs them. */
function fixtures(f: MatrixFixtures) {
  made ??= (async () => {
    const c = await f.vendor.call('POST', '/courses', { body: course() });
    const e = await f.vendor.call('POST', '/exams', { body: exam() });
    if (c.status !== 201 || e.status !== 201) throw new Error(`training fixtures: ${c.status} ${e.status} ${e.text}`);
    return { courseId: c.body.id as string, examId: e.body.id as string };
  })();
  return made;
}

/**
 * The authorisation matrix's samples for training's routes (test/support/matrix.ts). Attempts are
 * partner-only (a vendor takes no exam); test/api/training.test.ts takes them end to end.
 */
export default {
  bodies: {
    listCourses: undefined,
    createCourse: () => course(),
    getCourse: undefined,
    putCourse: () => course(),
    listExams: undefined,
    createExam: () => exam(),
    getExam: undefined,
    putExam: () => exam(),
    startAttempt: undefined,
    submitAttempt: () => ({ answers: [] }),
    listCertifications: undefined,
    getPartnerAccreditations: undefined,
    getAccreditationRules: undefined,
    putAccreditationRules: () => ({ items: [{ key: 'matrix-gold', name: 'Matrix Gold', requirements: [{ certification: 'matrix-cert', min: 1 }] }] }),
  },
  pathParams: {
    'courses.id': async (_org, _route, f) => (await fixtures(f)).courseId,
    'exams.id': async (_org, _route, f) => (await fixtures(f)).examId,
    // An attempt is its candidate's: the caller's own when the matrix names who calls, else a well-formed unknown id.
    'exams.attemptId': async (_org, _route, f, caller) => {
      if (!caller) return 'att_01JD3Z8Q4W6N7P2R5T9V0XKM3A';
      const started = await caller.call('POST', `/exams/${(await fixtures(f)).examId}/attempts`);
      if (started.status !== 201) throw new Error(`training fixtures: attempt ${started.status} ${started.text}`);
      return started.body.id as string;
    },
  },
  // Every role reads the catalogue; partner users see their own organisation's certifications and accreditations.
  openToEveryRole: ['listCourses', 'getCourse', 'listExams', 'getExam', 'listCertifications', 'getPartnerAccreditations'],
  // Exams are taken by partner users.
  partnerOnly: ['startAttempt', 'submitAttempt'],
} satisfies MatrixSamples;
