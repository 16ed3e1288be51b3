import { ArnFormat, Aws, type CfnElement, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type IEventBus, Rule, RuleTargetInput, type RuleTargetInputProperties } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { Policy, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  Errors,
  JitterType,
  LogLevel,
  Pass,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { WorkflowSpec } from '@channelbase/platform/wiring';
import { ChannelbaseFunction } from './function.ts';
import type { Observability } from './observability.ts';
import { DeadLetterQueue } from './queues.ts';
import { declareUnscoped } from './unscoped.ts';
import { DELIVERY_RETRY } from './subscription.ts';

/** A step gets this long; it reads and writes a few items and may publish through the outbox. */
export const STEP_TIMEOUT = Duration.seconds(30);

/** Lambda errors that say nothing about the step itself: the service failed or throttled. */
const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

/** X-Ray and CloudWatch Logs vended delivery: actions with no resource-level permissions. */
const TRACING_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];
const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

/**
 * `{ "event": <the whole EventBridge event> }`: EventBridge's predefined variable
 * `aws.events.event.json` is the complete event, `detail` included.
 */
class StartInput extends RuleTargetInput {
  constructor() {
    super();
  }
  bind(): RuleTargetInputProperties {
    return { inputTemplate: '{"event": <aws.events.event.json>}' };
  }
}

export interface WorkflowProps {
  context: string;
  spec: WorkflowSpec;
  eventBus: IEventBus;
  environment: Record<string, string>;
  logRetentionDays: number;
  observability: Observability;
}

/** The label of a fan-out's Map Run: its child executions are `<state machine>/<label>:<id>`. */
const FAN_OUT_LABEL = 'branches';

/**
 * One workflow of a wiring: an EventBridge rule for `startedBy` (with a retry policy and a
 * dead-letter queue for events it could not deliver) starts a Step Functions Standard
 * execution with `{ event }`; the state machine invokes the step Lambda, ends when it answers
 * `done`, otherwise waits until the `wakeAt` it returned and invokes it again with that state.
 * A Standard execution lasts at most one year (and 25,000 history events), so a workflow must
 * finish within that; see docs/infrastructure.md, "Workflows and time". A workflow whose spec
 * declares `fanOut` also runs a state with `fanOut` as a Distributed Map: each branch a child
 * execution (wait until its `wakeAt`, run the step, until it answers done), then the step
 * `then` with what the state carried and the branches' outputs (WorkflowFanOut).
 */
export class Workflow extends Construct {
  readonly step: ChannelbaseFunction;
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;
  readonly rule: Rule;
  readonly undelivered: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const { spec } = props;
    const what = `${props.context}.${spec.id}`;

    this.step = new ChannelbaseFunction(this, 'Step', {
      entry: spec.entry,
      description: `${what} workflow step: ${spec.description}`.slice(0, 256),
      service: props.context,
      timeout: STEP_TIMEOUT,
      environment: props.environment,
      logRetentionDays: props.logRetentionDays,
      observability: props.observability,
    });

    const invokeStep = (id: string) => {
      const task = new LambdaInvoke(this, id, {
        lambdaFunction: this.step.fn,
        payload: TaskInput.fromJsonPathAt('$'),
        outputPath: '$.Payload',
        retryOnServiceExceptions: false,
      });
      task.addRetry({ errors: LAMBDA_SERVICE_ERRORS, interval: Duration.seconds(2), maxAttempts: 6, backoffRate: 2, jitterStrategy: JitterType.FULL });
      // Anything else (a dependency's hiccup, a timeout): a few more tries, then the execution fails and alarms.
      task.addRetry({ errors: [Errors.TASKS_FAILED], interval: Duration.seconds(10), maxAttempts: 3, backoffRate: 2, jitterStrategy: JitterType.FULL });
      return task;
    };
    const invoke = invokeStep('Run step');
    const wait = new Wait(this, 'Wait until wakeAt', { time: WaitTime.timestampPath('$.wakeAt') });
    const decide = new Choice(this, 'Done?').when(Condition.booleanEquals('$.done', true), new Succeed(this, 'Done'));
    let fanOut: DistributedMap | undefined;
    if (spec.fanOut) {
      const branchWait = new Wait(this, 'Branch: wait until wakeAt', { time: WaitTime.timestampPath('$.wakeAt') });
      const branch = branchWait
        .next(invokeStep('Branch: run step'))
        .next(new Choice(this, 'Branch done?').when(Condition.booleanEquals('$.done', true), new Succeed(this, 'Branch done')).otherwise(branchWait));
      fanOut = new DistributedMap(this, 'Fan out', {
        itemsPath: '$.fanOut.branches',
        maxConcurrency: spec.fanOut.maxConcurrency,
        resultPath: '$.fanOut.outputs',
        label: FAN_OUT_LABEL,
      });
      fanOut.itemProcessor(branch);
      const fanIn = new Pass(this, 'Fan in', {
        parameters: { 'step.$': '$.fanOut.then', 'wakeAt.$': '$$.State.EnteredTime', 'carry.$': '$.fanOut.carry', 'outputs.$': '$.fanOut.outputs' },
      });
      decide.when(Condition.isPresent('$.fanOut'), fanOut.next(fanIn).next(invoke));
    }
    const definition = invoke.next(decide.otherwise(wait.next(invoke)));

