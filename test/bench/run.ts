// The local runtime first: it sets the Powertools defaults before any handler module loads.
import { type LocalStack, REPO_ROOT, startLocalStack } from '@channelbase/local';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { rawDynamo } from '@channelbase/platform';
import { contexts } from '../../functions/contexts.ts';
import { CapacityMeter } from './capacity/index.ts';
import { type ComponentCosts, componentCosts } from './components.ts';
import { BUNDLE_TARGETS, type BundleResult, benchBundles, lambdaEntries } from './bundles.ts';
import { type OpCost, PRICE_REGION, USD_PER_MILLION_READ_REQUEST_UNITS, USD_PER_MILLION_WRITE_REQUEST_UNITS, measureCosts } from './costs.ts';
import { ASYNC_HOOKS, type Layer, LAYERS, LAYER_NAMES, type LatencyPlan, LatencyBench, OPS, type OpLatency, PROFILED, type ProfileSummary } from './latency.ts';
import {
  type DuplicatePlan,
  type DuplicateResult,
  type LiftedThrottle,
  SUBMIT_LAYERS,
  SUBMIT_LAYER_NAMES,
  SUBMIT_OPERATION,
  type CallShape,
  type SubmissionPlan,
  type SubmissionResult,
  SubmissionBench,
  type SubmitLayer,
  liftThrottle,
  measureDuplicateCheck,
  throttleAdmitUs,
} from './onboarding.ts';
import { type SoakPlan, type SoakResult, fmtMiB, soak } from './soak.ts';
import { type DealsPlan, type DealsResult, benchDeals } from './deals.ts';
import type { LatencySummary } from './load.ts';
import { type TrainingPlan, type TrainingResult, measureTraining } from './training.ts';
import { type LeadsPlan, type LeadsSize, measureLeads } from './leads.ts';
import { INCENTIVES_TARGET, type IncentivesPlan, type IncentivesSize, measureIncentives } from './incentives.ts';
import { fmt, median, round, table, withTimeout } from './stats.ts';

/**
 * `npm run bench`: local API latency against direct DynamoDB calls, Lambda bundle size and cold
 * initialisation against a reference, DynamoDB capacity per API operation, the application
 * submission against its DynamoDB calls, and the duplicate check with 1,000 and 100,000 partners.
 * One run, bounded in requests and time; prints a report and writes bench/results/latest.json.
 * `npm run bench -- <part>...` runs only the named parts (see PARTS).
 */

const STARTED = performance.now();

/** The parts of the run, in the order they run, and the names that select them on the command line. */
const PARTS = ['bundles', 'latency', 'costs', 'submission', 'duplicates', 'deals', 'training', 'soak', 'leads', 'incentives'] as const;
type Part = (typeof PARTS)[number];
const ALIASES: Record<string, readonly Part[]> = { onboarding: ['submission', 'duplicates'], all: PARTS };

function selectParts(args: readonly string[]): ReadonlySet<Part> {
  if (args.length === 0) return new Set(PARTS);
  const chosen = new Set<Part>();
  for (const arg of args) {
    const parts = ALIASES[arg] ?? (PARTS.includes(arg as Part) ? [arg as Part] : undefined);
    if (!parts) {
      console.error(`bench: unknown part '${arg}'; choose from ${[...PARTS, ...Object.keys(ALIASES)].join(', ')} (none: all)`);
      process.exit(2);
    }
    for (const p of parts) chosen.add(p);
  }
  return chosen;
}
const SELECTED = selectParts(process.argv.slice(2));
const has = (part: Part) => SELECTED.has(part);

/** BENCH_QUICK=1 runs a smaller plan, to check the bench itself; its numbers are not the report. */
const QUICK = process.env.BENCH_QUICK === '1';
const PLAN: LatencyPlan = {
  concurrency: 16,
  requests: QUICK ? 200 : 2000,
  rounds: QUICK ? 4 : 8,
  warmup: QUICK ? 50 : 300,
  sequential: QUICK ? 20 : 100,
  profiled: QUICK ? 100 : 400,
  budgetMsPerOp: QUICK ? 20_000 : 45_000,
  maxMsPerAuxRun: 4_000,
};
/** Time budget of part 2 (builds and cold starts); fewer than COLD_STARTS rounds if it runs out. */
const BUNDLE_BUDGET_MS = QUICK ? 40_000 : 95_000;
const SEED_PARTNERS = QUICK ? 60 : 300;
const COLD_STARTS = QUICK ? 3 : 21;
const COST_SAMPLES = QUICK ? 2 : 5;

const SUBMISSION_PLAN: SubmissionPlan = {
  concurrency: 16,
  requests: QUICK ? 200 : 2000,
  rounds: QUICK ? 4 : 8,
  warmup: QUICK ? 50 : 300,
  sequential: QUICK ? 20 : 100,
  budgetMs: QUICK ? 30_000 : 150_000,
  maxMsPerAuxRun: QUICK ? 8_000 : 15_000,
};
const DUPLICATE_PLAN: DuplicatePlan = {
  small: QUICK ? 200 : 1000,
  large: QUICK ? 5000 : 100_000,
  concurrency: 16,
  requests: QUICK ? 400 : 2000,
  rounds: QUICK ? 4 : 8,
  warmup: QUICK ? 100 : 300,
  sequential: QUICK ? 40 : 200,
  capacitySamples: 5,
  seedConcurrency: 12,
  seedBudgetMs: QUICK ? 60_000 : 360_000,
  maxMsPerRun: 10_000,
};

const DEALS_PLAN: DealsPlan = {
  concurrency: 16,
  requests: QUICK ? 200 : 800,
  rounds: QUICK ? 2 : 4,
  warmup: QUICK ? 30 : 100,
  small: QUICK ? 1000 : 10_000,
  large: QUICK ? 5000 : 100_000,
  checks: QUICK ? 200 : 1000,
  seedConcurrency: 12,
  seedBudgetMs: QUICK ? 60_000 : 420_000,
  maxMsPerRun: QUICK ? 10_000 : 20_000,
};
/** Target of part 7: the conflict check's p50 with the large index ≤ 1.5 × its p50 with the small one. */
const DEALS_TARGET = { maxRatio: 1.5 } as const;
const TRAINING_PLAN: TrainingPlan = {
  concurrency: 16,
  requests: QUICK ? 200 : 1000,
  rounds: QUICK ? 2 : 4,
  warmup: QUICK ? 20 : 100,
  budgetMs: QUICK ? 30_000 : 120_000,
  users: 500,
  certifications: 2000,
  scale: 10,
  evaluations: QUICK ? 3 : 15,
};

const SOAK_PLAN: SoakPlan = {
  requests: QUICK ? 2000 : 20_000,
  sampleEvery: QUICK ? 200 : 1000,
  concurrency: 8,
  seedPartners: 40,
  budgetMs: QUICK ? 60_000 : 420_000,
  maxSlopeMiBPer1000: 1,
};

/** Part 7: routing one lead with 1,000, 10,000 and 100,000 partners (seeding 100,000 by batch writes takes most of it). */
const LEADS_PLAN: LeadsPlan = {
  // BENCH_LEADS_SIZES=1000,10000 runs fewer sizes (seeding 100,000 partners takes most of the part).
  sizes: process.env.BENCH_LEADS_SIZES ? process.env.BENCH_LEADS_SIZES.split(',').map(Number) : QUICK ? [1_000, 2_000] : [1_000, 10_000, 100_000],
  childTimeoutMs: QUICK ? 300_000 : 2_400_000,
};
/**
 * Part 10: accruing won deals and settling their period. BENCH_INCENTIVES_SIZES=deals/partners,...
 * picks the sizes (default 2,000 deals across 100 partners, then 20,000 across 1,000).
 */
