import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { terminatePartner } from '@channelbase/core/partners';
import { commit, dynamo, runtimeClock as clock } from '@channelbase/platform';
import { ACCESS_ATTRIBUTES } from '../../functions/partners/access.ts';
import { readAccess } from '../../functions/partners/index.ts';
import { getPartner, putPartner } from '../../functions/partners/repository.ts';
import type { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { MFA_SETUP_CLAIM, type MfaDirectory, createPreTokenHandler } from '../../functions/platform/pre-token.ts';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';

const t = useStack();

/** Cognito's AdminGetUser over users with or without TOTP set up; records who was asked. */
class FakeMfa implements MfaDirectory {
  readonly asked: string[] = [];
  constructor(private readonly withTotp: Set<string> = new Set()) {}
  async send(command: AdminGetUserCommand) {
    this.asked.push(`${command.input.UserPoolId}/${command.input.Username}`);
    return { UserMFASettingList: this.withTotp.has(command.input.Username!) ? ['SOFTWARE_TOKEN_MFA'] : [] };
  }
}
const handler = createPreTokenHandler(new FakeMfa());

async function partnerWithUser(admin: Caller): Promise<{ partnerId: string; userId: string; etag: string }> {
  const partner = await admin.call('POST', '/partners', { body: partnerBody() });
  expect(partner.status).toBe(201);
  const user = await admin.call('POST', `/partners/${partner.body.id}/users`, {
    body: { email: `tok-${partner.body.id.slice(-8).toLowerCase()}@acme.example`, givenName: 'Tok', familyName: 'En', roles: ['partner-admin'] },
  });
  expect(user.status).toBe(201);
  return { partnerId: partner.body.id, userId: user.body.id, etag: user.headers.get('etag')! };
}

async function terminate(partnerId: string): Promise<void> {
  const before = await getPartner(partnerId);
  await commit([putPartner(terminatePartner(before, 'test', clock), before.version)]);
}

/** A Cognito pre-token-generation V2 event, as Cognito sends it at sign-in. */
const triggerEvent = (userName: string, attributes: Record<string, string>, groups: string[]): PreTokenGenerationV2TriggerEvent =>
  ({
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'local',
    userPoolId: 'local_pool',
    userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'portal' },
    request: {
      userAttributes: { sub: '5f1c0e2a-0000-4000-8000-000000000001', email: 'x@acme.example', ...attributes },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] },
      scopes: ['aws.cognito.signin.user.admin'],
    },
    response: { claimsAndScopeOverrideDetails: null },
  }) as unknown as PreTokenGenerationV2TriggerEvent;

/** The DynamoDB requests made while `run` runs. */
async function requestsOf(run: () => Promise<unknown>): Promise<{ command: string; input: Record<string, unknown> }[]> {
  const seen: { command: string; input: Record<string, unknown> }[] = [];
  const name = `capture-${Math.random()}`;
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      seen.push({ command: String(context.commandName), input: structuredClone(args.input as Record<string, unknown>) });
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await run();
  } finally {
    dynamo().middlewareStack.remove(name);
  }
  return seen;
}

describe('readAccess: the partners context’s access facts', () => {
  it('reads the partner status and the user in ONE consistent BatchGetItem, projected to pk, sk, status, sessionsRevokedAt', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId, userId } = await partnerWithUser(admin);
    let access: Awaited<ReturnType<typeof readAccess>> | undefined;
    const requests = await requestsOf(async () => (access = await readAccess(partnerId, userId)));
    expect(access).toEqual({ partnerStatus: 'active', user: { status: 'active', sessionsRevokedAt: null } });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.command).toBe('BatchGetItemCommand');
    const [request] = Object.values(requests[0]!.input.RequestItems as Record<string, Record<string, unknown>>);
    expect(request).toEqual({
      Keys: [
        { pk: `PARTNER#${partnerId}`, sk: 'PROFILE' },
        { pk: `PARTNER#${partnerId}`, sk: `USER#${userId}` },
      ],
      ConsistentRead: true,
      ProjectionExpression: 'pk, sk, #status, sessionsRevokedAt',
      ExpressionAttributeNames: { '#status': 'status' },
    });
    expect(ACCESS_ATTRIBUTES).toEqual(['pk', 'sk', 'status', 'sessionsRevokedAt']);
  });

  it('without a user id reads the partner only; a disabled user carries its revocation; unknown ids read as undefined', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId, userId, etag } = await partnerWithUser(admin);
    const requests = await requestsOf(async () => expect(await readAccess(partnerId)).toEqual({ partnerStatus: 'active' }));
    expect(Object.values(requests[0]!.input.RequestItems as Record<string, { Keys: unknown[] }>)[0]!.Keys).toEqual([
      { pk: `PARTNER#${partnerId}`, sk: 'PROFILE' },
    ]);

    const disabled = await admin.call('PATCH', `/partners/${partnerId}/users/${userId}`, { body: { status: 'disabled' }, headers: { 'if-match': etag } });
    expect(disabled.status).toBe(200);
    expect(await readAccess(partnerId, userId)).toEqual({
      partnerStatus: 'active',
      user: { status: 'disabled', sessionsRevokedAt: disabled.body.sessionsRevokedAt },
    });
    await terminate(partnerId);
    expect((await readAccess(partnerId, userId)).partnerStatus).toBe('terminated');

    expect(await readAccess('ptr_01JD40A1B2C3D4E5F6G7H8J9K1', 'usr_01JD40A1B2C3D4E5F6G7H8J9K1')).toEqual({ partnerStatus: undefined });
    expect(await readAccess(partnerId, 'usr_01JD40A1B2C3D4E5F6G7H8J9K1')).toEqual({ partnerStatus: 'terminated' });
  });
});

