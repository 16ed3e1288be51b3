import { describe, expect, it } from 'vitest';
import {
  type AccreditationFact,
  type CandidateEntry,
  type CertificationFact,
  DEFAULT_ROUTING_SETTINGS,
  type PartnerRoutingState,
  candidateKeys,
  certifiedLines,
  createLeadSchema,
  exampleLead,
  filterCandidates,
  greatCircleKm,
  partnerIndexKeys,
  DECISION_BREAKDOWNS,
  DECISION_EXCLUSIONS,
  rankCandidates,
  recordSelection,
  routingDecisionSchema,
  routingSettingsInputSchema,
  scoreUpperBound,
  scoreBreakdown,
  scoreCandidates,
  valueBand,
} from './index.ts';

const now = new Date('2026-12-01T12:00:00.000Z');
const entry = (partnerId: string, over: Partial<CandidateEntry> = {}): CandidateEntry => ({
  partnerId,
  version: 1,
  status: 'active',
  tier: 'gold',
  leadCapacity: 10,
  coordinates: [],
  ...over,
});
const state = (partnerId: string, over: Partial<PartnerRoutingState> = {}): PartnerRoutingState => ({
  partnerId,
  load: 0,
  capacity: 10,
  fairnessAt: null,
  outcomes: [],
  won: 0,
  lost: 0,
  certified: [],
  ...over,
});
const P = (n: number) => `ptr_01JD3Z8Q4W6N7P2R5T9V0XKM${String(n).padStart(2, '0')}`;

