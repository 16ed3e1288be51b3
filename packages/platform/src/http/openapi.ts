import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { type ContextWiring, type RouteSpec, partnerAccessOf } from '../wiring.ts';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency.ts';
import { problemSchema } from './problem.ts';

/** The body of a command that takes none: absent, or an empty JSON object. */
const EMPTY_BODY = z.strictObject({}).describe('An empty object, accepted as no body');

const COMMON_PROBLEMS: Record<number, string> = {
  400: 'The request is not valid (field paths in `errors`)',
  401: 'Missing, expired or foreign access token (`unauthorized`); a token with vendor roles and a partner (`invalid-token`); a disabled user’s token or one issued before its sessions were revoked (`token-revoked`)',
  403: 'The caller’s role may not do this (`forbidden`), or its partner’s status does not allow it: `partner-suspended` (writes), `partner-terminated` (everything)',
  404: 'Not found, or not visible to the caller',
  413: 'Body too large (`body-too-large`), or the change would publish an event over the bus’s size limit (`event-too-large`, nothing is written)',
  415: 'Body is not JSON',
};

function problemResponses(route: RouteSpec) {
  const statuses = new Set<number>([400, ...(route.auth === 'public' ? [] : [401, 403]), ...(route.params ? [404] : [])]);
  if (route.body) [413, 415].forEach((s) => statuses.add(s));
  if (route.method === 'POST' && route.idempotent !== false) [409, 422].forEach((s) => statuses.add(s));
  if (route.conditional) [412, 428].forEach((s) => statuses.add(s));
  route.problems?.forEach((s) => statuses.add(s));
  const descriptions: Record<number, string> = {
    ...COMMON_PROBLEMS,
    409: 'Conflicts with the current state, or the same Idempotency-Key is in progress',
    412: 'The If-Match ETag is stale',
    422: 'The Idempotency-Key was used with another request',
    428: 'If-Match is required, with a specific ETag (`*` is not accepted)',
  };
  return Object.fromEntries(
    [...statuses].sort().map((s) => [s, { description: descriptions[s] ?? 'Problem', content: { 'application/problem+json': { schema: problemSchema } } }]),
  );
}

/**
 * The OpenAPI 3.1 document of every context's routes, generated from their zod schemas.
 * @example const doc = buildOpenApi([platformWiring, partnersWiring]);
 */
export function buildOpenApi(wirings: readonly ContextWiring[], version: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Cognito access token (locally: POST /local/tokens).',
  });
  for (const wiring of wirings) {
    for (const route of wiring.api?.routes ?? []) {
      const headers = [];
      if (route.method === 'POST' && route.idempotent !== false) {
        headers.push({
          name: 'Idempotency-Key',
          in: 'header' as const,
          required: false,
          // What the server checks (a malformed key is 400); the pattern is portable (no flags, no \p{…}).
          schema: {
            type: 'string' as const,
            minLength: 1,
            maxLength: 128,
            pattern: IDEMPOTENCY_KEY_PATTERN.source,
            example: '7c4a3f52-1e0b-4d8e-9a61-2f0c5b8d9e13',
          },
          description: 'Retries with the same key and body return the first response',
        });
      }
      if (route.conditional)
        // An empty If-Match is refused as a missing one (428).
        headers.push({
          name: 'If-Match',
          in: 'header' as const,
          required: true,
          schema: { type: 'string' as const, minLength: 1, example: '"ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A.v3"' },
          description: 'The ETag of the last GET (strong comparison: a weak `W/` tag never matches). `*` is not accepted (428): send the specific ETag.',
        });
      registry.registerPath({
        method: route.method.toLowerCase() as 'get',
        path: route.path,
        operationId: route.operationId,
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        tags: [wiring.name],
        security: route.auth === 'public' ? [] : [{ [bearer.name]: [] }],
        ...(route.auth === 'public' ? {} : { 'x-channelbase-roles': [...route.auth] }),
        // For partner principals: a suspended partner's users may call `read` routes only (the status gate).
        ...(route.auth === 'public' ? {} : { 'x-channelbase-partner-access': partnerAccessOf(route) }),
        request: {
          ...(route.params ? { params: route.params } : {}),
          ...(route.query ? { query: route.query } : {}),
          ...(route.body
            ? { body: { required: true, content: { 'application/json': { schema: route.body } } } }
            : route.method === 'GET'
              ? {}
              : // Many HTTP clients send {} with a JSON content type on every command; the pipeline accepts it as no body.
                { body: { required: false, description: 'None, or {} as application/json', content: { 'application/json': { schema: EMPTY_BODY } } } }),
        },
        parameters: headers,
        responses: {
          ...Object.fromEntries(
            Object.entries(route.responses).map(([status, r]) => [
              status,
              {
                description: r.description,
                ...(r.headers
                  ? { headers: Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) }
                  : {}),
                ...(r.schema
                  ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema } } }
                  : r.contentType
                    ? {
                        content: Object.fromEntries([r.contentType, ...(r.otherContentTypes ?? [])].map((t) => [t, { schema: { type: 'string' as const } }])),
                      }
                    : {}),
              },
            ]),
          ),
          ...problemResponses(route),
        },
      });
    }
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Channelbase API',
      version,
      description:
        'Partner Relationship Management backend: partner master data (partners, their users, the programme vocabulary) and onboarding (applications, agreements, checklists). Guarded operations need a bearer JWT (the `bearer` security scheme). Errors are RFC 9457 problem details.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    tags: wirings.map((w) => ({ name: w.name, description: w.description })),
  });
}
