import { request as httpRequest } from 'node:http';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { SignJWT, generateKeyPair } from 'jose';
import { expect } from 'vitest';
import type { ManualClock } from '@channelbase/core';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER, type LocalStack, localClient } from '@channelbase/local';
import { applicationBody } from '../support/onboarding.ts';
import { type ApiResponse, type TestStack, checked } from '../support/stack.ts';

/** Helpers shared by the reliability suites (not a test file). */

export const PROBLEM = 'https://channelbase.dev/problems/';

/**
 * Asserts an RFC 9457 problem answer: status, media type, stable `type`, and (for validation
 * failures) that one of `errors[].path` is the given field path.
 */
export function expectProblem(res: ApiResponse, status: number, type: string, path?: string): void {
  const summary = `${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, summary).toBe(status);
  expect(res.headers.get('content-type'), summary).toContain('application/problem+json');
  expect(res.body, summary).toMatchObject({ type: `${PROBLEM}${type}`, status, title: expect.any(String), detail: expect.any(String) });
  if (path !== undefined) {
    const paths = ((res.body?.errors ?? []) as { path: string }[]).map((e) => e.path);
    expect(paths, summary).toContain(path);
  }
}

/**
 * A request over node:http, which (unlike fetch) can send a body with GET and any header
 * bytes; used for protocol-level malformations.
 */
export function rawRequest(url: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(',') : v);
          try {
            resolve(checked(url, method, path, { status: res.statusCode ?? 0, headers: h, body: parsed, text }));
          } catch (err) {
            reject(err as Error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * A token shaped exactly like a local access token (issuer, client id, claims) but signed
 * with a key the API has never seen.
 */
export async function foreignKeyToken(claims: Record<string, unknown> = {}): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ 'cognito:groups': ['vendor-admin'], token_use: 'access', client_id: LOCAL_CLIENT_ID, username: 'intruder', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'local-foreign' })
    .setSubject('intruder')
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(privateKey);
}

/** Reads one item of the stack's table directly (not through the API). */
export async function getItem(stack: LocalStack, pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
  const client = localClient(stack.dynamoEndpoint);
  try {
    const { Item } = await client.send(new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }));
    return Item ? unmarshall(Item) : undefined;
  } finally {
    client.destroy();
  }
}

/** Flips one character of a string at `index` (to another character of the base64url alphabet). */
export const flipChar = (s: string, index: number): string => {
  const c = s[index];
  return `${s.slice(0, index)}${c === 'A' ? 'B' : 'A'}${s.slice(index + 1)}`;
};

/**
 * Sends a request to a throttled route (POST /applications) until the route's bucket admits it:
 * on a 429 the stack's manual clock moves on by Retry-After, as waiting would, and `send` (which
 * should come from a fresh `t.applicant()` each time) goes again. Any other answer is returned.
 */
export async function admitted(clock: ManualClock, send: () => Promise<ApiResponse>, attempts = 5): Promise<ApiResponse> {
  for (let attempt = 1; ; attempt++) {
    const res = await send();
    // Only the rate limits: a cap on open applications (too-many-open-applications) is an answer to check.
    if (res.status !== 429 || !String(res.body?.type).endsWith('/too-many-requests') || attempt >= attempts) return res;
    clock.advance({ seconds: Number(res.headers.get('retry-after') ?? '1') });
  }
}

/** Submits an application as a fresh anonymous applicant (202 expected); returns its id. */
export async function submitApplication(t: TestStack, body: unknown = applicationBody()): Promise<string> {
  const res = await admitted(t.stack.clock, () => t.applicant().call('POST', '/applications', { body }));
  expect(res.status, res.text).toBe(202);
  return res.body.id as string;
}

/** Well-formed ids that were never created. */
export const UNKNOWN_PARTNER = 'ptr_01ARZ3NDEKTSV4RRFFQ69G5FAV';
export const UNKNOWN_USER = 'usr_01ARZ3NDEKTSV4RRFFQ69G5FAV';
export const UNKNOWN_AGREEMENT = 'agr_01ARZ3NDEKTSV4RRFFQ69G5FAV';
export const UNKNOWN_APPLICATION = 'app_01ARZ3NDEKTSV4RRFFQ69G5FAV';
