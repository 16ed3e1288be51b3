import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock, type Role } from '@channelbase/core';
import { type LocalStack, startLocalStack } from '@channelbase/local';
import { type ApiResponse, partnerBody, request, stopAndDropTable } from '../support/stack.ts';
import { answers, examBody } from '../support/training.ts';
import { readAttempts } from '../../functions/training/repository.ts';

/**
 * Training under concurrency and time: attempt limits hold against concurrent starts, an attempt
 * is graded once against concurrent submissions, and the injected clock drives certification
 * reminders, renewal and expiry and the accreditation they add up to, including users who leave.
 * One runtime for the file, with a clock that moves only when told; tokens are minted afresh
 * after each move (they live 15 minutes).
 */

const DAY = 86_400_000;
/** Midnight UTC: the daily expiry sweep ticks on the day's grid. */
const T0 = Date.parse('2031-01-06T00:00:00.000Z');
let now = T0;
const clock = new ManualClock({ now: () => new Date(now) });
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `test-${randomUUID()}`, port: 0, clock });
});
afterAll(() => (stack ? stopAndDropTable(stack) : undefined));

type Call = (method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }) => Promise<ApiResponse>;
async function as(roles: Role[], extra: { partnerId?: string; userId?: string } = {}): Promise<Call> {
  const token = await stack.token({ sub: extra.userId ?? `t-${randomUUID().slice(0, 8)}`, roles, ...extra });
  return (method, path, options = {}) => request(stack.url, token, method, path, options);
}
const vendor = () => as(['vendor-admin']);
const published = (type: string, match: (data: never, e: { detail: { partnerId?: string } }) => boolean = () => true) =>
  stack.bus.published.filter((e) => e['detail-type'] === type && match(e.detail.data as never, e as never));

