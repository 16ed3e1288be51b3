import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@channelbase/core';
import { OUTBOX_PK_PREFIX } from '@channelbase/platform/events/outbox';
import { TABLE_DEFINITION } from '@channelbase/platform/table/definition';
import { type ContextWiring, routeKey } from '@channelbase/platform/wiring';
import { contexts as declared } from '../../functions/contexts.ts';
import { lambdaEsbuildOptions } from '../../infra/bundling.ts';
import { REPO_ROOT } from '../../infra/constructs/function.ts';
import { lambdaEntries } from '../bench/bundles.ts';
import { IDENTITY_PROVISIONING_ACTIONS } from '../../infra/constructs/auth.ts';
import { MAX_RECEIVE_COUNT } from '../../infra/constructs/queues.ts';
import { TABLE_DATA_ACTIONS } from '../../infra/constructs/table.ts';
import { ContextConstruct } from '../../infra/constructs/context.ts';
import { CONTEXT_CONSTRUCTS, contextId } from '../../infra/contexts/index.ts';
import { REFERENCE_SCRIPT } from '../../infra/contexts/platform.ts';
import { type CfnResource, SYNTH_TIMEOUT_MS, type Synthesised, synthesise } from './synth.ts';

const contexts: readonly ContextWiring[] = declared;

let s: Synthesised;
beforeAll(() => {
  s = synthesise({ context: { alarmEmail: 'ops@example.com', corsOrigins: 'https://portal.example.com' }, cfnValidation: false });
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.cleanup());

const ref = (logicalId: string) => ({ Ref: logicalId });
const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
/** The logical id an `Fn::GetAtt` / `Ref` points at. */
const target = (value: unknown): string | undefined => {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
};
const statementsOf = (policy: CfnResource) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Effect: string }[];
const actions = (st: { Action: string | string[] }) => [st.Action].flat();
/** The newest Node.js runtime this aws-cdk-lib knows (what cdk-nag's L1 compares with). */
const newestNodeRuntime = () =>
  Runtime.ALL.map((r) => r.name)
    .filter((n) => /^nodejs\d+\.x$/.test(n))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))
    .at(-1);

