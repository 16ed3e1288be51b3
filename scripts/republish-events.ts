/**
 * Re-publishes the outbox events of a time range on the bus: the recovery after the relay fell
 * further behind than the table's stream keeps records (24 hours), or after a batch went to the
 * relay's failure queue (which holds stream positions, not events). Outbox items are kept
 * EVENT_RETENTION_DAYS (docs/data-model.md), keyed by day and shard with `<occurredAt>#<eventId>`
 * sort keys, so a range is one Query per day and shard; no Scan.
 *
 * Idempotent for consumers: each event is put again exactly as the relay put it (same source,
 * detail type, time and detail, so the same `detail.eventId`), and every consumer applies an event
 * id once (its `CONSUMED#` marker outlives the outbox item). Running it twice, or over a range the
 * relay did publish, applies nothing twice. An item past its TTL that DynamoDB has not deleted yet
 * is skipped: its markers may be gone.
 *
 *   TABLE_NAME=<table> EVENT_BUS_NAME=channelbase-<stage> \
 *     npm run events:republish -- --from 2026-11-20T00:00:00Z --to 2026-11-21T00:00:00Z [--dry-run]
 * The range is occurredAt in [from, to). `--dry-run` lists the events and puts nothing. The caller
 * needs `dynamodb:Query` on the table and `events:PutEvents` on the bus. Exit status 2 when some
 * event could not be put after three attempts (they are listed; run again for the same range).
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type BusEntry, OUTBOX_SHARDS, type OutboxItem, PUT_EVENTS_LIMIT_BYTES, busEntryOf, busEntrySize, outboxPartition } from '@channelbase/platform';
import { runIfMain, tableClientFromEnv } from './cli.ts';

/** Puts entries on the bus; answers, per entry, the error it failed with (undefined: put). */
export type Publish = (entries: BusEntry[]) => Promise<(string | undefined)[]>;

export interface RepublishOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** occurredAt from (inclusive) ... */
  from: Date;
  /** ... to (exclusive). */
  to: Date;
  publish: Publish;
  dryRun?: boolean;
  /** For the TTL check; the wall clock by default. */
  now?: Date;
  /** Attempts per entry (default 3). */
  attempts?: number;
}

export interface RepublishedEvent {
  eventId: string;
  source: string;
  detailType: string;
  occurredAt: string;
}

export interface RepublishResult {
  /** Every live outbox event of the range, in occurredAt order. */
  events: RepublishedEvent[];
  /** How many were put (0 in a dry run). */
  published: number;
  /** Items of the range past their TTL, not re-put. */
  expired: number;
  failed: (RepublishedEvent & { error: string })[];
}

/** PutEvents takes at most 10 entries and 256 KiB per request. */
const MAX_BATCH_ENTRIES = 10;

const DAY_MS = 24 * 3600 * 1000;

