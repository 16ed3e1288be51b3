import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/constructs/function.ts';
import { createApp } from '../../infra/create-app.ts';
import { UNSCOPED_FINDING, unscopedGrantsOf } from '../../infra/constructs/unscoped.ts';
import { type CfnResource, SYNTH_TIMEOUT_MS, type Synthesised, cdkJsonContext, synthesise } from './synth.ts';

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

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The Allow statements on Resource '*' of a role: its inline policies and the policies attached to it. */
function unscopedStatementsOf(roleId: string, role: CfnResource): Statement[] {
  const inline = ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
  const attached = s
    .ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as { Ref?: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
  return [...inline, ...attached].filter((st) => st.Effect === 'Allow' && [st.Resource].flat().includes('*'));
}

describe('AwsSolutions-IAM5: statements on Resource *', () => {
  const roles = () => s.stack.node.findAll().filter((c): c is Role => c instanceof Role);

  it('are declared one by one where they are granted, and the acknowledgement on each role gives exactly their reasons', () => {
    const acks = acknowledgements(s.app);
    // No acknowledgement of every IAM5 finding, nor of one on another resource or action, but the
    // fan-out policy's (a workflow with `fanOut`): its Map Run's child executions, of that machine only.
    const fanOut = /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<(\w+)\.Name>\/branches:\*\]$/;
    const others = acks.filter((a) => a.id.startsWith('AwsSolutions-IAM5') && a.id !== UNSCOPED_FINDING);
    for (const a of others) {
      expect(a.id).toMatch(fanOut);
      expect(a.path).toMatch(/\/FanOutPolicy$/);
      expect(s.resources[fanOut.exec(a.id)![1]!]?.Type).toBe('AWS::StepFunctions::StateMachine');
    }
    const fanOutWorkflows = s.stack.contexts.flatMap((c) => (c.wiring.workflows ?? []).filter((w) => w.fanOut));
    expect(others).toHaveLength(fanOutWorkflows.length);
    let checked = 0;
    for (const role of roles()) {
      const roleId = s.stack.getLogicalId(role.node.defaultChild as CfnRole);
      const onStar = unscopedStatementsOf(roleId, s.resources[roleId]!).flatMap((st) => [st.Action].flat());
      const declared = unscopedGrantsOf(role).flatMap((g) => g.actions);
      expect([...new Set(onStar)].sort(), role.node.path).toEqual([...new Set(declared)].sort());
      const mine = acks.filter((a) => a.id === UNSCOPED_FINDING && a.path === role.node.path);
      if (!declared.length) {
        expect(mine, role.node.path).toEqual([]);
        continue;
      }
      // The acknowledgement that counts is the last one on the role: it names every declared action.
      const reason = mine.at(-1)!.reason;
      for (const action of declared) expect(reason, role.node.path).toContain(action);
      checked++;
    }
    expect(checked).toBe(s.ofType('AWS::Lambda::Function').length + s.ofType('AWS::StepFunctions::StateMachine').length);
  });

  it('are X-Ray on every function role, and dynamodb:ListStreams on the relay’s alone', () => {
    for (const [id, fn] of s.ofType('AWS::Lambda::Function')) {
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const onStar = unscopedStatementsOf(roleId, s.resources[roleId]!).flatMap((st) => [st.Action].flat());
      const expected = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments', ...(id.startsWith('BusOutboxRelay') ? ['dynamodb:ListStreams'] : [])];
      expect(onStar.sort(), id).toEqual(expected.sort());
    }
  });

  it(
    'fail synthesis when one is granted without being declared, although the role acknowledges Resource::*',
    () => {
      const { app, stack } = createApp({
        outdir: join(s.outdir, 'undeclared'),
        context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:appMode': 'inmemory' },
        builtinCloudFormationValidation: false,
      });
      stack.bus.relay.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] }));
      expect(() => app.synth()).toThrow(/s3:ListAllMyBuckets is granted on Resource '\*' without a declareUnscoped/);
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe('the alarm topic’s KMS key policy', () => {
  it('limits every statement to this account: kms:CallerAccount for the account, aws:SourceAccount and the alarm ARNs for CloudWatch', () => {
    const keys = s.ofType('AWS::KMS::Key');
    expect(keys).toHaveLength(1);
    const statements = keys[0]![1].Properties.KeyPolicy.Statement as Statement[];
    const account = { Ref: 'AWS::AccountId' };
    expect(statements).toHaveLength(2);
    for (const st of statements) expect(st.Condition, JSON.stringify(st.Principal)).toBeDefined();
    const root = statements.find((st) => JSON.stringify(st.Principal).includes(':root'))!;
    expect(root.Condition).toEqual({ StringEquals: { 'kms:CallerAccount': account } });
    const cloudwatch = statements.find((st) => JSON.stringify(st.Principal).includes('cloudwatch.amazonaws.com'))!;
    expect([cloudwatch.Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(cloudwatch.Condition!.StringEquals).toEqual({ 'aws:SourceAccount': account });
    expect(JSON.stringify(cloudwatch.Condition!.ArnLike!['aws:SourceArn'])).toMatch(/:cloudwatch:.*alarm:\*/);
  });
});
