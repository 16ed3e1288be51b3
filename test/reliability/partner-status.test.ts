import { describe, expect, it } from 'vitest';
import { useStack } from '../support/stack.ts';
import { publishAgreement } from '../support/onboarding.ts';
import { expectProblem, submitApplication } from './helpers.ts';

/**
 * A partner's status governs its users, and a user's own status governs its tokens. Each test is
 * one of the reproductions that used to pass: a suspended partner's admin adding users, an
 * onboarding partner reactivated straight to active, a terminated partner's users still working,
 * a demoted or disabled user's old token still accepted, a partner admin re-enabling a user a
 * vendor disabled, a token that is both vendor and partner listing every partner.
 */

const t = useStack();
const DAY = { days: 1 };

/** A partner as onboarding makes it (status onboarding), with its first admin's token. */
async function onboardingPartner() {
  const vendor = await t.as('vendor-admin');
  await publishAgreement(vendor);
  const approved = await vendor.call('POST', `/applications/${await submitApplication(t)}/approve`, { body: {} });
  expect(approved.status, approved.text).toBe(200);
  const { partnerId, adminUserId } = approved.body.decision as { partnerId: string; adminUserId: string };
  const admin = await t.as('partner-admin', { partnerId, userId: adminUserId, sub: adminUserId });
  const agreementId = (await vendor.call('GET', `/partners/${partnerId}/agreements`)).body.items[0].agreementId as string;
  return { vendor, admin, partnerId, adminUserId, agreementId };
}

async function activePartner() {
  const o = await onboardingPartner();
  expect((await o.admin.call('POST', `/partners/${o.partnerId}/agreements/${o.agreementId}/accept`)).status).toBe(200);
  return o;
}

const etagOf = async (caller: { call: (m: string, p: string) => Promise<{ headers: Headers }> }, path: string) =>
  (await caller.call('GET', path)).headers.get('etag')!;
const newUser = (tag: string) => ({ email: `${tag}-${Date.now()}@acme.example`, givenName: 'Max', familyName: 'Mustermann', roles: ['partner-sales'] });

describe('a suspended partner reads and changes nothing', () => {
  it('its admin can neither add a user nor edit the profile, and still reads both (was: 201 and 200)', async () => {
    const { vendor, admin, partnerId } = await activePartner();
    expect((await vendor.call('POST', `/partners/${partnerId}/suspend`, { body: { reason: 'Unpaid invoices' } })).body.status).toBe('suspended');
    const count = await t.itemCount();
    const added = await admin.call('POST', `/partners/${partnerId}/users`, { body: newUser('s') });
    expectProblem(added, 403, 'partner-suspended');
    const edited = await admin.call('PATCH', `/partners/${partnerId}`, {
      body: { displayName: 'Still here' },
      headers: { 'if-match': await etagOf(vendor, `/partners/${partnerId}`) },
    });
    expectProblem(edited, 403, 'partner-suspended');
    expect(await t.itemCount()).toBe(count);
    expect((await admin.call('GET', `/partners/${partnerId}`)).body.status).toBe('suspended');
    expect((await admin.call('GET', `/partners/${partnerId}/users`)).status).toBe(200);
  });
});

describe('an onboarding partner suspended and reactivated is still onboarding', () => {
  it('returns to onboarding, not active (was: active without an accepted agreement), and its deadline still terminates it', async () => {
    const { vendor: before, partnerId, agreementId } = await onboardingPartner();
    let vendor = before;
    const suspended = await vendor.call('POST', `/partners/${partnerId}/suspend`, { body: { reason: 'Documents missing' } });
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedFrom: 'onboarding' });
    const back = await vendor.call('POST', `/partners/${partnerId}/reactivate`, { body: { reason: 'Documents received' } });
    expect(back.body).toMatchObject({ status: 'onboarding', suspendedFrom: null });

    // Suspended again over the deadline (day 14): the deadline still applies.
    await vendor.call('POST', `/partners/${partnerId}/suspend`, { body: { reason: 'Documents missing again' } });
    await t.stack.drain();
    t.stack.clock.advance({ days: 15 });
    await t.stack.drain();
    vendor = await t.as('vendor-admin'); // the first token expired meanwhile
    const partner = (await vendor.call('GET', `/partners/${partnerId}`)).body;
    expect(partner).toMatchObject({ status: 'terminated', statusReason: 'agreement-not-accepted' });
    const terminated = t.stack.bus.published.filter((e) => e['detail-type'] === 'PartnerTerminated' && e.detail.partnerId === partnerId);
    expect(terminated.map((e) => [e.source, (e.detail.data as { reason: string }).reason])).toEqual([['channelbase.partners', 'agreement-not-accepted']]);
    // Terminated is final: no reactivation, and its admin has no access at all (not even to accept late).
    expectProblem(await vendor.call('POST', `/partners/${partnerId}/reactivate`, { body: { reason: 'Undo' } }), 409, 'conflict');
    const lateAdmin = await t.as('partner-admin', { partnerId, sub: 'late' });
    expectProblem(await lateAdmin.call('POST', `/partners/${partnerId}/agreements/${agreementId}/accept`), 403, 'partner-terminated');
    expectProblem(await lateAdmin.call('GET', `/partners/${partnerId}`), 403, 'partner-terminated');
  });
});

