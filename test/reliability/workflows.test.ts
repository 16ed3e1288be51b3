import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '@channelbase/core';
import { type BusEntry, MAX_RECEIVE_COUNT } from '@channelbase/platform';
import { type LocalStack, startLocalStack } from '@channelbase/local';
import { stopAndDropTable } from '../support/stack.ts';
import { COUNTDOWN_STARTED, countdownPk, countdownWiring } from '../fixtures/countdown-wiring.ts';
import { getItem } from './helpers.ts';

/** A clock that stands still unless a test advances it, so every instant below is exact. */
const clockAt = (at: Date) => new ManualClock({ now: () => at });
const DAY_MS = 86_400_000;
const plusDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS).toISOString();

let stack: LocalStack;
const start = (clock: ManualClock, tableName = `test-${randomUUID()}`) =>
  startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName, port: 0, wirings: [countdownWiring], clock });

beforeAll(async () => {
  stack = await start(clockAt(new Date('2031-03-01T09:00:00.000Z')));
});
afterAll(() => (stack ? stopAndDropTable(stack) : undefined));

/** A CountdownStarted bus entry with a new event id, occurring now by the stack's clock. */
function countdownStarted(data: { failTick?: number; failBegin?: boolean } = {}): { eventId: string; entry: BusEntry; at: Date } {
  const eventId = `evt_${randomUUID()}`;
  const at = stack.clock.now();
  const detail = { eventId, occurredAt: at.toISOString(), actor: { type: 'system', id: 'test' }, data };
  return { eventId, at, entry: { Source: COUNTDOWN_STARTED.source, DetailType: COUNTDOWN_STARTED.detailType, Detail: JSON.stringify(detail), Time: at } };
}

const timerOf = (eventId: string) => getItem(stack, `WORKFLOW#countdown#${eventId}`, 'TIMER');
const doneOf = (eventId: string) => getItem(stack, `WORKFLOW#countdown#${eventId}`, 'DONE');
/** How often tick `n` ran to success (the fixture counts a second run instead of hiding it). */
const runsOf = async (eventId: string, tick: number) => ((await getItem(stack, countdownPk(eventId), `RUN#${tick}`))?.runs as number | undefined) ?? 0;
/** How often the fixture was called at `what` (BEGIN, FAILED#<tick>). */
const callsOf = async (eventId: string, what: string) => ((await getItem(stack, countdownPk(eventId), what))?.calls as number | undefined) ?? 0;
const deadLettersOf = (eventId: string) => stack.bus.deadLetters.filter((d) => 'instance' in d && d.instance === `countdown#${eventId}`);

