import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchChild } from './child.ts';
import { BENCH_PRODUCT_LINES, BENCH_TIERS, partnerBody } from './latency.ts';
import { type HttpAnswer, httpClient, runLoad } from './load.ts';
import { applicationBody } from './onboarding.ts';
import type { SoakChildMessage, SoakChildReply, SoakMemory } from './soak-child.ts';

const SOAK_CHILD = join(fileURLToPath(import.meta.url), '../soak-child.ts');
const MIB = 1024 * 1024;

export interface SoakPlan {
  requests: number;
  sampleEvery: number;
  concurrency: number;
  /** Partners created before the first sample (GET and PATCH targets); 8 of them get a partner admin. */
  seedPartners: number;
  budgetMs: number;
  /** "Levels off" if the last half's slope is below this, MiB per 1,000 requests. */
  maxSlopeMiBPer1000: number;
}

export interface SoakSample extends SoakMemory {
  requests: number;
  /** Answers by status since the previous sample. */
  statuses: Record<string, number>;
}

export interface SoakResult {
  samples: SoakSample[];
  /** Least-squares slope of RSS and heapUsed over the last half of the samples, MiB per 1,000 requests. */
  rssSlope: number;
  heapSlope: number;
  levelsOff: boolean;
  /** Answers that were not what the request expects (e.g. a 500, or a 201 for an invalid body). */
  unexpected: string[];
  truncated: boolean;
  seconds: number;
}

/** MiB per 1,000 requests: the least-squares slope of `y` (bytes) against `x` (requests). */
export function slopePer1000(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return (sxy / sxx) * (1000 / MIB);
}

type Step = (i: number) => Promise<{ answer: HttpAnswer; expect: number }>;

/**
 * The soak part: a local stack alone in a child process (soak-child.ts, --expose-gc), `requests`
 * mixed requests from here at `concurrency` in flight, and the child's memory after a full GC
 * every `sampleEvery` requests (the load pauses while it is read).
 */
