import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { type DomainEvent, newId } from '@channelbase/core';
import { type LocalBusEvent, localClient } from '@channelbase/local';
import {
  CONSUMED_RETENTION_DAYS,
  EVENT_RETENTION_DAYS,
  EventTooLargeError,
  MAX_EVENT_ENTRY_BYTES,
  PUT_EVENTS_LIMIT_BYTES,
  busEntryOfEvent,
  busEntrySize,
  commit,
  outboxKey,
  tableName,
} from '@channelbase/platform';
import { type Publish, republishEvents } from '../../scripts/republish-events.ts';
import { useStack } from '../support/stack.ts';
import { getItem } from './helpers.ts';

const t = useStack();
const DAY = 24 * 3600;

const client = () => DynamoDBDocumentClient.from(localClient(t.stack.dynamoEndpoint));
const clients: DynamoDBDocumentClient[] = [];
afterAll(() => clients.forEach((c) => c.destroy()));
const doc = () => {
  const c = client();
  clients.push(c);
  return c;
};

/** Puts entries on the local bus one by one, as PutEvents would, answering each entry's error. */
const onLocalBus: Publish = async (entries) => {
  const errors: (string | undefined)[] = [];
  for (const entry of entries) {
    try {
      await t.stack.bus.publish(entry);
      errors.push(undefined);
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
  return errors;
};

const published = (eventId: string) => t.stack.bus.published.filter((e) => e.detail.eventId === eventId);
const ofType = (partnerId: string, type: string) => t.stack.bus.published.filter((e) => e.detail.partnerId === partnerId && e['detail-type'] === type);

/** The event of a change, read back from its outbox item (the relay has not run). */
async function outboxEventOf(partnerId: string, detailType: string): Promise<DomainEvent> {
  const found = await doc().send(
    new ScanCommand({
      TableName: t.stack.tableName,
      ConsistentRead: true,
      FilterExpression: '#k = :k AND detail.partnerId = :p AND detailType = :d',
      ExpressionAttributeNames: { '#k': 'kind' },
      ExpressionAttributeValues: { ':k': 'outbox', ':p': partnerId, ':d': detailType },
    }),
  );
  expect(found.Items).toHaveLength(1);
  return found.Items![0] as DomainEvent;
}

function testEvent(data: unknown): DomainEvent {
  const at = t.stack.clock.now();
  return {
    source: 'channelbase.test',
    detailType: 'RecoveryTested',
    detail: { eventId: newId('event', at), occurredAt: at.toISOString(), actor: { sub: 'test', roles: [] }, data },
  };
}

/** An ADD on a counter item of its own, so that a transaction applied twice shows. */
const addOne = (pk: string) => ({
  item: {
    Update: {
      TableName: tableName(),
      Key: { pk, sk: 'COUNTER' },
      UpdateExpression: 'ADD #n :one',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':one': 1 },
    },
  },
});

describe('outbox recovery: items kept for the archive window, re-put by time range', () => {
  let partnerId = '';
  let userId = '';
  let created: DomainEvent;
  let added: DomainEvent;
  let later: DomainEvent;
  let from: Date;
  let to: Date;

  it('written while the relay is down: the outbox keeps each event for EVENT_RETENTION_DAYS, keyed by day and time', async () => {
    await t.stack.drain();
    from = t.stack.clock.now();
    const admin = await t.as('vendor-admin');
    const partner = await admin.call('POST', '/partners', {
      body: {
        legalName: `Recovery ${randomUUID().slice(0, 6)} Ltd`,
        webDomain: `recovery-${randomUUID().slice(0, 6)}.example`,
        country: 'GB',
        type: 'reseller',
      },
    });
    expect(partner.status).toBe(201);
    partnerId = partner.body.id;
    const user = await admin.call('POST', `/partners/${partnerId}/users`, {
      body: { email: `recovery-${randomUUID().slice(0, 6)}@acme.example`, givenName: 'Re', familyName: 'Covery', roles: ['partner-user'] },
    });
    expect(user.status).toBe(201);
    userId = user.body.id;
    to = new Date(t.stack.clock.now().getTime() + 1);
    // Three hours later, outside the range.
    t.stack.clock.advance({ hours: 3 });
    const other = await (
      await t.as('vendor-admin')
    ).call('PATCH', `/partners/${partnerId}`, {
      body: { leadCapacity: 7 },
      headers: { 'if-match': partner.headers.get('etag')! },
    });
    expect(other.status).toBe(200);

    created = await outboxEventOf(partnerId, 'PartnerCreated');
    added = await outboxEventOf(partnerId, 'PartnerUserAdded');
    later = await outboxEventOf(partnerId, 'PartnerUpdated');
    const item = await getItem(t.stack, outboxKey(created.detail).pk, outboxKey(created.detail).sk);
    expect(item).toMatchObject({ kind: 'outbox', sk: `${created.detail.occurredAt}#${created.detail.eventId}` });
    expect(String(item!.pk)).toMatch(new RegExp(`^OUTBOX#${created.detail.occurredAt.slice(0, 10)}#[0-3]$`));
    // Kept as long as the archive keeps events (90 days), not a week.
    expect(EVENT_RETENTION_DAYS).toBe(90);
    expect(item!.ttl).toBe(Math.floor(Date.parse(created.detail.occurredAt) / 1000) + EVENT_RETENTION_DAYS * DAY);
    // Nothing was relayed yet.
    expect(published(created.detail.eventId)).toEqual([]);
  });

  it('--dry-run lists the range in occurredAt order and puts nothing', async () => {
    const before = t.stack.bus.published.length;
    const result = await republishEvents({
      client: doc(),
      tableName: t.stack.tableName,
      from,
      to,
      publish: onLocalBus,
      dryRun: true,
      now: t.stack.clock.now(),
    });
    const ids = result.events.map((e) => e.eventId);
    expect(ids).toEqual([created.detail.eventId, added.detail.eventId]);
    expect(ids).not.toContain(later.detail.eventId);
    expect(result.published).toBe(0);
    expect(t.stack.bus.published.length).toBe(before);
  });

  it('re-puts the events of the range with their own ids, and consumers apply them once however often they come', async () => {
    const identity = () => getItem(t.stack, `PARTNER#${partnerId}`, `IDENTITY#${userId}`);
    t.stack.bus.failNextPublishes = 1; // the first put fails once and is retried
    const first = await republishEvents({ client: doc(), tableName: t.stack.tableName, from, to, publish: onLocalBus, now: t.stack.clock.now() });
    expect(first).toMatchObject({ published: 2, failed: [], expired: 0 });
    expect(published(created.detail.eventId).map((e) => e.detail)).toEqual([created.detail]);
    expect(published(added.detail.eventId).map((e) => e.detail)).toEqual([added.detail]);
    expect(published(later.detail.eventId)).toEqual([]);
    expect(await identity()).toMatchObject({ provisionCount: 1, lastEventId: added.detail.eventId });

    // Again, and then the relay catching up: every event is delivered once more, applied no more.
    await republishEvents({ client: doc(), tableName: t.stack.tableName, from, to, publish: onLocalBus, now: t.stack.clock.now() });
    await t.stack.drain();
    expect(published(added.detail.eventId)).toHaveLength(3);
    expect(ofType(partnerId, 'PartnerUpdated').map((e: LocalBusEvent) => e.detail.eventId)).toEqual([later.detail.eventId]);
    expect(await identity()).toMatchObject({ provisionCount: 1 });
    expect(t.stack.bus.deadLetters).toEqual([]);

    // The marker outlives the outbox item (and the archive): a replay within the window finds it.
    const marker = await getItem(t.stack, `CONSUMED#partners.provision-identity#${added.detail.eventId}`, 'CONSUMED');
    const outbox = await getItem(t.stack, outboxKey(added.detail).pk, outboxKey(added.detail).sk);
    expect(CONSUMED_RETENTION_DAYS).toBeGreaterThan(EVENT_RETENTION_DAYS);
    expect(Number(marker!.ttl)).toBeGreaterThanOrEqual(Number(outbox!.ttl) + DAY);
    expect(Number(marker!.ttl)).toBeGreaterThanOrEqual(Math.floor(Date.parse(String(marker!.appliedAt)) / 1000) + CONSUMED_RETENTION_DAYS * DAY);
  });

  it('skips items past their TTL that DynamoDB has not deleted yet (their markers may be gone)', async () => {
    const before = t.stack.bus.published.length;
    const afterTtl = new Date(to.getTime() + (EVENT_RETENTION_DAYS + 1) * DAY * 1000);
    const result = await republishEvents({ client: doc(), tableName: t.stack.tableName, from, to, publish: onLocalBus, now: afterTtl });
    expect(result).toMatchObject({ events: [], published: 0, expired: 2 });
    expect(t.stack.bus.published.length).toBe(before);
  });

  it('the command (npm run events:republish runs scripts/republish-events.ts) with --dry-run lists the range; bad arguments exit 1 with the reason', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, TABLE_NAME: t.stack.tableName, DYNAMODB_ENDPOINT: t.stack.dynamoEndpoint, AWS_REGION: 'local' };
    const { stdout } = await run('npx', ['tsx', 'scripts/republish-events.ts', '--from', from.toISOString(), '--to', to.toISOString(), '--dry-run'], { env });
    expect(stdout).toContain(`${created.detail.occurredAt}  ${created.detail.eventId}  channelbase.partners  PartnerCreated`);
    expect(stdout).toContain(`${added.detail.eventId}  channelbase.partners  PartnerUserAdded`);
    expect(stdout).not.toContain(later.detail.eventId);
    expect(stdout).toMatch(/Dry run: 2 event\(s\) in \[.*\) would be put again; 0 expired item\(s\) skipped\. Nothing was put\./);

    const bad = run('npx', ['tsx', 'scripts/republish-events.ts', '--from', 'yesterday', '--to', to.toISOString(), '--dry-run'], { env });
    await expect(bad).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--from needs an ISO-8601 instant') });
    const noBus = run('npx', ['tsx', 'scripts/republish-events.ts', '--from', from.toISOString(), '--to', to.toISOString()], {
      env: { ...env, EVENT_BUS_NAME: '' },
    });
    await expect(noBus).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Set EVENT_BUS_NAME') });
  }, 60_000);

  it('refuses a range that ends before it starts', async () => {
    await expect(republishEvents({ client: doc(), tableName: t.stack.tableName, from: to, to: from, publish: onLocalBus })).rejects.toThrow(
      /--from must be before --to/,
    );
  });
});

