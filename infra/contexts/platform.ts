import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';
import { REPO_ROOT } from '../constructs/function.ts';

/** The API reference page's script: functions/platform/api.ts serves it from beside its bundle. */
export const REFERENCE_SCRIPT = createRequire(join(REPO_ROOT, 'package.json')).resolve('@scalar/api-reference/browser/standalone.js');

/**
 * Platform: /health, /openapi.json, /docs and /me. The OpenAPI document and the reference page's
 * script ship beside the bundle and are read on first use, so they cost a cold start nothing.
 */
export default class PlatformContext extends ContextConstruct {
  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id, { ...props, apiAssets: { 'reference.js': REFERENCE_SCRIPT, 'openapi.json': join(REPO_ROOT, 'openapi.json') } });
  }
}