async function createExam(overrides: Record<string, unknown> = {}) {
  const res = await (await vendor())('POST', '/exams', { body: examBody(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; certification: { key: string } };
}

interface User {
  id: string;
  role: Role;
  partnerId: string;
  /** A caller with a fresh token (signing in also accepts the user's invitation). */
  call(): Promise<Call>;
}

async function partnerWith(roles: Role[]): Promise<{ id: string; users: User[] }> {
  const admin = await vendor();
  const partner = await admin('POST', '/partners', { body: partnerBody() });
  expect(partner.status, partner.text).toBe(201);
  const users: User[] = [];
  for (const role of roles) {
    const tag = randomUUID().slice(0, 8);
    const res = await admin('POST', `/partners/${partner.body.id}/users`, {
      body: { email: `u-${tag}@example.com`, givenName: 'T', familyName: tag, roles: [role] },
    });
    expect(res.status, res.text).toBe(201);
    const user: User = { id: res.body.id, role, partnerId: partner.body.id, call: () => as([user.role], { partnerId: user.partnerId, userId: user.id }) };
    await user.call();
    users.push(user);
  }
  await stack.drain();
  return { id: partner.body.id, users };
}

async function pass(examId: string, user: User) {
  const call = await user.call();
  const attempt = await call('POST', `/exams/${examId}/attempts`);
  expect(attempt.status, attempt.text).toBe(201);
  const graded = await call('POST', `/exams/${examId}/attempts/${attempt.body.id}/submit`, { body: answers(attempt.body) });
  expect(graded.body.result?.passed, graded.text).toBe(true);
  return graded.body;
}

async function patchUser(user: User, body: Record<string, unknown>) {
  const admin = await vendor();
  const path = `/partners/${user.partnerId}/users/${user.id}`;
  const etag = (await admin('GET', path)).headers.get('etag')!;
  const res = await admin('PATCH', path, { body, headers: { 'if-match': etag } });
  expect(res.status, res.text).toBe(200);
  await stack.drain();
}

const accreditations = async (partnerId: string) => (await (await vendor())('GET', `/partners/${partnerId}/accreditations`)).body;

describe('attempt limits and grading under concurrency', () => {
  it('20 concurrent starts by one user on an exam limited to 3: exactly 3 attempts exist', async () => {
    const exam = await createExam({ attempts: { max: 3, periodDays: 30 } });
    const { users } = await partnerWith(['partner-sales']);
    const call = await users[0]!.call();
    const results = await Promise.all(Array.from({ length: 20 }, () => call('POST', `/exams/${exam.id}/attempts`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    const stored = await readAttempts(exam.id, users[0]!.id);
    expect(stored.attempts).toHaveLength(3);
    expect(stored.slots.map((s) => s.slot).sort()).toEqual([1, 2, 3]);
    expect(new Set(stored.slots.map((s) => s.attemptId))).toEqual(new Set(stored.attempts.map((a) => a.id)));
  });

  it('two concurrent submissions of one attempt: graded once, and both answers agree', async () => {
    const exam = await createExam();
    const { users } = await partnerWith(['partner-sales']);
    const call = await users[0]!.call();
    let passes = 0;
    for (let round = 0; round < 3; round++) {
      const attempt = (await call('POST', `/exams/${exam.id}/attempts`)).body;
      const [one, two] = await Promise.all([
        call('POST', `/exams/${exam.id}/attempts/${attempt.id}/submit`, { body: answers(attempt, true) }),
        call('POST', `/exams/${exam.id}/attempts/${attempt.id}/submit`, { body: answers(attempt, false) }),
      ]);
      expect([one.status, two.status]).toEqual([200, 200]);
      expect(one.body.result).toEqual(two.body.result);
      if (one.body.result.passed) passes++;
      await stack.drain();
      const graded = [...published('ExamPassed'), ...published('ExamFailed')].filter((e) => (e.detail.data as { attemptId: string }).attemptId === attempt.id);
      expect(graded).toHaveLength(1);
    }
    // One certification for the user: issued by the first pass, renewed by each later one.
    const mine = (type: string) => published(type, (d: { certification: { userId: string } }) => d.certification.userId === users[0]!.id);
    expect(mine('CertificationIssued')).toHaveLength(passes > 0 ? 1 : 0);
    expect(mine('CertificationRenewed')).toHaveLength(Math.max(0, passes - 1));
  });
});

describe('certifications expire, are renewed, and accreditation follows them and the people who hold them', () => {
  let examA: { id: string; certification: { key: string } };
  let examB: { id: string; certification: { key: string } };
  let rulesEtag: string;

  beforeAll(async () => {
    [examA, examB] = [await createExam({ attempts: { max: 3, periodDays: 1 } }), await createExam({ attempts: { max: 3, periodDays: 1 } })];
    const admin = await vendor();
    const current = await admin('GET', '/programme/accreditation-rules');
    expect(current.body).toEqual({ items: [], updatedAt: null, version: 0 });
    const put = await admin('PUT', '/programme/accreditation-rules', {
      headers: { 'if-match': current.headers.get('etag')! },
      body: {
        items: [
          {
            key: 'networking-gold',
            name: 'Networking Gold',
            productLine: 'networking',
            requirements: [
              { certification: examA.certification.key, min: 2, role: 'partner-sales' },
              { certification: examB.certification.key, min: 1 },
            ],
          },
        ],
      },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.version).toBe(1);
    rulesEtag = put.headers.get('etag')!;
    const stale = await admin('PUT', '/programme/accreditation-rules', { headers: { 'if-match': current.headers.get('etag')! }, body: { items: [] } });
    expect(stale.status).toBe(412);
  });

  const granted = (partnerId: string) => published('AccreditationGranted', (d: { partnerId: string }) => d.partnerId === partnerId);
  const lost = (partnerId: string) => published('AccreditationLost', (d: { partnerId: string }) => d.partnerId === partnerId);

  it('grants, loses and regains an accreditation as people certify, are disabled, change roles and come back; the partner’s termination ends it', async () => {
    const { id, users } = await partnerWith(['partner-sales', 'partner-sales', 'partner-user']);
    const [s1, s2, u3] = users as [User, User, User];
    await pass(examA.id, s1);
    await stack.drain();
    expect((await accreditations(id)).items[0]).toMatchObject({
      key: 'networking-gold',
      granted: false,
      missing: [`1 more partner-sales user with ${examA.certification.key}`, `1 more user with ${examB.certification.key}`],
    });
    // A partner-user with exam A does not count for the partner-sales requirement.
    await pass(examA.id, u3);
    await pass(examB.id, u3);
    await stack.drain();
    expect(granted(id)).toHaveLength(0);
    await pass(examA.id, s2);
    await stack.drain();
    expect(granted(id)).toHaveLength(1);
    expect((await accreditations(id)).items[0]).toMatchObject({ granted: true, missing: [], atRisk: null });

    await patchUser(s2, { status: 'disabled' });
    expect(lost(id)).toHaveLength(1);
    expect((lost(id)[0]!.detail.data as { accreditation: { missing: string[] } }).accreditation.missing).toEqual([
      `1 more partner-sales user with ${examA.certification.key}`,
    ]);
    await patchUser(s2, { status: 'active' });
    expect(granted(id)).toHaveLength(2);
    // Taking the role away ends s2's contribution too.
    await patchUser(s2, { roles: ['partner-marketing'] });
    expect(lost(id)).toHaveLength(2);
    await patchUser(s2, { roles: ['partner-sales'] });
    expect(granted(id)).toHaveLength(3);

    const admin = await vendor();
    expect((await admin('POST', `/partners/${id}/terminate`, { body: { reason: 'Contract ended' } })).status).toBe(200);
    await stack.drain();
    expect(lost(id)).toHaveLength(3);
    expect((await accreditations(id)).items[0]).toMatchObject({ granted: false });
  });

  it('a rules change re-evaluates the partners: a stricter rule loses the accreditation', async () => {
    const { id, users } = await partnerWith(['partner-sales', 'partner-sales']);
    await pass(examA.id, users[0]!);
    await pass(examA.id, users[1]!);
    await pass(examB.id, users[0]!);
    await stack.drain();
    expect(granted(id)).toHaveLength(1);
    const admin = await vendor();
    const rules = (await admin('GET', '/programme/accreditation-rules')).body;
    const stricter = { ...rules.items[0], requirements: [{ certification: examA.certification.key, min: 3, role: 'partner-sales' }] };
    const put = await admin('PUT', '/programme/accreditation-rules', { headers: { 'if-match': rulesEtag }, body: { items: [stricter] } });
    expect(put.status, put.text).toBe(200);
    await stack.drain();
    expect(lost(id)).toHaveLength(1);
    expect((await accreditations(id)).items[0].missing).toEqual([`1 more partner-sales user with ${examA.certification.key}`]);
    const back = await admin('PUT', '/programme/accreditation-rules', { headers: { 'if-match': put.headers.get('etag')! }, body: { items: rules.items } });
    expect(back.status).toBe(200);
    await stack.drain();
    expect(granted(id)).toHaveLength(2);
  });

  it('moves time: reminders 60 and 30 days before expiry, at risk within 30 days, renewal from the current expiry, expiry and loss on the day', async () => {
    const { id, users } = await partnerWith(['partner-sales', 'partner-sales']);
    const [s1, s2] = users as [User, User];
    const certA1 = (await pass(examA.id, s1)).result.certificationId as string;
    await pass(examA.id, s2);
    const certB = (await pass(examB.id, s1)).result.certificationId as string;
    await stack.drain();
    expect(granted(id)).toHaveLength(1);
    const certs = (await (await vendor())('GET', `/certifications?partnerId=${id}`)).body.items as { id: string; expiresAt: string }[];
    expect(certs).toHaveLength(3);
    const expiresAt = Date.parse(certs.find((c) => c.id === certA1)!.expiresAt);
    expect(new Date(expiresAt).toISOString()).toBe(new Date(Date.UTC(2033, 0, 6)).toISOString());
    const expiring = (days: number) =>
      published(
        'CertificationExpiring',
        (d: { daysBefore: number; certification: { partnerId: string } }) => d.daysBefore === days && d.certification.partnerId === id,
      );
    const atRisk = () => published('AccreditationAtRisk', (d: { partnerId: string }) => d.partnerId === id);

    now = expiresAt - 61 * DAY;
    await stack.drain();
    expect(expiring(60)).toHaveLength(0);
    now = expiresAt - 60 * DAY;
    await stack.drain();
    expect(expiring(60)).toHaveLength(3);
    expect(atRisk()).toHaveLength(0);
    now = expiresAt - 59 * DAY;
    await stack.drain();
    expect(expiring(60)).toHaveLength(3);

    now = expiresAt - 30 * DAY;
    await stack.drain();
    expect(expiring(30)).toHaveLength(3);
    expect(atRisk()).toHaveLength(1);
    const risk = (atRisk()[0]!.detail.data as { atRisk: { at: string; certificationId: string } }).atRisk;
    expect(Date.parse(risk.at)).toBe(expiresAt);
    expect(certs.map((c) => c.id)).toContain(risk.certificationId);

    // s1 renews exam B 30 days early: the new expiry runs from the current one, not from today.
    const renewed = await pass(examB.id, s1);
    expect(renewed.result.certificationId).toBe(certB);
    await stack.drain();
    const renewal = published('CertificationRenewed', (d: { certification: { id: string } }) => d.certification.id === certB);
    expect(renewal).toHaveLength(1);
    expect((renewal[0]!.detail.data as { certification: { expiresAt: string } }).certification.expiresAt).toBe(new Date(Date.UTC(2035, 0, 6)).toISOString());

    now = expiresAt - 1;
    await stack.drain();
    expect(published('CertificationExpired', (d: { certification: { partnerId: string } }) => d.certification.partnerId === id)).toHaveLength(0);
    now = expiresAt;
    await stack.drain();
    const expired = published('CertificationExpired', (d: { certification: { partnerId: string } }) => d.certification.partnerId === id);
    expect(expired.map((e) => (e.detail.data as { certification: { key: string } }).certification.key)).toEqual([
      examA.certification.key,
      examA.certification.key,
    ]);
    expect(lost(id)).toHaveLength(1);
    const listed = (await (await vendor())('GET', `/certifications?partnerId=${id}`)).body.items as { id: string; status: string }[];
    expect(listed.find((c) => c.id === certA1)!.status).toBe('expired');
    expect(listed.find((c) => c.id === certB)!.status).toBe('active');
    // Passing again after expiry renews from today.
    const again = await pass(examA.id, s1);
    expect(again.result.certificationId).toBe(certA1);
    await stack.drain();
    const fromToday = published('CertificationRenewed', (d: { certification: { id: string } }) => d.certification.id === certA1);
    expect((fromToday[0]!.detail.data as { certification: { expiresAt: string } }).certification.expiresAt).toBe(new Date(Date.UTC(2035, 0, 6)).toISOString());
  }, 120_000); // many sweeps and drains on one clock: slow under a full parallel run, not a timed assertion
});
