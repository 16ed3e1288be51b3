import { Duration } from 'aws-cdk-lib';
import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { SubscriptionSpec } from '@channelbase/platform/wiring';
import { reserveConcurrency } from './concurrency.ts';
import { ChannelbaseFunction } from './function.ts';
import type { Observability } from './observability.ts';
import { DeadLetterQueue, WorkQueue } from './queues.ts';

/** A consumer gets this long per batch; its queue hides a received message six times as long. */
export const CONSUMER_TIMEOUT = Duration.seconds(30);

/** How long and how often EventBridge tries to hand an event to the queue before it dead-letters it. */
export const DELIVERY_RETRY = { retryAttempts: 185, maxEventAge: Duration.hours(24) } as const;

export interface SubscriptionProps {
  context: string;
  spec: SubscriptionSpec;
  eventBus: IEventBus;
  environment: Record<string, string>;
  logRetentionDays: number;
  observability: Observability;
  /** Reserved concurrency of the consumer and the maximum concurrency its queue invokes it with (config `consumerConcurrency`). */
  concurrency: number;
}

/**
 * One event subscription of a wiring: an EventBridge rule with the wiring's pattern → an SQS
 * queue (with a dead-letter queue for events EventBridge could not deliver) → the consumer
 * Lambda, which reports partial batch failures; a message that fails five times is
 * dead-lettered.
 */
export class Subscription extends Construct {
  readonly rule: Rule;
  readonly queue: WorkQueue;
  readonly undelivered: DeadLetterQueue;
  readonly consumer: ChannelbaseFunction;

  constructor(scope: Construct, id: string, props: SubscriptionProps) {
    super(scope, id);
    const { spec } = props;
    const what = `${props.context}.${spec.id}`;

    this.queue = new WorkQueue(this, 'Queue', { observability: props.observability, consumerTimeout: CONSUMER_TIMEOUT, what });
    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      observability: props.observability,
      deadLetterFor: `events EventBridge could not deliver to ${what}`,
      redriveTarget: false,
    });
    this.rule = new Rule(this, 'Rule', {
      eventBus: props.eventBus,
      description: spec.description.slice(0, 512),
      eventPattern: { source: [...spec.pattern.source], ...(spec.pattern['detail-type'] ? { detailType: [...spec.pattern['detail-type']] } : {}) },
    });
    this.rule.addTarget(new SqsQueue(this.queue.queue, { deadLetterQueue: this.undelivered.queue, ...DELIVERY_RETRY }));

    this.consumer = new ChannelbaseFunction(this, 'Consumer', {
      entry: spec.entry,
      description: `${what}: ${spec.description}`.slice(0, 256),
      service: props.context,
      timeout: CONSUMER_TIMEOUT,
      environment: props.environment,
      logRetentionDays: props.logRetentionDays,
      observability: props.observability,
    });
    // The queue never invokes more consumers than are reserved: a throttled SQS invocation would
    // count as a receive and push messages towards the dead-letter queue.
    reserveConcurrency(this.consumer, props.concurrency);
    this.consumer.fn.addEventSource(new SqsEventSource(this.queue.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: props.concurrency }));
  }
}