    // Under /aws/vendedlogs/ so that CloudWatch Logs does not grow its account-wide resource
    // policy for each state machine; the stack's unique id keeps the name of a retained group
    // from blocking a stack created again after `cdk destroy`.
    const stackUuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}/${what}-${stackUuid}`,
      retention: props.logRetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An explicit role, like the functions': CDK's grant for a LambdaInvoke task would also
    // cover every version and alias (`<arn>:*`), which this state machine never invokes.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('states.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: `Runs the ${what} workflow`,
      inlinePolicies: {
        Workflow: new PolicyDocument({
          statements: [
            new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.step.fn.functionArn] }),
            new PolicyStatement({ actions: TRACING_ACTIONS, resources: ['*'] }),
            new PolicyStatement({ actions: LOG_DELIVERY_ACTIONS, resources: ['*'] }),
          ],
        }),
      },
    });
    declareUnscoped(role, {
      by: 'X-Ray tracing of the state machine',
      actions: TRACING_ACTIONS,
      reason: 'X-Ray supports no resource-level permissions for these actions',
    });
    declareUnscoped(role, {
      by: 'CloudWatch Logs vended log delivery of the state machine',
      actions: LOG_DELIVERY_ACTIONS,
      reason: 'log delivery and resource-policy actions support no resource-level permissions',
    });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      comment: `${what}: ${spec.description}`,
      definitionBody: DefinitionBody.fromChainable(definition),
      // The role above already holds everything; CDK's own statements are not added to it.
      role: role.withoutPolicyUpdates(),
      // Execution data would put partner contact details into the logs; states and errors suffice.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });

    // A Distributed Map starts, watches and may stop (or redrive) child executions of this very
    // machine: a policy of its own, since the role's inline policy cannot name the machine it runs.
    let fanOutPolicy: Policy | undefined;
    if (fanOut) {
      const executions = Stack.of(this).formatArn({
        service: 'states',
        resource: 'execution',
        resourceName: `${this.stateMachine.stateMachineName}/${FAN_OUT_LABEL}:*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      fanOutPolicy = new Policy(this, 'FanOutPolicy', {
        roles: [role],
        statements: [
          new PolicyStatement({ actions: ['states:StartExecution'], resources: [this.stateMachine.stateMachineArn] }),
          new PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution', 'states:RedriveExecution'], resources: [executions] }),
        ],
      });
      // CDK's own policy for a Distributed Map would also cover every execution of the machine (`<name>:*`): this one replaces it.
      this.stateMachine.node.tryRemoveChild('DistributedMapPolicy');
      const machineId = Stack.of(this).resolve((this.stateMachine.node.defaultChild as CfnElement).logicalId) as string;
      Validations.of(fanOutPolicy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<${machineId}.Name>/${FAN_OUT_LABEL}:*]`,
        reason: `The fan-out's child executions are named ${FAN_OUT_LABEL}:<id> by Step Functions at run time: the wildcard covers only this machine's Map Run executions`,
      });
    }

    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      observability: props.observability,
      deadLetterFor: `events EventBridge could not deliver to ${what}`,
      redriveTarget: false,
    });
    this.rule = new Rule(this, 'Rule', {
      eventBus: props.eventBus,
      description: `Starts ${what}: ${spec.description}`.slice(0, 512),
      eventPattern: { source: [spec.startedBy.source], detailType: [spec.startedBy.detailType] },
    });
    this.rule.addTarget(new SfnStateMachine(this.stateMachine, { input: new StartInput(), deadLetterQueue: this.undelivered.queue, ...DELIVERY_RETRY }));
    // No execution starts before the machine may run its fan-out.
    if (fanOutPolicy) this.rule.node.addDependency(fanOutPolicy);

    const period = Duration.minutes(5);
    props.observability.alarm(this, 'FailedAlarm', this.stateMachine.metricFailed({ period, statistic: 'Sum' }), `A ${what} workflow execution failed`);
    props.observability.alarm(this, 'TimedOutAlarm', this.stateMachine.metricTimedOut({ period, statistic: 'Sum' }), `A ${what} workflow execution timed out`);
  }
}
