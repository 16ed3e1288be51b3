import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import * as z from 'zod';
import { DomainError } from '@channelbase/core';
import { logger, metrics, observed } from '../observability.ts';
import { type RouteSpec, routeKey } from '../wiring.ts';
import { type Principal, principalFromClaims } from './principal.ts';
import { HttpProblemError, type HttpResult, problem, zodProblems } from './problem.ts';
import { IDEMPOTENCY_KEY_PATTERN, runIdempotent } from './idempotency.ts';

/** Bodies above this size are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route implementation receives: validated input and the caller. */
export interface ApiRequest<R extends RouteSpec = RouteSpec> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  principal: R['auth'] extends 'public' ? Principal | undefined : Principal;
  headers: Record<string, string | undefined>;
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
}

export type RouteImplementations<Routes extends readonly RouteSpec[]> = {
  [R in Routes[number] as R['operationId']]: (request: ApiRequest<R>) => Promise<HttpResult>;
};

/**
 * The Lambda handler of one context's HTTP API: dispatches on the API Gateway route key,
 * authenticates and authorises per the route's declaration, validates input with its zod
 * schemas, runs POSTs idempotently, and maps every error to a problem response in one place.
 */
export function createApiHandler<Routes extends readonly RouteSpec[]>(routes: Routes, implementations: NoInfer<RouteImplementations<Routes>>) {
  const table = new Map<string, { route: RouteSpec; run: (r: ApiRequest) => Promise<HttpResult> }>();
  for (const route of routes) {
    const run = (implementations as Record<string, (r: ApiRequest) => Promise<HttpResult>>)[route.operationId];
    if (!run) throw new Error(`No implementation for ${route.operationId}`);
    table.set(routeKey(route), { route, run });
  }

  const dispatch = async (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context): Promise<HttpResult> => {
    const entry = table.get(event.routeKey);
    if (!entry) throw new HttpProblemError(404, 'not-found', `No route for ${event.routeKey}`);
    const { route, run } = entry;
    const principal = authenticate(route, event);
    const headers = event.headers ?? {};
    const params = validate(route.params, event.pathParameters ?? {}, 'path', 404);
    const query = validate(route.query, event.queryStringParameters ?? {}, 'query');
    const body = route.body ? validate(route.body, parseBody(event), 'body') : rejectBody(event);
    const request = { params, query, body, principal, headers, event } as ApiRequest;
    const idempotencyKey = headers['idempotency-key'];
    if (route.method === 'POST' && route.idempotent !== false && idempotencyKey !== undefined) {
      if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
        throw new HttpProblemError(400, 'validation-failed', 'Idempotency-Key must be 1 to 128 visible ASCII characters', [
          { path: 'header.idempotency-key', message: 'invalid format' },
        ]);
      }
      const key = `${routeKey(route)}#${principal?.sub ?? anonymousCaller(event)}#${idempotencyKey}`;
      return runIdempotent({ key, payload: { params, body } }, () => run(request), context);
    }
    return run(request);
  };

  return observed<APIGatewayProxyEventV2WithJWTAuthorizer, HttpResult>()
    .use({
      onError: (request) => {
        request.response = toProblem(request.error);
        countResponse(request.response.statusCode);
      },
      after: (request) => countResponse(request.response?.statusCode ?? 500),
    })
    .handler(dispatch);
}

/** One metric per outcome class, so dashboards and alarms need no log queries. */
function countResponse(status: number): void {
  metrics.addMetric('Requests', MetricUnit.Count, 1);
  metrics.addMetric(status >= 500 ? 'ServerErrors' : status >= 400 ? 'ClientErrors' : 'Successes', MetricUnit.Count, 1);
}