describe('the pre-token trigger issues no token that must not exist', () => {
  it('adds partner_id for an active user of an active partner', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId, userId } = await partnerWithUser(admin);
    const result = await handler(triggerEvent(userId, { 'custom:partnerId': partnerId }, ['partner-admin']));
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: { partner_id: partnerId } },
      idTokenGeneration: { claimsToAddOrOverride: { partner_id: partnerId } },
    });
  });

  it('still signs in the users of a suspended partner (they keep read access)', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId, userId } = await partnerWithUser(admin);
    expect((await admin.call('POST', `/partners/${partnerId}/suspend`, { body: { reason: 'audit' } })).status).toBe(200);
    const result = await handler(triggerEvent(userId, { 'custom:partnerId': partnerId }, ['partner-admin']));
    expect(result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({ partner_id: partnerId });
  });

  it('refuses a user of a terminated partner (sign-in and refresh alike)', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId, userId } = await partnerWithUser(admin);
    await terminate(partnerId);
    for (const triggerSource of ['TokenGeneration_Authentication', 'TokenGeneration_RefreshTokens']) {
      const event = { ...triggerEvent(userId, { 'custom:partnerId': partnerId }, ['partner-admin']), triggerSource } as PreTokenGenerationV2TriggerEvent;
      await expect(handler(event)).rejects.toThrow(/terminated/);
    }
  });

  it('refuses a principal with vendor groups and a partner id, without reading anything', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId, userId } = await partnerWithUser(admin);
    for (const group of ['vendor-admin', 'channel-manager', 'finance']) {
      const requests = await requestsOf(() =>
        expect(handler(triggerEvent(userId, { 'custom:partnerId': partnerId }, ['partner-admin', group]))).rejects.toThrow(/vendor or a partner/),
      );
      expect(requests).toEqual([]);
    }
  });

  it('refuses a disabled user, an unknown partner, and a user that is not the partner’s', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId, userId, etag } = await partnerWithUser(admin);
    const other = await partnerWithUser(admin);
    await expect(handler(triggerEvent(other.userId, { 'custom:partnerId': partnerId }, ['partner-admin']))).rejects.toThrow(/not a user of it/);
    await expect(handler(triggerEvent(userId, { 'custom:partnerId': 'ptr_01JD40A1B2C3D4E5F6G7H8J9K1' }, ['partner-admin']))).rejects.toThrow(/does not exist/);
    expect((await admin.call('PATCH', `/partners/${partnerId}/users/${userId}`, { body: { status: 'disabled' }, headers: { 'if-match': etag } })).status).toBe(
      200,
    );
    await expect(handler(triggerEvent(userId, { 'custom:partnerId': partnerId }, ['partner-admin']))).rejects.toThrow(/disabled/);
  });

  it('leaves a vendor user (no partner id) in no MFA role unchanged, without reading anything', async () => {
    const event = triggerEvent('vendor-staff-1', {}, ['channel-manager']);
    const before = structuredClone(event);
    let result: PreTokenGenerationV2TriggerEvent | undefined;
    expect(await requestsOf(async () => (result = await handler(event)))).toEqual([]);
    expect(result).toEqual(before);
  });

  it('withholds vendor-admin and finance from a token until TOTP is set up, and says so in a claim', async () => {
    const cognito = new FakeMfa(new Set(['vendor-staff-totp']));
    const withMfa = createPreTokenHandler(cognito);
    const without = await withMfa(triggerEvent('vendor-staff-new', {}, ['vendor-admin', 'channel-manager', 'finance']));
    expect(without.response.claimsAndScopeOverrideDetails).toEqual({
      groupOverrideDetails: { groupsToOverride: ['channel-manager'] },
      accessTokenGeneration: { claimsToAddOrOverride: { [MFA_SETUP_CLAIM]: 'true' } },
      idTokenGeneration: { claimsToAddOrOverride: { [MFA_SETUP_CLAIM]: 'true' } },
    });
    const event = triggerEvent('vendor-staff-totp', {}, ['vendor-admin', 'finance']);
    const before = structuredClone(event);
    expect(await withMfa(event)).toEqual(before);
    expect(cognito.asked).toEqual(['local_pool/vendor-staff-new', 'local_pool/vendor-staff-totp']);
  });

  it('asks Cognito nothing for partner users and vendor roles that need no MFA', async () => {
    const cognito = new FakeMfa();
    const admin = await t.as('vendor-admin');
    const { partnerId, userId } = await partnerWithUser(admin);
    await createPreTokenHandler(cognito)(triggerEvent(userId, { 'custom:partnerId': partnerId }, ['partner-admin']));
    await createPreTokenHandler(cognito)(triggerEvent('cm-1', {}, ['channel-manager']));
    expect(cognito.asked).toEqual([]);
  });
});
