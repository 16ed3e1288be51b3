import { ConflictError, PreconditionFailedError, SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import { type Lead, LeadOfferExpired, LeadStale, expireOffer, staleAt } from '@channelbase/core/leads';
import { type ScheduledRun, type Write, commit, createScheduledJob, runtimeClock as clock } from '@channelbase/platform';
import { SHARDS, dueLeads, getSettings, getState, putLead, releaseCapacity } from './repository.ts';
import { routeLead } from './routing.ts';

const PAGE = 100;
type Outcome = 'unchanged' | 'changed' | 'stale';

/** An acceptance, a status change or another sweep got there first: its outcome stands, and this is no error. */
const isStale = (err: unknown) => err instanceof ConflictError || err instanceof PreconditionFailedError;

/**
 * One due lead. An offer past its SLA (from `expiresAt` on) expires in the same transaction as the
 * next routing decision (the partner's place is given back, LeadOfferExpired, then the next
 * candidate or the pool). An owned lead quiet for the stale period is reported once (LeadStale)
 * until its next update. Every write is conditioned on the lead's version read, so an acceptance
 * at the same instant and this sweep cannot both win.
 */
export async function sweepLead(lead: Lead, staleReported: string | undefined): Promise<Outcome> {
  const now = clock.now();
  try {
    const expired = expireOffer(lead, now);
    if (expired) {
      const { partnerId } = expired;
      const state = await getState(partnerId);
      const carried = {
        writes: [releaseCapacity(partnerId, state, now, { release: true, outcome: { at: now.toISOString(), outcome: 'expired' } })] as Write[],
        events: [
          makeEvent(
            LeadOfferExpired,
            { leadId: lead.id, partnerId, offeredAt: lead.offer!.offeredAt, expiresAt: lead.offer!.expiresAt },
            { actor: SYSTEM_ACTOR, clock, partnerId },
          ),
        ],
      };
      await routeLead(lead, expired.lead, 'expired', { carried });
      return 'changed';
    }
    const settings = await getSettings();
    const at = staleAt(lead, settings);
    if (!at || Date.parse(at) > now.getTime() || staleReported === lead.updatedAt) return 'unchanged';
    await commit(
      [putLead(lead, lead.version, settings, lead.updatedAt)],
      [
        makeEvent(
          LeadStale,
          { leadId: lead.id, partnerId: lead.partnerId!, status: lead.status, lastUpdatedAt: lead.updatedAt, staleDays: settings.staleDays },
          { actor: SYSTEM_ACTOR, clock, partnerId: lead.partnerId! },
        ),
      ],
    );
    return 'changed';
  } catch (err) {
    if (isStale(err)) return 'stale';
    throw err;
  }
}

/**
 * The lead sweep: every lead due by now in the due index (gsi4 `LEAD#DUE#<shard>`, sorted by due
 * time): offers past their SLA, owned leads past their stale time. It reads only what is due, so
 * a run costs what it changes, not the number of open leads. A handled lead leaves the index (or
 * moves to its next due time), so a run that stops for time simply goes on at the next tick.
 */
export async function sweepLeads(budgetMs: () => number): Promise<ScheduledRun> {
  const run: ScheduledRun = { seen: 0, changed: 0, stale: 0, more: false };
  const now = clock.now();
  for (let shard = 0; shard < SHARDS; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dueLeads(shard, now, PAGE, start);
      const outcomes = await Promise.all(page.items.map((d) => sweepLead(d.lead, d.staleReported)));
      for (const o of outcomes) {
        run.seen++;
        if (o !== 'unchanged') run[o]++;
      }
      start = page.next;
      if (budgetMs() <= 0) return { ...run, more: true };
    } while (start);
  }
  return run;
}

export const handler = createScheduledJob('leads.lead-sweep', ({ budgetMs }) => sweepLeads(budgetMs));
