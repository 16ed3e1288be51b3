import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/stack.ts';
import { partnerBody, useStack } from '../support/stack.ts';
import { expectProblem } from './helpers.ts';

/**
 * HTTP semantics at the edges of the pipeline: `If-Match: *`, `{}` where a command takes no body,
 * methods a path does not declare, and request heads beyond the gateway's limit.
 */

const t = useStack();

let vendor: Caller;
let partner: { id: string; etag: string };

beforeAll(async () => {
  vendor = await t.as('vendor-admin');
  const created = await vendor.call('POST', '/partners', { body: partnerBody() });
  expect(created.status, created.text).toBe(201);
  partner = { id: created.body.id, etag: created.headers.get('etag')! };
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
