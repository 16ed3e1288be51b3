import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, type ICommandHooks, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_NODE_TARGET, lambdaEsbuildOptions } from '../bundling.ts';
import type { Observability } from './observability.ts';
import { declareUnscoped } from './unscoped.ts';

/** The repository root: entries in the wirings are relative to it. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The newest Lambda Node.js runtime; infra/bundling.ts targets the same major version. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/**
 * The CDK form of the shared esbuild options (infra/bundling.ts): ESM, minified, for the
 * runtime's Node.js, bundled locally (no Docker), the AWS SDK included.
 */
export function lambdaBundling(commandHooks?: ICommandHooks): BundlingOptions {
  const o = lambdaEsbuildOptions;
  return {
    format: o.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
    target: o.target,
    minify: o.minify,
    sourceMap: o.sourcemap,
    mainFields: [...o.mainFields],
    banner: o.banner.js,
    externalModules: [...o.external],
    esbuildArgs: { '--tree-shaking': String(o.treeShaking), '--legal-comments': o.legalComments },
    forceDockerBundling: false,
    logLevel: LogLevel.WARNING,
    ...(commandHooks ? { commandHooks } : {}),
  };
}

export interface ChannelbaseFunctionProps {
  /** Module path from the repository root, as the wirings declare it. */
  entry: string;
  description: string;
  /** POWERTOOLS_SERVICE_NAME: the context (or platform part) the function belongs to. */
  service: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  logRetentionDays: number;
  observability: Observability;
  commandHooks?: ICommandHooks;
  /** Why further `Resource::*` statements on this function's role are unavoidable, if it has any. */
  wildcardReason?: string;
}

/**
 * One Lambda function as every Channelbase function is run: Node.js on arm64, ESM bundle,
 * X-Ray tracing, JSON logs into its own log group with retention, an explicit role that can
 * write only to that log group, and an Errors alarm.
 */
export class ChannelbaseFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ChannelbaseFunctionProps) {
    super(scope, id);
    if (LAMBDA_NODE_TARGET !== LAMBDA_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1')) {
      throw new Error(`infra/bundling.ts targets ${LAMBDA_NODE_TARGET} but functions run on ${LAMBDA_RUNTIME.name}`);
    }
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetentionDays, removalPolicy: RemovalPolicy.RETAIN });
    // An explicit role instead of AWSLambdaBasicExecutionRole: logs go to this group only.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Runs ${props.entry}` });
    this.role.addToPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }));

    this.fn = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      bundling: lambdaBundling(props.commandHooks),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: 'Channelbase',
        // A second guard beside the middleware's captureResponse: false: no response in a trace.
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        ...props.environment,
      },
    });
    // The one statement on Resource '*' that running a function adds; any other is declared where it is granted.
    declareUnscoped(this.role, {
      by: 'Active X-Ray tracing',
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      reason: 'X-Ray supports no resource-level permissions for these actions',
    });
    props.observability.alarmOnErrors(this, this.fn, props.entry);
  }
}
