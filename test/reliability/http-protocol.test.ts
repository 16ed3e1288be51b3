import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/stack.ts';
import { partnerBody, useStack } from '../support/stack.ts';
import { publishAgreement } from '../support/onboarding.ts';
import { expectProblem, rawRequest, submitApplication } from './helpers.ts';
import { KICK_OFF, matrixSettings } from './matrix-fixtures.ts';

/**
 * HTTP semantics at the edges of the pipeline: `If-Match: *`, `{}` where a command takes no body,
 * methods a path does not declare, and request heads beyond the gateway's limit.
 */

const t = useStack();

let vendor: Caller;
let partner: { id: string; etag: string };
/** A partner as onboarding makes it: approved, its agreement offered (not yet accepted), and its admin. */
let onboarded: { id: string; agreementId: string; admin: Caller };

/** A call with a raw body of the given media type. */
const raw = (caller: Caller, method: string, path: string, text: string, contentType = 'application/json') =>
  caller.call(method, path, { raw: text, headers: { 'content-type': contentType } });

beforeAll(async () => {
  vendor = await t.as('vendor-admin');
  const created = await vendor.call('POST', '/partners', { body: partnerBody() });
  expect(created.status, created.text).toBe(201);
  partner = { id: created.body.id, etag: created.headers.get('etag')! };

  await publishAgreement(vendor);
  const current = await vendor.call('GET', '/programme/onboarding');
  const put = await vendor.call('PUT', '/programme/onboarding', {
    body: matrixSettings,
    headers: { 'if-match': current.headers.get('etag')! },
  });
  expect(put.status, put.text).toBe(200);
  const applicationId = await submitApplication(t);
  const approved = await vendor.call('POST', `/applications/${applicationId}/approve`, { body: { note: 'HTTP protocol suite' } });
  expect(approved.status, approved.text).toBe(200);
  const { partnerId: id, adminUserId } = approved.body.decision as { partnerId: string; adminUserId: string };
  const offers = await vendor.call('GET', `/partners/${id}/agreements`);
  const admin = await t.as('partner-admin', { partnerId: id, userId: adminUserId, sub: adminUserId });
  onboarded = { id, agreementId: offers.body.items[0].agreementId as string, admin };
});

describe('If-Match: * is refused: updates need the specific ETag', () => {
  // Promise: `*` would make an update unconditional (a lost update); it is 428 and changes nothing.
  it('PATCH /partners/{id} with If-Match: * is 428 and leaves the partner as it was', async () => {
    const count = await t.itemCount();
    const res = await vendor.call('PATCH', `/partners/${partner.id}`, { body: { displayName: 'Starred' }, headers: { 'if-match': '*' } });
    expectProblem(res, 428, 'precondition-required');
    expect(res.body.detail).toMatch(/\* is not accepted/);
    expect(await t.itemCount()).toBe(count);
    const after = await vendor.call('GET', `/partners/${partner.id}`);
    expect(after.headers.get('etag')).toBe(partner.etag);
    expect(after.body.displayName).not.toBe('Starred');
  });

  // Promise: the same on a singleton record (onboarding settings), whatever version is current.
  it('PUT /programme/onboarding with If-Match: * is 428', async () => {
    const before = await vendor.call('GET', '/programme/onboarding');
    const { updatedAt: _u, version: _v, ...body } = before.body as Record<string, unknown>;
    const res = await vendor.call('PUT', '/programme/onboarding', { body: { ...body, reviewSlaDays: 9 }, headers: { 'if-match': '*' } });
    expectProblem(res, 428, 'precondition-required');
    const after = await vendor.call('GET', '/programme/onboarding');
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
  });

  // Promise: the ETag of the last GET still works after a refused `*`.
  it('the specific ETag is accepted', async () => {
    const res = await vendor.call('PATCH', `/partners/${partner.id}`, { body: { leadCapacity: 7 }, headers: { 'if-match': partner.etag } });
    expect(res.status, res.text).toBe(200);
    partner.etag = res.headers.get('etag')!;
  });
});

