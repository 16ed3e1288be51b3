import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context, Handler } from 'aws-lambda';
import { type CommandContext, type CreatePartnerInput, createPartnerSchema } from '@channelbase/core/partners';
import { commitChanges, dynamo, principalFromClaims, runtimeClock } from '@channelbase/platform';
import { type LocalStack, REPO_ROOT, gatewayClaims } from '@channelbase/local';
import { lambdaContext } from '@channelbase/local/lambda-context';
import { createPartner, getPartner, retryOnVocabularyChange } from '../../functions/partners/index.ts';
import { readAccess } from '../../functions/partners/access.ts';
import { partnerKey } from '../../functions/partners/repository.ts';
import type { DirectChildMessage, DirectChildReply } from './direct-child.ts';
import { type HttpClient, type LatencySummary, type LoadResult, httpClient, runLoad, summarise } from './load.ts';
import { CallRecorder, type Script, describeScript } from './script.ts';
import { median } from './stats.ts';

/** A partner of typical size: profile, one location, a few territories and specialisations. */
export const PARTNER_BODY = {
  legalName: 'Northwind Traders GmbH',
  displayName: 'Northwind',
  webDomain: 'northwind.example',
  country: 'DE',
  type: 'reseller',
  tier: 'gold',
  locations: [{ name: 'Head office', country: 'DE', city: 'Berlin', postalCode: '10115' }],
  territories: ['DE', 'AT', 'CH'],
  specialisations: ['networking', 'security'],
  leadCapacity: 25,
};

let partners = 0;
const SALT = randomUUID().slice(0, 6);

/**
 * PARTNER_BODY as a new organisation: its own web domain and legal name. A create claims the
 * organisation's identity keys (functions/partners/org-keys.ts), so creates of one body would
 * all update the same two key items and contend on them, which distinct partners do not.
 */
export function partnerBody(): typeof PARTNER_BODY {
  const tag = `${SALT}${(++partners).toString(36)}`;
  return { ...PARTNER_BODY, legalName: `Northwind Traders ${tag} GmbH`, webDomain: `northwind-${tag}.example` };
}

/**
 * The programme vocabulary the bench defines before it creates anything (PUT /programme/tiers and
 * /programme/product-lines): the keys of PARTNER_BODY and of costs.ts's LARGE_PARTNER_BODY. With
 * lists defined, a partner write checks each list it validates against (a ConditionCheck) and
 * counts the use of its keys, as in a programme that has adopted its vocabulary.
 */
export const BENCH_TIERS = ['platinum', 'gold', 'silver', 'registered'];
export const BENCH_PRODUCT_LINES = ['networking', 'security', 'cloud', 'storage', 'backup', 'voip', 'managed-services', 'training'];

/** Partners that get a partner-admin user, whose tokens the partner-principal GET rotates over. */
const PARTNER_PRINCIPALS = 16;

export type Layer = 'clean' | 'direct' | 'handler' | 'api';
export const LAYERS: readonly Layer[] = ['clean', 'direct', 'handler', 'api'];
/** The layers the CPU profile covers (the clean direct calls run in a child process). */
export const PROFILED: readonly Layer[] = ['direct', 'handler', 'api'];
export const LAYER_NAMES: Record<Layer, string> = {
  clean: 'direct call, clean process',
  direct: 'direct call, bench process',
  handler: 'Lambda handler in-process',
  api: 'HTTP API (local gateway)',
};

const DIRECT_CHILD = join(fileURLToPath(new URL('.', import.meta.url)), 'direct-child.ts');

export interface LatencyPlan {
  concurrency: number;
  /** Measured requests per op and layer, split over `rounds` interleaved rounds. */
  requests: number;
  rounds: number;
  /** Warm-up requests per layer (the clean child warms up once, when it starts). */
  warmup: number;
  /** Unloaded (one at a time) requests per op and layer. */
  sequential: number;
  /** Requests per op and layer under the CPU profiler. */
  profiled: number;
  /** Time budget of the measured rounds of one op (all layers); a run stops at its share. */
  budgetMsPerOp: number;
  /** Time limit of one warm-up, unloaded or profiled run. */
  maxMsPerAuxRun: number;
}

