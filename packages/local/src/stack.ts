import './local-env.ts';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '@channelbase/core';
import { type ContextWiring, problem, systemClock, useClock } from '@channelbase/platform';
import { LocalBus } from './bus.ts';
import { type DynamoLocal, ensureTable, localClient, localHost, startDynamoLocal } from './dynamo.ts';
import { LocalRelay } from './relay.ts';
import { createLocalServer } from './server.ts';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER, LocalIssuer, type TokenRequest, tokenRequestSchema } from './tokens.ts';
import { LocalWorkflows } from './workflows.ts';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { localSignInKey } from '../../../functions/partners/identity.ts';

/** Imports every handler module once (Node caches them for the server and the bus). */
const preloadHandlers = (wirings: readonly ContextWiring[]) =>
  Promise.all(
    wirings
      .flatMap((w) => [...(w.api ? [w.api.entry] : []), ...w.subscriptions.map((s) => s.entry), ...(w.workflows ?? []).map((f) => f.entry)])
      .map((entry) => import(join(REPO_ROOT, entry))),
  );

/** The repository root: handler entries in the wirings are relative to it. */
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');

export interface LocalStackOptions {
  /** Port of the API; 0 picks a free one. */
  port?: number;
  /** Address of the API (and DynamoDB Local); default `localHost()`: 127.0.0.1 unless CHANNELBASE_HOST says otherwise. */
  host?: string;
  /** Keep data (and the token signing key) here; without it, everything is in memory. */
  dataDir?: string;
  /** Use a DynamoDB Local that is already running instead of starting one. */
  dynamoEndpoint?: string;
  tableName?: string;
  /** How often the relay reads the stream and due workflow steps run; 0 leaves both to `drain()` (tests). */
  relayIntervalMs?: number;
  /** A clock to move forward; by default a manual clock starting at the wall clock. */
  clock?: ManualClock;
  wirings?: readonly ContextWiring[];
  /**
   * Whether `GET /health` answers 200 as soon as the stack is up (the default). `false`: it
   * answers 503 (a problem, `Retry-After: 1`) until `markReady()`, so that a client waiting on
   * /health sees what the rest of startup writes (`npm start` seeds the demo data first).
   */
  ready?: boolean;
}

export interface LocalStack {
  url: string;
  dynamoEndpoint: string;
  tableName: string;
  clock: ManualClock;
  bus: LocalBus;
  /** The workflow engine: instances start from the bus, timers live in the table. */
  workflows: LocalWorkflows;
  issuer: LocalIssuer;
  /** Signs a local token (as POST /local/tokens does). */
  token(request: TokenRequest): Promise<string>;
  /**
   * Relays and delivers every pending event and runs every workflow step due by `clock`, until
   * nothing new happens; returns how many events were published and steps ran.
   */
  drain(): Promise<number>;
  /** Whether /health answers 200 (see LocalStackOptions.ready). */
  readonly ready: boolean;
  /** From now on /health answers 200. */
  markReady(): void;
  stop(): Promise<void>;
}

/** Host names a request to the local API may name for `/local/tokens`: loopback only, on the API's port. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Whether a `Host` header names this machine's loopback interface and the API's own port. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const value = host.toLowerCase();
  // A client leaves out the port only when it is the scheme's default.
  return LOOPBACK_NAMES.some((name) => value === `${name}:${port}` || (port === 80 && value === name));
}

/** What `/local/tokens` answers to a request naming another host (a DNS-rebinding page, a proxy). */
export const misdirected = (port: number) =>
  problem(
    421,
    'misdirected-request',
    `Local tokens are issued only to requests for localhost:${port}, 127.0.0.1:${port} or [::1]:${port} (the Host header names another host)`,
  );

/** What /health answers while the local stack is still starting. */
export const notReady = () =>
  problem(503, 'not-ready', 'The local stack is still starting (e.g. seeding the demo data); retry in a second', [], { 'retry-after': '1' });

