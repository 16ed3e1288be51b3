import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalBusEvent, type LocalStack, startLocalStack } from '@channelbase/local';
import { partnerBody, request, useStack } from '../support/stack.ts';
import { getItem } from './helpers.ts';

const t = useStack();

/** Stacks this file starts itself (restarts); stopped at the end. */
const extra: LocalStack[] = [];
afterAll(async () => {
  for (const s of extra) await s.stop();
});

const eventsOf = (bus: { published: LocalBusEvent[] }, partnerId: string, type?: string) =>
  bus.published.filter((e) => e.detail.partnerId === partnerId && (!type || e['detail-type'] === type));
const eventIds = (events: LocalBusEvent[]) => events.map((e) => e.detail.eventId as string);

async function createPartner(stack: LocalStack): Promise<string> {
  const token = await stack.token({ sub: 'delivery', roles: ['vendor-admin'] });
  const res = await request(stack.url, token, 'POST', '/partners', { body: partnerBody() });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** An SQS batch of one record carrying a bus event, as the subscription's queue delivers it. */
const sqsBatch = (event: LocalBusEvent, messageId: string): SQSEvent => ({
  Records: [
    {
      messageId,
      receiptHandle: messageId,
      body: JSON.stringify(event),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:provision-identity',
      awsRegion: 'local',
    },
  ],
});

const context = { functionName: 'provision-identity', awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

describe('the outbox relay: nothing lost, nothing published twice', () => {
  // Promise: a failed publish is retried — the event is not lost, and once delivered it is published exactly once.
  it('a failing bus: the relay retries, and PartnerCreated is published exactly once', async () => {
    await t.stack.drain();
    t.stack.bus.failNextPublishes = 1;
    const id = await createPartner(t.stack);
    await expect(t.stack.drain()).rejects.toThrow(/injected publish failure/);
    expect(t.stack.bus.failNextPublishes).toBe(0);
    expect(eventsOf(t.stack.bus, id)).toEqual([]);

    expect(await t.stack.drain()).toBeGreaterThanOrEqual(1);
    const created = eventsOf(t.stack.bus, id, 'PartnerCreated');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ source: 'channelbase.partners', detail: { data: { partner: { id } } } });

    // Further drains publish nothing more for it.
    await t.stack.drain();
    expect(eventsOf(t.stack.bus, id)).toHaveLength(1);
    const all = eventIds(t.stack.bus.published);
    expect(new Set(all).size).toBe(all.length);
  });

  // Promise: when the bus fails in the middle of a backlog, what was published stays published once and the rest follows, in order.
  it('a failure in the middle of a backlog loses and repeats nothing', async () => {
    await t.stack.drain();
    const ids = [await createPartner(t.stack), await createPartner(t.stack), await createPartner(t.stack)];
    // Fail the publish right after the first of the three went out.
    const off = t.stack.bus.onEvent((e) => {
      if (e.detail.partnerId === ids[0]) t.stack.bus.failNextPublishes = 1;
    });
    try {
      await expect(t.stack.drain()).rejects.toThrow(/injected publish failure/);
    } finally {
      off();
    }
    expect(t.stack.bus.published.filter((e) => ids.includes(e.detail.partnerId as string)).map((e) => e.detail.partnerId)).toEqual([ids[0]]);
    await t.stack.drain();
    for (const id of ids) expect(eventsOf(t.stack.bus, id, 'PartnerCreated')).toHaveLength(1);
    const order = t.stack.bus.published.filter((e) => ids.includes(e.detail.partnerId as string)).map((e) => e.detail.partnerId);
    expect(order).toEqual(ids);
  });

  // Promise: a restarted relay resumes from its checkpoint — nothing published before is published again, and what was written meanwhile is published.
  it('a restart resumes from the checkpoint', async () => {
    const before = await createPartner(t.stack);
    await t.stack.drain();
    expect(eventsOf(t.stack.bus, before)).toHaveLength(1);
    // Written while the relay is not running: must be published after the restart.
    const pending = await createPartner(t.stack);
    const { dynamoEndpoint, tableName } = t.stack;
    await t.stack.stop();

    const restarted = await startLocalStack({ dynamoEndpoint, tableName, port: 0 });
    extra.push(restarted);
    const after = await createPartner(restarted);
    await restarted.drain();
    expect(eventsOf(restarted.bus, before)).toEqual([]);
    expect(eventsOf(restarted.bus, pending, 'PartnerCreated')).toHaveLength(1);
    expect(eventsOf(restarted.bus, after, 'PartnerCreated')).toHaveLength(1);
    // Only events written after the checkpoint were published by the new relay.
    expect(new Set(restarted.bus.published.map((e) => e.detail.partnerId))).toEqual(new Set([pending, after]));

    // A second restart publishes nothing at all.
    await restarted.stop();
    extra.pop();
    const again = await startLocalStack({ dynamoEndpoint, tableName, port: 0 });
    // The file's stack from here on (useStack stops it at the end).
    t.stack = again;
    expect(await again.drain()).toBe(0);
    expect(again.bus.published).toEqual([]);
  });
});

