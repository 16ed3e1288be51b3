import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, CfnElement } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContextWiring, defineWiring } from '@channelbase/platform/wiring';
import { contexts } from '../../functions/contexts.ts';
import { createApp } from '../../infra/create-app.ts';
import type { ChannelbaseStack } from '../../infra/stack.ts';
import { type CfnResource, SYNTH_TIMEOUT_MS, cdkJsonContext } from './synth.ts';

/** A context that declares only a workflow, beside the real ones (which may declare theirs). */
const testWiring = defineWiring({
  name: 'reminders',
  description: 'Workflow test context',
  subscriptions: [],
  workflows: [
    {
      id: 'follow-up',
      description: 'Reminds once, a day after the start event',
      startedBy: { source: 'channelbase.reminders', detailType: 'ReminderRequested' },
      entry: 'test/infra/fixtures/workflow-step.ts',
    },
  ],
});
const wirings: readonly ContextWiring[] = [...contexts, testWiring];

interface StateDefinition {
  Type: string;
  Next?: string;
  Default?: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  OutputPath?: string;
  Retry?: { ErrorEquals: string[]; MaxAttempts: number; BackoffRate: number }[];
  Choices?: { Variable: string; BooleanEquals?: boolean; IsPresent?: boolean; Next: string }[];
  TimestampPath?: string;
  ItemsPath?: string;
  MaxConcurrency?: number;
  Label?: string;
  ResultPath?: string;
  ItemProcessor?: { ProcessorConfig: { Mode: string; ExecutionType: string }; StartAt: string; States: Record<string, StateDefinition> };
}

let app: App;
let stack: ChannelbaseStack;
let outdir: string;
let resources: Record<string, CfnResource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const ref = (logicalId: string) => ({ Ref: logicalId });
const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
/** The logical id an `Fn::GetAtt` / `Ref` points at. */
const target = (value: unknown): string => {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return (v.Ref ?? v['Fn::GetAtt']?.[0])!;
};

beforeAll(() => {
  // As test/infra/synth.ts synthesises, with the test wiring added; the bundles do not change the template.
  outdir = mkdtempSync(join(tmpdir(), 'channelbase-cdk-'));
  const context = { ...cdkJsonContext(), '@aws-cdk/core:appMode': 'inmemory', 'aws:cdk:bundling-stacks': [] };
  ({ app, stack } = createApp({ outdir, context, wirings }));
  resources = (app.synth().getStackByName(stack.stackName).template as { Resources: Record<string, CfnResource> }).Resources;
}, SYNTH_TIMEOUT_MS);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The state machine's definition, with the tokens in it (ARNs) replaced by a placeholder. */
function definition(machine: CfnResource): { StartAt: string; States: Record<string, StateDefinition> } {
  const body = machine.Properties.DefinitionString as string | { 'Fn::Join': [string, unknown[]] };
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  return JSON.parse(text);
}

/** Every declared workflow: the test one and those of the real contexts. */
const declared = wirings.flatMap((w) => (w.workflows ?? []).map((spec) => ({ context: w.name, spec })));

