import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from '@channelbase/core/kernel/zod';
import { logger, metrics, observed } from '../observability.ts';
import { runtimeClock } from '../runtime.ts';
import { CONSUMED_PK_PREFIX } from '../table/access.ts';
import { tableName } from '../table/client.ts';
import { type Write, commit } from '../table/commit.ts';
import { type Committer, commitGroup } from '../table/group-commit.ts';
import { partitionKey } from '../table/keys.ts';
import { EVENT_RETENTION_DAYS } from './outbox.ts';

/** An EventBridge event as an SQS target receives it. */
export const busEventSchema = z.object({
  id: z.string(),
  source: z.string(),
  'detail-type': z.string(),
  time: z.string(),
  detail: z.object({
    eventId: z.string(),
    occurredAt: z.string(),
    partnerId: z.optional(z.string()),
    /** The event type's contract version, from 2 on (see defineEvent). */
    schemaVersion: z.optional(z.number().check(z.int())),
    actor: z.unknown(),
    data: z.unknown(),
  }),
});
export type BusEvent = z.infer<typeof busEventSchema>;

/** What a consumer's handler gets besides its event: the batch's way to commit. */
export interface ConsumerBatch {
  /**
   * Commits as `commit` does; with `groupCommits`, the batch's records share transactions
   * (see commitGroup): a record's outcome is its own either way.
   */
  commit: Committer;
}

/**
 * An SQS consumer of bus events: each record is parsed and handled on its own, failures are
 * reported as partial batch failures (retried, then dead-lettered), successes are not redone.
 * `beforeBatch` runs once per invocation, before its records (a consumer's per-batch cache starts empty there).
 * `groupCommits` gathers the commits the records make through `batch.commit` into shared
 * transactions (the records run at once): fewer, larger transactions for a consumer whose every
 * record writes (incentives' accrual).
 */
export function createConsumer(
  name: string,
  handle: (event: BusEvent, batch: ConsumerBatch) => Promise<void>,
  options: { beforeBatch?: () => void; groupCommits?: boolean } = {},
) {
  const processor = new BatchProcessor(EventType.SQS);
  return observed<SQSEvent, SQSBatchResponse>().handler((event: SQSEvent, context: Context) => {
    options.beforeBatch?.();
    const group = options.groupCommits ? commitGroup(event.Records.length) : undefined;
    const batch: ConsumerBatch = { commit: group ? group.commit : commit };
    const record = async (r: SQSRecord) => {
      try {
        const busEvent = busEventSchema.parse(JSON.parse(r.body));
        logger.appendKeys({ eventId: busEvent.detail.eventId, detailType: busEvent['detail-type'], consumer: name });
        await handle(busEvent, batch);
        metrics.addMetric('EventsConsumed', MetricUnit.Count, 1);
      } finally {
        group?.leave();
      }
    };
    // The records run at once (Powertools' default, stated: a commit group waits for them all).
    return processPartialResponse(event, record, processor, { context, processInParallel: true });
  });
}

/** A consumer marker's partition key, within DynamoDB's limit whatever the event id (see partitionKey). */
export const consumedKey = (consumer: string, eventId: string): string => partitionKey(`${CONSUMED_PK_PREFIX}${consumer}#`, eventId);

/**
 * Consumer markers outlive every way an event can come again: SQS redelivery (14 days), an
 * EventBridge replay from the archive and a re-put from the outbox (both EVENT_RETENTION_DAYS
 * after the event), plus a day's margin. A marker is written when the event is applied, never
 * before it was committed, so it expires after the archive and the outbox have let go of it.
 */
export const CONSUMED_RETENTION_DAYS = EVENT_RETENTION_DAYS + 1;
const CONSUMED_RETENTION_SECONDS = CONSUMED_RETENTION_DAYS * 24 * 3600;

/**
 * The write that makes a consumer's effect happen once per event: it fails the transaction
 * if this consumer already applied this event, and `commit` then raises AlreadyAppliedError.
 */
export function appliedOnce(consumer: string, eventId: string): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          pk: consumedKey(consumer, eventId),
          sk: 'CONSUMED',
          kind: 'consumed',
          appliedAt: runtimeClock.now().toISOString(),
          ttl: Math.floor(runtimeClock.now().getTime() / 1000) + CONSUMED_RETENTION_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    onConditionFailed: () => new AlreadyAppliedError(`${consumer} already applied ${eventId}`),
  };
}

/** Raised when a redelivered event was already applied; consumers treat it as success. */
export class AlreadyAppliedError extends Error {
  readonly status = 200;
  readonly type = 'already-applied';
  readonly errors = [];
  constructor(message: string) {
    super(message);
    this.name = 'AlreadyAppliedError';
  }
}
