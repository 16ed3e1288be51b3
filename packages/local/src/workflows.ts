import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConditionalCheckFailedException, type DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Handler } from 'aws-lambda';
import * as z from '@channelbase/core/kernel/zod';
import type { Clock } from '@channelbase/core';
import {
  type ContextWiring,
  MAX_RECEIVE_COUNT,
  type ScheduleSpec,
  type WorkflowSpec,
  type WorkflowState,
  type WorkflowStepInput,
  type WorkflowStepResult,
  logger,
} from '@channelbase/platform';
import type { LocalBus, LocalBusEvent } from './bus.ts';
import { lambdaContext } from './lambda-context.ts';

/** The gsi1 partition of every pending timer; its sort key is `<wakeAt>#<instance>`. */
export const TIMER_INDEX_PK = 'TIMER';
/** Completion markers outlive any redelivery of the starting event. */
const DONE_RETENTION_SECONDS = 30 * 24 * 3600;
/** A step that keeps answering an instant already due would otherwise loop forever. */
const MAX_ROUNDS = 100;

/** The pending timer of one running instance (pk `WORKFLOW#<instance>`, sk `TIMER`). */
export interface WorkflowTimerItem {
  pk: string;
  sk: 'TIMER';
  kind: 'workflow-timer';
  workflow: string;
  instance: string;
  state: WorkflowState;
  /** ISO-8601 UTC with milliseconds, so that it sorts as a string. */
  wakeAt: string;
  version: number;
  gsi1pk: typeof TIMER_INDEX_PK;
  gsi1sk: string;
  /** Failed runs of the current step. */
  attempts?: number;
  lastError?: string;
}

/** What is left of an ended instance (pk `WORKFLOW#<instance>`, sk `DONE`): a redelivered start is ignored. */
export interface WorkflowDoneItem {
  pk: string;
  sk: 'DONE';
  kind: 'workflow-done';
  workflow: string;
  instance: string;
  outcome: 'succeeded' | 'failed';
  endedAt: string;
  ttl: number;
}

type StepHandler = Handler<WorkflowStepInput, WorkflowStepResult>;
type JobHandler = Handler<unknown, { more?: boolean }>;
/** A scheduled job runs at most this many times in a row while it says it has more to do. */
const MAX_JOB_CONTINUATIONS = 20;
/** How long a scheduled job's Lambda may run in AWS (infra/constructs/schedule.ts): its time budget here too. */
const JOB_TIMEOUT_MS = 5 * 60_000;

const resultSchema = z.union([
  z.looseObject({ done: z.literal(true) }),
  z.looseObject({ done: z.literal(false), step: z.string().check(z.minLength(1)), wakeAt: z.iso.datetime({ offset: true }) }),
]);

export const workflowPk = (instance: string): string => `WORKFLOW#${instance}`;

/** A schedule's next tick after `now`: on the grid of its interval (every hour on the hour), as a rate rule ticks evenly. */
export const nextTick = (spec: Pick<ScheduleSpec, 'everyMinutes' | 'cron'>, now: number): number => {
  if (spec.cron) return nextCronTick(spec.cron, now);
  const interval = spec.everyMinutes! * 60_000;
  return Math.floor(now / interval) * interval + interval;
};

/** A cron schedule's next run after `now`: the first day (from today, UTC) whose date matches, at the hour and minute. */
export function nextCronTick(cron: NonNullable<ScheduleSpec['cron']>, now: number): number {
  const today = new Date(now);
  for (let day = 0; day <= 31; day++) {
    const at = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + day, cron.hour, cron.minute);
    if (at > now && (cron.dayOfMonth === null || new Date(at).getUTCDate() === cron.dayOfMonth)) return at;
  }
  throw new Error(`no run of the schedule ${JSON.stringify(cron)} within a month`);
}

/** `<workflowId>#<eventId>`: one instance per starting event, as the Step Functions execution name. */
export function instanceOf(spec: WorkflowSpec, event: LocalBusEvent): string {
  const { eventId } = event.detail;
  if (typeof eventId !== 'string' || !eventId) throw new Error(`${spec.id}: the starting event has no detail.eventId`);
  return `${spec.id}#${eventId}`;
}

