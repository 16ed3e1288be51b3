import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';
import { getItem } from '../reliability/helpers.ts';
import type { IdentityDirectory } from '../../functions/partners/identity.ts';
import { invitationWorkflow } from '../../functions/partners/invitation-workflow.ts';
import { lambdaContext } from '@channelbase/local/lambda-context';

/**
 * E-mail addresses across organisations (issue 9, identity): a partner admin learns nothing about
 * another organisation's addresses, and an invitation nobody accepts releases its address.
 */
const t = useStack();
const address = () => `inv-${randomUUID().slice(0, 8)}@shared.example`;
const person = (email: string, roles = ['partner-user']) => ({ email, givenName: 'Ada', familyName: 'Lovelace', roles });

/** A partner with a signed-in admin (the token counts as the admin's first sign-in), as its admin. */
async function partnerWithAdmin(vendor: Caller): Promise<{ id: string; admin: Caller; adminId: string }> {
  const partner = (await vendor.call('POST', '/partners', { body: partnerBody() })).body as { id: string };
  const user = await vendor.call('POST', `/partners/${partner.id}/users`, { body: person(address(), ['partner-admin']) });
  expect(user.status).toBe(201);
  const admin = await t.as('partner-admin', { partnerId: partner.id, userId: user.body.id, sub: user.body.id });
  return { id: partner.id, admin, adminId: user.body.id };
}

const published = (type: string) => t.stack.bus.published.filter((e) => e['detail-type'] === type);
const claimOf = (email: string) => getItem(t.stack, `USER_EMAIL#${email}`, 'CONSTRAINT');

