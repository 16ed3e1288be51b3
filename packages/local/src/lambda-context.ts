import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * How long an in-process invocation (an API request, a consumer's batch, a workflow step) may run
 * before middy gives up on it with its early timeout (a 500): API Gateway's longest integration
 * timeout, 29 s, unless CHANNELBASE_INVOCATION_TIMEOUT_MS says otherwise. The tests raise it (in
 * vitest.config.ts): their files share one DynamoDB Local, and beside the heaviest of them one
 * request of a 50-way registration race took over 29 s. How long a test may take is vitest's to
 * judge (its testTimeout), not the handlers'.
 */
export const localInvocationTimeoutMs = (): number => Number(process.env.CHANNELBASE_INVOCATION_TIMEOUT_MS) || 29_000;

/** A Lambda context for in-process invocations. */
export function lambdaContext(functionName: string, timeoutMs = localInvocationTimeoutMs()): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
