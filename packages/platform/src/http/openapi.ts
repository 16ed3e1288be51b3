import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import * as z from '@channelbase/core/kernel/zod';
import type { ZodType } from 'zod';
import { type ContextWiring, type RouteSpec, partnerAccessOf } from '../wiring.ts';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency.ts';
import { problemSchema } from './problem.ts';

/**
 * zod-to-openapi reads most of a schema from its definition (`_zod.def`), which zod/mini's schemas
 * share with classic zod's, and a few things through classic zod's instance API, which zod/mini's
 * schemas lack: `meta()` (the global registry), a string's `format`, `minLength` and `maxLength`
 * and a number's `format` (what its checks add up to), a record's `keyType` and
 * `valueType`, a nullable's `unwrap()`. This lends exactly those readers to every zod/mini schema
 * class (on the prototype, not enumerable, so instances do not copy them), reading what classic
 * zod reads. It runs only where the document is generated (scripts/artifacts.ts and the contract
 * tests): no Lambda bundle imports this module.
 */
interface CheckDef {
  check: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  length?: number;
}
/** What a schema's checks add up to, as classic zod folds them (a format schema is its own first check; the last format wins). */
function folded(schema: z.ZodMiniType): { format: string | null; minLength: number | null; maxLength: number | null } {
  const own = schema._zod.traits.has('$ZodCheck') ? [schema as unknown as z.core.$ZodCheck] : [];
  let format: string | null = null;
  let min = -Infinity;
  let max = Infinity;
  for (const check of [...own, ...(schema._zod.def.checks ?? [])]) {
    const def = check._zod.def as CheckDef;
    if ((def.check === 'string_format' || def.check === 'number_format') && def.format) format = def.format;
    if (def.check === 'min_length' || def.check === 'length_equals') min = Math.max(min, def.minimum ?? def.length ?? -Infinity);
    if (def.check === 'max_length' || def.check === 'length_equals') max = Math.min(max, def.maximum ?? def.length ?? Infinity);
  }
  return { format, minLength: Number.isFinite(min) ? min : null, maxLength: Number.isFinite(max) ? max : null };
}
const isString = (s: z.ZodMiniType) => s._zod.def.type === 'string';
const CLASSIC_READERS: Record<string, (schema: z.ZodMiniType) => unknown> = {
  format: (s) => (isString(s) || s._zod.def.type === 'number' ? folded(s).format : undefined),
  minLength: (s) => (isString(s) ? folded(s).minLength : undefined),
  maxLength: (s) => (isString(s) ? folded(s).maxLength : undefined),
  keyType: (s) => (s instanceof z.ZodMiniRecord ? s._zod.def.keyType : undefined),
  valueType: (s) => (s instanceof z.ZodMiniRecord ? s._zod.def.valueType : undefined),
};
const CLASSIC_METHODS: Record<string, (schema: z.ZodMiniType) => unknown> = {
  meta: (s) => z.globalRegistry.get(s),
  unwrap: (s) => (s instanceof z.ZodMiniNullable || s instanceof z.ZodMiniOptional ? s._zod.def.innerType : undefined),
};
function lendClassicReaders(): void {
  for (const value of Object.values(z)) {
    if (typeof value !== 'function' || !value.name.startsWith('ZodMini') || 'meta' in value.prototype) continue;
    for (const [name, read] of Object.entries(CLASSIC_READERS))
      Object.defineProperty(value.prototype, name, {
        get(this: z.ZodMiniType) {
          return read(this);
        },
        configurable: true,
      });
    for (const [name, read] of Object.entries(CLASSIC_METHODS))
      Object.defineProperty(value.prototype, name, {
        value(this: z.ZodMiniType) {
          return read(this);
        },
        configurable: true,
      });
  }
}

/** A zod/mini schema as the generator's (classic zod) types name it; see {@link lendClassicReaders}. */
const forGenerator = (schema: z.ZodMiniType): ZodType => schema as unknown as ZodType;

/** The body of a command that takes none: absent, or an empty JSON object. */
const EMPTY_BODY = z.withDescription(z.strictObject({}), 'An empty object, accepted as no body');

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
    [...statuses]
      .sort()
      .map((s) => [s, { description: descriptions[s] ?? 'Problem', content: { 'application/problem+json': { schema: forGenerator(problemSchema) } } }]),
  );
}

/**
 * The OpenAPI 3.1 document of every context's routes, generated from their zod schemas.
 * @example const doc = buildOpenApi([platformWiring, partnersWiring]);
 */
export function buildOpenApi(wirings: readonly ContextWiring[], version: string) {
  lendClassicReaders();
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
          ...(route.params ? { params: forGenerator(route.params) as never } : {}),
          ...(route.query ? { query: forGenerator(route.query) as never } : {}),
          ...(route.body
            ? // The pipeline reads a missing body as {}: a body schema that takes {} (every field optional) makes the body optional.
              { body: { required: !route.body.safeParse({}).success, content: { 'application/json': { schema: forGenerator(route.body) } } } }
            : route.method === 'GET'
              ? {}
              : // Many HTTP clients send {} with a JSON content type on every command; the pipeline accepts it as no body.
                {
                  body: {
                    required: false,
                    description: 'None, or {} as application/json',
                    content: { 'application/json': { schema: forGenerator(EMPTY_BODY) } },
                  },
                }),
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
                  ? {
                      content: {
                        [r.contentType ?? 'application/json']: { schema: forGenerator(r.schema) },
                        // The same answer in another form (CSV beside JSON), chosen by Accept.
                        ...Object.fromEntries((r.otherContentTypes ?? []).map((t) => [t, { schema: { type: 'string' as const } }])),
                      },
                    }
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
