import type * as z from '@channelbase/core/kernel/zod';
import type { EventDefinition, Role } from '@channelbase/core';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodMiniType;
  /** Defaults to application/json. */
  contentType?: string;
  /** Further media types of the response, each a string: a page's script next to the page, or CSV beside a JSON schema (chosen by Accept). */
  otherContentTypes?: readonly string[];
  headers?: Record<string, string>;
}

/** One HTTP route: what it accepts, who may call it and what it answers. */
export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway path template, e.g. `/partners/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** `public` routes take no token; otherwise the roles that may call it. */
  auth: 'public' | readonly Role[];
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  /** POST routes honour `Idempotency-Key` unless this is false. */
  idempotent?: boolean;
  /** The route needs `If-Match`. */
  conditional?: boolean;
  /**
   * The largest body the route takes, in bytes (default MAX_BODY_BYTES, 64 KB); only for a bulk
   * route (`POST /leads/batch`: 500 leads), at most 1 MiB (API Gateway takes 10 MB, Lambda 6 MB).
   */
  maxBodyBytes?: number;
  /**
   * What the route does for a partner's users, which the partner's status governs: a suspended
   * partner's users may `read` but not `write`; a terminated partner's users may do neither.
   * Defaults to `read` for GET and `write` for every other method; declare `read` on a POST
   * that changes nothing (a check or a search).
   */
  partnerAccess?: 'read' | 'write';
  responses: Record<number, ResponseSpec>;
  /** Problem statuses the route may answer beyond the common ones. */
  problems?: number[];
  /**
   * Limits for a route open to the internet. `rateLimit` requests per second with `burstLimit`,
   * for the whole route: API Gateway route throttling in AWS, the same token bucket in the local
   * gateway. `perSourcePerMinute` requests per client address (an IPv6 address counts with its
   * /64) and calendar minute: the HTTP pipeline's counter in the table, the same in AWS and
   * locally (packages/platform/src/http/rate-limit.ts; HTTP APIs cannot attach WAF, see
   * docs/infrastructure.md). The route's function may then write `RATELIMIT#` counters.
   */
  throttle?: { rateLimit: number; burstLimit: number; perSourcePerMinute: number };
}

/**
 * How often a subscription's consumer may fail one event before it is dead-lettered: the SQS
 * redrive policy in AWS and the local bus both read this.
 */
export const MAX_RECEIVE_COUNT = 5;

/** An event subscription: an EventBridge rule → SQS queue → consumer in AWS; in-process routing locally. */
export interface SubscriptionSpec {
  id: string;
  description: string;
  /** Module (from the repository root) whose `handler` consumes an SQS batch of EventBridge events. */
  entry: string;
  pattern: { source: string[]; 'detail-type'?: string[] };
  /**
   * `false` when the consumer's effect publishes no event: its role then gets no outbox write
   * (docs/infrastructure.md, Least privilege per context). Defaults to true.
   */
  publishes?: boolean;
}

/**
 * A durable workflow: an event starts it, then it runs a step, waits until the time the step
 * returned, runs the next step, and so on until a step answers `done`. In AWS it is a Step
 * Functions Standard state machine (Invoke → Choice → Wait until `$.wakeAt` → Invoke …) that an
 * EventBridge rule starts; locally the same step handler runs from a durable timer store in
 * the table. Steps must be idempotent: each engine may run a step more than once.
 */
export interface WorkflowSpec {
  id: string;
  description: string;
  /** The event that starts one instance; the instance id is the workflow id plus the event id. */
  startedBy: { source: string; detailType: string };
  /** Module (from the repository root) whose `handler` runs one step (WorkflowStepInput → WorkflowStepResult). */
  entry: string;
  /**
   * The workflow may fan out (a state with `fanOut`, see WorkflowFanOut): in AWS its state machine
   * runs the branches in a Distributed Map, at most `maxConcurrency` at once.
   */
  fanOut?: { maxConcurrency: number };
}

/**
 * A scheduled job: its handler runs every `everyMinutes` minutes, whatever happened meanwhile.
 * In AWS an EventBridge schedule rule invokes its Lambda; locally the workflow engine runs it
 * when the stack's clock passes its next run. One run handles whatever is due (a sweep): it must
 * be idempotent and may stop early and leave the rest to the next run.
 */
export interface ScheduleSpec {
  id: string;
  description: string;
  /** Minutes between runs (1 … 1440); or `cron`, never both. */
  everyMinutes?: number;
  /** A time of day, or of a day of the month, in UTC (an EventBridge cron rule); a deployment may move it (CDK context `schedules`). */
  cron?: ScheduleCron;
  /** Module (from the repository root) whose `handler` runs once per tick (createScheduledJob). */
  entry: string;
}

