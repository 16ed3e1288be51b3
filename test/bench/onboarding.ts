import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { newId } from '@channelbase/core';
import { OPEN_APPLICATION_CAPS, type SubmitApplicationInput, planSubmission, submitApplicationSchema } from '@channelbase/core/onboarding';
import { type OrganisationKeys, organisationKeys, publicSuffixList } from '@channelbase/core/partners';
import { type ContextWiring, type RouteSpec, commit, dynamo, routeKey, runtimeClock } from '@channelbase/platform';
import { createTableInput } from '@channelbase/platform/table/definition';
import { type LocalStack, RouteThrottle, startDynamoLocal } from '@channelbase/local';
import { getSettings, putNewApplication } from '../../functions/onboarding/repository.ts';
import { claimOrganisationKey, findOrganisationHolders, organisationKeysOf } from '../../functions/partners/index.ts';
import { claim, orgKeyList } from '../../functions/partners/org-keys.ts';
import { nativeItemSize } from './capacity/index.ts';
import { BenchChild } from './child.ts';
import type { DirectChildMessage, DirectChildReply } from './direct-child.ts';
import { type HttpClient, type LatencySummary, type LoadResult, httpClient, runLoad, summarise } from './load.ts';
import type { CheckCapacity, ScaleChildMessage, ScaleChildReply } from './scale-child.ts';
import { CallRecorder, type Script } from './script.ts';
import { median } from './stats.ts';

/** The Public Suffix List, loaded once as the handlers load it on first use. */
const psl = await publicSuffixList();

/**
 * Parts 4 and 5 of the benchmark, the onboarding context: the anonymous application submission
 * (POST /applications) against the DynamoDB calls it needs, and the duplicate check (the
 * organisation identity keys of functions/partners/org-keys.ts) with 1,000 and with 100,000
 * existing partners.
 */

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DIRECT_CHILD = join(HERE, 'direct-child.ts');
const SCALE_CHILD = join(HERE, 'scale-child.ts');

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** The operation whose throttle the benchmark lifts (see `liftThrottle`). */
export const SUBMIT_OPERATION = 'submitApplication';

// ---------------------------------------------------------------- applications

/** Makes this run's organisations differ from any other run's (the table is new anyway). */
const SALT = randomUUID().slice(0, 6);
let applications = 0;

/**
 * A valid application (about 560 bytes of JSON) from an organisation that no other application
 * or partner of this run has: its registrable domain, tax id and legal name are all new, so the
 * submission claims three identity keys.
 */
export function applicationBody() {
  const n = ++applications;
  const tag = `${SALT}${n.toString(36)}`;
  return {
    company: {
      legalName: `Globex Systems ${tag} Ltd`,
      webDomain: `sales.globex-${tag}.co.uk`,
      country: 'GB',
      address: { line1: '1 High Street', city: 'Leeds', postalCode: 'LS1 1AA' },
      taxId: `GB ${SALT}${String(n).padStart(8, '0')}`,
    },
    partnerType: 'reseller',
    products: ['networking', 'security'],
    territories: ['GB', 'IE'],
    contact: {
      givenName: 'Grace',
      familyName: 'Hopper',
      email: `grace.hopper@globex-${tag}.co.uk`,
      phone: '+44 113 496 0000',
      jobTitle: 'Head of Partnerships',
    },
  };
}

// ---------------------------------------------------------------- the route's throttle

export interface LiftedThrottle {
  route: string;
  throttle: NonNullable<RouteSpec['throttle']>;
}

/**
 * A copy of the wirings in which the route `operationId` has no `throttle`: what the benchmark's
 * local stack serves. POST /applications is limited for the whole route (5 requests/s, burst 20)
 * and per source address (10 a minute); a load test through that limiter would measure the
 * limiter, and spreading the load over many loopback addresses would not help, since the route
 * bucket caps every source together (2,000 requests would take at least 400 s). Nothing else
 * changes: the same handler module, the same routes. `lifted` is undefined if the route has no
 * throttle to lift.
 */
