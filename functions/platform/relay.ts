import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { busEntryOf, metrics, observed, runtimeConfig } from '@channelbase/platform';

const bus = new EventBridgeClient({});
const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** Puts one outbox item on the bus; a failure is retried by the stream (at least once). */
async function relay(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  const entry = record.eventName === 'INSERT' && image ? busEntryOf(unmarshall(image as never)) : undefined;
  if (!entry) return;
  const result = await bus.send(new PutEventsCommand({ Entries: [{ ...entry, EventBusName: runtimeConfig().busName }] }));
  if (result.FailedEntryCount) throw new Error(`PutEvents failed: ${result.Entries?.[0]?.ErrorCode} ${result.Entries?.[0]?.ErrorMessage}`);
  metrics.addMetric('EventsRelayed', MetricUnit.Count, 1);
}

/** The outbox relay: the table's stream (filtered to outbox inserts) → the EventBridge bus. */
export const handler = observed<DynamoDBStreamEvent, DynamoDBBatchResponse>().handler((event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, relay, processor, { context }),
);