describe('great-circle distance', () => {
  it('is 0 for one point and about 504 km from Munich to Berlin', () => {
    const munich = { lat: 48.137, lon: 11.575 };
    expect(greatCircleKm(munich, munich)).toBe(0);
    expect(greatCircleKm(munich, { lat: 52.52, lon: 13.405 })).toBeCloseTo(504, -1);
  });
  it('is half the circumference between antipodes', () => {
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});

describe('value bands', () => {
  it('bands by major units, with the currency', () => {
    expect(valueBand(undefined)).toBe('unknown');
    expect(valueBand({ amountMinor: 999_999, currency: 'EUR' })).toBe('under-10k EUR');
    expect(valueBand({ amountMinor: 1_000_000, currency: 'EUR' })).toBe('10k-50k EUR');
    expect(valueBand({ amountMinor: 24_999_999, currency: 'USD' })).toBe('50k-250k USD');
    expect(valueBand({ amountMinor: 100_000_000, currency: 'GBP' })).toBe('1m-plus GBP');
  });
});

describe('candidate keys', () => {
  it('looks a lead up under its country and region, each with each product line', () => {
    expect(candidateKeys({ country: 'DE', region: 'DE-BY', productLines: ['networking', 'security'] })).toEqual([
      { territory: 'DE', productLine: 'networking' },
      { territory: 'DE', productLine: 'security' },
      { territory: 'DE-BY', productLine: 'networking' },
      { territory: 'DE-BY', productLine: 'security' },
    ]);
    expect(candidateKeys({ country: 'FR', region: null, productLines: ['storage'] })).toEqual([{ territory: 'FR', productLine: 'storage' }]);
  });
  it('enters a partner under territory × specialisation, once each', () => {
    expect(partnerIndexKeys({ territories: ['DE', 'AT', 'DE'], specialisations: ['networking'] })).toEqual(['AT#networking', 'DE#networking']);
    expect(partnerIndexKeys({ territories: ['DE'] })).toEqual([]);
  });
});

describe('candidate filtering', () => {
  it('excludes inactive, declined, expired, unindexed and full partners, each with its reason, and counts a partner once', () => {
    const lead = {
      declined: [
        { partnerId: P(3), outcome: 'rejected' as const, at: now.toISOString() },
        { partnerId: P(4), outcome: 'expired' as const, at: now.toISOString() },
      ],
    };
    const { eligible, excluded } = filterCandidates(lead, [
      { entry: entry(P(1)), state: state(P(1)) },
      { entry: entry(P(1)), state: state(P(1)) },
      { entry: entry(P(2), { status: 'suspended' }), state: state(P(2)) },
      { entry: entry(P(3)), state: state(P(3)) },
      { entry: entry(P(4)), state: state(P(4)) },
      { entry: entry(P(5)), state: undefined },
      { entry: entry(P(6)), state: state(P(6), { load: 10 }) },
    ]);
    expect(eligible.map((c) => c.entry.partnerId)).toEqual([P(1)]);
    expect(excluded).toEqual([
      { partnerId: P(2), reason: 'not-active' },
      { partnerId: P(3), reason: 'declined' },
      { partnerId: P(4), reason: 'expired' },
      { partnerId: P(5), reason: 'not-indexed' },
      { partnerId: P(6), reason: 'at-capacity' },
    ]);
  });
});

describe('score breakdown', () => {
  const tiers = ['platinum', 'gold', 'silver'];
  it('has every input, and says when the partner is certified in none of the lead’s product lines', () => {
    const terms = scoreBreakdown(exampleLead, { entry: entry(P(1)), state: state(P(1), { load: 5 }) }, DEFAULT_ROUTING_SETTINGS, tiers, now);
    expect(terms.map((t) => t.input)).toEqual(['tier', 'certification', 'distance', 'load', 'acceptanceRate', 'timeToAccept', 'winRate']);
    const cert = terms.find((t) => t.input === 'certification')!;
    expect(cert.points).toBe(0);
    expect(cert.note).toBe('no current accreditation or active staff certification in networking');
    expect(terms.find((t) => t.input === 'tier')).toMatchObject({ value: 0.666667, points: 2 });
    expect(terms.find((t) => t.input === 'load')).toMatchObject({ value: 0.5, points: 1.5 });
    expect(terms.find((t) => t.input === 'distance')).toMatchObject({ value: 0, note: 'the partner has no location with coordinates' });
  });
  it('scores distance from the nearest location, and statistics from the last 90 days only', () => {
    const old = new Date(now.getTime() - 100 * 86_400_000).toISOString();
    const recent = new Date(now.getTime() - 86_400_000).toISOString();
    const terms = scoreBreakdown(
      { ...exampleLead, coordinates: { lat: 48.137, lon: 11.575 } },
      {
        entry: entry(P(1), {
          coordinates: [
            { lat: 52.52, lon: 13.405 },
            { lat: 48.137, lon: 11.575 },
          ],
        }),
        state: state(P(1), {
          outcomes: [
            { at: old, outcome: 'rejected' },
            { at: recent, outcome: 'accepted', seconds: 24 * 3600 },
            { at: recent, outcome: 'expired' },
          ],
          won: 3,
          lost: 1,
        }),
      },
      DEFAULT_ROUTING_SETTINGS,
      tiers,
      now,
    );
    expect(terms.find((t) => t.input === 'distance')).toMatchObject({ value: 1, note: '0 km to the nearest location' });
    expect(terms.find((t) => t.input === 'acceptanceRate')).toMatchObject({ value: 0.5, note: '1 of 2 offers in 90 days' });
    expect(terms.find((t) => t.input === 'timeToAccept')).toMatchObject({ value: 0.5 });
    expect(terms.find((t) => t.input === 'winRate')).toMatchObject({ value: 0.75 });
  });
  it('weighs the share of the lead’s product lines the partner is certified in, and says what counted', () => {
    const cert = (certified: PartnerRoutingState['certified'], productLines = ['networking']) =>
      scoreBreakdown({ ...exampleLead, productLines }, { entry: entry(P(1)), state: state(P(1), { certified }) }, DEFAULT_ROUTING_SETTINGS, tiers, now).find(
        (t) => t.input === 'certification',
      );
    expect(cert([])).toMatchObject({ value: 0, points: 0, note: 'no current accreditation or active staff certification in networking' });
    expect(cert([{ productLine: 'networking', accreditations: ['networking-gold'], certifications: 0, until: null }])).toMatchObject({
      value: 1,
      points: 2,
      note: 'certified in networking (accreditation networking-gold)',
    });
    const staff = { productLine: 'security', accreditations: [], certifications: 2, until: '2027-06-01T00:00:00.000Z' };
    expect(cert([staff], ['networking', 'security'])).toMatchObject({
      value: 0.5,
      points: 1,
      note: 'certified in security (2 active certifications of its staff)',
    });
    // Past the latest expiry the staff certifications no longer count, even before CertificationExpired arrives.
    expect(cert([{ ...staff, until: '2026-11-30T00:00:00.000Z' }], ['security'])).toMatchObject({ value: 0 });
    for (const t of scoreBreakdown(exampleLead, { entry: entry(P(1)), state: state(P(1)) }, DEFAULT_ROUTING_SETTINGS, tiers, now))
      expect(t.note ?? '').not.toContain('does not exist');
  });
});

describe('certification facts', () => {
  const c = (over: Partial<CertificationFact> = {}): CertificationFact => ({
    id: 'certification_1',
    key: 'networking-associate',
    productLine: 'networking',
    userId: 'usr_1',
    status: 'active',
    expiresAt: '2027-06-01T00:00:00.000Z',
    version: 1,
    ...over,
  });
  const a = (over: Partial<AccreditationFact> = {}): AccreditationFact => ({
    key: 'networking-gold',
    name: 'Networking Gold',
    productLine: 'networking',
    granted: true,
    stamp: '2026-11-01T00:00:00.000Z#evt_1',
    ...over,
  });
  it('counts granted accreditations of a line and active, unexpired certifications of users not disabled', () => {
    const lines = certifiedLines(
      {
        certifications: [
          c(),
          c({ id: 'certification_2', userId: 'usr_2', expiresAt: '2027-09-01T00:00:00.000Z' }),
          c({ id: 'certification_3', userId: 'usr_3', status: 'expired' }),
          c({ id: 'certification_4', userId: 'usr_4', expiresAt: '2026-11-30T00:00:00.000Z' }),
          c({ id: 'certification_5', userId: 'usr_5' }),
          c({ id: 'certification_6', userId: 'usr_6', productLine: 'storage' }),
        ],
        accreditations: [a(), a({ key: 'security-gold', productLine: 'security' }), a({ key: 'wide', productLine: null }), a({ key: 'lost', granted: false })],
        holders: [
          { userId: 'usr_5', status: 'disabled', version: 3 },
          { userId: 'usr_1', status: 'active', version: 2 },
        ],
      },
      now,
    );
    expect(lines).toEqual([
      { productLine: 'networking', accreditations: ['networking-gold'], certifications: 2, until: '2027-09-01T00:00:00.000Z' },
      { productLine: 'security', accreditations: ['security-gold'], certifications: 0, until: null },
      { productLine: 'storage', accreditations: [], certifications: 1, until: '2027-06-01T00:00:00.000Z' },
    ]);
    expect(certifiedLines({ certifications: [c({ status: 'expired' })], accreditations: [a({ granted: false })], holders: [] }, now)).toEqual([]);
  });
});

describe('ranking', () => {
  it('puts the highest score first and breaks ties by least recently offered (never offered first)', () => {
    const c = (id: string, score: number, fairnessAt: string | null) => ({ partnerId: id, score, tier: null, fairnessAt, breakdown: [] });
    const ranked = rankCandidates([c(P(1), 5, '2026-11-30T00:00:00.000Z'), c(P(2), 5, '2026-11-29T00:00:00.000Z'), c(P(3), 6, null), c(P(4), 5, null)]);
    expect(ranked.map((r) => r.partnerId)).toEqual([P(3), P(4), P(2), P(1)]);
  });
  it('scores identical partners equally, so fairness alone decides', () => {
    const ranked = scoreCandidates(
      exampleLead,
      [
        { entry: entry(P(1)), state: state(P(1), { fairnessAt: '2026-11-30T00:00:00.000Z' }) },
        { entry: entry(P(2)), state: state(P(2), { fairnessAt: '2026-11-20T00:00:00.000Z' }) },
      ],
      DEFAULT_ROUTING_SETTINGS,
      ['gold'],
      now,
    );
    expect(ranked[0]!.score).toBe(ranked[1]!.score);
    expect(ranked.map((r) => r.partnerId)).toEqual([P(2), P(1)]);
  });
});

describe('bounded selection and what a decision stores', () => {
  it('bounds an unread partner by every weight at its highest value, distance only for a lead with coordinates and tier only with a tier list', () => {
    const w = DEFAULT_ROUTING_SETTINGS.weights;
    const all = Object.values(w).reduce((n, v) => n + v, 0);
    expect(scoreUpperBound({ coordinates: { lat: 1, lon: 1 } }, DEFAULT_ROUTING_SETTINGS, ['gold'])).toBe(all);
    expect(scoreUpperBound({ coordinates: null }, DEFAULT_ROUTING_SETTINGS, ['gold'])).toBe(all - w.distance);
    expect(scoreUpperBound({ coordinates: null }, DEFAULT_ROUTING_SETTINGS, [])).toBe(all - w.distance - w.tier);
    // No partner reaches the bound: a perfect one (top tier, certified, at the lead's place, no load, every statistic at 1) meets it.
    const perfect = scoreCandidates(
      { ...exampleLead, coordinates: { lat: 48.137, lon: 11.575 } },
      [
        {
          entry: entry(P(1), { coordinates: [{ lat: 48.137, lon: 11.575 }] }),
          state: state(P(1), {
            outcomes: [{ at: now.toISOString(), outcome: 'accepted', seconds: 0 }],
            won: 1,
            certified: exampleLead.productLines.map((productLine) => ({
              productLine,
              accreditations: [`${productLine}-gold`],
              certifications: 0,
              until: null,
            })),
          }),
        },
      ],
      DEFAULT_ROUTING_SETTINGS,
      ['gold'],
      now,
    )[0]!;
    expect(perfect.score).toBe(scoreUpperBound({ coordinates: { lat: 1, lon: 1 } }, DEFAULT_ROUTING_SETTINGS, ['gold']));
  });

  const ranked = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ partnerId: P(i), score: 100 - i, tier: null, fairnessAt: null, breakdown: [] as never[] }));
  const excluded = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ partnerId: P(i), reason: i % 2 ? ('at-capacity' as const) : ('not-active' as const) }));

  it(`keeps the top ${DECISION_BREAKDOWNS} breakdowns and ${DECISION_EXCLUSIONS} exclusions, and counts every one`, () => {
    const r = recordSelection(ranked(40), excluded(70), { entries: 110, complete: false, bound: 12 });
    expect(r.candidates.map((c) => c.partnerId)).toEqual(ranked(DECISION_BREAKDOWNS).map((c) => c.partnerId));
    expect(r.excluded).toHaveLength(DECISION_EXCLUSIONS);
    expect(r.selection).toMatchObject({ read: 110, considered: 40, complete: false, exact: true });
    expect(r.selection!.excludedByReason).toEqual({ 'not-active': 35, 'at-capacity': 35, declined: 0, expired: 0, withdrawn: 0, 'not-indexed': 0 });
  });

  it('is exact only when every entry was read or the best beats the bound (a tie with an unread partner is not)', () => {
    expect(recordSelection(ranked(1), [], { entries: 1, complete: false, bound: 100 }).selection!.exact).toBe(false);
    expect(recordSelection(ranked(1), [], { entries: 1, complete: false, bound: 99.5 }).selection!.exact).toBe(true);
    expect(recordSelection(ranked(1), [], { entries: 1, complete: true, bound: 1000 }).selection!.exact).toBe(true);
    expect(recordSelection([], [], { entries: 0, complete: false, bound: 1 }).selection!.exact).toBe(false);
  });

  it('a stored decision stays small whatever the territory: 1,000 read partners', () => {
    const term = { input: 'tier' as const, weight: 3, value: 1, points: 3, note: 'rank 1 of 3' };
    const many = Array.from({ length: 1000 }, (_, i) => ({
      partnerId: P(i % 100),
      score: 1000 - i,
      tier: 'gold',
      fairnessAt: null,
      breakdown: Array(7).fill(term),
    }));
    const r = recordSelection(many, excluded(1000), { entries: 2000, complete: false, bound: 15 });
    const decision = routingDecisionSchema.parse({
      leadId: exampleLead.id,
      decidedAt: now.toISOString(),
      trigger: 'created',
      settingsVersion: 0,
      tierListVersion: 0,
      outcome: 'offered',
      partnerId: P(0),
      reason: null,
      ...r,
    });
    expect(Buffer.byteLength(JSON.stringify(decision))).toBeLessThan(20_000);
  });
});

