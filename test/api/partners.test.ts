import { describe, expect, it } from 'vitest';
import { partnerBody, useStack } from '../support/stack.ts';

const t = useStack();

describe('partner master data, end to end through the local API', () => {
  it('creates a partner, returns it with Location and ETag, and reads it back', async () => {
    const admin = await t.as('vendor-admin');
    const created = await admin.call('POST', '/partners', { body: partnerBody({ legalName: 'Northwind GmbH', country: 'DE', tier: 'gold' }) });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^ptr_[0-9A-Z]{26}$/);
    expect(created.headers.get('location')).toBe(`/partners/${created.body.id}`);
    expect(created.body).toMatchObject({ legalName: 'Northwind GmbH', status: 'active', tier: 'gold', version: 1 });

    const read = await admin.call('GET', `/partners/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe(created.headers.get('etag'));
  });

  it('lists partners with each filter and pages through them with a cursor', async () => {
    const admin = await t.as('vendor-admin');
    const country = 'NL';
    const made = [];
    for (const [i, type] of ['dealer', 'dealer', 'msp', 'dealer', 'supplier'].entries()) {
      made.push((await admin.call('POST', '/partners', { body: partnerBody({ country, type, tier: i % 2 ? 'silver' : 'bronze' }) })).body);
    }
    const finance = await t.as('finance');
    const dealers = await finance.call('GET', `/partners?country=${country}&type=dealer`);
    expect(dealers.status).toBe(200);
    expect(dealers.body.items.map((p: { id: string }) => p.id).sort()).toEqual(
      made
        .filter((p) => p.type === 'dealer')
        .map((p) => p.id)
        .sort(),
    );

    const silver = await finance.call('GET', `/partners?tier=silver&country=${country}`);
    expect(silver.body.items).toHaveLength(2);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await finance.call(
        'GET',
        `/partners?country=${country}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((p) => p.id).reverse());
  });

  it('updates with If-Match; a stale ETag is 412 and a missing one 428', async () => {
    const admin = await t.as('vendor-admin');
    const p = await admin.call('POST', '/partners', { body: partnerBody() });
    const etag = p.headers.get('etag')!;
    const updated = await admin.call('PATCH', `/partners/${p.body.id}`, { body: { displayName: 'Acme', tier: 'gold' }, headers: { 'if-match': etag } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ displayName: 'Acme', tier: 'gold', version: 2 });
    expect(updated.headers.get('etag')).not.toBe(etag);

    const stale = await admin.call('PATCH', `/partners/${p.body.id}`, { body: { displayName: 'Lost' }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    const missing = await admin.call('PATCH', `/partners/${p.body.id}`, { body: { displayName: 'Lost' } });
    expect(missing.status).toBe(428);
    expect((await admin.call('GET', `/partners/${p.body.id}`)).body.displayName).toBe('Acme');
  });

  it('lets a partner admin edit its own profile but not its tier, and hides other partners', async () => {
    const admin = await t.as('vendor-admin');
    const own = (await admin.call('POST', '/partners', { body: partnerBody() })).body;
    const other = (await admin.call('POST', '/partners', { body: partnerBody() })).body;
    const partnerAdmin = await t.as('partner-admin', { partnerId: own.id });

    const read = await partnerAdmin.call('GET', `/partners/${own.id}`);
    const ok = await partnerAdmin.call('PATCH', `/partners/${own.id}`, {
      body: { leadCapacity: 12, territories: ['GB', 'IE'] },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ leadCapacity: 12, territories: ['GB', 'IE'] });

    const tier = await partnerAdmin.call('PATCH', `/partners/${own.id}`, { body: { tier: 'platinum' }, headers: { 'if-match': ok.headers.get('etag')! } });
    expect(tier.status).toBe(403);
    expect(tier.body.errors).toEqual([{ path: 'tier', message: expect.any(String) }]);

    expect((await partnerAdmin.call('GET', `/partners/${other.id}`)).status).toBe(404);
    expect((await partnerAdmin.call('GET', '/partners')).status).toBe(403);
  });

  it('suspends and reactivates, refusing transitions that make no sense', async () => {
    const admin = await t.as('vendor-admin');
    const p = (await admin.call('POST', '/partners', { body: partnerBody() })).body;
    expect((await admin.call('POST', `/partners/${p.id}/reactivate`, { body: { reason: 'not suspended' } })).status).toBe(409);
    const suspended = await admin.call('POST', `/partners/${p.id}/suspend`, { body: { reason: 'Unpaid invoices' } });
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'Unpaid invoices' });
    expect((await admin.call('GET', `/partners?status=suspended`)).body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    const back = await admin.call('POST', `/partners/${p.id}/reactivate`, { body: { reason: 'Paid' } });
    expect(back.body).toMatchObject({ status: 'active', version: 3 });
    const manager = await t.as('channel-manager');
    expect((await manager.call('POST', `/partners/${p.id}/suspend`, { body: { reason: 'x' } })).status).toBe(403);
  });

  it("manages a partner's users and their roles", async () => {
    const admin = await t.as('vendor-admin');
    const p = (await admin.call('POST', '/partners', { body: partnerBody() })).body;
    const partnerAdmin = await t.as('partner-admin', { partnerId: p.id });
    const added = await partnerAdmin.call('POST', `/partners/${p.id}/users`, {
      body: { email: 'Rep@Acme.example', givenName: 'Rita', familyName: 'Rep', roles: ['partner-sales'] },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: 'rep@acme.example', roles: ['partner-sales'], status: 'active', partnerId: p.id });

    const dup = await admin.call('POST', `/partners/${p.id}/users`, {
      body: { email: 'rep@acme.example', givenName: 'R', familyName: 'R', roles: ['partner-user'] },
    });
    expect(dup.status).toBe(409);

    const changed = await partnerAdmin.call('PATCH', `/partners/${p.id}/users/${added.body.id}`, {
      body: { roles: ['partner-sales', 'partner-marketing'] },
      headers: { 'if-match': added.headers.get('etag')! },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.roles).toEqual(['partner-sales', 'partner-marketing']);

    const list = await partnerAdmin.call('GET', `/partners/${p.id}/users`);
    expect(list.body.items).toHaveLength(1);
    const sales = await t.as('partner-sales', { partnerId: p.id });
    expect((await sales.call('GET', `/partners/${p.id}/users`)).status).toBe(403);
  });

  it('records who changed which field, when, from what to what', async () => {
    const admin = await t.as('vendor-admin', { sub: 'alice' });
    const p = await admin.call('POST', '/partners', { body: partnerBody({ leadCapacity: 5 }) });
    await admin.call('PATCH', `/partners/${p.body.id}`, { body: { leadCapacity: 8 }, headers: { 'if-match': p.headers.get('etag')! } });
    await admin.call('POST', `/partners/${p.body.id}/suspend`, { body: { reason: 'Audit' } });
    const history = await admin.call('GET', `/partners/${p.body.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['PartnerSuspended', 'PartnerUpdated', 'PartnerCreated']);
    expect(history.body.items[1]).toMatchObject({ actor: { sub: 'alice' }, changes: [{ field: 'leadCapacity', from: 5, to: 8 }] });
    expect(history.body.items[0].changes).toEqual([
      { field: 'status', from: 'active', to: 'suspended' },
      { field: 'statusReason', from: null, to: 'Audit' },
    ]);
  });

  it('publishes each change as an event through the outbox', async () => {
    const admin = await t.as('vendor-admin');
    const p = await admin.call('POST', '/partners', { body: partnerBody() });
    await admin.call('POST', `/partners/${p.body.id}/users`, {
      body: { email: `u${Date.now()}@x.example`, givenName: 'U', familyName: 'V', roles: ['partner-admin'] },
    });
    await t.stack.drain();
    const mine = t.stack.bus.published.filter((e) => e.detail.partnerId === p.body.id);
    expect(mine.map((e) => e['detail-type'])).toEqual(['PartnerCreated', 'PartnerUserAdded']);
    expect(mine[0]).toMatchObject({ source: 'channelbase.partners', detail: { data: { partner: { id: p.body.id } } } });
    expect(t.stack.bus.deadLetters).toEqual([]);
  });
});

describe('numbers the table cannot keep exactly are refused at the field', () => {
  it('a custom attribute of 1e20 is a 400 naming the field and writes nothing (it was a 500 at the write)', async () => {
    const admin = await t.as('vendor-admin');
    const before = await t.itemCount();
    const res = await admin.call('POST', '/partners', { body: partnerBody({ customAttributes: { seats: 1e20 } }) });
    expect(res.status, res.text).toBe(400);
    expect(JSON.stringify(res.body)).toContain('customAttributes');
    expect(await t.itemCount()).toBe(before);
    const ok = await admin.call('POST', '/partners', { body: partnerBody({ customAttributes: { seats: Number.MAX_SAFE_INTEGER } }) });
    expect(ok.status, ok.text).toBe(201);
    expect((await admin.call('GET', `/partners/${ok.body.id}`)).body.customAttributes).toEqual({ seats: Number.MAX_SAFE_INTEGER });
  });
});
