import { Duration, Validations } from 'aws-cdk-lib';
import { HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { BundleAssets } from '../bundling.ts';
import { Construct } from 'constructs';
import { type FunctionPart, ownedKeys, platformRecordsOf } from '@channelbase/platform/table/access';
import { type ContextWiring, routeKey } from '@channelbase/platform/wiring';
import type { StackConfig } from '../config.ts';
import type { Api } from './api.ts';
import type { Auth } from './auth.ts';
import type { Bus } from './bus.ts';
import { ChannelbaseFunction } from './function.ts';
import type { Observability } from './observability.ts';
import { Subscription } from './subscription.ts';
import type { ChannelbaseTable } from './table.ts';
import { ScheduledJob } from './schedule.ts';
import { Workflow } from './workflow.ts';

/** What every context builds on: the shared constructs of the stack. */
export interface SharedResources {
  config: StackConfig;
  table: ChannelbaseTable;
  bus: Bus;
  api: Api;
  auth: Auth;
  observability: Observability;
  /** TABLE_NAME, EVENT_BUS_NAME and STAGE: what packages/platform/src/runtime.ts reads. */
  environment: Record<string, string>;
  /** The environment plus CURSOR_KEY, for the API functions that sign list cursors. */
  apiEnvironment: Record<string, string>;
  /** Every context's wiring: whose items a cross-context grant (`usesDataOf`) names. */
  wirings: readonly ContextWiring[];
}

/** How much of another context's items a function may touch. */
export type DataAccess = 'read' | 'write';

/** A declared cross-context grant: which of this context's functions use which other context's items, and why. */
export interface DataUse {
  context: string;
  access: DataAccess;
  reason: string;
  /** Part names, as in `ContextConstruct.functions`. */
  parts: readonly string[];
}

/** The name of a function of a context: `api`, `subscription:<id>`, `workflow:<id>` or `schedule:<id>`. */
export const partName = (part: FunctionPart): string => (part.kind === 'api' ? 'api' : `${part.kind}:${part.spec.id}`);

export interface ContextConstructProps {
  /** The context's wiring, as listed in functions/contexts.ts. */
  wiring: ContextWiring;
  shared: SharedResources;
  /** Files the context's API function reads from beside its bundle (the name in the asset → the file). */
  apiAssets?: BundleAssets;
}

/** API Gateway HTTP APIs give an integration at most 30 seconds; ours answer well within 10. */
export const API_FUNCTION_TIMEOUT = Duration.seconds(10);

/**
 * A bounded context in AWS, built from its wiring alone: one Lambda for its API with one
 * HTTP API route per declared route (public ones without the authorizer), one subscription
 * (rule → queue → consumer) per declared subscription, one workflow (rule → Step
 * Functions state machine → step Lambda) per declared workflow, and one scheduled job (schedule
 * rule → Lambda) per declared schedule.
 */
export class ContextConstruct extends Construct {
  readonly wiring: ContextWiring;
  readonly apiFunction?: ChannelbaseFunction;
  readonly routes: HttpRoute[] = [];
  readonly subscriptions = new Map<string, Subscription>();
  readonly workflows = new Map<string, Workflow>();
  readonly schedules = new Map<string, ScheduledJob>();
  /** Every function of the context by part name (`api`, `subscription:<id>`, `workflow:<id>`), with what it runs. */
  readonly functions = new Map<string, { fn: ChannelbaseFunction; part: FunctionPart }>();
  /** The cross-context grants this context declared (usesDataOf). */
  readonly dataUses: DataUse[] = [];
  private readonly shared: SharedResources;

  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id);
    const { wiring, shared } = props;
    this.wiring = wiring;
    this.shared = shared;

    if (wiring.api) {
      const fn = new ChannelbaseFunction(this, 'ApiFunction', {
        entry: wiring.api.entry,
        description: `${wiring.name} API: ${wiring.description}`.slice(0, 256),
        service: wiring.name,
        timeout: API_FUNCTION_TIMEOUT,
        memorySize: 1024,
        environment: shared.apiEnvironment,
        logRetentionDays: shared.config.logRetentionDays,
        observability: shared.observability,
        ...(props.apiAssets ? { assets: props.apiAssets } : {}),
      });
      this.apiFunction = fn;
      this.functions.set('api', { fn, part: { kind: 'api', routes: wiring.api.routes } });
      // The HTTP pipeline reads the partner's and the caller's status on every partner request.
      shared.table.grantStatusGateRead(fn.fn);
      // One invoke permission for the API rather than one per route.
      const integration = new HttpLambdaIntegration(`${id}Integration`, fn.fn, { scopePermissionToRoute: false });
      for (const route of wiring.api.routes) {
        const key = routeKey(route);
        const isPublic = route.auth === 'public';
        const httpRoute = new HttpRoute(this, `Route ${key}`, {
          httpApi: shared.api.httpApi,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration,
          ...(isPublic ? {} : { authorizer: shared.api.authorizer }),
        });
        if (isPublic) {
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${key} is public by design (declared auth: 'public' in the ${wiring.name} wiring): ${route.summary}.`,
          });
        }
        if (route.throttle) shared.api.throttleRoute(key, route.throttle, httpRoute);
        this.routes.push(httpRoute);
      }
    }

    // What every event-driven part of the context (subscription, workflow) runs with.
    const eventDriven = {
      context: wiring.name,
      eventBus: shared.bus.eventBus,
      environment: shared.environment,
      logRetentionDays: shared.config.logRetentionDays,
      observability: shared.observability,
    };
    for (const spec of wiring.subscriptions) {
      const subscription = new Subscription(this, `Subscription ${spec.id}`, { ...eventDriven, spec, concurrency: shared.config.consumerConcurrency });
      this.subscriptions.set(spec.id, subscription);
      this.functions.set(`subscription:${spec.id}`, { fn: subscription.consumer, part: { kind: 'subscription', spec } });
    }

    for (const spec of wiring.workflows ?? []) {
      const workflow = new Workflow(this, `Workflow ${spec.id}`, { ...eventDriven, spec });
      this.workflows.set(spec.id, workflow);
      this.functions.set(`workflow:${spec.id}`, { fn: workflow.step, part: { kind: 'workflow', spec } });
    }

    for (const spec of wiring.schedules ?? []) {
      const cron = shared.config.schedules[`${wiring.name}.${spec.id}`];
      const job = new ScheduledJob(this, `Schedule ${spec.id}`, {
        context: wiring.name,
        spec,
        ...(cron ? { cron } : {}),
        environment: shared.environment,
        logRetentionDays: shared.config.logRetentionDays,
        observability: shared.observability,
      });
      this.schedules.set(spec.id, job);
      this.functions.set(`schedule:${spec.id}`, { fn: job.fn, part: { kind: 'schedule', spec } });
    }

    // Least privilege: each function touches the context's own partitions and the platform
    // records it uses; anything else is a declared usesDataOf (docs/infrastructure.md).
    for (const { fn, part } of this.functions.values()) {
      shared.table.grantItems(fn.fn, { sid: 'OwnItems', access: 'write', keys: ownedKeys(wiring) });
      shared.table.grantPlatformRecords(fn.fn, platformRecordsOf(part));
    }
  }

  /**
   * Lets some of this context's functions (`parts`: `api`, `subscription:<id>`,
   * `workflow:<id>`, `schedule:<id>`) touch another context's items, with the reason, in one line. Use it only
   * where a function commits or reads what the other context's public module gives it.
   */
  usesDataOf(context: string, access: DataAccess, reason: string, parts: readonly string[]): void {
    const owner = this.shared.wirings.find((w) => w.name === context);
    if (!owner || context === this.wiring.name) throw new Error(`${this.wiring.name}: usesDataOf names no other context "${context}"`);
    if (!ownedKeys(owner).length) throw new Error(`${this.wiring.name}: the ${context} wiring declares no data`);
    if (reason.trim().length < 20) throw new Error(`${this.wiring.name}: usesDataOf('${context}') needs a reason`);
    if (!parts.length) throw new Error(`${this.wiring.name}: usesDataOf('${context}') names no function`);
    const sid = `ItemsOf${context.replace(/(^|[-_])(\w)/g, (_m, _sep, c: string) => c.toUpperCase())}`;
    for (const name of parts) {
      const entry = this.functions.get(name);
      if (!entry) throw new Error(`${this.wiring.name} has no function "${name}" (known: ${[...this.functions.keys()].join(', ')})`);
      if (this.dataUses.some((u) => u.context === context && u.parts.includes(name)))
        throw new Error(`${this.wiring.name}: ${name} already uses ${context}'s data`);
      this.shared.table.grantItems(entry.fn.fn, { sid, access, keys: ownedKeys(owner) });
    }
    this.dataUses.push({ context, access, reason, parts: [...parts] });
  }

  /** The consumer of one of this context's subscriptions; fails synth if the wiring has no such subscription. */
  consumer(subscriptionId: string): ChannelbaseFunction {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) throw new Error(`The ${this.wiring.name} wiring declares no subscription "${subscriptionId}"`);
    return subscription.consumer;
  }

  /** One of this context's workflows; fails synth if the wiring has no such workflow. */
  workflow(workflowId: string): Workflow {
    const workflow = this.workflows.get(workflowId);
    if (!workflow) throw new Error(`The ${this.wiring.name} wiring declares no workflow "${workflowId}"`);
    return workflow;
  }
}
