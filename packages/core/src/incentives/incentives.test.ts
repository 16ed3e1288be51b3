import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideHalfEven, marginal, shareOf } from './arithmetic.ts';
import { type LedgerEntry, type PartnerStanding, type WonDeal, accrue, adjust, liveEntries, reverse, versionInForce } from './ledger.ts';
import { type IncentiveProgrammeInput, type IncentiveProgrammeVersion, incentiveProgrammeInputSchema } from './model.ts';
import { lastClosedPeriod, periodBounds, periodOf, samePeriodLastYear, shiftPeriod } from './periods.ts';
import { computeStatement } from './settlement.ts';
import { incentivesEventExamples } from './catalog.ts';
import { IncentiveAccrued } from './events.ts';
import { exampleEntry } from './examples.ts';

const FC = { numRuns: 300, seed: 20_270_101 };

const input: IncentiveProgrammeInput = {
  name: 'Core partner rebate 2027',
  currency: 'EUR',
  cadence: 'monthly',
  effectiveFrom: '2027-01-01',
  eligibility: { partnerTypes: null, tiers: null, requiredAccreditation: null, deals: 'all-won' },
  rules: [
    {
      kind: 'rebate',
      id: 'core-rebate',
      rates: [
        { productLine: null, tier: null, rateBp: 200 },
        { productLine: 'networking', tier: null, rateBp: 300 },
        { productLine: 'networking', tier: 'gold', rateBp: 450 },
      ],
    },
    { kind: 'spiff', id: 'q1-security', productLine: 'security', amountMinor: 50_000, from: '2027-01-01', until: '2027-03-31' },
  ],
  split: { distributor: 3000, reseller: 7000, referral: 1000 },
  capPerPartnerMinor: null,
  minimumPayoutMinor: 0,
};
const version = (over: Partial<IncentiveProgrammeVersion> = {}): IncentiveProgrammeVersion => ({
  ...input,
  id: 'prg_01JD3Z8Q4W6N7P2R5T9V0XKM3A',
  version: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'usr_admin',
  ...over,
});
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const deal = (over: Partial<WonDeal> = {}): WonDeal => ({
  eventId: 'evt_01JD40A1B2C3D4E5F6G7H8J9K0',
  dealId: 'deal_01JD3Z8Q4W6N7P2R5T9V0XKM3A',
  partnerId: 'ptr_A',
  secondPartner: null,
  lines: [
    { productLine: 'networking', amount: eur(1_000_000) },
    { productLine: 'security', amount: eur(250_001) },
  ],
  amount: eur(1_250_001),
  closeDate: '2027-02-14',
  protectionRunning: true,
  ...over,
});
const standings = new Map<string, PartnerStanding>([
  ['ptr_A', { type: 'reseller', tier: 'gold', status: 'active', accreditations: ['networking'] }],
  ['ptr_D', { type: 'distributor', tier: null, status: 'active', accreditations: [] }],
]);

describe('money arithmetic', () => {
  it('rounds half to even, both signs', () => {
    expect([5n, 15n, 25n, -5n, -15n, 14n, 16n].map((n) => divideHalfEven(n, 10n))).toEqual([0n, 2n, 2n, -0n, -2n, 1n, 2n]);
    expect(shareOf(250_001, 200)).toBe(5000); // 5000.02
    expect(shareOf(25, 200)).toBe(0); // 0.5 → 0
    expect(shareOf(75, 200)).toBe(2); // 1.5 → 2
  });
});

describe('periods', () => {
  it('maps dates to months and quarters, and walks them across years', () => {
    expect(periodOf('2027-02-14', 'monthly')).toBe('2027-02');
    expect(periodOf('2027-11-30', 'quarterly')).toBe('2027-Q4');
    expect(shiftPeriod('2027-01', 'monthly', -1)).toBe('2026-12');
    expect(shiftPeriod('2027-Q1', 'quarterly', -5)).toBe('2025-Q4');
    expect(samePeriodLastYear('2027-Q2', 'quarterly')).toBe('2026-Q2');
    expect(periodBounds('2027-Q4', 'quarterly')).toEqual({ from: '2027-10-01', until: '2028-01-01' });
    expect(lastClosedPeriod(new Date('2027-03-01T02:00:00Z'), 'monthly')).toBe('2027-02');
  });
});

