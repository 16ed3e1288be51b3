import { type Actor, type DomainEvent, SYSTEM_ACTOR, makeEvent, newId } from '@channelbase/core';
import {
  type CandidateEntry,
  type Lead,
  LeadOffered,
  LeadReturnedToPool,
  LeadRouted,
  POOL_REASONS,
  type RoutingDecision,
  type RoutingSettings,
  candidateKeys,
  filterCandidates,
  leadSummary,
  offerLead,
  offersLeft,
  type PartnerRoutingState,
  type RankedCandidate,
  WINDOW_PAGES,
  WINDOW_PER_KEY,
  poolLead,
  recordSelection,
  scoreCandidates,
  scoreUpperBound,
} from '@channelbase/core/leads';
import { type Write, commit, logger, runtimeClock as clock } from '@channelbase/platform';
import {
  CapacityTakenError,
  type KeyCursor,
  getSettings,
  getVocabularyCopy,
  moveToBack,
  putDecision,
  putLead,
  putNewLead,
  readStates,
  readWindowPage,
  takeCapacity,
} from './repository.ts';

/** How many candidates one routing step tries, best first, when the chosen one filled up meanwhile. */
const MAX_OFFER_TRIES = 10;

export type Trigger = RoutingDecision['trigger'];

/** What a step that frees the lead commits with its next routing decision (the rejection or expiry and its events). */
export interface Carried {
  writes: Write[];
  events: DomainEvent[];
}

/**
 * Routes a lead: reads a bounded window of the candidate index under its territory and product
 * lines (`selectCandidates`: never all partners, nor all of a territory), the candidates' routing
 * state, scores them and offers the lead to the best
 * in ONE transaction with the lead (conditioned on the version read), the partner's load (load <
 * capacity) and the stored decision; `carried` (a rejection, an expiry) commits in it too. If the
 * best filled up meanwhile, the next is tried. No candidate, or `maxOffers` reached: the lead goes
 * to the vendor pool with the reason. A lead changed meanwhile fails with 412 (re-read by callers).
 *
 * `before` is the lead as read (its version conditions the write); `lead` is what routing starts
 * from (the same, or the lead after a rejection or expiry).
 */
export async function routeLead(
  before: Lead,
  lead: Lead,
  trigger: Trigger,
  options: { actor?: Actor; carried?: Carried; settings?: RoutingSettings; create?: { duplicate: () => Error } } = {},
): Promise<{ lead: Lead; decision: RoutingDecision }> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  const carried = options.carried ?? { writes: [], events: [] };
  const [settings, tiers] = await Promise.all([options.settings ?? getSettings(), getVocabularyCopy('TIERS')]);
  const now = clock.now();
  const base = {
    leadId: lead.id,
    decidedAt: now.toISOString(),
    trigger,
    settingsVersion: settings.version,
    tierListVersion: tiers.version,
  };
  const ctx = { actor, clock };
  /** The lead's own write: a new item (with its externalId claim) at intake, else conditioned on the version read. */
  const write = (next: Lead): Write[] => (options.create ? putNewLead(next, settings, options.create.duplicate) : [putLead(next, before.version, settings)]);

  const toPool = async (
    reason: string,
    candidates: RoutingDecision['candidates'],
    excluded: RoutingDecision['excluded'],
    selection?: RoutingDecision['selection'],
  ) => {
    const pooled = poolLead(lead, reason, settings.version, now);
    const decision: RoutingDecision = { ...base, outcome: 'unassigned', partnerId: null, reason, candidates, excluded, ...(selection ? { selection } : {}) };
    await commit(
      [...write(pooled), ...carried.writes, putDecision(decision, newId('event', now))],
      [
        ...carried.events,
        makeEvent(LeadRouted, routedData(decision), ctx),
        makeEvent(LeadReturnedToPool, { lead: leadSummary(pooled), reason, offers: pooled.offerCount }, ctx),
      ],
    );
    return { lead: pooled, decision };
  };

  if (!offersLeft(lead, settings)) return toPool(POOL_REASONS.maxOffers, [], []);

  const selected = await selectCandidates(lead, settings, tiers.keys, now);
  const { ranked, excluded } = selected;
  const lostRace: RoutingDecision['excluded'] = [];
  const record = () =>
    recordSelection(
      ranked.filter((c) => !lostRace.some((l) => l.partnerId === c.partnerId)),
      [...excluded, ...lostRace],
      selected.read,
    );
  for (const best of ranked.slice(0, MAX_OFFER_TRIES)) {
    const offered = offerLead(lead, best.partnerId, settings, now);
    const decision: RoutingDecision = { ...base, outcome: 'offered', partnerId: best.partnerId, reason: null, ...record() };
    const own = { ...ctx, partnerId: best.partnerId };
    try {
      await commit(
        [...write(offered), ...carried.writes, putDecision(decision, newId('event', now)), takeCapacity(best.partnerId, now)],
        [
          ...carried.events,
          makeEvent(LeadRouted, routedData(decision), own),
          makeEvent(LeadOffered, { lead: leadSummary(offered), offer: offered.offer! }, own),
        ],
      );
      await reorder(selected.keysOf, [best.partnerId, ...atCapacity(excluded, lostRace)], now);
      return { lead: offered, decision };
    } catch (err) {
      if (!(err instanceof CapacityTakenError)) throw err;
      lostRace.push({ partnerId: best.partnerId, reason: 'at-capacity' });
    }
  }
  const { candidates, excluded: stored, selection } = record();
  const pooled = await toPool(POOL_REASONS.noCandidates, candidates, stored, selection);
  await reorder(selected.keysOf, atCapacity(excluded, lostRace), now);
  return pooled;
}

