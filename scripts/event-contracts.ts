/**
 * Event contracts: what a published event type promises its consumers, and the check that a
 * change keeps that promise. Pure: JSON Schemas in, problems out (no files).
 *
 * An event's contract is the shape of its `detail`, flattened to one entry per field path
 * (`detail.data.partner.id`, `detail.data.matches[]`, `detail.data.settings{}` for a record's
 * values): the field's JSON types (with its enum values) and whether it is required.
 *
 * Against the contract of the same event type and version, these changes are breaking:
 * - a field is removed;
 * - a field's type changes (also: an enum value is dropped);
 * - an optional field becomes required, or a required field is added to an existing object
 *   (events already published, archived or replayed, lack it);
 * - a required field becomes optional (consumers that read it can no longer rely on it).
 * Compatible: new optional fields (and whatever a new optional object requires inside itself),
 * new enum values, new event types, descriptions, patterns and formats.
 *
 * A breaking change is declared as a new version of the event (`defineEvent(..., { version: 2 })`):
 * the baseline keeps every version side by side and the current one is compared with its own.
 * An event type that moves to another source or goes away is declared retired (with a reason and
 * its replacement, if any); otherwise its disappearance is breaking too.
 */

import * as z from '@channelbase/core/kernel/zod';

export type JsonSchema = Record<string, unknown>;

export interface Field {
  /** JSON types, sorted: string, number, integer, boolean, null, object, array, any; `ref:X` for a recursive reference. */
  type: string[];
  required: boolean;
  /** The only values allowed, when the schema lists them (enum or const). */
  enum?: (string | number | boolean | null)[];
}

/** Field path → field. */
export type Shape = Record<string, Field>;

/** One event type at one version, as the baseline records it. */
export interface EventContract {
  source: string;
  detailType: string;
  version: number;
  fields: Shape;
}

/** An event type that is no longer published: declared, with why and what replaces it. */
export interface Retirement {
  source: string;
  detailType: string;
  reason: string;
  replacement: { source: string; detailType: string } | null;
}

const retirementsSchema = z.array(
  z.object({
    source: z.string(),
    detailType: z.string(),
    reason: z.string(),
    replacement: z.nullable(z.object({ source: z.string(), detailType: z.string() })),
  }),
);

/** Reads the declared retirements (events/retired.json's content). */
export const parseRetirements = (json: unknown): Retirement[] => retirementsSchema.parse(json);

export type ProblemKind =
  | 'field-removed'
  | 'type-changed'
  | 'became-required'
  | 'required-field-added'
  | 'became-optional'
  | 'event-removed'
  | 'version-lowered'
  | 'not-recorded'
  | 'baseline-stale'
  | 'retirement-invalid';

export interface Problem {
  kind: ProblemKind;
  /** `source DetailType vN`. */
  event: string;
  path?: string;
  message: string;
}

/** The kinds that break consumers; the rest say the baseline or the declarations need updating. */
export const BREAKING: ReadonlySet<ProblemKind> = new Set([
  'field-removed',
  'type-changed',
  'became-required',
  'required-field-added',
  'became-optional',
  'event-removed',
  'version-lowered',
]);

// ---------------------------------------------------------------- flattening

type Scalar = string | number | boolean | null;
const typeOf = (v: Scalar): string => (v === null ? 'null' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);
const uniqSorted = <T extends Scalar>(values: Iterable<T>): T[] => [...new Set(values)].sort((a, b) => String(a).localeCompare(String(b)));

/** Flattens an event's JSON Schema (or any schema) from `rootPath` down, resolving local `$ref`s. */
export function flattenSchema(document: JsonSchema, rootPath = 'detail', at: JsonSchema = detailOf(document)): Shape {
  const shape: Shape = {};
  walk(document, at, rootPath, true, [], shape);
  return shape;
}

/** The `detail` schema of an EventBridge event schema; the document itself when it has none. */
function detailOf(document: JsonSchema): JsonSchema {
  const detail = (document.properties as Record<string, JsonSchema> | undefined)?.detail;
  return detail ?? document;
}

function resolve(document: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document) as JsonSchema | undefined;
}

