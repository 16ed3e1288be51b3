import { type OutboxItem, isOutboxItem } from './outbox.ts';

/** What the relay puts on the bus for one outbox item (the PutEvents entry, less the bus name). */
export interface BusEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  Time: Date;
}

/** The bus entry of a new stream image, or undefined if the image is not an outbox item. */
export function busEntryOf(image: Record<string, unknown> | undefined): BusEntry | undefined {
  if (!isOutboxItem(image)) return undefined;
  const item = image as OutboxItem;
  return { Source: item.source, DetailType: item.detailType, Detail: JSON.stringify(item.detail), Time: new Date(item.detail.occurredAt) };
}
