import { createHash } from 'node:crypto';
import type { DomainEvent } from '@channelbase/core';

/**
 * How long events can be had again, in days: the bus archive keeps every event this long (for an
 * EventBridge replay), the outbox keeps each item this long (for `npm run events:republish`), and
 * consumer markers outlive both (CONSUMED_RETENTION_DAYS), so a replayed or re-put event is
 * applied once. One constant, read by the stack and the table writes alike.
 */
export const EVENT_RETENTION_DAYS = 90;
const DAY_SECONDS = 24 * 3600;
const OUTBOX_RETENTION_SECONDS = EVENT_RETENTION_DAYS * DAY_SECONDS;

export const OUTBOX_PK_PREFIX = 'OUTBOX#';

/**
 * Outbox partitions per day: a day's events are spread over this many partition keys (by a hash
 * of the event id), so that outbox writes never meet one partition's 1,000 write units a second.
 */
export const OUTBOX_SHARDS = 4;

/** The UTC day (`YYYY-MM-DD`) of an ISO-8601 instant. */
const dayOf = (iso: string): string => iso.slice(0, 10);

/** Which of a day's OUTBOX_SHARDS partitions an event goes to. */
export const outboxShard = (eventId: string): number => createHash('sha256').update(eventId).digest()[0]! % OUTBOX_SHARDS;

/** The outbox partition of one day and shard: `OUTBOX#<YYYY-MM-DD>#<shard>`. */
export const outboxPartition = (day: string, shard: number): string => `${OUTBOX_PK_PREFIX}${day}#${shard}`;

/**
 * The key of an event's outbox item: partition by day and shard, sort key `<occurredAt>#<eventId>`,
 * so that the events of a time range are a Query per day and shard (`sk BETWEEN :from AND :to`).
 */
export const outboxKey = (detail: { eventId: string; occurredAt: string }) => ({
  pk: outboxPartition(dayOf(detail.occurredAt), outboxShard(detail.eventId)),
  sk: `${detail.occurredAt}#${detail.eventId}`,
});

/**
 * The item that carries one event from the transaction to the relay (and, for a while, to a
 * republish). It expires EVENT_RETENTION_DAYS after the event occurred: a function of the event
 * alone, so the same commit sent twice is the same request (see clientRequestToken).
 */
export function outboxItem(event: DomainEvent) {
  return {
    ...outboxKey(event.detail),
    kind: 'outbox',
    source: event.source,
    detailType: event.detailType,
    detail: event.detail,
    ttl: Math.floor(Date.parse(event.detail.occurredAt) / 1000) + OUTBOX_RETENTION_SECONDS,
  };
}

export type OutboxItem = ReturnType<typeof outboxItem>;

export const isOutboxItem = (item: Record<string, unknown> | undefined): item is OutboxItem =>
  typeof item?.pk === 'string' && item.pk.startsWith(OUTBOX_PK_PREFIX) && item.kind === 'outbox';
