import { PreconditionFailedError, SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import { CertificationExpired, CertificationExpiring, EXPIRY_REMINDER_DAYS, expiryStep } from '@channelbase/core/training';
import { type ScheduledRun, commit, createScheduledJob, runtimeClock as clock } from '@channelbase/platform';
import { expiringCertifications, putCertification } from './repository.ts';

const DAY_MS = 86_400_000;
const PAGE = 100;

/**
 * The daily expiry sweep over the active certifications index (gsi2 `TRAINING#CERTS#ACTIVE`,
 * sorted by expiry): those expiring within 60 days get CertificationExpiring at 60 and 30 days,
 * once each; those past their expiry are marked expired (CertificationExpired) and leave the
 * index. Each write is conditioned on the version read, so a renewal meanwhile wins (`stale`).
 */
export async function sweepExpiries(budgetMs: () => number = () => 60_000): Promise<ScheduledRun> {
  const run: ScheduledRun = { seen: 0, changed: 0, stale: 0, more: false };
  const now = clock.now();
  const until = new Date(now.getTime() + Math.max(...EXPIRY_REMINDER_DAYS) * DAY_MS);
  let start: Record<string, unknown> | undefined;
  do {
    const page = await expiringCertifications(until, PAGE, start);
    for (const c of page.items) {
      run.seen++;
      const step = expiryStep(c, now);
      if (!step) continue;
      const ctx = { actor: SYSTEM_ACTOR, clock, partnerId: c.partnerId };
      const event =
        step.outcome === 'expired'
          ? makeEvent(CertificationExpired, { certification: step.certification }, ctx)
          : makeEvent(CertificationExpiring, { certification: step.certification, daysBefore: step.outcome.daysBefore }, ctx);
      try {
        await commit([putCertification(step.certification, c.version)], [event]);
        run.changed++;
      } catch (err) {
        if (!(err instanceof PreconditionFailedError)) throw err;
        run.stale++;
      }
    }
    start = page.next;
    if (start && budgetMs() <= 0) return { ...run, more: true };
  } while (start);
  return run;
}

export const handler = createScheduledJob('training.certification-expiry', ({ budgetMs }) => sweepExpiries(budgetMs));
