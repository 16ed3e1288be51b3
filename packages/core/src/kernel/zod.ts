/**
 * zod for every schema of the code base: zod/mini, the functional build. A schema is built by
 * functions (`z.optional(z.string().check(z.trim(), z.maxLength(20)))`) rather than by chained
 * methods, which makes it several times cheaper to build at load, the largest part of a Lambda's
 * cold start beyond the AWS SDK (test/bench/README.md, part 2). Every module takes `z` from here
 * (`@channelbase/core/kernel/zod` outside packages/core), for two reasons:
 * - classic zod installs its English messages by itself, zod/mini leaves that to the
 *   application: this module does it once, so problem responses carry the same messages;
 * - `z.ZodError` (what `parse` throws) keeps its classic name;
 * - {@link withMeta} and {@link withDescription} are classic zod's `.meta()` and `.describe()`:
 *   a copy of the schema with the metadata registered (zod/mini's own `z.meta()` is a check,
 *   which an object schema then counts as a refinement: `z.extend` refuses to override its keys).
 * @example import * as z from '../kernel/zod.ts'; const city = z.withMeta(z.string().check(z.trim(), z.minLength(1)), { example: 'Munich' });
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export * from 'zod/mini';
// Under classic zod's names. Reached through `z.core` instead, a bundle would keep all of zod's core (esbuild cannot tree-shake a nested namespace).
export { $ZodError as ZodError, type $RefinementCtx as RefinementCtx, type $ZodIssue as ZodIssue } from 'zod/v4/core';

/** Classic zod's `schema.meta(metadata)`: a copy of `schema` carrying `metadata` in the global registry (the JSON Schema documents read it). */
export const withMeta = <T extends z.ZodMiniType>(schema: T, metadata: z.core.GlobalMeta): T => {
  const copy = schema.clone();
  z.globalRegistry.add<z.ZodMiniType>(copy, metadata);
  return copy;
};

/** Classic zod's `schema.describe(description)`. */
export const withDescription = <T extends z.ZodMiniType>(schema: T, description: string): T => withMeta(schema, { description });