describe('an address of another organisation', () => {
  it('is invited like any other (201, same shape), holds no claim, and only the vendor hears of the clash', async () => {
    const vendor = await t.as('vendor-admin');
    const a = await partnerWithAdmin(vendor);
    const b = await partnerWithAdmin(vendor);
    const email = address();
    const theirs = await a.admin.call('POST', `/partners/${a.id}/users`, { body: person(email) });
    expect(theirs.status).toBe(201);

    const squat = await b.admin.call('POST', `/partners/${b.id}/users`, { body: person(email) });
    const fresh = await b.admin.call('POST', `/partners/${b.id}/users`, { body: person(address()) });
    expect(squat.status).toBe(201);
    expect(Object.keys(squat.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(squat.body).toMatchObject({ email, status: 'active', invitation: { status: 'pending' } });
    expect(squat.body.invitation.expiresAt).toBe(new Date(Date.parse(squat.body.createdAt) + 7 * 86_400_000).toISOString());
    // The claim stays A's user's; B's user holds none.
    expect(await claimOf(email)).toMatchObject({ userId: theirs.body.id, partnerId: a.id });

    await t.stack.drain();
    const conflicts = published('PartnerUserEmailConflict').filter((e) => (e.detail.data as { user: { id: string } }).user.id === squat.body.id);
    expect(conflicts).toHaveLength(1);
    expect((conflicts[0]!.detail.data as { heldBy: unknown }).heldBy).toEqual({ kind: 'partner', partnerId: a.id, userId: theirs.body.id });
    // Nothing in B's audit trail tells the clash from a normal invitation.
    const history = await b.admin.call('GET', `/partners/${b.id}/history`);
    expect(JSON.stringify(history.body)).not.toContain(a.id);
  });

  it('is a 409 for an address of the caller’s own organisation, and for vendor roles', async () => {
    const vendor = await t.as('vendor-admin');
    const a = await partnerWithAdmin(vendor);
    const b = await partnerWithAdmin(vendor);
    const email = address();
    expect((await a.admin.call('POST', `/partners/${a.id}/users`, { body: person(email) })).status).toBe(201);
    const before = await t.itemCount();
    const own = await a.admin.call('POST', `/partners/${a.id}/users`, { body: person(email) });
    expect(own.status).toBe(409);
    expect(own.body.errors).toEqual([{ path: 'body.email', message: 'already in use in your organisation' }]);
    const byVendor = await vendor.call('POST', `/partners/${b.id}/users`, { body: person(email) });
    expect(byVendor.status).toBe(409);
    expect(await t.itemCount()).toBe(before);
  });
});

describe('the invitation window', () => {
  it('expires an invitation nobody accepted after 7 days: the user is disabled, shows it expired, and the address is free again', async () => {
    const vendor = await t.as('vendor-admin');
    const a = await partnerWithAdmin(vendor);
    const b = await partnerWithAdmin(vendor);
    const email = address();
    const invited = await a.admin.call('POST', `/partners/${a.id}/users`, { body: person(email) });
    const squat = await b.admin.call('POST', `/partners/${b.id}/users`, { body: person(email) });
    await t.stack.drain();

    t.stack.clock.advance({ days: 6, hours: 23 });
    await t.stack.drain();
    // Tokens last an hour by the stack's clock: each read after a jump takes a new one.
    const read = async (partnerId: string, userId: string) => (await t.as('channel-manager')).call('GET', `/partners/${partnerId}/users/${userId}`);
    expect((await read(a.id, invited.body.id)).body.invitation.status).toBe('pending');
    expect(await claimOf(email)).toBeDefined();

    t.stack.clock.advance({ hours: 1 });
    await t.stack.drain();
    const expired = await read(a.id, invited.body.id);
    expect(expired.body).toMatchObject({ status: 'disabled', disabledBy: 'system', invitation: { status: 'expired' } });
    expect(expired.body.sessionsRevokedAt).not.toBeNull();
    expect((await read(b.id, squat.body.id)).body).toMatchObject({ status: 'disabled', invitation: { status: 'expired' } });
    expect(await claimOf(email)).toBeUndefined();

    // Released: B's admin can now invite the address for real (it holds the claim), and A's
    // admin cannot re-enable the expired user.
    const bAdmin = await t.as('partner-admin', { partnerId: b.id, userId: b.adminId, sub: b.adminId });
    const again = await bAdmin.call('POST', `/partners/${b.id}/users`, { body: person(email) });
    expect(again.status).toBe(201);
    expect(await claimOf(email)).toMatchObject({ userId: again.body.id, partnerId: b.id });
    const enable = await (
      await t.as('vendor-admin')
    ).call('PATCH', `/partners/${a.id}/users/${invited.body.id}`, { body: { status: 'active' }, headers: { 'if-match': expired.headers.get('etag')! } });
    expect(enable.status).toBe(409);
  });

  it('records an invitation as accepted once the user has signed in, and keeps its address', async () => {
    const vendor = await t.as('vendor-admin');
    const a = await partnerWithAdmin(vendor);
    const email = address();
    const invited = await a.admin.call('POST', `/partners/${a.id}/users`, { body: person(email) });
    await t.as('partner-user', { partnerId: a.id, userId: invited.body.id, sub: invited.body.id }); // the first sign-in
    await t.stack.drain();
    t.stack.clock.advance({ days: 7 });
    await t.stack.drain();
    const user = await (await t.as('channel-manager')).call('GET', `/partners/${a.id}/users/${invited.body.id}`);
    expect(user.body).toMatchObject({ status: 'active', invitation: { status: 'accepted' } });
    expect(await claimOf(email)).toMatchObject({ userId: invited.body.id });
  });
});

describe('the invitation-expiry workflow started twice (a redelivered start event)', () => {
  it('settles the invitation once; the execution that loses the race ends without an error', async () => {
    const vendor = await t.as('vendor-admin');
    const a = await partnerWithAdmin(vendor);
    const invited = await a.admin.call('POST', `/partners/${a.id}/users`, { body: person(address()) });
    expect(invited.status).toBe(201);
    t.stack.clock.advance({ days: 7, hours: 1 });
    // Two executions' settle steps, side by side, before the local engine runs its own.
    const neverSignedIn = { hasSignedIn: async () => false } as unknown as IdentityDirectory;
    const step = invitationWorkflow(() => neverSignedIn);
    const state = { done: false, step: 'settle', wakeAt: new Date().toISOString(), partnerId: a.id, userId: invited.body.id };
    const results = await Promise.all([step(state, lambdaContext('one')), step(state, lambdaContext('two'))]);
    expect(results).toEqual([{ done: true }, { done: true }]);
    const user = await (await t.as('channel-manager')).call('GET', `/partners/${a.id}/users/${invited.body.id}`);
    expect(user.body).toMatchObject({ status: 'disabled', invitation: { status: 'expired' } });
    const updates = t.stack.bus.published.filter(
      (e) => e['detail-type'] === 'PartnerUserUpdated' && (e.detail.data as { user: { id: string } }).user.id === invited.body.id,
    );
    await t.stack.drain();
    expect(updates.length + 0).toBeLessThanOrEqual(1);
  });
});
