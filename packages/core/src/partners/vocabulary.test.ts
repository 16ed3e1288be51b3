import { describe, expect, it } from 'vitest';
import { examplePartner } from './examples.ts';
import {
  EMPTY_VOCABULARY,
  MAX_NAMED_PARTNERS,
  diffVocabulary,
  inUseProblems,
  isUnchanged,
  productLinesInputSchema,
  tiersInputSchema,
  undefinedKeys,
  usageDelta,
  assertUsageBounded,
} from './vocabulary.ts';

const list = (...keys: string[]) => ({ items: keys.map((key) => ({ key, name: key.toUpperCase() })), version: 3, updatedAt: '2026-11-20T14:03:00.000Z' });
const partner = { ...examplePartner, tier: 'gold', specialisations: ['networking', 'security'] };

describe('vocabulary input', () => {
  it('accepts keys in the tier and product-line formats with plain-text names', () => {
    expect(tiersInputSchema.parse({ items: [{ key: 'platinum', name: ' Platinum ' }] }).items).toEqual([{ key: 'platinum', name: 'Platinum' }]);
    expect(productLinesInputSchema.safeParse({ items: [{ key: '5g-radio', name: '5G radio' }] }).success).toBe(true);
    expect(tiersInputSchema.safeParse({ items: [{ key: '5g', name: 'Tier 5G' }] }).success).toBe(false); // tiers start with a letter
  });

  it('names a duplicate key by its index', () => {
    const res = tiersInputSchema.safeParse({
      items: [
        { key: 'gold', name: 'Gold' },
        { key: 'silver', name: 'Silver' },
        { key: 'gold', name: 'Gold again' },
      ],
    });
    expect(res.success).toBe(false);
    expect(res.error!.issues.map((i) => i.path.join('.'))).toEqual(['items.2.key']);
  });

  it('refuses empty or marked-up names, unknown fields and too many items', () => {
    const bad = [
      { items: [{ key: 'gold', name: '  ' }] },
      { items: [{ key: 'gold', name: '<b>Gold</b>' }] },
      { items: [{ key: 'gold', name: 'Gold', rank: 1 }] },
      { items: [], extra: true },
      { items: Array.from({ length: 51 }, (_, i) => ({ key: `t${i}`, name: `T${i}` })) },
    ];
    for (const body of bad) expect(tiersInputSchema.safeParse(body).success, JSON.stringify(body).slice(0, 80)).toBe(false);
    expect(productLinesInputSchema.safeParse({ items: Array.from({ length: 500 }, (_, i) => ({ key: `p${i}`, name: `P${i}` })) }).success).toBe(true);
    expect(productLinesInputSchema.safeParse({ items: Array.from({ length: 501 }, (_, i) => ({ key: `p${i}`, name: `P${i}` })) }).success).toBe(false);
  });
});

describe('diffVocabulary', () => {
  it('lists keys added, removed and renamed, and whether the kept keys moved', () => {
    const before = [
      { key: 'gold', name: 'Gold' },
      { key: 'silver', name: 'Silver' },
      { key: 'bronze', name: 'Bronze' },
    ];
    const after = [
      { key: 'platinum', name: 'Platinum' },
      { key: 'gold', name: 'Gold' },
      { key: 'silver', name: 'Silver Partner' },
    ];
    expect(diffVocabulary(before, after)).toEqual({
      added: ['platinum'],
      removed: ['bronze'],
      renamed: [{ key: 'silver', from: 'Silver', to: 'Silver Partner' }],
      reordered: false,
    });
    expect(diffVocabulary(before, [...before].reverse()).reordered).toBe(true);
    expect(isUnchanged(diffVocabulary(before, before))).toBe(true);
  });
});

describe('usageDelta and undefinedKeys', () => {
  it('counts what a partner gains and loses, ignoring untouched fields', () => {
    expect(usageDelta(undefined, partner)).toEqual({ tiers: { gained: ['gold'], lost: [] }, productLines: { gained: ['networking', 'security'], lost: [] } });
    const moved = { ...partner, tier: 'silver', specialisations: ['security', 'cloud'] };
    expect(usageDelta(partner, moved)).toEqual({ tiers: { gained: ['silver'], lost: ['gold'] }, productLines: { gained: ['cloud'], lost: ['networking'] } });
    expect(usageDelta(partner, { ...partner, displayName: 'Other' })).toEqual({ tiers: { gained: [], lost: [] }, productLines: { gained: [], lost: [] } });
    expect(usageDelta(partner, { ...partner, tier: null }).tiers).toEqual({ gained: [], lost: ['gold'] });
  });

  it('names the field path of each undefined key being set, and accepts anything while a list is not defined', () => {
    const after = { ...partner, tier: 'diamond', specialisations: ['networking', 'quantum'] };
    const delta = usageDelta({ ...partner, specialisations: ['networking'] }, after);
    expect(undefinedKeys(after, delta, { tiers: list('gold'), productLines: list('security') }).map((p) => p.path)).toEqual([
      'body.tier',
      'body.specialisations.1',
    ]);
    expect(undefinedKeys(after, delta, { tiers: EMPTY_VOCABULARY, productLines: EMPTY_VOCABULARY })).toEqual([]);
    expect(undefinedKeys(after, delta, { tiers: list('diamond'), productLines: list('quantum') })).toEqual([]);
    expect(undefinedKeys(after, delta, { tiers: list(), productLines: list() }, { tier: 'tier', specialisations: 'products' }).map((p) => p.path)).toEqual([
      'tier',
      'products.1',
    ]);
  });

  it('refuses a change that needs more counter updates than a transaction holds', () => {
    const many = (p: string) => Array.from({ length: 45 }, (_, i) => `${p}${i}`);
    expect(() => assertUsageBounded(usageDelta({ ...partner, specialisations: many('a') }, { ...partner, specialisations: many('b') }))).toThrow(/at most/);
  });
});

describe('inUseProblems', () => {
  it('gives every count and names at most 20 partners', () => {
    const partners = Array.from({ length: 25 }, (_, i) => ({ id: `ptr_${i}`, legalName: `Partner ${i}` }));
    const { detail, errors } = inUseProblems('tiers', [
      { key: 'gold', count: 30, partners: partners.slice(0, 20) },
      { key: 'silver', count: 1, partners: partners.slice(20, 21) },
    ]);
    expect(detail).toContain("'gold' (30 partners), 'silver' (1 partner)");
    expect(detail).toContain('31 assignments');
    expect(errors.slice(0, 2)).toEqual([
      { path: 'keys.gold', message: 'held by 30 partners' },
      { path: 'keys.silver', message: 'held by 1 partner' },
    ]);
    expect(errors.filter((e) => e.path.startsWith('partners.'))).toHaveLength(MAX_NAMED_PARTNERS);
    expect(errors[2]).toEqual({ path: 'partners.ptr_0', message: "Partner 0 (tier 'gold')" });
  });
});