describe('a terminated partner: final, its users have no access', () => {
  it('POST /partners/{id}/terminate (vendor-admin) with a reason, once; every call of its users is then 403', async () => {
    const { vendor, admin, partnerId } = await activePartner();
    const user = await vendor.call('POST', `/partners/${partnerId}/users`, { body: newUser('t') });
    const res = await vendor.call('POST', `/partners/${partnerId}/terminate`, { body: { reason: 'Contract ended' } });
    expect(res.body).toMatchObject({ status: 'terminated', statusReason: 'Contract ended' });
    expectProblem(await vendor.call('POST', `/partners/${partnerId}/terminate`, { body: { reason: 'Again' } }), 409, 'conflict');
    expectProblem(await (await t.as('channel-manager')).call('POST', `/partners/${partnerId}/terminate`, { body: { reason: 'x' } }), 403, 'forbidden');
    // Its admin can no longer re-role or re-enable anyone (was: 200).
    const etag = await etagOf(vendor, `/partners/${partnerId}/users/${user.body.id}`);
    expectProblem(
      await admin.call('PATCH', `/partners/${partnerId}/users/${user.body.id}`, { body: { roles: ['partner-admin'] }, headers: { 'if-match': etag } }),
      403,
      'partner-terminated',
    );
    expectProblem(await admin.call('GET', '/me'), 403, 'partner-terminated');
    // A vendor cannot bring a user of a terminated partner back either.
    await t.stack.drain();
    const stored = await vendor.call('GET', `/partners/${partnerId}/users/${user.body.id}`);
    // Partners disabled its users when it announced the termination (in AWS: disabled and signed out in Cognito).
    expect(stored.body).toMatchObject({ status: 'disabled', disabledBy: 'system', sessionsRevokedAt: expect.any(String) });
    const again = await vendor.call('PATCH', `/partners/${partnerId}/users/${user.body.id}`, {
      body: { status: 'active' },
      headers: { 'if-match': stored.headers.get('etag')! },
    });
    expectProblem(again, 409, 'conflict');
  });
});

describe("a user's tokens stop counting when it is disabled or loses a role", () => {
  it("a demoted admin's old token is refused (401 token-revoked); a token issued after it works", async () => {
    const { vendor, partnerId } = await activePartner();
    const added = await vendor.call('POST', `/partners/${partnerId}/users`, { body: { ...newUser('d'), roles: ['partner-admin'] } });
    const userId = added.body.id as string;
    const old = await t.as('partner-admin', { partnerId, userId, sub: userId });
    expect((await old.call('GET', `/partners/${partnerId}/users`)).status).toBe(200);
    t.stack.clock.advance({ seconds: 1 });
    const demoted = await vendor.call('PATCH', `/partners/${partnerId}/users/${userId}`, {
      body: { roles: ['partner-sales'] },
      headers: { 'if-match': added.headers.get('etag')! },
    });
    expect(demoted.body.sessionsRevokedAt).toEqual(expect.any(String));
    expectProblem(await old.call('GET', `/partners/${partnerId}/users`), 401, 'token-revoked');
    t.stack.clock.advance({ seconds: 1 });
    const fresh = await t.as('partner-sales', { partnerId, userId, sub: userId });
    expect((await fresh.call('GET', `/partners/${partnerId}`)).status).toBe(200);
  });

  it("a disabled user's token is refused; its partner admin cannot re-enable a user the vendor disabled (403), the vendor can", async () => {
    const { vendor, admin, partnerId } = await activePartner();
    const added = await vendor.call('POST', `/partners/${partnerId}/users`, { body: newUser('x') });
    const userId = added.body.id as string;
    const token = await t.as('partner-sales', { partnerId, userId, sub: userId });
    t.stack.clock.advance({ seconds: 1 });
    const disabled = await vendor.call('PATCH', `/partners/${partnerId}/users/${userId}`, {
      body: { status: 'disabled' },
      headers: { 'if-match': added.headers.get('etag')! },
    });
    expect(disabled.body).toMatchObject({ status: 'disabled', disabledBy: 'vendor' });
    expectProblem(await token.call('GET', `/partners/${partnerId}`), 401, 'token-revoked');
    const byAdmin = await admin.call('PATCH', `/partners/${partnerId}/users/${userId}`, {
      body: { status: 'active' },
      headers: { 'if-match': disabled.headers.get('etag')! },
    });
    expectProblem(byAdmin, 403, 'forbidden', 'body.status');
    const byVendor = await vendor.call('PATCH', `/partners/${partnerId}/users/${userId}`, {
      body: { status: 'active' },
      headers: { 'if-match': disabled.headers.get('etag')! },
    });
    expect(byVendor.body).toMatchObject({ status: 'active', disabledBy: null });
    t.stack.clock.advance(DAY);
    expect((await (await t.as('partner-sales', { partnerId, userId, sub: userId })).call('GET', `/partners/${partnerId}`)).status).toBe(200);
  });
});

describe('a principal is a vendor or a partner, never both', () => {
  it('a token with a partner id and a vendor role lists no partner (was: every partner): 401 invalid-token', async () => {
    const { partnerId } = await activePartner();
    const mixed = await t.as('vendor-admin', { partnerId });
    const res = await mixed.call('GET', '/partners');
    expectProblem(res, 401, 'invalid-token');
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  });
});