describe('settings and intake validation', () => {
  const valid = { weights: DEFAULT_ROUTING_SETTINGS.weights, offerSlaHours: 48, maxOffers: 3, staleDays: 7 };
  it('refuses negative weights and all weights zero, with field paths', () => {
    const neg = routingSettingsInputSchema.safeParse({ ...valid, weights: { ...valid.weights, tier: -1 } });
    expect(neg.success).toBe(false);
    expect(neg.error!.issues[0]!.path).toEqual(['weights', 'tier']);
    const zero = routingSettingsInputSchema.safeParse({ ...valid, weights: Object.fromEntries(Object.keys(valid.weights).map((k) => [k, 0])) });
    expect(zero.success).toBe(false);
    expect(zero.error!.issues[0]!.path).toEqual(['weights']);
    expect(routingSettingsInputSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(routingSettingsInputSchema.safeParse(valid).success).toBe(true);
  });
  it('refuses territory codes that are not ISO 3166 and coordinates out of range', () => {
    const lead = { company: { name: 'X' }, country: 'DE', productLines: ['networking'], contact: { name: 'A B', email: 'a@b.example' }, source: 'web' };
    expect(createLeadSchema.safeParse(lead).success).toBe(true);
    const paths = (body: unknown) => createLeadSchema.safeParse(body).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ ...lead, country: 'XX' })).toEqual(['country']);
    expect(paths({ ...lead, region: 'FR-IDF' })).toEqual(['region']);
    expect(paths({ ...lead, region: 'QQ-1' })).toContain('region');
    expect(paths({ ...lead, coordinates: { lat: 91, lon: 0 } })).toEqual(['coordinates.lat']);
    expect(paths({ ...lead, unknown: true })).toEqual(['']);
  });
});
