import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '@channelbase/core';
import { logger } from '@channelbase/platform';
import { type ApiResponse, type Caller, partnerBody, useStack } from '../support/stack.ts';
import { applicationBody, publishAgreement } from '../support/onboarding.ts';
import { KEY_LEAK, answers, examBody } from '../support/training.ts';

const t = useStack();

const eventsOf = (type: string) => t.stack.bus.published.filter((e) => e['detail-type'] === type);

async function vendorAdmin() {
  return t.as('vendor-admin');
}

async function createExam(overrides: Record<string, unknown> = {}) {
  const admin = await vendorAdmin();
  const res = await admin.call('POST', '/exams', { body: examBody(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; certification: { key: string }; questions: { id: string; correct: string[] }[] };
}

/** A partner with users of the given roles; each user a caller signed in with its own token. */
async function partnerWith(roles: Role[]) {
  const admin = await vendorAdmin();
  const partner = await admin.call('POST', '/partners', { body: partnerBody() });
  expect(partner.status, partner.text).toBe(201);
  const users: { id: string; caller: Caller }[] = [];
  for (const role of roles) {
    const tag = randomUUID().slice(0, 8);
    const user = await admin.call('POST', `/partners/${partner.body.id}/users`, {
      body: { email: `u-${tag}@example.com`, givenName: 'Test', familyName: tag, roles: [role] },
    });
    expect(user.status, user.text).toBe(201);
    users.push({ id: user.body.id, caller: await t.as(role, { partnerId: partner.body.id, userId: user.body.id, sub: user.body.id }) });
  }
  return { id: partner.body.id as string, users };
}

describe('courses and exams: vendor-admin manages them, the keys stay with vendor-admin', () => {
  it('creates and replaces a course; partner users list the courses of their role', async () => {
    const admin = await vendorAdmin();
    const sales = await admin.call('POST', '/courses', {
      body: {
        title: 'Selling networking',
        audience: ['sales'],
        productLines: ['networking'],
        links: [{ title: 'Part 1', url: 'https://learn.example/1' }],
        durationMinutes: 45,
      },
    });
    expect(sales.status, sales.text).toBe(201);
    expect(sales.headers.get('etag')).toBe(`"${sales.body.id}.v1"`);
    const tech = await admin.call('POST', '/courses', {
      body: { title: 'Configuring VLANs', audience: ['technical'], productLines: [], links: [], durationMinutes: 90 },
    });
    expect(tech.status).toBe(201);
    const put = await admin.call('PUT', `/courses/${tech.body.id}`, {
      body: { title: 'Configuring VLANs, 2nd edition', audience: ['technical'], productLines: ['networking'], links: [], durationMinutes: 95 },
      headers: { 'if-match': tech.headers.get('etag')! },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ title: 'Configuring VLANs, 2nd edition', version: 2 });
    const stale = await admin.call('PUT', `/courses/${tech.body.id}`, {
      body: { ...put.body, id: undefined },
      headers: { 'if-match': tech.headers.get('etag')! },
    });
    expect(stale.status).toBe(400);

    const { users } = await partnerWith(['partner-sales', 'partner-user']);
    const salesList = (await users[0]!.caller.call('GET', '/courses')).body.items.map((c: { id: string }) => c.id);
    const techList = (await users[1]!.caller.call('GET', '/courses')).body.items.map((c: { id: string }) => c.id);
    expect(salesList).toContain(sales.body.id);
    expect(salesList).not.toContain(tech.body.id);
    expect(techList).toContain(tech.body.id);
    expect(techList).not.toContain(sales.body.id);
  });

  it('shows the answer keys to vendor-admin only: other vendor roles get the bank without keys, partner users no bank', async () => {
    const exam = await createExam();
    const admin = await vendorAdmin();
    const full = await admin.call('GET', `/exams/${exam.id}`);
    expect(full.body.questions[0].correct).toEqual(['q1-key']);
    for (const role of ['channel-manager', 'finance'] as const) {
      const res = await (await t.as(role)).call('GET', `/exams/${exam.id}`);
      expect(res.status).toBe(200);
      expect(res.body.questions).toHaveLength(10);
      expect(res.text).not.toMatch(/"correct"/);
      const list = await (await t.as(role)).call('GET', '/exams');
      expect(list.text).not.toMatch(/"correct"/);
    }
    const { users } = await partnerWith(['partner-sales']);
    const partnerView = await users[0]!.caller.call('GET', `/exams/${exam.id}`);
    expect(partnerView.body).toMatchObject({ id: exam.id, questionCount: 10, passMarkPercent: 75 });
    expect(partnerView.body).not.toHaveProperty('questions');
    expect((await users[0]!.caller.call('GET', '/exams')).text).not.toMatch(KEY_LEAK);
    // Editing keys is vendor-admin's: a channel manager may not.
    const cm = await t.as('channel-manager');
    expect((await cm.call('PUT', `/exams/${exam.id}`, { body: examBody(), headers: { 'if-match': full.headers.get('etag')! } })).status).toBe(403);
    const edited = await admin.call('PUT', `/exams/${exam.id}`, {
      body: examBody({ passMarkPercent: 80 }),
      headers: { 'if-match': full.headers.get('etag')! },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.version).toBe(2);
  });

  it('refuses malformed courses, exams and rules with field paths, and writes nothing', async () => {
    const admin = await vendorAdmin();
    const before = await t.itemCount();
    const badExam = examBody();
    (badExam.questions[0] as { correct: string[] }).correct = ['nope'];
    (badExam.questions[1] as { correct: string[] }).correct = ['q2-key', 'q2-w1'];
    const exam = await admin.call('POST', '/exams', { body: { ...badExam, questionsPerAttempt: 11 } });
    expect(exam.status).toBe(400);
    expect(exam.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.questions.0.correct.0', 'body.questions.1.correct', 'body.questionsPerAttempt']),
    );
    expect(exam.text).not.toMatch(/q\d+-key/);
    const course = await admin.call('POST', '/courses', {
      body: { title: 'X', audience: ['sales', 'sales'], productLines: [], links: [{ title: 'L', url: 'http://insecure.example' }], durationMinutes: 0 },
    });
    expect(course.status).toBe(400);
    expect(course.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.audience', 'body.links.0.url', 'body.durationMinutes']),
    );
    const current = await admin.call('GET', '/programme/accreditation-rules');
    const rules = await admin.call('PUT', '/programme/accreditation-rules', {
      body: { items: [{ key: 'gold', name: 'Gold', requirements: [{ certification: 'a', min: 0, role: 'vendor-admin' }] }] },
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(rules.status).toBe(400);
    expect(rules.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.items.0.requirements.0.min', 'body.items.0.requirements.0.role']),
    );
    expect(await t.itemCount()).toBe(before);
  });

  it('refuses malformed answers (unknown question, not drawn, too many options) with field paths, and writes nothing', async () => {
    const exam = await createExam();
    const { users } = await partnerWith(['partner-sales']);
    const me = users[0]!.caller;
    const attempt = (await me.call('POST', `/exams/${exam.id}/attempts`)).body;
    const drawn = new Set(attempt.questions.map((q: { id: string }) => q.id));
    const notDrawn = exam.questions.map((q) => q.id).find((id) => !drawn.has(id))!;
    const single = attempt.questions.find((q: { kind: string }) => q.kind === 'single');
    const before = await t.itemCount();
    const res = await me.call('POST', `/exams/${exam.id}/attempts/${attempt.id}/submit`, {
      body: {
        answers: [
          { questionId: 'q-nope', options: ['a'] },
          { questionId: notDrawn, options: ['a'] },
          { questionId: single.id, options: ['a', 'b'] },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.answers.0.questionId', 'body.answers.1.questionId', 'body.answers.2.options']);
    expect(res.text).not.toMatch(KEY_LEAK);
    expect(await t.itemCount()).toBe(before);
    const labels = await me.call('POST', `/exams/${exam.id}/attempts/${attempt.id}/submit`, { body: { answers: [{ questionId: single.id, options: ['A'] }] } });
    expect(labels.status).toBe(400);
    expect(await t.itemCount()).toBe(before);
    // Another user (of this partner or another) cannot submit it: it is not theirs, so it is not found.
    const [colleague] = (await partnerWith(['partner-sales'])).users;
    const before2 = await t.itemCount();
    expect((await colleague!.caller.call('POST', `/exams/${exam.id}/attempts/${attempt.id}/submit`, { body: answers(attempt) })).status).toBe(404);
    expect(await t.itemCount()).toBe(before2);
    // The attempt is still open and can be submitted properly.
    expect((await me.call('POST', `/exams/${exam.id}/attempts/${attempt.id}/submit`, { body: answers(attempt) })).status).toBe(200);
  });
});

/** Every invocation starts at the logger's base level (the suite's ERROR): lower it, so that every line is printed and walked. */
const setBaseLogLevel = (level: 'DEBUG' | 'ERROR') => (logger as unknown as { setInitialLogLevel(l: string): void }).setInitialLogLevel(level);

/** The logger prints through its own Console; capture every line it prints, at every level. */
function captureLogs(): string[] {
  const written: string[] = [];
  const out = (logger as unknown as { console: Console }).console;
  for (const method of ['debug', 'info', 'warn', 'error', 'log', 'trace'] as const)
    vi.spyOn(out, method).mockImplementation((...line: unknown[]) => void written.push(line.map(String).join(' ')));
  for (const method of ['debug', 'info', 'warn', 'error', 'log'] as const)
    vi.spyOn(console, method).mockImplementation((...line: unknown[]) => void written.push(line.map(String).join(' ')));
  return written;
}

describe('answer keys never leave the server', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    setBaseLogLevel('ERROR');
  });

  it('in no partner-facing response, event or log line of full exam flows: failed, late, repeated and passed attempts, under each review policy', async () => {
    setBaseLogLevel('DEBUG');
    const logs = captureLogs();
    const seen: ApiResponse[] = [];
    const firstEvent = t.stack.bus.published.length;
    const { id: partnerId, users } = await partnerWith(['partner-sales', 'partner-sales']);
    const call = async (caller: Caller, method: string, path: string, body?: unknown) => {
      const res = await caller.call(method, path, body === undefined ? {} : { body });
      seen.push(res);
      return res;
    };
    for (const reviewPolicy of ['score-and-topics', 'wrong-questions'] as const) {
      // A one-minute limit: the clock moves past it well within the tokens' lifetime.
      const exam = await createExam({ reviewPolicy, timeLimitMinutes: 1 });
      const [a, b] = users.map((u) => u.caller) as [Caller, Caller];
      // a: fails, is late, fails again (its last attempt), then is refused a fourth.
      const first = (await call(a, 'POST', `/exams/${exam.id}/attempts`)).body;
      const failed = await call(a, 'POST', `/exams/${exam.id}/attempts/${first.id}/submit`, answers(first, false));
      expect(failed.body.result).toMatchObject({ passed: false, scorePercent: 0, wrongQuestions: null, attemptsRemaining: 2 });
      expect((await call(a, 'POST', `/exams/${exam.id}/attempts/${first.id}/submit`, answers(first, true))).body.result).toEqual(failed.body.result);
      const second = (await call(a, 'POST', `/exams/${exam.id}/attempts`)).body;
      // Prefers unseen questions: the bank of 10 has 6 the first attempt did not show.
      expect(second.questions.filter((q: { id: string }) => first.questions.some((p: { id: string }) => p.id === q.id))).toHaveLength(0);
      t.stack.clock.advance({ minutes: 1, seconds: 31 });
      const late = await call(a, 'POST', `/exams/${exam.id}/attempts/${second.id}/submit`, answers(second, true));
      expect([late.status, late.body.type]).toEqual([409, expect.stringContaining('attempt-late')]);
      expect((await call(a, 'POST', `/exams/${exam.id}/attempts/${second.id}/submit`, answers(second, true))).status).toBe(409);
      const third = (await call(a, 'POST', `/exams/${exam.id}/attempts`)).body;
      const last = await call(a, 'POST', `/exams/${exam.id}/attempts/${third.id}/submit`, answers(third, false));
      expect(last.body.result.attemptsRemaining).toBe(0);
      // Which questions were wrong only under wrong-questions, and only now that no attempt is left.
      expect(last.body.result.wrongQuestions).toEqual(reviewPolicy === 'wrong-questions' ? third.questions.map((q: { id: string }) => q.id) : null);
      const refused = await call(a, 'POST', `/exams/${exam.id}/attempts`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // b: passes at once.
      const bAttempt = (await call(b, 'POST', `/exams/${exam.id}/attempts`)).body;
      const passed = await call(b, 'POST', `/exams/${exam.id}/attempts/${bAttempt.id}/submit`, answers(bAttempt, true));
      expect(passed.body.result).toMatchObject({ passed: true, scorePercent: 100, certificationId: expect.stringMatching(/^crt_/) });
      expect(passed.body.result.wrongQuestions).toEqual(reviewPolicy === 'wrong-questions' ? [] : null);
      await call(b, 'GET', `/exams/${exam.id}`);
      await call(b, 'GET', '/exams');
    }
    await call(users[0]!.caller, 'GET', `/certifications?partnerId=${partnerId}`);
    await call(users[0]!.caller, 'GET', `/partners/${partnerId}/accreditations`);
    await t.stack.drain();
    const events = t.stack.bus.published.slice(firstEvent);
    expect(events.map((e) => e['detail-type'])).toEqual(expect.arrayContaining(['ExamFailed', 'ExamPassed', 'CertificationIssued']));
    expect(events.filter((e) => e['detail-type'] === 'ExamFailed' && (e.detail.data as { late: boolean }).late)).toHaveLength(2);
    // The capture works: the API's own lines of each attempt are there.
    expect(logs.filter((l) => l.includes('attempt graded')).length).toBeGreaterThanOrEqual(8);
    for (const res of seen) expect(res.text, res.text).not.toMatch(KEY_LEAK);
    for (const e of events) expect(JSON.stringify(e)).not.toMatch(KEY_LEAK);
    for (const line of logs) expect(line).not.toMatch(KEY_LEAK);
  });
});

describe("a pass issues a certification, and the onboarding checklist's certification item completes from it", () => {
  it('completes the item of a partner onboarded through applications, from a real exam pass', async () => {
    const admin = await vendorAdmin();
    const exam = await createExam();
    const key = exam.certification.key;
    const current = await admin.call('GET', '/programme/onboarding');
    const { updatedAt: _u, version: _v, ...settings } = current.body;
    const checklist = [{ id: 'certified', title: 'Get certified', kind: 'certification', certifications: [key] }];
    const put = await admin.call('PUT', '/programme/onboarding', { body: { ...settings, checklist }, headers: { 'if-match': current.headers.get('etag')! } });
    expect(put.status, put.text).toBe(200);
    await publishAgreement(admin);
    const submitted = await t.applicant().call('POST', '/applications', { body: applicationBody() });
    const approved = await admin.call('POST', `/applications/${submitted.body.id}/approve`, { body: {} });
    expect(approved.status, approved.text).toBe(200);
    const { partnerId, adminUserId } = approved.body.decision;
    const partnerAdmin = await t.as('partner-admin', { partnerId, userId: adminUserId, sub: adminUserId });
    const offer = (await admin.call('GET', `/partners/${partnerId}/agreements`)).body.items[0];
    expect((await partnerAdmin.call('POST', `/partners/${partnerId}/agreements/${offer.agreementId}/accept`)).status).toBe(200);
    await t.stack.drain();
    expect((await partnerAdmin.call('GET', `/partners/${partnerId}/onboarding`)).body.items[0]).toMatchObject({ id: 'certified', done: false });

    const attempt = (await partnerAdmin.call('POST', `/exams/${exam.id}/attempts`)).body;
    const graded = await partnerAdmin.call('POST', `/exams/${exam.id}/attempts/${attempt.id}/submit`, { body: answers(attempt) });
    expect(graded.body.result.passed).toBe(true);
    await t.stack.drain();
    const issued = eventsOf('CertificationIssued').find((e) => e.detail.partnerId === partnerId)!;
    expect(issued.detail.data).toMatchObject({ certification: { key, partnerId, userId: adminUserId, status: 'active', examId: exam.id } });
    const list = (await partnerAdmin.call('GET', `/partners/${partnerId}/onboarding`)).body;
    expect(list.items[0]).toMatchObject({ id: 'certified', done: true });
    expect(list.completedAt).not.toBeNull();
    const certs = await partnerAdmin.call('GET', `/certifications?userId=${adminUserId}`);
    expect(certs.body.items).toEqual([expect.objectContaining({ id: graded.body.result.certificationId, key, status: 'active' })]);
    // Partner users see only their own organisation's certifications.
    const other = await partnerWith(['partner-sales']);
    expect((await other.users[0]!.caller.call('GET', `/certifications?partnerId=${partnerId}`)).status).toBe(404);
    expect((await other.users[0]!.caller.call('GET', '/certifications')).body.items).toEqual([]);
    await admin.call('PUT', '/programme/onboarding', { body: settings, headers: { 'if-match': put.headers.get('etag')! } });
  });
});
