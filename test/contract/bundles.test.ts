import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { localClient } from '@channelbase/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextWiring } from '@channelbase/platform/wiring';
import { contexts } from '../../functions/contexts.ts';
import { LAMBDA_ENTRY_FILE, bundleLambda } from '../../infra/bundling.ts';
import { partnerBody, useStack } from '../support/stack.ts';

const run = promisify(execFile);
const t = useStack();
const REPO = join(import.meta.dirname, '../..');

/** Loads a bundle with Node's own ESM loader, as Lambda does, and invokes it with each event. */
const RUNNER = `
const [bundle, eventsJson] = process.argv.slice(2);
const { handler } = await import(bundle);
if (typeof handler !== 'function') throw new Error(bundle + ' exports no handler');
const context = { functionName: 'bundle-test', awsRequestId: 'r', getRemainingTimeInMillis: () => 10000 };
const results = [];
for (const event of JSON.parse(eventsJson)) results.push(await handler(event, context));
console.log('RESULT ' + JSON.stringify(results));
`;

/** Every workflow the wirings declare: each step entry is bundled and loaded like the others. */
const workflows = (contexts as readonly ContextWiring[]).flatMap((c) => (c.workflows ?? []).map((w) => ({ ...w, name: `${c.name}.${w.id}` })));
/** The test workflow's step (test/infra/workflows.test.ts declares it): begins, waits a day, ends. */
const FIXTURE_STEP = 'test/infra/fixtures/workflow-step.ts';

let dir: string;
const bundles: Record<string, string> = {};

beforeAll(async () => {
  // Outside the repository, so nothing can resolve from node_modules: what is not bundled fails.
  dir = mkdtempSync(join(tmpdir(), 'channelbase-bundles-'));
  writeFileSync(join(dir, 'runner.mjs'), RUNNER);
  const entries = {
    partners: 'functions/partners/api.ts',
    provision: 'functions/partners/provision-identity.ts',
    step: FIXTURE_STEP,
    ...Object.fromEntries(workflows.map((w) => [w.name, w.entry])),
  };
  for (const [name, entry] of Object.entries(entries)) {
    bundles[name] = join(dir, name, LAMBDA_ENTRY_FILE);
    await bundleLambda(REPO, entry, join(dir, name));
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Lambda results of several shapes
async function invoke(bundle: string, events: unknown[]): Promise<any[]> {
  const { stdout } = await run(process.execPath, [join(dir, 'runner.mjs'), bundle, JSON.stringify(events)], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      TABLE_NAME: t.stack.tableName,
      DYNAMODB_ENDPOINT: t.stack.dynamoEndpoint,
      CURSOR_KEY: 'bundle-test',
      AWS_REGION: 'local',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    },
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  expect(line, stdout).toBeDefined();
  return JSON.parse(line!.slice('RESULT '.length));
}

const apiEvent = (
  routeKey: string,
  rawPath: string,
  options: { body?: unknown; pathParameters?: Record<string, string>; headers?: Record<string, string> } = {},
) => ({
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
    const create = apiEvent('POST /partners', '/partners', {
      body: partnerBody({ legalName: 'Bundled Ltd' }),
      headers: { 'idempotency-key': 'bundle-create-1' },
    });
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
    await admin.call('POST', `/partners/${partner.id}/users`, {
      body: { email: 'bundle@x.example', givenName: 'B', familyName: 'U', roles: ['partner-user'] },
    });
    await t.stack.drain();
    const added = t.stack.bus.published.find((e) => e['detail-type'] === 'PartnerUserAdded' && e.detail.partnerId === partner.id)!;
    // The in-process consumer applied the event once already; the bundle gets one it has not seen.
    const fresh = { ...added, detail: { ...added.detail, eventId: 'evt_01JD40A1B2C3D4E5F6G7H8J9K1' } };
    const record = {
      messageId: 'm1',
      receiptHandle: 'm1',
      body: JSON.stringify(fresh),
      attributes: {},
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:0:q',
      awsRegion: 'local',
    };
    const [result, again] = await invoke(bundles.provision!, [{ Records: [record] }, { Records: [record] }]);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    const userId = (added.detail.data as { user: { id: string } }).user.id;
    const client = localClient(t.stack.dynamoEndpoint);
    const { Item } = await client.send(
      new GetItemCommand({ TableName: t.stack.tableName, Key: { pk: { S: `PARTNER#${partner.id}` }, sk: { S: `IDENTITY#${userId}` } } }),
    );
    client.destroy();
    expect(Item?.provisionCount?.N).toBe('2'); // once in process, once by the bundle; its redelivery did nothing
  });

  it('runs a workflow step through its bundle: the start event gives the first wait, that state the end', async () => {
    const event = {
      version: '0',
      id: 'b7f7c1a2-0000-4000-8000-000000000001',
      'detail-type': 'ReminderRequested',
      source: 'channelbase.reminders',
      account: '123456789012',
      time: '2026-03-02T09:00:00Z',
      region: 'eu-west-1',
      resources: [],
      detail: { eventId: 'evt_01JD40A1B2C3D4E5F6G7H8J9K2', occurredAt: '2026-03-02T09:00:00.000Z', actor: { type: 'system' }, data: {} },
    };
    // What Step Functions passes: `{ event }` first, then each state the step returned.
    const [first] = await invoke(bundles.step!, [{ event }]);
    expect(first).toEqual({ done: false, step: 'remind', wakeAt: '2026-03-03T09:00:00.000Z', eventId: event.detail.eventId });
    const [second] = await invoke(bundles.step!, [first]);
    expect(second).toEqual({ done: true });
  });

  it('bundles and loads the step of every workflow the wirings declare', async () => {
    // Each workflow a wiring declares is checked here as it is added, without changing this test.
    for (const workflow of workflows) {
      expect(await invoke(bundles[workflow.name]!, []), workflow.name).toEqual([]);
    }
  });
});