/** When a cron schedule runs: minute and hour, UTC, every day or on one day of the month (1 … 28, so that every month has it). */
export interface ScheduleCron {
  minute: number;
  hour: number;
  dayOfMonth: number | null;
}

/** Whether a cron time is one a schedule can run at. */
export const isValidCron = (c: ScheduleCron): boolean =>
  Number.isInteger(c.minute) &&
  c.minute >= 0 &&
  c.minute <= 59 &&
  Number.isInteger(c.hour) &&
  c.hour >= 0 &&
  c.hour <= 23 &&
  (c.dayOfMonth === null || (Number.isInteger(c.dayOfMonth) && c.dayOfMonth >= 1 && c.dayOfMonth <= 28));

/** Where a workflow instance stands between steps: the next step to run and when. */
export interface WorkflowState {
  step: string;
  /** ISO-8601 UTC instant (`…Z`): the Step Functions Wait state's timestamp path. */
  wakeAt: string;
  [field: string]: unknown;
}

/**
 * A state that may fan out (only in a workflow whose spec declares `fanOut`). In AWS, a Distributed
 * Map runs each branch as a child execution of its own (the branch's steps until one answers
 * `{ done: true, output }`), then the workflow goes on with step `then`, given `carry` and the
 * branches' outputs in order (`outputs`). The local engine ignores `fanOut` and runs the state as
 * it is (its `step` at its `wakeAt`), so that state must do the branches' work one after the
 * other and reach `then` itself, with no `outputs`: the same steps, in sequence.
 */
export interface WorkflowFanOut {
  branches: WorkflowState[];
  then: string;
  carry: Record<string, unknown>;
}

/** What the state machine gives the step `then` after a fan-out; createWorkflowStep hands the step `{ ...carry, outputs }`. */
export interface WorkflowFanIn {
  step: string;
  wakeAt: string;
  carry: Record<string, unknown>;
  outputs: { output?: unknown }[];
}

/** A step's input: the starting bus event for the first step, then the state the previous step returned. */
export type WorkflowStepInput = { event: { id: string; source: string; 'detail-type': string; time: string; detail: unknown } } | WorkflowState;
export type WorkflowStepResult = { done: true; output?: unknown } | ({ done: false; fanOut?: WorkflowFanOut } & WorkflowState);

/**
 * The items a context owns, as IAM `dynamodb:LeadingKeys` patterns (`StringLike`: `*` matches
 * any characters): its functions' roles may touch only these partitions (plus the platform's
 * records they use), and no other context writes them except through the owner's public
 * module. docs/data-model.md lists the items; docs/infrastructure.md explains the policies.
 */
export interface DataOwnership {
  /** Partition keys of the context's items, e.g. `PARTNER#*` for `PARTNER#<id>`. */
  prefixes: readonly string[];
  /** Partition values the context's items write into the indexes (what a Query on a GSI names), e.g. `PARTNER`. */
  indexPartitions?: readonly string[];
}

/** An event type a context publishes, with the example data the event catalogue (events/) shows for it. */
export interface EventExample {
  event: EventDefinition;
  data: unknown;
}

/** Everything a bounded context runs, declared once; read by the CDK construct and the local runtime. */
export interface ContextWiring {
  name: string;
  description: string;
  /** The items the context owns; absent: none (its functions touch only what others grant them). */
  data?: DataOwnership;
  api?: { entry: string; routes: readonly RouteSpec[] };
  subscriptions: readonly SubscriptionSpec[];
  workflows?: readonly WorkflowSpec[];
  /** Jobs run on a schedule (sweeps over an index), rather than one workflow execution per subject. */
  schedules?: readonly ScheduleSpec[];
  /**
   * Every event type the context publishes, each with its catalogue example (the context's
   * `…EventExamples` in its domain); absent: none. functions/contexts.ts assembles the event
   * catalogue (events/, the event contracts) from these.
   */
  events?: readonly EventExample[];
}

/** Keeps literal operation ids so that implementations are checked against the routes. */
export const defineRoute = <const R extends RouteSpec>(route: R): R => route;
/**
 * Declare a wiring as `export const xWiring = /* @__PURE__ *\/ defineWiring({...})`: a Lambda
 * bundle that imports only the context's routes then drops the wiring and what it names (the
 * catalogue examples).
 */
export const defineWiring = <const W extends ContextWiring>(wiring: W): W => wiring;

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;

/** Whether a route reads or writes for partner principals (see `RouteSpec.partnerAccess`). */
export const partnerAccessOf = (r: Pick<RouteSpec, 'method' | 'partnerAccess'>): 'read' | 'write' => r.partnerAccess ?? (r.method === 'GET' ? 'read' : 'write');
