import { type Actor, ConflictError, NotFoundError, ValidationError, makeEvent } from '@channelbase/core';
import { type SettlementRun, SettlementStarted, isPeriod, shiftPeriod, startRun } from '@channelbase/core/incentives';
import { commit, runtimeClock as clock } from '@channelbase/platform';
import { programmeVersions } from './repository.ts';
import { periodHasActivity, putNewRun, runOf } from './settlements.ts';

/**
 * Starts the settlement run of a programme and period, or answers the one already started (the
 * API and the schedule both call this). A period settles once it is over, and after the period
 * before it when anything accrued there: what a period carries out is the next one's carry-in.
 */
export async function startSettlement(
  programmeId: string,
  period: string,
  actor: Actor,
  bySchedule: boolean,
): Promise<{ run: SettlementRun; created: boolean }> {
  const existing = await runOf(programmeId, period);
  if (existing) return { run: existing, created: false };
  const versions = await programmeVersions(programmeId);
  const current = versions.at(-1);
  if (!current) throw new NotFoundError('Incentive programme not found');
  if (!isPeriod(period, current.cadence))
    throw new ValidationError('Not a period of this programme', [
      { path: 'body.period', message: `must be a ${current.cadence} period (${current.cadence === 'monthly' ? 'YYYY-MM' : 'YYYY-Qn'})` },
    ]);
  const before = shiftPeriod(period, current.cadence, -1);
  if (await periodHasActivity(programmeId, before)) {
    const previous = await runOf(programmeId, before);
    if (!previous) throw new ConflictError(`Settle ${before} first: it has entries, and what it carries out is ${period}'s carry-in`);
    if (previous.status === 'running')
      throw new ConflictError(`The run of ${before} is still computing its statements; start ${period} once it waits for approval`);
  }
  const run = startRun(versions, period, { actor, bySchedule }, clock);
  try {
    await commit(putNewRun(run), [makeEvent(SettlementStarted, { run }, { actor, clock })]);
  } catch (err) {
    // Another start of the same programme and period won the claim: answer its run.
    const winner = err instanceof ConflictError ? await runOf(programmeId, period) : undefined;
    if (!winner) throw err;
    return { run: winner, created: false };
  }
  return { run, created: true };
}
