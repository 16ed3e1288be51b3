import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda is bundled: ESM, minified, for the Lambda Node.js runtime. The CDK
 * functions and the benchmark's bundles use these same options.
 */
export const LAMBDA_NODE_TARGET = 'node24';

export const lambdaEsbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: LAMBDA_NODE_TARGET,
  minify: true,
  sourcemap: false,
  treeShaking: true,
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); ESM bundles need it defined.
  banner: { js: "import { createRequire as __cbCreateRequire } from 'node:module'; const require = __cbCreateRequire(import.meta.url);" },
  // The Lambda Node.js runtime ships the AWS SDK v3, but bundling pins the version we test.
  external: [],
  legalComments: 'none',
} satisfies BuildOptions;
