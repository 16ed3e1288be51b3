import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { localClient } from '@channelbase/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaEsbuildOptions } from '../../infra/bundling.ts';
import { partnerBody, useStack } from '../support/stack.ts';

const run = promisify(execFile);
const t = useStack();
const REPO = join(import.meta.dirname, '../..');

/** Loads a bundle with Node's own ESM loader, as Lambda does, and invokes it with each event. */
const RUNNER = `
const [bundle, eventsJson] = process.argv.slice(2);
const { handler } = await import(bundle);
const context = { functionName: 'bundle-test', awsRequestId: 'r', getRemainingTimeInMillis: () => 10000 };
const results = [];
for (const event of JSON.parse(eventsJson)) results.push(await handler(event, context));
console.log('RESULT ' + JSON.stringify(results));
`;

let dir: string;
const bundles: Record<string, string> = {};

beforeAll(async () => {
  // Outside the repository, so nothing can resolve from node_modules: what is not bundled fails.
  dir = mkdtempSync(join(tmpdir(), 'channelbase-bundles-'));
  writeFileSync(join(dir, 'runner.mjs'), RUNNER);
  for (const [name, entry] of Object.entries({ partners: 'functions/partners/api.ts', provision: 'functions/partners/provision-identity.ts' })) {
    bundles[name] = join(dir, name, 'index.mjs');
    await build({ ...lambdaEsbuildOptions, entryPoints: [join(REPO, entry)], outfile: bundles[name], absWorkingDir: REPO });
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function invoke(bundle: string, events: unknown[]): Promise<any[]> { // eslint-disable-line @typescript-eslint/no-explicit-any -- Lambda results of several shapes
  const { stdout } = await run(process.execPath, [join(dir, 'runner.mjs'), bundle, JSON.stringify(events)], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      TABLE_NAME: t.stack.tableName,
      DYNAMODB_ENDPOINT: t.stack.dynamoEndpoint,
      CURSOR_KEY: 'bundle-test',
      AWS_REGION: 'local',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  expect(line, stdout).toBeDefined();
  return JSON.parse(line!.slice('RESULT '.length));
}

const apiEvent = (routeKey: string, rawPath: string, options: { body?: unknown; pathParameters?: Record<string, string>; headers?: Record<string, string> } = {}) => ({
  version: '2.0',
  routeKey,
  rawPath,
  rawQueryString: '',
  headers: { 'content-type': 'application/json', ...options.headers },
  ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
  requestContext: {
    http: { method: routeKey.split(' ')[0], path: rawPath },
    authorizer: { jwt: { claims: { sub: 'bundle-admin', token_use: 'access', 'cognito:groups': '[vendor-admin]' }, scopes: null } },
    routeKey,
  },
  ...(options.body ? { body: JSON.stringify(options.body), isBase64Encoded: false } : { isBase64Encoded: false }),
});

describe('the Lambda bundles as deployed (esbuild, ESM) serve real requests', () => {
  // Keeps the promise that what CDK deploys runs: a dependency that esbuild cannot bundle,
  // or an ESM/CommonJS mismatch, fails here rather than in AWS.
  it('creates a partner idempotently and reads it back through the partners API bundle', async () => {
    const create = apiEvent('POST /partners', '/partners', { body: partnerBody({ legalName: 'Bundled Ltd' }), headers: { 'idempotency-key': 'bundle-create-1' } });
    const [first, replay] = await invoke(bundles.partners!, [create, create]);
    expect(first.statusCode).toBe(201);
    expect(replay).toEqual(first);
    const partner = JSON.parse(first.body);
    const [read] = await invoke(bundles.partners!, [apiEvent('GET /partners/{id}', `/partners/${partner.id}`, { pathParameters: { id: partner.id } })]);
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body)).toEqual(partner);
    // The local stack reads the same table: the bundle wrote the real thing.
    const admin = await t.as('vendor-admin');
    expect((await admin.call('GET', `/partners/${partner.id}`)).body.legalName).toBe('Bundled Ltd');
  });

  it('consumes a PartnerUserAdded event through the provision-identity bundle', async () => {
    const admin = await t.as('vendor-admin');
    const partner = (await admin.call('POST', '/partners', { body: partnerBody() })).body;
    await admin.call('POST', `/partners/${partner.id}/users`, { body: { email: 'bundle@x.example', givenName: 'B', familyName: 'U', roles: ['partner-user'] } });
    await t.stack.drain();
    const added = t.stack.bus.published.find((e) => e['detail-type'] === 'PartnerUserAdded' && e.detail.partnerId === partner.id)!;
    // The in-process consumer applied the event once already; the bundle gets one it has not seen.
    const fresh = { ...added, detail: { ...added.detail, eventId: 'evt_01JD40A1B2C3D4E5F6G7H8J9K1' } };
    const record = { messageId: 'm1', receiptHandle: 'm1', body: JSON.stringify(fresh), attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:local:0:q', awsRegion: 'local' };
    const [result, again] = await invoke(bundles.provision!, [{ Records: [record] }, { Records: [record] }]);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    const userId = (added.detail.data as { user: { id: string } }).user.id;
    const client = localClient(t.stack.dynamoEndpoint);
    const { Item } = await client.send(new GetItemCommand({ TableName: t.stack.tableName, Key: { pk: { S: `PARTNER#${partner.id}` }, sk: { S: `IDENTITY#${userId}` } } }));
    client.destroy();
    expect(Item?.provisionCount?.N).toBe('2'); // once in process, once by the bundle; its redelivery did nothing
  });
});