describe('the context constructs', () => {
  const files = readdirSync(join(import.meta.dirname, '../../infra/contexts')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

  // Promise: a context's own construct is found by its file (infra/contexts/<name>.ts), with no list to edit; a file names a real context.
  it('finds infra/contexts/<name>.ts for every file there, each named after a context', () => {
    expect(Object.keys(CONTEXT_CONSTRUCTS).sort()).toEqual(files.map((f) => f.slice(0, -3)).sort());
    for (const name of Object.keys(CONTEXT_CONSTRUCTS))
      expect(
        contexts.map((c) => c.name),
        `infra/contexts/${name}.ts`,
      ).toContain(name);
  });

  // Promise: each context is built by its own construct when it has one, by the generic ContextConstruct otherwise.
  it('builds each context with its own construct, or the generic one', () => {
    expect(s.stack.contexts.map((c) => c.node.id)).toEqual(contexts.map((c) => contextId(c.name)));
    for (const [i, wiring] of contexts.entries()) {
      expect(s.stack.contexts[i]!.constructor, wiring.name).toBe(CONTEXT_CONSTRUCTS[wiring.name] ?? ContextConstruct);
    }
  });
});

describe('the table', () => {
  it('is built from TABLE_DEFINITION: keys, every GSI with ALL projection, TTL and stream', () => {
    const [[, table]] = s.ofType('AWS::DynamoDB::Table') as [[string, CfnResource]];
    expect(s.ofType('AWS::DynamoDB::Table')).toHaveLength(1);
    const p = table.Properties;
    expect(p.KeySchema).toEqual([
      { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
    ]);
    expect(p.GlobalSecondaryIndexes).toEqual(
      TABLE_DEFINITION.globalIndexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: TABLE_DEFINITION.timeToLiveAttribute, Enabled: true });
    expect(p.StreamSpecification).toEqual({ StreamViewType: TABLE_DEFINITION.stream });
  });

  it('is on demand, recoverable to any point, protected from deletion and encrypted with a KMS key', () => {
    s.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });
});

describe('every Lambda function', () => {
  const functions = () => s.ofType('AWS::Lambda::Function');
  const bundleDir = (fn: CfnResource) => join(s.outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);

  it('runs on arm64 with the newest Node.js runtime, traced, logging JSON to its own log group', () => {
    expect(functions().length).toBeGreaterThanOrEqual(5);
    expect(newestNodeRuntime()).toBe(`nodejs${lambdaEsbuildOptions.target.replace('node', '')}.x`);
    for (const [id, fn] of functions()) {
      expect(fn.Properties, id).toMatchObject({
        Architectures: ['arm64'],
        Runtime: newestNodeRuntime(),
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
      });
      const logGroup = s.resources[fn.Properties.LoggingConfig.LogGroup.Ref]!;
      expect(logGroup.Properties.RetentionInDays, id).toBe(30);
    }
  });

  it('is a minified ESM bundle with the shared banner (infra/bundling.ts)', () => {
    for (const [id, fn] of functions()) {
      const file = join(bundleDir(fn), 'index.mjs');
      expect(existsSync(file), `${id}: ${file}`).toBe(true);
      const code = readFileSync(file, 'utf8');
      expect(code.startsWith(lambdaEsbuildOptions.banner.js), id).toBe(true);
      // An unminified esbuild bundle marks each module with a `// path/to/module.ts` line.
      expect(code, `${id} is minified`).not.toMatch(/^\/\/ [\w@./-]+\.[cm]?[jt]s$/m);
    }
  });

  it('is built from its own entry: one bundle per entry point, none shared by mistake', () => {
    // CDK caches bundles by their options: a key without the entry would give every function the first one's.
    const keys = new Set(functions().map(([, fn]) => String(fn.Properties.Code.S3Key)));
    expect(keys.size).toBe(lambdaEntries(declared).length);
  });

  it('has the API reference script and the OpenAPI document beside the platform API bundle, read on first use', () => {
    const platformApi = functions().filter(([id]) => id.startsWith('PlatformApiFunction'));
    expect(platformApi).toHaveLength(1);
    const copied = join(bundleDir(platformApi[0]![1]), 'reference.js');
    expect(statSync(copied).size).toBe(statSync(REFERENCE_SCRIPT).size);
    const document = join(bundleDir(platformApi[0]![1]), 'openapi.json');
    expect(readFileSync(document, 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'openapi.json'), 'utf8'));
  });

  it('gets the runtime environment, and only the API functions a cursor key from Secrets Manager', () => {
    const runtimeFunctions = functions().filter(([, fn]) => fn.Properties.Environment?.Variables?.EVENT_BUS_NAME);
    const others = functions().filter(([, fn]) => !fn.Properties.Environment?.Variables?.EVENT_BUS_NAME);
    // All but the Cognito trigger, which gets the table only (for the partner status gate).
    expect(others.map(([id]) => id)).toEqual([expect.stringMatching(/^AuthPreTokenGeneration/)]);
    expect(Object.keys(others[0]![1].Properties.Environment.Variables)).toContain('TABLE_NAME');
    for (const [id, fn] of runtimeFunctions) {
      const env = fn.Properties.Environment.Variables;
      expect(Object.keys(env), id).toEqual(expect.arrayContaining(['TABLE_NAME', 'EVENT_BUS_NAME', 'STAGE', 'POWERTOOLS_SERVICE_NAME']));
      if (/ApiFunction/.test(id)) expect(JSON.stringify(env.CURSOR_KEY), id).toContain('{{resolve:secretsmanager:');
      else expect(env.CURSOR_KEY, id).toBeUndefined();
      expect(env.STAGE).toBe('dev');
    }
    expect(runtimeFunctions.filter(([id]) => /ApiFunction/.test(id)).length).toBeGreaterThan(0);
  });

  it('traces every function with Lambda active tracing, and no X-Ray SDK settings are left over', () => {
    for (const [id, fn] of functions()) {
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(
        Object.keys(fn.Properties.Environment?.Variables ?? {}).filter((k) => k.startsWith('POWERTOOLS_TRACE')),
        id,
      ).toEqual([]);
    }
  });

  it('has an explicit role with no managed policy, writing logs only to its own log group', () => {
    for (const [id, role] of s.ofType('AWS::IAM::Role')) {
      expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
    }
    for (const [id, fn] of functions()) {
      const roleId = target(fn.Properties.Role)!;
      const [, policy] = s.ofType('AWS::IAM::Policy').find(([, p]) => p.Properties.Roles.some((r: unknown) => target(r) === roleId))!;
      const logs = statementsOf(policy).filter((st) => actions(st).some((a) => a.startsWith('logs:')));
      expect(logs, id).toEqual([
        { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: arnOf(fn.Properties.LoggingConfig.LogGroup.Ref) },
      ]);
    }
  });

  it('has an Errors alarm', () => {
    for (const [id] of functions()) {
      s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: ref(id) }],
        Threshold: 0,
      });
    }
  });
});