describe('consumers apply each event once', () => {
  // Promise: provision-identity applies a redelivered PartnerUserAdded once (provisionCount stays 1).
  it('the same PartnerUserAdded delivered twice more is applied once', async () => {
    const stack = t.stack;
    const token = await stack.token({ sub: 'delivery', roles: ['vendor-admin'] });
    const partnerId = await createPartner(stack);
    const added = await request(stack.url, token, 'POST', `/partners/${partnerId}/users`, {
      body: { email: `once-${Date.now()}@acme.example`, givenName: 'Once', familyName: 'Only', roles: ['partner-user'] },
    });
    expect(added.status).toBe(201);
    const userId = added.body.id as string;
    await stack.drain();
    const [event] = eventsOf(stack.bus, partnerId, 'PartnerUserAdded');
    expect(event).toBeDefined();
    expect(stack.bus.deadLetters).toEqual([]);

    const identity = () => getItem(stack, `PARTNER#${partnerId}`, `IDENTITY#${userId}`);
    // The bus delivered it once already.
    expect(await identity()).toMatchObject({ provisionCount: 1, lastEventId: event!.detail.eventId, userId });

    const { handler } = (await import('../../functions/partners/provision-identity.ts')) as { handler: (e: SQSEvent, c: Context) => Promise<SQSBatchResponse> };
    for (const n of [1, 2]) {
      const result = await handler(sqsBatch(event!, `redelivery-${n}`), context);
      expect(result.batchItemFailures).toEqual([]);
    }
    expect((await identity())?.provisionCount).toBe(1);

    expect(await getItem(stack, `CONSUMED#partners.provision-identity#${event!.detail.eventId}`, 'CONSUMED')).toMatchObject({ kind: 'consumed' });
  });

  // Promise: a distinct event for the same user (an update) is applied, so idempotency is per event, not per user.
  it('a PartnerUserUpdated for the same user is a new event and is applied', async () => {
    const stack = t.stack;
    const token = await stack.token({ sub: 'delivery', roles: ['vendor-admin'] });
    const partnerId = await createPartner(stack);
    const added = await request(stack.url, token, 'POST', `/partners/${partnerId}/users`, {
      body: { email: `twice-${Date.now()}@acme.example`, givenName: 'Two', familyName: 'Events', roles: ['partner-user'] },
    });
    const changed = await request(stack.url, token, 'PATCH', `/partners/${partnerId}/users/${added.body.id}`, {
      body: { givenName: 'Three' },
      headers: { 'if-match': added.headers.get('etag')! },
    });
    expect(changed.status).toBe(200);
    await stack.drain();
    expect(eventsOf(stack.bus, partnerId).map((e) => e['detail-type'])).toEqual(['PartnerCreated', 'PartnerUserAdded', 'PartnerUserUpdated']);
    expect(await getItem(stack, `PARTNER#${partnerId}`, `IDENTITY#${added.body.id}`)).toMatchObject({ provisionCount: 2 });
  });
});
