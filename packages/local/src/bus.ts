import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { SQSBatchResponse, SQSEvent, Handler } from 'aws-lambda';
import {
  type BusEntry,
  type ContextWiring,
  MAX_RECEIVE_COUNT,
  PUT_EVENTS_LIMIT_BYTES,
  type SubscriptionSpec,
  type WorkflowState,
  busEntrySize,
} from '@channelbase/platform';
import type { Clock } from '@channelbase/core';
import { lambdaContext } from './lambda-context.ts';

export interface LocalBusEvent {
  version: '0';
  id: string;
  source: string;
  'detail-type': string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/**
 * What the local runtime gave up on: an event a subscription failed MAX_RECEIVE_COUNT times
 * (the SQS dead-letter queue in AWS), or a workflow instance that failed to start or whose
 * step failed that often (a failed Step Functions execution).
 */
export type DeadLetter =
  | { subscription: string; event: LocalBusEvent; error: string }
  | { workflow: string; instance: string; event?: LocalBusEvent; state?: WorkflowState; error: string };

/** A rule target other than a subscription's queue (the local workflow engine starts instances through one). */
export interface LocalBusTarget {
  pattern: SubscriptionSpec['pattern'];
  invoke(event: LocalBusEvent): Promise<void>;
  /** The dead-letter entry once `invoke` failed MAX_RECEIVE_COUNT times. */
  deadLetter(event: LocalBusEvent, error: string): DeadLetter;
}

/** True if an event matches a rule pattern of the wiring (source and detail-type lists). */
export const matches = (pattern: SubscriptionSpec['pattern'], e: Pick<LocalBusEvent, 'source' | 'detail-type'>): boolean =>
  pattern.source.includes(e.source) && (!pattern['detail-type'] || pattern['detail-type'].includes(e['detail-type']));

/**
 * The local EventBridge bus: routes each event to the subscriptions whose pattern matches,
 * through the same consumer handlers the SQS queues invoke in AWS, with redelivery and a
 * dead-letter list.
 */
/**
 * How many of the latest events `published` keeps. Unbounded, a long-running `npm start` kept
 * every event forever (about 2 KB of heap each; the soak bench saw 0.2 MiB per 1,000 mixed requests).
 */
export const PUBLISHED_KEPT = 10_000;

export class LocalBus {
  /** The latest events put on the bus (at most PUBLISHED_KEPT), oldest first. */
  readonly published: LocalBusEvent[] = [];
  readonly deadLetters: DeadLetter[] = [];
  /** Makes the next N publishes fail, to prove the relay retries. */
  failNextPublishes = 0;
  private readonly subscriptions: { spec: SubscriptionSpec; handler?: Handler<SQSEvent, SQSBatchResponse | void> }[];
  private readonly targets: LocalBusTarget[] = [];
  private readonly listeners = new Set<(e: LocalBusEvent) => void>();

  constructor(
    wirings: readonly ContextWiring[],
    private readonly root: string,
    private readonly clock: Clock,
  ) {
    this.subscriptions = wirings.flatMap((w) => w.subscriptions.map((spec) => ({ spec })));
  }

  /** Adds a rule target; `publish` resolves only after matching targets ran (or were dead-lettered). */
  addTarget(target: LocalBusTarget): void {
    this.targets.push(target);
  }

  onEvent(listener: (e: LocalBusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Puts one event on the bus and delivers it to every matching subscription. */
  async publish(entry: BusEntry): Promise<void> {
    if (this.failNextPublishes > 0) {
      this.failNextPublishes--;
      throw new Error('local bus: injected publish failure');
    }
    // EventBridge refuses an entry over 256 KiB; so does the local bus, so that the limit shows here too.
    const bytes = busEntrySize(entry);
    if (bytes > PUT_EVENTS_LIMIT_BYTES) throw new Error(`local bus: a PutEvents entry of ${bytes} bytes exceeds ${PUT_EVENTS_LIMIT_BYTES}`);
    const event: LocalBusEvent = {
      version: '0',
      id: randomUUID(),
      source: entry.Source,
      'detail-type': entry.DetailType,
      account: '000000000000',
      time: this.clock.now().toISOString(),
      region: 'local',
      resources: [],
      detail: JSON.parse(entry.Detail) as Record<string, unknown>,
    };
    this.published.push(event);
    if (this.published.length > PUBLISHED_KEPT) this.published.shift();
    this.listeners.forEach((l) => l(event));
    await Promise.all([
      ...this.subscriptions.filter((s) => matches(s.spec.pattern, event)).map((s) => this.deliver(s, event)),
      ...this.targets.filter((t) => matches(t.pattern, event)).map((t) => this.invoke(t, event)),
    ]);
  }

  /** Invokes a rule target, retried like a subscription, then dead-lettered. */
  private async invoke(target: LocalBusTarget, event: LocalBusEvent): Promise<void> {
    let lastError = '';
    for (let attempt = 1; attempt <= MAX_RECEIVE_COUNT; attempt++) {
      try {
        return await target.invoke(event);
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
    }
    this.deadLetters.push(target.deadLetter(event, lastError));
  }

  /** Delivers an event to one subscription, as an SQS batch of one record. */
  async deliver(sub: (typeof this.subscriptions)[number], event: LocalBusEvent): Promise<void> {
    sub.handler ??= ((await import(pathToFileURL(join(this.root, sub.spec.entry)).href)) as { handler: Handler<SQSEvent, SQSBatchResponse | void> }).handler;
    let lastError = '';
    for (let receive = 1; receive <= MAX_RECEIVE_COUNT; receive++) {
      const messageId = randomUUID();
      const sqsEvent: SQSEvent = {
        Records: [
          {
            messageId,
            receiptHandle: messageId,
            body: JSON.stringify(event),
            attributes: {
              ApproximateReceiveCount: String(receive),
              SentTimestamp: String(Date.now()),
              SenderId: 'local',
              ApproximateFirstReceiveTimestamp: String(Date.now()),
            },
            messageAttributes: {},
            md5OfBody: '',
            eventSource: 'aws:sqs',
            eventSourceARN: `arn:aws:sqs:local:000000000000:${sub.spec.id}`,
            awsRegion: 'local',
          },
        ],
      };
      try {
        const result = await sub.handler(sqsEvent, lambdaContext(sub.spec.id), () => undefined);
        if (!result || result.batchItemFailures.length === 0) return;
        lastError = 'reported as a batch item failure';
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
    }
    this.deadLetters.push({ subscription: sub.spec.id, event, error: lastError });
  }
}