function walk(document: JsonSchema, schema: JsonSchema, path: string, required: boolean, refs: string[], out: Shape): void {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined;
  if (ref) {
    if (refs.includes(ref)) {
      add(out, path, { type: [`ref:${ref.split('/').pop()}`], required });
      return;
    }
    const target = resolve(document, ref);
    if (!target) throw new Error(`${path}: unresolvable $ref ${ref}`);
    walk(document, { ...target, ...withoutRef(schema) }, path, required, [...refs, ref], out);
    return;
  }
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) {
    // A union: each branch flattened alone, then merged (types and values joined; a field is
    // required only where every branch that can hold it requires it).
    const shapes = branches.map((b) => {
      const s: Shape = {};
      walk(document, b, path, required, refs, s);
      return s;
    });
    mergeUnion(out, shapes, path);
    return;
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf as JsonSchema[]) walk(document, part, path, required, refs, out);
    return;
  }
  const field: Field = { type: [], required };
  if ('const' in schema) {
    field.enum = [schema.const as Scalar];
    field.type = [typeOf(schema.const as Scalar)];
  }
  if (Array.isArray(schema.enum)) {
    field.enum = uniqSorted(schema.enum as Scalar[]);
    field.type = uniqSorted((schema.enum as Scalar[]).map(typeOf));
  }
  if (schema.type !== undefined) field.type = uniqSorted(([] as string[]).concat(schema.type as string | string[]));
  if (field.type.length === 0) field.type = schema.properties ? ['object'] : schema.items ? ['array'] : ['any'];
  add(out, path, field);
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    const requiredNames = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, child] of Object.entries(properties)) walk(document, child, `${path}.${name}`, requiredNames.has(name), refs, out);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    walk(document, schema.additionalProperties as JsonSchema, `${path}{}`, true, refs, out);
  }
  if (Array.isArray(schema.prefixItems)) (schema.prefixItems as JsonSchema[]).forEach((item, i) => walk(document, item, `${path}[${i}]`, true, refs, out));
  if (schema.items && typeof schema.items === 'object') walk(document, schema.items as JsonSchema, `${path}[]`, true, refs, out);
}

function withoutRef(schema: JsonSchema): JsonSchema {
  const { $ref, ...rest } = schema;
  void $ref;
  return rest;
}

/** Adds a field, joining with what is there (allOf parts, repeated visits). */
function add(out: Shape, path: string, field: Field): void {
  const existing = out[path];
  if (!existing) {
    out[path] = field;
    return;
  }
  out[path] = {
    type: uniqSorted([...existing.type, ...field.type]),
    required: existing.required || field.required,
    ...(existing.enum && field.enum
      ? { enum: uniqSorted([...existing.enum, ...field.enum]) }
      : existing.enum
        ? { enum: existing.enum }
        : field.enum
          ? { enum: field.enum }
          : {}),
  };
}

const CONTAINERS = new Set(['object', 'array', 'any']);

function mergeUnion(out: Shape, shapes: Shape[], path: string): void {
  const paths = new Set(shapes.flatMap((s) => Object.keys(s)));
  // The branches that can hold nested fields (not the `null` of a nullable object, say).
  const holders = shapes.filter((s) => s[path]?.type.some((t) => CONTAINERS.has(t)));
  for (const p of paths) {
    const fields = shapes.flatMap((s) => (s[p] ? [s[p]] : []));
    // Unrestricted in one branch means unrestricted: the values only stay listed if every branch lists them.
    const enums = fields.every((f) => f.enum) ? uniqSorted(fields.flatMap((f) => f.enum as Scalar[])) : undefined;
    const field: Field = {
      type: uniqSorted(fields.flatMap((f) => f.type)),
      // The union's own path keeps the requiredness it was reached with; a nested field is
      // required when every branch that can hold it requires it.
      required: p === path ? fields.some((f) => f.required) : holders.every((s) => s[p]?.required === true),
      ...(enums ? { enum: enums } : {}),
    };
    add(out, p, field);
  }
}

// ---------------------------------------------------------------- comparing

