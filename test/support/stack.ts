import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Role } from '@channelbase/core';
import { type LocalStack, type TokenRequest, localClient, startLocalStack } from '@channelbase/local';
import { contract } from './contract.ts';

export interface Caller {
  token: string;
  /** Calls the API with this caller's token. */
  call(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<ApiResponse>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read JSON of many shapes
  text: string;
}

export interface TestStack {
  stack: LocalStack;
  url: string;
  /** A caller with the given roles (and partner, for partner roles). */
  as(roles: Role | Role[], extra?: Partial<TokenRequest>): Promise<Caller>;
  anonymous: Caller;
  /**
   * An anonymous caller from a loopback address of its own (all of 127/8 is loopback on Linux),
   * as distinct applicants are: per-source limits of public routes count each separately.
   */
  applicant(): Caller;
  /** Items in this file's table (a test-only scan: proves a bad request wrote nothing). */
  itemCount(): Promise<number>;
}

export async function request(
  url: string,
  token: string | undefined,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; raw?: string; from?: string } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers };
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.from) return checked(url, method, path, await requestFrom(options.from, new URL(path, url), method, headers, body));
  const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return checked(url, method, path, { status: res.status, headers: res.headers, body: parsed, text });
}

/** Every response a test receives is checked against openapi.json (test/support/contract.ts): no test can forget it. */
export function checked(url: string, method: string, path: string, res: ApiResponse): ApiResponse {
  contract(url).check(method, path, res);
  return res;
}

/** A request from a chosen local address (fetch cannot bind one). */
function requestFrom(from: string, url: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        localAddress: from,
        agent: false,
        headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(',') : v);
          let parsed: unknown = undefined;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: h, body: parsed, text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let applicants = 0;

/**
 * Starts the local stack for one test file, on the run's DynamoDB Local and a fresh table.
 * @example const t = useStack(); it('...', async () => { const admin = await t.as('vendor-admin'); ... });
 */
export function useStack(): TestStack {
  const ctx = {} as TestStack;
  beforeAll(async () => {
    const stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `test-${randomUUID()}`, port: 0 });
    const caller = (token: string | undefined): Caller => ({ token: token ?? '', call: (m, p, o) => request(stack.url, token, m, p, o) });
    Object.assign(ctx, {
      stack,
      url: stack.url,
      anonymous: caller(undefined),
      applicant(): Caller {
        const n = ++applicants;
        const from = `127.${100 + (process.pid % 100)}.${(n >> 8) & 255}.${n & 255 || 1}`;
        return { token: '', call: (m, p, o) => request(stack.url, undefined, m, p, { ...o, from }) };
      },
      async as(roles: Role | Role[], extra: Partial<TokenRequest> = {}) {
        const list = Array.isArray(roles) ? roles : [roles];
        return caller(await stack.token({ sub: extra.sub ?? `test-${list.join('+')}-${randomUUID().slice(0, 8)}`, roles: list, ...extra }));
      },
      async itemCount() {
        // DynamoDB Local answers DescribeTable's ItemCount from its store at once (DynamoDB itself
        // refreshes it about every six hours): one call instead of a Scan of the whole table.
        const client = localClient(stack.dynamoEndpoint);
        try {
          return (await client.send(new DescribeTableCommand({ TableName: stack.tableName }))).Table?.ItemCount ?? 0;
        } finally {
          client.destroy();
        }
      },
    } satisfies TestStack);
  });
  afterAll(() => (ctx.stack ? stopAndDropTable(ctx.stack) : undefined));
  return ctx;
}

/** Drops a test file's table: the run's one DynamoDB Local stays small, each file's table goes with the file. */
export async function dropTable(endpoint: string, tableName: string): Promise<void> {
  const client = localClient(endpoint);
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
}

/** Stops a test's local stack and drops its table. */
export async function stopAndDropTable(stack: LocalStack): Promise<void> {
  await stack.stop();
  await dropTable(stack.dynamoEndpoint, stack.tableName);
}

/** A valid partner creation body; override fields per test. */
export const partnerBody = (overrides: Record<string, unknown> = {}) => ({
  legalName: `Acme ${randomUUID().slice(0, 6)} Ltd`,
  webDomain: `acme-${randomUUID().slice(0, 6)}.example`,
  country: 'GB',
  type: 'reseller',
  ...overrides,
});
