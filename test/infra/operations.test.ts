import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DEFINITION } from '@channelbase/platform/table/definition';
import type { ContextWiring } from '@channelbase/platform/wiring';
import { contexts as declared } from '../../functions/contexts.ts';
import { RELAY_ITERATOR_AGE_ALARM } from '../../infra/constructs/bus.ts';
import { REPO_ROOT } from '../../infra/constructs/function.ts';
import { type CfnResource, SYNTH_TIMEOUT_MS, type Synthesised, synthesise } from './synth.ts';

const contexts: readonly ContextWiring[] = declared;

let s: Synthesised;
beforeAll(() => {
  // The dashboard reads the template only; bundles do not change it.
  s = synthesise({ bundle: false, cfnValidation: false });
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.cleanup());

interface Widget {
  type: string;
  properties: {
    title?: string;
    metrics?: unknown[][];
    alarms?: string[];
    annotations?: { horizontal?: { value: number }[] };
  };
}

/**
 * The dashboard body with each CloudFormation reference written as `<Ref:id>` or
 * `<GetAtt:id.attr>`, parsed: what CloudWatch would receive, with logical ids for the values.
 */
function dashboardBody(dashboard: CfnResource): { widgets: Widget[] } {
  const [separator, parts] = dashboard.Properties.DashboardBody['Fn::Join'] as [string, unknown[]];
  const text = parts
    .map((p) => {
      if (typeof p === 'string') return p;
      const v = p as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      if (v.Ref) return `<Ref:${v.Ref}>`;
      if (v['Fn::GetAtt']) return `<GetAtt:${v['Fn::GetAtt'].join('.')}>`;
      throw new Error(`unexpected part ${JSON.stringify(p)}`);
    })
    .join(separator);
  return JSON.parse(text) as { widgets: Widget[] };
}

const widgetTitled = (title: RegExp) => {
  const [[, dashboard]] = s.ofType('AWS::CloudWatch::Dashboard') as [[string, CfnResource]];
  const found = dashboardBody(dashboard).widgets.filter((w) => title.test(w.properties.title ?? ''));
  expect(found, String(title)).toHaveLength(1);
  return found[0]!;
};
/** `[namespace, metric name, dimension value]` of each metric line of a widget. */
const linesOf = (w: Widget) => (w.properties.metrics ?? []).map((m) => [m[0], m[1], m[3]] as [string, string, string]);

describe('the operations dashboard', () => {
  it('is one dashboard per stage and region', () => {
    const dashboards = s.ofType('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]![1].Properties.DashboardName).toEqual({ 'Fn::Join': ['', ['channelbase-dev-', { Ref: 'AWS::Region' }]] });
    expect(Object.keys(s.template.findOutputs('DashboardName'))).toEqual(['DashboardName']);
  });

  it('shows the HTTP API’s requests, 4xx, 5xx and latency', () => {
    const [[apiId]] = s.ofType('AWS::ApiGatewayV2::Api') as [[string, CfnResource]];
    const api = `<Ref:${apiId}>`;
    expect(linesOf(widgetTitled(/^API requests/))).toEqual([
      ['AWS/ApiGateway', 'Count', api],
      ['AWS/ApiGateway', '4xx', api],
      ['AWS/ApiGateway', '5xx', api],
    ]);
    expect(linesOf(widgetTitled(/^API latency/))).toEqual([
      ['AWS/ApiGateway', 'Latency', api],
      ['AWS/ApiGateway', 'Latency', api],
      ['AWS/ApiGateway', 'IntegrationLatency', api],
    ]);
  });

  it('shows the errors and the throttles of every Lambda function', () => {
    const functions = s.ofType('AWS::Lambda::Function').map(([id]) => `<Ref:${id}>`);
    // Every context's API, consumers, steps and scheduled jobs, the relay and the Cognito trigger.
    const expected =
      2 + contexts.filter((c) => c.api).length + contexts.flatMap((c) => [...c.subscriptions, ...(c.workflows ?? []), ...(c.schedules ?? [])]).length;
    expect(functions).toHaveLength(expected);
    for (const [title, metric] of [
      [/^Lambda errors/, 'Errors'],
      [/^Lambda throttles/, 'Throttles'],
    ] as const) {
      const lines = linesOf(widgetTitled(title));
      expect(lines.map(([ns, name]) => `${ns} ${name}`)).toEqual(functions.map(() => `AWS/Lambda ${metric}`));
      expect(lines.map(([, , fn]) => fn).sort()).toEqual([...functions].sort());
    }
  });

  it('shows the depth and the age of the oldest message of every work queue, and every dead-letter queue', () => {
    const queues = s.ofType('AWS::SQS::Queue');
    const deadLetterIds = new Set(queues.filter(([, q]) => !q.Properties.RedrivePolicy).map(([id]) => id));
    const work = queues.filter(([id]) => !deadLetterIds.has(id)).map(([id]) => `<GetAtt:${id}.QueueName>`);
    const dead = [...deadLetterIds].map((id) => `<GetAtt:${id}.QueueName>`);
    expect(work).toHaveLength(contexts.flatMap((c) => c.subscriptions).length);
    expect(dead.length).toBe(
      1 + 2 * contexts.flatMap((c) => c.subscriptions).length + contexts.flatMap((c) => [...(c.workflows ?? []), ...(c.schedules ?? [])]).length,
    );

    const depth = linesOf(widgetTitled(/^Work queues: messages/));
    expect(depth.map(([, name]) => name)).toEqual(work.map(() => 'ApproximateNumberOfMessagesVisible'));
    expect(depth.map(([, , q]) => q).sort()).toEqual([...work].sort());
    const age = linesOf(widgetTitled(/^Work queues: age/));
    expect(age.map(([, name]) => name)).toEqual(work.map(() => 'ApproximateAgeOfOldestMessage'));
    expect(age.map(([, , q]) => q).sort()).toEqual([...work].sort());
    const letters = linesOf(widgetTitled(/^Dead-letter queues/));
    expect(letters.map(([, name]) => name)).toEqual(dead.map(() => 'ApproximateNumberOfMessagesVisible'));
    expect(letters.map(([, , q]) => q).sort()).toEqual([...dead].sort());
  });

  it('shows the relay’s iterator age against the alarm’s threshold', () => {
    const [[relayId]] = s.ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith('BusOutboxRelay')) as [[string, CfnResource]];
    const widget = widgetTitled(/^Outbox relay/);
    expect(linesOf(widget)).toEqual([['AWS/Lambda', 'IteratorAge', `<Ref:${relayId}>`]]);
    expect(widget.properties.annotations?.horizontal?.map((a) => a.value)).toEqual([RELAY_ITERATOR_AGE_ALARM.toMilliseconds()]);
  });

  it('shows failed and timed-out executions of every workflow', () => {
    const machines = s.ofType('AWS::StepFunctions::StateMachine').map(([id]) => `<Ref:${id}>`);
    expect(machines).toHaveLength(contexts.flatMap((c) => c.workflows ?? []).length);
    const lines = linesOf(widgetTitled(/^Workflows: executions failed/));
    expect(lines.filter(([, name]) => name === 'ExecutionsFailed').map(([, , m]) => m)).toEqual(machines);
    expect(lines.filter(([, name]) => name === 'ExecutionsTimedOut').map(([, , m]) => m)).toEqual(machines);
    expect(lines.every(([ns]) => ns === 'AWS/States')).toBe(true);
  });

  it('shows the state of every alarm of the stack', () => {
    const alarms = s.ofType('AWS::CloudWatch::Alarm').map(([id]) => `<GetAtt:${id}.Arn>`);
    expect(alarms.length).toBeGreaterThan(10);
    expect([...(widgetTitled(/^Every alarm/).properties.alarms ?? [])].sort()).toEqual([...alarms].sort());
  });
});

describe('a stack on an existing table (restored from point-in-time recovery)', () => {
  const TABLE = 'channelbase-prod-restored-20261201';
  const STREAM = `arn:aws:dynamodb:eu-west-1:123456789012:table/${TABLE}/stream/2026-12-01T10:00:00.000`;
  const arnParts = (suffix = '') => [
    'arn:',
    { Ref: 'AWS::Partition' },
    ':dynamodb:',
    { Ref: 'AWS::Region' },
    ':',
    { Ref: 'AWS::AccountId' },
    `:table/${TABLE}${suffix}`,
  ];
  let restored: Synthesised;
  beforeAll(() => {
    restored = synthesise({ bundle: false, cfnValidation: false, context: { tableName: TABLE, tableStreamArn: STREAM } });
  }, SYNTH_TIMEOUT_MS);
  afterAll(() => restored?.cleanup());

  it('creates no table, and gives every function the existing table’s name', () => {
    expect(restored.ofType('AWS::DynamoDB::Table')).toEqual([]);
    expect(s.ofType('AWS::DynamoDB::Table')).toHaveLength(1);
    const functions = restored.ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(5);
    for (const [id, fn] of functions) expect(fn.Properties.Environment.Variables.TABLE_NAME, id).toBe(TABLE);
    expect(restored.template.findOutputs('TableName').TableName!.Value).toBe(TABLE);
  });

  it('relays the existing table’s stream, and grants items on that table and its named indexes', () => {
    const mappings = restored.ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.StartingPosition);
    expect(mappings.map(([, m]) => m.Properties.EventSourceArn)).toEqual([STREAM]);
    const statements = restored.ofType('AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Sid?: string; Resource: unknown }[]);
    const own = statements.filter((st) => st.Sid === 'OwnItems');
    expect(own.length).toBeGreaterThan(0);
    for (const st of own) {
      expect(st.Resource).toEqual([
        { 'Fn::Join': ['', arnParts()] },
        ...TABLE_DEFINITION.globalIndexes.map((i) => ({ 'Fn::Join': ['', arnParts(`/index/${i.name}`)] })),
      ]);
    }
    expect(JSON.stringify(statements)).toContain(STREAM);
  });
});

describe('the cursor key during a rotation', () => {
  const CURRENT = 'a1b2c3d4-0000-4000-8000-000000000002';
  const PREVIOUS = 'a1b2c3d4-0000-4000-8000-000000000001';
  let rotating: Synthesised;
  beforeAll(() => {
    rotating = synthesise({ bundle: false, cfnValidation: false, context: { cursorKeyVersion: CURRENT, previousCursorKeyVersion: PREVIOUS } });
  }, SYNTH_TIMEOUT_MS);
  afterAll(() => rotating?.cleanup());

  const envOf = (x: Synthesised) => x.ofType('AWS::Lambda::Function').map(([id, fn]) => [id, fn.Properties.Environment.Variables] as const);

  it('signs with the named version and still checks the previous one, in the API functions only', () => {
    const [[secretId]] = rotating.ofType('AWS::SecretsManager::Secret') as [[string, CfnResource]];
    const reference = (version: string) => ({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, `:SecretString:::${version}}}`]] });
    const apis = envOf(rotating).filter(([id]) => /ApiFunction/.test(id));
    expect(apis.length).toBe(contexts.filter((c) => c.api).length);
    for (const [id, env] of apis) {
      expect(env.CURSOR_KEY, id).toEqual(reference(CURRENT));
      expect(env.CURSOR_KEY_PREVIOUS, id).toEqual(reference(PREVIOUS));
    }
    for (const [id, env] of envOf(rotating).filter(([id]) => !/ApiFunction/.test(id))) {
      expect(env.CURSOR_KEY, id).toBeUndefined();
      expect(env.CURSOR_KEY_PREVIOUS, id).toBeUndefined();
    }
  });

  it('without a version reads the current one and has no previous key', () => {
    for (const [id, env] of envOf(s).filter(([id]) => /ApiFunction/.test(id))) {
      expect(JSON.stringify(env.CURSOR_KEY), id).toMatch(/SecretString:::}}/);
      expect(env.CURSOR_KEY_PREVIOUS, id).toBeUndefined();
    }
    expect(Object.keys(s.template.findOutputs('CursorKeySecretArn'))).toEqual(['CursorKeySecretArn']);
  });
});

describe('docs/operations.md', () => {
  it('lists every alarm of the template by its construct path, and says how many there are', () => {
    const runbook = readFileSync(join(REPO_ROOT, 'docs/operations.md'), 'utf8');
    const alarms = s.stack.observability.alarms;
    expect(alarms).toHaveLength(s.ofType('AWS::CloudWatch::Alarm').length);
    const missing = alarms.map((a) => a.node.path.split('/').slice(1).join('/')).filter((path) => !runbook.includes(`| \`${path}\` |`));
    expect(missing).toEqual([]);
    expect(runbook).toContain(`The template has these ${alarms.length} alarms`);
  });
});
