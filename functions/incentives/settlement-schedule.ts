import { ConflictError, SYSTEM_ACTOR } from '@channelbase/core';
import { lastClosedPeriod, lastDayOf, versionInForce } from '@channelbase/core/incentives';
import { createScheduledJob, logger, runtimeClock as clock } from '@channelbase/platform';
import { startSettlement } from './commands.ts';
import { allVersions } from './repository.ts';

/**
 * The settlement schedule (by default 02:00 UTC on the 1st of each month): starts, for every
 * programme, the run of the period that closed most recently. A run already started is left as it
 * is (starting it again answers it), so a quarterly programme's run starts on the first tick after
 * its quarter and the next two months' ticks change nothing. A programme whose previous period is
 * not settled yet is reported and skipped: finance settles that one first (POST /settlements).
 */
export const handler = createScheduledJob('incentives.settlement-schedule', async () => {
  let seen = 0;
  let changed = 0;
  let stale = 0;
  const now = clock.now();
  for (const versions of (await allVersions()).values()) {
    const current = versions.at(-1)!;
    const period = lastClosedPeriod(now, current.cadence);
    // A programme that starts after the period has nothing to settle in it.
    if (!versionInForce(versions, lastDayOf(period, current.cadence))) continue;
    seen++;
    try {
      const { created } = await startSettlement(current.id, period, SYSTEM_ACTOR, true);
      if (created) changed++;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      stale++;
      logger.warn('settlement schedule: a run could not start', { programmeId: current.id, period, reason: err.message });
    }
  }
  return { seen, changed, stale, more: false };
});
