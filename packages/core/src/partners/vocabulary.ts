import * as z from '../kernel/zod.ts';
import { ValidationError, type FieldProblem } from '../kernel/errors.ts';
import { nameText } from '../kernel/text.ts';
import { type Partner, specialisationSchema, tierSchema } from './model.ts';

/**
 * The programme's shared vocabulary: the tiers (in rank order, HIGHEST FIRST) and the product
 * lines. A partner's `tier` is a tier key and its `specialisations` are product-line keys.
 *
 * Version 0 of a list is "not defined yet" (legacy mode): any well-formed key is accepted, as
 * before the vocabulary existed. From the first PUT on, only listed keys are.
 */
export const VOCABULARY_KINDS = ['tiers', 'productLines'] as const;
export type VocabularyKind = (typeof VOCABULARY_KINDS)[number];

/** Per list: its key format, its bound, the partner field holding its keys and its names in the API. */
export const VOCABULARIES = {
  tiers: { key: tierSchema, max: 50, field: 'tier', noun: 'tier', id: 'tiers', label: 'Tiers' },
  productLines: { key: specialisationSchema, max: 500, field: 'specialisations', noun: 'product line', id: 'product-lines', label: 'ProductLines' },
} as const;

const itemSchema = (kind: VocabularyKind) =>
  z.strictObject({ key: VOCABULARIES[kind].key, name: z.withMeta(nameText(100), { example: kind === 'tiers' ? 'Gold' : 'Networking' }) });