/**
 * Starts the local runtime: DynamoDB Local and the table, the API server with local tokens,
 * the outbox relay, the in-process bus and the workflow engine. Handlers read their
 * configuration from the environment, as in Lambda, so one stack runs per process.
 * @example const stack = await startLocalStack({ port: 0 }); await fetch(`${stack.url}/health`);
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const clock = options.clock ?? new ManualClock(systemClock);
  const tableName = options.tableName ?? 'channelbase-local';
  // The JVM takes seconds to boot: load the wirings and every handler meanwhile.
  const host = options.host ?? localHost();
  const starting = options.dynamoEndpoint ? undefined : startDynamoLocal({ host, ...(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {}) });
  const { contexts } = options.wirings ? { contexts: options.wirings } : await import('../../../functions/contexts.ts');
  const preloading = preloadHandlers(contexts);
  const dynamoLocal: DynamoLocal | undefined = await starting;
  const endpoint = options.dynamoEndpoint ?? dynamoLocal!.endpoint;
  await preloading;
  const dynamo = dynamoLocal?.client ?? localClient(endpoint);
  await ensureTable(dynamo, tableName);

  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    EVENT_BUS_NAME: 'channelbase-local',
    CURSOR_KEY: process.env.CURSOR_KEY ?? 'local-cursor-key-not-secret',
    STAGE: 'local',
    AWS_REGION: 'local',
  });
  useClock(clock);

  /**
   * Mints a token; one for a user id also counts as that user's sign-in (the local directory's
   * `hasSignedIn`: an invitation is accepted once a token was minted for the user).
   */
  const signIn = async (req: TokenRequest): Promise<string> => {
    const token = await issuer.issue(req);
    if (req.userId) {
      const key = localSignInKey(req.userId);
      await dynamo.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { pk: { S: key.pk }, sk: { S: key.sk }, kind: { S: 'local-signin' }, at: { S: clock.now().toISOString() } },
        }),
      );
    }
    return token;
  };

  const issuer = await LocalIssuer.create(clock, options.dataDir ? join(options.dataDir, 'signing-key.json') : undefined);
  const bus = new LocalBus(contexts, REPO_ROOT, clock);
  const workflows = new LocalWorkflows({ wirings: contexts, root: REPO_ROOT, clock, dynamo, tableName, bus });
  const relay = new LocalRelay(dynamo, endpoint, tableName, (e) => bus.publish(e));
  let ready = options.ready ?? true;
  let port = 0;

  const server = createLocalServer({
    wirings: contexts,
    root: REPO_ROOT,
    issuer,
    clock,
    local: async (req, res, body) => {
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      // In AWS /health answers whenever its Lambda does; locally it waits for the whole startup.
      if (path === '/health' && !ready) {
        const result = notReady();
        res.writeHead(result.statusCode, result.headers).end(result.body);
        return true;
      }
      if (path === '/local/jwks.json' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(issuer.jwks));
        return true;
      }
      if (path === '/local/tokens' && req.method === 'POST') {
        // Anyone who can reach this mints tokens of any role: only a page of this very origin may
        // (a DNS-rebound page sends its own host name in Host).
        if (!isLoopbackHost(req.headers.host, port)) {
          const result = misdirected(port);
          res.writeHead(result.statusCode, result.headers).end(result.body);
          return true;
        }
        let input: unknown;
        try {
          input = JSON.parse(body || '{}');
        } catch {
          input = undefined;
        }
        const parsed = tokenRequestSchema.safeParse(input);
        if (!parsed.success) {
          const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
          res.writeHead(400, { 'content-type': 'application/problem+json' }).end(
            JSON.stringify({
              type: 'https://channelbase.dev/problems/validation-failed',
              title: 'Bad Request',
              status: 400,
              detail: 'Not a valid token request',
              errors,
            }),
          );
          return true;
        }
        try {
          const token = await signIn(parsed.data);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, issuer: LOCAL_ISSUER, clientId: LOCAL_CLIENT_ID }));
        } catch (err) {
          res
            .writeHead(400, { 'content-type': 'application/problem+json' })
            .end(
              JSON.stringify({ type: 'https://channelbase.dev/problems/validation-failed', title: 'Bad Request', status: 400, detail: (err as Error).message }),
            );
        }
        return true;
      }
      return false;
    },
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => done());
  });
  const address = server.address() as AddressInfo;
  port = address.port;
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${address.port}`;

  let pumping: Promise<number> | undefined;
  const pumpOnce = () => (pumping ??= relay.pump().finally(() => (pumping = undefined)));
  const drain = async () => {
    let total = 0;
    for (let round = 0; round < 50; round++) {
      const n = (await pumpOnce()) + (await workflows.runDue());
      total += n;
      if (n === 0) return total;
    }
    return total;
  };
  // One run of due steps at a time: a slow step must not queue up a run per tick.
  let firing: Promise<void> | undefined;
  const tick = () => {
    void pumpOnce().catch((err: unknown) => console.error('relay: will retry:', (err as Error).message));
    firing ??= workflows
      .runDue()
      .then(
        () => undefined,
        (err: unknown) => console.error('workflows: will retry:', (err as Error).message),
      )
      .finally(() => (firing = undefined));
  };
  const timer = options.relayIntervalMs && options.relayIntervalMs > 0 ? setInterval(tick, options.relayIntervalMs) : undefined;

  return {
    url,
    dynamoEndpoint: endpoint,
    tableName,
    clock,
    bus,
    workflows,
    issuer,
    token: signIn,
    drain,
    get ready() {
      return ready;
    },
    markReady() {
      ready = true;
    },
    async stop() {
      if (timer) clearInterval(timer);
      await pumping?.catch(() => 0);
      await workflows.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(() => r(undefined)));
      relay.close();
      if (dynamoLocal) await dynamoLocal.stop();
      else dynamo.destroy();
    },
  };
}
