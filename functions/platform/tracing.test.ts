// Powertools defaults first: the shared logger, metrics and tracer read them at import.
import '@channelbase/local/local-env';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '@channelbase/local/lambda-context';
import { createConsumer, createWorkflowStep, done, tracer } from '@channelbase/platform';
import { handler as apiHandler } from './api.ts';
import { handler as relayHandler } from './relay.ts';

// What a handler answers must never reach X-Ray: responses carry e-mails, phone numbers and user
// lists. With tracing switched on (and no real segment), every handler kind runs through its
// chain and the tracer is never handed the response.
const SECRET = 'ada@northwind.example';

let addResponse: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  vi.spyOn(tracer, 'isTracingEnabled').mockReturnValue(true);
  vi.spyOn(tracer, 'getSegment').mockReturnValue(undefined);
  vi.spyOn(tracer, 'annotateColdStart').mockImplementation(() => undefined);
  vi.spyOn(tracer, 'addServiceNameAnnotation').mockImplementation(() => undefined);
  vi.spyOn(tracer, 'addErrorAsMetadata').mockImplementation(() => undefined);
  addResponse = vi.spyOn(tracer, 'addResponseAsMetadata').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const busEvent = {
  id: 'bus-1',
  source: 'channelbase.test',
  'detail-type': 'Tested',
  time: '2026-11-01T00:00:00Z',
  detail: { eventId: 'evt_1', occurredAt: '2026-11-01T00:00:00Z', actor: { sub: 'u', roles: [] }, data: { email: SECRET } },
};

describe('the tracer records no response', () => {
  it('is a check that can fail: the default middleware does hand the response to the tracer', async () => {
    await middy(async () => ({ email: SECRET }))
      .use(captureLambdaHandler(tracer))
      .handler(async () => ({ email: SECRET }))({}, lambdaContext('control'));
    expect(addResponse).toHaveBeenCalledWith({ email: SECRET }, undefined);
  });

  it('in an HTTP API handler', async () => {
    // A context's own API handler (createApiHandler), on a public route that needs no table.
    const event = {
      routeKey: 'GET /openapi.json',
      rawPath: '/openapi.json',
      headers: {},
      requestContext: {},
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
    const response = await apiHandler(event, lambdaContext('api'));
    expect(response.statusCode).toBe(200);
    expect(tracer.isTracingEnabled).toHaveBeenCalled();
    expect(addResponse).not.toHaveBeenCalled();
  });

  it('in an event consumer', async () => {
    const seen: unknown[] = [];
    const handler = createConsumer('test.consumer', async (event) => void seen.push(event.detail.data));
    const event = { Records: [{ messageId: 'm1', body: JSON.stringify(busEvent), eventSource: 'aws:sqs' }] } as unknown as SQSEvent;
    expect(await handler(event, lambdaContext('consumer'))).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([{ email: SECRET }]);
    expect(addResponse).not.toHaveBeenCalled();
  });

  it('in a workflow step', async () => {
    const handler = createWorkflowStep('test.workflow', { begin: () => done(), steps: {} });
    expect(await handler({ event: busEvent }, lambdaContext('step'))).toEqual({ done: true });
    expect(addResponse).not.toHaveBeenCalled();
  });

  it('in the outbox relay', async () => {
    const event = { Records: [{ eventID: 'r1', eventName: 'MODIFY', dynamodb: {} }] } as unknown as DynamoDBStreamEvent;
    expect(await relayHandler(event, lambdaContext('relay'))).toEqual({ batchItemFailures: [] });
    expect(addResponse).not.toHaveBeenCalled();
  });
});
