/**
 * One size of the incentives bench, in its own process on a fresh DynamoDB Local (the
 * platform reads its table name once per process). `BENCH_MODE=accrue` loads a programme and
 * the partners' standing, measures the raw write throughput of the engine, accrues the won deals
 * through the accrual consumer's handler (SQS batches of 10, `BENCH_CONCURRENCY` at a time) and
 * measures raw writes again; `BENCH_MODE=settle` (a process of its own, so that its peak memory
 * is the run's) settles the period through the settlement workflow's steps. Each prints one
 * JSON line on stdout for test/bench/incentives.ts.
 */
import '@channelbase/local/local-env';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SYSTEM_ACTOR, newId } from '@channelbase/core';
import { type IncentiveProgrammeInput, type PartnerStanding, accrue, newProgramme } from '@channelbase/core/incentives';
import { ensureTable } from '@channelbase/local';
import { lambdaContext } from '@channelbase/local/lambda-context';
import { commit, dynamo, rawDynamo, runtimeClock as clock, tableName } from '@channelbase/platform';
import { dealEvent, wonData } from '../support/incentives-events.ts';
import { exampleProgrammeInput } from '../support/incentives.ts';

const MODE = process.env.BENCH_MODE;
const DEALS = Number(process.env.BENCH_DEALS);
const PARTNERS = Number(process.env.BENCH_PARTNERS);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const log = (line: string) => console.error(`    [incentives ${DEALS}/${PARTNERS}] ${line}`);

/** The period the deals close in: last month (a settlement run needs a period that is over). */
const PERIOD = (() => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 15)).toISOString().slice(0, 7);
})();

/** A rebate by tier, a SPIFF on networking, an accelerator above a target, a minimum payout. */
const example = exampleProgrammeInput();
const PROGRAMME: IncentiveProgrammeInput = {
  ...example,
  name: 'Bench rebate',
  rules: [
    ...example.rules,
    {
      kind: 'accelerator',
      id: 'accelerator',
      targetMinor: 5_000_000,
      brackets: [
        { fromPercent: 0, upToPercent: 100, rateBp: 0 },
        { fromPercent: 100, upToPercent: 150, rateBp: 100 },
        { fromPercent: 150, upToPercent: null, rateBp: 200 },
      ],
    },
  ],
  minimumPayoutMinor: 10_000,
};

const partnerId = (i: number) => `ptr_01JE${String(i).padStart(22, '0')}`;
const standingOf = (i: number): PartnerStanding & { status: string } => ({
  type: 'reseller',
  tier: i % 3 === 0 ? 'gold' : 'silver',
  status: 'active',
  accreditations: [],
});

/** Deal i: partner i mod N, two lines, amounts from a fixed sequence, closed on a day of the period. */
function dealOf(i: number) {
  const networking = 100_000 + ((i * 7_919) % 900_000);
  const security = 50_000 + ((i * 104_729) % 400_000);
  return {
    partnerId: partnerId(i % PARTNERS),
    closeDate: `${PERIOD}-${String(1 + (i % 28)).padStart(2, '0')}`,
    lines: [
      { productLine: 'networking', amountMinor: networking },
      { productLine: 'security', amountMinor: security },
    ],
  };
}

/** Runs `count` tasks with `concurrency` workers; the elapsed seconds. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * Raw single-item writes of an entry's size: the engine's write throughput, the better of the
 * accrual's concurrency and ten times it (a batch's 10 records are handled at once).
 */
async function rawWrites(count: number, tag: string): Promise<number> {
  const [a, b] = [await rawAt(count, CONCURRENCY, `${tag}1`), await rawAt(count, CONCURRENCY * 10, `${tag}2`)];
  return Math.max(a, b);
}