describe('least privilege', () => {
  const allStatements = () => s.ofType('AWS::IAM::Policy').flatMap(([, p]) => statementsOf(p));

  it('grants item actions on the table and its named indexes, never Scan or a dynamodb wildcard (per-context limits: test/infra/iam.test.ts)', () => {
    const granted = allStatements().flatMap(actions);
    expect(granted).not.toContain('dynamodb:Scan');
    expect(granted.filter((a) => a.includes('*') && a.startsWith('dynamodb'))).toEqual([]);
    const data = allStatements().filter((st) => actions(st).includes('dynamodb:BatchWriteItem'));
    expect(data.length).toBeGreaterThan(0);
    for (const st of data) {
      expect(actions(st).sort()).toEqual([...TABLE_DATA_ACTIONS].sort());
      expect(JSON.stringify(st.Resource)).not.toMatch(/index\/\*/);
      expect((st.Resource as unknown[]).length).toBe(1 + TABLE_DEFINITION.globalIndexes.length);
    }
  });

  it('lets only the relay put events, and only on the bus', () => {
    const [[busId]] = s.ofType('AWS::Events::EventBus') as [[string, CfnResource]];
    const puts = allStatements().filter((st) => actions(st).includes('events:PutEvents'));
    expect(puts).toEqual([{ Action: 'events:PutEvents', Effect: 'Allow', Resource: arnOf(busId) }]);
  });

  it('lets the identity provisioning consumer make exactly its Cognito Admin calls, the invitation step and the pre-token trigger only AdminGetUser, on this pool only', () => {
    const [[poolId]] = s.ofType('AWS::Cognito::UserPool') as [[string, CfnResource]];
    const cognito = allStatements().filter((st) => actions(st).some((a) => a.startsWith('cognito-idp:')));
    expect(cognito).toHaveLength(3);
    for (const st of cognito) expect(st).toMatchObject({ Effect: 'Allow', Resource: arnOf(poolId) });
    const provisioning = cognito.filter((st) => actions(st).includes('cognito-idp:AdminCreateUser'));
    expect(provisioning).toHaveLength(1);
    expect(actions(provisioning[0]!).sort()).toEqual([...IDENTITY_PROVISIONING_ACTIONS].sort());
    const reads = cognito.filter((st) => st !== provisioning[0]);
    expect(reads.map((st) => actions(st))).toEqual([['cognito-idp:AdminGetUser'], ['cognito-idp:AdminGetUser']]);
    s.template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ USER_POOL_ID: ref(poolId) }) } });
  });
});

