import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import type { ContextWiring } from '@channelbase/platform';
import { LAMBDA_ENTRY_FILE, bundleLambda, bundleSize, lambdaBuildOptions } from '../../infra/bundling.ts';
import { build } from 'esbuild';
import { median } from './stats.ts';

/**
 * Targets of part 2: what a cold start reads under 500 KB (checked on every test run too, by
 * test/contract/bundle-budget.test.ts), and cold initialisation within 1.3 × that of a handler
 * that only sets up the same AWS SDK clients. The size ratio to the reference is reported, not
 * targeted: the time it costs is what the init ratio measures.
 */
export const BUNDLE_TARGETS = { maxKb: 500, maxInitRatio: 1.3, maxSchemasAtLoad: 200 } as const;

export type SdkClient = 'dynamodb' | 'eventbridge' | 'cognito';

export interface LambdaEntry {
  name: string;
  /** Module from the repository root. */
  entry: string;
  kind: 'api' | 'subscription' | 'workflow' | 'schedule' | 'stream' | 'trigger';
}

/** Every Lambda entry point: the wirings' API, subscription, workflow-step and scheduled-job entries, the relay, the pre-token trigger. */
export function lambdaEntries(wirings: readonly ContextWiring[]): LambdaEntry[] {
  const list: LambdaEntry[] = [];
  for (const w of wirings) {
    if (w.api) list.push({ name: `${w.name} api`, entry: w.api.entry, kind: 'api' });
    for (const s of w.subscriptions) list.push({ name: `${w.name} ${s.id}`, entry: s.entry, kind: 'subscription' });
    for (const f of w.workflows ?? []) list.push({ name: `${w.name} ${f.id}`, entry: f.entry, kind: 'workflow' });
    for (const j of w.schedules ?? []) list.push({ name: `${w.name} ${j.id}`, entry: j.entry, kind: 'schedule' });
  }
  list.push({ name: 'platform relay', entry: 'functions/platform/relay.ts', kind: 'stream' });
  list.push({ name: 'platform pre-token', entry: 'functions/platform/pre-token.ts', kind: 'trigger' });
  return list.filter((e, i) => list.findIndex((o) => o.entry === e.entry) === i);
}

/** The environment of a deployed function (infra sets the same names), plus the Lambda runtime's own. */
export const CHILD_ENV: Record<string, string> = {
  TABLE_NAME: 'channelbase-bench',
  EVENT_BUS_NAME: 'channelbase-bench',
  CURSOR_KEY: 'bench-cursor-key-not-secret',
  STAGE: 'bench',
  USER_POOL_ID: 'eu-west-1_Bench0000',
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCHNOTREAL0000',
  AWS_SECRET_ACCESS_KEY: 'bench-not-a-secret',
  AWS_SESSION_TOKEN: 'bench-not-a-token',
  AWS_LAMBDA_FUNCTION_NAME: 'channelbase-bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  POWERTOOLS_SERVICE_NAME: 'channelbase',
  POWERTOOLS_METRICS_NAMESPACE: 'Channelbase',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_DEV: 'false',
};

/** The reference: a handler that only imports and sets up the same AWS SDK clients. */
export function referenceSource(clients: readonly SdkClient[]): string {
  const lines: string[] = [];
  const made: string[] = [];
  if (clients.includes('dynamodb')) {
    lines.push("import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';");
    made.push('DynamoDBDocumentClient.from(new DynamoDBClient({}))');
  }
  if (clients.includes('eventbridge')) {
    lines.push("import { EventBridgeClient } from '@aws-sdk/client-eventbridge';");
    made.push('new EventBridgeClient({})');
  }
  if (clients.includes('cognito')) {
    lines.push("import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';");
    made.push('new CognitoIdentityProviderClient({})');
  }
  lines.push(`const clients = [${made.join(', ')}];`, 'export const handler = async () => ({ statusCode: 200, body: String(clients.length) });');
  return lines.join('\n');
}

/** Which SDK clients a bundle contains (its reference sets up the same ones). */
function clientsIn(metafile: Metafile): SdkClient[] {
  const inputs = Object.keys(metafile.inputs);
  const has = (pkg: string) => inputs.some((p) => p.includes(`node_modules/${pkg}/`));
  const clients: SdkClient[] = [];
  if (has('@aws-sdk/client-dynamodb')) clients.push('dynamodb');
  if (has('@aws-sdk/client-eventbridge')) clients.push('eventbridge');
  if (has('@aws-sdk/client-cognito-identity-provider')) clients.push('cognito');
  return clients;
}

export interface Contributor {
  name: string;
  kb: number;
  share: number;
  /** How the entry reaches it: modules grouped by package or repository folder. */
  via?: string;
}

