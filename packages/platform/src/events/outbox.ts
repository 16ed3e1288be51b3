import type { DomainEvent } from '@channelbase/core';

/** Outbox items live a week: the relay reads them from the stream within seconds. */
const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;
export const OUTBOX_PK_PREFIX = 'OUTBOX#';

/** The item that carries one event from the transaction to the relay. */
export function outboxItem(event: DomainEvent, nowMs: number) {
  return {
    pk: `${OUTBOX_PK_PREFIX}${event.detail.eventId}`,
    sk: 'OUTBOX',
    kind: 'outbox',
    source: event.source,
    detailType: event.detailType,
    detail: event.detail,
    ttl: Math.floor(nowMs / 1000) + OUTBOX_RETENTION_SECONDS,
  };
}

export type OutboxItem = ReturnType<typeof outboxItem>;

export const isOutboxItem = (item: Record<string, unknown> | undefined): item is OutboxItem =>
  typeof item?.pk === 'string' && item.pk.startsWith(OUTBOX_PK_PREFIX) && item.kind === 'outbox';