const isConditionFailure = (err: unknown): boolean =>
  err instanceof ConditionalCheckFailedException ||
  (err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The local stand-in for Step Functions and EventBridge schedules: runs each wired scheduled job
 * when the stack's clock passes its next run, and starts an instance of each wired workflow when its
 * starting event is published on the local bus, and keeps every wait as a timer item in the
 * table, so a timer survives a restart. `runDue()` runs the steps whose time has come (by the
 * stack's clock) and records each outcome with a conditional write on the timer's version.
 * A step runs at least once; it runs twice only if the process dies between the step and that
 * write (steps must be idempotent, as in AWS).
 * @example stack.clock.advance({ days: 3 }); await stack.workflows.runDue();
 */
export class LocalWorkflows {
  private readonly specs = new Map<string, WorkflowSpec>();
  private readonly handlers = new Map<string, Promise<StepHandler>>();
  /** Scheduled jobs and when each runs next (by the stack's clock; in memory: a restart runs each one interval later). */
  private readonly jobs = new Map<string, { spec: ScheduleSpec; nextRunAt: number; handler?: Promise<JobHandler> }>();
  private readonly db: DynamoDBDocumentClient;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly options: { wirings: readonly ContextWiring[]; root: string; clock: Clock; dynamo: DynamoDBClient; tableName: string; bus: LocalBus },
  ) {
    this.db = DynamoDBDocumentClient.from(options.dynamo, { marshallOptions: { removeUndefinedValues: true } });
    for (const spec of options.wirings.flatMap((w) => w.schedules ?? [])) {
      if (this.jobs.has(spec.id)) throw new Error(`Two scheduled jobs are called ${spec.id}`);
      this.jobs.set(spec.id, { spec, nextRunAt: nextTick(spec, options.clock.now().getTime()) });
    }
    for (const spec of options.wirings.flatMap((w) => w.workflows ?? [])) {
      if (this.specs.has(spec.id)) throw new Error(`Two workflows are called ${spec.id}`);
      this.specs.set(spec.id, spec);
      options.bus.addTarget({
        pattern: { source: [spec.startedBy.source], 'detail-type': [spec.startedBy.detailType] },
        invoke: (event) => this.start(spec, event),
        deadLetter: (event, error) => ({ workflow: spec.id, instance: `${spec.id}#${String(event.detail.eventId)}`, event, error }),
      });
    }
  }

  /**
   * Starts the instance of this event unless it exists or existed: runs the first step and
   * stores its timer, or the completion marker if it ended at once. Throws to be retried.
   */
  async start(spec: WorkflowSpec, event: LocalBusEvent): Promise<void> {
    const instance = instanceOf(spec, event);
    const pk = workflowPk(instance);
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        Limit: 1,
        ProjectionExpression: 'sk',
      }),
    );
    if (Items.length > 0) return;
    const result = await this.invoke(spec, { event });
    const [write, other] = result.done ? [this.doneItem(spec, instance, 'succeeded'), 'TIMER'] : [this.timerItem(spec, instance, result, 1), 'DONE'];
    try {
      await this.transact([
        { Put: { TableName: this.options.tableName, Item: write, ConditionExpression: 'attribute_not_exists(pk)' } },
        { ConditionCheck: { TableName: this.options.tableName, Key: { pk, sk: other }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ]);
    } catch (err) {
      // A concurrent start of the same instance won.
      if (!isConditionFailure(err)) throw err;
    }
  }

  /**
   * Runs every step that is due by the clock, again until none is (a step may answer an instant
   * already past). A failing step keeps its timer and is retried by the next call; after
   * MAX_RECEIVE_COUNT failures the instance ends and lands in the bus's dead letters.
   * Calls run one after another. Returns how many steps ran successfully.
   */
  runDue(): Promise<number> {
    const run = this.running.then(() => (this.stopped ? 0 : this.fireDue()));
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Waits for a run in progress; later calls of `runDue` do nothing. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /**
   * Runs each scheduled job whose time has come, once (a job handles everything due, however
   * long the clock jumped), again at once while it says it has more. A failing job is logged and
   * tried again by the next call, as the schedule's next tick would.
   */
  private async runJobs(): Promise<number> {
    let ran = 0;
    const now = this.options.clock.now().getTime();
    for (const job of this.jobs.values()) {
      if (job.nextRunAt > now) continue;
      job.handler ??= import(pathToFileURL(join(this.options.root, job.spec.entry)).href).then((m: { handler: JobHandler }) => m.handler);
      try {
        for (let run = 0; run < MAX_JOB_CONTINUATIONS; run++) {
          const result = await (await job.handler)({}, lambdaContext(job.spec.id, JOB_TIMEOUT_MS), () => undefined);
          ran++;
          if (!result?.more) break;
        }
        job.nextRunAt = nextTick(job.spec, now);
      } catch (err) {
        logger.warn('workflows: a scheduled job failed; it runs again next time', {
          job: job.spec.id,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    return ran;
  }

  private async fireDue(): Promise<number> {
    const tried = new Set<string>();
    let ran = await this.runJobs();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = (await this.dueTimers()).filter((pk) => !tried.has(pk));
      if (due.length === 0) return ran;
      for (const pk of due) {
        if (await this.fire(pk)) ran++;
        else tried.add(pk);
      }
    }
    logger.warn('workflows: still due after many rounds; a step keeps answering an instant already past', { rounds: MAX_ROUNDS });
    return ran;
  }

  /** The keys of due timers, from the index (never a Scan); the base items are re-read before use. */
  private async dueTimers(): Promise<string[]> {
    const keys: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.options.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :timer AND gsi1sk <= :now',
          ExpressionAttributeValues: { ':timer': TIMER_INDEX_PK, ':now': `${this.options.clock.now().toISOString()}~` },
          ProjectionExpression: 'pk',
          ExclusiveStartKey: start,
        }),
      );
      keys.push(...(page.Items ?? []).map((i) => i.pk as string));
      start = page.LastEvaluatedKey;
    } while (start);
    return keys;
  }

  /** Runs one due step and records its outcome; false if nothing ran (not due, gone, taken, or failed). */
  private async fire(pk: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.options.tableName, Key: { pk, sk: 'TIMER' }, ConsistentRead: true }));
    const timer = Item as WorkflowTimerItem | undefined;
    if (!timer || timer.wakeAt > this.options.clock.now().toISOString()) return false;
    const spec = this.specs.get(timer.workflow);
    if (!spec) {
      logger.warn('workflows: a timer of a workflow that is not wired; left alone', { instance: timer.instance });
      return false;
    }
    let result: WorkflowStepResult;
    try {
      result = await this.invoke(spec, timer.state);
    } catch (err) {
      await this.failed(spec, timer, err instanceof Error ? err.message : String(err));
      return false;
    }
    const sameVersion = { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': timer.version } };
    try {
      if (result.done) await this.end(spec, timer, 'succeeded');
      else
        await this.db.send(
          new PutCommand({ TableName: this.options.tableName, Item: this.timerItem(spec, timer.instance, result, timer.version + 1), ...sameVersion }),
        );
      return true;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      logger.warn('workflows: the timer changed while its step ran; the other outcome stands', { instance: timer.instance });
      return false;
    }
  }

  /** Counts a failed run of the step; the last allowed failure ends the instance as failed. */
  private async failed(spec: WorkflowSpec, timer: WorkflowTimerItem, error: string): Promise<void> {
    const attempts = (timer.attempts ?? 0) + 1;
    logger.warn('workflows: a step failed; it will be retried', { instance: timer.instance, step: timer.state.step, attempts, error });
    try {
      if (attempts >= MAX_RECEIVE_COUNT) {
        await this.end(spec, timer, 'failed');
        this.options.bus.deadLetters.push({ workflow: spec.id, instance: timer.instance, state: timer.state, error });
        return;
      }
      await this.db.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { pk: timer.pk, sk: 'TIMER' },
          UpdateExpression: 'SET attempts = :a, lastError = :e',
          ConditionExpression: '#v = :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':a': attempts, ':e': error.slice(0, 1000), ':v': timer.version },
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }

  /** Deletes the timer (if still at the version read) and leaves the completion marker, in one transaction. */
  private end(spec: WorkflowSpec, timer: WorkflowTimerItem, outcome: WorkflowDoneItem['outcome']): Promise<void> {
    return this.transact([
      {
        Delete: {
          TableName: this.options.tableName,
          Key: { pk: timer.pk, sk: 'TIMER' },
          ConditionExpression: '#v = :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':v': timer.version },
        },
      },
      { Put: { TableName: this.options.tableName, Item: this.doneItem(spec, timer.instance, outcome) } },
    ]);
  }

  private async transact(items: TransactItem[]): Promise<void> {
    await this.db.send(new TransactWriteCommand({ TransactItems: items }));
  }

  /** Invokes the workflow's handler as Step Functions would, and checks what it answered. */
  private async invoke(spec: WorkflowSpec, input: WorkflowStepInput): Promise<WorkflowStepResult> {
    let loading = this.handlers.get(spec.id);
    if (!loading) {
      loading = import(pathToFileURL(join(this.options.root, spec.entry)).href).then((m: { handler: StepHandler }) => m.handler);
      this.handlers.set(spec.id, loading);
    }
    const handler = await loading;
    const answer: unknown = await handler(input, lambdaContext(spec.id), () => undefined);
    const parsed = resultSchema.safeParse(answer);
    if (!parsed.success) throw new Error(`${spec.id}: the step answered neither { done: true } nor a state with step and wakeAt: ${parsed.error.message}`);
    return parsed.data as WorkflowStepResult;
  }

  private timerItem(spec: WorkflowSpec, instance: string, result: WorkflowState & { done: false }, version: number): WorkflowTimerItem {
    const { done: _done, ...state } = result;
    const wakeAt = new Date(state.wakeAt).toISOString();
    return {
      pk: workflowPk(instance),
      sk: 'TIMER',
      kind: 'workflow-timer',
      workflow: spec.id,
      instance,
      state,
      wakeAt,
      version,
      gsi1pk: TIMER_INDEX_PK,
      gsi1sk: `${wakeAt}#${instance}`,
    };
  }

  private doneItem(spec: WorkflowSpec, instance: string, outcome: WorkflowDoneItem['outcome']): WorkflowDoneItem {
    const now = this.options.clock.now();
    return {
      pk: workflowPk(instance),
      sk: 'DONE',
      kind: 'workflow-done',
      workflow: spec.id,
      instance,
      outcome,
      endedAt: now.toISOString(),
      ttl: Math.floor(now.getTime() / 1000) + DONE_RETENTION_SECONDS,
    };
  }
}
