import { describe, expect, it, vi } from 'vitest';
import { newId } from '@channelbase/core';
import { dynamo } from '@channelbase/platform';
import { partnerBody, useStack } from '../support/stack.ts';
import { settlementProgrammeInput } from '../support/incentives.ts';
import { wonEvents } from '../support/incentives-events.ts';

const t = useStack();

const lastMonth = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 15)).toISOString().slice(0, 7);
};

type Step = (input: unknown) => Promise<{ done: boolean; step?: string } & Record<string, unknown>>;

/** The settlement workflow's step handler, as Step Functions (or the local engine) invokes it. */
async function stepHandler(): Promise<Step> {
  const { handler } = (await import('../../functions/incentives/settlement-workflow.ts')) as unknown as { handler: (i: unknown, c: unknown) => Promise<never> };
  const context = { functionName: 'settlement', awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 };
  return (input) => handler(input, context);
}

/**
 * Runs a settlement from its start event to the end, each step as the engine would. With
 * `failAt`, the `failAt`-th DynamoDB call of the run fails, before it reaches the table or after
 * it did (the answer lost, as when a Lambda dies after its write); the failed step then runs
 * again with the same state, as a retry does. Answers the commands of the run's calls, in order.
 */
async function runSettlement(runId: string, failAt?: { call: number; after: boolean }): Promise<string[]> {
  const step = await stepHandler();
  const client = dynamo();
  const send = client.send.bind(client);
  const calls: string[] = [];
  let failed = false;
  const spy = vi.spyOn(client, 'send').mockImplementation((async (command: { constructor: { name: string } }) => {
    calls.push(command.constructor.name);
    if (failAt && !failed && calls.length === failAt.call) {
      failed = true;
      if (failAt.after) await send(command as never);
      throw new Error(`injected failure at call ${calls.length}`);
    }
    return send(command as never);
  }) as never);
  try {
    let state = await step(startEvent(runId));
    while (!state.done) {
      try {
        state = await step(state);
      } catch (err) {
        if (!(err instanceof Error) || !err.message.startsWith('injected failure')) throw err;
        // The engine retries the step with the state it had.
      }
    }
  } finally {
    spy.mockRestore();
  }
  if (failAt) expect(failed, `call ${failAt.call} was reached`).toBe(true);
  return calls;
}

describe('a settlement run that fails in the middle', () => {
  it('resumes to the same statements as an uninterrupted run, for a failure at every write, before or after it reached the table, and at a read of each kind', async () => {
    const admin = await t.as('vendor-admin');
    const finance = await t.as('finance');
    const body = settlementProgrammeInput();
    // One programme per run: every deal accrues identically under each.
    const PROGRAMMES = 13;
    const programmes: string[] = [];
    for (let i = 0; i < PROGRAMMES; i++) programmes.push((await admin.call('POST', '/incentive-programs', { body })).body.id as string);
    const partners: string[] = [];
    for (let i = 0; i < 3; i++) partners.push((await admin.call('POST', '/partners', { body: partnerBody() })).body.id as string);
    await t.stack.drain();
    await wonEvents([
      { partnerId: partners[0]!, amountMinor: 1_500_000, closeDate: `${lastMonth()}-03` },
      { partnerId: partners[1]!, amountMinor: 3_000_000, closeDate: `${lastMonth()}-11` },
      { partnerId: partners[2]!, amountMinor: 100_000, closeDate: `${lastMonth()}-28` },
    ]);

    const start = async (programmeId: string) => {
      const res = await finance.call('POST', '/settlements', { body: { programmeId, period: lastMonth() } });
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    };
    const statementsOf = async (programmeId: string, runId: string) => {
      const run = await finance.call('GET', `/settlements/${runId}`);
      const res = await finance.call('GET', `/settlements/${runId}/statements`);
      return JSON.parse(
        JSON.stringify({ totals: run.body.totals, status: run.body.status, items: res.body.items }).replaceAll(runId, '<run>').replaceAll(programmeId, '<prg>'),
      );
    };

    const baseline = programmes[0]!;
    const baselineRun = await start(baseline);
    const calls = await runSettlement(baselineRun);
    const expected = await statementsOf(baseline, baselineRun);
    expect(expected.status).toBe('awaiting-approval');
    expect(expected.items).toHaveLength(3);
    expect(expected.totals).toMatchObject({ partners: 3, payableMinor: 185_000, carriedOutMinor: 5_000 });

    // Every write fails before it reached the table and after it did (its answer lost). A failed read
    // leaves the table as a failure just after the write before it does, so one read of each kind
    // fails too (the read error's own path), not every read: the period's eight shard queries are alike.
    const reads = new Set(['GetCommand', 'QueryCommand', 'BatchGetCommand']);
    const readKinds = new Set<string>();
    const cases = calls.flatMap((command, i) => {
      if (!reads.has(command))
        return [
          { call: i + 1, after: false },
          { call: i + 1, after: true },
        ];
      if (readKinds.has(command)) return [];
      readKinds.add(command);
      return [{ call: i + 1, after: false }];
    });
    // The close, a transaction per statement, the run's own: every one of them.
    expect(calls.filter((c) => !reads.has(c)).length).toBe(5);
    expect(cases.length).toBeLessThanOrEqual(PROGRAMMES - 1);
    for (const [i, failAt] of cases.entries()) {
      const programmeId = programmes[i + 1]!;
      const runId = await start(programmeId);
      await runSettlement(runId, failAt);
      expect(await statementsOf(programmeId, runId), `failure at call ${failAt.call} (${failAt.after ? 'after' : 'before'} it)`).toEqual(expected);
    }
  });
});