describe('events', () => {
  it('has one bus named after the stage, archived', () => {
    s.template.resourceCountIs('AWS::Events::EventBus', 1);
    s.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'channelbase-dev' });
    s.template.hasResourceProperties('AWS::Events::Archive', { EventPattern: { source: [{ prefix: 'channelbase.' }] } });
  });

  it('has one rule per subscription and per workflow in the wirings, with the same pattern, and one per scheduled job', () => {
    const subscriptions = contexts.flatMap((c) => c.subscriptions);
    const workflows = contexts.flatMap((c) => c.workflows ?? []);
    const schedules = contexts.flatMap((c) => c.schedules ?? []);
    const rules = s.ofType('AWS::Events::Rule');
    expect(rules).toHaveLength(subscriptions.length + workflows.length + schedules.length);
    expect(rules.filter(([, r]) => r.Properties.ScheduleExpression)).toHaveLength(schedules.length);
    const patterns = rules.map(([, r]) => r.Properties.EventPattern);
    for (const sub of subscriptions) expect(patterns).toContainEqual(sub.pattern);
    for (const w of workflows) expect(patterns).toContainEqual({ source: [w.startedBy.source], 'detail-type': [w.startedBy.detailType] });
  });

  it('gives every rule target an explicit retry policy and a dead-letter queue', () => {
    for (const [id, rule] of s.ofType('AWS::Events::Rule')) {
      for (const t of rule.Properties.Targets) {
        expect(t.RetryPolicy, id).toEqual({ MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) });
        expect(s.resources[target(t.DeadLetterConfig?.Arn)!]?.Type, id).toBe('AWS::SQS::Queue');
      }
    }
  });

  it('filters the relay to outbox inserts and handles its failures: bisect, bounded retries, partial batches, on-failure queue', () => {
    const streams = s.ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'));
    expect(streams).toHaveLength(1);
    for (const [id, m] of streams) {
      expect(m.Properties, id).toMatchObject({
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: expect.any(Number),
        MaximumRecordAgeInSeconds: expect.any(Number),
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        StartingPosition: 'TRIM_HORIZON',
      });
      expect(s.resources[target(m.Properties.DestinationConfig.OnFailure.Destination)!]?.Type).toBe('AWS::SQS::Queue');
      expect(JSON.parse(m.Properties.FilterCriteria.Filters[0].Pattern)).toEqual({
        eventName: ['INSERT'],
        dynamodb: { Keys: { [TABLE_DEFINITION.partitionKey]: { S: [{ prefix: OUTBOX_PK_PREFIX }] } } },
      });
    }
  });

  it('has every SQS consumer report partial batch failures, with a visibility timeout of six times its timeout', () => {
    const sqs = s.ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => s.resources[target(m.Properties.EventSourceArn)!]?.Type === 'AWS::SQS::Queue');
    expect(sqs).toHaveLength(contexts.flatMap((c) => c.subscriptions).length);
    for (const [id, m] of sqs) {
      expect(m.Properties.FunctionResponseTypes, id).toEqual(['ReportBatchItemFailures']);
      const queue = s.resources[target(m.Properties.EventSourceArn)!]!;
      const fn = s.resources[target(m.Properties.FunctionName)!]!;
      expect(queue.Properties.VisibilityTimeout, id).toBeGreaterThanOrEqual(6 * fn.Properties.Timeout);
    }
  });
});