const INCENTIVES_PLAN: IncentivesPlan = {
  sizes: (process.env.BENCH_INCENTIVES_SIZES ?? (QUICK ? '300/30,1000/100' : '2000/100,20000/1000')).split(',').map((s) => {
    const [deals, partners] = s.split('/').map(Number);
    return [deals!, partners!] as const;
  }),
  // The deployed consumer's default: 5 concurrent invocations (consumerConcurrency), each an SQS batch of 10.
  concurrency: 5,
  childTimeoutMs: QUICK ? 300_000 : 2_400_000,
};

/** Target of part 7: routing p50 with the largest table ≤ 1.5 × with the smallest. */
const LEADS_TARGET = { maxRatio: 1.5 } as const;

/** Target of parts 1 and 4: API p50 ≤ 1.5 × direct p50 + 2 ms. */
const LATENCY_TARGET = { factor: 1.5, plusMs: 2 } as const;
/** Target of part 5: the duplicate check's p50 with the large table ≤ 1.5 × its p50 with the small one. */
const DUPLICATE_TARGET = { maxRatio: 1.5 } as const;

/**
 * The whole run stops by itself after this long, whatever happens: the sum of the selected
 * parts' limits (each part's budgets plus its warm-ups, start-ups and margins).
 */
const PART_LIMIT_MS: Record<Part, number> = {
  bundles: 110_000,
  latency: 250_000,
  costs: 30_000,
  submission: 60_000 + SUBMISSION_PLAN.budgetMs,
  duplicates: 150_000 + DUPLICATE_PLAN.seedBudgetMs,
  deals: 150_000 + DEALS_PLAN.seedBudgetMs + 2 * DEALS_PLAN.rounds * DEALS_PLAN.maxMsPerRun * 2,
  // Set-up (users, exams, attempts to submit), two timed operations, seeding 27,500 items, evaluations.
  training: 240_000 + 2 * TRAINING_PLAN.budgetMs,
  soak: 90_000 + SOAK_PLAN.budgetMs,
  leads: 60_000 + LEADS_PLAN.sizes.length * LEADS_PLAN.childTimeoutMs,
  incentives: 60_000 + INCENTIVES_PLAN.sizes.length * 2 * INCENTIVES_PLAN.childTimeoutMs,
};
const HARD_LIMIT_MS = 45_000 + PARTS.filter(has).reduce((n, p) => n + PART_LIMIT_MS[p], 0);

const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};
const progress = (line: string) => console.error(`[${((performance.now() - STARTED) / 1000).toFixed(0).padStart(3)} s] ${line.trim()}`);

let stack: LocalStack | undefined;
let bench: LatencyBench | undefined;
let submission: SubmissionBench | undefined;

/** Ends DynamoDB Local if this process still has it as a child (last resort on a hard stop). */
function killOwnJavaChildren(): void {
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === process.pid && stat.includes('(java)')) process.kill(Number(pid), 'SIGKILL');
    }
  } catch {
    /* not Linux, or the child is already gone */
  }
}
process.on('exit', killOwnJavaChildren);

const watchdog = setTimeout(() => {
  console.error(`bench: stopped after the hard limit of ${(HARD_LIMIT_MS / 60_000).toFixed(1)} min`);
  bench?.close();
  submission?.close();
  void withTimeout(stack?.stop() ?? Promise.resolve(), 5000, 'stack stop')
    .catch(() => undefined)
    .finally(() => process.exit(3));
}, HARD_LIMIT_MS);
watchdog.unref();

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------- report sections

type GateRead = Awaited<ReturnType<LatencyBench['gateRead']>>;

interface LatencyCheck {
  op: string;
  baseline: string;
  apiP50: number;
  directP50: number;
  limit: number;
  pass: boolean;
}

function latencySection(ops: OpLatency[], jwtUs: number, gate: GateRead | undefined): LatencyCheck[] {
  say(
    `1. Local API latency: ${PLAN.concurrency} connections, up to ${PLAN.requests} measured requests per op and layer (${PLAN.rounds} interleaved rounds, ${PLAN.budgetMsPerOp / 1000} s budget per op) after ${PLAN.warmup} warm-up; unloaded = ${PLAN.sequential} requests one at a time`,
  );
  const rows: (string | number)[][] = [['op', 'layer', 'requests', 'p50 ms', 'p90 ms', 'p99 ms', 'req/s', 'node CPU µs/req', 'unloaded p50 ms', 'errors']];
  for (const o of ops) {
    for (const layer of LAYERS) {
      const s = o.loaded[layer];
      const q = o.sequential[layer];
      rows.push([
        layer === LAYERS[0] ? o.op : '',
        LAYER_NAMES[layer],
        s.requests,
        fmt(s.p50),
        fmt(s.p90),
        fmt(s.p99),
        fmt(s.throughput, 0),
        fmt(s.cpuUsPerRequest, 0),
        fmt(q.p50),
        s.errors + q.errors,
      ]);
    }
  }
  say(table(rows));
  for (const o of ops) say(`  direct call of ${o.op}: ${o.direct}`);
  say('  bench process = this process, which has loaded the handlers and the local stack; clean process = a child loading only the AWS SDK');
  say();
  const checks: LatencyCheck[] = [];
  const ratioRows: (string | number)[][] = [['op', 'baseline', 'API/direct p50', 'API/direct p99', 'API p50 ms', 'limit = 1.5 × direct p50 + 2 ms', 'target']];
  for (const o of ops) {
    for (const base of ['direct', 'clean'] as Layer[]) {
      const d = o.loaded[base];
      const limit = LATENCY_TARGET.factor * d.p50 + LATENCY_TARGET.plusMs;
      const check = {
        op: o.op,
        baseline: LAYER_NAMES[base],
        apiP50: o.loaded.api.p50,
        directP50: d.p50,
        limit,
        pass: o.loaded.api.p50 <= limit && o.loaded.api.errors === 0,
      };
      checks.push(check);
      ratioRows.push([
        base === 'direct' ? o.op : '',
        LAYER_NAMES[base],
        `${fmt(o.loaded.api.p50 / d.p50)}×`,
        `${fmt(o.loaded.api.p99 / d.p99)}×`,
        fmt(check.apiP50),
        fmt(limit),
        check.pass ? 'PASS' : 'FAIL',
      ]);
    }
  }
  say(table(ratioRows));
  say(`  JWT verification alone (RS256, jose/WebCrypto, one at a time): ${fmt(jwtUs, 0)} µs median`);
  if (gate) {
    say(
      `  partner status gate's read alone (readAccess: one consistent BatchGetItem of partner + user, projected; bench process): unloaded p50 ${fmt(gate.unloadedP50Ms)} ms; ` +
        `${PLAN.concurrency} in flight p50 ${fmt(gate.loaded.p50)} ms, p99 ${fmt(gate.loaded.p99)} ms, ${fmt(gate.loaded.throughput, 0)} req/s (${gate.loaded.requests} requests, ${gate.loaded.errors} errors)`,
    );
  }
  const vendor = ops.find((o) => o.op === 'GET /partners/{id}');
  const partner = ops.find((o) => o.op === 'GET /partners/{id} (partner-admin)');
  if (vendor && partner) {
    const diff = (l: Layer) =>
      `${LAYER_NAMES[l]} ${fmt(partner.loaded[l].p50 - vendor.loaded[l].p50)} (unloaded ${fmt(partner.sequential[l].p50 - vendor.sequential[l].p50)})`;
    say(`  the gate's cost as partner-admin GET − vendor GET, p50 ms: ${LAYERS.map(diff).join('; ')}`);
  }
  for (const o of ops) {
    const errs = LAYERS.map((l) => o.loaded[l].firstError ?? o.sequential[l].firstError).filter(Boolean);
    if (errs.length) say(`  errors in ${o.op}: ${errs[0]}`);
    if (LAYERS.some((l) => o.loaded[l].truncated)) say(`  ${o.op}: a run hit its time limit; fewer requests were measured`);
  }
  return checks;
}

