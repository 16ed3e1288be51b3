import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { type ScheduleCron, type ScheduleSpec, isValidCron } from '@channelbase/platform/wiring';
import { ChannelbaseFunction } from './function.ts';
import type { Observability } from './observability.ts';
import { DeadLetterQueue } from './queues.ts';

/** A scheduled job may run this long; a sweep that is not done by then saves its cursor and goes on at the next tick. */
export const JOB_TIMEOUT = Duration.minutes(5);

export interface ScheduledJobProps {
  context: string;
  spec: ScheduleSpec;
  /** The deployment's own time for a cron job (CDK context `schedules`), instead of the wiring's. */
  cron?: ScheduleCron;
  environment: Record<string, string>;
  logRetentionDays: number;
  observability: Observability;
}

/**
 * One scheduled job of a wiring (`schedules`): an EventBridge rule on the default bus with
 * `rate(<everyMinutes> minutes)`, or `cron(<minute> <hour> <day or *> * ? *)` (UTC), invoking the job's Lambda (asynchronously: Lambda retries a
 * failed run twice, and the next tick runs it again anyway), with a dead-letter queue for
 * invocations EventBridge could not deliver. Nothing stays open between runs.
 */
export class ScheduledJob extends Construct {
  readonly fn: ChannelbaseFunction;
  readonly rule: Rule;
  readonly undelivered: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    const { spec } = props;
    const cron = props.cron ?? spec.cron;
    if ((spec.everyMinutes === undefined) === (spec.cron === undefined)) throw new Error(`${props.context}.${spec.id}: give everyMinutes or cron, not both`);
    if (spec.everyMinutes !== undefined && (!Number.isInteger(spec.everyMinutes) || spec.everyMinutes < 1 || spec.everyMinutes > 1440)) {
      throw new Error(`${props.context}.${spec.id}: everyMinutes must be a whole number from 1 to 1440`);
    }
    if (cron && !isValidCron(cron)) throw new Error(`${props.context}.${spec.id}: cron needs a minute 0-59, an hour 0-23 and a day of the month 1-28 or null`);
    this.fn = new ChannelbaseFunction(this, 'Function', {
      entry: spec.entry,
      description: `${props.context} scheduled job ${spec.id}: ${spec.description}`.slice(0, 256),
      service: props.context,
      timeout: JOB_TIMEOUT,
      memorySize: 512,
      environment: props.environment,
      logRetentionDays: props.logRetentionDays,
      observability: props.observability,
    });
    const what = `${props.context}.${spec.id}`;
    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      observability: props.observability,
      deadLetterFor: `the schedule of ${what}: invocations EventBridge could not deliver`,
      redriveTarget: false,
    });
    this.rule = new Rule(this, 'Schedule', {
      description: cron
        ? `Runs ${what} at ${String(cron.hour).padStart(2, '0')}:${String(cron.minute).padStart(2, '0')} UTC ${cron.dayOfMonth === null ? 'every day' : `on day ${cron.dayOfMonth} of each month`}`
        : `Runs ${what} every ${spec.everyMinutes} minutes`,
      schedule: cron
        ? Schedule.cron({ minute: String(cron.minute), hour: String(cron.hour), ...(cron.dayOfMonth === null ? {} : { day: String(cron.dayOfMonth) }) })
        : Schedule.rate(Duration.minutes(spec.everyMinutes!)),
    });
    this.rule.addTarget(new LambdaFunction(this.fn.fn, { deadLetterQueue: this.undelivered.queue, retryAttempts: 2, maxEventAge: Duration.hours(1) }));
  }
}