describe('event size: checked when the change commits', () => {
  /** An event whose PutEvents entry is exactly `bytes` long. */
  function eventOfSize(bytes: number): DomainEvent {
    const base = testEvent({ blob: '' });
    const pad = bytes - busEntrySize(busEntryOfEvent(base));
    return { ...base, detail: { ...base.detail, data: { blob: 'x'.repeat(pad) } } };
  }

  it('an event of exactly the limit commits and is relayed', async () => {
    const event = eventOfSize(MAX_EVENT_ENTRY_BYTES);
    expect(busEntrySize(busEntryOfEvent(event))).toBe(MAX_EVENT_ENTRY_BYTES);
    const pk = `TEST#${randomUUID()}`;
    await commit([addOne(pk)], [event]);
    await t.stack.drain();
    expect(published(event.detail.eventId)).toHaveLength(1);
    expect(await getItem(t.stack, pk, 'COUNTER')).toMatchObject({ n: 1 });
  });

  it('the local bus refuses an entry over 256 KiB, as EventBridge does: what the check at commit prevents', async () => {
    const event = eventOfSize(PUT_EVENTS_LIMIT_BYTES + 1);
    await expect(t.stack.bus.publish(busEntryOfEvent(event))).rejects.toThrow(/exceeds 262144/);
    expect(published(event.detail.eventId)).toEqual([]);
  });

  it('one byte more: the commit is refused (413 event-too-large) and writes nothing', async () => {
    const event = eventOfSize(MAX_EVENT_ENTRY_BYTES + 1);
    const pk = `TEST#${randomUUID()}`;
    const refused = commit([addOne(pk)], [event]);
    await expect(refused).rejects.toBeInstanceOf(EventTooLargeError);
    await expect(refused).rejects.toMatchObject({ status: 413, type: 'event-too-large', detailType: 'RecoveryTested', bytes: MAX_EVENT_ENTRY_BYTES + 1 });
    expect(await getItem(t.stack, pk, 'COUNTER')).toBeUndefined();
    expect(await getItem(t.stack, outboxKey(event.detail).pk, outboxKey(event.detail).sk)).toBeUndefined();
    await t.stack.drain();
    expect(published(event.detail.eventId)).toEqual([]);
  });
});

describe('ClientRequestToken: the same commit sent again is applied once', () => {
  it('DynamoDB Local honours the token: a repeated commit of the same writes and event changes nothing and succeeds', async () => {
    const pk = `TEST#${randomUUID()}`;
    const event = testEvent({ n: 1 });
    await commit([addOne(pk)], [event]);
    // Without the token this would add 1 again, or fail on the outbox item's attribute_not_exists.
    await commit([addOne(pk)], [event]);
    expect(await getItem(t.stack, pk, 'COUNTER')).toMatchObject({ n: 1 });

    // Another logical commit of the same write (a new event, so new items) is applied.
    await commit([addOne(pk)], [testEvent({ n: 2 })]);
    expect(await getItem(t.stack, pk, 'COUNTER')).toMatchObject({ n: 2 });
  });
});
