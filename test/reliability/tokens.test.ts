import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { type CryptoKey, type JWK, type JWTPayload, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_CLIENT_ID, LOCAL_ISSUER, type LocalStack, startLocalStack } from '@channelbase/local';
import { partnerBody, request } from '../support/stack.ts';
import { expectProblem, foreignKeyToken } from './helpers.ts';

/**
 * This file runs its own stack whose signing key the test knows (the stack loads it from its
 * data folder), so it can forge tokens that differ from a valid one in exactly one claim.
 */
let stack: LocalStack;
let signingKey: CryptoKey;
let dataDir: string;
const KID = 'reliability-test-key';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'channelbase-tokens-'));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  signingKey = privateKey;
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: KID, alg: 'RS256', use: 'sig' };
  writeFileSync(join(dataDir, 'signing-key.json'), JSON.stringify(jwk));
  stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `test-${randomUUID()}`, dataDir, port: 0 });
});
afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const now = () => Math.floor(stack.clock.now().getTime() / 1000);

/** The claims of a valid local access token (as LocalIssuer issues them), for one deviation at a time. */
const accessClaims = (): JWTPayload & Record<string, unknown> => ({
  sub: 'forger',
  iss: LOCAL_ISSUER,
  client_id: LOCAL_CLIENT_ID,
  token_use: 'access',
  scope: 'aws.cognito.signin.user.admin',
  username: 'forger',
  'cognito:groups': ['vendor-admin'],
  auth_time: now(),
  iat: now(),
  exp: now() + 3600,
  jti: randomUUID(),
});

/** Signs claims with the stack's own key (undefined values are left out). */
const sign = (claims: Record<string, unknown>, header: { kid?: string } = { kid: KID }) =>
  new SignJWT(Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined))).setProtectedHeader({ alg: 'RS256', ...header }).sign(signingKey);

const me = (authorization?: string) => request(stack.url, undefined, 'GET', '/me', { headers: authorization === undefined ? {} : { authorization } });
const bearer = async (token: string | Promise<string>) => me(`Bearer ${await token}`);

describe('the forging kit is sound', () => {
  // Promise (control): a hand-signed token with the valid claims is accepted, so each 401 below is caused by its one deviation.
  it('a hand-signed valid access token is accepted', async () => {
    const res = await bearer(sign(accessClaims()));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ sub: 'forger', roles: ['vendor-admin'], isVendor: true });
  });
});

