import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand as DocumentScan } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '@channelbase/core';
import { type LocalStack, localClient, startLocalStack } from '@channelbase/local';
import { buildOpenApi } from '@channelbase/platform/http/openapi';
import { platformWiring } from '../../functions/platform/wiring.ts';
import { SIGNUPS_THROTTLE, throttleWiring } from '../fixtures/throttle/wiring.ts';
import { useContract } from '../support/contract.ts';
import { type ApiResponse, request, stopAndDropTable } from '../support/stack.ts';
import { expectProblem } from './helpers.ts';

/** Frozen unless a test moves it: the buckets refill only when a test says so. */
const clock = new ManualClock({ now: () => new Date('2026-03-02T09:00:00Z') });
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `test-${randomUUID()}`,
    port: 0,
    clock,
    wirings: [platformWiring, throttleWiring],
  });
  // The fixture's routes are not in openapi.json: its responses are checked against the fixture's own document.
  useContract(stack.url, buildOpenApi([platformWiring, throttleWiring], 'test'));
});
afterAll(() => (stack ? stopAndDropTable(stack) : undefined));

/**
 * POSTs JSON without a token from the given loopback address (on Linux all of 127/8 is
 * loopback, so each address is another source to the server's socket).
 */
const post = (from: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> =>
  request(stack.url, undefined, 'POST', path, { body, headers, from });

/** Items in the file's table: proves a refused request wrote nothing. */
async function itemCount(): Promise<number> {
  const client = localClient(stack.dynamoEndpoint);
  try {
    return (await client.send(new ScanCommand({ TableName: stack.tableName, Select: 'COUNT', ConsistentRead: true }))).Count ?? 0;
  } finally {
    client.destroy();
  }
}

/** The per-source counters in the table (a test-only scan). */
async function counters(): Promise<Record<string, unknown>[]> {
  const client = localClient(stack.dynamoEndpoint);
  try {
    const { Items = [] } = await DynamoDBDocumentClient.from(client).send(
      new DocumentScan({
        TableName: stack.tableName,
        ConsistentRead: true,
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': 'RATELIMIT#' },
      }),
    );
    return Items;
  } finally {
    client.destroy();
  }
}

const apply = (from: string, company = 'Acme', headers: Record<string, string> = {}) => post(from, '/fixture/applications', { company }, headers);
const statuses = (responses: ApiResponse[]) => responses.map((r) => r.status);

describe('the per-source limit of a throttled public route (3 a minute on the fixture POST /fixture/applications)', () => {
  // Promise: one address gets its allowance and no more; the refusal comes before the handler and writes nothing.
  it('admits 3 requests from an address; the 4th is a 429 problem with Retry-After that writes nothing; another address is unaffected', async () => {
    const admitted = [await apply('127.0.0.11'), await apply('127.0.0.11'), await apply('127.0.0.11')];
    expect(statuses(admitted)).toEqual([201, 201, 201]);
    expect(new Set(admitted.map((r) => r.body.id)).size).toBe(3);

    const before = await itemCount();
    const refused = await apply('127.0.0.11');
    expectProblem(refused, 429, 'too-many-requests');
    expect(refused.headers.get('retry-after')).toBe('60');
    // The gateway takes the socket's address: a forwarded-for header is no way around the limit.
    const spoofed = await apply('127.0.0.11', 'Acme', { 'x-forwarded-for': '203.0.113.9' });
    expectProblem(spoofed, 429, 'too-many-requests');
    expect(await itemCount()).toBe(before);

    expect((await apply('127.0.0.12')).status).toBe(201);
  });

  // Promise: the count is one item per route, source and minute in the table, kept by TTL shortly after its minute.
  it('keeps one counter item per source and minute, with the count and a TTL two minutes past the minute', async () => {
    const mine = (await counters()).filter((c) => String(c.pk).includes('#127.0.0.11#'));
    expect(mine).toEqual([
      {
        pk: 'RATELIMIT#apply#127.0.0.11#2026-03-02T09:00',
        sk: 'COUNT',
        kind: 'rate-limit-counter',
        count: 3,
        ttl: Date.parse('2026-03-02T09:01:00Z') / 1000 + 120,
      },
    ]);
  });

  // Promise: N concurrent requests from one address admit exactly the limit (the conditional update is atomic), the rest 429.
  it('admits exactly 3 of 12 concurrent requests from one address', async () => {
    const before = await itemCount();
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => apply('127.0.0.14', `Concurrent ${i}`)));
    expect(statuses(burst).sort()).toEqual([201, 201, 201, ...Array<number>(9).fill(429)]);
    for (const r of burst.filter((b) => b.status === 429)) expectProblem(r, 429, 'too-many-requests');
    // Three fixture items and one counter.
    expect(await itemCount()).toBe(before + 4);
  });

  // Promise: bad input is refused as such and counts nothing (it writes nothing); it does not use up the allowance.
  it('does not count a request whose body is invalid', async () => {
    for (let i = 0; i < 5; i++) expectProblem(await post('127.0.0.15', '/fixture/applications', { company: '' }), 400, 'validation-failed');
    expect(statuses([await apply('127.0.0.15'), await apply('127.0.0.15'), await apply('127.0.0.15'), await apply('127.0.0.15')])).toEqual([
      201, 201, 201, 429,
    ]);
  });

  // Promise: the window is the calendar minute on the stack's clock; at the next minute the address may send again.
  it('refuses until the minute turns, then admits a full allowance again', async () => {
    expect(statuses([await apply('127.0.0.13'), await apply('127.0.0.13'), await apply('127.0.0.13')])).toEqual([201, 201, 201]);
    clock.advance({ seconds: 45 });
    const early = await apply('127.0.0.13');
    expectProblem(early, 429, 'too-many-requests');
    expect(early.headers.get('retry-after')).toBe('15');

    clock.advance({ seconds: 15 });
    const before = await itemCount();
    const again = [await apply('127.0.0.13'), await apply('127.0.0.13'), await apply('127.0.0.13'), await apply('127.0.0.13')];
    expect(statuses(again)).toEqual([201, 201, 201, 429]);
    // Three fixture items and the new minute's counter.
    expect(await itemCount()).toBe(before + 4);
  });
});

