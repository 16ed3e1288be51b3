import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, type BuildResult, type Metafile, build, buildSync } from 'esbuild';

/**
 * How every Lambda is bundled: ESM, minified, for the Lambda Node.js runtime, with code
 * splitting. The CDK functions (infra/constructs/function.ts), the bundle test and the
 * benchmark all build through `lambdaBuildOptions`, so what is measured is what is deployed.
 *
 * Code splitting is what makes a dynamic `import()` lazy in the deployed code: the module goes
 * into a chunk of its own, beside `index.mjs`, and is read only when first used. The Public
 * Suffix List (`tldts`, about 135 KB) and the AWS SDK's rarely used credential providers load
 * that way; a cold start reads only the entry and the chunks it imports statically.
 */
export const LAMBDA_NODE_TARGET = 'node24';

/** The handler's file in the asset: Lambda's handler setting is `index.handler`. */
export const LAMBDA_ENTRY_FILE = 'index.mjs';

export const lambdaEsbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: LAMBDA_NODE_TARGET,
  minify: true,
  sourcemap: false,
  treeShaking: true,
  splitting: true,
  // Chunks sit beside the entry, so `import.meta.url` names the same folder in all of them.
  entryNames: 'index',
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); ESM bundles need it defined.
  banner: { js: "import { createRequire as __cbCreateRequire } from 'node:module'; const require = __cbCreateRequire(import.meta.url);" },
  // The Lambda Node.js runtime ships the AWS SDK v3, but bundling pins the version we test.
  external: [],
  legalComments: 'none',
} satisfies BuildOptions;

/** The esbuild options that bundle one entry (a path from `root`) into `outdir`. */
export function lambdaBuildOptions(root: string, entry: string, outdir: string): BuildOptions & { metafile: true } {
  return { ...lambdaEsbuildOptions, absWorkingDir: root, entryPoints: [entry], outdir, metafile: true, logLevel: 'warning' };
}

/** Files shipped beside a bundle (the name in the asset → the file to copy). */
export type BundleAssets = Readonly<Record<string, string>>;

function copyAssets(outdir: string, assets: BundleAssets = {}): void {
  mkdirSync(outdir, { recursive: true });
  for (const [name, source] of Object.entries(assets)) copyFileSync(source, join(outdir, name));
}

/** Bundles one Lambda entry into `outdir` (synchronously: CDK's local bundling is synchronous). */
export function bundleLambdaSync(root: string, entry: string, outdir: string, assets?: BundleAssets): BuildResult<{ metafile: true }> {
  const result = buildSync(lambdaBuildOptions(root, entry, outdir));
  copyAssets(outdir, assets);
  return result;
}

/** Bundles one Lambda entry into `outdir`. */
export async function bundleLambda(root: string, entry: string, outdir: string, assets?: BundleAssets): Promise<BuildResult<{ metafile: true }>> {
  const result = await build(lambdaBuildOptions(root, entry, outdir));
  copyAssets(outdir, assets);
  return result;
}

/** What a bundle weighs: what a cold start reads (the entry and its static imports) and all of it. */
export interface BundleSize {
  /** Bytes of the entry file and every chunk it imports statically, transitively. */
  initBytes: number;
  /** Bytes of every output file (lazy chunks included; shipped assets not). */
  totalBytes: number;
  /** The output files a cold start reads, entry first. */
  initFiles: string[];
}

export function bundleSize(metafile: Metafile): BundleSize {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint !== undefined && path.endsWith(`/${LAMBDA_ENTRY_FILE}`));
  if (!entry) throw new Error(`no ${LAMBDA_ENTRY_FILE} among the outputs: ${Object.keys(outputs).join(', ')}`);
  const initFiles: string[] = [];
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift() as string;
    if (initFiles.includes(file)) continue;
    initFiles.push(file);
    for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) queue.push(i.path);
  }
  const bytes = (files: string[]) => files.reduce((sum, f) => sum + (outputs[f]?.bytes ?? 0), 0);
  return { initBytes: bytes(initFiles), totalBytes: bytes(Object.keys(outputs)), initFiles };
}
