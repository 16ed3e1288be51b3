import { CfnOutput, SecretValue, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { ContextWiring } from '@channelbase/platform/wiring';
import type { StackConfig } from './config.ts';
import { Api } from './constructs/api.ts';
import { Auth } from './constructs/auth.ts';
import { Bus } from './constructs/bus.ts';
import type { ContextConstruct } from './constructs/context.ts';
import { OperationsDashboard } from './constructs/dashboard.ts';
import { Observability } from './constructs/observability.ts';
import { ChannelbaseTable } from './constructs/table.ts';
import { buildContext } from './contexts/index.ts';

export interface ChannelbaseStackProps extends StackProps {
  config: StackConfig;
  /** Every bounded context's wiring (functions/contexts.ts): the only list of what runs where. */
  wirings: readonly ContextWiring[];
}

/**
 * Everything Channelbase runs in one AWS account and region: the table, the user pool, the
 * HTTP API, the event bus with the outbox relay, and one construct per bounded context.
 */
export class ChannelbaseStack extends Stack {
  readonly table: ChannelbaseTable;
  readonly auth: Auth;
  readonly api: Api;
  readonly bus: Bus;
  readonly observability: Observability;
  readonly contexts: ContextConstruct[];
  readonly dashboard: OperationsDashboard;

  constructor(scope: Construct, id: string, props: ChannelbaseStackProps) {
    const { config, wirings, ...stackProps } = props;
    super(scope, id, { description: `Channelbase partner relationship management (${config.stage})`, ...stackProps });
    Tags.of(this).add('channelbase:stage', config.stage);

    this.observability = new Observability(this, 'Observability', { stage: config.stage, ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}) });
    this.table = new ChannelbaseTable(this, 'Data', config.existingTable ? { existing: config.existingTable } : {});
    this.auth = new Auth(this, 'Auth', {
      stage: config.stage,
      logRetentionDays: config.logRetentionDays,
      observability: this.observability,
      table: this.table,
      invitationDays: config.invitationDays,
      ...(config.ses ? { ses: config.ses } : {}),
    });
    this.api = new Api(this, 'Api', {
      stage: config.stage,
      corsOrigins: config.corsOrigins,
      logRetentionDays: config.logRetentionDays,
      issuer: this.auth.issuer,
      audience: this.auth.client.userPoolClientId,
      observability: this.observability,
    });

    // The HMAC key of list cursors. CloudFormation resolves it into the functions'
    // environment at deployment (see docs/infrastructure.md for the trade-off).
    const cursorKey = new Secret(this, 'CursorKey', {
      description: `Channelbase ${config.stage}: HMAC key that makes list cursors tamper-evident`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(cursorKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The cursor key is resolved into the function configuration at deployment, so automatic rotation would not reach the functions; rotate by putting a new value and deploying with its version id, the previous one still accepted for a grace period (docs/operations.md).',
    });
    // A named version makes CloudFormation read the secret again (it re-reads a dynamic reference only when the reference changes).
    const cursorKeyOf = (versionId: string | undefined) =>
      (versionId ? SecretValue.secretsManager(cursorKey.secretArn, { versionId }) : cursorKey.secretValue).unsafeUnwrap();
    const runtime = { TABLE_NAME: this.table.table.tableName, STAGE: config.stage, INVITATION_DAYS: String(config.invitationDays) };

    this.bus = new Bus(this, 'Bus', {
      stage: config.stage,
      table: this.table.table,
      environment: runtime,
      logRetentionDays: config.logRetentionDays,
      observability: this.observability,
      relayConcurrency: config.relayConcurrency,
    });
    const environment = { ...runtime, EVENT_BUS_NAME: this.bus.eventBus.eventBusName };

    // Only the API functions sign list cursors, so only they see the key.
    const apiEnvironment: Record<string, string> = {
      ...environment,
      CURSOR_KEY: cursorKeyOf(config.cursorKey?.version),
      // During a rotation: cursors signed with the previous key are still accepted (packages/platform/src/http/cursor.ts).
      ...(config.cursorKey?.previousVersion ? { CURSOR_KEY_PREVIOUS: cursorKeyOf(config.cursorKey.previousVersion) } : {}),
    };
    const shared = {
      config,
      table: this.table,
      bus: this.bus,
      api: this.api,
      auth: this.auth,
      observability: this.observability,
      environment,
      apiEnvironment,
      wirings,
    };
    this.contexts = wirings.map((wiring) => buildContext(this, { wiring, shared }));
    // Last, so that it finds every function, queue, workflow and alarm built above.
    this.dashboard = new OperationsDashboard(this, 'Operations', {
      stage: config.stage,
      api: this.api,
      bus: this.bus,
      observability: this.observability,
      root: this,
    });

    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('ApiUrl', this.api.url, 'The HTTP API base URL');
    output('DocsUrl', `${this.api.url}docs`, 'The API reference page');
    output('UserPoolId', this.auth.userPool.userPoolId, 'The Cognito user pool (users, groups = roles)');
    output('UserPoolClientId', this.auth.client.userPoolClientId, 'The app client portals sign in with (SRP, no secret)');
    output('TableName', this.table.table.tableName, 'The single DynamoDB table');
    output('EventBusName', this.bus.eventBus.eventBusName, 'The EventBridge bus every domain event is published on');
    output('AlarmTopicArn', this.observability.topic.topicArn, 'The SNS topic every alarm notifies');
    output('CursorKeySecretArn', cursorKey.secretArn, 'The Secrets Manager secret of the list-cursor HMAC key (docs/operations.md: rotating it)');
    output('DashboardName', this.dashboard.dashboard.dashboardName, 'The CloudWatch dashboard of this stage (docs/operations.md)');
  }
}