export function liftThrottle(wirings: readonly ContextWiring[], operationId: string): { wirings: ContextWiring[]; lifted: LiftedThrottle | undefined } {
  let lifted: LiftedThrottle | undefined;
  const copy = wirings.map((w): ContextWiring => {
    const api = w.api;
    if (!api?.routes.some((r) => r.operationId === operationId && r.throttle)) return w;
    const routes = api.routes.map((r): RouteSpec => {
      if (r.operationId !== operationId || !r.throttle) return r;
      const { throttle, ...rest } = r;
      lifted = { route: routeKey(r), throttle };
      // The per-source limit is the handler's (the HTTP pipeline reads the route object its module
      // imported, this very one), not the gateway's: lifted on the live route, for this process only.
      delete (r as { throttle?: unknown }).throttle;
      // So are the caps on open applications (3 per domain, 10 per source): one address sends them all.
      OPEN_APPLICATION_CAPS.domain = Infinity;
      OPEN_APPLICATION_CAPS.source = Infinity;
      return rest;
    });
    return { ...w, api: { ...api, routes } };
  });
  return { wirings: copy, lifted };
}

/**
 * The lifted route bucket's own work, measured alone: µs per admitted request of the local
 * server's RouteThrottle (made large enough never to refuse), over `requests` requests. Median of
 * 10 batches. (The per-source limit is one conditional UpdateItem in the table, which the costs
 * part counts.)
 */
export function throttleAdmitUs(declared: NonNullable<RouteSpec['throttle']>, requests = 2000): number {
  const throttle = new RouteThrottle({ ...declared, rateLimit: 1e9, burstLimit: 1e9 }, 0);
  const batches: number[] = [];
  let now = 0;
  for (let b = 0; b < 10; b++) {
    const t0 = performance.now();
    for (let i = 0; i < requests; i++) if (throttle.admit((now += 1))) throw new Error('the throttle refused a request within its limits');
    batches.push(((performance.now() - t0) * 1000) / requests);
  }
  return median(batches);
}

// ---------------------------------------------------------------- part 4: submission latency

export type SubmitLayer = 'clean' | 'direct' | 'api';
export const SUBMIT_LAYERS: readonly SubmitLayer[] = ['clean', 'direct', 'api'];
export const SUBMIT_LAYER_NAMES: Record<SubmitLayer, string> = {
  clean: 'direct calls, clean process',
  direct: 'direct calls, bench process',
  api: 'HTTP API (local gateway)',
};

export interface SubmissionPlan {
  concurrency: number;
  /** Measured requests per layer, split over `rounds` interleaved rounds. */
  requests: number;
  rounds: number;
  warmup: number;
  /** Unloaded (one at a time) requests per layer. */
  sequential: number;
  /** Time budget of the measured rounds (all layers); a run stops at its share. */
  budgetMs: number;
  /** Time limit of one warm-up or unloaded run. */
  maxMsPerAuxRun: number;
}

/** The DynamoDB calls of one submission, as sent (document-client form). */
export interface CallShape {
  command: string;
  /** For TransactWriteItems: each action, e.g. `Put APPLICATION`, `Put ORGKEY`, `Put OUTBOX`. */
  actions: string[];
  /** Sum of the written items' sizes (DynamoDB's item size rules). */
  bytes: number;
}

export interface SubmissionResult {
  loaded: Record<SubmitLayer, LatencySummary>;
  sequential: Record<SubmitLayer, LatencySummary>;
  /** What a direct submission sends. */
  direct: CallShape[];
  /** What one API submission sent (recorded from the shared client during a probe). */
  api: CallShape[];
}

