import { randomUUID } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { SYSTEM_ACTOR, makeEvent, newId } from '@channelbase/core';
import {
  type AccreditationRule,
  type Certification,
  CertificationIssued,
  ExamPassed,
  type StoredAttempt,
  certify,
  drawQuestions,
  evaluateAccreditations,
  gradeAttempt,
  optionLabel,
  pickSlot,
  readAnswers,
  seededRandom,
  seenQuestions,
  slotsInUse,
  startAttempt,
} from '@channelbase/core/training';
import { commit, dynamo, runtimeClock as clock, tableName } from '@channelbase/platform';
import type { LocalStack } from '@channelbase/local';
import { readAccess } from '../../functions/partners/index.ts';
import { currentAccreditations } from '../../functions/training/index.ts';
import {
  findCertification,
  getAttempt,
  getExam,
  holderFromToken,
  putCertification,
  putGradedAttempt,
  putHolder,
  putNewAttempt,
  readAttempts,
  readPartnerFacts,
  takeSlot,
} from '../../functions/training/repository.ts';
import { type HttpClient, type LatencySummary, type LoadResult, httpClient, runLoad, summarise } from './load.ts';
import { median } from './stats.ts';

/**
 * Part 8 of the benchmark, the training context: starting and submitting an exam attempt through
 * the local HTTP API against the DynamoDB calls the handler makes (the same repository functions
 * and use cases, called directly: the status gate's read, the exam, the candidate's attempt
 * partition, the transaction), at 16 concurrent connections; and a partner's accreditation
 * evaluation (one Query of its training partition, the rules, the evaluation) with 500 users and
 * 2,000 certifications, and with ten times that.
 */

export interface TrainingPlan {
  concurrency: number;
  /** Measured requests per operation and layer. */
  requests: number;
  rounds: number;
  warmup: number;
  budgetMs: number;
  users: number;
  certifications: number;
  scale: number;
  evaluations: number;
}

export interface TrainingResult {
  start: { api: LatencySummary; direct: LatencySummary; ratioP50: number; ratioP99: number };
  submit: { api: LatencySummary; direct: LatencySummary; ratioP50: number; ratioP99: number };
  evaluation: {
    sizes: { users: number; certifications: number; readAndEvaluateMs: number; evaluateOnlyMs: number; items: number }[];
    ratio: number;
    evaluateOnlyRatio: number;
  };
}

/** Attempts one user may start per exam in the bench (the exams allow 20 a day). */
const PER_USER = 18;

function examInput(tag: string) {
  return {
    title: `Bench exam ${tag}`,
    productLine: 'networking',
    questions: Array.from({ length: 20 }, (_, i) => ({
      id: `q${i + 1}`,
      topic: `topic-${i % 4}`,
      text: `Question ${i + 1}?`,
      kind: i % 3 === 2 ? 'multiple' : 'single',
      options: [
        { id: `q${i + 1}-a`, text: `Right ${i + 1}` },
        { id: `q${i + 1}-b`, text: `Wrong ${i + 1}` },
        { id: `q${i + 1}-c`, text: `Other ${i + 1}` },
        { id: `q${i + 1}-d`, text: `None ${i + 1}` },
      ],
      correct: [`q${i + 1}-a`],
    })),
    questionsPerAttempt: 10,
    passMarkPercent: 70,
    timeLimitMinutes: 60,
    attempts: { max: 20, periodDays: 1 },
    certification: { key: `bench-${tag}`, name: 'Bench certification' },
  };
}

/** Right answers to a stored draw, as the candidate labels them. */
const rightAnswers = (a: StoredAttempt) => ({
  answers: a.draw.map((d) => ({ questionId: d.question.id, options: d.question.correct.map((c) => optionLabel(d.optionOrder.indexOf(c))) })),
});

