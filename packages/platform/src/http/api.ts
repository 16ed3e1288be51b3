import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import * as z from '@channelbase/core/kernel/zod';
import { DomainError } from '@channelbase/core';
import { logger, metrics, observed } from '../observability.ts';
import { type RouteSpec, partnerAccessOf, routeKey } from '../wiring.ts';
import { type Principal, inconsistentClaims, principalFromClaims } from './principal.ts';
import { HttpProblemError, type HttpResult, problem, zodProblems } from './problem.ts';
import { IDEMPOTENCY_KEY_PATTERN, runIdempotent } from './idempotency.ts';
import { admitSource } from './rate-limit.ts';
import { runtimeClock } from '../runtime.ts';

/** Bodies above this size are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/** What a route implementation receives: validated input and the caller. */
export interface ApiRequest<R extends RouteSpec = RouteSpec> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  principal: R['auth'] extends 'public' ? Principal | undefined : Principal;
  headers: Record<string, string | undefined>;
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** What the status gate needs to know of a partner principal: its partner's status and its own user record. */
export interface PartnerAccess {
  /** Undefined when no such partner exists. */
  partnerStatus: string | undefined;
  /** The calling user's record, when the token names a user (`username` usr_…); undefined if there is none. */
  user?: { status: string; sessionsRevokedAt: string | null };
}

/** Reads a partner principal's access facts; the partners context owns them (functions/partners/index.ts). */
export type PartnerAccessReader = (partnerId: string, userId?: string) => Promise<PartnerAccess>;

export interface ApiHandlerOptions {
  /**
   * The partner status gate, run for every partner principal on every route before any input is
   * read: a suspended partner's users may only call routes that read, a terminated partner's users
   * none; a disabled user's tokens, and tokens issued before a user's sessions were revoked, are refused.
   */
  partnerAccess: PartnerAccessReader;
}

export type RouteImplementations<Routes extends readonly RouteSpec[]> = {
  [R in Routes[number] as R['operationId']]: (request: ApiRequest<R>) => Promise<HttpResult>;
};

/**
 * The Lambda handler of one context's HTTP API: dispatches on the API Gateway route key,
 * authenticates and authorises per the route's declaration, validates input with its zod
 * schemas, runs POSTs idempotently, and maps every error to a problem response in one place.
 */
export function createApiHandler<Routes extends readonly RouteSpec[]>(
  routes: Routes,
  implementations: NoInfer<RouteImplementations<Routes>>,
  options: ApiHandlerOptions,
) {
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
    if (principal && route.auth !== 'public' && !principal.isVendor) await enforcePartnerStatus(route, principal, options.partnerAccess);
    const headers = event.headers ?? {};
    const params = validate(route.params, event.pathParameters ?? {}, 'path', 404);
    const query = validate(route.query, event.queryStringParameters ?? {}, 'query');
    const body = route.body ? validate(route.body, parseBody(event, route.maxBodyBytes), 'body') : rejectBody(route, event);
    const request = { params, query, body, principal, headers, event } as ApiRequest;
    // After validation, so that bad input writes nothing, not even a counter (it does nothing either).
    if (route.throttle) await admitSource(route, event.requestContext?.http?.sourceIp, runtimeClock);
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
  // A token that is neither a vendor's nor a partner's is no credential for this API (RFC 6750 invalid_token).
  const inconsistent = inconsistentClaims(principal);
  if (inconsistent) throw new HttpProblemError(401, 'invalid-token', inconsistent, [], { 'www-authenticate': 'Bearer error="invalid_token"' });
  if (!principal.roles.some((r) => route.auth.includes(r))) {
    throw new HttpProblemError(403, 'forbidden', `This operation needs one of the roles: ${route.auth.join(', ')}`);
  }
  return principal;
}

const revoked = (detail: string) => new HttpProblemError(401, 'token-revoked', detail, [], { 'www-authenticate': 'Bearer error="invalid_token"' });

/**
 * The partner status gate: a partner's status governs what its users may do, on every route of
 * every context. Terminated: nothing (403). Suspended: routes that read only (403 on a write).
 * The user's own record then decides whether this token still counts: a disabled user, or a token
 * issued before the user's sessions were revoked (disabled, or a role taken away), is 401.
 */