/**
 * The direct submission: the same use case and the same partners queries and commands as
 * submitApplication (functions/onboarding/api.ts), for an organisation nobody holds a key of: the
 * onboarding settings read (GetItem), the organisation's identity keys (partners'
 * organisationKeysOf), their holders (findOrganisationHolders: one consistent BatchGetItem),
 * planSubmission (the duplicate-key protocol), then one commit of the application, the claims of
 * the keys nobody holds and the events. Without the HTTP server, the middy pipeline, the body's zod
 * parsing (done ahead), the response, and the handler's re-plan when a concurrent submission wins a
 * key: every bench organisation is new, so a lost claim fails the run instead.
 */
async function submitDirect(input: SubmitApplicationInput): Promise<void> {
  const settings = await getSettings();
  const keys = (await organisationKeysOf(input.company)).map(([on, value]) => ({ on, value }));
  const holders = await findOrganisationHolders(Object.fromEntries(keys.map((k) => [k.on, k.value])));
  const { application, claims, events } = planSubmission(input, settings, keys, holders, runtimeClock);
  const taken = () => new Error('a bench organisation was already held: the bench expects every organisation to be new');
  const claimWrites = claims.map(({ on, value }) => claimOrganisationKey(on, value, 'application', application.id, taken));
  await commit(
    [
      putNewApplication(
        application,
        claims.map((c) => [c.on, c.value]),
      ),
      ...claimWrites,
    ],
    events,
  );
}

/** A submission body as the handler receives it, parsed ahead so the direct run does not time zod. */
const parsedSubmission = (): SubmitApplicationInput => submitApplicationSchema.parse(applicationBody());

const keyKind = (pk: unknown) => String(pk).split('#')[0];

function shapeOf(command: string, input: Record<string, unknown>): CallShape {
  const tx = (input.TransactItems ?? []) as TransactItems;
  const actions = tx.map((t) => {
    const [action, body] = Object.entries(t)[0] as [string, { Item?: Record<string, unknown>; Key?: Record<string, unknown> }];
    return `${action} ${keyKind((body.Item ?? body.Key)?.pk)}`;
  });
  const bytes = tx.reduce((n, t) => n + (t.Put?.Item ? nativeItemSize(t.Put.Item) : 0), 0);
  return { command, actions, bytes };
}

/**
 * POST /applications at a fixed concurrency, against the DynamoDB calls a submission needs: the
 * BatchGetItem of the organisation's identity keys (strongly consistent) and the
 * TransactWriteItems of the application, its key claims and its outbox event, built by the same
 * domain functions and the same `commit()` as the handler and issued directly with the SDK, from
 * this process and from a clean child. Every request is a new organisation.
 */
export class SubmissionBench {
  readonly #client: HttpClient;
  readonly #recorder = new CallRecorder();
  #recording: CallShape[] | undefined;
  #child: BenchChild<DirectChildMessage, DirectChildReply> | undefined;

  constructor(
    private readonly stack: LocalStack,
    private readonly plan: SubmissionPlan,
  ) {
    this.#client = httpClient(stack.url, plan.concurrency);
  }

  /** Middlewares on the shared client: one records the shape of an API submission's calls, one what a direct submission sends. */
  async setup(): Promise<void> {
    this.#recorder.attach(dynamo(), 'benchSubmissionRecorder');
    const stack = dynamo().middlewareStack as unknown as { add(m: unknown, o: Record<string, string>): void };
    stack.add(
      (next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
        this.#recording?.push(shapeOf(String(context.commandName ?? '?').replace(/Command$/, ''), args.input));
        return next(args);
      },
      { step: 'initialize', priority: 'high', name: 'benchOnboardingCapture' },
    );
  }

  /** What `n` direct submissions send (new organisations), recorded from submitDirect itself; the transactions unsent. */
  async #recordSubmissions(n: number): Promise<Script[]> {
    const out: Script[] = [];
    for (let i = 0; i < n; i++) out.push(await this.#recorder.record(() => submitDirect(parsedSubmission())));
    return out;
  }