export async function measureTraining(stack: LocalStack, plan: TrainingPlan, progress: (line: string) => void): Promise<TrainingResult> {
  const vendorToken = await stack.token({ sub: 'bench-training-admin', roles: ['vendor-admin'] });
  const client: HttpClient = httpClient(stack.url, plan.concurrency);
  const vendor = { authorization: `Bearer ${vendorToken}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown, headers: Record<string, string> = vendor) => {
    const res = await client.request('POST', path, headers, JSON.stringify(body));
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  };
  try {
    // ---- setup: a partner, users, and one exam per operation and layer (their attempt limits never meet)
    const partner = await post('/partners', {
      legalName: `Bench Training ${randomUUID().slice(0, 6)} Ltd`,
      webDomain: `bench-training-${randomUUID().slice(0, 6)}.example`,
      country: 'GB',
      type: 'reseller',
    });
    const partnerId = partner.id as string;
    // Enough users that none has two requests in flight at once, nor meets the exams' limit.
    const needed = Math.max(2 * plan.concurrency, Math.ceil((plan.requests + plan.warmup) / PER_USER) + 1);
    progress(`training: ${needed} partner users and 4 exams`);
    const users: { id: string; headers: Record<string, string> }[] = [];
    for (let i = 0; i < needed; i++) {
      const user = await post(`/partners/${partnerId}/users`, {
        email: `bench-${i}-${randomUUID().slice(0, 6)}@example.com`,
        givenName: 'B',
        familyName: `${i}`,
        roles: ['partner-sales'],
      });
      const token = await stack.token({ sub: user.id as string, userId: user.id as string, roles: ['partner-sales'], partnerId });
      users.push({ id: user.id as string, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    }
    const exams = {
      apiStart: (await post('/exams', examInput('api-start'))).id as string,
      directStart: (await post('/exams', examInput('direct-start'))).id as string,
      apiSubmit: (await post('/exams', examInput('api-submit'))).id as string,
      directSubmit: (await post('/exams', examInput('direct-submit'))).id as string,
    };
    const random = seededRandom(1);
    const userOf = (i: number) => users[i % users.length]!;

    // ---- the direct calls a start makes, in the handler's order
    const directStart = async (examId: string, user: { id: string }) => {
      await readAccess(partnerId, user.id);
      const exam = await getExam(examId);
      const now = clock.now();
      const { attempts, slots } = await readAttempts(exam.id, user.id);
      const place = pickSlot(slots, exam, now, random);
      if ('retryAt' in place) throw new Error('attempt limit reached in the bench');
      const attempt = startAttempt(exam, { partnerId, userId: user.id }, drawQuestions(exam, seenQuestions(attempts), random), place.slot, clock);
      const freeBefore = new Date(now.getTime() - exam.attempts.periodDays * 86_400_000);
      await commit([putNewAttempt(attempt), takeSlot(exam.id, user.id, place.slot, attempt.id, attempt.startedAt, freeBefore, () => new Error('slot taken'))]);
      return attempt;
    };
    // ---- the direct calls a passing submission makes, in the handler's order
    const directSubmit = async (examId: string, user: { id: string }, attemptId: string) => {
      await readAccess(partnerId, user.id);
      const exam = await getExam(examId);
      const attempt = await getAttempt(exam.id, user.id, attemptId);
      const chosen = readAnswers(attempt, new Set(exam.questions.map((q) => q.id)), rightAnswers(attempt));
      const { slots } = await readAttempts(exam.id, user.id);
      const graded = gradeAttempt(attempt, exam, chosen, clock.now(), exam.attempts.max - slotsInUse(slots, exam, clock.now()).length);
      const candidate = { partnerId, userId: user.id };
      const existing = await findCertification(partnerId, user.id, exam.certification.key);
      const { certification } = certify(existing, exam, candidate, clock);
      const ctx = { actor: SYSTEM_ACTOR, clock, partnerId };
      const outcome = {
        attemptId,
        examId,
        ...candidate,
        scorePercent: 100,
        passMarkPercent: 70,
        late: false,
        topics: graded.result.topics,
        submittedAt: clock.now().toISOString(),
      };
      await commit(
        [
          putGradedAttempt(graded.attempt, attempt.version, () => new Error('graded meanwhile')),
          putCertification(certification, existing?.version),
          holderFromToken(partnerId, user.id, ['partner-sales']),
        ],
        [makeEvent(ExamPassed, outcome, ctx), makeEvent(CertificationIssued, { certification }, ctx)],
      );
    };

    const apiStart = async (examId: string, i: number) => {
      const res = await client.request('POST', `/exams/${examId}/attempts`, userOf(i).headers);
      if (res.status !== 201) throw new Error(`start: ${res.status} ${res.body}`);
    };

    // Warm both paths up (module loads, connections).
    progress('training: warm-up');
    const warm = Math.min(plan.warmup, users.length);
    for (let i = 0; i < warm; i++) {
      await apiStart(exams.apiStart, i);
      await directStart(exams.directStart, userOf(i));
    }

    const interleaved = async (api: (i: number) => Promise<void>, direct: (i: number) => Promise<void>) => {
      const runs: { api: LoadResult[]; direct: LoadResult[] } = { api: [], direct: [] };
      const per = Math.ceil(plan.requests / plan.rounds);
      const maxMs = plan.budgetMs / plan.rounds / 2;
      for (let round = 0; round < plan.rounds; round++) {
        const offset = warm + round * per;
        const both: [keyof typeof runs, (i: number) => Promise<void>][] = [
          ['api', api],
          ['direct', direct],
        ];
        for (const [layer, op] of round % 2 ? both.reverse() : both)
          runs[layer].push(await runLoad({ concurrency: plan.concurrency, count: per, maxMs, op: (i) => op(offset + i) }));
      }
      return { api: summarise(runs.api), direct: summarise(runs.direct) };
    };

    progress(`training: POST /exams/{id}/attempts, ${plan.requests} per layer at ${plan.concurrency} connections`);
    const start = await interleaved(
      (i) => apiStart(exams.apiStart, i),
      async (i) => void (await directStart(exams.directStart, userOf(i))),
    );

    // Attempts to submit, started beforehand (untimed) with the direct calls.
    progress('training: starting the attempts to submit');
    const total = warm + plan.requests;
    const toSubmit: Record<'api' | 'direct', StoredAttempt[]> = { api: [], direct: [] };
    const setup = await runLoad({
      concurrency: 8,
      count: total,
      maxMs: plan.budgetMs,
      op: async (i) => {
        toSubmit.api[i] = await directStart(exams.apiSubmit, userOf(i));
        toSubmit.direct[i] = await directStart(exams.directSubmit, userOf(i));
      },
    });
    if (setup.errors || setup.truncated) throw new Error(`starting the attempts to submit: ${setup.errors} errors ${setup.firstError ?? ''}`);
    const apiSubmit = async (i: number) => {
      const a = toSubmit.api[i]!;
      const res = await client.request('POST', `/exams/${exams.apiSubmit}/attempts/${a.id}/submit`, userOf(i).headers, JSON.stringify(rightAnswers(a)));
      if (res.status !== 200) throw new Error(`submit: ${res.status} ${res.body}`);
    };
    for (let i = 0; i < warm; i++) {
      await apiSubmit(i);
      await directSubmit(exams.directSubmit, userOf(i), toSubmit.direct[i]!.id);
    }
    progress(`training: POST …/submit, ${plan.requests} per layer at ${plan.concurrency} connections`);
    const submit = await interleaved(apiSubmit, (i) => directSubmit(exams.directSubmit, userOf(i), toSubmit.direct[i]!.id));

    // ---- accreditation evaluation at two sizes
    const rules: AccreditationRule[] = [
      {
        key: 'gold',
        name: 'Gold',
        productLine: 'networking',
        requirements: [
          { certification: 'cert-0', min: 50, role: 'partner-sales' },
          { certification: 'cert-1', min: 20 },
        ],
      },
      { key: 'silver', name: 'Silver', productLine: 'networking', requirements: [{ certification: 'cert-2', min: 10 }] },
      { key: 'security', name: 'Security', productLine: 'security', requirements: [{ certification: 'cert-3', min: 5, role: 'partner-sales' }] },
    ];
    const rulesPut = await client.request('GET', '/programme/accreditation-rules', vendor);
    const put = await client.request(
      'PUT',
      '/programme/accreditation-rules',
      { ...vendor, 'if-match': String(rulesPut.headers.etag) },
      JSON.stringify({ items: rules }),
    );
    if (put.status !== 200) throw new Error(`rules: ${put.status} ${put.body}`);
    const sizes: TrainingResult['evaluation']['sizes'] = [];
    for (const factor of [1, plan.scale]) {
      const nUsers = plan.users * factor;
      const nCerts = plan.certifications * factor;
      const id = newId('partner');
      progress(`training: seeding a partner with ${nUsers.toLocaleString('en')} users and ${nCerts.toLocaleString('en')} certifications`);
      await seedPartner(id, nUsers, nCerts);
      const facts = await readPartnerFacts(id);
      if (facts.certifications.length !== nCerts || facts.holders.size !== nUsers)
        throw new Error(`seeded ${facts.certifications.length} / ${facts.holders.size}`);
      const times: number[] = [];
      const pure: number[] = [];
      let items = 0;
      for (let i = 0; i < plan.evaluations; i++) {
        const t0 = performance.now();
        items = (await currentAccreditations(id)).items.length;
        times.push(performance.now() - t0);
        const t1 = performance.now();
        evaluateAccreditations(rules, { certifications: facts.certifications, holders: facts.holders, terminated: false }, [], clock.now());
        pure.push(performance.now() - t1);
      }
      sizes.push({ users: nUsers, certifications: nCerts, readAndEvaluateMs: median(times), evaluateOnlyMs: median(pure), items });
    }
    return {
      start: { ...start, ratioP50: start.api.p50 / start.direct.p50, ratioP99: start.api.p99 / start.direct.p99 },
      submit: { ...submit, ratioP50: submit.api.p50 / submit.direct.p50, ratioP99: submit.api.p99 / submit.direct.p99 },
      evaluation: {
        sizes,
        ratio: sizes[1]!.readAndEvaluateMs / sizes[0]!.readAndEvaluateMs,
        evaluateOnlyRatio: sizes[1]!.evaluateOnlyMs / sizes[0]!.evaluateOnlyMs,
      },
    };
  } finally {
    client.close();
  }
}

/** Writes a partner's holders and certifications straight into the table (25 items a batch, 8 batches at a time). */
async function seedPartner(partnerId: string, users: number, certifications: number): Promise<void> {
  const now = clock.now();
  const items: Record<string, unknown>[] = [];
  for (let u = 0; u < users; u++) {
    items.push(
      putHolder(partnerId, { userId: `usr_bench${u}`, roles: [u % 3 ? 'partner-sales' : 'partner-user'], status: u % 50 ? 'active' : 'disabled', version: 1 })
        .item.Put!.Item!,
    );
  }
  const perUser = Math.ceil(certifications / users);
  for (let c = 0; c < certifications; c++) {
    const u = c % users;
    const key = `cert-${Math.floor(c / users) % perUser}`;
    const base = certify(
      undefined,
      { id: 'exm_01JD40B1C2D3E4F5G6H7J8K9M0', productLine: 'networking', certification: { key, name: key, validityMonths: 24 } },
      { partnerId, userId: `usr_bench${u}` },
      clock,
    ).certification;
    const cert: Certification = { ...base, expiresAt: new Date(now.getTime() + ((c * 7919) % 730) * 86_400_000).toISOString() };
    items.push(putCertification(cert).item.Put!.Item!);
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending: Record<string, unknown>[] = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const res = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
        pending = (res.UnprocessedItems?.[tableName()] as Record<string, unknown>[] | undefined) ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
