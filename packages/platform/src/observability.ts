import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';

/** Created once per process and shared by every handler (Powertools' recommended shape). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'channelbase' });
export const metrics = new Metrics({ namespace: 'Channelbase', serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'channelbase' });

/**
 * The one observability chain of every Lambda handler, in this order: the logger (the Lambda
 * context and the X-Ray trace id in every line, keys appended by the last invocation cleared)
 * and the metrics (flushed as EMF at the end). Add the handler's own middlewares and its handler
 * to what this returns.
 *
 * Tracing is Lambda's own active tracing (infra sets it on every function): X-Ray records each
 * invocation's segment, and the AWS SDK passes the trace header on to DynamoDB, EventBridge and
 * the consumers downstream (its recursion-detection middleware), so a request stays one trace.
 * There is no X-Ray SDK in the bundles: it cost about 100 KB per bundle, a process-wide async hook
 * that slowed every `await`, and it could record responses, which carry personal data.
 * @example export const handler = observed<SQSEvent, SQSBatchResponse>().handler(run);
 */
export function observed<Event, Result>(): middy.MiddyfiedHandler<Event, Result> {
  return middy<Event, Result>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics));
}
