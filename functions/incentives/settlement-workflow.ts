import * as z from '@channelbase/core/kernel/zod';
import { SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import {
  type RunTotals,
  SettlementAwaitingApproval,
  ZERO_TOTALS,
  addToTotals,
  sumTotals,
  baselinePeriodsOf,
  computeStatement,
  shiftPeriod,
  statementsDone,
} from '@channelbase/core/incentives';
import { commit, createWorkflowStep, done, next, runtimeClock as clock } from '@channelbase/platform';
import { AlreadyRecordedError, PERIOD_SHARDS, getProgrammeVersion } from './repository.ts';
import { type StoredStatement, closePeriod, getRun, getStatement, partnersOfPeriod, putRun, putStatement } from './settlements.ts';

/**
 * How long the run waits after closing the period before it reads the period's index: an entry
 * committed just before the close is in the table at once, but the index (gsi1) follows a moment
 * later. A second is the usual lag; a minute leaves room.
 */
export const INDEX_GRACE_MS = 60_000;
/** Partners per step: each step is one Lambda invocation, well inside its time limit. */
export const PARTNERS_PER_STEP = 200;

const totalsSchema = z.object({
  partners: z.number(),
  entriesMinor: z.number(),
  carriedInMinor: z.number(),
  carriedOutMinor: z.number(),
  payableMinor: z.number(),
});
const state = z.object({
  runId: z.string(),
  /** A fan-out's branch: only this shard, then done with its totals. */
  only: z._default(z.boolean(), false),
  /** The period shard being read, and the last partner of it done. */
  shard: z._default(z.number().check(z.int(), z.minimum(0)), 0),
  after: z._default(z.string(), ''),
  totals: z._default(totalsSchema, ZERO_TOTALS),
  /** After a fan-out (AWS): each shard's output. */
  outputs: z.optional(z.array(z.object({ totals: totalsSchema }))),
});
const started = z.object({ run: z.object({ id: z.string() }) });

/**
 * Closes the period: from now on nothing accrues into it (late entries land in the next open one).
 * Then, after the index grace, the statements: in AWS a Distributed Map settles the shards at once
 * (`fanOut`, one branch per shard); the local engine runs the state as it is, shard after shard.
 */
async function close(raw: unknown) {
  const { runId } = state.parse(raw);
  const run = await getRun(runId);
  if (run.status !== 'running') return done();
  await closePeriod(run.programmeId, run.period, run.id, clock.now().toISOString());
  const wakeAt = new Date(clock.now().getTime() + INDEX_GRACE_MS);
  const branches = Array.from({ length: PERIOD_SHARDS }, (_, shard) => ({ step: 'statements', wakeAt: wakeAt.toISOString(), runId, shard, only: true }));
  return next('statements', wakeAt, { runId, shard: 0, after: '', totals: ZERO_TOTALS, fanOut: { branches, then: 'finish', carry: { runId } } });
}

/**
 * Computes the statements of up to PARTNERS_PER_STEP partners, shard by shard of the period
 * and in partner order within a shard, after the last one the previous step finished. Each
 * statement is written once with its period-end entries and its carry: a step that failed
 * halfway and runs again finds the statements it wrote and counts them as they are, so the
 * totals and the statements come out the same. A fan-out's branch (`only`) does its own shard and
 * answers its totals; otherwise the step goes on to the next shard, and after the last to finish.
 */
async function statements(raw: unknown) {
  const s = state.parse(raw);
  const run = await getRun(s.runId);
  if (run.status !== 'running') return done();
  const programme = await getProgrammeVersion(run.programmeId, run.programmeVersion);
  const growth = programme.rules.some((r) => r.kind === 'growth');
  let totals: RunTotals = s.totals;
  let count = 0;
  const last = s.only ? s.shard : PERIOD_SHARDS - 1;
  for (let shard = s.shard, after = s.after; shard <= last; shard++, after = '')
    for await (const partner of partnersOfPeriod(run.programmeId, run.period, shard, after)) {
      const existing = await getStatement(partner.partnerId, run.programmeId, run.period);
      let statement: StoredStatement | undefined = existing;
      if (!statement) {
        const revenueByPeriod = new Map<string, number>();
        if (growth)
          for (const p of new Set(programme.rules.flatMap((r) => (r.kind === 'growth' ? baselinePeriodsOf(r, run.period, programme.cadence) : [])))) {
            const earlier = await getStatement(partner.partnerId, run.programmeId, p);
            if (earlier) revenueByPeriod.set(p, earlier.revenueMinor);
          }
        statement = {
          ...computeStatement({ programme, period: run.period, runId: run.id, ...partner, revenueByPeriod }),
          runId: run.id,
        };
        try {
          await putStatement(statement, shiftPeriod(run.period, programme.cadence, 1), clock.now().toISOString());
        } catch (err) {
          if (!(err instanceof AlreadyRecordedError)) throw err;
          statement = (await getStatement(partner.partnerId, run.programmeId, run.period))!;
        }
      }
      totals = addToTotals(totals, statement);
      if (++count === PARTNERS_PER_STEP) return next('statements', clock.now(), { runId: run.id, only: s.only, shard, after: partner.partnerId, totals });
    }
  if (s.only) return done({ totals });
  return next('finish', clock.now(), { runId: run.id, totals });
}

/** The statements are written: the run waits for finance, with its totals (after a fan-out, the sum of the shards'). */
async function finish(raw: unknown) {
  const s = state.parse(raw);
  const run = await getRun(s.runId);
  if (run.status !== 'running') return done();
  const waiting = statementsDone(run, s.outputs ? sumTotals(s.outputs.map((o) => o.totals)) : s.totals, clock);
  await commit([putRun(waiting)], [makeEvent(SettlementAwaitingApproval, { run: waiting }, { actor: SYSTEM_ACTOR, clock })]);
  return done();
}

/**
 * The settlement run, started by its SettlementStarted: close the period, wait for the index,
 * write the statements partner by partner (in AWS the period shards at once, a Distributed Map;
 * locally one after the other), then wait for approval. In AWS a Step Functions state machine
 * invokes these steps and retries a failed one; locally the workflow engine does.
 */
export const handler = createWorkflowStep('incentives.settlement', {
  begin: (event) => next('close', clock.now(), { runId: started.parse(event.detail.data).run.id }),
  steps: { close, statements, finish },
});
