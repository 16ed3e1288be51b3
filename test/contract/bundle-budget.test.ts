import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contexts } from '../../functions/contexts.ts';
import { LAMBDA_ENTRY_FILE, bundleLambda, bundleSize } from '../../infra/bundling.ts';
import { BUNDLE_TARGETS, lambdaEntries, schemasAtLoad } from '../bench/bundles.ts';

// The size half of the bundle budget, checked on every run (sizes are deterministic; the cold
// start half is measured by `npm run bench -- bundles`, never asserted on time). Every Lambda
// entry the wirings declare is built with the deployed options.
const REPO = join(import.meta.dirname, '../..');
const entries = lambdaEntries(contexts);
const built = new Map<string, Metafile>();
const entryFiles = new Map<string, string>();
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'channelbase-budget-'));
  for (const [i, e] of entries.entries()) {
    built.set(e.entry, (await bundleLambda(REPO, e.entry, join(dir, String(i)))).metafile);
    entryFiles.set(e.entry, join(dir, String(i), LAMBDA_ENTRY_FILE));
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** npm package name and version of every bundled input, from the package.json nearest to it. */
function packagesOf(metafile: Metafile): Map<string, Set<string>> {
  const byName = new Map<string, Set<string>>();
  for (const path of Object.keys(metafile.inputs)) {
    const at = path.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const parts = path.slice(at + 'node_modules/'.length).split('/');
    const name = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    const root = path.slice(0, at) + 'node_modules/' + name;
    byName.set(name, (byName.get(name) ?? new Set()).add(root));
  }
  return byName;
}

describe('every Lambda bundle stays inside its size budget', () => {
  it.each(entries.map((e) => [e.name, e.entry] as const))('%s: what a cold start reads is under 500 KB', (_name, entry) => {
    const size = bundleSize(built.get(entry)!);
    expect(size.initBytes / 1024).toBeLessThan(BUNDLE_TARGETS.maxKb);
    expect(size.initFiles.length).toBeGreaterThan(0);
  });

  it.each(entries.map((e) => [e.name, e.entry] as const))(
    `%s: builds at most ${BUNDLE_TARGETS.maxSchemasAtLoad} zod schemas at load (the rest on first read: z.deferred)`,
    async (_name, entry) => {
      expect(await schemasAtLoad(entryFiles.get(entry)!)).toBeLessThanOrEqual(BUNDLE_TARGETS.maxSchemasAtLoad);
    },
    30_000,
  );

  it.each(entries.map((e) => [e.name, e.entry] as const))('%s: carries no X-Ray SDK and one copy of each package', (_name, entry) => {
    const packages = packagesOf(built.get(entry)!);
    expect([...packages.keys()]).not.toContain('aws-xray-sdk-core');
    const twice = [...packages].filter(([, roots]) => roots.size > 1).map(([name, roots]) => `${name}: ${[...roots].join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('counts what it says: the partners API builds some schemas at load, the relay (no zod) none', async () => {
    expect(await schemasAtLoad(entryFiles.get('functions/partners/api.ts')!)).toBeGreaterThan(20);
    expect(await schemasAtLoad(entryFiles.get('functions/platform/relay.ts')!)).toBe(0);
  }, 30_000);

  it('is a check that can fail: the Public Suffix List is in a lazy chunk, not in what a start reads', () => {
    const partners = built.get('functions/partners/api.ts')!;
    const size = bundleSize(partners);
    const lazy = Object.entries(partners.outputs).filter(([file]) => !size.initFiles.includes(file));
    const holds = (files: [string, Metafile['outputs'][string]][]) =>
      files.some(([, o]) => Object.keys(o.inputs).some((p) => p.includes('node_modules/tldts/')));
    expect(holds(lazy)).toBe(true);
    expect(holds(Object.entries(partners.outputs).filter(([file]) => size.initFiles.includes(file)))).toBe(false);
    expect(size.totalBytes).toBeGreaterThan(size.initBytes + 100 * 1024);
  });
});
