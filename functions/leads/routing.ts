import { type Actor, type DomainEvent, SYSTEM_ACTOR, makeEvent, newId } from '@channelbase/core';
import {
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
  poolLead,
  scoreCandidates,
} from '@channelbase/core/leads';
import { type Write, commit, runtimeClock as clock } from '@channelbase/platform';
import { CapacityTakenError, getSettings, getVocabularyCopy, putDecision, putLead, putNewLead, readEntries, readStates, takeCapacity } from './repository.ts';

/** How many candidates one routing step tries, best first, when the chosen one filled up meanwhile. */
const MAX_OFFER_TRIES = 10;

export type Trigger = RoutingDecision['trigger'];

/** What a step that frees the lead commits with its next routing decision (the rejection or expiry and its events). */
export interface Carried {
  writes: Write[];
  events: DomainEvent[];
}

/**
 * Routes a lead: reads the candidate index under its territory and product lines (key lookups,
 * never all partners), the candidates' routing state, scores them and offers the lead to the best
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

  const toPool = async (reason: string, candidates: RoutingDecision['candidates'], excluded: RoutingDecision['excluded']) => {
    const pooled = poolLead(lead, reason, settings.version, now);
    const decision: RoutingDecision = { ...base, outcome: 'unassigned', partnerId: null, reason, candidates, excluded };
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

  const entries = await readEntries(candidateKeys(lead));
  const states = await readStates([...new Set(entries.map((e) => e.partnerId))]);
  const { eligible, excluded } = filterCandidates(
    lead,
    entries.map((entry) => ({ entry, state: states.get(entry.partnerId) })),
  );
  const ranked = scoreCandidates(lead, eligible, settings, tiers.keys, now);
  const lostRace: RoutingDecision['excluded'] = [];
  for (const best of ranked.slice(0, MAX_OFFER_TRIES)) {
    const offered = offerLead(lead, best.partnerId, settings, now);
    const decision: RoutingDecision = {
      ...base,
      outcome: 'offered',
      partnerId: best.partnerId,
      reason: null,
      candidates: ranked.filter((c) => !lostRace.some((l) => l.partnerId === c.partnerId)),
      excluded: [...excluded, ...lostRace],
    };
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
      return { lead: offered, decision };
    } catch (err) {
      if (!(err instanceof CapacityTakenError)) throw err;
      lostRace.push({ partnerId: best.partnerId, reason: 'at-capacity' });
    }
  }
  const remaining = ranked.filter((c) => !lostRace.some((l) => l.partnerId === c.partnerId));
  return toPool(POOL_REASONS.noCandidates, remaining, [...excluded, ...lostRace]);
}

const routedData = (d: RoutingDecision) => ({
  leadId: d.leadId,
  trigger: d.trigger,
  outcome: d.outcome,
  partnerId: d.partnerId,
  reason: d.reason,
  settingsVersion: d.settingsVersion,
  candidates: d.candidates.length,
  excluded: d.excluded.length,
});
