import * as z from '@channelbase/core/kernel/zod';
import { ROLES } from '@channelbase/core';
import { defineRoute, defineWiring, problemSchema } from '@channelbase/platform';

export const meSchema = z.withMeta(
  z.object({
    sub: z.string(),
    roles: z.array(z.string()),
    partnerId: z.nullable(z.string()),
    userId: z.nullable(z.string()),
    isVendor: z.boolean(),
  }),
  { id: 'Me' },
);

/** The document GET /openapi.json returns: a JSON object (an OpenAPI 3.1 document), not a string. */
const openApiDocumentSchema = z.withMeta(
  z.looseObject({
    openapi: z.withMeta(z.string(), { example: '3.1.0' }),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  }),
  { id: 'OpenApiDocument', description: 'An OpenAPI 3.1 document' },
);

export const platformRoutes = [
  defineRoute({
    method: 'GET',
    path: '/health',
    operationId: 'health',
    summary: 'Liveness',
    description:
      'In AWS: 200 whenever the API’s Lambda answers. The local runtime (`npm start`) answers 503 until its startup, including seeding the demo data, has finished: poll until 200, then use the API.',
    auth: 'public',
    responses: {
      200: { description: 'The API answers', schema: z.withMeta(z.object({ status: z.literal('ok'), stage: z.string() }), { id: 'Health' }) },
      503: {
        description: 'Local runtime only: still starting (`not-ready`)',
        schema: problemSchema,
        contentType: 'application/problem+json',
        headers: { 'Retry-After': 'Seconds to wait before polling again (1)' },
      },
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This API as an OpenAPI 3.1 document',
    auth: 'public',
    responses: { 200: { description: 'The OpenAPI document', schema: openApiDocumentSchema } },
  }),
  defineRoute({
    method: 'GET',
    path: '/docs',
    operationId: 'docs',
    summary: 'The API reference page',
    auth: 'public',
    query: z.strictObject({ asset: z.withMeta(z.optional(z.literal('reference.js')), { description: 'The page script (served from the same route)' }) }),
    responses: {
      200: { description: 'An HTML page (or, with `asset=reference.js`, its script)', contentType: 'text/html', otherContentTypes: ['text/javascript'] },
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/me',
    operationId: 'me',
    summary: 'Who the token belongs to',
    auth: ROLES,
    responses: { 200: { description: 'The caller', schema: meSchema } },
  }),
] as const;

export const platformWiring = /* @__PURE__ */ defineWiring({
  name: 'platform',
  description: 'Health, the API description and the caller’s identity.',
  api: { entry: 'functions/platform/api.ts', routes: platformRoutes },
  subscriptions: [],
});