/** The settlement's start event, as the rule hands it to the state machine. */
const startEvent = (runId: string) => ({
  event: {
    id: 'e',
    source: 'channelbase.incentives',
    'detail-type': 'SettlementStarted',
    time: new Date().toISOString(),
    detail: { eventId: newId('event'), occurredAt: new Date().toISOString(), actor: {}, data: { run: { id: runId } } },
  },
});

/**
 * Runs a settlement as its AWS state machine does: the main loop until a state with `fanOut`, then
 * every branch as a child execution of its own (all at once, started in the order given), then
 * the step `then` with what the state carried and the branches' outputs, as the Fan in state
 * hands them over.
 */
async function runFannedOut(runId: string, order: (branches: number) => number[]): Promise<number> {
  const step = await stepHandler();
  let state = await step(startEvent(runId));
  let branchCount = 0;
  while (!state.done) {
    const fanOut = state.fanOut as { branches: Record<string, unknown>[]; then: string; carry: Record<string, unknown> } | undefined;
    if (!fanOut) {
      state = await step(state);
      continue;
    }
    branchCount = fanOut.branches.length;
    const outputs: unknown[] = new Array(branchCount);
    await Promise.all(
      order(branchCount).map(async (i) => {
        let branch = await step(fanOut.branches[i]);
        while (!branch.done) branch = await step(branch);
        outputs[i] = branch;
      }),
    );
    state = await step({ step: fanOut.then, wakeAt: new Date().toISOString(), carry: fanOut.carry, outputs });
  }
  return branchCount;
}

describe('a settlement run fanned out over the period shards', () => {
  it('comes to the same statements and totals as the shards one after the other', async () => {
    const admin = await t.as('vendor-admin');
    const finance = await t.as('finance');
    const body = settlementProgrammeInput({ minimumPayoutMinor: 0 });
    const [sequential, fanned] = [
      (await admin.call('POST', '/incentive-programs', { body })).body.id as string,
      (await admin.call('POST', '/incentive-programs', { body })).body.id as string,
    ];
    const partners: string[] = [];
    for (let i = 0; i < 4; i++) partners.push((await admin.call('POST', '/partners', { body: partnerBody() })).body.id as string);
    await t.stack.drain();
    await wonEvents(
      partners.map((partnerId, i) => ({ partnerId, amountMinor: 100_000 * (i + 1), closeDate: `${lastMonth()}-${String(1 + i).padStart(2, '0')}` })),
    );
    const settle = async (programmeId: string, run: (runId: string) => Promise<unknown>) => {
      const started = await finance.call('POST', '/settlements', { body: { programmeId, period: lastMonth() } });
      expect(started.status, started.text).toBe(201);
      const runId = started.body.id as string;
      await run(runId);
      const res = await finance.call('GET', `/settlements/${runId}`);
      const statements = await finance.call('GET', `/settlements/${runId}/statements`);
      return JSON.parse(
        JSON.stringify({ status: res.body.status, totals: res.body.totals, items: statements.body.items })
          .replaceAll(runId, '<run>')
          .replaceAll(programmeId, '<prg>'),
      );
    };
    const expected = await settle(sequential, runSettlement);
    expect(expected).toMatchObject({ status: 'awaiting-approval', totals: { partners: 4 } });
    // Backwards: the last shard's branch starts first.
    let branches = 0;
    const actual = await settle(fanned, async (runId) => (branches = await runFannedOut(runId, (n) => [...Array(n).keys()].reverse())));
    expect(branches).toBeGreaterThan(1);
    expect(actual).toEqual(expected);
  });
});