function profileSection(op: string, partial: Partial<Record<Layer, ProfileSummary>>): void {
  const prof = partial as Record<'direct' | 'handler' | 'api', ProfileSummary>;
  const groups = new Set<string>();
  for (const layer of PROFILED) for (const g of Object.keys(partial[layer]?.selfUsPerRequest ?? {})) groups.add(g);
  const total = (layer: 'direct' | 'handler' | 'api') => Object.values(prof[layer].selfUsPerRequest).reduce((a, b) => a + b, 0);
  const rows: (string | number)[][] = [['main-thread CPU µs per request (self time)', 'direct', 'handler', 'API', 'API − direct', 'API inclusive']];
  const sorted = [...groups].sort((a, b) => (prof.api.selfUsPerRequest[b] ?? 0) - (prof.api.selfUsPerRequest[a] ?? 0));
  for (const g of sorted.slice(0, 14)) {
    const d = prof.direct.selfUsPerRequest[g] ?? 0;
    const a = prof.api.selfUsPerRequest[g] ?? 0;
    rows.push([g, fmt(d, 0), fmt(prof.handler.selfUsPerRequest[g] ?? 0, 0), fmt(a, 0), fmt(a - d, 0), fmt(prof.api.inclusiveUsPerRequest[g] ?? 0, 0)]);
  }
  rows.push(['total (non-idle)', fmt(total('direct'), 0), fmt(total('handler'), 0), fmt(total('api'), 0), fmt(total('api') - total('direct'), 0), '']);
  say(`  Where the time goes, ${op}: CPU profile of this process (sampled every 250 µs) over ${prof.api.requests} requests per layer in 4 interleaved rounds`);
  say(table(rows, '    '));
  const builtins = Object.entries(prof.api.builtins)
    .slice(0, 6)
    .map(([k, v]) => `${k} ${fmt(v, 0)}`)
    .join(', ');
  say(`    busiest V8 builtins in the API run (µs/req): ${builtins}`);
  say(`    ${ASYNC_HOOKS}: registerDestroyHook and the hook callbacks; the hook also slows every await and adds GC work not counted here`);
}

function componentSection(c: ComponentCosts, ops: OpLatency[]): void {
  say('  The pieces alone (this process, one call at a time, median µs per call):');
  say(table([['piece', 'µs', 'per'], ...c.pieces.map((p) => [p.name, fmt(p.us, 0), p.per])], '    '));
  say(
    `    async hook tax: one await costs ${fmt(c.awaitUs.bench, 3)} µs here against ${fmt(c.awaitUs.clean, 3)} µs in a clean node process; ` +
      `a direct GetItem creates ${fmt(c.promisesPerRequest.directGet, 0)} promises, an API GET ${fmt(c.promisesPerRequest.apiGet, 0)} and an API POST ${fmt(c.promisesPerRequest.apiCreate, 0)} (client, gateway, handler, SDK)`,
  );
  say(
    `    → about ${fmt(c.hookTaxUs.get, 0)} µs of hook work per API GET and ${fmt(c.hookTaxUs.create, 0)} µs per API POST (promises × extra cost per await; an upper estimate)`,
  );
  for (const o of ops) {
    say(
      `    measured, ${o.op} direct call with the hook (bench process) against without (clean process): p50 ${fmt(o.loaded.direct.p50)} vs ${fmt(o.loaded.clean.p50)} ms, ` +
        `unloaded ${fmt(o.sequential.direct.p50)} vs ${fmt(o.sequential.clean.p50)} ms, CPU ${fmt(o.loaded.direct.cpuUsPerRequest, 0)} vs ${fmt(o.loaded.clean.cpuUsPerRequest, 0)} µs/req`,
    );
  }
}

function bundleSection(results: BundleResult[]): void {
  const runs = Math.min(...results.map((r) => r.runs));
  say(
    `2. Lambda bundles (infra/bundling.ts options) and cold initialisation: median of ${runs} fresh node processes per bundle${runs < COLD_STARTS ? ` (of ${COLD_STARTS} planned: time budget)` : ''}, time from process start to after the import; KB is what a cold start reads (the entry and its static chunks), all KB every chunk (code splitting: lazy imports are chunks read on first use)`,
  );
  const rows: (string | number)[][] = [
    [
      'bundle',
      'KB',
      'all KB',
      'gzip KB',
      'ref KB',
      'size ×',
      'init ms',
      'ref init ms',
      'init ×',
      'import-only ms (ref)',
      'schemas at load',
      `init ≤${BUNDLE_TARGETS.maxInitRatio}×`,
      `<${BUNDLE_TARGETS.maxKb} KB`,
    ],
  ];
  for (const r of results) {
    rows.push([
      r.name,
      fmt(r.kb, 1),
      fmt(r.totalKb, 1),
      fmt(r.gzipKb, 1),
      fmt(r.reference.kb, 1),
      `${fmt(r.sizeRatio)}×`,
      fmt(r.initMs, 0),
      fmt(r.reference.initMs, 0),
      `${fmt(r.initRatio)}×`,
      `${fmt(r.importMs, 0)} (${fmt(r.reference.importMs, 0)})`,
      String(r.schemasAtLoad),
      r.pass.init ? 'PASS' : 'FAIL',
      r.pass.under500 ? 'PASS' : 'FAIL',
    ]);
  }
  say(table(rows));
  const refs = new Map(results.map((r) => [r.reference.clients.join(' + ') || '(no SDK client)', r.reference.kb]));
  say(`  references: ${[...refs.entries()].map(([k, kb]) => `${k} ${fmt(kb, 0)} KB`).join('; ')} (DynamoDB = DynamoDBClient + DynamoDBDocumentClient)`);
  say(`  node start-up (process start to the wrapper's first line) is in every init figure: median ${fmt(results[0]?.nodeStartMs, 0)} ms`);
  const failing = results.filter((r) => !r.pass.init || !r.pass.under500);
  const shown = new Set<string>();
  for (const r of failing) {
    const key = r.overReference
      .map((c) => c.name)
      .slice(0, 5)
      .join(',');
    say(`  ${r.name}: what it carries beyond its reference (KB)${shown.has(key) ? ' - same as above' : ''}`);
    if (shown.has(key)) continue;
    shown.add(key);
    for (const c of r.overReference.slice(0, 6)) say(`    +${fmt(c.kb, 0).padStart(4)}  ${c.name}${c.via ? `   via ${c.via}` : ''}`);
    for (const n of r.notes) say(`    - ${n}`);
  }
}

