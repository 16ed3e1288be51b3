import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { logger, metrics, observed } from '../observability.ts';

/** What one run of a scheduled job reports (its Lambda's answer; the local engine logs it). */
export interface ScheduledRun {
  /** Subjects looked at. */
  seen: number;
  /** Subjects changed (a reminder, an expiry). */
  changed: number;
  /** Subjects a concurrent change had already moved on (a decision meanwhile): no-ops, not errors. */
  stale: number;
  /** Whether the run stopped before the end of its work (its time budget); the next run goes on. */
  more: boolean;
}

/**
 * The Lambda handler of a scheduled job (`schedules` in a wiring): EventBridge's schedule rule
 * invokes it, the local engine too. `run` gets the milliseconds it may still use (the Lambda's
 * remaining time less a margin), and must stop in time and leave the rest to the next run.
 * @example export const handler = createScheduledJob('onboarding.review-sweep', ({ budgetMs }) => sweep(budgetMs));
 */
export function createScheduledJob(name: string, run: (options: { budgetMs: () => number }) => Promise<ScheduledRun>) {
  return observed<unknown, ScheduledRun>().handler(async (_event: unknown, context: Context) => {
    logger.appendKeys({ job: name });
    const margin = 30_000;
    const budgetMs = () => (typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() - margin : 60_000);
    const result = await run({ budgetMs });
    metrics.addMetric('ScheduledSubjectsChanged', MetricUnit.Count, result.changed);
    metrics.addMetric('ScheduledSubjectsStale', MetricUnit.Count, result.stale);
    logger.info('scheduled run', { ...result });
    return result;
  });
}