/** Keys must be unique within a list; a repeat is named by its index (`items.3.key`). */
const uniqueKeys = (items: { key: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach(({ key }, i) => {
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate key '${key}'` });
    seen.add(key);
  });
};

const inputSchema = (kind: VocabularyKind, description: string) =>
  z.withMeta(
    z.strictObject({ items: z.withDescription(z.array(itemSchema(kind)).check(z.maxLength(VOCABULARIES[kind].max), z.superRefine(uniqueKeys)), description) }),
    { id: `Put${VOCABULARIES[kind].label}` },
  );

const listSchema = (kind: VocabularyKind, description: string) =>
  z.withMeta(
    z.object({
      items: z.withDescription(z.array(z.object({ key: z.string(), name: z.string() })), description),
      version: z.withDescription(z.number().check(z.int(), z.minimum(0)), '0: no list defined yet (any well-formed key is accepted)'),
      updatedAt: z.nullable(z.iso.datetime()),
    }),
    { id: VOCABULARIES[kind].label },
  );

const TIERS_ORDER = 'Tier keys in rank order, highest first; at most 50.';
const PRODUCT_LINES_ORDER = 'Product-line keys (the values of partner specialisations); at most 500.';
export const tiersInputSchema = z.deferred(() => inputSchema('tiers', TIERS_ORDER));
export const productLinesInputSchema = z.deferred(() => inputSchema('productLines', PRODUCT_LINES_ORDER));
export const tierListSchema = z.deferred(() => listSchema('tiers', TIERS_ORDER));
export const productLineListSchema = z.deferred(() => listSchema('productLines', PRODUCT_LINES_ORDER));

export interface VocabularyItem {
  key: string;
  name: string;
}
export interface VocabularyList {
  items: VocabularyItem[];
  version: number;
  updatedAt: string | null;
}
export const EMPTY_VOCABULARY: VocabularyList = { items: [], version: 0, updatedAt: null };

/** What changed between two versions of a list. */
export interface VocabularyDiff {
  added: string[];
  removed: string[];
  renamed: { key: string; from: string; to: string }[];
  /** The keys both versions hold are in another order (for tiers: another ranking). */
  reordered: boolean;
}

/**
 * The keys added, removed and renamed from one version of a list to the next.
 * @example diffVocabulary([{ key: 'gold', name: 'Gold' }], [{ key: 'gold', name: 'Gold+' }]) // renamed: [{ key: 'gold', from: 'Gold', to: 'Gold+' }]
 */
export function diffVocabulary(before: VocabularyItem[], after: VocabularyItem[]): VocabularyDiff {
  const old = new Map(before.map((i) => [i.key, i.name]));
  const next = new Map(after.map((i) => [i.key, i.name]));
  const kept = (list: VocabularyItem[], other: Map<string, string>) => list.map((i) => i.key).filter((k) => other.has(k));
  return {
    added: after.filter((i) => !old.has(i.key)).map((i) => i.key),
    removed: before.filter((i) => !next.has(i.key)).map((i) => i.key),
    renamed: after.filter((i) => old.has(i.key) && old.get(i.key) !== i.name).map((i) => ({ key: i.key, from: old.get(i.key)!, to: i.name })),
    reordered: kept(before, next).join('\n') !== kept(after, old).join('\n'),
  };
}

export const isUnchanged = (d: VocabularyDiff) => !d.added.length && !d.removed.length && !d.renamed.length && !d.reordered;

/** The keys of one list a partner gains and loses in a change (none for an untouched field). */
export interface UsageDelta {
  gained: string[];
  lost: string[];
}

const keysOf = (kind: VocabularyKind, p: Partner | undefined): string[] => {
  if (!p) return [];
  if (kind === 'tiers') return p.tier ? [p.tier] : [];
  return [...new Set(p.specialisations ?? [])];
};

/**
 * The keys a partner write adds to and removes from each list's usage (for the usage counters).
 * @example usageDelta(undefined, partner).tiers // { gained: ['gold'], lost: [] }
 */
export function usageDelta(before: Partner | undefined, after: Partner): Record<VocabularyKind, UsageDelta> {
  const delta = (kind: VocabularyKind): UsageDelta => {
    const [was, is] = [keysOf(kind, before), keysOf(kind, after)];
    return { gained: is.filter((k) => !was.includes(k)), lost: was.filter((k) => !is.includes(k)) };
  };
  return { tiers: delta('tiers'), productLines: delta('productLines') };
}

/** Where a partner's vocabulary fields are in the request, for field paths (`body.specialisations.2`). */
export interface VocabularyPaths {
  tier: string;
  specialisations: string;
}
export const PARTNER_BODY_PATHS: VocabularyPaths = { tier: 'body.tier', specialisations: 'body.specialisations' };

/**
 * The keys a partner gains that the current lists do not define, as field problems. Only the
 * gained keys are checked: an untouched legacy value keeps working. A list at version 0 (not
 * defined yet) accepts every well-formed key.
 */
export function undefinedKeys(
  after: Partner,
  delta: Record<VocabularyKind, UsageDelta>,
  lists: Partial<Record<VocabularyKind, VocabularyList>>,
  paths: VocabularyPaths = PARTNER_BODY_PATHS,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const defined = (kind: VocabularyKind, key: string) => {
    const list = lists[kind];
    return !list || list.version === 0 || list.items.some((i) => i.key === key);
  };
  for (const key of delta.tiers.gained) {
    if (!defined('tiers', key)) problems.push({ path: paths.tier, message: `'${key}' is not a tier of the programme (GET /programme/tiers)` });
  }
  (after.specialisations ?? []).forEach((key, i) => {
    if (delta.productLines.gained.includes(key) && !defined('productLines', key)) {
      problems.push({ path: `${paths.specialisations}.${i}`, message: `'${key}' is not a product line of the programme (GET /programme/product-lines)` });
    }
  });
  return problems;
}

/** Counter changes one partner write may carry (a transaction holds at most 100 writes). */
export const MAX_USAGE_CHANGES = 80;

/** Refuses a partner change that would need more counter updates than one transaction holds. */
export function assertUsageBounded(delta: Record<VocabularyKind, UsageDelta>, paths: VocabularyPaths = PARTNER_BODY_PATHS): void {
  const n = VOCABULARY_KINDS.reduce((sum, k) => sum + delta[k].gained.length + delta[k].lost.length, 0);
  if (n > MAX_USAGE_CHANGES) {
    throw new ValidationError(`One change may add and remove at most ${MAX_USAGE_CHANGES} specialisations in all; split it in two`, [
      { path: paths.specialisations, message: `adds and removes ${n} keys` },
    ]);
  }
}

/** Keys one PUT may remove (each needs a check that no partner holds it, in one transaction). */
export const MAX_REMOVED_KEYS = 90;

/** A key in use, with how many partners hold it and some of them, for a refusal. */
export interface KeyInUse {
  key: string;
  count: number;
  partners: { id: string; legalName: string }[];
}

/** At most this many partners are named in a refusal; the counts are always complete. */
export const MAX_NAMED_PARTNERS = 20;

/** The detail and field problems of a refused change: each key in use with its count, then the partners named. */
export function inUseProblems(kind: VocabularyKind, inUse: KeyInUse[]): { detail: string; errors: FieldProblem[] } {
  const { noun } = VOCABULARIES[kind];
  const total = inUse.reduce((n, k) => n + k.count, 0);
  const plural = (n: number) => `${n} partner${n === 1 ? '' : 's'}`;
  const named = new Map<string, { legalName: string; keys: string[] }>();
  for (const k of inUse) {
    for (const p of k.partners) {
      const entry = named.get(p.id) ?? { legalName: p.legalName, keys: [] };
      entry.keys.push(k.key);
      named.set(p.id, entry);
    }
  }
  const shown = [...named.entries()].slice(0, MAX_NAMED_PARTNERS);
  return {
    detail:
      `This change would leave partners on an undefined ${noun}: ${inUse.map((k) => `'${k.key}' (${plural(k.count)})`).join(', ')}; ` +
      `${total} assignment${total === 1 ? '' : 's'} in all, ${shown.length} partner${shown.length === 1 ? '' : 's'} named in errors. ` +
      `Keep the key${inUse.length === 1 ? '' : 's'} in the list, or move the partners first (PATCH /partners/{id}).`,
    errors: [
      ...inUse.map((k) => ({ path: `keys.${k.key}`, message: `held by ${plural(k.count)}` })),
      ...shown.map(([id, p]) => ({ path: `partners.${id}`, message: `${p.legalName} (${noun} ${p.keys.map((k) => `'${k}'`).join(', ')})` })),
    ],
  };
}
