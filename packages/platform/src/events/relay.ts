import type { DomainEvent } from '@channelbase/core';
import { type OutboxItem, isOutboxItem } from './outbox.ts';

/** What the relay puts on the bus for one outbox item (the PutEvents entry, less the bus name). */
export interface BusEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  Time: Date;
}

/** The bus entry of an event: what the relay (and a republish) puts on the bus for it. */
export const busEntryOfEvent = (event: Pick<DomainEvent, 'source' | 'detailType' | 'detail'>): BusEntry => ({
  Source: event.source,
  DetailType: event.detailType,
  Detail: JSON.stringify(event.detail),
  Time: new Date(event.detail.occurredAt),
});

/** The bus entry of a new stream image, or undefined if the image is not an outbox item. */
export function busEntryOf(image: Record<string, unknown> | undefined): BusEntry | undefined {
  if (!isOutboxItem(image)) return undefined;
  return busEntryOfEvent(image as OutboxItem);
}

/** EventBridge's limit on one PutEvents entry (and on a whole PutEvents request): 256 KiB. */
export const PUT_EVENTS_LIMIT_BYTES = 256 * 1024;

/**
 * Room kept below PUT_EVENTS_LIMIT_BYTES for what EventBridge may count beyond the entry's own
 * fields (the JSON keys and characters of the event's representation).
 */
export const EVENT_SIZE_MARGIN_BYTES = 1024;

/** The largest entry the outbox commits: 255 KiB. */
export const MAX_EVENT_ENTRY_BYTES = PUT_EVENTS_LIMIT_BYTES - EVENT_SIZE_MARGIN_BYTES;

/**
 * A PutEvents entry's size as EventBridge computes it ("Calculating PutEvents event entry size"):
 * 14 bytes for `Time`, plus the UTF-8 bytes of `Source`, `DetailType` and `Detail`.
 */
export const busEntrySize = (entry: BusEntry): number =>
  14 + Buffer.byteLength(entry.Source, 'utf8') + Buffer.byteLength(entry.DetailType, 'utf8') + Buffer.byteLength(entry.Detail, 'utf8');
