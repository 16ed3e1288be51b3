import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Match } from 'aws-cdk-lib/aws-events';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { EVENT_RETENTION_DAYS, OUTBOX_PK_PREFIX } from '@channelbase/platform/events/outbox';
import { TABLE_DEFINITION } from '@channelbase/platform/table/definition';
import { reserveConcurrency } from './concurrency.ts';
import { ChannelbaseFunction } from './function.ts';
import type { Observability } from './observability.ts';
import { DeadLetterQueue } from './queues.ts';
import { declareUnscoped } from './unscoped.ts';

/** Every Channelbase event's source starts with this (docs/architecture.md: `channelbase.<context>`). */
export const EVENT_SOURCE_PREFIX = 'channelbase.';

/** The relay alarms when the oldest unrelayed outbox record is this old. */
export const RELAY_ITERATOR_AGE_ALARM = Duration.minutes(2);

export interface BusProps {
  stage: string;
  table: ITable;
  /** The environment every Channelbase function gets (table, bus, cursor key, stage). */
  environment: Record<string, string>;
  logRetentionDays: number;
  observability: Observability;
  /** Reserved concurrency of the relay (config `relayConcurrency`). */
  relayConcurrency: number;
}

/**
 * The event bus and what feeds it: the outbox relay reads outbox inserts from the table's
 * stream and puts them on the bus. An archive keeps every Channelbase event for replays.
 */
export class Bus extends Construct {
  readonly eventBus: EventBus;
  readonly relay: ChannelbaseFunction;
  readonly relayFailures: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: BusProps) {
    super(scope, id);
    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: `channelbase-${props.stage}`, description: 'Channelbase domain events' });
    this.eventBus.archive('Archive', {
      description: 'Every Channelbase event, for replay after a consumer bug',
      eventPattern: { source: Match.prefix(EVENT_SOURCE_PREFIX) },
      // As long as the outbox keeps each event, and shorter than consumer markers live.
      retention: Duration.days(EVENT_RETENTION_DAYS),
    });

    this.relay = new ChannelbaseFunction(this, 'OutboxRelay', {
      entry: 'functions/platform/relay.ts',
      description: 'Outbox relay: DynamoDB stream (outbox inserts) to the EventBridge bus',
      service: 'relay',
      timeout: Duration.seconds(30),
      environment: { ...props.environment, EVENT_BUS_NAME: this.eventBus.eventBusName },
      logRetentionDays: props.logRetentionDays,
      observability: props.observability,
    });
    this.eventBus.grantPutEventsTo(this.relay.fn);
    // One batch per shard at a time: more shards than this wait (the stream retries), the API does not.
    reserveConcurrency(this.relay, props.relayConcurrency);

    // What the stream gives up on: the DLQ receives the shard and sequence numbers of the
    // batch; the outbox items themselves stay in the table until their TTL (EVENT_RETENTION_DAYS),
    // and `npm run events:republish` re-puts them from there.
    this.relayFailures = new DeadLetterQueue(this, 'RelayFailures', {
      observability: props.observability,
      deadLetterFor: 'outbox relay batches that failed every retry',
      redriveTarget: false,
    });
    this.relay.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.relayFailures.queue),
        // Only outbox inserts reach the relay; every other write is none of its business.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { [TABLE_DEFINITION.partitionKey]: { S: FilterRule.beginsWith(OUTBOX_PK_PREFIX) } } },
          }),
        ],
      }),
    );
    // The event source's grant (ITable.grantStreamRead) lists streams on Resource '*'.
    declareUnscoped(this.relay.role, {
      by: 'the stream event source',
      actions: ['dynamodb:ListStreams'],
      reason: 'ListStreams supports no resource-level permissions',
    });
    props.observability.alarm(
      this,
      'RelayIteratorAgeAlarm',
      this.relay.fn.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
      `The outbox relay is more than ${RELAY_ITERATOR_AGE_ALARM.toMinutes()} minutes behind the table's stream`,
      RELAY_ITERATOR_AGE_ALARM.toMilliseconds(),
      3,
    );
  }
}
