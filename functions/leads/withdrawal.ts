import { SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import {
  type Lead,
  LeadOfferWithdrawn,
  LeadReturnedToPool,
  WITHDRAWAL_REASONS,
  type WithdrawalCause,
  leadSummary,
  takeBackLead,
  withdrawOffer,
} from '@channelbase/core/leads';
import { type Write, commit, retryOnStale, runtimeClock as clock } from '@channelbase/platform';
import { findLead, getSettings, getState, openLeadIdsOf, putLead, releaseCapacity } from './repository.ts';
import { routeLead } from './routing.ts';

/** Leads taken back at once. */
const PARALLEL = 8;

export interface Withdrawal {
  offers: number;
  returned: number;
}

/**
 * Takes a suspended or terminated partner's leads back (from the partner's own partition of
 * leads' gsi3, pattern 41, status filtered), each lead on its own, re-read strongly consistent
 * and changed conditioned on the version read:
 * - an open offer is withdrawn (`withdrawn` in `declined`: never offered to the partner again), its
 *   place given back in the same transaction, LeadOfferWithdrawn, and the lead routed to the next
 *   candidate (or the pool) in that transaction, as after a rejection;
 * - on termination only, a lead it accepted and has not closed returns to the vendor pool
 *   (`partner-terminated`), its place given back in the same transaction, LeadReturnedToPool.
 * A lead no longer with the partner is left alone, so a redelivered event changes nothing.
 */
export async function withdrawPartnerLeads(partnerId: string, cause: WithdrawalCause): Promise<Withdrawal> {
  const done: Withdrawal = { offers: 0, returned: 0 };
  const ids = await openLeadIdsOf(partnerId);
  // A few leads at once (a partner may hold hundreds): the routing steps race for the next
  // candidates' places, which their conditions settle; a delivery that times out halfway is
  // redelivered and does only what is left.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, ids.length) }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        // A lead changed meanwhile (an acceptance, the sweep) is read again; one still contended after
        // the retries fails the delivery, and the redelivery does what is left.
        const outcome = await retryOnStale(async () => {
          const lead = await findLead(id);
          return lead ? withdrawOne(lead, partnerId, cause) : 'unchanged';
        });
        if (outcome === 'offer') done.offers++;
        if (outcome === 'returned') done.returned++;
      }
    }),
  );
  return done;
}

async function withdrawOne(lead: Lead, partnerId: string, cause: WithdrawalCause): Promise<'offer' | 'returned' | 'unchanged'> {
  const now = clock.now();
  const ctx = { actor: SYSTEM_ACTOR, clock, partnerId };
  const freed = withdrawOffer(lead, partnerId, now);
  if (freed) {
    const state = await getState(partnerId);
    const carried = {
      writes: [releaseCapacity(partnerId, state, now, { release: true })] as Write[],
      events: [makeEvent(LeadOfferWithdrawn, { leadId: lead.id, partnerId, reason: WITHDRAWAL_REASONS[cause], offeredAt: lead.offer!.offeredAt }, ctx)],
    };
    await routeLead(lead, freed, 'withdrawn', { carried });
    return 'offer';
  }
  if (cause !== 'terminated') return 'unchanged';
  const [settings, state] = await Promise.all([getSettings(), getState(partnerId)]);
  const pooled = takeBackLead(lead, partnerId, cause, settings.version, now);
  if (!pooled) return 'unchanged';
  await commit(
    [putLead(pooled, lead.version, settings), releaseCapacity(partnerId, state, now, { release: true })],
    [makeEvent(LeadReturnedToPool, { lead: leadSummary(pooled), reason: WITHDRAWAL_REASONS[cause], offers: pooled.offerCount, fromPartnerId: partnerId }, ctx)],
  );
  return 'returned';
}