describe('queues', () => {
  const queues = () => s.ofType('AWS::SQS::Queue');
  /** Queues something else dead-letters into: SQS redrive, rule target DLQ, stream on-failure. */
  const deadLetterQueueIds = () =>
    new Set(
      [
        ...queues().map(([, q]) => target(q.Properties.RedrivePolicy?.deadLetterTargetArn)),
        ...s
          .ofType('AWS::Events::Rule')
          .flatMap(([, r]) => r.Properties.Targets.map((t: { DeadLetterConfig?: { Arn: unknown } }) => target(t.DeadLetterConfig?.Arn))),
        ...s.ofType('AWS::Lambda::EventSourceMapping').map(([, m]) => target(m.Properties.DestinationConfig?.OnFailure?.Destination)),
      ].filter((id): id is string => Boolean(id)),
    );

  it('gives every queue that is not itself a dead-letter queue a redrive policy', () => {
    const dlqs = deadLetterQueueIds();
    const work = queues().filter(([id]) => !dlqs.has(id));
    expect(work.length).toBeGreaterThan(0);
    for (const [id, q] of work) {
      expect(q.Properties.RedrivePolicy, id).toEqual({ deadLetterTargetArn: expect.anything(), maxReceiveCount: MAX_RECEIVE_COUNT });
    }
  });

  it('encrypts every queue and refuses plain HTTP', () => {
    for (const [id, q] of queues()) {
      expect(q.Properties.SqsManagedSseEnabled, id).toBe(true);
      s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [ref(id)],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  it('alarms on the first message in each dead-letter queue', () => {
    const dlqs = deadLetterQueueIds();
    // The relay's on-failure queue, per subscription its rule's and its queue's, per workflow and per scheduled job its rule's.
    expect(dlqs.size).toBe(
      1 +
        2 * contexts.flatMap((c) => c.subscriptions).length +
        contexts.flatMap((c) => c.workflows ?? []).length +
        contexts.flatMap((c) => c.schedules ?? []).length,
    );
    for (const id of dlqs) {
      s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });
});

describe('the API', () => {
  const authorizerId = () => (s.ofType('AWS::ApiGatewayV2::Authorizer') as [[string, CfnResource]])[0][0];

  it('authorizes with a JWT authorizer trusting the user pool and the portal client', () => {
    const [[poolId]] = s.ofType('AWS::Cognito::UserPool') as [[string, CfnResource]];
    const [[clientId]] = s.ofType('AWS::Cognito::UserPoolClient') as [[string, CfnResource]];
    s.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [ref(clientId)],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', ref('AWS::Region'), '.', ref('AWS::URLSuffix'), '/', ref(poolId)]] },
      },
    });
  });

  it('leaves exactly the public routes of the wirings without the authorizer', () => {
    const declaredAuth = new Map(contexts.flatMap((c) => c.api?.routes ?? []).map((r) => [routeKey(r), r.auth]));
    const routes = s.ofType('AWS::ApiGatewayV2::Route');
    expect(routes).toHaveLength(declaredAuth.size);
    for (const [id, route] of routes) {
      const auth = declaredAuth.get(route.Properties.RouteKey);
      expect(auth, `${id} ${route.Properties.RouteKey} is declared`).toBeDefined();
      if (auth === 'public') {
        expect([undefined, 'NONE'], route.Properties.RouteKey).toContain(route.Properties.AuthorizationType);
        expect(route.Properties.AuthorizerId, route.Properties.RouteKey).toBeUndefined();
      } else {
        expect(route.Properties, route.Properties.RouteKey).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: ref(authorizerId()) });
      }
    }
  });

  it('logs every request as JSON on the default stage, throttles, and allows the configured origins', () => {
    const [[, stage]] = s.ofType('AWS::ApiGatewayV2::Stage') as [[string, CfnResource]];
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) },
    });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
      sub: '$context.authorizer.claims.sub',
    });
    expect(s.resources[target(stage.Properties.AccessLogSettings.DestinationArn)!]?.Type).toBe('AWS::Logs::LogGroup');
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://portal.example.com'] }) });
  });

  it('alarms on any 5xx', () => {
    const [[apiId]] = s.ofType('AWS::ApiGatewayV2::Api') as [[string, CfnResource]];
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5xx',
      Namespace: 'AWS/ApiGateway',
      Dimensions: [{ Name: 'ApiId', Value: ref(apiId) }],
      Threshold: 0,
    });
  });
});

describe('the user pool', () => {
  it('has one group per role', () => {
    expect(
      s
        .ofType('AWS::Cognito::UserPoolGroup')
        .map(([, g]) => g.Properties.GroupName)
        .sort(),
    ).toEqual([...ROLES].sort());
  });

  it('signs in by e-mail alias, admits no self sign-up, has a strong password policy, optional TOTP and the Essentials plan', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AliasAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'ESSENTIALS',
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
      },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'partnerId', AttributeDataType: 'String', Mutable: true })]),
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: Match.anyValue(), LambdaVersion: 'V2_0' } },
    });
  });

  it('has a public SRP client that cannot change a user’s partner id', () => {
    const [[, client]] = s.ofType('AWS::Cognito::UserPoolClient') as [[string, CfnResource]];
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
    });
    expect(client.Properties.WriteAttributes).toBeDefined();
    expect(client.Properties.WriteAttributes).not.toContain('custom:partnerId');
    expect(client.Properties.WriteAttributes).not.toContain('email');
  });
});

describe('alarms and outputs', () => {
  it('sends every alarm to the encrypted, TLS-only topic, which mails the configured address', () => {
    const [[topicId, topic]] = s.ofType('AWS::SNS::Topic') as [[string, CfnResource]];
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    for (const [id, alarm] of s.ofType('AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties.AlarmActions, id).toEqual([ref(topicId)]);
    }
    s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: ref(topicId) });
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('alarms when the relay falls behind the stream', () => {
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Namespace: 'AWS/Lambda', Statistic: 'Maximum' });
  });

  it('outputs what a deployment needs', () => {
    const outputs = Object.keys(s.template.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'DocsUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'EventBusName']));
  });
});