export interface BundleResult {
  name: string;
  entry: string;
  /** What a cold start reads: the entry and the chunks it imports statically. */
  kb: number;
  /** Every chunk, the lazily imported ones included. */
  totalKb: number;
  gzipKb: number;
  reference: { clients: SdkClient[]; kb: number; totalKb: number; gzipKb: number; initMs: number; importMs: number };
  /** Median ms from process start to after the import (node start-up included). */
  initMs: number;
  /** Median ms of the import alone (from the first line of the wrapper). */
  importMs: number;
  /** Median ms from process start to the wrapper's first line (node start-up). */
  nodeStartMs: number;
  runs: number;
  /** Zod schema instances the entry builds at load (deterministic; budgeted by the bundle-budget test). */
  schemasAtLoad: number;
  sizeRatio: number;
  initRatio: number;
  importRatio: number;
  pass: { init: boolean; under500: boolean };
  top: Contributor[];
  /** What the bundle carries beyond its reference, by package or folder. */
  overReference: Contributor[];
  /** Every package or folder in the bundle, KB. */
  composition: Record<string, number>;
  notes: string[];
}

/** The group a bundle input belongs to: an npm package, a JSON file, or a repository folder. */
export function inputGroup(path: string): string {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const [first = '', second = ''] = path.slice(nm + 'node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  if (path.endsWith('.json')) return path;
  const parts = path.split('/');
  if (parts[0] === 'packages') return `${parts[0]}/${parts[1]}`;
  if (parts[0] === 'functions') return parts.slice(0, 2).join('/');
  return parts[0] ?? path;
}

/** The shortest import chain from the entry to any input of `group`, as groups. */
function chainTo(metafile: Metafile, entry: string, group: string): string | undefined {
  const prev = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const at = queue.shift() as string;
    if (inputGroup(at) === group && at !== entry) {
      const path: string[] = [];
      for (let p: string | null | undefined = at; p; p = prev.get(p)) path.unshift(inputGroup(p));
      return path.filter((g, i) => g !== path[i - 1]).join(' → ');
    }
    for (const imp of metafile.inputs[at]?.imports ?? []) {
      if (imp.external || prev.has(imp.path)) continue;
      prev.set(imp.path, at);
      queue.push(imp.path);
    }
  }
  return undefined;
}

/** What would cut a heavy dependency, for the ones this codebase is known to pull in. */
const HINTS: Record<string, string> = {
  'aws-xray-sdk-core':
    'comes with @aws-lambda-powertools/tracer, which the bundles dropped for Lambda active tracing (packages/platform/src/observability.ts); test/contract/bundle-budget.test.ts fails if it comes back',
  zod: "zod/mini through packages/core/src/kernel/zod.ts (about 40 KB); a value reached through `z.core` (e.g. `z.core.$ZodError`) keeps all of zod's core and its locales: the helper exports what is needed directly. What zod costs at init is mostly building the schemas the bundle imports",
  '@asteasolutions/zod-to-openapi': 'OpenAPI generation is build-time work; keep it out of handler import graphs',
  '@aws-lambda-powertools/idempotency': 'should sit in a lazy chunk: platform http/idempotency.ts imports it on the first POST with an Idempotency-Key',
  '@aws-lambda-powertools/jmespath': 'pulled in by Powertools idempotency for key extraction, in its lazy chunk',
  '@aws-lambda-powertools/batch': "the SQS consumers' partial-batch processing (platform events/consumer.ts); the API handlers do not carry it",
  tldts:
    "the Public Suffix List should sit in a lazy chunk: core partners/organisation.ts imports it with `import('tldts')` on the first organisation-identity check",
  'openapi.json':
    'the OpenAPI document should not be inlined (`import ... with { type: "json" }`): the platform API reads it from beside its bundle on first use (infra/contexts/platform.ts ships it)',
};
const hintFor = (group: string): string | undefined =>
  HINTS[group] ??
  (group.startsWith('@aws-sdk/client-') || group.startsWith('@smithy/') || group === '@aws-sdk/core'
    ? 'AWS SDK v3: the reference carries the same cost; the Lambda runtime ships SDK v3, so marking @aws-sdk/* external would drop it from every bundle (at the price of not pinning the tested version)'
    : group.endsWith('openapi.json')
      ? HINTS['openapi.json']
      : undefined);

/** Bytes by package or folder in what a cold start reads (the entry and its static chunks). */
function composition(metafile: Metafile): Record<string, number> {
  const out: Record<string, number> = {};
  const { initFiles } = bundleSize(metafile);
  for (const o of initFiles.map((f) => metafile.outputs[f]!)) {
    for (const [path, { bytesInOutput }] of Object.entries(o.inputs)) {
      const g = inputGroup(path);
      out[g] = (out[g] ?? 0) + bytesInOutput;
    }
  }
  return out;
}