describe.each(declared.map((d) => [`${d.context}.${d.spec.id}`, d] as const))('the workflow %s', (what, { context, spec }) => {
  /** The logical ids of the workflow's resources, found through its construct. */
  const ids = () => {
    const workflow = stack.contexts.find((c) => c.wiring.name === context)!.workflow(spec.id);
    const idOf = (c: IConstruct) => stack.resolve((c.node.defaultChild as CfnElement).logicalId) as string;
    return { machine: idOf(workflow.stateMachine), step: idOf(workflow.step.fn), logGroup: idOf(workflow.logGroup), rule: idOf(workflow.rule) };
  };

  it('is a Standard state machine logging ALL (without execution data) to a retained log group, traced', () => {
    const { machine, logGroup } = ids();
    expect(resources[machine]!.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: arnOf(logGroup) } }] },
      TracingConfiguration: { Enabled: true },
    });
    expect(resources[logGroup]).toMatchObject({ Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Retain' });
    expect(JSON.stringify(resources[logGroup]!.Properties.LogGroupName)).toContain(`/aws/vendedlogs/states/${stack.stackName}/${what}-`);
  });

  it('invokes the step Lambda with the state, keeps its payload, ends on $.done and otherwise waits until $.wakeAt', () => {
    const { StartAt, States } = definition(resources[ids().machine]!);
    const task = States[StartAt]!;
    expect(task).toMatchObject({ Type: 'Task', Parameters: { FunctionName: 'TOKEN', 'Payload.$': '$' }, OutputPath: '$.Payload' });
    expect(task.Resource).toMatch(/:states:::lambda:invoke$/);
    const retried = task.Retry!.flatMap((r) => r.ErrorEquals);
    expect(retried).toEqual(expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'States.TaskFailed']));
    for (const r of task.Retry!) expect(r.BackoffRate).toBeGreaterThan(1);

    const choice = States[task.Next!]!;
    expect(choice.Type).toBe('Choice');
    expect(choice.Choices).toHaveLength(spec.fanOut ? 2 : 1);
    expect(choice.Choices![0]).toMatchObject({ Variable: '$.done', BooleanEquals: true });
    expect(States[choice.Choices![0]!.Next]!.Type).toBe('Succeed');
    expect(States[choice.Default!]).toEqual({ Type: 'Wait', TimestampPath: '$.wakeAt', Next: StartAt });
  });

  it('runs a state with fanOut as a Distributed Map of child executions, then the step after it with the outputs, when its spec declares fanOut', () => {
    const { StartAt, States } = definition(resources[ids().machine]!);
    if (!spec.fanOut) {
      expect(Object.values(States).map((st) => st.Type)).not.toContain('Map');
      return;
    }
    const choice = States[States[StartAt]!.Next!]!;
    expect(choice.Choices![1]).toMatchObject({ Variable: '$.fanOut', IsPresent: true });
    const map = States[choice.Choices![1]!.Next]!;
    expect(map).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.fanOut.branches',
      MaxConcurrency: spec.fanOut!.maxConcurrency,
      Label: 'branches',
      ResultPath: '$.fanOut.outputs',
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
    });
    // Each branch: wait until its wakeAt, run the step (with the same retries), until it answers done.
    const branch = map.ItemProcessor!;
    const wait = branch.States[branch.StartAt]!;
    expect(wait).toMatchObject({ Type: 'Wait', TimestampPath: '$.wakeAt' });
    const run = branch.States[wait.Next!]!;
    expect(run).toMatchObject({ Type: 'Task', Parameters: { FunctionName: 'TOKEN', 'Payload.$': '$' }, OutputPath: '$.Payload' });
    expect(run.Retry!.flatMap((r) => r.ErrorEquals)).toEqual(expect.arrayContaining(['Lambda.ServiceException', 'States.TaskFailed']));
    const branchDone = branch.States[run.Next!]!;
    expect(branchDone.Choices).toMatchObject([{ Variable: '$.done', BooleanEquals: true }]);
    expect(branch.States[branchDone.Choices![0]!.Next]!.Type).toBe('Succeed');
    expect(branchDone.Default).toBe(branch.StartAt);
    // Then the step `then`, given what the state carried and the outputs, in the main loop again.
    expect(States[map.Next!]).toEqual({
      Type: 'Pass',
      Parameters: { 'step.$': '$.fanOut.then', 'wakeAt.$': '$$.State.EnteredTime', 'carry.$': '$.fanOut.carry', 'outputs.$': '$.fanOut.outputs' },
      Next: StartAt,
    });
  });

  it('runs the step as every Channelbase function runs, and lets the state machine invoke exactly that function', () => {
    const { machine, step } = ids();
    const fn = resources[step]!;
    expect(fn.Properties).toMatchObject({
      TracingConfig: { Mode: 'Active' },
      Timeout: 30,
      Environment: { Variables: { POWERTOOLS_SERVICE_NAME: context, STAGE: 'dev' } },
    });
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(expect.arrayContaining(['TABLE_NAME', 'EVENT_BUS_NAME']));
    expect(fn.Properties.Environment.Variables.CURSOR_KEY).toBeUndefined();
    expect(JSON.stringify(resources[machine]!.Properties.DefinitionString)).toContain(JSON.stringify(arnOf(step)));

    const roleId = target(resources[machine]!.Properties.RoleArn);
    const statements = resources[roleId]!.Properties.Policies.flatMap((p: { PolicyDocument: { Statement: unknown[] } }) => p.PolicyDocument.Statement);
    expect(statements).toContainEqual({ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: arnOf(step) });
    // No `<arn>:*`: the machine invokes the function, never a version or alias.
    expect(JSON.stringify(statements)).not.toContain(':*');
    // Nothing else grants the machine anything, but a fan-out's policy: child executions of this machine's Map Run.
    const attached = ofType('AWS::IAM::Policy').filter(([, p]) => p.Properties.Roles.some((r: unknown) => target(r) === roleId));
    if (!spec.fanOut) expect(attached).toEqual([]);
    else {
      expect(attached).toHaveLength(1);
      const fanOut = attached[0]![1].Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
      expect(fanOut).toHaveLength(2);
      expect(fanOut[0]).toMatchObject({ Action: 'states:StartExecution', Resource: ref(machine) });
      expect(fanOut[1]!.Action).toEqual(['states:DescribeExecution', 'states:RedriveExecution', 'states:StopExecution']);
      const arn = JSON.stringify(fanOut[1]!.Resource);
      expect(arn).toContain(JSON.stringify({ 'Fn::GetAtt': [machine, 'Name'] }));
      expect(arn).toContain('/branches:*');
    }
  });

  it('is started by a rule with the startedBy pattern, given the whole event, with a retry policy and a dead-letter queue', () => {
    const { machine, rule } = ids();
    expect(ofType('AWS::Events::Rule').filter(([, r]) => r.Properties.Targets.some((t: { Arn: unknown }) => target(t.Arn) === machine))).toEqual([
      [rule, expect.anything()],
    ]);
    const { Properties } = resources[rule]!;
    expect(Properties.EventPattern).toEqual({ source: [spec.startedBy.source], 'detail-type': [spec.startedBy.detailType] });
    expect(Properties.Targets).toHaveLength(1);
    const [t] = Properties.Targets;
    expect(t.InputTransformer).toEqual({ InputTemplate: '{"event": <aws.events.event.json>}' });
    expect(t.RetryPolicy).toEqual({ MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) });
    expect(resources[target(t.DeadLetterConfig.Arn)]?.Type).toBe('AWS::SQS::Queue');
    expect(resources[target(t.RoleArn)]?.Type).toBe('AWS::IAM::Role');
  });

  it('alarms on failed and timed-out executions, to the alarm topic', () => {
    const { machine } = ids();
    const [[topicId]] = ofType('AWS::SNS::Topic') as [[string, CfnResource]];
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      const alarms = ofType('AWS::CloudWatch::Alarm').filter(
        ([, a]) => a.Properties.MetricName === metric && target(a.Properties.Dimensions[0].Value) === machine,
      );
      expect(alarms, metric).toHaveLength(1);
      expect(alarms[0]![1].Properties).toMatchObject({
        Namespace: 'AWS/States',
        Dimensions: [{ Name: 'StateMachineArn', Value: ref(machine) }],
        Threshold: 0,
        AlarmActions: [ref(topicId)],
      });
    }
  });
});