function costSection(costs: OpCost[]): void {
  say(`3. DynamoDB capacity per API operation (computed by test/bench/capacity/; median of ${COST_SAMPLES} requests)`);
  const rows: (string | number)[][] = [['operation', 'RCU', 'WCU table', 'WCU GSI', 'min RCU', 'min WCU (table+GSI)', '$/M req', '$/M at min', 'Local says']];
  for (const c of costs) {
    rows.push([
      c.op,
      fmt(c.rcu, 1),
      fmt(c.wcu, 1),
      fmt(c.indexWcu, 1),
      fmt(c.minRcu, 1),
      `${fmt(c.minWcu, 0)}+${fmt(c.minIndexWcu, 0)}`,
      `$${fmt(c.usdPerMillion, 2)}`,
      `$${fmt(c.minUsdPerMillion, 2)}`,
      c.localReported !== undefined ? fmt(c.localReported, 1) : '–',
    ]);
  }
  say(table(rows));
  say(
    `  prices: $${USD_PER_MILLION_READ_REQUEST_UNITS} per million read request units, $${USD_PER_MILLION_WRITE_REQUEST_UNITS} per million write request units (${PRICE_REGION})`,
  );
  say('  min = the same item operations if every item fitted in one unit (≤ 4 KB read, ≤ 1 KB write); the replay minimum is one GetItem');
  say(
    "  Local says = DynamoDB Local's own ConsumedCapacity for the same calls, for reference only: its figures for transactions do not follow DynamoDB's published rules",
  );
  say('  item sizes (bytes → units):');
  for (const c of costs) {
    const parts = c.calls.flatMap((call) =>
      call.charges.filter((ch) => ch.kind !== 'index-write').map((ch) => `${ch.action.replace('TransactWriteItems.', 'tx ')} ${ch.bytes} B → ${ch.units}`),
    );
    const idx = c.calls.flatMap((call) => call.charges.filter((ch) => ch.kind === 'index-write'));
    say(
      `    ${c.op}: ${parts.join('; ')}${idx.length ? `; ${idx.length} index writes (${idx.map((i) => i.action).join(', ')}) ${idx.reduce((n, i) => n + i.units, 0)} WCU` : ''}`,
    );
  }
}

function throttleLine(lifted: LiftedThrottle | undefined, admitUs: number | undefined): string {
  if (!lifted) return `  throttle: the ${SUBMIT_OPERATION} route declares none, so there was nothing to lift`;
  const t = lifted.throttle;
  return (
    `  THROTTLE LIFTED for this run: the bench's local stack serves a copy of the onboarding wiring without the throttle of ${lifted.route} ` +
    `(declared: ${t.rateLimit} requests/s for the whole route, burst ${t.burstLimit}, ${t.perSourcePerMinute} per source address a minute). ` +
    `Through it, one address gets 429 after ${t.perSourcePerMinute} requests, and many loopback addresses would still share the route's bucket ` +
    `(${SUBMISSION_PLAN.requests} requests ≥ ${Math.ceil(SUBMISSION_PLAN.requests / t.rateLimit)} s): the bench would time the limiter. ` +
    `Its own work, measured alone: ${fmt(admitUs, 2)} µs per admitted request (RouteThrottle.admit, the route bucket; the per-source counter is a conditional UpdateItem, see the costs part).`
  );
}

const callLine = (c: CallShape) => {
  if (c.actions.length === 0) return c.command;
  const counts = new Map<string, number>();
  for (const a of c.actions) counts.set(a, (counts.get(a) ?? 0) + 1);
  return `${c.command} [${[...counts.entries()].map(([a, n]) => (n > 1 ? `${a} ×${n}` : a)).join(', ')}; ${c.bytes} B written]`;
};

function trainingSection(r: TrainingResult): void {
  const p = TRAINING_PLAN;
  say(
    `8. Training: exam attempts at ${p.concurrency} connections, up to ${p.requests} measured requests per layer (${p.rounds} interleaved rounds) after a warm-up; 10 of 20 questions drawn; every submission passes (certification issued or renewed)`,
  );
  const rows: (string | number)[][] = [
    ['operation', 'layer', 'requests', 'p50 ms', 'p90 ms', 'p99 ms', 'req/s', 'errors', 'API / direct p50', 'API / direct p99'],
  ];
  for (const [op, m] of [
    ['POST /exams/{id}/attempts', r.start],
    ['POST …/attempts/{attemptId}/submit', r.submit],
  ] as const) {
    for (const [layer, l] of [
      ['HTTP API (local gateway)', m.api],
      ['direct DynamoDB calls', m.direct],
    ] as const)
      rows.push([
        op,
        layer,
        l.requests,
        fmt(l.p50),
        fmt(l.p90),
        fmt(l.p99),
        fmt(l.throughput, 0),
        l.errors,
        layer === 'direct DynamoDB calls' ? `${fmt(m.ratioP50)}×` : '',
        layer === 'direct DynamoDB calls' ? `${fmt(m.ratioP99)}×` : '',
      ]);
  }
  say(table(rows));
  say(
    "  direct: the status gate read (BatchGetItem), GetItem exam, Query of the candidate's attempt partition, TransactWriteItems (attempt + slot); a submission adds GetItem attempt and certification and writes attempt, certification, holder and two outbox events",
  );
  const evalRows: (string | number)[][] = [['partner', 'users', 'certifications', 'read + evaluate p50 ms', 'evaluate only p50 ms']];
  for (const z of r.evaluation.sizes)
    evalRows.push([z === r.evaluation.sizes[0] ? 'base' : `${p.scale}×`, z.users, z.certifications, fmt(z.readAndEvaluateMs), fmt(z.evaluateOnlyMs, 3)]);
  say(table(evalRows));
  say(
    `  accreditation evaluation (3 rules, one Query of the partner's training partition, every page, strongly consistent): ${p.scale}× the size costs ${fmt(r.evaluation.ratio)}× the time (evaluation alone ${fmt(r.evaluation.evaluateOnlyRatio)}×)`,
  );
}

