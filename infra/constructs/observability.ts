import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AccountRootPrincipal, PolicyDocument, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface ObservabilityProps {
  stage: string;
  alarmEmail?: string;
}

/**
 * Alarms and where they go: one SNS topic (KMS-encrypted, TLS only, optionally an e-mail
 * subscription) that every alarm of the stack notifies.
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    // A customer managed key: CloudWatch can publish to a topic encrypted with it (not with aws/sns).
    // Its policy is explicit, so that each statement is limited to this account.
    const { account, partition, region } = Stack.of(this);
    const key = new Key(this, 'TopicKey', {
      description: `Channelbase ${props.stage} alarm topic`,
      enableKeyRotation: true,
      policy: new PolicyDocument({
        statements: [
          // CDK's default key administration statement (IAM policies of this account decide), for callers of this account only.
          new PolicyStatement({
            sid: 'AccountAdministers',
            principals: [new AccountRootPrincipal()],
            actions: ['kms:*'],
            resources: ['*'],
            conditions: { StringEquals: { 'kms:CallerAccount': account } },
          }),
          // CloudWatch encrypts the notifications of this account's alarms in this region, and of no other
          // account's (the confused deputy): aws:SourceAccount and aws:SourceArn are what CloudWatch sends.
          new PolicyStatement({
            sid: 'CloudWatchAlarmsOfThisAccount',
            principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
            actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            resources: ['*'],
            conditions: {
              StringEquals: { 'aws:SourceAccount': account },
              ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
            },
          }),
        ],
      }),
    });
    this.topic = new Topic(this, 'Topic', { displayName: `Channelbase ${props.stage} alarms`, masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);
  }

  /** Alarms as soon as a metric goes above the threshold (missing data is fine: nothing happened). */
  alarm(scope: Construct, id: string, metric: IMetric, description: string, threshold = 0, evaluationPeriods = 1): Alarm {
    const alarm = new Alarm(scope, id, {
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }

  /** Any error of a function. */
  alarmOnErrors(scope: Construct, fn: IFunction, what: string): Alarm {
    return this.alarm(scope, 'ErrorsAlarm', fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), `${what} failed at least once in 5 minutes`);
  }

  /** Any message in a dead-letter queue: something was not delivered or not consumed. */
  alarmOnDeadLetters(scope: Construct, queue: IQueue, what: string): Alarm {
    return this.alarm(
      scope,
      'MessagesAlarm',
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      `Dead letters waiting: ${what}`,
    );
  }
}