/**
 * The candidates of a lead, read within a bounded window: per key of the lead (country and region
 * × product lines) the `WINDOW_PER_KEY` least recently offered readable entries (plus as many as
 * the lead has declines, which it skips), and once the inactive ones to report them; their routing
 * states (consistent); more pages, at most `WINDOW_PAGES` a key, only while none read is eligible.
 * Every partner read is scored on its own state, so the choice is exact among those read; it is
 * the best of the whole territory when every entry was read or its score beats what an unread one
 * could reach (`selection.exact`).
 */
async function selectCandidates(lead: Lead, settings: RoutingSettings, tierRanks: readonly string[], now: Date) {
  const keys = [...new Set(candidateKeys(lead).map((k) => `${k.territory}#${k.productLine}`))];
  const cursors: KeyCursor[] = keys.map((key) => ({ key, start: undefined, pages: 0 }));
  const limit = WINDOW_PER_KEY + lead.declined.length;
  const found: { entry: CandidateEntry; state: PartnerRoutingState | undefined }[] = [];
  const states = new Map<string, PartnerRoutingState>();
  /** The readable keys each partner was read under (where its order moves after an offer). */
  const keysOf = new Map<string, string[]>();
  let open = cursors;
  let eligibleFound = false;
  for (let page = 0; open.length && !eligibleFound; page++) {
    const read = await readWindowPage(open, limit, page === 0);
    const fresh = [...new Set(read.map((r) => r.entry.partnerId))].filter((id) => !keysOf.has(id));
    for (const r of read) {
      const list = keysOf.get(r.entry.partnerId) ?? [];
      if (r.readable) list.push(r.key);
      keysOf.set(r.entry.partnerId, list);
    }
    for (const [id, s] of await readStates(fresh)) states.set(id, s);
    // Readable entries first: an inactive copy of a partner (an entry not yet updated) never hides a readable one.
    const ordered = [...read.filter((r) => r.readable), ...read.filter((r) => !r.readable)];
    found.push(...ordered.map((r) => ({ entry: r.entry, state: states.get(r.entry.partnerId) })));
    eligibleFound = filterCandidates(lead, found).eligible.length > 0;
    open = cursors.filter((c) => c.start && c.pages < WINDOW_PAGES);
  }
  const { eligible, excluded } = filterCandidates(lead, found);
  const ranked: RankedCandidate[] = scoreCandidates(lead, eligible, settings, tierRanks, now);
  return {
    ranked,
    excluded,
    keysOf,
    read: { entries: keysOf.size, complete: cursors.every((c) => !c.start), bound: scoreUpperBound(lead, settings, tierRanks) },
  };
}

const atCapacity = (...lists: RoutingDecision['excluded'][]) => lists.flat().flatMap((e) => (e.reason === 'at-capacity' ? [e.partnerId] : []));

/** After the decision is committed: the offered partner and those found full go to the back of the index order (best effort). */
async function reorder(keysOf: Map<string, string[]>, partnerIds: string[], now: Date): Promise<void> {
  try {
    await Promise.all([...new Set(partnerIds)].map((id) => moveToBack(id, keysOf.get(id) ?? [], now)));
  } catch (err) {
    logger.warn('leads: the candidate index order was not updated', { error: err as Error });
  }
}

const routedData = (d: RoutingDecision) => ({
  leadId: d.leadId,
  trigger: d.trigger,
  outcome: d.outcome,
  partnerId: d.partnerId,
  reason: d.reason,
  settingsVersion: d.settingsVersion,
  candidates: d.selection?.considered ?? d.candidates.length,
  excluded: d.selection ? Object.values(d.selection.excludedByReason).reduce((n, c) => n + c, 0) : d.excluded.length,
});
