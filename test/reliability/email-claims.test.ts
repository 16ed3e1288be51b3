import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { localClient } from '@channelbase/local';
import { commit } from '@channelbase/platform';
import { SYSTEM_ACTOR } from '@channelbase/core';
import { CognitoDirectory } from '../../functions/partners/identity.ts';
import { provisionIdentity } from '../../functions/partners/provision-identity.ts';
import { expireUserInvitation } from '../../functions/partners/commands.ts';
import { getUser } from '../../functions/partners/repository.ts';
import { StaffAddressTakenError, addVendorStaff } from '../../scripts/add-vendor-staff.ts';
import { FakeCognito } from '../support/cognito.ts';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';
import { getItem } from './helpers.ts';

/** Vendor staff addresses under the same constraint as partner users', and provisioning that never clashes in Cognito. */
const t = useStack();
const POOL = 'local_pool';
const address = (who: string) => `${who}-${randomUUID().slice(0, 8)}@vendor.example`;
const person = (email: string, roles = ['partner-user']) => ({ email, givenName: 'Ada', familyName: 'Lovelace', roles });
const staffOptions = (cognito: FakeCognito) => ({
  client: DynamoDBDocumentClient.from(localClient(t.stack.dynamoEndpoint)),
  tableName: t.stack.tableName,
  cognito,
  userPoolId: POOL,
});

async function partnerWithAdmin(vendor: Caller) {
  const partner = (await vendor.call('POST', '/partners', { body: partnerBody() })).body as { id: string };
  const user = await vendor.call('POST', `/partners/${partner.id}/users`, { body: person(address('admin'), ['partner-admin']) });
  return { id: partner.id, admin: await t.as('partner-admin', { partnerId: partner.id, userId: user.body.id, sub: user.body.id }) };
}

describe('vendor staff (npm run vendor:add-staff)', () => {
  it('claims the address, then creates the Cognito user in its groups; a second claimant of the address is refused and creates nothing', async () => {
    const cognito = new FakeCognito(Math.random, 0);
    const email = address('ana');
    const { userId } = await addVendorStaff({ email, givenName: 'Ana', familyName: 'López', roles: ['vendor-admin', 'finance'] }, staffOptions(cognito));
    expect(await getItem(t.stack, `USER_EMAIL#${email}`, 'CONSTRAINT')).toMatchObject({ userId, vendor: true });
    expect(cognito.users.get(userId)).toMatchObject({
      attributes: { email, email_verified: 'true', given_name: 'Ana' },
      groups: new Set(['vendor-admin', 'finance']),
    });

    // A re-run for the same person is harmless; another person with the address is refused.
    await addVendorStaff({ email, roles: ['vendor-admin'], userId }, staffOptions(cognito));
    await expect(addVendorStaff({ email, roles: ['channel-manager'] }, staffOptions(cognito))).rejects.toThrow(StaffAddressTakenError);
    expect(cognito.users.size).toBe(1);
  });

  it('refuses an address a partner user holds, and gives back its claim when Cognito has the address without one', async () => {
    const vendor = await t.as('vendor-admin');
    const partner = (await vendor.call('POST', '/partners', { body: partnerBody() })).body as { id: string };
    const email = address('partner');
    expect((await vendor.call('POST', `/partners/${partner.id}/users`, { body: person(email) })).status).toBe(201);
    const cognito = new FakeCognito(Math.random, 0);
    await expect(addVendorStaff({ email, roles: ['finance'] }, staffOptions(cognito))).rejects.toThrow(StaffAddressTakenError);
    expect(cognito.users.size).toBe(0);

    // Staff created by hand before claims existed: the clash in Cognito is reported, the claim given back.
    const legacy = address('legacy');
    cognito.users.set('usr_legacy', { enabled: true, groups: new Set(['vendor-admin']), attributes: { email: legacy }, signOuts: [], status: 'CONFIRMED' });
    await expect(addVendorStaff({ email: legacy, roles: ['finance'] }, staffOptions(cognito))).rejects.toThrow(/--claim-only/);
    expect(await getItem(t.stack, `USER_EMAIL#${legacy}`, 'CONSTRAINT')).toBeUndefined();
    await addVendorStaff({ email: legacy, roles: [], userId: 'usr_legacy' }, { ...staffOptions(cognito), claimOnly: true });
    expect(await getItem(t.stack, `USER_EMAIL#${legacy}`, 'CONSTRAINT')).toMatchObject({ userId: 'usr_legacy', vendor: true });
  });

  it('covers staff addresses for partner admins (same answer as any address) and vendor roles (409)', async () => {
    const vendor = await t.as('vendor-admin');
    const a = await partnerWithAdmin(vendor);
    const email = address('staff');
    await addVendorStaff({ email, roles: ['channel-manager'] }, staffOptions(new FakeCognito(Math.random, 0)));
    const invited = await a.admin.call('POST', `/partners/${a.id}/users`, { body: person(email) });
    expect(invited.status).toBe(201);
    expect(invited.body.invitation.status).toBe('pending');
    expect((await vendor.call('POST', `/partners/${a.id}/users`, { body: person(email) })).status).toBe(409);
  });
});

