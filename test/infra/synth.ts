import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp } from '../../infra/create-app.ts';
import { REPO_ROOT } from '../../infra/constructs/function.ts';
import type { ChannelbaseStack } from '../../infra/stack.ts';

/** A CloudFormation resource as it appears in the synthesised template. */
export interface CfnResource {
  Type: string;
  Properties: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- templates hold many shapes
  Metadata?: Record<string, unknown>;
}

export interface Synthesised {
  app: App;
  stack: ChannelbaseStack;
  template: Template;
  /** Logical id → resource. */
  resources: Record<string, CfnResource>;
  /** Resources of one type, with their logical ids. */
  ofType(type: string): [string, CfnResource][];
  /** The cloud assembly directory (bundles are `asset.<hash>` in it). */
  outdir: string;
  cleanup(): void;
}

/** The context `npx cdk synth` runs with: cdk.json's defaults and feature flags. */
export function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
}

/** Synthesis bundles with esbuild and validates the templates: slow on a busy machine. */
export const SYNTH_TIMEOUT_MS = 240_000;

/**
 * Synthesises the app once, as the CLI would (cdk.json context, cdk-nag plugin on), into a
 * temporary directory. `bundle: false` skips esbuild and `cfnValidation: false` CDK's built-in
 * template validation, for tests that only read the template (neither changes it).
 */
export function synthesise(options: { context?: Record<string, unknown>; bundle?: boolean; cfnValidation?: boolean } = {}): Synthesised {
  const outdir = mkdtempSync(join(tmpdir(), 'channelbase-cdk-'));
  const context = {
    ...cdkJsonContext(),
    // A validation failure throws with the whole report, rather than printing it.
    '@aws-cdk/core:appMode': 'inmemory',
    ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    ...options.context,
  };
  const { app, stack } = createApp({ outdir, context, builtinCloudFormationValidation: options.cfnValidation ?? true });
  const assembly = app.synth();
  const json = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, CfnResource> };
  return {
    app,
    stack,
    template: Template.fromJSON(json),
    resources: json.Resources,
    ofType: (type) => Object.entries(json.Resources).filter(([, r]) => r.Type === type),
    outdir,
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