function authenticate(route: RouteSpec, event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal | undefined {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  if (route.auth === 'public') return claims ? principalFromClaims(claims) : undefined;
  const principal = claims ? principalFromClaims(claims) : undefined;
  if (!principal) throw new HttpProblemError(401, 'unauthorized', 'An access token is required', [], { 'www-authenticate': 'Bearer' });
  if (!principal.roles.some((r) => route.auth.includes(r))) {
    throw new HttpProblemError(403, 'forbidden', `This operation needs one of the roles: ${route.auth.join(', ')}`);
  }
  if (!principal.isVendor && !principal.partnerId) {
    throw new HttpProblemError(403, 'forbidden', 'A partner role needs a partner_id claim');
  }
  return principal;
}

/**
 * Whose keys an anonymous request's Idempotency-Key lives among: its source address, so that two
 * strangers who pick the same key neither collide nor read each other's stored response.
 */
const anonymousCaller = (event: APIGatewayProxyEventV2WithJWTAuthorizer): string => `anonymous@${event.requestContext?.http?.sourceIp ?? 'unknown'}`;

function validate<S extends z.ZodType | undefined>(schema: S, input: unknown, where: string, status = 400): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  if (status === 404) throw new HttpProblemError(404, 'not-found', 'No such resource', zodProblems(result.error, where));
  throw new HttpProblemError(400, 'validation-failed', `The request ${where} is not valid`, zodProblems(result.error, where));
}

function rawBody(event: APIGatewayProxyEventV2WithJWTAuthorizer): string | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new HttpProblemError(413, 'body-too-large', `The request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  return text;
}

/** In a `u` regex a valid pair is one code point; only an unpaired surrogate is category Cs. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

function parseBody(event: APIGatewayProxyEventV2WithJWTAuthorizer): unknown {
  const text = rawBody(event);
  if (text === undefined) return {};
  const type = event.headers?.['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new HttpProblemError(415, 'unsupported-media-type', 'Send the body as application/json');
  }
  try {
    return JSON.parse(text, (k, v: unknown) => {
      // Prototype keys are never legitimate input; refusing them keeps them out of every merge.
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw new TypeError(`forbidden key ${k}`);
      // Unpaired surrogates are not Unicode text (RFC 7493): they cannot be stored or exported as UTF-8.
      if (UNPAIRED_SURROGATE.test(k) || (typeof v === 'string' && UNPAIRED_SURROGATE.test(v)))
        throw new TypeError(`forbidden text: unpaired surrogate${k ? ` in ${k}` : ''}`);
      return v;
    });
  } catch (err) {
    const forbidden = err instanceof TypeError && err.message.startsWith('forbidden ');
    const detail = !forbidden
      ? 'The body is not valid JSON'
      : err.message.startsWith('forbidden key')
        ? 'The body holds a forbidden key'
        : 'The body holds text that is not valid Unicode';
    throw new HttpProblemError(400, forbidden ? 'validation-failed' : 'malformed-json', detail, [
      { path: 'body', message: err instanceof Error ? err.message : 'invalid JSON' },
    ]);
  }
}

function rejectBody(event: APIGatewayProxyEventV2WithJWTAuthorizer): undefined {
  if (rawBody(event) !== undefined)
    throw new HttpProblemError(400, 'validation-failed', 'This operation takes no body', [{ path: 'body', message: 'must be empty' }]);
  return undefined;
}

/** The single place where errors become HTTP answers. */
export function toProblem(error: unknown): HttpResult {
  if (error instanceof HttpProblemError) return problem(error.status, error.type, error.message, error.errors, error.headers);
  if (error instanceof DomainError) return problem(error.status, error.type, error.message, error.errors);
  if (error instanceof IdempotencyValidationError) {
    return problem(422, 'idempotency-key-reused', 'This Idempotency-Key was used with a different request');
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return problem(409, 'request-in-progress', 'A request with this Idempotency-Key is still in progress', [], { 'retry-after': '1' });
  }
  if (error instanceof z.ZodError) return problem(400, 'validation-failed', 'The request is not valid', zodProblems(error));
  logger.error('Unhandled error', error as Error);
  return problem(500, 'internal-error', 'An unexpected error occurred');
}
