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

/**
 * A schema built on first use: `deferred(() => z.strictObject({...}))` stands for the schema it
 * builds and behaves as it in every way (parse, `z.extend`, `.shape`, `instanceof`, metadata),
 * but builds it, and the schemas only it holds, the first time anything reads it. Building the
 * schemas is most of what a Lambda's cold start costs beyond the AWS SDK, and a handler uses few
 * of the schemas it imports (one route's body, not the responses the documents describe).
 * @example export const partnerSchema = z.deferred(() => z.withMeta(z.strictObject({...}), { id: 'Partner' }));
 */
const COPYING = new Set<PropertyKey>(['clone', 'check', 'with', 'brand']);

export function deferred<T extends z.ZodMiniType>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => {
    if (built) return built;
    built = build();
    // The registry (the documents' metadata) is keyed by identity: the stand-in carries the same.
    const meta = z.globalRegistry.get(built);
    if (meta) z.globalRegistry.add<z.ZodMiniType>(standIn, meta);
    return built;
  };
  const standIn: T = new Proxy({} as T, {
    get: (_, key) => {
      const value: unknown = Reflect.get(real(), key);
      if (typeof value !== 'function' || !COPYING.has(key)) return value;
      // A copy made through the stand-in names the stand-in as its parent, not the schema behind
      // it: the JSON Schema generator then meets one schema per id, not two.
      return (...args: unknown[]) => {
        const copy = (value as (...a: unknown[]) => unknown)(...args) as { _zod?: { parent?: unknown } } | undefined;
        if (copy?._zod && copy._zod.parent === built) copy._zod.parent = standIn;
        return copy;
      };
    },
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_, key, d) => Reflect.defineProperty(real(), key, d),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
  return standIn;
}