describe('a command without a body accepts no body or {} as JSON', () => {
  // Promise: `{}` with a JSON content type counts as no body on a command.
  it('POST …/agreements/{agreementId}/accept with {} accepts the agreement', async () => {
    const res = await raw(onboarded.admin, 'POST', `/partners/${onboarded.id}/agreements/${onboarded.agreementId}/accept`, '{}');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ agreementId: onboarded.agreementId, status: 'accepted' });
  });

  // Promise: whitespace around and inside `{}` is still an empty object; a JSON media type with parameters or a +json suffix is JSON.
  it('POST …/checklist/{itemId}/complete with { } (whitespace, charset) completes the item', async () => {
    const res = await raw(
      vendor,
      'POST',
      `/partners/${onboarded.id}/onboarding/items/${KICK_OFF.id}/complete`,
      ' \n{ \t}\r\n',
      'application/json; charset=utf-8',
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toContainEqual(expect.objectContaining({ id: KICK_OFF.id, done: true }));
  });

  // Promise: anything but an empty JSON object, or `{}` not sent as JSON, is still 400 and writes nothing.
  it.each([
    ['an object with a member', '{"x":1}', 'application/json'],
    ['an empty array', '[]', 'application/json'],
    ['null', 'null', 'application/json'],
    ['two empty objects', '{}{}', 'application/json'],
    ['{} as text/plain', '{}', 'text/plain'],
    ['{} without a content type', '{}', ''],
  ])('%s is 400 validation-failed', async (_name, text, type) => {
    const count = await t.itemCount();
    const path = `/partners/${onboarded.id}/agreements/${onboarded.agreementId}/accept`;
    const res = type ? await raw(onboarded.admin, 'POST', path, text, type) : await onboarded.admin.call('POST', path, { raw: text, headers: {} });
    expectProblem(res, 400, 'validation-failed', 'body');
    expect(await t.itemCount()).toBe(count);
  });

  // Promise: a GET takes no body at all, not even `{}`.
  it('GET /me with {} is still 400', async () => {
    const res = await rawRequest(t.url, 'GET', '/me', { authorization: `Bearer ${vendor.token}`, 'content-type': 'application/json' }, '{}');
    expectProblem(res, 400, 'validation-failed', 'body');
  });
});

describe('a method the path does not declare is 404, as API Gateway answers', () => {
  // Promise: an undeclared route key is 404 not-found (problem+json), never 405 or a handler call.
  it.each([
    ['DELETE', () => `/partners/${partner.id}`],
    ['PUT', () => '/partners'],
    ['POST', () => `/partners/${partner.id}`],
  ])('%s on a declared path is 404', async (method, path) => {
    const count = await t.itemCount();
    const res = await vendor.call(method, path(), method === 'DELETE' ? {} : { body: partnerBody() });
    expectProblem(res, 404, 'not-found');
    expect(res.headers.get('allow')).toBeNull();
    expect(await t.itemCount()).toBe(count);
  });
});

describe('a request head beyond the gateway limit is a problem answer', () => {
  // Promise: a 20 KB query string is 414 problem+json naming the limit, not Node's empty 431.
  it('a 20 KB query string is 414 uri-too-long', async () => {
    const res = await rawRequest(t.url, 'GET', `/partners?cursor=${'x'.repeat(20 * 1024)}`, { authorization: `Bearer ${vendor.token}` });
    expectProblem(res, 414, 'uri-too-long');
    expect(res.body.detail).toMatch(/10240 bytes/);
  });

  // Promise: headers that push the head past 10 240 bytes are 431, like the gateway's quota.
  it('11 KB of header values are 431 headers-too-large', async () => {
    const res = await rawRequest(t.url, 'GET', '/me', { authorization: `Bearer ${vendor.token}`, 'x-padding': 'p'.repeat(11 * 1024) });
    expectProblem(res, 431, 'headers-too-large');
  });

  // Promise: beyond what Node parses at all (64 KB), the answer is still a 431 problem, not an empty one.
  it('a 70 KB header is 431 problem+json from the parser guard', async () => {
    const res = await rawRequest(t.url, 'GET', '/me', { 'x-padding': 'p'.repeat(70 * 1024) });
    expectProblem(res, 431, 'headers-too-large');
  });

  // Promise: a head just within the limit is served as usual.
  it('a 9 KB query string is served', async () => {
    const res = await vendor.call('GET', `/partners?country=GB&x=${'y'.repeat(9 * 1024)}`);
    expect(res.status).not.toBe(414);
    expect(res.status).not.toBe(431);
  });
});