function submissionSection(r: SubmissionResult, lifted: LiftedThrottle | undefined, admitUs: number | undefined): LatencyCheck[] {
  const p = SUBMISSION_PLAN;
  say(
    `4. Application submission, POST /applications (public): ${p.concurrency} connections, up to ${p.requests} measured requests per layer (${p.rounds} interleaved rounds, ${p.budgetMs / 1000} s budget) after ${p.warmup} warm-up; unloaded = ${p.sequential} one at a time; every request a new organisation`,
  );
  say(throttleLine(lifted, admitUs));
  const rows: (string | number)[][] = [['layer', 'requests', 'p50 ms', 'p90 ms', 'p99 ms', 'req/s', 'node CPU µs/req', 'unloaded p50 ms', 'errors']];
  for (const layer of SUBMIT_LAYERS) {
    const l = r.loaded[layer];
    const q = r.sequential[layer];
    rows.push([
      SUBMIT_LAYER_NAMES[layer],
      l.requests,
      fmt(l.p50),
      fmt(l.p90),
      fmt(l.p99),
      fmt(l.throughput, 0),
      fmt(l.cpuUsPerRequest, 0),
      fmt(q.p50),
      l.errors + q.errors,
    ]);
  }
  say(table(rows));
  say(
    `  direct calls (submitApplication's use case and partners' commands without HTTP or middy, recorded from one direct submission): ${r.direct.map(callLine).join(' then ')}`,
  );
  say(`  the API's calls (recorded from one submission): ${r.api.map(callLine).join(' then ')}`);
  const sameCalls = (a: CallShape[], b: CallShape[]) =>
    a.length === b.length && a.every((c, i) => c.command === b[i]?.command && c.actions.join() === b[i]?.actions.join());
  if (!sameCalls(r.direct, r.api)) say('  NOTE: the direct submission and the API submission did not send the same calls: the baseline is not the same work');
  say();
  const checks: LatencyCheck[] = [];
  const ratioRows: (string | number)[][] = [
    ['baseline', 'API/direct p50', 'API/direct p99', 'unloaded API/direct p50', 'API p50 ms', 'limit = 1.5 × direct p50 + 2 ms', 'target'],
  ];
  const api = r.loaded.api;
  for (const base of ['direct', 'clean'] as SubmitLayer[]) {
    const d = r.loaded[base];
    const limit = LATENCY_TARGET.factor * d.p50 + LATENCY_TARGET.plusMs;
    const check = {
      op: 'POST /applications',
      baseline: SUBMIT_LAYER_NAMES[base],
      apiP50: api.p50,
      directP50: d.p50,
      limit,
      pass: api.p50 <= limit && api.errors === 0 && d.errors === 0,
    };
    checks.push(check);
    ratioRows.push([
      SUBMIT_LAYER_NAMES[base],
      `${fmt(api.p50 / d.p50)}×`,
      `${fmt(api.p99 / d.p99)}×`,
      `${fmt(r.sequential.api.p50 / r.sequential[base].p50)}×`,
      fmt(api.p50),
      fmt(limit),
      check.pass ? 'PASS' : 'FAIL',
    ]);
  }
  say(table(ratioRows));
  if (api.p50 < Math.min(r.loaded.direct.p50, r.loaded.clean.p50)) {
    say(
      `  the API is faster than its own DynamoDB calls under load: with 16 in flight, the time an API request spends in node leaves fewer TransactWriteItems in DynamoDB Local at once, whose throughput apparently falls as they pile up (compare req/s); one at a time the API costs ${fmt(r.sequential.api.p50 - r.sequential.clean.p50, 1)} ms more than the clean direct calls (routing, zod, middy and Powertools, the response)`,
    );
  }
  const err = SUBMIT_LAYERS.map((l) => r.loaded[l].firstError ?? r.sequential[l].firstError).find(Boolean);
  if (err) say(`  errors: ${err}`);
  if (SUBMIT_LAYERS.some((l) => r.loaded[l].truncated)) say('  a run hit its time limit; fewer requests were measured');
  return checks;
}

function duplicateSection(d: DuplicateResult): { check: string; pass: boolean } {
  const p = DUPLICATE_PLAN;
  const n = (x: number) => x.toLocaleString('en');
  say(
    `5. Duplicate check at scale: findHolders (functions/partners/org-keys.ts, as submitApplication calls it: one BatchGetItem of the 3 identity keys, strongly consistent) with ${n(p.small)} and ${n(p.large)} existing partners`,
  );
  say(
    `  each size in its own table in a DynamoDB Local started for this part after the others, read by its own child process; ${p.concurrency} concurrent checks, up to ${n(p.requests)} per size in ${p.rounds} rounds alternating the sizes, after ${p.warmup} warm-up; unloaded = ${p.sequential} one at a time; each check = the keys of a random existing partner (all 3 found)`,
  );
  say(
    "  tables: the production key schema and 5 GSIs WITHOUT the stream: DynamoDB Local's stream emulation slows every request on a table as stream records pile up (a 3-key BatchGetItem about 1.5-1.9× slower at 300,000 items than at 3,000, none without the stream); the check reads no stream, and real DynamoDB's reads do not depend on it",
  );
  say(
    `  seeding: BatchWriteItem, 25 items per request, ${p.seedConcurrency} in flight; only what the check reads (the ORGKEY#… HOLDER items, 3 per partner, as a partner's claim writes them), no partner profiles, users or history`,
  );
  const seedRows: (string | number)[][] = [['table', 'partners', 'items', 'MB', 'seconds', 'items/s', 'requests', 'retries', 'DescribeTable items']];
  for (const s of [d.small.seed, d.large.seed]) {
    seedRows.push([
      s.table,
      n(s.partners),
      n(s.items),
      fmt(s.bytes / 2 ** 20, 1),
      fmt(s.ms / 1000, 1),
      fmt(s.items / (s.ms / 1000), 0),
      n(s.requests),
      s.retries,
      s.describedItems !== undefined ? n(s.describedItems) : '–',
    ]);
  }
  say(table(seedRows));
  for (const s of [d.small.seed, d.large.seed])
    if (!s.complete) say(`  seeding of ${s.table} stopped at ${n(s.partners)} of ${n(s.planned)} partners: time budget of ${p.seedBudgetMs / 1000} s`);
  const rows: (string | number)[][] = [
    ['partners', 'checks', 'p50 ms', 'p90 ms', 'p99 ms', 'checks/s', 'node CPU µs/check', 'unloaded p50 ms', 'unloaded p99 ms', 'errors'],
  ];
  for (const size of [d.small, d.large]) {
    const l = size.loaded;
    const q = size.sequential;
    rows.push([
      n(size.seed.partners),
      l.requests,
      fmt(l.p50),
      fmt(l.p90),
      fmt(l.p99),
      fmt(l.throughput, 0),
      fmt(l.cpuUsPerRequest, 0),
      fmt(q.p50),
      fmt(q.p99),
      l.errors + q.errors,
    ]);
  }
  say(table(rows));
  const ratio = d.large.loaded.p50 / d.small.loaded.p50;
  const complete = d.large.seed.complete && d.small.seed.complete;
  const errors = d.small.loaded.errors + d.large.loaded.errors + d.small.sequential.errors + d.large.sequential.errors;
  const pass = ratio <= DUPLICATE_TARGET.maxRatio && complete && errors === 0;
  const label = `${n(d.large.seed.partners)}/${n(d.small.seed.partners)} partners`;
  say(
    `  ratio ${label}: p50 ${fmt(ratio)}× (target ≤ ${DUPLICATE_TARGET.maxRatio}×: ${pass ? 'PASS' : complete ? 'FAIL' : 'FAIL, seeding incomplete'}), p99 ${fmt(d.large.loaded.p99 / d.small.loaded.p99)}×, unloaded p50 ${fmt(d.large.sequential.p50 / d.small.sequential.p50)}×`,
  );
  const capLine = (c: DuplicateResult['small']) => {
    const reported = c.capacity.map((x) => x.reported).filter((x): x is number => x !== undefined);
    const calls = [...new Set(c.capacity.map((x) => `${x.calls} call${x.calls === 1 ? '' : 's'} (${x.commands.join(', ')})`))].join(' / ');
    return `${n(c.seed.partners)} partners: ${reported.length ? `${fmt(median(reported), 1)} RCU` : 'not reported'} (DynamoDB's rules: ${fmt(median(c.capacity.map((x) => x.rcu)), 1)}), ${calls}, ${median(c.capacity.map((x) => x.holders))} holders found`;
  };
  say(`  read capacity per check, ReturnConsumedCapacity (DynamoDB Local's answer), median of ${p.capacitySamples}: ${capLine(d.small)}; ${capLine(d.large)}`);
  const scanRcu = Math.ceil(d.large.seed.bytes / 4096) / 2;
  say(
    `  for scale: one eventually consistent Scan of the ${n(d.large.seed.partners)}-partner keys alone (${fmt(d.large.seed.bytes / 2 ** 20, 1)} MB) would consume about ${n(Math.round(scanRcu))} RCU; the check reads its 3 items by key, so its units do not depend on the number of partners`,
  );
  if (errors) say(`  errors: ${d.small.loaded.firstError ?? d.large.loaded.firstError ?? d.small.sequential.firstError ?? d.large.sequential.firstError}`);
  return { check: `duplicate check: p50 ${label} ${fmt(ratio)}× ≤ ${DUPLICATE_TARGET.maxRatio}×${complete ? '' : ' (seeding incomplete)'}`, pass };
}

