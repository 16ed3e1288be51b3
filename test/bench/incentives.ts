import { execFile } from 'node:child_process';
import { REPO_ROOT, startDynamoLocal } from '@channelbase/local';

/**
 * The incentives part (10): for each size (deals across partners), a fresh DynamoDB Local and
 * two child processes on one table (test/bench/incentives-child.ts): the first accrues the won
 * deals through the accrual consumer and measures the engine's raw write throughput at the same
 * concurrency, before and after; the second settles the period through the settlement steps, so
 * that its peak memory is the run's alone.
 */
export interface IncentivesPlan {
  /** [deals, partners] per size, smallest first; the last is the headline. */
  sizes: readonly (readonly [number, number])[];
  concurrency: number;
  childTimeoutMs: number;
}

export interface IncentivesSize {
  deals: number;
  partners: number;
  concurrency: number;
  entries: number;
  accruedMinor: number;
  failures: number;
  accrualSeconds: number;
  dealsPerSecond: number;
  entriesPerSecond: number;
  rawPerSecond: number;
  ratio: number;
  /** Items written per ledger entry (the entry, and its share of the deal's facts, credit and event). */
  itemsPerEntry: number;
  itemsPerSecond: number;
  /** Items written per second against raw single-item writes per second: how well the accrual uses the engine. */
  itemRatio: number;
  settle: {
    seconds: number;
    steps: number;
    partnersPerSecond: number;
    status: string;
    totals: { partners: number; entriesMinor: number; carriedInMinor: number; carriedOutMinor: number; payableMinor: number } | null;
    baselineRssMiB: number;
    peakRssMiB: number;
    peakHeapMiB: number;
  };
}

export const INCENTIVES_TARGET = { minRatio: 0.5, maxPeakMiB: 512 } as const;

function child(env: Record<string, string>, timeoutMs: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/bench/incentives-child.ts'],
      { cwd: REPO_ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...env } },
      (err, stdout, stderr) => {
        process.stderr.write(stderr);
        if (err) reject(err);
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>);
      },
    ),
  );
}

export async function measureIncentives(plan: IncentivesPlan, log: (line: string) => void): Promise<IncentivesSize[]> {
  const out: IncentivesSize[] = [];
  for (const [deals, partners] of plan.sizes) {
    const dynamo = await startDynamoLocal();
    try {
      const env = {
        TABLE_NAME: `bench-incentives-${deals}-${Date.now().toString(36)}`,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        AWS_REGION: 'local',
        EVENT_BUS_NAME: 'bench',
        STAGE: 'bench',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        POWERTOOLS_METRICS_DISABLED: 'true',
        BENCH_DEALS: String(deals),
        BENCH_PARTNERS: String(partners),
        BENCH_CONCURRENCY: String(plan.concurrency),
      };
      log(`incentives: ${deals.toLocaleString('en')} deals across ${partners.toLocaleString('en')} partners: accruing`);
      const accrued = await child({ ...env, BENCH_MODE: 'accrue' }, plan.childTimeoutMs);
      log(`incentives: accrued ${JSON.stringify(accrued)}; settling`);
      const settled = await child(
        { ...env, BENCH_MODE: 'settle', BENCH_PROGRAMME: String(accrued.programmeId), BENCH_PERIOD: String(accrued.period) },
        plan.childTimeoutMs,
      );
      log(`incentives: settled ${JSON.stringify(settled)}`);
      out.push({ ...(accrued as unknown as Omit<IncentivesSize, 'settle'>), settle: settled as unknown as IncentivesSize['settle'] });
    } finally {
      await dynamo.stop();
    }
  }
  return out;
}
