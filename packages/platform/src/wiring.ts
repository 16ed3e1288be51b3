import type { z } from 'zod';
import type { Role } from '@channelbase/core';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
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
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** POST routes honour `Idempotency-Key` unless this is false. */
  idempotent?: boolean;
  /** The route needs `If-Match`. */
  conditional?: boolean;
  responses: Record<number, ResponseSpec>;
  /** Problem statuses the route may answer beyond the common ones. */
  problems?: number[];
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
}

/** Everything a bounded context runs, declared once; read by the CDK construct and the local runtime. */
export interface ContextWiring {
  name: string;
  description: string;
  api?: { entry: string; routes: readonly RouteSpec[] };
  subscriptions: readonly SubscriptionSpec[];
}

/** Keeps literal operation ids so that implementations are checked against the routes. */
export const defineRoute = <const R extends RouteSpec>(route: R): R => route;
export const defineWiring = <const W extends ContextWiring>(wiring: W): W => wiring;

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;
