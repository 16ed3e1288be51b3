import type { Money } from '../kernel/money.ts';
import { certificationInput } from './certification.ts';
import { EXCLUSION_REASONS } from './model.ts';
import type {
  CandidateEntry,
  Coordinates,
  ExclusionReason,
  Lead,
  PartnerRoutingState,
  RoutingDecision,
  RoutingSettings,
  ScoreInput,
  ScoreTerm,
} from './model.ts';

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km between two points (haversine). */
export function greatCircleKm(a: Coordinates, b: Coordinates): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The value bands a partner sees before acceptance, in major units of the lead's currency. */
const BANDS: [number, string][] = [
  [10_000, 'under-10k'],
  [50_000, '10k-50k'],
  [250_000, '50k-250k'],
  [1_000_000, '250k-1m'],
];

/** A lead's estimated value as a band (`unknown` without one); minor units are taken as hundredths. */
export function valueBand(value: Money | null | undefined): string {
  if (!value) return 'unknown';
  const major = value.amountMinor / 100;
  const band = BANDS.find(([limit]) => major < limit)?.[1] ?? '1m-plus';
  return `${band} ${value.currency}`;
}

/**
 * The candidate index keys a lead is looked up under: its country and, when it has one, its
 * region (a partner serving `DE` covers every lead in Germany, one serving `DE-BY` those in
 * Bavaria), each with each of its product lines.
 */
export function candidateKeys(lead: Pick<Lead, 'country' | 'region' | 'productLines'>): { territory: string; productLine: string }[] {
  const territories = [lead.country, ...(lead.region ? [lead.region] : [])];
  return territories.flatMap((territory) => lead.productLines.map((productLine) => ({ territory, productLine })));
}

/** The index keys a partner is entered under: each of its territories with each of its specialisations. */
export function partnerIndexKeys(p: { territories?: string[] | undefined; specialisations?: string[] | undefined }): string[] {
  return [...new Set((p.territories ?? []).flatMap((t) => (p.specialisations ?? []).map((s) => `${t}#${s}`)))].sort();
}

export interface Candidate {
  entry: CandidateEntry;
  state: PartnerRoutingState | undefined;
}
/** A candidate that passed the filters (it has routing state). */
export interface Eligible {
  entry: CandidateEntry;
  state: PartnerRoutingState;
}

const STATS_WINDOW_MS = 90 * 86_400_000;

/**
 * Splits the partners found under the lead's keys into eligible candidates and excluded ones, each
 * with its reason: not active, at capacity, declined, let an offer of this lead expire or had it
 * withdrawn (suspended, terminated), or no
 * routing state yet. A partner found under several keys counts once.
 */