const label = (c: { source: string; detailType: string; version?: number }) => `${c.source} ${c.detailType}${c.version ? ` v${c.version}` : ''}`;
const sameType = (a: Field, b: Field) => a.type.length === b.type.length && a.type.every((t, i) => t === b.type[i]);
const parentOf = (path: string): string => path.replace(/(\.[^.[{]+|\[\d*\]|\{\})$/, '');

/** The breaking changes from one version of a contract to the current shape of the same version. */
export function compareShapes(event: string, before: Shape, after: Shape): Problem[] {
  const problems: Problem[] = [];
  const removed = new Set<string>();
  for (const [path, was] of Object.entries(before)) {
    const is = after[path];
    if (!is) {
      // Only the outermost removed field is reported; what it held went with it.
      if (![...removed].some((r) => path.startsWith(r) && path !== r && /^[.[{]/.test(path.slice(r.length)))) {
        problems.push({ kind: 'field-removed', event, path, message: `${event}: ${path} was removed` });
        removed.add(path);
      }
      continue;
    }
    if (!sameType(was, is)) {
      problems.push({ kind: 'type-changed', event, path, message: `${event}: ${path} changed type from ${was.type.join(' | ')} to ${is.type.join(' | ')}` });
    } else if (was.enum || is.enum) {
      const allowed = new Set(is.enum ?? []);
      const dropped = is.enum ? (was.enum ?? []).filter((v) => !allowed.has(v)) : [];
      if (!was.enum && is.enum) {
        problems.push({
          kind: 'type-changed',
          event,
          path,
          message: `${event}: ${path} is now limited to ${is.enum.map((v) => JSON.stringify(v)).join(', ')}`,
        });
      } else if (dropped.length) {
        problems.push({ kind: 'type-changed', event, path, message: `${event}: ${path} no longer allows ${dropped.map((v) => JSON.stringify(v)).join(', ')}` });
      }
    }
    if (!was.required && is.required) problems.push({ kind: 'became-required', event, path, message: `${event}: ${path} was optional and is now required` });
    if (was.required && !is.required) problems.push({ kind: 'became-optional', event, path, message: `${event}: ${path} was required and is now optional` });
  }
  for (const [path, is] of Object.entries(after)) {
    if (before[path] || !is.required) continue;
    // A required field inside a new optional object is part of that object's (compatible) addition.
    if (before[parentOf(path)])
      problems.push({ kind: 'required-field-added', event, path, message: `${event}: ${path} is a new required field of an existing object` });
  }
  return problems;
}

const key = (source: string, detailType: string) => `${source}\u0000${detailType}`;

/**
 * Checks the current contracts against the baseline and the declared retirements. Breaking
 * problems (see BREAKING) must be declared as a new version or a retirement; the others say the
 * baseline needs recording (`npm run events:baseline`) or a declaration is wrong.
 */
export function checkContracts(baseline: readonly EventContract[], current: readonly EventContract[], retired: readonly Retirement[] = []): Problem[] {
  const problems: Problem[] = [];
  const currentByType = new Map(current.map((c) => [key(c.source, c.detailType), c]));
  const baselineByVersion = new Map(baseline.map((b) => [`${key(b.source, b.detailType)}\u0000${b.version}`, b]));
  const retiredByType = new Map(retired.map((r) => [key(r.source, r.detailType), r]));

  for (const c of current) {
    const recorded = baselineByVersion.get(`${key(c.source, c.detailType)}\u0000${c.version}`);
    const older = baseline.filter((b) => b.source === c.source && b.detailType === c.detailType);
    const newest = Math.max(0, ...older.map((b) => b.version));
    if (newest > c.version) {
      problems.push({
        kind: 'version-lowered',
        event: label(c),
        message: `${label(c)} is declared at version ${c.version}, but version ${newest} was published`,
      });
      continue;
    }
    if (!recorded) {
      problems.push({
        kind: 'not-recorded',
        event: label(c),
        message: `${label(c)} is not in the baseline yet${newest ? ` (it has v${newest})` : ''}: run npm run events:baseline`,
      });
      continue;
    }
    const breaking = compareShapes(label(c), recorded.fields, c.fields);
    problems.push(...breaking);
    if (!breaking.length && JSON.stringify(recorded.fields) !== JSON.stringify(c.fields)) {
      problems.push({ kind: 'baseline-stale', event: label(c), message: `${label(c)} changed compatibly: run npm run events:baseline to record it` });
    }
  }

  const baselineTypes = new Map(baseline.map((b) => [key(b.source, b.detailType), b]));
  for (const [k, b] of baselineTypes) {
    if (currentByType.has(k) || retiredByType.has(k)) continue;
    problems.push({
      kind: 'event-removed',
      event: label(b),
      message: `${label(b)} is no longer published: declare it retired (reason, replacement) in events/retired.json`,
    });
  }

  for (const r of retired) {
    const event = label(r);
    if (!r.reason.trim()) problems.push({ kind: 'retirement-invalid', event, message: `${event}: a retirement needs a reason` });
    if (currentByType.has(key(r.source, r.detailType)))
      problems.push({ kind: 'retirement-invalid', event, message: `${event} is declared retired but is still published` });
    if (!baselineTypes.has(key(r.source, r.detailType)))
      problems.push({ kind: 'retirement-invalid', event, message: `${event} is declared retired but was never in the baseline` });
    if (r.replacement && !currentByType.has(key(r.replacement.source, r.replacement.detailType))) {
      problems.push({ kind: 'retirement-invalid', event, message: `${event} is replaced by ${label(r.replacement)}, which is not published` });
    }
  }
  return problems;
}
