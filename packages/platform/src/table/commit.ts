import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type DomainEvent, PreconditionFailedError } from '@channelbase/core';
import { HttpProblemError } from '../http/problem.ts';
import { outboxItem } from '../events/outbox.ts';
import { MAX_EVENT_ENTRY_BYTES, busEntryOfEvent, busEntrySize } from '../events/relay.ts';
import { dynamo, tableName } from './client.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One write of a transaction, with the domain error to raise if its condition fails. */
export interface Write {
  item: TransactItem;
  onConditionFailed?: () => Error;
}

/** An audit entry stored under the record's partition (Query by `pk`, `begins_with(sk, 'HISTORY#')`). */
export interface HistoryWrite {
  pk: string;
  subject: string;
  changes: { field: string; from: unknown; to: unknown }[];
  /** The event that caused the change; by default the transaction's first event. */
  cause?: DomainEvent;
}

/**
 * What a command decided, ready to commit: its writes, its events and its audit entries. A
 * context's public command returns one, so that another context can commit it together with its
 * own writes in one transaction (`commitChanges(partners.change, myChange)`).
 */
export interface Change {
  writes: Write[];
  events: DomainEvent[];
  history: HistoryWrite[];
}

/** Commits several changes as one transaction. */
export const commitChanges = (...changes: Change[]): Promise<void> =>
  commit(
    changes.flatMap((c) => c.writes),
    changes.flatMap((c) => c.events),
    changes.flatMap((c) => c.history),
  );

const MAX_CONFLICT_RETRIES = 6;

/**
 * Raised by `commit` before anything is written when one of its events would be larger than
 * EventBridge takes (MAX_EVENT_ENTRY_BYTES): the change is refused rather than committed with an
 * event the relay could never publish. A 413 problem for an API caller.
 */
export class EventTooLargeError extends HttpProblemError {
  constructor(
    readonly detailType: string,
    readonly bytes: number,
  ) {
    super(
      413,
      'event-too-large',
      `The change would publish a ${detailType} event of ${bytes} bytes; events are limited to ${MAX_EVENT_ENTRY_BYTES} bytes. Make the record smaller and retry.`,
    );
    this.name = 'EventTooLargeError';
  }
}

/** Refuses events the bus would not take (see EventTooLargeError). */
export function assertPublishable(events: readonly DomainEvent[]): void {
  for (const e of events) {
    const bytes = busEntrySize(busEntryOfEvent(e));
    if (bytes > MAX_EVENT_ENTRY_BYTES) throw new EventTooLargeError(e.detailType, bytes);
  }
}

/** Longest ClientRequestToken TransactWriteItems takes. */
export const CLIENT_REQUEST_TOKEN_LENGTH = 36;

/**
 * The ClientRequestToken of one attempt of a transaction: the first 36 hex digits of the SHA-256
 * of its items (as JSON) and the attempt number. The same commit sent again (an SDK retry after an
 * ambiguous failure, or a caller committing the same writes and events again) carries the same
 * token, and DynamoDB applies it once within 10 minutes. Different commits differ in their items
 * (every event has its own id, every consumer marker names its event), so they never share one;
 * a retry after a TransactionConflict cancellation is a new attempt and gets a new token.
 */
export function clientRequestToken(items: readonly TransactItem[], attempt = 0): string {
  const json = JSON.stringify(items, (_k, v: unknown) => (v instanceof Set ? [...(v as Set<unknown>)] : typeof v === 'bigint' ? v.toString() : v));
  return createHash('sha256').update(json).update(`#${attempt}`).digest('hex').slice(0, CLIENT_REQUEST_TOKEN_LENGTH);
}

/**
 * Optimistic locking: replaces an item only if it still has the version the caller read.
 * @example versionedPut(userItem(next), before.version, 'user')
 */
export function versionedPut(item: Record<string, unknown>, expectedVersion: number, what: string): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: item,
        ConditionExpression: 'attribute_exists(pk) AND #v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': expectedVersion },
      },
    },
    onConditionFailed: () => new PreconditionFailedError(`The ${what} was changed since you read it; GET it again and retry`),
  };
}

/**
 * Commits a state change, its events (outbox items) and its audit entries in one transaction,
 * so that a change and its announcement are never separated.
 * @example await commit([putPartner(p)], [event], [{ pk: partnerPk(p.id), subject: p.id, changes }]);
 */
export async function commit(writes: Write[], events: DomainEvent[] = [], history: HistoryWrite[] = []): Promise<void> {
  assertPublishable(events);
  const name = tableName();
  const items: TransactItem[] = writes.map((w) => w.item);
  for (const e of events) items.push({ Put: { TableName: name, Item: outboxItem(e), ConditionExpression: 'attribute_not_exists(pk)' } });
  const primary = events[0];
  for (const h of history) {
    const cause = h.cause ?? primary;
    if (!cause) throw new Error('An audit entry needs the event that caused it');
    items.push({
      Put: {
        TableName: name,
        Item: {
          pk: h.pk,
          sk: `HISTORY#${cause.detail.occurredAt}#${cause.detail.eventId}#${h.subject}`,
          kind: 'history',
          eventId: cause.detail.eventId,
          occurredAt: cause.detail.occurredAt,
          action: cause.detailType,
          actor: cause.detail.actor,
          subject: h.subject,
          changes: h.changes,
        },
      },
    });
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: clientRequestToken(items, attempt) }));
      return;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) {
        const toError = writes[failed]?.onConditionFailed;
        if (toError) throw toError();
        throw err;
      }
      // Another transaction held one of the items: try again, the conditions decide.
      if (reasons.some((r) => r.Code === 'TransactionConflict')) {
        if (attempt < MAX_CONFLICT_RETRIES) {
          // Exponential backoff with full jitter (up to 20, 40 … 640 ms): many writers of one item spread out.
          await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
          continue;
        }
        // Still contended: the client may retry (with the same Idempotency-Key); not a server fault.
        throw new ConflictError('The record is being changed by another request; retry');
      }
      throw err;
    }
  }
}

/**
 * Runs a command that reads, decides and writes with optimistic locking again when its write
 * lost to a concurrent one (412), so that a command without If-Match (a status change, a
 * workflow step) decides on fresh data instead of failing.
 * @example return retryOnStale(async () => { const p = await getPartner(id); ...; await commit([putPartner(next, p.version)]); });
 */
export const retryOnStale = <T>(command: () => Promise<T>, attempts = 4): Promise<T> =>
  retryWhen((err) => err instanceof PreconditionFailedError, command, attempts);

/**
 * Runs a command again, up to `attempts` times in all, while it fails with an error that
 * `retryable` accepts: a command that re-reads and decides again each time.
 */
export async function retryWhen<T>(retryable: (err: unknown) => boolean, command: () => Promise<T>, attempts: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await command();
    } catch (err) {
      if (!retryable(err) || attempt >= attempts) throw err;
    }
  }
}