describe('provisioning a partner user into Cognito', () => {
  it('gives no identity to a user whose address is held by someone else, and never fails on it', async () => {
    const vendor = await t.as('vendor-admin');
    const a = await partnerWithAdmin(vendor);
    const cognito = new FakeCognito(Math.random, 0);
    const email = address('staff');
    const { userId: staffId } = await addVendorStaff({ email, roles: ['finance'] }, staffOptions(cognito));
    const squat = await a.admin.call('POST', `/partners/${a.id}/users`, { body: person(email) });
    await provisionIdentity(new CognitoDirectory(POOL, cognito), a.id, squat.body.id, `evt_${randomUUID()}`);
    expect([...cognito.users.keys()]).toEqual([staffId]);
  });

  it('records a clash with a Cognito user that holds the address without a claim instead of failing into the dead-letter queue', async () => {
    const vendor = await t.as('vendor-admin');
    const partner = (await vendor.call('POST', '/partners', { body: partnerBody() })).body as { id: string };
    const email = address('byhand');
    const cognito = new FakeCognito(Math.random, 0);
    cognito.users.set('usr_byhand', { enabled: true, groups: new Set(['vendor-admin']), attributes: { email }, signOuts: [], status: 'CONFIRMED' });
    const user = await vendor.call('POST', `/partners/${partner.id}/users`, { body: person(email) });
    await expect(provisionIdentity(new CognitoDirectory(POOL, cognito), partner.id, user.body.id, `evt_${randomUUID()}`)).resolves.toEqual({ passes: 1 });
    expect(cognito.users.has(user.body.id)).toBe(false);
    expect(await getItem(t.stack, `PARTNER#${partner.id}`, `IDENTITY#${user.body.id}`)).toMatchObject({ addressConflict: true, provisionedVersion: 1 });
  });

  it('removes the identity of an expired invitation, so the address is free in Cognito too', async () => {
    const vendor = await t.as('vendor-admin');
    const partner = (await vendor.call('POST', '/partners', { body: partnerBody() })).body as { id: string };
    const email = address('late');
    const cognito = new FakeCognito(Math.random, 0);
    const directory = new CognitoDirectory(POOL, cognito);
    const user = await vendor.call('POST', `/partners/${partner.id}/users`, { body: person(email) });
    await provisionIdentity(directory, partner.id, user.body.id, `evt_${randomUUID()}`);
    expect(cognito.users.get(user.body.id)?.attributes.email).toBe(email);
    expect(await directory.hasSignedIn(await getUser(partner.id, user.body.id))).toBe(false);

    const before = await getUser(partner.id, user.body.id);
    const later = { now: () => new Date(Date.parse(before.invitation!.expiresAt) + 1) };
    const expired = expireUserInvitation(before, { actor: SYSTEM_ACTOR, clock: later }, true)!;
    await commit(expired.writes);
    await provisionIdentity(directory, partner.id, user.body.id, `evt_${randomUUID()}`);
    expect(cognito.users.has(user.body.id)).toBe(false);
  });
});