  async #submit(body: string): Promise<void> {
    const res = await this.#client.request('POST', '/applications', { 'content-type': 'application/json', accept: 'application/json' }, body);
    if (res.status !== 202) throw new Error(`POST /applications: ${res.status} ${res.body.slice(0, 200)}`);
  }

  async #run(layer: SubmitLayer, count: number, concurrency: number, maxMs: number): Promise<LoadResult> {
    if (layer === 'api') {
      const bodies = Array.from({ length: count }, () => JSON.stringify(applicationBody()));
      // Fresh connections for each run: the server may close an idle keep-alive socket as the client reuses it.
      this.#client.reset();
      return runLoad({ concurrency, count, maxMs, op: (i) => this.#submit(bodies[i] as string) });
    }
    if (layer === 'clean') {
      const child = this.#child;
      if (!child) throw new Error('no clean child');
      const scripts = await this.#recordSubmissions(count);
      const r = await child.ask({ type: 'run', concurrency, count, maxMs, scripts }, maxMs + 30_000);
      if (r.type !== 'result') throw new Error(`clean child answered ${r.type}`);
      return r.result;
    }
    const inputs = Array.from({ length: count }, parsedSubmission);
    return runLoad({
      concurrency,
      count,
      maxMs,
      op: async () => {
        const next = inputs.pop();
        if (!next) throw new Error('out of prepared submissions');
        await submitDirect(next);
      },
    });
  }

  /**
   * A probe (what one API submission sends), warm-up, then `rounds` rounds in which each layer
   * runs `requests / rounds` requests, the layer order rotating; then one at a time.
   */
  async measure(log: (line: string) => void): Promise<SubmissionResult> {
    const { concurrency, requests, rounds, warmup, sequential, budgetMs, maxMsPerAuxRun } = this.plan;
    this.#recording = [];
    await this.#submit(JSON.stringify(applicationBody()));
    const api = this.#recording;
    this.#recording = [];
    this.#recording = undefined;
    const [sample] = await this.#recordSubmissions(1);
    if (!sample) throw new Error('nothing recorded');
    // Named as the API's recorded calls are (GetItem, BatchGetItem, TransactWriteItems), for the report to compare.
    const commandNames: Record<string, string> = { Get: 'GetItem', BatchGet: 'BatchGetItem', TransactWrite: 'TransactWriteItems' };
    const direct = sample.flat().map((c) => shapeOf(commandNames[c.command] ?? c.command, c.input));

    this.#child = new BenchChild<DirectChildMessage, DirectChildReply>(DIRECT_CHILD);
    try {
      await this.#child.ask({ type: 'init', endpoint: this.stack.dynamoEndpoint, tableName: this.stack.tableName, op: 'script', keys: [] }, 60_000);
      for (const layer of SUBMIT_LAYERS) await this.#run(layer, warmup, concurrency, maxMsPerAuxRun);
      const loaded: Record<SubmitLayer, LoadResult[]> = { clean: [], direct: [], api: [] };
      const perRound = Math.ceil(requests / rounds);
      const maxMs = budgetMs / (rounds * SUBMIT_LAYERS.length);
      for (let r = 0; r < rounds; r++) {
        for (let k = 0; k < SUBMIT_LAYERS.length; k++) {
          const layer = SUBMIT_LAYERS[(r + k) % SUBMIT_LAYERS.length] as SubmitLayer;
          loaded[layer].push(await this.#run(layer, perRound, concurrency, maxMs));
        }
        log(
          `    submission round ${r + 1}/${rounds}: ${SUBMIT_LAYERS.map((l) => `${l} ${median(loaded[l].at(-1)?.samples ?? []).toFixed(1)} ms (${loaded[l].at(-1)?.samples.length})`).join(', ')}`,
        );
      }
      const seq: Record<SubmitLayer, LoadResult[]> = { clean: [], direct: [], api: [] };
      for (const layer of SUBMIT_LAYERS) seq[layer].push(await this.#run(layer, sequential, 1, maxMsPerAuxRun));
      const all = <T>(f: (l: SubmitLayer) => T) => Object.fromEntries(SUBMIT_LAYERS.map((l) => [l, f(l)])) as Record<SubmitLayer, T>;
      return { loaded: all((l) => summarise(loaded[l])), sequential: all((l) => summarise(seq[l])), direct, api };
    } finally {
      this.#child.stop();
      this.#child = undefined;
    }
  }

  close(): void {
    this.#child?.stop();
    this.#client.close();
  }
}

// ---------------------------------------------------------------- part 5: the duplicate check at scale

export interface DuplicatePlan {
  /** Existing partners in the small and the large table. */
  small: number;
  large: number;
  concurrency: number;
  /** Measured checks per size, split over `rounds` interleaved rounds. */
  requests: number;
  rounds: number;
  warmup: number;
  sequential: number;
  capacitySamples: number;
  /** BatchWriteItem requests in flight while seeding. */
  seedConcurrency: number;
  /** Seeding stops (and the report says so) after this long. */
  seedBudgetMs: number;
  /** Time limit of one load run. */
  maxMsPerRun: number;
}

export interface SeedResult {
  table: string;
  /** Partners whose three keys are all in the table. */
  partners: number;
  items: number;
  /** Sum of the items' sizes (DynamoDB's rules): what a Scan would have to read. */
  bytes: number;
  ms: number;
  requests: number;
  /** BatchWriteItem requests repeated for UnprocessedItems. */
  retries: number;
  /** False when the time budget stopped seeding before `planned` partners. */
  complete: boolean;
  planned: number;
  /** DescribeTable's ItemCount after seeding. */
  describedItems?: number;
}

export interface DuplicateSize {
  seed: SeedResult;
  loaded: LatencySummary;
  sequential: LatencySummary;
  capacity: CheckCapacity[];
}

export interface DuplicateResult {
  small: DuplicateSize;
  large: DuplicateSize;
}

/**
 * A scale table: the production key schema and global secondary indexes, without the stream.
 * The check never reads a stream, and DynamoDB Local's stream emulation slows every request on a
 * table as its stream records pile up (one per write, kept 24 hours): measured with 300,000
 * items, a strongly consistent GetItem took about 1.4× and a 3-key BatchGetItem about 1.5-1.9×
 * as long as with 3,000, and neither changed without the stream (nor without the indexes).
 * Real DynamoDB serves reads from the table whatever its stream holds.
 */
async function createScaleTable(client: DynamoDBClient, name: string): Promise<void> {
  const { StreamSpecification: _stream, ...input } = createTableInput(name);
  await client.send(new CreateTableCommand(input));
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** KEYS_PER_PARTNER identity keys per seeded partner: registrable domain, tax id, legal name. */
const KEYS_PER_PARTNER = 3;
const BATCH_ITEMS = 25;

/**
 * Seeded partner `i`: its registrable domain (`partner<i>.co.uk`, from a `sales.` host, through the
 * Public Suffix List as the check does), tax id and legal name are its own.
 */
export function seededOrganisation(i: number) {
  return { legalName: `Partner ${i} Trading GmbH`, webDomain: `sales.partner${i}.co.uk`, taxId: `DE ${String(100_000_000 + i)}` };
}

/** The holder items of partner `i`, exactly as a partner's claim writes them. */
function holderItems(i: number, partnerId: string): Record<string, unknown>[] {
  const keys = orgKeyList(organisationKeys(seededOrganisation(i), psl));
  if (keys.length !== KEYS_PER_PARTNER) throw new Error(`seeded partner ${i} has ${keys.length} identity keys`);
  return keys.map(([on, value]) => {
    const put = claim(on, value, 'partner', partnerId, () => new Error('taken')).item.Put;
    if (!put?.Item) throw new Error('claim() wrote no item');
    return put.Item;
  });
}

/**
 * Writes the identity-key holder items of `partners` partners into `table` with BatchWriteItem
 * (25 items a request, `concurrency` requests in flight, UnprocessedItems retried), until done or
 * the time budget runs out. Only what the check reads: no partner profiles, users or history.
 */
async function seedOrgKeys(
  doc: DynamoDBDocumentClient,
  table: string,
  partners: number,
  options: { concurrency: number; budgetMs: number; label: string; log: (line: string) => void },
): Promise<SeedResult> {
  const total = partners * KEYS_PER_PARTNER;
  const batches = Math.ceil(total / BATCH_ITEMS);
  const started = performance.now();
  const deadline = started + options.budgetMs;
  let nextBatch = 0;
  let written = 0;
  let bytes = 0;
  let requests = 0;
  let retries = 0;
  let reported = 0;
  // Item k is key k % 3 of partner k / 3; a batch may end in the middle of a partner.
  const partnerItems = new Map<number, Record<string, unknown>[]>();
  const itemsOf = (b: number) => {
    const out: Record<string, unknown>[] = [];
    for (let k = b * BATCH_ITEMS; k < Math.min(total, (b + 1) * BATCH_ITEMS); k++) {
      const p = Math.floor(k / KEYS_PER_PARTNER);
      let items = partnerItems.get(p);
      if (!items) partnerItems.set(p, (items = holderItems(p, newId('partner'))));
      out.push(items[k % KEYS_PER_PARTNER] as Record<string, unknown>);
      if (k % KEYS_PER_PARTNER === KEYS_PER_PARTNER - 1) partnerItems.delete(p);
    }
    return out;
  };
  const worker = async () => {
    while (nextBatch < batches && performance.now() < deadline) {
      const items = itemsOf(nextBatch++);
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
        [table]: items.map((Item) => ({ PutRequest: { Item } })),
      };
      for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
        if (attempt > 0) {
          retries++;
          await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
        }
        requests++;
        const res = await doc.send(new BatchWriteCommand({ RequestItems: request }));
        request = res.UnprocessedItems as typeof request;
      }
      written += items.length;
      bytes += items.reduce((n, i) => n + nativeItemSize(i), 0);
      if (written - reported >= total / 10 || written === total) {
        reported = written;
        const s = (performance.now() - started) / 1000;
        options.log(
          `duplicates: seeding ${options.label}: ${written.toLocaleString('en')} / ${total.toLocaleString('en')} items, ${s.toFixed(0)} s, ${(written / s).toFixed(0)} items/s`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const ms = performance.now() - started;
  // Every batch taken was written, and batches are taken in order: the items written are a prefix.
  const seededPartners = Math.floor(written / KEYS_PER_PARTNER);
  return { table, partners: seededPartners, items: written, bytes, ms, requests, retries, complete: seededPartners === partners, planned: partners };
}

/**
 * The duplicate check with a small and a large number of existing partners: a DynamoDB Local of
 * its own (in memory, started here and stopped at the end, so that 300,000 items neither slow nor
 * are slowed by the other parts' JVM) with two tables of the production definition less the
 * stream (see createScaleTable), seeded with
 * the partners' identity-key holder items; for each, `findHolders` (the call submitApplication
 * makes) runs in its own child process with that table as TABLE_NAME, the two sizes interleaved
 * round by round. Each check is the three keys of an existing partner picked at random, so every
 * key is found.
 */
export async function measureDuplicateCheck(plan: DuplicatePlan, log: (line: string) => void): Promise<DuplicateResult> {
  const dynamoLocal = await startDynamoLocal();
  const raw = dynamoLocal.client;
  const doc = DynamoDBDocumentClient.from(raw);
  const prefix = `bench-${Date.now().toString(36)}`;
  const tables = { small: `${prefix}-orgkeys-small`, large: `${prefix}-orgkeys-large` };
  const env = { ...process.env, DYNAMODB_ENDPOINT: dynamoLocal.endpoint, AWS_REGION: 'local' };
  // holderItems() uses only the Item of claim(), whose TableName is this process's runtime table:
  // without a local stack (`npm run bench -- duplicates`) there is none, so name one.
  process.env.TABLE_NAME ??= tables.large;
  const children: Partial<Record<'small' | 'large', BenchChild<ScaleChildMessage, ScaleChildReply>>> = {};
  try {
    await Promise.all([createScaleTable(raw, tables.small), createScaleTable(raw, tables.large)]);
    const seeds = {
      small: await seedOrgKeys(doc, tables.small, plan.small, {
        concurrency: plan.seedConcurrency,
        budgetMs: plan.seedBudgetMs,
        label: `${plan.small.toLocaleString('en')} partners`,
        log,
      }),
      large: await seedOrgKeys(doc, tables.large, plan.large, {
        concurrency: plan.seedConcurrency,
        budgetMs: plan.seedBudgetMs,
        label: `${plan.large.toLocaleString('en')} partners`,
        log,
      }),
    };
    for (const size of ['small', 'large'] as const) {
      const { Table } = await raw.send(new DescribeTableCommand({ TableName: tables[size] }));
      if (Table?.ItemCount !== undefined) seeds[size].describedItems = Table.ItemCount;
      if (seeds[size].partners < 1) throw new Error(`no partner was seeded in ${tables[size]}`);
    }

    const checksOf = (partners: number): Partial<OrganisationKeys>[] =>
      Array.from({ length: Math.max(plan.requests, 1000) }, () => organisationKeys(seededOrganisation(Math.floor(Math.random() * partners)), psl));
    const start = async (size: 'small' | 'large') => {
      const child = new BenchChild<ScaleChildMessage, ScaleChildReply>(SCALE_CHILD, { ...env, TABLE_NAME: tables[size] });
      children[size] = child;
      await child.ask({ type: 'init', checks: checksOf(seeds[size].partners), expectHolders: KEYS_PER_PARTNER }, 60_000);
      return child;
    };
    const [small, large] = await Promise.all([start('small'), start('large')]);
    const run = async (child: BenchChild<ScaleChildMessage, ScaleChildReply>, count: number, concurrency: number): Promise<LoadResult> => {
      const r = await child.ask({ type: 'run', concurrency, count, maxMs: plan.maxMsPerRun }, plan.maxMsPerRun + 30_000);
      if (r.type !== 'result') throw new Error(`scale child answered ${r.type}`);
      return r.result;
    };
    const capacity = async (child: BenchChild<ScaleChildMessage, ScaleChildReply>) => {
      const r = await child.ask({ type: 'capacity', samples: plan.capacitySamples }, 30_000);
      if (r.type !== 'capacity') throw new Error(`scale child answered ${r.type}`);
      return r.samples;
    };

    log('duplicates: warming up and metering');
    for (const child of [small, large]) await run(child, plan.warmup, plan.concurrency);
    const caps = { small: await capacity(small), large: await capacity(large) };

    const loaded: Record<'small' | 'large', LoadResult[]> = { small: [], large: [] };
    const seq: Record<'small' | 'large', LoadResult[]> = { small: [], large: [] };
    const perRound = Math.ceil(plan.requests / plan.rounds);
    for (let r = 0; r < plan.rounds; r++) {
      const order = r % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
      for (const size of order) loaded[size].push(await run(size === 'small' ? small : large, perRound, plan.concurrency));
      log(
        `    duplicate check round ${r + 1}/${plan.rounds}: ${(['small', 'large'] as const).map((s) => `${s} ${median(loaded[s].at(-1)?.samples ?? []).toFixed(2)} ms (${loaded[s].at(-1)?.samples.length})`).join(', ')}`,
      );
    }
    const seqRounds = 4;
    for (let r = 0; r < seqRounds; r++) {
      const order = r % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
      for (const size of order) seq[size].push(await run(size === 'small' ? small : large, Math.ceil(plan.sequential / seqRounds), 1));
    }
    const sized = (size: 'small' | 'large'): DuplicateSize => ({
      seed: seeds[size],
      loaded: summarise(loaded[size]),
      sequential: summarise(seq[size]),
      capacity: caps[size],
    });
    return { small: sized('small'), large: sized('large') };
  } finally {
    children.small?.stop();
    children.large?.stop();
    await dynamoLocal.stop();
  }
}
