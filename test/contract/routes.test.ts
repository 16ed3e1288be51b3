import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRoutes } from '../../packages/local/src/server.ts';
import { contexts } from '../../functions/contexts.ts';
import { REPO_ROOT } from '../../infra/constructs/function.ts';
import { SYNTH_TIMEOUT_MS, type Synthesised, synthesise } from '../infra/synth.ts';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const sorted = (keys: Iterable<string>) => [...keys].sort();

let s: Synthesised;
beforeAll(() => {
  s = synthesise({ bundle: false, cfnValidation: false });
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.cleanup());

/**
 * One declaration of the wiring (docs/architecture.md): the routes the stack deploys, the routes
 * the local server serves and the operations the committed OpenAPI document describes are
 * the same set of `METHOD /path`.
 */
describe('the route map', () => {
  const deployed = () => sorted(s.ofType('AWS::ApiGatewayV2::Route').map(([, r]) => String(r.Properties.RouteKey)));
  const served = () => sorted(compileRoutes(contexts).map(({ route }) => `${route.method} ${route.path}`));

  it('the synthesised stack deploys exactly the routes the local server serves', () => {
    expect(served().length).toBeGreaterThan(0);
    expect(deployed()).toEqual(served());
  });

  it('the committed openapi.json describes exactly the routes the local server serves', () => {
    const openapi = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8')) as { paths?: Record<string, Record<string, unknown>> };
    const documented = Object.entries(openapi.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => HTTP_METHODS.includes(k))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(sorted(documented)).toEqual(served());
  });
});