async function rawAt(count: number, concurrency: number, tag: string): Promise<number> {
  const pad = 'x'.repeat(600);
  const seconds = await pool(count, concurrency, async (i) => {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: `BENCH#RAW#${tag}#${i}`, sk: 'ENTRY', kind: 'bench-raw', amountMinor: i, explanation: pad, gsi1pk: `BENCH#RAW#${tag}`, gsi1sk: String(i) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  });
  return count / seconds;
}

type Calls = Record<string, { count: number; ms: number; items: number }>;

/** The items a write command writes: a transaction's, a batch's, or one. Zero for a read. */
function itemsWritten(command: { constructor: { name: string }; input?: Record<string, unknown> }): number {
  const input = command.input ?? {};
  if (Array.isArray(input.TransactItems)) return input.TransactItems.filter((i: Record<string, unknown>) => !i.ConditionCheck).length;
  if (input.RequestItems && command.constructor.name === 'BatchWriteCommand')
    return Object.values(input.RequestItems as Record<string, unknown[]>).reduce((n, list) => n + list.length, 0);
  return /^(Put|Update|Delete)Command$/.test(command.constructor.name) ? 1 : 0;
}

/** Counts the process's DynamoDB calls by command, the items they write, and the time spent waiting for them, until `stop`. */
function countCalls(): { stop(): Calls } {
  const calls: Calls = {};
  const client = dynamo();
  const send = client.send.bind(client);
  client.send = (async (command: { constructor: { name: string }; input?: Record<string, unknown> }) => {
    const started = performance.now();
    try {
      return await send(command as never);
    } finally {
      const c = (calls[command.constructor.name] ??= { count: 0, ms: 0, items: 0 });
      c.count++;
      c.items += itemsWritten(command);
      c.ms += performance.now() - started;
    }
  }) as never;
  return {
    stop() {
      client.send = send as never;
      return calls;
    },
  };
}

/** Calls per unit (deal, partner) and mean milliseconds per call, by command. */
const callStats = (calls: Calls, units: number, unit: string) => ({
  [`callsPer${unit}`]: Object.fromEntries(Object.entries(calls).map(([k, v]) => [k.replace('Command', ''), Math.round((v.count / units) * 100) / 100])),
  msPerCall: Object.fromEntries(Object.entries(calls).map(([k, v]) => [k.replace('Command', ''), Math.round((v.ms / v.count) * 10) / 10])),
});