describe('a missing, expired or foreign token, or an ID token, is 401', () => {
  const unauthorized = (res: Awaited<ReturnType<typeof me>>) => {
    expectProblem(res, 401, 'unauthorized');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  };

  // Promise: no Authorization header → 401.
  it('no Authorization header', async () => {
    unauthorized(await me());
  });

  // Promise: a header that is not "Bearer <token>" → 401.
  it.each([
    ['empty', ''],
    ['scheme only', 'Bearer'],
    ['scheme and blank', 'Bearer    '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['two tokens', 'Bearer a.b.c d.e.f'],
    ['not a JWT', 'Bearer not-a-jwt'],
    ['JWT-shaped garbage', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl'],
  ])('malformed header: %s', async (_name, header) => {
    unauthorized(await me(header));
  });

  // Promise: a valid token header followed by junk is not a token.
  it('a good token with trailing junk in the header', async () => {
    const token = await stack.token({ sub: 'u', roles: ['vendor-admin'] });
    unauthorized(await me(`Bearer ${token} junk`));
    unauthorized(await me(`Bearer ${token.slice(0, -2)}`));
  });

  // Promise: an expired token → 401 (by the runtime clock); the same token is accepted again once the clock is back.
  it('expired token', async () => {
    const token = await stack.token({ sub: 'late', roles: ['vendor-admin'] });
    expect((await bearer(token)).status).toBe(200);
    stack.clock.advance({ hours: 2 });
    try {
      unauthorized(await bearer(token));
    } finally {
      stack.clock.advance({ hours: -2 });
    }
    expect((await bearer(token)).status).toBe(200);
  });

  // Promise: a token signed by another RSA key → 401, even with the right issuer and client.
  it('signed by another RSA key', async () => {
    unauthorized(await bearer(foreignKeyToken()));
  });

  // Promise: a token from another issuer → 401, even signed with the right key.
  it('from another issuer', async () => {
    unauthorized(await bearer(sign({ ...accessClaims(), iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other' })));
  });

  // Promise: a token for another app client (client_id, or aud of an ID-style token) → 401.
  it('for another client', async () => {
    unauthorized(await bearer(sign({ ...accessClaims(), client_id: 'another-client' })));
    unauthorized(await bearer(sign({ ...accessClaims(), client_id: undefined, aud: 'another-client' })));
    unauthorized(await bearer(sign({ ...accessClaims(), client_id: undefined })));
  });

  // Promise: an ID token where an access token is required → 401.
  it('an ID token', async () => {
    const idToken = await stack.token({ sub: 'id-user', roles: ['vendor-admin'], tokenUse: 'id' });
    unauthorized(await bearer(idToken));
    unauthorized(await bearer(sign({ ...accessClaims(), token_use: 'id' })));
    unauthorized(await bearer(sign({ ...accessClaims(), token_use: undefined })));
  });

  // Promise: an unsigned token (alg none) or one with a symmetric algorithm → 401.
  it('unsigned and HMAC tokens', async () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    unauthorized(await me(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(accessClaims())}.`));
    const hmac = await new SignJWT(accessClaims())
      .setProtectedHeader({ alg: 'HS256', kid: KID })
      .sign(new TextEncoder().encode('a-guessable-secret-of-32-bytes!!'));
    unauthorized(await bearer(hmac));
  });

  // Promise: a token that is not yet valid (nbf or iat in the future) → 401, as the API Gateway JWT authorizer checks.
  it('not yet valid: nbf or iat in the future', async () => {
    unauthorized(await bearer(sign({ ...accessClaims(), nbf: now() + 600 })));
    unauthorized(await bearer(sign({ ...accessClaims(), iat: now() + 600 })));
  });

  // Promise: the key id must name a key of the issuer's JWKS, as the API Gateway JWT authorizer checks.
  it('the right key under another or no key id', async () => {
    unauthorized(await bearer(sign(accessClaims(), { kid: 'another-key' })));
    unauthorized(await bearer(sign(accessClaims(), {})));
  });

  // Promise: a token without an expiry → 401 (the API Gateway JWT authorizer requires exp).
  it('without exp', async () => {
    unauthorized(await bearer(sign({ ...accessClaims(), exp: undefined })));
  });
});

describe('POST /local/tokens refuses bad requests', () => {
  const issue = (raw: string) => request(stack.url, undefined, 'POST', '/local/tokens', { raw, headers: { 'content-type': 'application/json' } });
  let PARTNER = 'ptr_01ARZ3NDEKTSV4RRFFQ69G5FAV';

  // Promise (control): a valid request gets a token the API accepts.
  it('a valid request gets a working token', async () => {
    // The status gate refuses a token whose partner does not exist, so this one names a real partner.
    const vendorToken = await stack.token({ sub: 'v', roles: ['vendor-admin'] });
    PARTNER = (await request(stack.url, vendorToken, 'POST', '/partners', { body: partnerBody() })).body.id;
    const res = await issue(JSON.stringify({ sub: 'ok', roles: ['partner-admin'], partnerId: PARTNER }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token: expect.any(String), issuer: LOCAL_ISSUER, clientId: LOCAL_CLIENT_ID });
    expect((await bearer(res.body.token)).body).toMatchObject({ sub: 'ok', partnerId: PARTNER, roles: ['partner-admin'] });
  });

  // Promise: a token request that is not valid → 400 problem, and no token.
  it.each([
    ['not JSON', '{"sub":'],
    ['empty body', ''],
    ['an array', '[]'],
    ['no sub', JSON.stringify({ roles: ['vendor-admin'] })],
    ['empty sub', JSON.stringify({ sub: '', roles: ['vendor-admin'] })],
    ['no roles', JSON.stringify({ sub: 'x' })],
    ['empty roles', JSON.stringify({ sub: 'x', roles: [] })],
    ['unknown role', JSON.stringify({ sub: 'x', roles: ['superuser'] })],
    ['partner role without partnerId', JSON.stringify({ sub: 'x', roles: ['partner-sales'] })],
    ['malformed partnerId', JSON.stringify({ sub: 'x', roles: ['partner-sales'], partnerId: 'ptr_1' })],
    ['malformed userId', JSON.stringify({ sub: 'x', roles: ['vendor-admin'], userId: 'bob' })],
    ['unknown field', JSON.stringify({ sub: 'x', roles: ['vendor-admin'], isAdmin: true })],
    ['zero lifetime', JSON.stringify({ sub: 'x', roles: ['vendor-admin'], expiresInSeconds: 0 })],
    ['lifetime over a week', JSON.stringify({ sub: 'x', roles: ['vendor-admin'], expiresInSeconds: 8 * 24 * 3600 })],
    ['refresh token', JSON.stringify({ sub: 'x', roles: ['vendor-admin'], tokenUse: 'refresh' })],
  ])('%s → 400', async (_name, raw) => {
    const res = await issue(raw);
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.token).toBeUndefined();
  });
});

describe('POST /local/tokens answers only requests for its own loopback origin (DNS rebinding)', () => {
  const port = () => new URL(stack.url).port;
  const issueFor = (host: string) =>
    request(stack.url, undefined, 'POST', '/local/tokens', {
      body: { sub: 'rebound', roles: ['vendor-admin'] },
      headers: { host },
      // node:http (fetch cannot set Host), from the loopback address a browser on this machine would use.
      from: '127.0.0.1',
    });

  // Promise (control): each loopback name with the API's port gets a token.
  it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])('Host %s:<port> → 200', async (name) => {
    const res = await issueFor(`${name}:${port()}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.token).toEqual(expect.any(String));
  });

  // Promise: a page whose name was re-pointed at 127.0.0.1 sends its own name as Host → 421 problem, no token.
  it.each([
    ['a rebound name with the port', () => `attacker.example:${port()}`],
    ['a rebound name without a port', () => 'attacker.example'],
    ['a name ending in localhost', () => `evil-localhost:${port()}`],
    ['localhost on another port', () => `localhost:${Number(port()) + 1}`],
    ['a loopback address without the port', () => '127.0.0.1'],
    ['another loopback address', () => `127.0.0.2:${port()}`],
  ])('%s → 421', async (_name, host) => {
    const res = await issueFor(host());
    expectProblem(res, 421, 'misdirected-request');
    expect(res.body.title).toBe('Misdirected Request');
    expect(res.body.token).toBeUndefined();
  });
});

describe('the local API and DynamoDB Local listen on loopback only', () => {
  /** Whether a TCP connection to host:port is accepted. */
  const accepts = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  // 127.0.0.2 is loopback too but not the bound address: a server on 0.0.0.0 would accept it; so would the machine's own addresses.
  const elsewhere = [
    '127.0.0.2',
    ...Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address),
  ];

  it.each([
    ['the API', () => Number(new URL(stack.url).port)],
    ['DynamoDB Local', () => Number(new URL(inject('dynamoEndpoint')).port)],
  ])('%s accepts 127.0.0.1 and refuses every other address', async (_name, port) => {
    expect(await accepts('127.0.0.1', port())).toBe(true);
    for (const host of elsewhere) expect(await accepts(host, port()), host).toBe(false);
  });
});
