import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';
import { REPO_ROOT } from '../constructs/function.ts';

/** The API reference page's script: functions/platform/api.ts serves it from beside its bundle. */
export const REFERENCE_SCRIPT = createRequire(join(REPO_ROOT, 'package.json')).resolve('@scalar/api-reference/browser/standalone.js');

const copyReferenceScript: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (_inputDir, outputDir) => [`cp '${REFERENCE_SCRIPT}' '${join(outputDir, 'reference.js')}'`],
};

/** Platform: /health, /openapi.json, /docs (with the reference script beside the bundle) and /me. */
export default class PlatformContext extends ContextConstruct {
  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id, { ...props, apiCommandHooks: copyReferenceScript });
  }
}