/** Every UTC day (`YYYY-MM-DD`) with an instant in [from, to). */
export function daysOf(from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); t < to.getTime(); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The live outbox items of one day in [from, to), in sort-key (occurredAt, eventId) order. */
async function itemsOfDay(options: RepublishOptions, day: string): Promise<OutboxItem[]> {
  const items: OutboxItem[] = [];
  for (let shard = 0; shard < OUTBOX_SHARDS; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await options.client.send(
        new QueryCommand({
          TableName: options.tableName,
          ConsistentRead: true,
          // sk is `<occurredAt>#<eventId>`: BETWEEN from AND to is occurredAt in [from, to).
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': outboxPartition(day, shard), ':from': options.from.toISOString(), ':to': options.to.toISOString() },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((page.Items ?? []) as OutboxItem[]));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items.sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
}

/** Batches within PutEvents' limits (10 entries, 256 KiB together). */
function batches<T extends { entry: BusEntry }>(all: T[]): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const one of all) {
    const size = busEntrySize(one.entry);
    if (batch.length && (batch.length === MAX_BATCH_ENTRIES || bytes + size > PUT_EVENTS_LIMIT_BYTES)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(one);
    bytes += size;
  }
  if (batch.length) out.push(batch);
  return out;
}

/**
 * Re-publishes the outbox events that occurred in [from, to), day by day, in occurredAt order.
 * @example await republishEvents({ client, tableName, from, to, publish: (entries) => putOnBus(entries) });
 */
export async function republishEvents(options: RepublishOptions): Promise<RepublishResult> {
  if (!(options.from.getTime() < options.to.getTime())) throw new Error('--from must be before --to');
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const attempts = options.attempts ?? 3;
  const result: RepublishResult = { events: [], published: 0, expired: 0, failed: [] };
  for (const day of daysOf(options.from, options.to)) {
    const live: { event: RepublishedEvent; entry: BusEntry }[] = [];
    for (const item of await itemsOfDay(options, day)) {
      if (item.ttl <= nowSeconds) {
        result.expired++;
        continue;
      }
      const entry = busEntryOf(item as unknown as Record<string, unknown>);
      if (!entry) continue;
      live.push({ event: { eventId: item.detail.eventId, source: item.source, detailType: item.detailType, occurredAt: item.detail.occurredAt }, entry });
    }
    result.events.push(...live.map((l) => l.event));
    if (options.dryRun) continue;
    for (const batch of batches(live)) {
      let pending = batch.map((b) => ({ ...b, error: '' }));
      for (let attempt = 1; attempt <= attempts && pending.length; attempt++) {
        if (attempt > 1) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        const errors = await options.publish(pending.map((p) => p.entry));
        result.published += errors.filter((e) => e === undefined).length;
        pending = pending.flatMap((p, i) => (errors[i] === undefined ? [] : [{ ...p, error: errors[i]! }]));
      }
      result.failed.push(...pending.map((p) => ({ ...p.event, error: p.error })));
    }
  }
  return result;
}

/** PutEvents on a bus: each entry's error code and message, if it failed. */
export const putEventsOn =
  (bus: EventBridgeClient, eventBusName: string): Publish =>
  async (entries) => {
    try {
      const res = await bus.send(new PutEventsCommand({ Entries: entries.map((e) => ({ ...e, EventBusName: eventBusName })) }));
      return entries.map((_, i) => {
        const r = res.Entries?.[i];
        return r?.ErrorCode ? `${r.ErrorCode} ${r.ErrorMessage ?? ''}`.trim() : undefined;
      });
    } catch (err) {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      return entries.map(() => message);
    }
  };

function argument(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function instant(value: string | undefined, name: string): Date {
  const date = value ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new Error(`${name} needs an ISO-8601 instant, e.g. ${name} 2026-11-20T00:00:00Z`);
  return date;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const from = instant(argument(args, '--from'), '--from');
  const to = instant(argument(args, '--to'), '--to');
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error('Set TABLE_NAME');
  const eventBusName = process.env.EVENT_BUS_NAME;
  if (!eventBusName && !dryRun) throw new Error('Set EVENT_BUS_NAME (or pass --dry-run)');
  const { raw, client } = tableClientFromEnv();
  const bus = new EventBridgeClient({});
  try {
    const result = await republishEvents({
      client,
      tableName,
      from,
      to,
      dryRun,
      publish: putEventsOn(bus, eventBusName ?? ''),
    });
    for (const e of result.events) console.log(`${e.occurredAt}  ${e.eventId}  ${e.source}  ${e.detailType}`);
    for (const f of result.failed) console.log(`FAILED ${f.eventId} ${f.detailType}: ${f.error}`);
    console.log(
      dryRun
        ? `\nDry run: ${result.events.length} event(s) in [${from.toISOString()}, ${to.toISOString()}) would be put again; ${result.expired} expired item(s) skipped. Nothing was put.`
        : `\n${result.events.length} event(s) in [${from.toISOString()}, ${to.toISOString()}): ${result.published} put again, ${result.failed.length} failed; ${result.expired} expired item(s) skipped.`,
    );
    if (result.failed.length) process.exitCode = 2;
  } finally {
    raw.destroy();
    bus.destroy();
  }
}

runIfMain(import.meta.url, main);
