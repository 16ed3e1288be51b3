import { ConflictError, PreconditionFailedError, SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import { DealExpired, DealReviewEscalated, DealReviewReminder, expireRegistration, hadRunningProtection, reviewAction } from '@channelbase/core/deals';
import { type ScheduledRun, commit, createScheduledJob, runtimeClock as clock } from '@channelbase/platform';
import { DUE_SHARDS, dueRegistrations, getDeal, getRules, indexWrites, putDeal, releaseProtection } from './repository.ts';

/** Registrations per page of the due index. */
const PAGE = 100;

type Outcome = 'unchanged' | 'changed' | 'stale';

/** A decision, a close or another sweep got there first: its outcome stands, and this is no error. */
const isStale = (err: unknown) => err instanceof ConflictError || err instanceof PreconditionFailedError;

/**
 * One due registration: an approved one past its protection expires (protection released and
 * index entries removed in the same transaction, DealExpired); one waiting for review gets its
 * reminder, then its escalation at the review SLA, each once. Every write is conditioned on the
 * version read, so a decision committed meanwhile makes it `stale`, never a Lambda error.
 */
export async function sweepOne(id: string): Promise<Outcome> {
  try {
    const stored = await getDeal(id);
    const { deal, keys } = stored;
    const rules = await getRules();
    const ctx = { actor: SYSTEM_ACTOR, clock, partnerId: deal.partnerId };
    const expired = expireRegistration(deal, clock);
    if (expired) {
      await commit(
        [putDeal(expired, keys, rules, deal.version), ...indexWrites(expired, keys), ...(hadRunningProtection(deal) ? releaseProtection(deal, keys) : [])],
        [makeEvent(DealExpired, { registration: expired }, ctx)],
      );
      return 'changed';
    }
    const review = reviewAction(deal, rules, clock);
    if (!review) {
      // Due by an older rule set (the reminder moved): the item is rewritten with its next due time.
      await commit([putDeal(deal, keys, rules, deal.version)]);
      return 'unchanged';
    }
    const data = { registrationId: deal.id, submittedAt: deal.submittedAt, reviewDueAt: deal.reviewDueAt! };
    await commit(
      [putDeal(review.deal, keys, rules, deal.version)],
      [makeEvent(review.action === 'reminder' ? DealReviewReminder : DealReviewEscalated, data, ctx)],
    );
    return 'changed';
  } catch (err) {
    if (isStale(err)) return 'stale';
    throw err;
  }
}

/**
 * The deals sweep: reads only what is due (gsi5 `DEAL#DUE#<shard>`, sort key `<dueAt>#<id>`, up to
 * now) rather than every open registration, so a run costs what is due, not what is open. One
 * scheduled run instead of one Step Functions execution per registration (docs/infrastructure.md:
 * partners register in bulk, a million open registrations is ordinary). Each registration it
 * changes leaves the due range (its next due time is later, or it has none); pages follow the
 * index by key, so nothing due is skipped. A run out of time stops with `more`: the next run reads
 * the due range again from its start (what was done has left it).
 */
export async function sweepDeals(budgetMs: () => number, pageSize = PAGE): Promise<ScheduledRun> {
  const run: ScheduledRun = { seen: 0, changed: 0, stale: 0, more: false };
  const now = clock.now();
  for (let shard = 0; shard < DUE_SHARDS; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dueRegistrations(shard, now, pageSize, start);
      for (const id of page.ids) {
        run.seen++;
        const outcome = await sweepOne(id);
        if (outcome !== 'unchanged') run[outcome]++;
      }
      start = page.next;
      if (budgetMs() <= 0) return { ...run, more: true };
    } while (start);
  }
  return run;
}

export const handler = createScheduledJob('deals.deal-sweep', ({ budgetMs }) => sweepDeals(budgetMs));