export interface OpLatency {
  op: string;
  /** What the direct call is. */
  direct: string;
  loaded: Record<Layer, LatencySummary>;
  sequential: Record<Layer, LatencySummary>;
}

/** `partnerGet`: GET /partners/{id} by a partner-admin of that partner, so through the partner status gate. */
export type Op = 'get' | 'partnerGet' | 'create';
export const OPS: readonly Op[] = ['get', 'partnerGet', 'create'];
const OP_NAMES: Record<Op, string> = { get: 'GET /partners/{id}', partnerGet: 'GET /partners/{id} (partner-admin)', create: 'POST /partners' };
/** A partner principal of the bench: its partner, its token and the claims the gateway passes on. */
interface PartnerPrincipal {
  partnerId: string;
  userId: string;
  token: string;
  claims: Record<string, string>;
}
type Runner = (i: number) => Promise<void>;

/** The partners API handler, as the local gateway loads it (the same module instance). */
async function loadPartnersHandler() {
  const mod = (await import('../../functions/partners/api.ts')) as {
    handler: Handler<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>;
  };
  return mod.handler;
}

/** The API Gateway HTTP API (v2) event the local gateway builds, for an in-process call. */
function gatewayEvent(method: string, path: string, route: string, claims: Record<string, string>, pathParameters?: Record<string, string>, body?: string) {
  const now = runtimeClock.now();
  return {
    version: '2.0',
    routeKey: route,
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: '127.0.0.1',
      'content-type': 'application/json',
      authorization: 'Bearer (verified)',
      ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    },
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: { jwt: { claims, scopes: null } },
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: route,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body ? { body, isBase64Encoded: false } : { isBase64Encoded: false }),
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/**
 * The direct create: the partners context's create command and its commit, exactly as the
 * POST /partners handler runs them (functions/partners/api.ts): the vocabulary lists read (two
 * consistent GetItems, in parallel), then one TransactWriteItems of the partner, its identity-key
 * claims, its vocabulary check and usage counters, its outbox event and its history entry. Without
 * the HTTP server, the middy pipeline, the body's zod parsing (done ahead) and the response.
 */
const createDirect = (input: CreatePartnerInput, ctx: CommandContext): Promise<void> =>
  retryOnVocabularyChange(async () => commitChanges(await createPartner(input, ctx)));

/**
 * The direct partner-admin GET: what the API runs for a partner principal's GET /partners/{id},
 * in its order: the status gate's read (partners' readAccess: one strongly consistent
 * BatchGetItem of the partner and user items, projected; api.ts enforcePartnerStatus) and then
 * the handler's read (getPartner). Without the HTTP server, middy, zod and the response.
 */
const partnerGetDirect = async (p: { partnerId: string; userId: string }): Promise<void> => {
  const access = await readAccess(p.partnerId, p.userId);
  if (access.partnerStatus === undefined || access.user?.status !== 'active') throw new Error('the status gate would refuse the bench partner principal');
  await getPartner(p.partnerId);
};

/** A create body as the handler receives it, parsed ahead so the direct run does not time zod. */
const parsedCreate = (): CreatePartnerInput => createPartnerSchema.parse(partnerBody());

export class LatencyBench {
  readonly client: HttpClient;
  #ids: string[] = [];
  #token = '';
  #claims: Record<string, string> = {};
  #ctx!: CommandContext;
  #partners: PartnerPrincipal[] = [];
  #handler!: Awaited<ReturnType<typeof loadPartnersHandler>>;
  /** Inputs of the creates of the current direct run, one new organisation each. */
  #inputs: CreatePartnerInput[] = [];
  /** Bodies of the creates of the current handler or API run, one new organisation each. */
  #bodies: string[] = [];
  readonly #recorder = new CallRecorder();
  /** What one direct create sent (set when the clean child is first given scripts). */
  #createScript: Script | undefined;
  /** What one partner-admin GET's direct call sent, per partner principal (status gate read, then the GetItem). */
  #gateScripts: Script[] = [];
  #child?: { process: ChildProcess; op: Op; waiting?: (r: DirectChildReply) => void };

  constructor(
    private readonly stack: LocalStack,
    private readonly plan: LatencyPlan,
  ) {
    this.client = httpClient(stack.url, plan.concurrency);
  }

