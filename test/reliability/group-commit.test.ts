import { describe, expect, it } from 'vitest';
import { ConflictError, SYSTEM_ACTOR, defineEvent, makeEvent } from '@channelbase/core';
import * as z from '@channelbase/core/kernel/zod';
import { type Write, commitGroup, dynamo, runtimeClock, tableName } from '@channelbase/platform';
import { useStack } from '../support/stack.ts';
import { getItem } from './helpers.ts';

const t = useStack();

/** Commit-group tests write under their own prefix; nothing else reads it. */
let run = 0;
const prefix = () => `GROUPTEST#${++run}#`;

class TakenError extends Error {}
const putOnce = (pk: string, by = 0): Write => ({
  item: { Put: { TableName: tableName(), Item: { pk, sk: 'X', kind: 'group-test', by }, ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => new TakenError(pk),
});
const absent = (pk: string): Write => ({
  item: { ConditionCheck: { TableName: tableName(), Key: { pk, sk: 'X' }, ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => new ConflictError(`${pk} exists`),
});

const Noted = defineEvent('test', 'GroupTestNoted', z.object({ n: z.number() }), 'A test event.');
const noted = (n: number) => makeEvent(Noted, { n }, { actor: SYSTEM_ACTOR, clock: runtimeClock });

/** Counts TransactWriteItems calls while `body` runs. */
async function transactionsDuring(body: () => Promise<void>): Promise<number> {
  const client = dynamo();
  const send = client.send.bind(client);
  let count = 0;
  client.send = ((command: { constructor: { name: string } }) => {
    if (command.constructor.name === 'TransactWriteCommand') count++;
    return send(command as never);
  }) as never;
  try {
    await body();
  } finally {
    client.send = send as never;
  }
  return count;
}

describe('commitGroup: the commits of concurrent participants in shared transactions', () => {
  it('commits ten participants in one transaction, their shared condition check once, each event once', async () => {
    const p = prefix();
    const group = commitGroup(10);
    const count = await transactionsDuring(async () => {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          // A moment of "reading" of different lengths before each write: the group waits for all.
          await new Promise((r) => setTimeout(r, i * 3));
          await group.commit([absent(`${p}closed`), putOnce(`${p}${i}`)], [noted(i)]);
          group.leave();
        }),
      );
    });
    expect(count).toBe(1);
    for (let i = 0; i < 10; i++) expect(await getItem(t.stack, `${p}${i}`, 'X')).toMatchObject({ kind: 'group-test' });
    expect(await getItem(t.stack, `${p}closed`, 'X')).toBeUndefined();
  });

  it('gives each participant its own outcome: one failing condition fails that participant only, nothing of it written', async () => {
    const p = prefix();
    await group1(putOnce(`${p}taken`));
    const group = commitGroup(4);
    const outcomes = await Promise.allSettled(
      [[putOnce(`${p}a`)], [putOnce(`${p}taken`), putOnce(`${p}b`)], [putOnce(`${p}c`)], [putOnce(`${p}d`)]].map(async (writes) => {
        try {
          await group.commit(writes);
        } finally {
          group.leave();
        }
      }),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(TakenError);
    expect(await getItem(t.stack, `${p}b`, 'X')).toBeUndefined();
    for (const k of ['a', 'c', 'd']) expect(await getItem(t.stack, `${p}${k}`, 'X')).toBeDefined();
  });

  it('puts two writes of one item in separate transactions (DynamoDB refuses a transaction that touches an item twice): the condition decides', async () => {
    const p = prefix();
    const group = commitGroup(3);
    // Two different writes (identical ones would share commit's ClientRequestToken, and DynamoDB would apply them once).
    const outcomes = await Promise.allSettled(
      [putOnce(`${p}same`, 1), putOnce(`${p}same`, 2), putOnce(`${p}other`)].map(async (w) => {
        try {
          await group.commit([w]);
        } finally {
          group.leave();
        }
      }),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual([expect.any(TakenError)]);
  });

  it('splits what exceeds 100 items into several transactions', async () => {
    const p = prefix();
    const group = commitGroup(5);
    const count = await transactionsDuring(async () => {
      await Promise.all(
        Array.from({ length: 5 }, async (_, i) => {
          await group.commit(Array.from({ length: 30 }, (_, j) => putOnce(`${p}${i}#${j}`)));
          group.leave();
        }),
      );
    });
    // 150 items: three participants fit in 90, two in 60.
    expect(count).toBe(2);
    expect(await getItem(t.stack, `${p}4#29`, 'X')).toBeDefined();
  });

  it('does not wait for ever on a participant that never writes: after GROUP_WAIT_MS the waiting ones are committed', async () => {
    const p = prefix();
    const group = commitGroup(2);
    // The second participant neither commits nor leaves (a bug); the first is committed anyway.
    await group.commit([putOnce(`${p}alone`)]);
    expect(await getItem(t.stack, `${p}alone`, 'X')).toBeDefined();
  });
});

/** A single write, on its own. */
async function group1(w: Write): Promise<void> {
  const group = commitGroup(1);
  await group.commit([w]);
  group.leave();
}
