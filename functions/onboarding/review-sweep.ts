import { ConflictError, PreconditionFailedError, SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import { ApplicationExpired, expireApplication, reviewExpiresAt, reviewReminder } from '@channelbase/core/onboarding';
import { type ScheduledRun, type Write, commit, createScheduledJob, runtimeClock as clock } from '@channelbase/platform';
import * as partners from '../partners/index.ts';
import { type StoredApplication, pendingApplications, putApplication, releaseSlot, saveSweepCursor, sweepCursor } from './repository.ts';

/** Applications per page of the status index. */
const PAGE = 100;

type Outcome = 'unchanged' | 'changed' | 'stale';

/** A decision (or another sweep) got there first: its outcome stands, and this is no error. */
const isStale = (err: unknown) => err instanceof ConflictError || err instanceof PreconditionFailedError;

/** Gives up a key or place only while this application still holds it; one already taken over is left alone. */
async function releaseIfHeld(write: Write): Promise<void> {
  try {
    await commit([{ ...write, onConditionFailed: () => new ConflictError('released already') }]);
  } catch (err) {
    if (!isStale(err)) throw err;
  }
}

/**
 * One pending application: past its review window it expires (its identity keys and cap places
 * released, ApplicationExpired); otherwise it gets the reminder of the review period it is in,
 * once (ApplicationReviewReminder). A decision committed meanwhile makes the write fail its
 * version condition: that is the expected race, reported as `stale`, never a Lambda error.
 */
export async function reviewPending({ application, heldKeys, heldSlots }: StoredApplication): Promise<Outcome> {
  try {
    const expired = expireApplication(application, clock);
    if (expired) {
      await Promise.all([
        ...heldKeys.map(([on, value]) => releaseIfHeld(partners.releaseOrganisationKey(on, value, application.id))),
        ...heldSlots.map((held) => releaseIfHeld(releaseSlot(held, application.id))),
      ]);
      const data = { applicationId: application.id, submittedAt: application.submittedAt, expiredAt: reviewExpiresAt(application).toISOString() };
      await commit([putApplication(expired, [], application.version)], [makeEvent(ApplicationExpired, data, { actor: SYSTEM_ACTOR, clock })]);
      return 'changed';
    }
    const reminder = reviewReminder(application, clock);
    if (!('event' in reminder)) return 'unchanged';
    await commit([putApplication(reminder.application, heldKeys, application.version, heldSlots)], [reminder.event]);
    return 'changed';
  } catch (err) {
    if (isStale(err)) return 'stale';
    throw err;
  }
}

/**
 * The review sweep: every pending application, from the status index (gsi2
 * `APPLICATION#STATUS#pending`), reminded once per review SLA period and expired at the end of its
 * review window. One scheduled run instead of one Step Functions execution per application: it
 * holds nothing open between runs. A run that runs out of time saves where it stopped and says
 * `more`; the next run (or, locally, the engine at once) goes on from there.
 */
export async function sweepReviews(budgetMs: () => number, pageSize = PAGE): Promise<ScheduledRun> {
  const run: ScheduledRun = { seen: 0, changed: 0, stale: 0, more: false };
  let start = await sweepCursor();
  do {
    const page = await pendingApplications(pageSize, start);
    for (const stored of page.items) {
      run.seen++;
      const outcome = await reviewPending(stored);
      if (outcome !== 'unchanged') run[outcome]++;
    }
    start = page.next;
    if (start && budgetMs() <= 0) {
      await saveSweepCursor(start);
      return { ...run, more: true };
    }
  } while (start);
  await saveSweepCursor(undefined);
  return run;
}

export const handler = createScheduledJob('onboarding.review-sweep', ({ budgetMs }) => sweepReviews(budgetMs));