async function enforcePartnerStatus(route: RouteSpec, principal: Principal, read: PartnerAccessReader): Promise<void> {
  const access = await read(principal.partnerId!, principal.userId);
  const status = access.partnerStatus;
  if (status === undefined) throw new HttpProblemError(403, 'partner-unknown', 'The partner of this token does not exist');
  if (status === 'terminated') throw new HttpProblemError(403, 'partner-terminated', 'The partner is terminated: its users have no access');
  if (status === 'suspended' && partnerAccessOf(route) === 'write') {
    throw new HttpProblemError(403, 'partner-suspended', 'The partner is suspended: its users can read but not change anything until it is reactivated');
  }
  if (!principal.userId) return;
  if (!access.user) throw revoked('The user of this token does not exist');
  if (access.user.status !== 'active') throw revoked('The user of this token is disabled');
  const revokedAt = access.user.sessionsRevokedAt ? Math.floor(Date.parse(access.user.sessionsRevokedAt) / 1000) : undefined;
  if (revokedAt !== undefined && (principal.issuedAt ?? 0) <= revokedAt) throw revoked('This token was issued before the user was signed out; sign in again');
}

/**
 * Whose keys an anonymous request's Idempotency-Key lives among: its source address, so that two
 * strangers who pick the same key neither collide nor read each other's stored response.
 */
const anonymousCaller = (event: APIGatewayProxyEventV2WithJWTAuthorizer): string => `anonymous@${event.requestContext?.http?.sourceIp ?? 'unknown'}`;

function validate<S extends z.ZodMiniType | undefined>(schema: S, input: unknown, where: string, status = 400): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  if (status === 404) throw new HttpProblemError(404, 'not-found', 'No such resource', zodProblems(result.error, where));
  throw new HttpProblemError(400, 'validation-failed', `The request ${where} is not valid`, zodProblems(result.error, where));
}

function rawBody(event: APIGatewayProxyEventV2WithJWTAuthorizer, limit = MAX_BODY_BYTES): string | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > limit) {
    throw new HttpProblemError(413, 'body-too-large', `The request body exceeds ${limit} bytes`);
  }
  return text;
}

/** In a `u` regex a valid pair is one code point; only an unpaired surrogate is category Cs. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

const JSON_MEDIA_TYPE = /^application\/(.+\+)?json\b/i;
/** Exactly an empty JSON object: `{}`, with JSON whitespace (RFC 8259 §2) around and inside it. */
const EMPTY_JSON_OBJECT = /^[ \t\n\r]*\{[ \t\n\r]*\}[ \t\n\r]*$/;

function parseBody(event: APIGatewayProxyEventV2WithJWTAuthorizer, limit?: number): unknown {
  const text = rawBody(event, limit);
  if (text === undefined) return {};
  const type = event.headers?.['content-type'] ?? '';
  if (!JSON_MEDIA_TYPE.test(type)) {
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

/**
 * A route without a body schema takes no body. A command (any method but GET) also takes `{}`
 * sent as JSON: many HTTP clients send an empty object with a JSON content type on every POST,
 * and it says nothing, so it counts as no body. Anything else (`{"x":1}`, `[]`, `{}` as
 * text/plain, any body on a GET) is still 400.
 */
function rejectBody(route: RouteSpec, event: APIGatewayProxyEventV2WithJWTAuthorizer): undefined {
  const text = rawBody(event);
  if (text === undefined) return undefined;
  const emptyJson = route.method !== 'GET' && EMPTY_JSON_OBJECT.test(text) && JSON_MEDIA_TYPE.test(event.headers?.['content-type'] ?? '');
  if (emptyJson) return undefined;
  const detail = route.method === 'GET' ? 'This operation takes no body' : 'This operation takes no body: send none, or {} as application/json';
  throw new HttpProblemError(400, 'validation-failed', detail, [{ path: 'body', message: 'must be empty' }]);
}

/** The single place where errors become HTTP answers. */
export function toProblem(error: unknown): HttpResult {
  if (error instanceof HttpProblemError) return problem(error.status, error.type, error.message, error.errors, error.headers);
  if (error instanceof DomainError) return problem(error.status, error.type, error.message, error.errors);
  if (error instanceof z.ZodError) return problem(400, 'validation-failed', 'The request is not valid', zodProblems(error));
  logger.error('Unhandled error', error as Error);
  return problem(500, 'internal-error', 'An unexpected error occurred');
}