interface Built {
  /** The entry file (index.mjs) the cold start imports. */
  file: string;
  /** What a cold start reads: the entry and the chunks it imports statically. */
  bytes: number;
  /** Every output file, lazy chunks included. */
  totalBytes: number;
  gzipBytes: number;
  metafile: Metafile;
}

/** Builds as infra does (infra/bundling.ts, code splitting), into a folder of its own. */
async function bundle(root: string, dir: string, name: string, input: { entry: string } | { source: string }): Promise<Built> {
  const outdir = join(dir, name);
  let metafile: Metafile;
  if ('entry' in input) metafile = (await bundleLambda(root, input.entry, outdir)).metafile;
  else {
    // The reference is written outside the repository; it resolves packages from the repository's.
    const source = join(dir, `${name}.ts`);
    writeFileSync(source, input.source);
    metafile = (await build({ ...lambdaBuildOptions(root, source, outdir), nodePaths: [join(root, 'node_modules')], logLevel: 'silent' })).metafile;
  }
  const size = bundleSize(metafile);
  const initPaths = size.initFiles.map((f) => join(root, f));
  const gzipBytes = gzipSync(Buffer.concat(initPaths.map((p) => readFileSync(p)))).byteLength;
  const file = join(outdir, LAMBDA_ENTRY_FILE);
  return { file, bytes: size.initBytes, totalBytes: size.totalBytes, gzipBytes, metafile };
}

/** The wrapper each fresh `node` process runs: time from process start to after the import. */
const WRAPPER = `const t0 = performance.now();
const mod = await import(process.argv[2]);
const t1 = performance.now();
if (typeof mod.handler !== 'function') { console.error('no handler export'); process.exit(2); }
process.stdout.write(JSON.stringify({ t0, t1 }) + '\\n');
process.exit(0);
`;

/**
 * Counts the zod schema instances a bundle builds at load: zod calls its global post-processor
 * (`globalThis.__zod_globalConfig.postProcessor`, which it keeps when configured) once per
 * instance it constructs. A count, so deterministic: the budget test asserts it on every run,
 * while init time is only measured here. Building schemas is most of a cold start beyond the SDK.
 */
const COUNT_WRAPPER = `let schemas = 0;
globalThis.__zod_globalConfig = { postProcessor: () => { schemas += 1; } };
const mod = await import(process.argv[2]);
if (typeof mod.handler !== 'function') { console.error('no handler export'); process.exit(2); }
process.stdout.write(JSON.stringify({ schemas }) + '\\n');
process.exit(0);
`;

/** How many zod schema instances the bundle's entry builds when a fresh node process imports it. */
export function schemasAtLoad(file: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'channelbase-count-'));
  const wrapper = join(dir, 'count-wrapper.mjs');
  writeFileSync(wrapper, COUNT_WRAPPER);
  return new Promise<number>((resolve, reject) => {
    execFile(
      process.execPath,
      [wrapper, file],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...CHILD_ENV }, timeout: 20_000 },
      (err, stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        if (err) return reject(new Error(`${file}: ${err.message} ${stderr.slice(0, 400)}`));
        resolve((JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { schemas: number }).schemas);
      },
    );
  });
}

function coldStart(node: string, wrapper: string, file: string, cwd: string): Promise<{ t0: number; t1: number }> {
  return new Promise((resolve, reject) => {
    execFile(node, [wrapper, file], { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...CHILD_ENV }, timeout: 20_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${file}: ${err.message} ${stderr.slice(0, 400)}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { t0: number; t1: number });
      } catch {
        reject(new Error(`${file}: no timing in output: ${stdout.slice(0, 200)} ${stderr.slice(0, 400)}`));
      }
    });
  });
}

/**
 * Builds every entry and its reference with the Lambda esbuild options, then starts `runs`
 * fresh node processes per bundle, round-robin so that machine noise falls on all alike.
 */
