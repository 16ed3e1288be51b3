import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApiResponse, Caller } from '../support/stack.ts';
import { partnerBody, useStack } from '../support/stack.ts';
import { expectProblem } from './helpers.ts';

const t = useStack();

/** Everything a client can compare between two answers. */
const answer = (r: ApiResponse) => ({ status: r.status, body: r.text, location: r.headers.get('location'), etag: r.headers.get('etag') });

/**
 * A client that retries, as API.md asks, while the first request with its key is still in
 * progress (409 request-in-progress with Retry-After). Returns the final answer and every
 * answer on the way.
 */
async function sendUntilSettled(send: () => Promise<ApiResponse>): Promise<{ final: ApiResponse; seen: ApiResponse[] }> {
  const seen: ApiResponse[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const res = await send();
    seen.push(res);
    if (res.status !== 409 || res.body?.type !== 'https://channelbase.dev/problems/request-in-progress') return { final: res, seen };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('request stayed in progress');
}

const partnersIn = async (caller: Caller, country: string) =>
  (await caller.call('GET', `/partners?country=${country}&limit=200`)).body.items as { id: string }[];

describe('POST with an Idempotency-Key has one effect, however often it is sent', () => {
  // Promise: a retry with the same key and body returns the first response and has no second effect.
  it('the same POST /partners retried 10 times in sequence creates one partner; every answer is the first', async () => {
    const admin = await t.as('vendor-admin');
    const key = randomUUID();
    const body = partnerBody({ country: 'IS' });
    const before = await t.itemCount();
    const answers: ApiResponse[] = [];
    for (let i = 0; i < 10; i++) answers.push(await admin.call('POST', '/partners', { body, headers: { 'idempotency-key': key } }));
    expect(answers[0]!.status).toBe(201);
    for (const a of answers) expect(answer(a)).toEqual(answer(answers[0]!));
    expect((await partnersIn(admin, 'IS')).map((p) => p.id)).toEqual([answers[0]!.body.id]);
    // The partner, its two identity keys (domain, legal name), its outbox event, its audit entry
    // and the idempotency record: nothing more.
    expect(await t.itemCount()).toBe(before + 6);
  });

  // Promise: concurrent sends with one key still have one effect; every send that is answered gets the first response.
  it('the same POST /partners sent 10 times concurrently creates one partner; every settled answer is the same', async () => {
    const admin = await t.as('vendor-admin');
    const key = randomUUID();
    const body = partnerBody({ country: 'LI' });
    const runs = await Promise.all(
      Array.from({ length: 10 }, () => sendUntilSettled(() => admin.call('POST', '/partners', { body, headers: { 'idempotency-key': key } }))),
    );
    const finals = runs.map((r) => r.final);
    expect(finals[0]!.status).toBe(201);
    for (const f of finals) expect(answer(f)).toEqual(answer(finals[0]!));
    // On the way, the only other answer is "still in progress" — never a second partner, never a 5xx.
    for (const r of runs.flatMap((x) => x.seen).filter((s) => s.status !== 201)) {
      expectProblem(r, 409, 'request-in-progress');
      expect(r.headers.get('retry-after')).toBe('1');
    }
    const partners = await partnersIn(admin, 'LI');
    expect(partners.map((p) => p.id)).toEqual([finals[0]!.body.id]);
  });

  // Promise: the same key with another body is 422 and changes nothing.
  it('the same key with a different body is a 422 problem and creates nothing', async () => {
    const admin = await t.as('vendor-admin');
    const key = randomUUID();
    const body = partnerBody({ country: 'MC' });
    const first = await admin.call('POST', '/partners', { body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const count = await t.itemCount();
    const other = await admin.call('POST', '/partners', { body: { ...body, legalName: 'Something Else Ltd' }, headers: { 'idempotency-key': key } });
    expectProblem(other, 422, 'idempotency-key-reused');
    expect(await t.itemCount()).toBe(count);
    expect((await partnersIn(admin, 'MC')).map((p) => p.id)).toEqual([first.body.id]);
    // The key still answers its own request as the first time.
    expect(answer(await admin.call('POST', '/partners', { body, headers: { 'idempotency-key': key } }))).toEqual(answer(first));
  });

  // Promise: keys belong to their caller — the same key from another user is a different request.
  it('the same key from another caller is independent', async () => {
    const alice = await t.as('vendor-admin', { sub: `alice-${randomUUID()}` });
    const bob = await t.as('vendor-admin', { sub: `bob-${randomUUID()}` });
    const key = randomUUID();
    const body = partnerBody({ country: 'SM' });
    const a = await alice.call('POST', '/partners', { body, headers: { 'idempotency-key': key } });
    const b = await bob.call('POST', '/partners', { body, headers: { 'idempotency-key': key } });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    // Each caller's retry still gets its own first answer.
    expect(answer(await alice.call('POST', '/partners', { body, headers: { 'idempotency-key': key } }))).toEqual(answer(a));
    expect(answer(await bob.call('POST', '/partners', { body, headers: { 'idempotency-key': key } }))).toEqual(answer(b));
    expect((await partnersIn(alice, 'SM')).map((p) => p.id).sort()).toEqual([a.body.id, b.body.id].sort());
  });
});

describe('POST /partners/{id}/users with an Idempotency-Key', () => {
  const userBody = () => ({ email: `idem-${randomUUID().slice(0, 8)}@acme.example`, givenName: 'Ida', familyName: 'Empotent', roles: ['partner-sales'] });

  // Promise: a retried user addition returns the first 201, not a 409 for the e-mail it claimed itself.
  it('retried 10 times in sequence and 10 times concurrently adds one user, answering the first response each time', async () => {
    const admin = await t.as('vendor-admin');
    const { id } = (await admin.call('POST', '/partners', { body: partnerBody() })).body;
    const partnerAdmin = await t.as('partner-admin', { partnerId: id });
    const key = randomUUID();
    const body = userBody();
    const send = () => partnerAdmin.call('POST', `/partners/${id}/users`, { body, headers: { 'idempotency-key': key } });
    const sequential: ApiResponse[] = [];
    for (let i = 0; i < 10; i++) sequential.push(await send());
    expect(sequential[0]!.status).toBe(201);
    for (const a of sequential) expect(answer(a)).toEqual(answer(sequential[0]!));

    const key2 = randomUUID();
    const body2 = userBody();
    const runs = await Promise.all(
      Array.from({ length: 10 }, () =>
        sendUntilSettled(() => partnerAdmin.call('POST', `/partners/${id}/users`, { body: body2, headers: { 'idempotency-key': key2 } })),
      ),
    );
    expect(runs[0]!.final.status).toBe(201);
    for (const r of runs) expect(answer(r.final)).toEqual(answer(runs[0]!.final));
    for (const r of runs.flatMap((x) => x.seen).filter((s) => s.status !== 201)) expectProblem(r, 409, 'request-in-progress');

    const users = (await admin.call('GET', `/partners/${id}/users`)).body.items as { id: string; email: string }[];
    expect(users.map((u) => u.email).sort()).toEqual([body.email, body2.email].sort());
  });

  // Promise: the same key with another user body is 422; from another caller it is independent.
  it('the same key with another body is 422; the same key from another caller adds its own user', async () => {
    const admin = await t.as('vendor-admin');
    const { id } = (await admin.call('POST', '/partners', { body: partnerBody() })).body;
    const partnerAdmin = await t.as('partner-admin', { partnerId: id });
    const key = randomUUID();
    const first = await partnerAdmin.call('POST', `/partners/${id}/users`, { body: userBody(), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const count = await t.itemCount();
    expectProblem(
      await partnerAdmin.call('POST', `/partners/${id}/users`, { body: userBody(), headers: { 'idempotency-key': key } }),
      422,
      'idempotency-key-reused',
    );
    expect(await t.itemCount()).toBe(count);

    const other = await admin.call('POST', `/partners/${id}/users`, { body: userBody(), headers: { 'idempotency-key': key } });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    expect((await admin.call('GET', `/partners/${id}/users`)).body.items).toHaveLength(2);
  });
});
