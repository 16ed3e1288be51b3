import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type BundleAssets, LAMBDA_ENTRY_FILE, LAMBDA_NODE_TARGET, bundleLambdaSync, lambdaEsbuildOptions } from '../bundling.ts';
import type { Observability } from './observability.ts';
import { declareUnscoped } from './unscoped.ts';

/** The repository root: entries in the wirings are relative to it. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The newest Lambda Node.js runtime; infra/bundling.ts targets the same major version. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/**
 * The function's code: the entry bundled by the shared esbuild options (infra/bundling.ts) on
 * this machine (no Docker), with its chunks and the files it reads beside it. The asset is
 * hashed by its output, so an unchanged bundle is not uploaded again.
 */
export function lambdaCode(entry: string, assets?: BundleAssets): Code {
  return Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('channelbase-local-bundling-only'),
      // Never run either, but part of CDK's asset cache key: without the entry in it, every
      // function of the app would get the first function's bundle (`local` is not compared).
      command: ['bundle', entry, ...Object.entries(assets ?? {}).flat()],
      local: {
        tryBundle(outputDir) {
          bundleLambdaSync(REPO_ROOT, entry, outputDir, assets);
          return true;
        },
      },
    },
  });
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
  /** Files the handler reads from beside its bundle (the name in the asset → the file to copy). */
  assets?: BundleAssets;
}

/**
 * One Lambda function as every Channelbase function is run: Node.js on arm64, ESM bundle,
 * X-Ray tracing, JSON logs into its own log group with retention, an explicit role that can
 * write only to that log group, and an Errors alarm.
 */
export class ChannelbaseFunction extends Construct {
  readonly fn: LambdaFunction;
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

    if (lambdaEsbuildOptions.format !== 'esm') throw new Error('the handler setting below expects an ESM entry');
    this.fn = new LambdaFunction(this, 'Function', {
      code: lambdaCode(props.entry, props.assets),
      handler: `${LAMBDA_ENTRY_FILE.replace(/\.mjs$/, '')}.handler`,
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: 'Channelbase',
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