describe(`the route-wide bucket (${SIGNUPS_THROTTLE.rateLimit}/s, burst ${SIGNUPS_THROTTLE.burstLimit} on POST /signups)`, () => {
  // Promise: as API Gateway's route throttling, a burst beyond burstLimit is refused whoever sends it, and the bucket refills at rateLimit.
  it('admits a concurrent burst up to burstLimit, refuses the rest from any address, then refills one request a second', async () => {
    const before = await itemCount();
    const burst = await Promise.all(
      Array.from({ length: SIGNUPS_THROTTLE.burstLimit + 2 }, (_, i) => post('127.0.0.21', '/signups', { company: `Burst ${i}` })),
    );
    expect(statuses(burst).sort()).toEqual([...Array<number>(SIGNUPS_THROTTLE.burstLimit).fill(201), 429, 429]);
    for (const r of burst.filter((b) => b.status === 429)) {
      expectProblem(r, 429, 'too-many-requests');
      expect(r.headers.get('retry-after')).toBe('1');
    }
    expectProblem(await post('127.0.0.22', '/signups', { company: 'Bystander' }), 429, 'too-many-requests');
    // The admitted requests and their address's counter; the gateway refused the others before the handler.
    expect(await itemCount()).toBe(before + SIGNUPS_THROTTLE.burstLimit + 1);

    clock.advance({ seconds: 1 });
    expect(statuses([await post('127.0.0.22', '/signups', { company: 'Later' }), await post('127.0.0.22', '/signups', { company: 'Later' })])).toEqual([
      201, 429,
    ]);
  });
});

describe('Idempotency-Key of anonymous callers', () => {
  // Promise: anonymous keys belong to their source address; two strangers with one key are two requests.
  it('the same key from two addresses with different bodies is two requests (not 422); from one address it still is 422', async () => {
    const key = randomUUID();
    const a = await apply('127.0.0.31', 'Alpha Ltd', { 'idempotency-key': key });
    const b = await apply('127.0.0.32', 'Beta Ltd', { 'idempotency-key': key });
    expect(statuses([a, b]), b.text).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    // Within one address the key keeps its meaning.
    expectProblem(await apply('127.0.0.31', 'Beta Ltd', { 'idempotency-key': key }), 422, 'idempotency-key-reused');
    // And a retry of the first request (its address's third this minute) gets the first answer.
    const retry = await apply('127.0.0.31', 'Alpha Ltd', { 'idempotency-key': key });
    expect({ status: retry.status, body: retry.text }).toEqual({ status: a.status, body: a.text });
  });
});