export function filterCandidates(
  lead: Pick<Lead, 'declined'>,
  found: Candidate[],
): { eligible: Eligible[]; excluded: { partnerId: string; reason: ExclusionReason }[] } {
  const seen = new Set<string>();
  const eligible: Eligible[] = [];
  const excluded: { partnerId: string; reason: ExclusionReason }[] = [];
  const declined = new Map(lead.declined.map((d) => [d.partnerId, d.outcome]));
  for (const c of found) {
    const id = c.entry.partnerId;
    if (seen.has(id)) continue;
    seen.add(id);
    const refused = declined.get(id);
    if (c.entry.status !== 'active') excluded.push({ partnerId: id, reason: 'not-active' });
    else if (refused) excluded.push({ partnerId: id, reason: refused === 'rejected' ? 'declined' : refused });
    else if (!c.state) excluded.push({ partnerId: id, reason: 'not-indexed' });
    else if (c.state.load >= c.state.capacity) excluded.push({ partnerId: id, reason: 'at-capacity' });
    else eligible.push({ entry: c.entry, state: c.state });
  }
  return { eligible, excluded };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * The score breakdown of one candidate: each input as a value from 0 to 1 times its weight.
 * Inputs without data (no coordinates, no history) are neutral or zero, and say so.
 */
export function scoreBreakdown(
  lead: Pick<Lead, 'coordinates' | 'productLines'>,
  { entry, state }: Eligible,
  settings: Pick<RoutingSettings, 'weights'>,
  tierRanks: readonly string[],
  now: Date,
): ScoreTerm[] {
  const term = (input: ScoreInput, value: number, note: string | null = null): ScoreTerm => {
    const weight = settings.weights[input];
    return { input, weight, value: round(value), points: round(weight * value), note };
  };
  const terms: ScoreTerm[] = [];
  const rank = entry.tier ? tierRanks.indexOf(entry.tier) : -1;
  terms.push(
    rank < 0
      ? term('tier', 0, entry.tier ? `tier '${entry.tier}' is not in the programme's tier list` : 'no tier')
      : term('tier', (tierRanks.length - rank) / tierRanks.length, `rank ${rank + 1} of ${tierRanks.length}`),
  );
  const certification = certificationInput(lead.productLines, state.certified, now);
  terms.push(term('certification', certification.value, certification.note));
  if (lead.coordinates && entry.coordinates.length) {
    const km = Math.min(...entry.coordinates.map((c) => greatCircleKm(lead.coordinates!, c)));
    terms.push(term('distance', 1 / (1 + km / 100), `${Math.round(km)} km to the nearest location`));
  } else {
    terms.push(term('distance', 0, lead.coordinates ? 'the partner has no location with coordinates' : 'the lead has no coordinates'));
  }
  terms.push(term('load', state.capacity > 0 ? 1 - state.load / state.capacity : 0, `${state.load} of ${state.capacity}`));
  const recent = state.outcomes.filter((o) => now.getTime() - Date.parse(o.at) <= STATS_WINDOW_MS);
  const acceptedRecent = recent.filter((o) => o.outcome === 'accepted');
  terms.push(
    recent.length
      ? term('acceptanceRate', acceptedRecent.length / recent.length, `${acceptedRecent.length} of ${recent.length} offers in 90 days`)
      : term('acceptanceRate', 0.5, 'no offers in 90 days: neutral'),
  );
  const seconds = acceptedRecent.map((o) => o.seconds ?? 0);
  if (seconds.length) {
    const hours = median(seconds) / 3600;
    terms.push(term('timeToAccept', 1 / (1 + hours / 24), `median ${hours.toFixed(1)} h to accept`));
  } else {
    terms.push(term('timeToAccept', 0.5, 'no acceptances in 90 days: neutral'));
  }
  const closed = state.won + state.lost;
  terms.push(closed ? term('winRate', state.won / closed, `${state.won} won of ${closed} closed`) : term('winRate', 0.5, 'no closed leads: neutral'));
  return terms;
}

export type RankedCandidate = RoutingDecision['candidates'][number];

/**
 * Orders candidates: the highest score first; among equal scores the partner offered a lead least
 * recently (never offered first), then by partner id so the order is total.
 */
export function rankCandidates(cands: RankedCandidate[]): RankedCandidate[] {
  return [...cands].sort((a, b) => b.score - a.score || (a.fairnessAt ?? '').localeCompare(b.fairnessAt ?? '') || a.partnerId.localeCompare(b.partnerId));
}

/** Scores and ranks the eligible candidates. */
export function scoreCandidates(
  lead: Pick<Lead, 'coordinates' | 'productLines'>,
  eligible: Eligible[],
  settings: Pick<RoutingSettings, 'weights'>,
  tierRanks: readonly string[],
  now: Date,
): RankedCandidate[] {
  return rankCandidates(
    eligible.map((c) => {
      const breakdown = scoreBreakdown(lead, c, settings, tierRanks, now);
      return {
        partnerId: c.entry.partnerId,
        score: round(breakdown.reduce((s, t) => s + t.points, 0)),
        tier: c.entry.tier,
        fairnessAt: c.state.fairnessAt,
        breakdown,
      };
    }),
  );
}

/**
 * How many entries a routing step reads per candidate-index key, in the index's order (least
 * recently offered first), before it scores: the bound on its cost, whatever the number of
 * partners under the key. A step that finds no eligible partner in that page reads on, at most
 * `WINDOW_PAGES` pages a key.
 */
export const WINDOW_PER_KEY = 10;
export const WINDOW_PAGES = 3;
/** A decision stores the score breakdown of its top `DECISION_BREAKDOWNS` candidates, and lists at most `DECISION_EXCLUSIONS` exclusions (every reason is counted). */
export const DECISION_BREAKDOWNS = 10;
export const DECISION_EXCLUSIONS = 50;

/**
 * The highest score a partner not read could reach: each weight times the highest value its input
 * can take for this lead (distance counts only when the lead has coordinates; tier only when there
 * is a tier list). A best candidate scoring above it is the best of the whole territory.
 */
export function scoreUpperBound(lead: Pick<Lead, 'coordinates'>, settings: Pick<RoutingSettings, 'weights'>, tierRanks: readonly string[]): number {
  const w = settings.weights;
  const tier = tierRanks.length ? w.tier : 0;
  const distance = lead.coordinates ? w.distance : 0;
  return round(tier + w.certification + distance + w.load + w.acceptanceRate + w.timeToAccept + w.winRate);
}

export type Selection = NonNullable<RoutingDecision['selection']>;

/**
 * What a decision stores of a selection: the top `DECISION_BREAKDOWNS` ranked candidates with
 * their breakdowns, at most `DECISION_EXCLUSIONS` exclusions, and the counts of everything else.
 * `exact` says whether the choice is provably the best of all partners under the lead's keys:
 * every readable entry was read (`complete`), or the best score is above `bound`.
 */
export function recordSelection(
  ranked: RankedCandidate[],
  excluded: RoutingDecision['excluded'],
  read: { entries: number; complete: boolean; bound: number },
): Pick<RoutingDecision, 'candidates' | 'excluded' | 'selection'> {
  const excludedByReason = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Selection['excludedByReason'];
  for (const e of excluded) excludedByReason[e.reason]++;
  const best = ranked[0]?.score;
  return {
    candidates: ranked.slice(0, DECISION_BREAKDOWNS),
    excluded: excluded.slice(0, DECISION_EXCLUSIONS),
    selection: {
      windowPerKey: WINDOW_PER_KEY,
      read: read.entries,
      complete: read.complete,
      bound: read.bound,
      exact: read.complete || (best !== undefined && best > read.bound),
      considered: ranked.length,
      excludedByReason,
    },
  };
}

/** Why a lead goes to the pool, for people. */
export const POOL_REASONS = {
  noCandidates: 'no-candidates: no active partner with capacity serves this territory and product line',
  maxOffers: 'max-offers: offered to the maximum number of partners without acceptance',
} as const;
