/**
 * Creates a vendor staff member (vendor-admin, channel-manager, finance) in the Cognito user pool,
 * claiming the e-mail address first, as the API does for partner users: the `USER_EMAIL#<email>`
 * claim item (docs/data-model.md, "E-mail addresses") is written with `attribute_not_exists(pk)`,
 * so an address already held by a partner user (or other staff) is refused here, cleanly, instead
 * of a later clash in Cognito that would send a partner user's provisioning to the dead-letter queue.
 *
 *   TABLE_NAME=… USER_POOL_ID=… npm run vendor:add-staff -- --email ana@vendor.example \
 *     --given-name Ana --family-name López --role vendor-admin [--role finance] [--user-id usr_…]
 *   … npm run vendor:add-staff -- --claim-only --email ana@vendor.example --user-id usr_…
 *
 * `--claim-only` claims the address of staff created by hand before (the user name is its
 * `--user-id`). Re-running with the same `--user-id` is harmless. Cognito mails the temporary
 * password; vendor-admin and finance then set up TOTP (docs/infrastructure.md, "E-mail and MFA").
 */
import { parseArgs } from 'node:util';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AliasExistsException,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { VENDOR_ROLES, type VendorRole, isVendorRole, newId } from '@channelbase/core';
import { emailKey } from '../functions/partners/repository.ts';
import type { CognitoClient } from '../functions/partners/identity.ts';
import { runIfMain, tableClientFromEnv } from './cli.ts';

export class StaffAddressTakenError extends Error {}

export interface VendorStaff {
  email: string;
  givenName?: string;
  familyName?: string;
  roles: VendorRole[];
  userId?: string;
}

export interface AddVendorStaffOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  cognito: CognitoClient;
  userPoolId: string;
  /** Only claim the address of an existing Cognito user (`userId` required). */
  claimOnly?: boolean;
}

/** Claims the address, then creates the Cognito user in its groups; returns its user name. */
export async function addVendorStaff(staff: VendorStaff, options: AddVendorStaffOptions): Promise<{ userId: string }> {
  const email = staff.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`Not an e-mail address: ${staff.email}`);
  if (options.claimOnly && !staff.userId) throw new Error('--claim-only needs the --user-id of the existing Cognito user');
  if (!options.claimOnly && staff.roles.length === 0) throw new Error('Give at least one --role (vendor-admin, channel-manager, finance)');
  const userId = staff.userId ?? newId('user', new Date());
  const key = emailKey(email);
  try {
    await options.client.send(
      new PutCommand({
        TableName: options.tableName,
        Item: { ...key, kind: 'constraint', userId, vendor: true },
        // The same staff member again (a re-run) keeps its claim.
        ConditionExpression: 'attribute_not_exists(pk) OR (userId = :u AND vendor = :t)',
        ExpressionAttributeValues: { ':u': userId, ':t': true },
      }),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) {
      throw new StaffAddressTakenError(`${email} already belongs to a partner user or other vendor staff; nothing was created`);
    }
    throw err;
  }
  if (options.claimOnly) return { userId };
  const UserPoolId = options.userPoolId;
  try {
    await options.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: userId,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          ...(staff.givenName ? [{ Name: 'given_name', Value: staff.givenName }] : []),
          ...(staff.familyName ? [{ Name: 'family_name', Value: staff.familyName }] : []),
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
  } catch (err) {
    if (err instanceof AliasExistsException) {
      // Another Cognito user has it without a claim (created by hand): give the claim back.
      await options.client.send(
        new DeleteCommand({ TableName: options.tableName, Key: key, ConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } }),
      );
      throw new StaffAddressTakenError(`${email} belongs to another Cognito user without a claim; claim it with --claim-only --user-id <its user name>`);
    }
    if (!(err instanceof UsernameExistsException)) throw err;
  }
  for (const role of staff.roles) await options.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: userId, GroupName: role }));
  return { userId };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      'given-name': { type: 'string' },
      'family-name': { type: 'string' },
      role: { type: 'string', multiple: true, default: [] },
      'user-id': { type: 'string' },
      'claim-only': { type: 'boolean', default: false },
    },
  });
  const tableName = process.env.TABLE_NAME;
  const userPoolId = process.env.USER_POOL_ID;
  if (!tableName || (!userPoolId && !values['claim-only'])) throw new Error('Set TABLE_NAME and USER_POOL_ID (the stack outputs TableName and UserPoolId)');
  if (!values.email) throw new Error('Give --email');
  const roles = values.role ?? [];
  const bad = roles.filter((r) => !isVendorRole(r));
  if (bad.length) throw new Error(`Not vendor roles: ${bad.join(', ')} (one of ${VENDOR_ROLES.join(', ')})`);
  const { raw, client } = tableClientFromEnv();
  try {
    const { userId } = await addVendorStaff(
      {
        email: values.email,
        roles: roles as VendorRole[],
        ...(values['given-name'] ? { givenName: values['given-name'] } : {}),
        ...(values['family-name'] ? { familyName: values['family-name'] } : {}),
        ...(values['user-id'] ? { userId: values['user-id'] } : {}),
      },
      {
        client,
        tableName,
        cognito: new CognitoIdentityProviderClient({}),
        userPoolId: userPoolId ?? '',
        claimOnly: values['claim-only'],
      },
    );
    console.log(
      values['claim-only']
        ? `Claimed ${values.email} for ${userId}`
        : `Created ${userId} (${values.email}) in ${roles.join(', ')}; Cognito mails the temporary password`,
    );
  } finally {
    raw.destroy();
  }
}

runIfMain(import.meta.url, main);
