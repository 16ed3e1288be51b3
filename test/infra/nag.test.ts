import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/constructs/function.ts';
import { createApp } from '../../infra/create-app.ts';
import { SYNTH_TIMEOUT_MS, type Synthesised, cdkJsonContext, synthesise } from './synth.ts';

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    metadata?: Record<string, string>;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/** Every `Validations.of(x).acknowledge(...)` in the tree: rule id, reason and where. */
function acknowledgements(root: IConstruct): { id: string; reason: string; path: string }[] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id: id.replace(/^annotation::/i, ''), reason, path: c.node.path })),
        ),
    );
}

let s: Synthesised;
beforeAll(() => {
  // cdk-nag checks the construct tree and the template; the bundles do not change a finding.
  s = synthesise({ bundle: false });
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.cleanup());

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding, error or warning, and no other validation finding', () => {
    const report = JSON.parse(readFileSync(join(s.outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
    const findings = report.pluginReports.flatMap((r) =>
      r.violations.map((v) => `${r.pluginName}: ${v.severity} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`),
    );
    expect(findings).toEqual([]);
    expect(report.pluginReports.filter((r) => r.conclusion !== 'success')).toEqual([]);
    // The pack itself, run directly on the synthesised tree, agrees.
    expect(new AwsSolutionsChecks().validateScope(s.app).violations.map((v) => v.ruleName)).toEqual([]);
  });

  it('gives every acknowledgement a reason, and docs/infrastructure.md lists each acknowledged rule', () => {
    const acks = acknowledgements(s.app);
    expect(acks.length).toBeGreaterThan(0);
    const docs = readFileSync(join(REPO_ROOT, 'docs/infrastructure.md'), 'utf8');
    for (const ack of acks) {
      expect(ack.reason.trim().length, `${ack.id} at ${ack.path}`).toBeGreaterThan(30);
      expect(docs, `${ack.id} is documented`).toContain(ack.id);
    }
  });

  it(
    'fails synthesis on a finding nobody acknowledged',
    () => {
      // Proves the pack is wired into the app: an unencrypted queue without a DLQ must stop synth.
      const { app, stack } = createApp({
        outdir: join(s.outdir, 'negative'),
        context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:appMode': 'inmemory' },
        builtinCloudFormationValidation: false,
      });
      new Queue(stack, 'UnprotectedQueue', { enforceSSL: false });
      expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
    },
    SYNTH_TIMEOUT_MS,
  );
});
