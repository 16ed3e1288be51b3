import { Duration, Validations } from 'aws-cdk-lib';
import { HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { type ContextWiring, routeKey } from '@channelbase/platform/wiring';
import type { StackConfig } from '../config.ts';
import type { Api } from './api.ts';
import type { Auth } from './auth.ts';
import type { Bus } from './bus.ts';
import { ChannelbaseFunction } from './function.ts';
import type { Observability } from './observability.ts';
import { Subscription } from './subscription.ts';
import type { ChannelbaseTable } from './table.ts';
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
}

export interface ContextConstructProps {
  /** The context's wiring, as listed in functions/contexts.ts. */
  wiring: ContextWiring;
  shared: SharedResources;
  /** Extra bundling steps for the context's API function (files it needs beside its bundle). */
  apiCommandHooks?: ICommandHooks;
}

/** API Gateway HTTP APIs give an integration at most 30 seconds; ours answer well within 10. */
export const API_FUNCTION_TIMEOUT = Duration.seconds(10);

/**
 * A bounded context in AWS, built from its wiring alone: one Lambda for its API with one
 * HTTP API route per declared route (public ones without the authorizer), one subscription
 * (rule → queue → consumer) per declared subscription, and one workflow (rule → Step
 * Functions state machine → step Lambda) per declared workflow.
 */
export class ContextConstruct extends Construct {
  readonly wiring: ContextWiring;
  readonly apiFunction?: ChannelbaseFunction;
  readonly routes: HttpRoute[] = [];
  readonly subscriptions = new Map<string, Subscription>();
  readonly workflows = new Map<string, Workflow>();

  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id);
    const { wiring, shared } = props;
    this.wiring = wiring;

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
        ...(props.apiCommandHooks ? { commandHooks: props.apiCommandHooks } : {}),
      });
      shared.table.grantData(fn.fn);
      this.apiFunction = fn;
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
      table: shared.table,
      environment: shared.environment,
      logRetentionDays: shared.config.logRetentionDays,
      observability: shared.observability,
    };
    for (const spec of wiring.subscriptions) {
      this.subscriptions.set(spec.id, new Subscription(this, `Subscription ${spec.id}`, { ...eventDriven, spec }));
    }

    for (const spec of wiring.workflows ?? []) {
      this.workflows.set(spec.id, new Workflow(this, `Workflow ${spec.id}`, { ...eventDriven, spec }));
    }
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
