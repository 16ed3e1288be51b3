import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';

/** Created once per process and shared by every handler (Powertools' recommended shape). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'channelbase' });
export const metrics = new Metrics({ namespace: 'Channelbase', serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'channelbase' });
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'channelbase' });

/**
 * The tracer middleware's options. Responses are never recorded in a trace: they carry contact
 * e-mails, phone numbers and user lists, and X-Ray is no place for personal data. (The Lambda
 * environment also sets POWERTOOLS_TRACER_CAPTURE_RESPONSE=false, for the tracer's other paths.)
 */
export const TRACER_MIDDLEWARE_OPTIONS = { captureResponse: false } as const;

/**
 * The one observability chain of every Lambda handler, in this order: the tracer (a segment per
 * invocation, cold start annotated, no response captured), the logger (the Lambda context in
 * every line, keys appended by the last invocation cleared) and the metrics (flushed as EMF at
 * the end). Add the handler's own middlewares and its handler to what this returns.
 * @example export const handler = observed<SQSEvent, SQSBatchResponse>().handler(run);
 */
export function observed<Event, Result>(): middy.MiddyfiedHandler<Event, Result> {
  return middy<Event, Result>()
    .use(captureLambdaHandler(tracer, TRACER_MIDDLEWARE_OPTIONS))
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics));
}