// ---------------------------------------------------------------- main

function soakSection(r: SoakResult): { check: string; pass: boolean } {
  const last = r.samples.at(-1);
  say(
    `6. Soak: memory of the local stack's process (a child started with --expose-gc; a full GC before each reading: ${r.samples[0]?.gc ? 'yes' : 'NO'}) over ${last?.requests.toLocaleString('en')} mixed requests at ${SOAK_PLAN.concurrency} in flight, in ${fmt(r.seconds, 0)} s${r.truncated ? ' - STOPPED BY ITS TIME BUDGET' : ''}`,
  );
  say(
    '  mix, in turn: GET /partners?limit, GET /partners/{id} (vendor), GET /partners/{id} (partner admin), POST /partners, PATCH /partners/{id}, POST /applications (throttle lifted), GET /me, 404, 400 (invalid body), 400 (bad JSON) or 401',
  );
  const rows: (string | number)[][] = [['requests', 'RSS MiB', 'heapUsed MiB', 'external MiB', 'bus events kept', 'statuses since previous']];
  for (const s of r.samples)
    rows.push([
      s.requests,
      fmtMiB(s.rss),
      fmtMiB(s.heapUsed),
      fmtMiB(s.external),
      s.busPublished,
      Object.entries(s.statuses)
        .map(([k, v]) => `${k}×${v}`)
        .join(' '),
    ]);
  say(table(rows));
  say(
    `  slope over the last half: RSS ${fmt(r.rssSlope, 2)} MiB, heapUsed ${fmt(r.heapSlope, 2)} MiB per 1,000 requests: ${r.levelsOff ? 'LEVELS OFF' : 'KEEPS GROWING'} (threshold ${SOAK_PLAN.maxSlopeMiBPer1000} MiB per 1,000)`,
  );
  if (r.unexpected.length) say(`  unexpected answers (first ${r.unexpected.length}): ${r.unexpected.join(' | ')}`);
  return { check: `soak: memory levels off (last-half slope < ${SOAK_PLAN.maxSlopeMiBPer1000} MiB per 1,000 requests)`, pass: r.levelsOff && !r.truncated };
}

function dealsSection(d: DealsResult): { check: string; pass: boolean } {
  const p = DEALS_PLAN;
  const n = (x: number) => x.toLocaleString('en');
  say(
    `7. Deal registration (its own local stack): POST /deals at ${p.concurrency} concurrent connections against its DynamoDB transaction, and the conflict check at two index sizes`,
  );
  const row = (name: string, s: LatencySummary) => [name, n(s.requests), fmt(s.p50), fmt(s.p90), fmt(s.p99), fmt(s.throughput, 0), s.errors];
  say(
    table([
      ['layer', 'requests', 'p50 ms', 'p90 ms', 'p99 ms', 'req/s', 'errors'],
      row('HTTP API: POST /deals', d.registration.api),
      row('direct: its TransactWriteItems', d.registration.transaction),
    ]),
  );
  say(
    `  ratio API / transaction: p50 ${fmt(d.registration.api.p50 / d.registration.transaction.p50)}×, p99 ${fmt(d.registration.api.p99 / d.registration.transaction.p99)}× (the API also reads the partner, the rules, the product lines and the customer index twice, and passes the status gate)`,
  );
  say(
    table([
      ['registrations', 'seeded items', 'seed s', 'checks', 'p50 ms', 'p90 ms', 'p99 ms', 'errors'],
      ...d.checks.map((c) => [
        n(c.registrations),
        n(c.items),
        fmt(c.seedMs / 1000, 0),
        n(c.loaded.requests),
        fmt(c.loaded.p50),
        fmt(c.loaded.p90),
        fmt(c.loaded.p99),
        c.loaded.errors,
      ]),
    ]),
  );
  const [small, large] = d.checks;
  const ratio = large && small ? large.loaded.p50 / small.loaded.p50 : Number.NaN;
  say(`  conflict check p50 ratio ${n(large?.registrations ?? 0)} / ${n(small?.registrations ?? 0)}: ${fmt(ratio)} (target ≤ ${DEALS_TARGET.maxRatio})`);
  const c = d.capacity;
  say(
    `  capacity of one registration (DynamoDB's rules): ${fmt(c.registration.rcu, 1)} RCU, ${fmt(c.registration.wcu, 1)} WCU + ${fmt(c.registration.indexWcu, 1)} index WCU; calls: ${c.registration.calls.join('; ')}`,
  );
  say(`  capacity of one conflict check: ${fmt(c.check.rcu, 1)} RCU; calls: ${c.check.calls.join('; ')}`);
  return {
    check: `deals: conflict check p50 ${n(large?.registrations ?? 0)}/${n(small?.registrations ?? 0)} ≤ ${DEALS_TARGET.maxRatio}×`,
    pass: ratio <= DEALS_TARGET.maxRatio,
  };
}