describe('workflows in the stack', () => {
  it('builds one state machine per declared workflow, the test one among them', () => {
    expect(declared.map((d) => `${d.context}.${d.spec.id}`)).toContain('reminders.follow-up');
    expect(ofType('AWS::StepFunctions::StateMachine')).toHaveLength(declared.length);
  });

  it('answers a context construct asked for a workflow its wiring does not declare with an error', () => {
    const context = stack.contexts.find((c) => c.wiring.name === 'reminders')!;
    expect(() => context.workflow('nope')).toThrow('The reminders wiring declares no workflow "nope"');
  });

  it('leaves cdk-nag AwsSolutions nothing unacknowledged', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { conclusion: string; violations: { ruleName: string }[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations.map((v) => v.ruleName))).toEqual([]);
    expect(report.pluginReports.filter((r) => r.conclusion !== 'success')).toEqual([]);
    expect(new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName)).toEqual([]);
  });
});

/** Every declared scheduled job of the real contexts. */
const scheduled = wirings.flatMap((w) => (w.schedules ?? []).map((spec) => ({ context: w.name, spec })));

describe.each(scheduled.map((d) => [`${d.context}.${d.spec.id}`, d] as const))('the scheduled job %s', (_what, { context, spec }) => {
  const ids = () => {
    const job = stack.contexts.find((c) => c.wiring.name === context)!.schedules.get(spec.id)!;
    const idOf = (c: IConstruct) => stack.resolve((c.node.defaultChild as CfnElement).logicalId) as string;
    return { fn: idOf(job.fn.fn), rule: idOf(job.rule), dlq: idOf(job.undelivered.queue) };
  };

  // Promise: a schedule rule on the default bus invokes exactly the job's Lambda at the declared rate or time, with a dead-letter queue; nothing holds an execution open.
  it('is a rate or cron rule on the default bus invoking the job Lambda, with retries and a dead-letter queue', () => {
    const { fn, rule, dlq } = ids();
    expect(resources[rule]!.Properties).toMatchObject({
      State: 'ENABLED',
      Targets: [{ Arn: arnOf(fn), DeadLetterConfig: { Arn: arnOf(dlq) }, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 } }],
    });
    const expression = resources[rule]!.Properties.ScheduleExpression as string;
    if (spec.cron) {
      const { minute, hour, dayOfMonth } = spec.cron;
      expect(expression).toBe(`cron(${minute} ${hour} ${dayOfMonth ?? '*'} * ? *)`);
    } else {
      // CDK writes whole hours and days as such: rate(1 hour), rate(1 day).
      const [, n, unit] = /^rate\((\d+) (\w+?)s?\)$/.exec(expression)!;
      expect(Number(n) * { minute: 1, hour: 60, day: 1440 }[unit as 'minute']).toBe(spec.everyMinutes);
    }
    expect(resources[rule]!.Properties.EventBusName).toBeUndefined();
    expect(resources[fn]!.Properties).toMatchObject({ Timeout: 300, Environment: { Variables: { POWERTOOLS_SERVICE_NAME: context } } });
    const invoke = ofType('AWS::Lambda::Permission').filter(([, p]) => target(p.Properties.FunctionName) === fn);
    expect(invoke.map(([, p]) => p.Properties)).toEqual([expect.objectContaining({ Principal: 'events.amazonaws.com', SourceArn: arnOf(rule) })]);
  });
});

describe('the review reminders', () => {
  // Promise: no execution per application: the review is a scheduled job, and no workflow starts on ApplicationSubmitted.
  it('are a scheduled job, not a workflow started per application', () => {
    expect(scheduled.map((d) => `${d.context}.${d.spec.id}`)).toContain('onboarding.review-sweep');
    expect(declared.filter((d) => d.spec.startedBy.detailType === 'ApplicationSubmitted')).toEqual([]);
  });
});