export async function soak(plan: SoakPlan, log: (line: string) => void): Promise<SoakResult> {
  const started = performance.now();
  const deadline = started + plan.budgetMs;
  const child = new BenchChild<SoakChildMessage, SoakChildReply>(SOAK_CHILD, process.env, ['--expose-gc']);
  try {
    const { url } = (await child.ask({ type: 'start' }, 120_000)) as Extract<SoakChildReply, { type: 'started' }>;
    const token = async (request: Extract<SoakChildMessage, { type: 'token' }>['request']) =>
      ((await child.ask({ type: 'token', request }, 10_000)) as Extract<SoakChildReply, { type: 'token' }>).token;
    const memory = async () => ((await child.ask({ type: 'memory' }, 30_000)) as Extract<SoakChildReply, { type: 'memory' }>).memory;
    const client = httpClient(url, plan.concurrency);
    const vendor = await token({ sub: 'soak-vendor-admin', roles: ['vendor-admin'] });
    const headers = (t = vendor) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json', accept: 'application/json' });
    const must = async (method: string, path: string, body: unknown, status: number, extra: Record<string, string> = {}) => {
      const res = await client.request(method, path, { ...headers(), ...extra }, body === undefined ? undefined : JSON.stringify(body));
      if (res.status !== status) throw new Error(`soak setup ${method} ${path}: ${res.status} ${res.body.slice(0, 200)}`);
      return JSON.parse(res.body) as { id: string; version: number };
    };
    for (const [path, keys, etag] of [
      ['/programme/tiers', BENCH_TIERS, '"tiers.v0"'],
      ['/programme/product-lines', BENCH_PRODUCT_LINES, '"product-lines.v0"'],
    ] as const)
      await must('PUT', path, { items: keys.map((key) => ({ key, name: key })) }, 200, { 'if-match': etag });

    // Partners to read and update: each is PATCHed by one request at a time (taken from the pool while in flight).
    const versions = new Map<string, number>();
    for (let i = 0; i < plan.seedPartners; i++) {
      const p = await must('POST', '/partners', partnerBody(), 201);
      versions.set(p.id, p.version);
    }
    const ids = [...versions.keys()];
    const admins: { partnerId: string; token: string }[] = [];
    for (const [i, partnerId] of ids.slice(0, 8).entries()) {
      const body = { email: `soak${i}-${randomUUID().slice(0, 6)}@bench.example`, givenName: 'Soak', familyName: `Admin ${i}`, roles: ['partner-admin'] };
      const user = await must('POST', `/partners/${partnerId}/users`, body, 201);
      admins.push({ partnerId, token: await token({ sub: `soak-partner-admin-${i}`, roles: ['partner-admin'], partnerId, userId: user.id }) });
    }
    const idle = [...ids];
    const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;

    const steps: Step[] = [
      async (i) => ({ answer: await client.request('GET', `/partners?limit=${10 + (i % 40)}`, headers()), expect: 200 }),
      async (i) => ({ answer: await client.request('GET', `/partners/${pick(ids, i)}`, headers()), expect: 200 }),
      async (i) => {
        const a = pick(admins, i);
        return { answer: await client.request('GET', `/partners/${a.partnerId}`, headers(a.token)), expect: 200 };
      },
      async () => ({ answer: await client.request('POST', '/partners', headers(), JSON.stringify(partnerBody())), expect: 201 }),
      async (i) => {
        const id = idle.shift();
        if (!id) return { answer: await client.request('GET', '/me', headers()), expect: 200 };
        try {
          const body = JSON.stringify({ leadCapacity: 1 + (i % 100) });
          const answer = await client.request('PATCH', `/partners/${id}`, { ...headers(), 'if-match': `"${id}.v${versions.get(id)}"` }, body);
          if (answer.status === 200) versions.set(id, (JSON.parse(answer.body) as { version: number }).version);
          return { answer, expect: 200 };
        } finally {
          idle.push(id);
        }
      },
      async () => ({
        answer: await client.request(
          'POST',
          '/applications',
          { 'content-type': 'application/json', accept: 'application/json' },
          JSON.stringify(applicationBody()),
        ),
        expect: 202,
      }),
      async (i) => ({ answer: await client.request('GET', '/me', headers(i % 2 ? pick(admins, i).token : vendor)), expect: 200 }),
      // Error cases: an unknown partner, an invalid body, a malformed id, no token.
      async () => ({ answer: await client.request('GET', `/partners/${'0'.repeat(26)}`, headers()), expect: 404 }),
      async () => ({ answer: await client.request('POST', '/partners', headers(), JSON.stringify({ legalName: '', country: 'XX' })), expect: 400 }),
      async (i) =>
        i % 2
          ? { answer: await client.request('PATCH', `/partners/${pick(ids, i)}`, { ...headers(), 'if-match': '"x"' }, '{not json'), expect: 400 }
          : { answer: await client.request('GET', '/partners', { accept: 'application/json' }), expect: 401 },
    ];

    const unexpected: string[] = [];
    const samples: SoakSample[] = [{ requests: 0, statuses: {}, ...(await memory()) }];
    log(`soak: start ${fmtMiB(samples[0]!.rss)} MiB RSS, ${fmtMiB(samples[0]!.heapUsed)} MiB heap (gc: ${samples[0]!.gc})`);
    let done = 0;
    let truncated = false;
    while (done < plan.requests) {
      const statuses: Record<string, number> = {};
      const count = Math.min(plan.sampleEvery, plan.requests - done);
      const base = done;
      const run = await runLoad({
        concurrency: plan.concurrency,
        count,
        maxMs: Math.max(0, deadline - performance.now()),
        op: async (k) => {
          const i = base + k;
          const step = steps[i % steps.length]!;
          const { answer, expect } = await step(Math.floor(i / steps.length));
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          if (answer.status !== expect && unexpected.length < 20)
            unexpected.push(`step ${i % steps.length}: ${answer.status} (expected ${expect}) ${answer.body.slice(0, 160)}`);
        },
      });
      const ran = run.samples.length + run.errors;
      done += ran;
      if (run.errors && unexpected.length < 20) unexpected.push(`${run.errors} requests failed: ${run.firstError ?? ''}`);
      const sample = { requests: done, statuses, ...(await memory()) };
      samples.push(sample);
      log(`soak: ${done} requests, ${fmtMiB(sample.rss)} MiB RSS, ${fmtMiB(sample.heapUsed)} MiB heap, ${sample.busPublished} bus events kept`);
      if (run.truncated || ran < count) {
        truncated = true;
        break;
      }
    }
    const half = samples.filter((s) => s.requests >= done / 2);
    const rssSlope = slopePer1000(half.map((s) => ({ x: s.requests, y: s.rss })));
    const heapSlope = slopePer1000(half.map((s) => ({ x: s.requests, y: s.heapUsed })));
    client.close();
    return {
      samples,
      rssSlope,
      heapSlope,
      levelsOff: rssSlope < plan.maxSlopeMiBPer1000 && heapSlope < plan.maxSlopeMiBPer1000,
      unexpected,
      truncated,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    child.stop();
  }
}

export const fmtMiB = (bytes: number) => (bytes / MIB).toFixed(1);
