import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type HttpResult, createApiHandler, ok, runtimeConfig } from '@channelbase/platform';
import { readAccess } from '../partners/index.ts';
import { platformRoutes } from './wiring.ts';

/** Where the reference page's script is: beside the bundle in AWS, in node_modules locally. */
const REFERENCE_SCRIPT = 'reference.js';
let script: Promise<string> | undefined;
function referenceScript(): Promise<string> {
  script ??= readFile(new URL(`./${REFERENCE_SCRIPT}`, import.meta.url), 'utf8').catch(() =>
    // The package exports no subpath for its browser build: find it from the main entry (dist/index.js).
    readFile(join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser/standalone.js'), 'utf8'),
  );
  return script;
}

/**
 * The OpenAPI document: beside the bundle in AWS (infra/contexts/platform.ts ships it), at the
 * repository root locally. Read and parsed on the first request, not at a cold start: inlined,
 * its 90 KB made every start of this function parse it.
 */
let document: Promise<unknown> | undefined;
function openapiDocument(): Promise<unknown> {
  document ??= readFile(new URL('./openapi.json', import.meta.url), 'utf8')
    .catch(() => readFile(new URL('../../openapi.json', import.meta.url), 'utf8'))
    .then((text) => JSON.parse(text) as unknown)
    .catch((error: unknown) => {
      document = undefined; // the next request tries again
      throw error;
    });
  return document;
}

/** Self-contained: no web fonts, AI agent or telemetry that would call out to third parties. */
const REFERENCE_CONFIG = JSON.stringify({
  withDefaultFonts: false,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  mcp: { disabled: true },
  telemetry: false,
  documentDownloadType: 'json',
}).replaceAll('"', '&quot;');

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Channelbase API</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
  <body>
    <script id="api-reference" data-url="openapi.json" data-configuration="${REFERENCE_CONFIG}"></script>
    <script src="docs?asset=${REFERENCE_SCRIPT}"></script>
  </body>
</html>`;

export const handler = createApiHandler(
  platformRoutes,
  {
    async health() {
      return ok({ status: 'ok', stage: runtimeConfig().stage });
    },
    async openapi() {
      return ok(await openapiDocument(), { 'cache-control': 'public, max-age=300' });
    },
    async docs({ query }): Promise<HttpResult> {
      if (query.asset) {
        return {
          statusCode: 200,
          headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' },
          body: await referenceScript(),
        };
      }
      return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: PAGE };
    },
    async me({ principal }) {
      return ok({
        sub: principal.sub,
        roles: principal.roles,
        partnerId: principal.partnerId ?? null,
        userId: principal.userId ?? null,
        isVendor: principal.isVendor,
      });
    },
  },
  { partnerAccess: readAccess },
);