  /** Token, handler, and a set of partners to read. */
  async setup(seedPartners: number): Promise<void> {
    this.#token = await this.stack.token({ sub: 'bench-vendor-admin', roles: ['vendor-admin'] });
    const verified = await this.stack.issuer.verify(this.#token);
    if (!verified) throw new Error('The local issuer did not verify its own token');
    this.#claims = gatewayClaims(verified);
    const principal = principalFromClaims(this.#claims);
    if (!principal) throw new Error('No principal from the bench token');
    this.#ctx = { actor: principal, clock: runtimeClock };
    this.#handler = await loadPartnersHandler();
    // Records what the direct create sends, for the clean child to send the same (script.ts).
    this.#recorder.attach(dynamo(), 'benchLatencyRecorder');
    await this.#defineVocabulary();
    const seeded = await runLoad({
      concurrency: 8,
      count: seedPartners,
      maxMs: 15_000,
      op: async () => {
        const res = await this.client.request('POST', '/partners', this.#headers(), JSON.stringify(partnerBody()));
        if (res.status !== 201) throw new Error(`seed POST /partners: ${res.status} ${res.body.slice(0, 200)}`);
        this.#ids.push((JSON.parse(res.body) as { id: string }).id);
      },
    });
    if (this.#ids.length < Math.min(10, seedPartners)) throw new Error(`Seeding partners failed: ${seeded.firstError ?? 'too few created'}`);
    if (seedPartners > 0) await this.#addPartnerAdmins(Math.min(PARTNER_PRINCIPALS, this.#ids.length));
  }

  /** Defines the tiers and product lines (on the new table: version 0, so If-Match is the v0 ETag). */
  async #defineVocabulary(): Promise<void> {
    const lists = [
      ['/programme/tiers', '"tiers.v0"', BENCH_TIERS],
      ['/programme/product-lines', '"product-lines.v0"', BENCH_PRODUCT_LINES],
    ] as const;
    for (const [path, etag, keys] of lists) {
      const items = keys.map((key) => ({ key, name: key.replace(/^./, (c) => c.toUpperCase()) }));
      const res = await this.client.request('PUT', path, { ...this.#headers(), 'if-match': etag }, JSON.stringify({ items }));
      if (res.status !== 200) throw new Error(`PUT ${path}: ${res.status} ${res.body.slice(0, 300)}`);
    }
  }

  /** A partner-admin user on each of the first `n` partners, and its token (sub, roles, partner id, user id). */
  async #addPartnerAdmins(n: number): Promise<void> {
    for (const [i, partnerId] of this.#ids.slice(0, n).entries()) {
      const body = { email: `admin${i}-${SALT}@bench.example`, givenName: 'Bench', familyName: `Admin ${i}`, roles: ['partner-admin'] };
      const res = await this.client.request('POST', `/partners/${partnerId}/users`, this.#headers(), JSON.stringify(body));
      if (res.status !== 201) throw new Error(`POST /partners/{id}/users: ${res.status} ${res.body.slice(0, 200)}`);
      const userId = (JSON.parse(res.body) as { id: string }).id;
      const token = await this.stack.token({ sub: `bench-partner-admin-${i}`, roles: ['partner-admin'], partnerId, userId });
      const verified = await this.stack.issuer.verify(token);
      if (!verified) throw new Error('The local issuer did not verify a partner token');
      const claims = gatewayClaims(verified);
      const principal = principalFromClaims(claims);
      if (!principal || principal.isVendor || principal.partnerId !== partnerId || principal.userId !== userId)
        throw new Error('The partner token does not make the partner principal it was issued for');
      this.#partners.push({ partnerId, userId, token, claims });
    }
  }

  get partnerIds(): readonly string[] {
    return this.#ids;
  }

  get token(): string {
    return this.#token;
  }

  /** The claims the local gateway passes on for the bench token. */
  get claims(): Record<string, string> {
    return this.#claims;
  }

  #headers(token = this.#token): Record<string, string> {
    return { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
  }

  /** What `n` direct creates send (new organisations), recorded from createDirect itself; the transactions unsent. */
  async #recordCreates(n: number): Promise<Script[]> {
    const out: Script[] = [];
    for (let i = 0; i < n; i++) out.push(await this.#recorder.record(() => createDirect(parsedCreate(), this.#ctx)));
    this.#createScript ??= out[0];
    return out;
  }

  /**
   * `n` scripts of the direct partner-admin GET (the gate's BatchGetItem, then the GetItem),
   * rotating over the partner principals as the other layers do; each principal's calls are
   * recorded once from partnerGetDirect itself (they are reads: the same every time).
   */
  async #partnerGetScripts(n: number): Promise<Script[]> {
    if (this.#gateScripts.length === 0) for (const p of this.#partners) this.#gateScripts.push(await this.#recorder.recordReads(() => partnerGetDirect(p)));
    return Array.from({ length: n }, (_, i) => this.#gateScripts[i % this.#gateScripts.length] as Script);
  }

  /** Sends a message to the clean child and waits (bounded) for its reply. */
  async #ask(message: DirectChildMessage, timeoutMs: number): Promise<DirectChildReply> {
    const child = this.#child;
    if (!child) throw new Error('no clean child');
    const reply = new Promise<DirectChildReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the clean child did not answer within ${timeoutMs} ms`)), timeoutMs);
      child.waiting = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
    });
    child.process.send(message);
    const r = await reply;
    if (r.type === 'error') throw new Error(`clean child: ${r.message}`);
    return r;
  }

  /** Starts the clean child for `op` (see direct-child.ts) and warms it up. */
  async #startClean(op: Op): Promise<void> {
    this.#stopClean();
    const child = fork(DIRECT_CHILD, [], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child = { process: child, op };
    child.on('message', (r: DirectChildReply) => {
      const c = this.#child;
      if (c?.process === child) {
        const w = c.waiting;
        c.waiting = undefined;
        w?.(r);
      }
    });
    const keys = (op === 'partnerGet' ? this.#partners.map((p) => p.partnerId) : this.#ids).map(partnerKey);
    const childOp = op === 'get' ? 'get' : 'script';
    await this.#ask({ type: 'init', endpoint: this.stack.dynamoEndpoint, tableName: this.stack.tableName, op: childOp, keys }, 60_000);
    await this.#runClean(op, this.plan.warmup, this.plan.concurrency, this.plan.maxMsPerAuxRun);
  }

  #stopClean(): void {
    const c = this.#child;
    this.#child = undefined;
    if (c && c.process.exitCode === null) {
      c.process.send({ type: 'exit' } satisfies DirectChildMessage);
      c.process.disconnect();
      setTimeout(() => c.process.exitCode === null && c.process.kill('SIGKILL'), 3000).unref();
    }
  }

  /** One load run of the direct calls in the clean child. */
  async #runClean(op: Op, count: number, concurrency: number, maxMs: number): Promise<LoadResult> {
    if (this.#child?.op !== op) throw new Error('the clean child runs another op');
    const scripts =
      op === 'create' ? await this.#recordCreates(count + concurrency) : op === 'partnerGet' ? await this.#partnerGetScripts(count + concurrency) : [];
    const r = await this.#ask({ type: 'run', concurrency, count, maxMs, scripts }, maxMs + 30_000);
    if (r.type !== 'result') throw new Error(`clean child answered ${r.type}`);
    return r.result;
  }

  #runner(op: Op, layer: Layer): Runner {
    const body = (i: number) => this.#bodies[i] ?? JSON.stringify(partnerBody());
    if (op === 'get' || op === 'partnerGet') {
      // The vendor reads any seeded partner; each partner principal reads its own partner.
      const who = (i: number) => (op === 'get' ? undefined : (this.#partners[i % this.#partners.length] as PartnerPrincipal));
      const id = (i: number) => who(i)?.partnerId ?? (this.#ids[i % this.#ids.length] as string);
      if (op === 'partnerGet' && this.#partners.length === 0) throw new Error('no partner principals (setup seeded no partners)');
      if (layer === 'direct')
        // The vendor: the handler's own read (partners' public query: a consistent GetItem, the item parsed).
        // A partner principal: the status gate's read first, as the API makes it (partnerGetDirect).
        return op === 'get'
          ? async (i) => {
              await getPartner(id(i));
            }
          : async (i) => {
              await partnerGetDirect(who(i) as PartnerPrincipal);
            };
      if (layer === 'handler')
        return async (i) => {
          const p = id(i);
          const res = (await this.#handler(
            gatewayEvent('GET', `/partners/${p}`, 'GET /partners/{id}', who(i)?.claims ?? this.#claims, { id: p }),
            context(),
            () => undefined,
          )) as APIGatewayProxyStructuredResultV2;
          if (res.statusCode !== 200) throw new Error(`handler GET: ${res.statusCode} ${String(res.body).slice(0, 200)}`);
        };
      return async (i) => {
        const res = await this.client.request('GET', `/partners/${id(i)}`, this.#headers(who(i)?.token));
        if (res.status !== 200) throw new Error(`API GET: ${res.status} ${res.body.slice(0, 200)}`);
      };
    }
    if (layer === 'direct')
      return async () => {
        await createDirect(this.#inputs.pop() ?? parsedCreate(), this.#ctx);
      };
    if (layer === 'handler')
      return async (i) => {
        const res = (await this.#handler(
          gatewayEvent('POST', '/partners', 'POST /partners', this.#claims, undefined, body(i)),
          context(),
          () => undefined,
        )) as APIGatewayProxyStructuredResultV2;
        if (res.statusCode !== 201) throw new Error(`handler POST: ${res.statusCode} ${String(res.body).slice(0, 200)}`);
      };
    return async (i) => {
      const res = await this.client.request('POST', '/partners', this.#headers(), body(i));
      if (res.status !== 201) throw new Error(`API POST: ${res.status} ${res.body.slice(0, 200)}`);
    };
  }

  async #run(op: Op, layer: Layer, count: number, concurrency: number, maxMs: number): Promise<LoadResult> {
    if (layer === 'clean') return this.#runClean(op, count, concurrency, maxMs);
    if (op === 'create' && layer === 'direct') this.#inputs = Array.from({ length: count + concurrency }, parsedCreate);
    if (op === 'create') this.#bodies = layer === 'direct' ? [] : Array.from({ length: count }, () => JSON.stringify(partnerBody()));
    // Fresh connections for each API run: an idle keep-alive socket may be closed by the
    // server (5 s keep-alive timeout) just as the client reuses it.
    if (layer === 'api') this.client.reset();
    return runLoad({ concurrency, count, maxMs, op: this.#runner(op, layer) });
  }

  /**
   * Warm-up, then `rounds` rounds in which each layer runs `requests / rounds` requests at the
   * plan's concurrency, the order of the layers rotating, so drift (JIT, the JVM warming, the
   * table growing, other work on the machine) falls on every layer alike. Each run stops at its
   * share of the op's time budget. Then an unloaded run, one request at a time.
   */
  async measure(op: Op, log: (line: string) => void): Promise<OpLatency> {
    const { concurrency, requests, rounds, warmup, sequential, budgetMsPerOp, maxMsPerAuxRun } = this.plan;
    for (const layer of LAYERS) if (layer !== 'clean') await this.#run(op, layer, warmup, concurrency, maxMsPerAuxRun);
    await this.#startClean(op);
    try {
      const loaded: Record<Layer, LoadResult[]> = { clean: [], direct: [], handler: [], api: [] };
      const perRound = Math.ceil(requests / rounds);
      const maxMs = budgetMsPerOp / (rounds * LAYERS.length);
      for (let r = 0; r < rounds; r++) {
        for (let k = 0; k < LAYERS.length; k++) {
          const layer = LAYERS[(r + k) % LAYERS.length] as Layer;
          loaded[layer].push(await this.#run(op, layer, perRound, concurrency, maxMs));
        }
        log(
          `    ${op} round ${r + 1}/${rounds}: ${LAYERS.map((l) => `${l} ${median(loaded[l].at(-1)?.samples ?? []).toFixed(1)} ms (${loaded[l].at(-1)?.samples.length})`).join(', ')}`,
        );
      }
      const seq: Record<Layer, LoadResult[]> = { clean: [], direct: [], handler: [], api: [] };
      for (const layer of LAYERS) seq[layer].push(await this.#run(op, layer, sequential, 1, maxMsPerAuxRun));
      return this.#result(op, loaded, seq);
    } finally {
      this.#stopClean();
    }
  }

  #result(op: Op, loaded: Record<Layer, LoadResult[]>, seq: Record<Layer, LoadResult[]>): OpLatency {
    const all = <T>(f: (l: Layer) => T) => Object.fromEntries(LAYERS.map((l) => [l, f(l)])) as Record<Layer, T>;
    const direct: Record<Op, string> = {
      get: "partners' getPartner (GetItem, strongly consistent, of the partner item; the item parsed) in this process; the same GetItem in the clean child",
      partnerGet: `the partner status gate's read (partners' readAccess: BatchGetItem, strongly consistent, of the partner and user items, projected), then getPartner of the principal's own partner, as the API runs them for a partner principal; the clean child sends what it sent: ${this.#gateScripts[0] ? describeScript(this.#gateScripts[0]) : '(not recorded)'}`,
      create: `partners' createPartner command + commitChanges in retryOnVocabularyChange, as the handler runs them, every create a new organisation; the clean child sends what it sent: ${this.#createScript ? describeScript(this.#createScript) : '(not recorded)'}`,
    };
    return {
      op: OP_NAMES[op],
      direct: direct[op],
      loaded: all((l) => summarise(loaded[l])),
      sequential: all((l) => summarise(seq[l])),
    };
  }

  /**
   * The status gate's read alone (readAccess of a partner principal: the one BatchGetItem), in
   * this process: `sequential` calls one at a time, then `loaded` calls at the plan's concurrency.
   */
  async gateRead(sequential: number, loaded: number): Promise<{ unloadedP50Ms: number; loaded: LatencySummary }> {
    if (this.#partners.length === 0) throw new Error('no partner principals (setup seeded no partners)');
    const op = async (i: number) => {
      const p = this.#partners[i % this.#partners.length] as PartnerPrincipal;
      await readAccess(p.partnerId, p.userId);
    };
    const seq = await runLoad({ concurrency: 1, count: sequential, maxMs: this.plan.maxMsPerAuxRun, op });
    await runLoad({ concurrency: this.plan.concurrency, count: this.plan.warmup, maxMs: this.plan.maxMsPerAuxRun, op });
    const load = await runLoad({ concurrency: this.plan.concurrency, count: loaded, maxMs: this.plan.maxMsPerAuxRun, op });
    return { unloadedP50Ms: median(seq.samples), loaded: summarise([load]) };
  }

  /** Times the local gateway's JWT verification alone (RS256 through WebCrypto), one at a time. */
  async jwtVerifyUs(n: number): Promise<number> {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      if (!(await this.stack.issuer.verify(this.#token))) throw new Error('token did not verify');
      samples.push((performance.now() - t0) * 1000);
    }
    return median(samples);
  }

  /**
   * CPU profiles of the main thread while each in-process layer runs `plan.profiled` requests of
   * `op`, in 4 interleaved rounds (rotating order) so that other load on the machine falls on
   * every layer alike.
   */
  async profile(op: Op): Promise<Partial<Record<Layer, ProfileSummary>>> {
    const session = new Session();
    session.connect();
    const rounds = 4;
    const totals = new Map<Layer, ProfileTotals>(PROFILED.map((l) => [l, emptyTotals()]));
    try {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      for (let r = 0; r < rounds; r++) {
        for (let k = 0; k < PROFILED.length; k++) {
          const layer = PROFILED[(r + k) % PROFILED.length] as Layer;
          await session.post('Profiler.start');
          const result = await this.#run(op, layer, Math.ceil(this.plan.profiled / rounds), this.plan.concurrency, 2500);
          const { profile } = await session.post('Profiler.stop');
          addProfile(totals.get(layer) as ProfileTotals, profile as CpuProfile, result.samples.length);
        }
      }
      await session.post('Profiler.disable');
      return Object.fromEntries([...totals.entries()].map(([l, t]) => [l, summariseTotals(t)]));
    } finally {
      session.disconnect();
    }
  }

  close(): void {
    this.#stopClean();
    this.client.close();
  }
}

const context = (): Context => lambdaContext('channelbase-partners-api');

// ---------------------------------------------------------------- CPU profile

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  requests: number;
  /** Main-thread CPU µs per request whose own frame is in each group (self time). */
  selfUsPerRequest: Record<string, number>;
  /** Main-thread CPU µs per request spent with a frame of the group anywhere on the stack. */
  inclusiveUsPerRequest: Record<string, number>;
  /** The busiest V8 builtins (no source URL), µs per request. */
  builtins: Record<string, number>;
  idleShare: number;
}

/** Process-wide async hooks (the Powertools tracer's cls-hooked installed one until it left the bundles). */
export const ASYNC_HOOKS = 'async_hooks';

/** The group a stack frame belongs to: a package, a part of the repository, or the runtime. */
export function frameGroup(url: string, fn: string): string {
  if (fn === '(idle)') return '(idle)';
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(root)') return '(root)';
  if (fn === '(program)') return 'V8 / native (program)';
  if (fn === 'registerDestroyHook' || url.startsWith('node:internal/async_hooks') || url.includes('/node_modules/cls-hooked/')) return ASYNC_HOOKS;
  if (!url) return fn === 'stringify' || fn === 'parse' ? 'JSON (native)' : 'V8 builtins (RegExp, Map, ...)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const [first = '', second = ''] = url.slice(nm + '/node_modules/'.length).split('/');
    const pkg = first.startsWith('@') ? `${first}/${second}` : first;
    if (pkg.startsWith('@aws-sdk/') || pkg.startsWith('@smithy/') || pkg.startsWith('@aws-crypto/') || pkg === 'tslib') return 'AWS SDK v3 (@aws-sdk, @smithy)';
    if (pkg.startsWith('@aws-lambda-powertools/')) return 'Powertools';
    if (pkg.startsWith('@middy/')) return 'middy';
    if (pkg === 'zod' || pkg.startsWith('@zod/')) return 'zod';
    if (pkg === 'jose') return 'jose (JWT)';
    if (pkg === 'tsx' || pkg === 'esbuild' || pkg === 'get-tsconfig') return 'tsx loader';
    return pkg;
  }
  if (url.startsWith('node:')) return url.startsWith('node:internal/deps/undici') ? 'node undici' : 'node core (http, net, streams, timers)';
  const repo = /\/(packages\/[^/]+|functions|test\/bench)\//.exec(url);
  if (repo) {
    const part = repo[1] as string;
    if (part === 'packages/local') return 'local gateway (packages/local)';
    if (part === 'test/bench') return 'bench client';
    return part;
  }
  return 'other';
}

interface ProfileTotals {
  requests: number;
  self: Record<string, number>;
  inclusive: Record<string, number>;
  builtins: Record<string, number>;
  idle: number;
  total: number;
}

const emptyTotals = (): ProfileTotals => ({ requests: 0, self: {}, inclusive: {}, builtins: {}, idle: 0, total: 0 });

/** Adds one profile's sampled time (µs) to the totals, by frame group. */
function addProfile(t: ProfileTotals, profile: CpuProfile, requests: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  t.requests += requests;
  for (let i = 0; i < samples.length; i++) {
    const delta = deltas[i + 1] ?? deltas[i] ?? 0;
    const node = byId.get(samples[i] as number);
    if (!node) continue;
    t.total += delta;
    const group = frameGroup(node.callFrame.url, node.callFrame.functionName);
    if (group === '(idle)') {
      t.idle += delta;
      continue;
    }
    t.self[group] = (t.self[group] ?? 0) + delta;
    if (!node.callFrame.url && group !== 'GC' && group !== 'V8 / native (program)') {
      const name = node.callFrame.functionName || '(anonymous)';
      t.builtins[name] = (t.builtins[name] ?? 0) + delta;
    }
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id);
      if (!frame) break;
      seen.add(frameGroup(frame.callFrame.url, frame.callFrame.functionName));
    }
    seen.delete('(root)');
    for (const g of seen) t.inclusive[g] = (t.inclusive[g] ?? 0) + delta;
  }
}

function summariseTotals(t: ProfileTotals): ProfileSummary {
  const per = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, t.requests ? v / t.requests : 0]));
  const top = Object.entries(t.builtins)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  return {
    requests: t.requests,
    selfUsPerRequest: per(t.self),
    inclusiveUsPerRequest: per(t.inclusive),
    builtins: per(Object.fromEntries(top)),
    idleShare: t.total ? t.idle / t.total : 0,
  };
}
