import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { partnerBody, useStack } from '../support/stack.ts';

const t = useStack();

type Entry = { action: string; subject: string; changes: { field: string; from: unknown; to: unknown }[] };

describe('concurrent writes keep every change or refuse it; none is lost', () => {
  // Promise: optimistic locking — of 20 PATCHes with one ETag exactly one wins, the others get 412, and the record holds only the winner's change.
  it('20 concurrent PATCHes with the same ETag: one 200, nineteen 412, no lost update', async () => {
    const admin = await t.as('vendor-admin');
    const created = await admin.call('POST', '/partners', { body: partnerBody({ leadCapacity: 1 }) });
    const { id } = created.body;
    const etag = created.headers.get('etag')!;

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin
          .call('PATCH', `/partners/${id}`, { body: { displayName: `Writer ${i}`, leadCapacity: 100 + i }, headers: { 'if-match': etag } })
          .then((res) => ({ i, res })),
      ),
    );
    const statuses = results.map((r) => r.res.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(412)]);
    for (const { res } of results.filter((r) => r.res.status === 412)) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.type).toBe('https://channelbase.dev/problems/precondition-failed');
    }
    const winner = results.find((r) => r.res.status === 200)!;

    const final = await admin.call('GET', `/partners/${id}`);
    expect(final.body).toMatchObject({ displayName: `Writer ${winner.i}`, leadCapacity: 100 + winner.i, version: 2 });
    expect(final.body).toEqual(winner.res.body);
    expect(final.headers.get('etag')).toBe(winner.res.headers.get('etag'));

    const history = (await admin.call('GET', `/partners/${id}/history`)).body.items as Entry[];
    expect(history.map((e) => e.action)).toEqual(['PartnerUpdated', 'PartnerCreated']);
    expect(history[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'displayName', from: null, to: `Writer ${winner.i}` },
        { field: 'leadCapacity', from: 1, to: 100 + winner.i },
      ]),
    );

    await t.stack.drain();
    const updates = t.stack.bus.published.filter((e) => e.detail.partnerId === id && e['detail-type'] === 'PartnerUpdated');
    expect(updates).toHaveLength(1);
  });

  // Promise: a status command and a concurrent PATCH both settle consistently — the PATCH either lands alongside the suspension or gets 412.
  it('concurrent suspend and PATCH on one partner: both recorded, or the PATCH refused', async () => {
    const admin = await t.as('vendor-admin');
    // Several partners at once, so that both orders of the race are likely to occur.
    const runs = await Promise.all(
      Array.from({ length: 6 }, async (_, n) => {
        const created = await admin.call('POST', '/partners', { body: partnerBody() });
        const { id } = created.body;
        const name = `Renamed ${n}`;
        const [suspend, patch] = await Promise.all([
          admin.call('POST', `/partners/${id}/suspend`, { body: { reason: `Race ${n}` } }),
          admin.call('PATCH', `/partners/${id}`, { body: { displayName: name }, headers: { 'if-match': created.headers.get('etag')! } }),
        ]);
        return { id, name, suspend, patch };
      }),
    );
    for (const { id, name, suspend, patch } of runs) {
      expect(suspend.status).toBe(200);
      expect([200, 412]).toContain(patch.status);
      const final = (await admin.call('GET', `/partners/${id}`)).body;
      const history = (await admin.call('GET', `/partners/${id}/history`)).body.items as Entry[];
      const actions = history.map((e) => e.action).sort();
      expect(final.status).toBe('suspended');
      if (patch.status === 200) {
        expect(final).toMatchObject({ displayName: name, version: 3 });
        expect(actions).toEqual(['PartnerCreated', 'PartnerSuspended', 'PartnerUpdated']);
      } else {
        expect(final.displayName).toBeUndefined();
        expect(final.version).toBe(2);
        expect(actions).toEqual(['PartnerCreated', 'PartnerSuspended']);
      }
      // Every version step has exactly one audit entry.
      expect(history).toHaveLength(final.version);
    }
  });

  // Promise: concurrent additions of distinct users to one partner all land (the partner check does not turn contention into failures).
  it('10 concurrent user additions with distinct e-mails all land', async () => {
    const admin = await t.as('vendor-admin');
    const { id } = (await admin.call('POST', '/partners', { body: partnerBody() })).body;
    const tag = randomUUID().slice(0, 8);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        admin.call('POST', `/partners/${id}/users`, {
          body: { email: `user${i}-${tag}@acme.example`, givenName: `User${i}`, familyName: 'Concurrent', roles: ['partner-user'] },
        }),
      ),
    );
    expect(results.map((r) => `${r.status} ${r.status === 201 ? '' : r.text}`)).toEqual(Array(10).fill('201 '));
    const list = await admin.call('GET', `/partners/${id}/users`);
    expect(list.body.items).toHaveLength(10);
    expect(new Set(list.body.items.map((u: { email: string }) => u.email))).toEqual(
      new Set(Array.from({ length: 10 }, (_, i) => `user${i}-${tag}@acme.example`)),
    );
    const history = (await admin.call('GET', `/partners/${id}/history`)).body.items as Entry[];
    expect(history.filter((e) => e.action === 'PartnerUserAdded')).toHaveLength(10);
  });

  // Promise: one e-mail address, one account — of concurrent additions with the same e-mail exactly one succeeds, the rest are 409.
  it('concurrent additions of the same e-mail: one 201, the rest 409', async () => {
    const admin = await t.as('vendor-admin');
    const { id } = (await admin.call('POST', '/partners', { body: partnerBody() })).body;
    const email = `same-${randomUUID().slice(0, 8)}@acme.example`;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        admin.call('POST', `/partners/${id}/users`, { body: { email, givenName: `Twin${i}`, familyName: 'Same', roles: ['partner-user'] } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(7).fill(409)]);
    expect((await admin.call('GET', `/partners/${id}/users`)).body.items).toHaveLength(1);
  });
});