describe('the local workflow engine: durable timers that fire once', () => {
  // Promise: a step runs at its wakeAt (not a millisecond before), exactly once, and the instance ends with a completion marker.
  it('nothing fires before wakeAt; reaching it fires each step exactly once', async () => {
    const { eventId, entry, at } = countdownStarted();
    await stack.bus.publish(entry);
    expect(await timerOf(eventId)).toMatchObject({
      kind: 'workflow-timer',
      workflow: 'countdown',
      instance: `countdown#${eventId}`,
      state: { step: 'tick', wakeAt: plusDays(at, 1), tick: 1 },
      wakeAt: plusDays(at, 1),
      version: 1,
      gsi1pk: 'TIMER',
      gsi1sk: `${plusDays(at, 1)}#countdown#${eventId}`,
    });
    expect(await callsOf(eventId, 'BEGIN')).toBe(1);

    stack.clock.advance({ hours: 23, minutes: 59, seconds: 59, ms: 999 });
    expect(await stack.drain()).toBe(0);
    expect(await runsOf(eventId, 1)).toBe(0);
    expect((await timerOf(eventId))?.version).toBe(1);

    stack.clock.advance({ ms: 1 });
    expect(await stack.drain()).toBe(1);
    expect(await getItem(stack, countdownPk(eventId), 'RUN#1')).toMatchObject({ runs: 1, ranAt: plusDays(at, 1) });
    expect(await timerOf(eventId)).toMatchObject({
      version: 2,
      wakeAt: plusDays(at, 2),
      state: { step: 'tick', tick: 2 },
      gsi1sk: `${plusDays(at, 2)}#countdown#${eventId}`,
    });
    expect(await stack.drain()).toBe(0);
    expect(await stack.workflows.runDue()).toBe(0);
    expect(await runsOf(eventId, 1)).toBe(1);

    stack.clock.advance({ days: 3 });
    expect(await stack.drain()).toBe(1);
    expect(await runsOf(eventId, 1)).toBe(1);
    expect(await runsOf(eventId, 2)).toBe(1);
    expect(await timerOf(eventId)).toBeUndefined();
    const now = stack.clock.now();
    expect(await doneOf(eventId)).toMatchObject({
      kind: 'workflow-done',
      outcome: 'succeeded',
      endedAt: now.toISOString(),
      ttl: Math.floor(now.getTime() / 1000) + 30 * 86_400,
    });
    expect(await stack.drain()).toBe(0);
    expect(stack.bus.deadLetters).toEqual([]);
  });

  // Promise: a timer lives in the table, not in memory: a new runtime on the same table fires it once, not zero times and not twice.
  it('a timer survives restarts of the local runtime and fires exactly once', async () => {
    const { eventId, entry, at } = countdownStarted();
    await stack.bus.publish(entry);
    const { dynamoEndpoint, tableName } = stack;
    const restart = async () => {
      const instant = stack.clock.now();
      await stack.stop();
      stack = await startLocalStack({ dynamoEndpoint, tableName, port: 0, wirings: [countdownWiring], clock: clockAt(instant) });
    };

    await restart();
    expect(await stack.drain()).toBe(0);
    stack.clock.advance({ days: 1 });
    expect(await stack.drain()).toBe(1);
    expect(await runsOf(eventId, 1)).toBe(1);
    expect(await stack.drain()).toBe(0);
    expect(await runsOf(eventId, 1)).toBe(1);
    expect(await timerOf(eventId)).toMatchObject({ version: 2, wakeAt: plusDays(at, 2) });

    // Restarted again while the second tick waits, and started only after it is due.
    stack.clock.advance({ days: 2 });
    await restart();
    expect(await stack.drain()).toBe(1);
    expect(await stack.drain()).toBe(0);
    expect(await runsOf(eventId, 1)).toBe(1);
    expect(await runsOf(eventId, 2)).toBe(1);
    expect(await timerOf(eventId)).toBeUndefined();
    expect(await doneOf(eventId)).toMatchObject({ outcome: 'succeeded' });
  });

  // Promise: an instance is keyed by its starting event: redelivery (sequential, concurrent or after the end) starts nothing new.
  it('the starting event published twice starts one instance, also concurrently and after it ended', async () => {
    const first = countdownStarted();
    await stack.bus.publish(first.entry);
    await stack.bus.publish(first.entry);
    expect(stack.bus.published.filter((e) => e.detail.eventId === first.eventId)).toHaveLength(2);
    expect(await callsOf(first.eventId, 'BEGIN')).toBe(1);
    expect((await timerOf(first.eventId))?.version).toBe(1);

    const second = countdownStarted();
    await Promise.all([stack.bus.publish(second.entry), stack.bus.publish(second.entry), stack.bus.publish(second.entry)]);
    expect((await timerOf(second.eventId))?.version).toBe(1);
    expect(deadLettersOf(second.eventId)).toEqual([]);

    // Both ticks are due: the second is due as soon as the first ran, so one drain runs all four.
    stack.clock.advance({ days: 2 });
    expect(await stack.drain()).toBe(4);
    for (const { eventId } of [first, second]) {
      expect([await runsOf(eventId, 1), await runsOf(eventId, 2)]).toEqual([1, 1]);
      expect(await doneOf(eventId)).toMatchObject({ outcome: 'succeeded' });
    }

    const begins = await callsOf(first.eventId, 'BEGIN');
    await stack.bus.publish(first.entry);
    await stack.bus.publish(second.entry);
    expect(await callsOf(first.eventId, 'BEGIN')).toBe(begins);
    expect(await timerOf(first.eventId)).toBeUndefined();
    expect(await timerOf(second.eventId)).toBeUndefined();
    stack.clock.advance({ days: 3 });
    expect(await stack.drain()).toBe(0);
    expect(await runsOf(first.eventId, 1)).toBe(1);
  });

  // Promise: a failing step keeps its timer and is retried once per run; after MAX_RECEIVE_COUNT failures the instance is dead-lettered and ends.
  it('a failing step is retried on each drain, then dead-lettered after MAX_RECEIVE_COUNT failures', async () => {
    const { eventId, entry } = countdownStarted({ failTick: 1 });
    await stack.bus.publish(entry);
    stack.clock.advance({ days: 1 });
    for (let failures = 1; failures < MAX_RECEIVE_COUNT; failures++) {
      expect(await stack.drain()).toBe(0);
      expect(await callsOf(eventId, 'FAILED#1')).toBe(failures);
      expect(await timerOf(eventId)).toMatchObject({ version: 1, attempts: failures, lastError: 'countdown: injected failure of tick 1' });
      expect(deadLettersOf(eventId)).toEqual([]);
    }
    await stack.drain();
    expect(await callsOf(eventId, 'FAILED#1')).toBe(MAX_RECEIVE_COUNT);
    expect(await timerOf(eventId)).toBeUndefined();
    expect(await doneOf(eventId)).toMatchObject({ outcome: 'failed' });
    expect(deadLettersOf(eventId)).toEqual([
      {
        workflow: 'countdown',
        instance: `countdown#${eventId}`,
        state: expect.objectContaining({ step: 'tick', tick: 1 }),
        error: 'countdown: injected failure of tick 1',
      },
    ]);

    // Ended: no more runs, and the starting event does not start it again.
    stack.clock.advance({ days: 2 });
    expect(await stack.drain()).toBe(0);
    await stack.bus.publish(entry);
    expect(await callsOf(eventId, 'FAILED#1')).toBe(MAX_RECEIVE_COUNT);
    expect(await callsOf(eventId, 'BEGIN')).toBe(1);
    expect(await runsOf(eventId, 2)).toBe(0);
  });

  // Promise: a start that fails is retried like a subscription's delivery, then dead-lettered; it leaves no timer behind.
  it('a failing start is retried MAX_RECEIVE_COUNT times within publish, then dead-lettered', async () => {
    const { eventId, entry } = countdownStarted({ failBegin: true });
    await stack.bus.publish(entry);
    expect(await callsOf(eventId, 'BEGIN')).toBe(MAX_RECEIVE_COUNT);
    expect(deadLettersOf(eventId)).toEqual([
      {
        workflow: 'countdown',
        instance: `countdown#${eventId}`,
        event: expect.objectContaining({ detail: expect.objectContaining({ eventId }) }),
        error: 'countdown: injected begin failure',
      },
    ]);
    expect(await timerOf(eventId)).toBeUndefined();
    expect(await doneOf(eventId)).toBeUndefined();
  });

  // Promise: `npm start` (relayIntervalMs > 0) runs due steps by itself, once each.
  it('with a relay interval, due steps run without drain', async () => {
    const { dynamoEndpoint, tableName } = stack;
    const instant = stack.clock.now();
    await stack.stop();
    stack = await startLocalStack({ dynamoEndpoint, tableName, port: 0, wirings: [countdownWiring], clock: clockAt(instant), relayIntervalMs: 20 });
    const { eventId, entry } = countdownStarted();
    await stack.bus.publish(entry);
    await new Promise((r) => setTimeout(r, 200));
    expect(await runsOf(eventId, 1)).toBe(0);
    stack.clock.advance({ days: 2 });
    await expect.poll(() => doneOf(eventId), { timeout: 10_000, interval: 50 }).toMatchObject({ outcome: 'succeeded' });
    await new Promise((r) => setTimeout(r, 200));
    expect([await runsOf(eventId, 1), await runsOf(eventId, 2)]).toEqual([1, 1]);
  });
});
