import { execFile } from 'node:child_process';
import { REPO_ROOT, startDynamoLocal } from '@channelbase/local';

/**
 * The leads part (9): one child process per size (test/bench/leads-child.ts), each on a fresh
 * DynamoDB Local: on one shared Local the 10,000 seeding took 515 s after the 1,000 size's
 * thousands of leads and their stream records (a fresh Local seeds about 100 partners a second
 * on this machine), so a size no longer pays for the sizes before it.
 */
export interface LeadsPlan {
  sizes: readonly number[];
  /** Per child: seeding plus measuring. */
  childTimeoutMs: number;
}

export interface LeadsSize {
  partners: number;
  /** Loading the partners by BatchWriteItem. */
  seedSeconds: number;
  /** Partners under the lead's keys (what routing read before the bounded selection). */
  candidatesPerLead: number;
  /** Distinct partners the last routing read (`selection.read`), whether its choice was provably exact, the stored decision's size. */
  readPerLead: number | null;
  exact: boolean | null;
  decisionBytes: number | null;
  routingP50Ms: number;
  routingP95Ms: number;
  directP50Ms: number;
  capacity: { read: number; write: number; calls: Record<string, number> };
  throughput?: { leads: number; concurrency: number; routingPerSecond: number; routingP50Ms: number; directPerSecond: number; directP50Ms: number };
  batch?: { ms: number; created: number; offered: number };
}

export async function measureLeads(plan: LeadsPlan, log: (line: string) => void): Promise<LeadsSize[]> {
  const out: LeadsSize[] = [];
  for (const [i, size] of plan.sizes.entries()) {
    const dynamo = await startDynamoLocal();
    try {
      log(`leads: ${size.toLocaleString('en')} partners: seeding by batch writes, then routing`);
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          ['--import', 'tsx', 'test/bench/leads-child.ts'],
          {
            cwd: REPO_ROOT,
            timeout: plan.childTimeoutMs,
            maxBuffer: 16 * 1024 * 1024,
            env: {
              ...process.env,
              TABLE_NAME: `bench-leads-${size}-${Date.now().toString(36)}`,
              DYNAMODB_ENDPOINT: dynamo.endpoint,
              AWS_REGION: 'local',
              EVENT_BUS_NAME: 'bench',
              STAGE: 'bench',
              POWERTOOLS_LOG_LEVEL: 'ERROR',
              BENCH_PARTNERS: String(size),
              BENCH_FULL: i === 0 ? '1' : '0',
            },
          },
          (err, so, se) => {
            process.stderr.write(se);
            if (err) reject(err);
            else resolve(so);
          },
        ),
      );
      const line = stdout.trim().split('\n').at(-1)!;
      out.push(JSON.parse(line) as LeadsSize);
      // Each size as it completes, so that a run stopped during the largest keeps the others.
      log(`leads: ${size.toLocaleString('en')} partners: ${line}`);
    } finally {
      await dynamo.stop();
    }
  }
  return out;
}