async function accrueMode(): Promise<void> {
  await ensureTable(rawDynamo(), tableName());
  const { putProgrammeVersion, putStanding } = await import('../../functions/incentives/repository.ts');
  const programme = newProgramme(PROGRAMME, SYSTEM_ACTOR, clock);
  await commit(putProgrammeVersion(programme));
  await pool(PARTNERS, CONCURRENCY, (i) => putStanding(partnerId(i), { ...standingOf(i), version: 1 }));

  // What the deals accrue, from the pure rules (the expected ledger).
  let entries = 0;
  let accruedMinor = 0;
  for (let i = 0; i < DEALS; i++) {
    const d = dealOf(i);
    const a = accrue(programme, { ...wonData(d), eventId: `e${i}`, dealId: `d${i}` } as never, new Map([[d.partnerId, standingOf(i % PARTNERS)]]));
    entries += a.entries.length;
    accruedMinor += a.entries.reduce((s, e) => s + e.amountMinor, 0);
  }

  const rawCount = Math.min(entries, 10_000);
  // DynamoDB Local's JVM compiles its hot paths in the first seconds: writes of a fresh engine
  // are slower (about 400 items/s against 1,000 and more once warm), so an unwarmed baseline
  // would flatter the ratio. The warm-up's writes are not counted.
  log('warm-up: 5000 raw writes, not counted');
  await rawAt(5_000, CONCURRENCY * 10, 'w');
  log(`raw writes: ${rawCount} items`);
  const rawBefore = await rawWrites(rawCount, 'a');

  const { handler } = (await import('../../functions/incentives/accrual.ts')) as { handler: (e: SQSEvent, c: Context) => Promise<SQSBatchResponse> };
  const BATCH = 10;
  const batches = Math.ceil(DEALS / BATCH);
  let failures = 0;
  log(`accrual: ${DEALS} deals in ${batches} batches of ${BATCH}, ${CONCURRENCY} at a time`);
  const heapBefore = process.memoryUsage().heapUsed;
  const calls = countCalls();
  const accrualSeconds = await pool(batches, CONCURRENCY, async (b) => {
    const records = [];
    for (let i = b * BATCH; i < Math.min(DEALS, (b + 1) * BATCH); i++) {
      const d = dealOf(i);
      records.push(...dealEvent('DealWon', newId('event'), d.partnerId, wonData(d)).Records);
    }
    // A generous time limit: the bench measures throughput, and a loaded DynamoDB Local makes single batches slow.
    const result = await handler({ Records: records }, lambdaContext('incentive-accrual', 600_000) as Context);
    failures += result.batchItemFailures.length;
  });
  const accrualCalls = calls.stop();
  const rawAfter = await rawWrites(rawCount, 'b');
  const raw = (rawBefore + rawAfter) / 2;
  const entriesPerSecond = entries / accrualSeconds;
  // Every item the accrual wrote (entries, the deals' facts, credits, outbox events; not the condition checks).
  const items = Object.values(accrualCalls).reduce((n, c) => n + c.items, 0);
  console.log(
    JSON.stringify({
      mode: 'accrue',
      deals: DEALS,
      partners: PARTNERS,
      concurrency: CONCURRENCY,
      entries,
      accruedMinor,
      failures,
      accrualSeconds,
      dealsPerSecond: DEALS / accrualSeconds,
      entriesPerSecond,
      rawPerSecond: raw,
      rawBefore,
      rawAfter,
      ratio: entriesPerSecond / raw,
      itemsPerEntry: items / entries,
      itemsPerSecond: items / accrualSeconds,
      itemRatio: items / accrualSeconds / raw,
      heapGrowthMiB: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
      ...callStats(accrualCalls, DEALS, 'Deal'),
      programmeId: programme.id,
      period: PERIOD,
    }),
  );
}

async function settleMode(): Promise<void> {
  const { startSettlement } = await import('../../functions/incentives/commands.ts');
  const { handler } = (await import('../../functions/incentives/settlement-workflow.ts')) as unknown as {
    handler: (i: unknown, c: unknown) => Promise<{ done: boolean } & Record<string, unknown>>;
  };
  const { getRun } = await import('../../functions/incentives/settlements.ts');
  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 10);
  const calls = countCalls();
  const started = performance.now();
  const { run } = await startSettlement(process.env.BENCH_PROGRAMME!, process.env.BENCH_PERIOD!, SYSTEM_ACTOR, true);
  const context = lambdaContext('settlement', 600_000);
  let state = await handler(
    {
      event: {
        id: 'bench',
        source: 'channelbase.incentives',
        'detail-type': 'SettlementStarted',
        time: new Date().toISOString(),
        detail: { eventId: newId('event'), occurredAt: new Date().toISOString(), actor: {}, data: { run } },
      },
    },
    context,
  );
  let steps = 0;
  // The index grace wait is skipped: DynamoDB Local's indexes are written with the table.
  while (!state.done) {
    state = await handler(state, context);
    steps++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const settleCalls = calls.stop();
  const settled = await getRun(run.id);
  console.log(
    JSON.stringify({
      mode: 'settle',
      seconds,
      steps,
      partnersPerSecond: (settled.totals?.partners ?? 0) / seconds,
      totals: settled.totals,
      status: settled.status,
      baselineRssMiB: baselineRss / 2 ** 20,
      peakRssMiB: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
      peakHeapMiB: peakHeap / 2 ** 20,
      ...callStats(settleCalls, settled.totals?.partners ?? 1, 'Partner'),
    }),
  );
}

await (MODE === 'settle' ? settleMode() : accrueMode());
process.exit(0);
