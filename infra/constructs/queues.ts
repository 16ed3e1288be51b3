import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_RECEIVE_COUNT } from '@channelbase/platform/wiring';
import type { Observability } from './observability.ts';

/**
 * Messages are kept as long as SQS allows, in work queues and dead-letter queues alike, so that an
 * undelivered event does not vanish (SQS's default is 4 days) and nobody has to hurry over a
 * weekend. A dead-lettered message keeps its first enqueue time, so it stays 14 days less the time
 * it spent in its work queue (5 receives, about 15 minutes, in the normal case).
 */
export const MESSAGE_RETENTION = Duration.days(14);

export { MAX_RECEIVE_COUNT };

export interface DeadLetterQueueProps {
  observability: Observability;
  /** What fails into this queue, for the alarm and the acknowledgement. */
  deadLetterFor: string;
  /**
   * True when the queue is an SQS redrive target (cdk-nag sees that). EventBridge target and
   * event-source-mapping DLQs are not recognised as dead-letter queues, so SQS3 is acknowledged.
   */
  redriveTarget: boolean;
}

/** A dead-letter queue: encrypted, TLS only, kept 14 days, alarmed on its first message. */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: MESSAGE_RETENTION });
    props.observability.alarmOnDeadLetters(this, this.queue, props.deadLetterFor);
    if (!props.redriveTarget) {
      Validations.of(this.queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself a dead-letter queue (${props.deadLetterFor}); a dead-letter queue of a dead-letter queue would only move the problem.`,
      });
    }
  }
}

export interface WorkQueueProps {
  observability: Observability;
  /** The consumer's timeout: the visibility timeout is six times it, as AWS recommends for Lambda. */
  consumerTimeout: Duration;
  what: string;
}

/** A queue a Lambda consumes, with its own dead-letter queue after MAX_RECEIVE_COUNT receives. */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      observability: props.observability,
      deadLetterFor: `${props.what} (consumer failed ${MAX_RECEIVE_COUNT} times)`,
      redriveTarget: true,
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: MESSAGE_RETENTION,
      deadLetterQueue: { queue: this.deadLetters.queue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }
}
