/**
 * The duplicate check of an application, partners' `findOrganisationHolders` (functions/partners/index.ts,
 * `findHolders` of org-keys.ts: the call submitApplication makes), in a child process whose TABLE_NAME is one of the scale tables that
 * onboarding.ts seeds: one child per table size, so the parent can interleave the sizes round by
 * round. Both children are the same program, so whatever this process costs falls on both alike.
 * The capacity meter (with ReturnConsumedCapacity) is on only for the `capacity` message.
 */
// Powertools defaults first, as in the local runtime: the platform barrel creates its logger at load.
import '@channelbase/local/local-env';
import type { OrganisationKeys } from '@channelbase/core/partners';
import { rawDynamo } from '@channelbase/platform';
import { findOrganisationHolders } from '../../functions/partners/index.ts';
import { CapacityMeter } from './capacity/index.ts';
import { type LoadResult, runLoad } from './load.ts';

export type ScaleChildMessage =
  /** The checks to run, in turn; each must find `expectHolders` holders. */
  | { type: 'init'; checks: Partial<OrganisationKeys>[]; expectHolders: number }
  | { type: 'run'; concurrency: number; count: number; maxMs: number }
  /** `samples` checks one at a time with the meter on. */
  | { type: 'capacity'; samples: number }
  | { type: 'exit' };

export interface CheckCapacity {
  /** DynamoDB calls per check. */
  calls: number;
  commands: string[];
  /** Read units by DynamoDB's published rules (test/bench/capacity/). */
  rcu: number;
  /** What DynamoDB Local answered to ReturnConsumedCapacity. */
  reported?: number;
  holders: number;
}

export type ScaleChildReply =
  { type: 'ready' } | { type: 'result'; result: LoadResult } | { type: 'capacity'; samples: CheckCapacity[] } | { type: 'error'; message: string };

const meter = new CapacityMeter(undefined, { requestConsumedCapacity: true });
meter.enabled = false;
// The shared client that findOrganisationHolders uses, metered from the outside (TABLE_NAME comes from the parent).
meter.attach(rawDynamo());

const send = (reply: ScaleChildReply) => process.send?.(reply);
let checks: Partial<OrganisationKeys>[] = [];
let expectHolders = 0;
let cursor = 0;

process.on('message', (message: ScaleChildMessage) => {
  void handle(message).catch((err: unknown) => send({ type: 'error', message: (err as Error).message }));
});
process.on('disconnect', () => process.exit(0));

async function check(): Promise<number> {
  const keys = checks[cursor++ % checks.length] as Partial<OrganisationKeys>;
  const holders = await findOrganisationHolders(keys);
  if (holders.length !== expectHolders) throw new Error(`the check found ${holders.length} holders, expected ${expectHolders}`);
  return holders.length;
}

async function handle(message: ScaleChildMessage): Promise<void> {
  if (message.type === 'exit') process.exit(0);
  if (message.type === 'init') {
    checks = message.checks;
    expectHolders = message.expectHolders;
    send({ type: 'ready' });
    return;
  }
  if (message.type === 'run') {
    const { concurrency, count, maxMs } = message;
    send({ type: 'result', result: await runLoad({ concurrency, count, maxMs, op: () => check().then(() => undefined) }) });
    return;
  }
  const samples: CheckCapacity[] = [];
  for (let i = 0; i < message.samples; i++) {
    meter.reset();
    meter.enabled = true;
    let holders: number;
    try {
      holders = await check();
    } finally {
      meter.enabled = false;
    }
    const calls = meter.calls();
    const reported = calls.every((c) => c.reported !== undefined) ? calls.reduce((n, c) => n + (c.reported ?? 0), 0) : undefined;
    samples.push({
      calls: calls.length,
      commands: calls.map((c) => c.command),
      rcu: calls.reduce((n, c) => n + c.rcu, 0),
      ...(reported !== undefined ? { reported } : {}),
      holders,
    });
  }
  meter.reset();
  send({ type: 'capacity', samples });
}
