import fc from 'fast-check';
import * as z from '@channelbase/core/kernel/zod';

/**
 * fast-check arbitraries from a route's own zod schemas (through `z.toJSONSchema`), for the
 * subset of JSON Schema the wirings use: objects (required/optional properties, maps with
 * `propertyNames`, `minProperties`), strings (min/max length, pattern, email/uri), enums and
 * consts, integers and numbers with bounds, arrays (min/max items, uniqueItems), `anyOf`/`oneOf`
 * (nullable among them) and `$ref`s into `$defs`. What is generated is only a candidate: the
 * zod schema itself says whether it is valid (see `fuzz.test.ts`).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON Schema documents are open-ended
type JsonSchema = Record<string, any>;

/** A JSON Schema of what a request carries (the input side of the zod schema). */
export const jsonSchemaOf = (schema: z.ZodMiniType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** A branch of `anyOf`/`oneOf` merged with the keywords beside it (e.g. `required` alternatives of an object). */
function mergeBranch(base: JsonSchema, branch: JsonSchema): JsonSchema {
  const { anyOf: _a, oneOf: _o, ...rest } = base;
  if (Object.keys(rest).every((k) => ['description', 'example', 'default', 'title'].includes(k))) return branch;
  return {
    ...rest,
    ...branch,
    ...(rest.properties || branch.properties ? { properties: { ...rest.properties, ...branch.properties } } : {}),
    ...(rest.required || branch.required ? { required: [...new Set([...(rest.required ?? []), ...(branch.required ?? [])])] } : {}),
  };
}

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const min: number = s.minLength ?? 0;
  const max: number = s.maxLength ?? 300;
  const inBounds = (v: string) => v.length >= min && v.length <= max;
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern as string), { size: 'small' }).filter(inBounds);
  if (s.format === 'email') return fc.emailAddress().filter(inBounds);
  if (s.format === 'uri') return fc.webUrl().filter(inBounds);
  return fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, min + 40) });
}

export function arbitraryOf(s: JsonSchema, root: JsonSchema = s, depth = 0): fc.Arbitrary<unknown> {
  if (s.$ref) {
    const name = (s.$ref as string).split('/').at(-1)!;
    return arbitraryOf({ ...root.$defs[name], ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')) }, root, depth);
  }
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  const branches = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (branches) return fc.oneof(...branches.map((b) => arbitraryOf(mergeBranch(s, b), root, depth)));
  const type = s.type ?? (s.properties ? 'object' : undefined);
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
    case 'number':
      // Unbounded numbers span every finite double: 1e20 was a 500 at the write that a ±1e6 range never tried.
      return fc.double({ min: s.minimum ?? -Number.MAX_VALUE, max: s.maximum ?? Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true });
    case 'string':
      return stringArb(s);
    case 'array': {
      const item = arbitraryOf(s.items ?? {}, root, depth + 1);
      const minLength: number = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? 5, minLength + (depth > 1 ? 1 : 4));
      return s.uniqueItems ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(item, { minLength, maxLength });
    }
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, arbitraryOf(v, root, depth + 1)]));
      let arb: fc.Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys: (s.required ?? []) as string[] });
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        const key = s.propertyNames ? (arbitraryOf(s.propertyNames, root, depth + 1) as fc.Arbitrary<string>) : fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,15}$/);
        const extra = fc.dictionary(key, arbitraryOf(s.additionalProperties, root, depth + 1), { maxKeys: 3 });
        arb = fc.tuple(arb, extra).map(([a, b]) => ({ ...b, ...a }));
      }
      const minProperties: number = s.minProperties ?? 0;
      return minProperties ? arb.filter((v) => Object.keys(v).length >= minProperties) : arb;
    }
    default:
      // `{}` (anything): a JSON scalar.
      return fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean());
  }
}

/** Ways to break an input, each a constraint broken in turn (the schema then says whether it still holds). */
export const MUTATIONS = [
  'drop-field',
  'wrong-type',
  'unknown-field',
  'too-long',
  'fdfa',
  'lone-surrogate',
  'control-char',
  'huge-number',
  'empty-string',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

type Path = (string | number)[];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every node of a JSON value, with its path (the root is `[]`). */
function nodes(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => nodes(v, [...path, i])));
  if (isObject(value)) return here.concat(Object.entries(value).flatMap(([k, v]) => nodes(v, [...path, k])));
  return here;
}

function setAt(root: unknown, path: Path, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head!] = setAt(copy[head!], rest, replace);
  return copy;
}

const WRONG_TYPES: unknown[] = [42, 'x', true, null, [], {}];
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** The input broken one way, at the node `pick` chooses among those the mutation applies to. */
export function mutate(value: unknown, mutation: Mutation, pick: number, variant: number): unknown {
  const all = nodes(value);
  const choose = <T>(xs: T[]): T | undefined => (xs.length ? xs[pick % xs.length] : undefined);
  const strings = all.filter((n) => typeof n.value === 'string');
  const objects = all.filter((n) => isObject(n.value));
  const insert = (s: string, c: string) => s.slice(0, variant % (s.length + 1)) + c + s.slice(variant % (s.length + 1));
  const atString = (f: (s: string) => unknown) => {
    const target = choose(strings);
    return target ? setAt(value, target.path, (old) => f(old as string)) : f('');
  };
  switch (mutation) {
    case 'drop-field': {
      const fields = objects.flatMap((o) => Object.keys(o.value as object).map((k) => [...o.path, k]));
      const target = choose(fields);
      if (!target) return setAt(value, [], () => undefined);
      const key = target.at(-1) as string;
      return setAt(value, target.slice(0, -1), (o) => Object.fromEntries(Object.entries(o as object).filter(([k]) => k !== key)));
    }
    case 'wrong-type': {
      const target = choose(all)!;
      const others = WRONG_TYPES.filter((w) => typeOf(w) !== typeOf(target.value));
      return setAt(value, target.path, () => others[variant % others.length]);
    }
    case 'unknown-field': {
      const target = choose(objects);
      return target ? setAt(value, target.path, (o) => ({ ...(o as object), fuzzUnknownField: 'x' })) : { fuzzUnknownField: 'x' };
    }
    case 'too-long':
      return atString(() => 'x'.repeat([257, 1001, 2049, 50_001][variant % 4]!));
    case 'fdfa':
      return atString(() => '\uFDFA'.repeat([1, 100, 200, 4000][variant % 4]!));
    case 'lone-surrogate':
      return atString((s) => insert(s, ['\uD800', '\uDFFF', '\uDBFFx'][variant % 3]!));
    case 'control-char':
      return atString((s) => insert(s, ['\u0000', '\u001B', '\u0085', '\u2028', '\u202E', '\r\n'][variant % 6]!));
    case 'huge-number': {
      const numbers = all.filter((n) => typeof n.value === 'number');
      const target = choose(numbers) ?? choose(all)!;
      return setAt(value, target.path, () => [1e308, -1e308, 2 ** 53 + 2, 1e21, -1, 0.5][variant % 6]);
    }
    case 'empty-string':
      return atString(() => '');
  }
}

/** A lone (unpaired) UTF-16 surrogate anywhere in a JSON value: not Unicode text, refused by the server (RFC 7493). */
export function hasLoneSurrogate(value: unknown): boolean {
  return nodes(value).some(
    (n) =>
      (typeof n.value === 'string' && /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(n.value)) ||
      (isObject(n.value) && Object.keys(n.value).some(hasLoneSurrogate)),
  );
}
