// Powertools defaults first: the shared logger and metrics read them at import.
import '@channelbase/local/local-env';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '@channelbase/local/lambda-context';
import { createConsumer, createWorkflowStep, done, logger } from '@channelbase/platform';
import { handler as apiHandler } from './api.ts';

// Lambda's active tracing records each invocation; the logs must name the same trace, so that an
// operator goes from a log line to its trace and back. Every handler kind runs through observed().
const ROOT = '1-6756a1b2-0123456789abcdef01234567';
const TRACE_HEADER = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;

/** The logger prints through its own Console (a JSON line per call); capture what it prints. */
function captureLogs(): { lines: () => Record<string, unknown>[] } {
  const written: string[] = [];
  const out = (logger as unknown as { console: Console }).console;
  for (const method of ['warn', 'error', 'info'] as const) vi.spyOn(out, method).mockImplementation((line: unknown) => void written.push(String(line)));
  return { lines: () => written.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const busEvent = {
  id: 'bus-1',
  source: 'channelbase.test',
  'detail-type': 'Tested',
  time: '2026-11-01T00:00:00Z',
  detail: { eventId: 'evt_1', occurredAt: '2026-11-01T00:00:00Z', actor: { sub: 'u', roles: [] }, data: { n: 1 } },
};

// The suite logs errors only (and each invocation resets the level), so these lines are errors.
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env._X_AMZN_TRACE_ID;
});

describe('every log line names the invocation and its X-Ray trace', () => {
  it('in an event consumer', async () => {
    process.env._X_AMZN_TRACE_ID = TRACE_HEADER;
    const logs = captureLogs();
    const handler = createConsumer('test.consumer', async () => void logger.error('consumed'));
    const event = { Records: [{ messageId: 'm1', body: JSON.stringify(busEvent), eventSource: 'aws:sqs' }] } as unknown as SQSEvent;
    expect(await handler(event, lambdaContext('consumer'))).toEqual({ batchItemFailures: [] });
    const line = logs.lines().find((l) => l.message === 'consumed');
    expect(line).toMatchObject({ xray_trace_id: ROOT, function_name: 'consumer' });
  });

  it('in a workflow step', async () => {
    process.env._X_AMZN_TRACE_ID = TRACE_HEADER;
    const logs = captureLogs();
    const handler = createWorkflowStep('test.workflow', {
      begin: () => {
        logger.error('began');
        return done();
      },
      steps: {},
    });
    expect(await handler({ event: busEvent }, lambdaContext('step'))).toEqual({ done: true });
    expect(logs.lines().find((l) => l.message === 'began')).toMatchObject({ xray_trace_id: ROOT, function_name: 'step' });
  });

  it('in an HTTP API handler, whose failures are logged with the trace', async () => {
    process.env._X_AMZN_TRACE_ID = TRACE_HEADER;
    const logs = captureLogs();
    // A route the platform declares, with a malformed token: answered 401, and logged.
    const event = {
      routeKey: 'GET /me',
      rawPath: '/me',
      headers: {},
      requestContext: { authorizer: { jwt: { claims: {} } } },
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
    const response = await apiHandler(event, lambdaContext('api'));
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    logger.error('after');
    // Keys of the last invocation are cleared, the Lambda context stays for the next one.
    expect(logs.lines().find((l) => l.message === 'after')).toMatchObject({ xray_trace_id: ROOT });
  });

  it('is a check that can fail: without a trace header there is no trace id', async () => {
    const logs = captureLogs();
    logger.error('untraced');
    expect(logs.lines().find((l) => l.message === 'untraced')).not.toHaveProperty('xray_trace_id');
  });
});
