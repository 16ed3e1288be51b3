import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';

/** Identity fields changed by a partner admin become a change request a vendor role decides (issue 9, identity). */
const t = useStack();

async function partnerWithAdmin(vendor: Caller) {
  const partner = (
    await vendor.call('POST', '/partners', {
      body: partnerBody({
        taxId: `GB${randomUUID()
          .replace(/[^0-9]/g, '')
          .slice(0, 9)
          .padEnd(9, '7')}`,
      }),
    })
  ).body;
  const user = await vendor.call('POST', `/partners/${partner.id}/users`, {
    body: { email: `cr-${randomUUID().slice(0, 8)}@acme.example`, givenName: 'Ada', familyName: 'Admin', roles: ['partner-admin'] },
  });
  const admin = await t.as('partner-admin', { partnerId: partner.id, userId: user.body.id, sub: user.body.id });
  return { partner, admin };
}

const etag = async (caller: Caller, id: string) => (await caller.call('GET', `/partners/${id}`)).headers.get('etag')!;

describe('identity change requests', () => {
  it('turns a partner admin’s change of legal name, tax id, web domain or country into a request (202); the other fields apply at once', async () => {
    const vendor = await t.as('vendor-admin');
    const { partner, admin } = await partnerWithAdmin(vendor);
    const res = await admin.call('PATCH', `/partners/${partner.id}`, {
      body: { legalName: 'Renamed Networks Ltd', country: 'IE', displayName: 'Renamed' },
      headers: { 'if-match': await etag(admin, partner.id) },
    });
    expect(res.status, res.text).toBe(202);
    expect(res.headers.get('location')).toBe(`/partners/${partner.id}/change-requests/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'pending',
      changes: [
        { field: 'legalName', from: partner.legalName, to: 'Renamed Networks Ltd' },
        { field: 'country', from: 'GB', to: 'IE' },
      ],
    });
    const now = (await vendor.call('GET', `/partners/${partner.id}`)).body;
    expect(now).toMatchObject({ legalName: partner.legalName, country: 'GB', displayName: 'Renamed' });
    const list = await admin.call('GET', `/partners/${partner.id}/change-requests`);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
    // A partner admin cannot decide its own request.
    expect((await admin.call('POST', `/partners/${partner.id}/change-requests/${res.body.id}/approve`)).status).toBe(403);
  });

  it('applies an approved request (PartnerUpdated, identity keys), once; a rejected one changes nothing', async () => {
    const vendor = await t.as('vendor-admin');
    const manager = await t.as('channel-manager');
    const { partner, admin } = await partnerWithAdmin(vendor);
    const domain = `renamed-${randomUUID().slice(0, 6)}.example`;
    const asked = await admin.call('PATCH', `/partners/${partner.id}`, { body: { webDomain: domain }, headers: { 'if-match': await etag(admin, partner.id) } });
    const approved = await manager.call('POST', `/partners/${partner.id}/change-requests/${asked.body.id}/approve`);
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: { roles: ['channel-manager'] } });
    expect((await vendor.call('GET', `/partners/${partner.id}`)).body.webDomain).toBe(domain);
    expect((await manager.call('POST', `/partners/${partner.id}/change-requests/${asked.body.id}/approve`)).status).toBe(409);
    await t.stack.drain();
    const types = t.stack.bus.published.filter((e) => (e.detail as { partnerId?: string }).partnerId === partner.id).map((e) => e['detail-type']);
    expect(types).toEqual(expect.arrayContaining(['PartnerChangeRequested', 'PartnerChangeApproved', 'PartnerUpdated']));

    const again = await admin.call('PATCH', `/partners/${partner.id}`, {
      body: { legalName: 'Other Name Ltd' },
      headers: { 'if-match': await etag(admin, partner.id) },
    });
    const rejected = await vendor.call('POST', `/partners/${partner.id}/change-requests/${again.body.id}/reject`, { body: { reason: 'Not in the registry' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Not in the registry' });
    expect((await vendor.call('GET', `/partners/${partner.id}`)).body.legalName).toBe(partner.legalName);
  });

  it('runs the duplicate check at approval: a value another organisation holds is refused (409) and the request stays pending', async () => {
    const vendor = await t.as('vendor-admin');
    const other = (await vendor.call('POST', '/partners', { body: partnerBody() })).body;
    const { partner, admin } = await partnerWithAdmin(vendor);
    const asked = await admin.call('PATCH', `/partners/${partner.id}`, {
      body: { webDomain: `www.${other.webDomain}` },
      headers: { 'if-match': await etag(admin, partner.id) },
    });
    expect(asked.status).toBe(202);
    const refused = await vendor.call('POST', `/partners/${partner.id}/change-requests/${asked.body.id}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([{ path: 'changes.webDomain', message: `held by partner ${other.id}` }]);
    expect((await vendor.call('GET', `/partners/${partner.id}`)).body.webDomain).toBe(partner.webDomain);
    expect((await vendor.call('GET', `/partners/${partner.id}/change-requests`)).body.items[0].status).toBe('pending');
  });

  it('lets vendor roles change identity fields directly, and ignores a partner admin’s unchanged values', async () => {
    const vendor = await t.as('vendor-admin');
    const { partner, admin } = await partnerWithAdmin(vendor);
    const same = await admin.call('PATCH', `/partners/${partner.id}`, {
      body: { legalName: partner.legalName, leadCapacity: 5 },
      headers: { 'if-match': await etag(admin, partner.id) },
    });
    expect(same.status).toBe(200);
    const direct = await vendor.call('PATCH', `/partners/${partner.id}`, {
      body: { legalName: 'Vendor Renamed Ltd' },
      headers: { 'if-match': await etag(vendor, partner.id) },
    });
    expect(direct.status).toBe(200);
    expect(direct.body.legalName).toBe('Vendor Renamed Ltd');
  });
});