async function main(): Promise<number> {
  const meta = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    loadAverageAtStart: loadavg().map((n) => round(n, 2)),
    parts: PARTS.filter(has),
  };
  say(
    `Channelbase bench - ${meta.date}, commit ${meta.commit}, node ${meta.node}, ${meta.cpus} × ${meta.cpuModel}${QUICK ? ' - QUICK PLAN, not a result' : ''}`,
  );
  say(
    `load average at start ${meta.loadAverageAtStart.join(' / ')} (1/5/15 min)${(meta.loadAverageAtStart[0] ?? 0) > meta.cpus ? ': the machine is busy with other work; numbers are noisier' : ''}`,
  );
  say(
    `parts: ${meta.parts.join(', ')}${meta.parts.length < PARTS.length ? ` (of ${PARTS.join(', ')})` : ''}; stops by itself after ${(HARD_LIMIT_MS / 60_000).toFixed(1)} min`,
  );
  say();

  // Part 2 first, while nothing else of ours uses the CPU.
  let bundles: BundleResult[] | undefined;
  if (has('bundles')) {
    progress('bundles: building and cold-starting');
    bundles = await benchBundles({ root: REPO_ROOT, entries: lambdaEntries(contexts), runs: COLD_STARTS, maxMs: BUNDLE_BUDGET_MS, log: progress });
  }

  let ops: OpLatency[] | undefined;
  let jwtUs = Number.NaN;
  let gate: GateRead | undefined;
  let profiles: { get: Partial<Record<Layer, ProfileSummary>>; create: Partial<Record<Layer, ProfileSummary>> } | undefined;
  let components: ComponentCosts | undefined;
  let costs: OpCost[] | undefined;
  let submitted: SubmissionResult | undefined;
  let duplicates: DuplicateResult | undefined;
  let admitUs: number | undefined;
  let trained: TrainingResult | undefined;
  // The stack serves POST /applications without its throttle (see liftThrottle), whichever parts run.
  const { wirings, lifted } = liftThrottle(contexts, SUBMIT_OPERATION);
  if (has('latency') || has('costs') || has('submission') || has('training')) {
    progress('stack: starting DynamoDB Local and the local API');
    stack = await withTimeout(
      startLocalStack({ port: 0, tableName: `bench-${Date.now().toString(36)}`, relayIntervalMs: 0, wirings }),
      90_000,
      'the local stack',
    );
    // The meter goes onto the one shared client from the outside, before any handler's first call
    // (the stack has set the environment the client is built from; its own startup uses other clients).
    const meter = new CapacityMeter(undefined, { requestConsumedCapacity: true });
    meter.enabled = false;
    meter.attach(rawDynamo());

    if (has('latency') || has('costs')) {
      bench = new LatencyBench(stack, PLAN);
      const seed = has('latency') ? SEED_PARTNERS : 0;
      if (seed) progress(`latency: seeding ${seed} partners`);
      await bench.setup(seed);
    }
    if (has('latency') && bench) {
      ops = [];
      for (const op of OPS) {
        progress(`latency: ${op}`);
        ops.push(await bench.measure(op, progress));
      }
      jwtUs = await bench.jwtVerifyUs(300);
      progress('latency: the status gate read alone');
      gate = await bench.gateRead(PLAN.sequential, PLAN.requests / 4);
      progress('latency: profiling');
      profiles = { get: await bench.profile('get'), create: await bench.profile('create') };
      progress('latency: pieces alone');
      components = await componentCosts({ stack, client: bench.client, token: bench.token, partnerId: bench.partnerIds[0] as string, claims: bench.claims });
    }
    if (has('costs') && bench) {
      progress('capacity: pricing each operation');
      costs = await measureCosts({ client: bench.client, token: bench.token, meter, samples: COST_SAMPLES });
      if (!costs.some((c) => c.calls.length > 0))
        throw new Error('The capacity meter saw no DynamoDB call: it was not attached before the handlers made their first call');
    }
    bench?.close();

    if (has('submission')) {
      progress('submission: POST /applications against its direct DynamoDB calls');
      admitUs = lifted ? throttleAdmitUs(lifted.throttle) : undefined;
      submission = new SubmissionBench(stack, SUBMISSION_PLAN);
      await submission.setup();
      submitted = await submission.measure(progress);
      submission.close();
    }
    if (has('training')) {
      progress('training: attempt start and submission against their direct DynamoDB calls; accreditation evaluation at two sizes');
      trained = await measureTraining(stack, TRAINING_PLAN, progress);
    }

    await withTimeout(stack.stop(), 20_000, 'stopping the stack');
    stack = undefined;
  }
  // Its own DynamoDB Local, after the stack's has stopped.
  if (has('duplicates')) {
    progress(
      `duplicates: starting a DynamoDB Local and seeding ${DUPLICATE_PLAN.small.toLocaleString('en')} and ${DUPLICATE_PLAN.large.toLocaleString('en')} partners' identity keys`,
    );
    duplicates = await measureDuplicateCheck(DUPLICATE_PLAN, progress);
  }

  let deals: DealsResult | undefined;
  if (has('deals')) {
    progress('deals: POST /deals against its transaction, then conflict checks at two index sizes');
    deals = await benchDeals(DEALS_PLAN, progress);
  }

  // Last and alone: its stack runs in a child process whose memory is sampled.
  let soaked: SoakResult | undefined;
  if (has('soak')) {
    progress(`soak: ${SOAK_PLAN.requests.toLocaleString('en')} mixed requests, memory every ${SOAK_PLAN.sampleEvery.toLocaleString('en')}`);
    soaked = await soak(SOAK_PLAN, progress);
  }

  let leads: LeadsSize[] | undefined;
  if (has('leads')) leads = await measureLeads(LEADS_PLAN, progress);

  let incentives: IncentivesSize[] | undefined;
  if (has('incentives')) incentives = await measureIncentives(INCENTIVES_PLAN, progress);

  const checks: { check: string; pass: boolean }[] = [];
  if (ops && profiles && components) {
    const latencyChecks = latencySection(ops, jwtUs, gate);
    profileSection('GET /partners/{id}', profiles.get);
    profileSection('POST /partners', profiles.create);
    componentSection(components, ops);
    say();
    checks.push(
      ...latencyChecks.map((t) => ({ check: `${t.op}: API p50 ${fmt(t.apiP50)} ms ≤ ${fmt(t.limit)} ms (1.5 × ${t.baseline} p50 + 2 ms)`, pass: t.pass })),
    );
  }
  if (bundles) {
    bundleSection(bundles);
    say();
    checks.push(
      ...bundles.flatMap((b) => [
        { check: `${b.name}: init ≤ ${BUNDLE_TARGETS.maxInitRatio}× reference`, pass: b.pass.init },
        { check: `${b.name}: < 500 KB`, pass: b.pass.under500 },
      ]),
    );
  }
  if (costs) {
    costSection(costs);
    say();
  }
  if (submitted) {
    const submissionChecks = submissionSection(submitted, lifted, admitUs);
    say();
    checks.push(
      ...submissionChecks.map((t) => ({ check: `${t.op}: API p50 ${fmt(t.apiP50)} ms ≤ ${fmt(t.limit)} ms (1.5 × ${t.baseline} p50 + 2 ms)`, pass: t.pass })),
    );
  }
  if (duplicates) {
    checks.push(duplicateSection(duplicates));
    say();
  }

  if (deals) {
    checks.push(dealsSection(deals));
    say();
  }
  if (trained) {
    trainingSection(trained);
    say();
  }

  if (soaked) {
    checks.push(soakSection(soaked));
    say();
  }

  if (leads) {
    checks.push(leadsSection(leads));
    say();
  }

  if (incentives) {
    checks.push(...incentivesSection(incentives));
    say();
  }

  const failed = checks.filter((c) => !c.pass);
  say(`Targets: ${checks.length - failed.length} PASS, ${failed.length} FAIL${failed.length ? ` (${failed.map((f) => f.check).join('; ')})` : ''}`);
  say(
    `Finished in ${((performance.now() - STARTED) / 1000).toFixed(0)} s; load average at the end ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')}`,
  );

  const file = join(REPO_ROOT, 'bench', 'results', 'latest.json');
  mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        meta: {
          ...meta,
          loadAverageAtEnd: loadavg().map((n) => round(n, 2)),
          seconds: round((performance.now() - STARTED) / 1000, 1),
          plan: PLAN,
          coldStarts: COLD_STARTS,
          costSamples: COST_SAMPLES,
          submissionPlan: SUBMISSION_PLAN,
          duplicatePlan: DUPLICATE_PLAN,
          soakPlan: SOAK_PLAN,
          dealsPlan: DEALS_PLAN,
          trainingPlan: TRAINING_PLAN,
          incentivesPlan: INCENTIVES_PLAN,
        },
        targets: { latency: LATENCY_TARGET, bundles: BUNDLE_TARGETS, duplicates: DUPLICATE_TARGET, deals: DEALS_TARGET, checks },
        latency: ops ? { ops, jwtVerifyUs: jwtUs, gateRead: gate, profiles, components } : undefined,
        bundles,
        capacity: costs
          ? {
              prices: {
                region: PRICE_REGION,
                usdPerMillionReadRequestUnits: USD_PER_MILLION_READ_REQUEST_UNITS,
                usdPerMillionWriteRequestUnits: USD_PER_MILLION_WRITE_REQUEST_UNITS,
              },
              operations: costs,
            }
          : undefined,
        onboarding: { throttleLifted: lifted, throttleAdmitUs: admitUs, submission: submitted, duplicates },
        deals,
        training: trained,
        soak: soaked,
        leads,
        incentives,
        report: out.join('\n'),
      },
      null,
      2,
    )}\n`,
  );
  console.error(`wrote ${file}`);
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch(async (err: unknown) => {
    console.error('bench failed:', err);
    bench?.close();
    submission?.close();
    await withTimeout(stack?.stop() ?? Promise.resolve(), 10_000, 'stack stop').catch(() => undefined);
    process.exit(1);
  });

/** Part 7: lead routing by table size, throughput against its direct calls, a 500-lead batch, capacity of one decision. */
function leadsSection(sizes: LeadsSize[]): { check: string; pass: boolean } {
  say('9. Lead routing (functions/leads/routing.ts: intake and routing of one new lead, one transaction)');
  const rows = table([
    ['partners', 'seed s', 'under keys', 'read', 'decision B', 'routing p50 ms', '× smallest', 'p95 ms', 'direct calls p50 ms', 'RCU', 'WCU', 'calls'],
    ...sizes.map((s) => [
      s.partners.toLocaleString('en'),
      fmt(s.seedSeconds),
      String(s.candidatesPerLead),
      String(s.readPerLead ?? '–'),
      String(s.decisionBytes ?? '–'),
      fmt(s.routingP50Ms),
      fmt(s.routingP50Ms / sizes[0]!.routingP50Ms),
      fmt(s.routingP95Ms),
      fmt(s.directP50Ms),
      fmt(s.capacity.read),
      fmt(s.capacity.write),
      Object.entries(s.capacity.calls)
        .map(([k, v]) => `${v} ${k.replace('Command', '')}`)
        .join(', '),
    ]),
  ]);
  say(rows);
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  const ratio = last.routingP50Ms / first.routingP50Ms;
  if (first.throughput) {
    const t = first.throughput;
    say(
      `  throughput (${first.partners.toLocaleString('en')} partners), ${t.leads} leads at ${t.concurrency} concurrent: routing ${fmt(t.routingPerSecond)}/s (p50 ${fmt(t.routingP50Ms)} ms), direct calls ${fmt(t.directPerSecond)}/s (p50 ${fmt(t.directP50Ms)} ms): ratio ${fmt(t.routingPerSecond / t.directPerSecond)}`,
    );
  }
  if (first.batch) say(`  POST /leads/batch of ${first.batch.created} leads (handler in-process): ${fmt(first.batch.ms)} ms, ${first.batch.offered} offered`);
  const check = `leads: routing p50 with ${last.partners.toLocaleString('en')} partners / ${first.partners.toLocaleString('en')} = ${fmt(ratio)} ≤ ${LEADS_TARGET.maxRatio}`;
  say(`  ${check}: ${ratio <= LEADS_TARGET.maxRatio ? 'PASS' : 'FAIL'}`);
  return { check, pass: ratio <= LEADS_TARGET.maxRatio };
}

/**
 * Part 10: accrual throughput against the engine's raw writes, and the settlement run's peak
 * memory at each size (a process of its own: what it holds is the run's).
 */
function incentivesSection(sizes: IncentivesSize[]): { check: string; pass: boolean }[] {
  say('10. Incentives (functions/incentives: accrual of won deals, then the settlement of their period)');
  say(
    table([
      [
        'deals',
        'partners',
        'entries',
        'accrual s',
        'entries/s',
        'raw writes/s',
        'ratio',
        'items/entry',
        'items/s ÷ raw',
        'settle s',
        'partners/s',
        'peak RSS MiB',
        'RSS at start',
        'peak heap MiB',
        'reconciles',
      ],
      ...sizes.map((s) => [
        s.deals.toLocaleString('en'),
        s.partners.toLocaleString('en'),
        s.entries.toLocaleString('en'),
        fmt(s.accrualSeconds),
        fmt(s.entriesPerSecond),
        fmt(s.rawPerSecond),
        fmt(s.ratio),
        fmt(s.itemsPerEntry),
        fmt(s.itemRatio),
        fmt(s.settle.seconds),
        fmt(s.settle.partnersPerSecond),
        fmt(s.settle.peakRssMiB),
        fmt(s.settle.baselineRssMiB),
        fmt(s.settle.peakHeapMiB),
        String(reconciles(s)),
      ]),
    ]),
  );
  const last = sizes.at(-1)!;
  const first = sizes[0]!;
  say(
    `  ${last.concurrency} concurrent SQS batches of 10 deals (2 lines each: a rebate per line and a SPIFF) against single PutItem calls of an entry's size at ${last.concurrency} and at ${last.concurrency * 10} in flight (the better of the two); peak RSS ${fmt(first.settle.peakRssMiB)} MiB at ${first.deals.toLocaleString('en')} deals, ${fmt(last.settle.peakRssMiB)} MiB at ${last.deals.toLocaleString('en')}`,
  );
  say(
    `  items/entry: every item the accrual writes (postings of entries and credits, each deal's facts, outbox events) per ledger entry; at ${fmt(last.itemsPerEntry)} of them, entries/s ≥ ${INCENTIVES_TARGET.minRatio} × raw asks the accrual to write ${fmt(last.itemsPerEntry * INCENTIVES_TARGET.minRatio)} × as many items a second as the raw single writes (it writes ${fmt(last.itemRatio)} ×)`,
  );
  const checks = [
    {
      check: `incentives: accrual entries/s / raw writes/s at ${last.deals.toLocaleString('en')} deals = ${fmt(last.ratio)} ≥ ${INCENTIVES_TARGET.minRatio}`,
      pass: last.ratio >= INCENTIVES_TARGET.minRatio,
    },
    {
      check: `incentives: settlement peak RSS at every size ≤ ${INCENTIVES_TARGET.maxPeakMiB} MiB (largest ${fmt(Math.max(...sizes.map((s) => s.settle.peakRssMiB)))})`,
      pass: sizes.every((s) => s.settle.peakRssMiB <= INCENTIVES_TARGET.maxPeakMiB),
    },
    { check: 'incentives: every run reconciles and covers every partner', pass: sizes.every(reconciles) },
  ];
  for (const c of checks) say(`  ${c.check}: ${c.pass ? 'PASS' : 'FAIL'}`);
  return checks;
}

/** A run's totals: every partner has a statement, nothing failed, payable + carried out = entries + carried in. */
function reconciles(s: IncentivesSize): boolean {
  const t = s.settle.totals;
  return (
    s.failures === 0 &&
    s.settle.status === 'awaiting-approval' &&
    t !== null &&
    t.partners === Math.min(s.partners, s.deals) &&
    t.payableMinor + t.carriedOutMinor === t.entriesMinor + t.carriedInMinor &&
    t.entriesMinor >= s.accruedMinor
  );
}