describe('programme validation', () => {
  const accelerator = (brackets: { fromPercent: number; upToPercent: number | null; rateBp: number }[]) => ({
    ...input,
    rules: [{ kind: 'accelerator' as const, id: 'acc', targetMinor: 10_000_000, brackets }],
  });
  const paths = (value: unknown) => (incentiveProgrammeInputSchema.safeParse(value).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

  it('accepts contiguous brackets and refuses gaps, overlaps, an open middle and a late start, with field paths', () => {
    expect(
      paths(
        accelerator([
          { fromPercent: 0, upToPercent: 100, rateBp: 0 },
          { fromPercent: 100, upToPercent: 120, rateBp: 200 },
          { fromPercent: 120, upToPercent: null, rateBp: 400 },
        ]),
      ),
    ).toEqual([]);
    expect(
      paths(
        accelerator([
          { fromPercent: 10, upToPercent: 100, rateBp: 0 },
          { fromPercent: 110, upToPercent: 120, rateBp: 200 },
          { fromPercent: 115, upToPercent: null, rateBp: 400 },
        ]),
      ),
    ).toEqual([
      'rules.0.brackets.0.fromPercent: the first bracket must start at 0',
      'rules.0.brackets.1.fromPercent: leaves a gap after 100 %',
      'rules.0.brackets.2.fromPercent: overlaps the bracket before (up to 120 %)',
    ]);
    expect(
      paths(
        accelerator([
          { fromPercent: 0, upToPercent: null, rateBp: 0 },
          { fromPercent: 100, upToPercent: null, rateBp: 200 },
        ]),
      ),
    ).toContain('rules.0.brackets.0.upToPercent: only the last bracket may be open');
  });

  it('refuses negative percentages, duplicate rule ids and unknown fields', () => {
    const bad = {
      ...input,
      rules: [
        { ...input.rules[0], rates: [{ productLine: null, tier: null, rateBp: -1 }] },
        { ...input.rules[1], id: 'core-rebate' },
      ],
      extra: 1,
    };
    expect(paths(bad)).toEqual(expect.arrayContaining(['rules.0.rates.0.rateBp: must not be negative', expect.stringMatching(/^: Unrecognized key/)]));
    const dup = { ...input, rules: [input.rules[0], { ...input.rules[1], id: 'core-rebate' }] };
    expect(paths(dup)).toEqual(['rules.1.id: duplicates the id of rule 0']);
  });
});

describe('accrual', () => {
  it('applies the most specific rebate per line and a SPIFF in its window, explaining each amount', () => {
    const a = accrue(version(), deal(), standings);
    expect(a.period).toBe('2027-02');
    expect(a.entries.map((e) => [e.ruleId, e.productLine, e.amountMinor])).toEqual([
      ['core-rebate', 'networking', 45_000], // gold + networking: 4.50 %
      ['core-rebate', 'security', 5000], // any: 2.00 % of 250,001 = 5000.02
      ['q1-security', 'security', 50_000],
    ]);
    expect(a.entries[1]!.explanation.arithmetic).toBe('250001 × 2.00 % = 5000 (half-even)');
    expect(a.credits).toEqual([expect.objectContaining({ partnerId: 'ptr_A', revenueMinor: 1_250_001, shareBp: 10_000 })]);
    expect(accrue(version(), deal({ closeDate: '2027-04-01' }), standings).entries.map((e) => e.ruleId)).toEqual(['core-rebate', 'core-rebate']);
  });

  it('splits a two-partner deal by the role of the second partner', () => {
    const a = accrue(version(), deal({ secondPartner: { partnerId: 'ptr_D', role: 'distributor' } }), standings);
    expect(a.credits.map((c) => [c.partnerId, c.shareBp, c.revenueMinor])).toEqual([
      ['ptr_A', 7000, 875_001],
      ['ptr_D', 3000, 375_000],
    ]);
    expect(a.entries.filter((e) => e.partnerId === 'ptr_D').map((e) => [e.productLine, e.amountMinor])).toEqual([
      ['networking', 9000], // 300,000 × 3.00 % (no tier)
      ['security', 1500], // 75,000.3 → 75,000 × 2.00 %
      ['security', 15_000], // 30 % of the SPIFF
    ]);
  });

  it('records a deal in another currency, an unprotected deal where only protected ones pay, or an ineligible tier as not eligible, with reasons', () => {
    const usd = accrue(version(), deal({ amount: { amountMinor: 1, currency: 'USD' } }), standings);
    expect(usd.entries).toEqual([]);
    expect(usd.ineligible).toEqual([{ partnerId: 'ptr_A', reasons: ['the deal is in USD, the programme pays in EUR'] }]);
    const strict = version({ eligibility: { partnerTypes: ['distributor'], tiers: ['platinum'], requiredAccreditation: 'security', deals: 'protected-only' } });
    expect(accrue(strict, deal({ protectionRunning: false }), standings).ineligible[0]!.reasons).toEqual([
      'the programme pays only on registrations that held protection when won',
      'partner type reseller is not eligible',
      'tier gold is not eligible',
      'the partner was not accredited in security when the deal closed',
    ]);
  });

  it('uses the version in force at the close date', () => {
    const versions = [version({ version: 1, effectiveFrom: '2027-01-01' }), version({ version: 2, effectiveFrom: '2027-03-01' })];
    expect(versionInForce(versions, '2027-02-28')?.version).toBe(1);
    expect(versionInForce(versions, '2027-03-01')?.version).toBe(2);
    expect(versionInForce(versions, '2026-12-31')).toBeUndefined();
  });

  it('derives the same entry ids from the same event, so a redelivery cannot add entries', () => {
    const once = accrue(version(), deal(), standings).entries.map((e) => e.id);
    expect(accrue(version(), deal(), standings).entries.map((e) => e.id)).toEqual(once);
    expect(new Set(once).size).toBe(once.length);
  });
});

const programmeArb = fc.record({
  rebate: fc.integer({ min: 0, max: 10_000 }),
  brackets: fc.array(fc.record({ width: fc.integer({ min: 1, max: 200 }), rateBp: fc.integer({ min: 0, max: 10_000 }) }), { minLength: 1, maxLength: 5 }),
  target: fc.integer({ min: 1, max: 1e9 }),
  cap: fc.option(fc.integer({ min: 1, max: 1e8 }), { nil: null }),
  minimum: fc.integer({ min: 0, max: 1e6 }),
});
const toBrackets = (bs: { width: number; rateBp: number }[]) => {
  let from = 0;
  return bs.map((b, i) => {
    const up = i === bs.length - 1 ? null : from + b.width;
    const out = { fromPercent: from, upToPercent: up, rateBp: b.rateBp };
    from = up ?? from;
    return out;
  });
};
interface ProgrammeCase {
  rebate: number;
  brackets: { width: number; rateBp: number }[];
  target: number;
  cap: number | null;
  minimum: number;
}
const programmeOf = (p: ProgrammeCase, withAccelerator = true) =>
  version({
    rules: [
      { kind: 'rebate', id: 'r', rates: [{ productLine: null, tier: null, rateBp: p.rebate }] },
      ...(withAccelerator ? [{ kind: 'accelerator' as const, id: 'acc', targetMinor: p.target, brackets: toBrackets(p.brackets) }] : []),
    ],
    capPerPartnerMinor: p.cap,
    minimumPayoutMinor: p.minimum,
  });
const dealsArb = fc.array(fc.record({ amount: fc.integer({ min: 1, max: 1e9 }), line: fc.constantFrom('networking', 'security') }), {
  minLength: 0,
  maxLength: 12,
});

function settle(programme: IncentiveProgrammeVersion, amounts: { amount: number; line: string }[], carriedInMinor = 0) {
  const accruals = amounts.map((d, i) =>
    accrue(
      programme,
      deal({ eventId: `evt_${i}`, dealId: `deal_${i}`, lines: [{ productLine: d.line, amount: eur(d.amount) }], amount: eur(d.amount) }),
      standings,
    ),
  );
  return computeStatement({
    programme,
    partnerId: 'ptr_A',
    period: '2027-02',
    runId: 'stl_1',
    entries: accruals.flatMap((a) => a.entries),
    credits: accruals.flatMap((a) => a.credits),
    revenueByPeriod: new Map(),
    carriedInMinor,
  });
}

describe('adjustments (a version saved later with a past effective date)', () => {
  const v1 = version();
  const v2 = version({
    version: 2,
    createdAt: '2027-03-10T09:00:00.000Z',
    rules: [{ kind: 'rebate', id: 'core-rebate', rates: [{ productLine: null, tier: null, rateBp: 500 }] }],
  });
  const won = deal();
  const original = accrue(v1, won, standings);
  const live = original.entries;
  const revenue = original.credits[0]!.revenueMinor;

  it('cancels each live entry at its version and accrues the deal again under the new one, in the given period, explained', () => {
    const a = adjust({ target: v2, deal: won, standings, partnerId: 'ptr_A', live, liveRevenueMinor: revenue, period: '2027-03' })!;
    expect(a).toMatchObject({ sourceEventId: `${won.eventId}:v2`, toVersion: 2, fromVersions: [1], revenueDeltaMinor: 0, ineligible: undefined });
    const cancels = a.entries.filter((e) => e.reverses !== null);
    expect(cancels.map((e) => [e.reverses, e.amountMinor, e.programmeVersion])).toEqual(live.map((e) => [e.id, -e.amountMinor, 1]));
    const rebooks = a.entries.filter((e) => e.reverses === null);
    // 5 % of each line; the SPIFF is gone in version 2.
    expect(rebooks.map((e) => [e.productLine, e.amountMinor, e.programmeVersion])).toEqual([
      ['networking', 50_000, 2],
      ['security', 12_500, 2],
    ]);
    expect(a.entries.every((e) => e.kind === 'adjustment' && e.period === '2027-03' && e.id.startsWith(`${won.eventId}:`))).toBe(true);
    expect(cancels[0]!.explanation.arithmetic).toMatch(/version 2 \(in force from 2027-01-01, saved 2027-03-10\) is in force at the close date 2027-02-14/);
    const net = a.entries.reduce((sum, e) => sum + e.amountMinor, 0);
    expect(net).toBe(62_500 - live.reduce((sum, e) => sum + e.amountMinor, 0));
  });

  it('is nothing the second time, and a reversal afterwards cancels exactly what counts', () => {
    const a = adjust({ target: v2, deal: won, standings, partnerId: 'ptr_A', live, liveRevenueMinor: revenue, period: '2027-03' })!;
    const after = liveEntries([...live, ...a.entries]);
    expect(after.map((e) => e.programmeVersion)).toEqual([2, 2]);
    expect(adjust({ target: v2, deal: won, standings, partnerId: 'ptr_A', live: after, liveRevenueMinor: revenue, period: '2027-04' })).toBeUndefined();
    expect(adjust({ target: v1, deal: won, standings, partnerId: 'ptr_A', live, liveRevenueMinor: revenue, period: '2027-03' })).toBeUndefined();
    const reversal = reverse([...live, ...a.entries], 'evt_rev', (p) => p);
    expect([...live, ...a.entries, ...reversal].reduce((sum, e) => sum + e.amountMinor, 0)).toBe(0);
  });

  it('takes everything back when the new version no longer covers the partner, with the reasons', () => {
    const goldOnly = version({ version: 2, eligibility: { ...input.eligibility, tiers: ['platinum'] } });
    const a = adjust({ target: goldOnly, deal: won, standings, partnerId: 'ptr_A', live, liveRevenueMinor: revenue, period: '2027-02' })!;
    expect(a.entries.every((e) => e.reverses !== null)).toBe(true);
    expect(a.revenueDeltaMinor).toBe(-revenue);
    expect(a.ineligible?.reasons).toEqual(['tier gold is not eligible']);
  });
});

describe('rule properties (fast-check)', () => {
  it('an accelerator never lowers a payout, and is continuous at bracket edges', () => {
    fc.assert(
      fc.property(programmeArb, fc.integer({ min: 0, max: 2e9 }), (p, revenue) => {
        const brackets = toBrackets(p.brackets).map((b) => ({
          fromMinor: Math.round((p.target * b.fromPercent) / 100),
          upToMinor: b.upToPercent === null ? null : Math.round((p.target * b.upToPercent) / 100),
          rateBp: b.rateBp,
        }));
        const at = (r: number) => marginal(r, brackets).amountMinor;
        expect(at(revenue)).toBeGreaterThanOrEqual(0);
        expect(at(revenue + 1)).toBeGreaterThanOrEqual(at(revenue));
        for (const b of brackets) {
          if (b.fromMinor === 0) continue;
          expect(at(b.fromMinor) - at(b.fromMinor - 1)).toBeLessThanOrEqual(1);
          expect(at(b.fromMinor + 1) - at(b.fromMinor)).toBeLessThanOrEqual(1);
        }
      }),
      FC,
    );
    fc.assert(
      fc.property(programmeArb, dealsArb, (p, ds) => {
        const uncapped = { ...p, cap: null };
        expect(settle(programmeOf(uncapped), ds).earnedMinor).toBeGreaterThanOrEqual(settle(programmeOf(uncapped, false), ds).earnedMinor);
      }),
      FC,
    );
  });

  it('a cap is never exceeded', () => {
    fc.assert(
      fc.property(programmeArb, dealsArb, (p, ds) => {
        const s = settle(programmeOf(p), ds);
        if (p.cap !== null) expect(s.earnedMinor).toBeLessThanOrEqual(p.cap);
      }),
      FC,
    );
  });

  it('a growth rebate is zero without growth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 10_000 }), (revenue, extra, rate) => {
        const programme = version({ rules: [{ kind: 'growth', id: 'g', baseline: { kind: 'same-period-last-year' }, rateBp: rate }] });
        const s = computeStatement({
          programme,
          partnerId: 'ptr_A',
          period: '2027-02',
          runId: 'stl_1',
          entries: [],
          credits: [{ partnerId: 'ptr_A', period: '2027-02', dealId: 'd', sourceEventId: 'e', revenueMinor: revenue, shareBp: 10_000 }],
          revenueByPeriod: new Map([['2026-02', revenue + extra]]),
          carriedInMinor: 0,
        });
        expect(s.periodEndEntries).toEqual([]);
        expect(s.earnedMinor).toBe(0);
      }),
      FC,
    );
  });

  it('a reversal exactly cancels its original', () => {
    fc.assert(
      fc.property(dealsArb, fc.boolean(), (ds, settledAlready) => {
        const accruals = ds.map((d, i) =>
          accrue(version(), deal({ eventId: `evt_${i}`, lines: [{ productLine: d.line, amount: eur(d.amount) }], amount: eur(d.amount) }), standings),
        );
        const originals: LedgerEntry[] = accruals.flatMap((a) => a.entries);
        const reversals = reverse(originals, 'evt_rev', (p) => (settledAlready ? shiftPeriod(p, 'monthly', 1) : p));
        expect(originals.reduce((s, e) => s + e.amountMinor, 0) + reversals.reduce((s, e) => s + e.amountMinor, 0)).toBe(0);
        for (const r of reversals) {
          const o = originals.find((e) => e.id === r.reverses)!;
          expect([r.amountMinor, r.programmeVersion, r.ruleId, r.partnerId]).toEqual([-o.amountMinor, o.programmeVersion, o.ruleId, o.partnerId]);
          expect(r.period).toBe(settledAlready ? shiftPeriod(o.period, 'monthly', 1) : o.period);
        }
      }),
      FC,
    );
  });

  it('totals reconcile: payable = the period’s entries + carried in − carried out, never negative', () => {
    fc.assert(
      fc.property(programmeArb, dealsArb, fc.integer({ min: -1e7, max: 1e7 }), (p, ds, carriedIn) => {
        const programme = programmeOf(p);
        const s = settle(programme, ds, carriedIn);
        const entries = [
          ...ds.flatMap(
            (d, i) =>
              accrue(
                programme,
                deal({ eventId: `evt_${i}`, dealId: `deal_${i}`, lines: [{ productLine: d.line, amount: eur(d.amount) }], amount: eur(d.amount) }),
                standings,
              ).entries,
          ),
          ...s.periodEndEntries,
        ];
        expect(s.payableMinor).toBe(entries.reduce((a, e) => a + e.amountMinor, 0) + carriedIn - s.carriedOutMinor);
        expect(s.payableMinor).toBeGreaterThanOrEqual(0);
        if (s.payableMinor > 0) expect(s.payableMinor).toBeGreaterThanOrEqual(p.minimum);
      }),
      FC,
    );
  });
});

describe('incentives events', () => {
  it('each catalogue example is valid data for its event, and a malformed entry is not', () => {
    for (const { event, data } of incentivesEventExamples) expect(() => event.data.parse(data)).not.toThrow();
    const accrued = incentivesEventExamples.find((e) => e.event === IncentiveAccrued)!;
    const bad = { ...accrued.data, entries: [{ ...exampleEntry, amountMinor: 1.5 }] };
    expect(() => IncentiveAccrued.data.parse(bad)).toThrow();
  });
});