export async function benchBundles(options: {
  root: string;
  entries: readonly LambdaEntry[];
  runs: number;
  maxMs: number;
  log: (line: string) => void;
}): Promise<BundleResult[]> {
  const { root, entries, runs, maxMs, log } = options;
  const dir = mkdtempSync(join(tmpdir(), 'channelbase-bench-'));
  const started = performance.now();
  try {
    const wrapper = join(dir, 'init-wrapper.mjs');
    writeFileSync(wrapper, WRAPPER);
    const built = new Map<string, Built>();
    const refs = new Map<string, Built>();
    for (const [i, e] of entries.entries()) {
      const b = await bundle(root, dir, `entry-${i}`, { entry: e.entry });
      built.set(e.entry, b);
      const clients = clientsIn(b.metafile);
      const key = clients.join('+') || 'none';
      if (!refs.has(key)) refs.set(key, await bundle(root, dir, `reference-${key}`, { source: referenceSource(clients) }));
    }
    log(`  built ${built.size} bundles and ${refs.size} references in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const targets = [
      ...[...built.entries()].map(([k, b]) => [`entry:${k}`, b.file] as const),
      ...[...refs.entries()].map(([k, b]) => [`ref:${k}`, b.file] as const),
    ];
    const times = new Map<string, { t0: number; t1: number }[]>(targets.map(([k]) => [k, []]));
    // One untimed start each: the first read of a file from disk is not what Lambda measures.
    for (const [, file] of targets) await coldStart(process.execPath, wrapper, file, dir);
    let done = 0;
    let lastRound = 0;
    for (let r = 0; r < runs; r++) {
      if (performance.now() - started + lastRound > maxMs) {
        log(`  cold starts stopped after ${r} rounds: time budget`);
        break;
      }
      const roundStart = performance.now();
      for (const [key, file] of targets) times.get(key)?.push(await coldStart(process.execPath, wrapper, file, dir));
      lastRound = performance.now() - roundStart;
      done = r + 1;
    }
    log(`  ${done} cold starts per bundle (${done * targets.length} processes) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const stat = (key: string) => {
      const t = times.get(key) ?? [];
      return { initMs: median(t.map((x) => x.t1)), importMs: median(t.map((x) => x.t1 - x.t0)), nodeStartMs: median(t.map((x) => x.t0)) };
    };
    const schemaCounts = new Map<string, number>();
    for (const [k, b] of built) schemaCounts.set(k, await schemasAtLoad(b.file));
    return entries.map((e) => {
      const b = built.get(e.entry) as Built;
      const clients = clientsIn(b.metafile);
      const ref = refs.get(clients.join('+') || 'none') as Built;
      const own = stat(`entry:${e.entry}`);
      const refStat = stat(`ref:${clients.join('+') || 'none'}`);
      const kb = b.bytes / 1024;
      const refKb = ref.bytes / 1024;
      const comp = composition(b.metafile);
      const total = Object.values(comp).reduce((a, n) => a + n, 0);
      const entryInput = Object.keys(b.metafile.inputs).find((p) => p === e.entry) ?? e.entry;
      const top = Object.entries(comp)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 8)
        .map(([name, bytes]) => ({ name, kb: bytes / 1024, share: total ? bytes / total : 0, via: chainTo(b.metafile, entryInput, name) }))
        .map((c) => (c.via ? c : { name: c.name, kb: c.kb, share: c.share }));
      const refComp = composition(ref.metafile);
      const beyond = (m: Metafile): Contributor[] => {
        const own = composition(m);
        const sum = Object.values(own).reduce((a, n) => a + n, 0);
        return Object.entries(own)
          .map(([name, bytes]) => [name, bytes - (refComp[name] ?? 0)] as const)
          .filter(([, extra]) => extra > 512)
          .sort((x, y) => y[1] - x[1])
          .slice(0, 8)
          .map(([name, extra]) => {
            const via = chainTo(m, entryInput, name);
            return { name, kb: extra / 1024, share: sum ? extra / sum : 0, ...(via ? { via } : {}) };
          });
      };
      const overReference = beyond(b.metafile);
      const sizeRatio = kb / refKb;
      const initRatio = own.initMs / refStat.initMs;
      const pass = {
        init: initRatio <= BUNDLE_TARGETS.maxInitRatio,
        under500: kb < BUNDLE_TARGETS.maxKb,
      };
      const notes: string[] = [];
      if (!pass.under500 || !pass.init) {
        for (const c of overReference.slice(0, 6)) {
          const hint = hintFor(c.name);
          if (hint) notes.push(`${c.name} (+${c.kb.toFixed(0)} KB over the reference): ${hint}`);
        }
      }
      return {
        name: e.name,
        entry: e.entry,
        kb,
        totalKb: b.totalBytes / 1024,
        gzipKb: b.gzipBytes / 1024,
        reference: { clients, kb: refKb, totalKb: ref.totalBytes / 1024, gzipKb: ref.gzipBytes / 1024, initMs: refStat.initMs, importMs: refStat.importMs },
        ...own,
        runs: times.get(`entry:${e.entry}`)?.length ?? 0,
        schemasAtLoad: schemaCounts.get(e.entry) ?? 0,
        sizeRatio,
        initRatio,
        importRatio: own.importMs / refStat.importMs,
        pass,
        top,
        overReference,
        composition: Object.fromEntries(
          Object.entries(comp)
            .sort((x, y) => y[1] - x[1])
            .map(([k, v]) => [k, Number((v / 1024).toFixed(1))]),
        ),
        notes,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
