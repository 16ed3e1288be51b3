import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  type AdminGetUserCommandOutput,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AdminListGroupsForUserCommandOutput,
  AliasExistsException,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PartnerUser } from '@channelbase/core/partners';
import { dynamo, tableName } from '@channelbase/platform';

/**
 * The directory already has another identity with this address (vendor staff created by hand
 * before their addresses were claimed): the user is not provisioned, and the clash is reported.
 */
export class AddressInUseError extends Error {}

/** Where a partner user's sign-in identity lives: Cognito in AWS, nothing to do locally. */
export interface IdentityDirectory {
  readonly provider: 'cognito' | 'local';
  /**
   * Sets the identity to exactly this state of the user (attributes, groups, enabled or
   * disabled), creating it if needed; safe to repeat and to run concurrently with itself.
   */
  provision(user: PartnerUser): Promise<void>;
  /** Ends every session of the user: refresh tokens issued before now stop working. */
  signOut(user: PartnerUser): Promise<void>;
  /** Removes the identity, if any (an expired invitation, or a user without its address): frees the sign-in alias. */
  remove(user: PartnerUser): Promise<void>;
  /** Whether the user has signed in at least once (accepted the invitation). */
  hasSignedIn(user: PartnerUser): Promise<boolean>;
}

/** The Cognito calls the directory makes (auth.ts grants exactly these). */
export type IdentityCommand =
  | AdminCreateUserCommand
  | AdminUpdateUserAttributesCommand
  | AdminListGroupsForUserCommand
  | AdminAddUserToGroupCommand
  | AdminRemoveUserFromGroupCommand
  | AdminEnableUserCommand
  | AdminDisableUserCommand
  | AdminUserGlobalSignOutCommand
  | AdminDeleteUserCommand
  | AdminGetUserCommand;

/**
 * What the directory needs of a Cognito client: `CognitoIdentityProviderClient` is one; tests
 * pass an in-memory pool.
 */
export interface CognitoClient {
  send(command: AdminListGroupsForUserCommand): Promise<AdminListGroupsForUserCommandOutput>;
  send(command: IdentityCommand): Promise<unknown>;
}

/**
 * Cognito: the user name is the Channelbase user id, the e-mail an alias for sign-in; the
 * partner id is a custom attribute that the pre-token-generation trigger copies into the
 * access token; roles are groups.
 */
export class CognitoDirectory implements IdentityDirectory {
  readonly provider = 'cognito' as const;
  readonly #client: CognitoClient;
  constructor(
    private readonly userPoolId: string,
    client: CognitoClient = new CognitoIdentityProviderClient({}),
  ) {
    this.#client = client;
  }

  async provision(user: PartnerUser): Promise<void> {
    const UserPoolId = this.userPoolId;
    const Username = user.id;
    const attributes = [
      { Name: 'email', Value: user.email },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'given_name', Value: user.givenName },
      { Name: 'family_name', Value: user.familyName },
      { Name: 'custom:partnerId', Value: user.partnerId },
    ];
    try {
      await this.#client.send(new AdminCreateUserCommand({ UserPoolId, Username, UserAttributes: attributes, DesiredDeliveryMediums: ['EMAIL'] }));
    } catch (err) {
      if (err instanceof AliasExistsException) throw new AddressInUseError(`Another Cognito user has the address of ${user.id}`);
      if (!(err instanceof UsernameExistsException)) throw err;
      // The administrator vouches for the address, as on creation, so a changed e-mail stays a sign-in alias.
      await this.#client.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username, UserAttributes: attributes }));
    }
    const { Groups = [] } = await this.#client.send(new AdminListGroupsForUserCommand({ UserPoolId, Username }));
    const current = new Set(Groups.map((g) => g.GroupName));
    for (const role of user.roles) {
      if (!current.has(role)) await this.#client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName: role }));
    }
    for (const group of current) {
      if (group && !(user.roles as string[]).includes(group)) {
        await this.#client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username, GroupName: group }));
      }
    }
    await this.#client.send(
      user.status === 'active' ? new AdminEnableUserCommand({ UserPoolId, Username }) : new AdminDisableUserCommand({ UserPoolId, Username }),
    );
  }

  async signOut(user: PartnerUser): Promise<void> {
    await this.#client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: user.id }));
  }

  async remove(user: PartnerUser): Promise<void> {
    try {
      await this.#client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: user.id }));
    } catch (err) {
      if (!(err instanceof UserNotFoundException)) throw err;
    }
  }

  /** A Cognito user still in FORCE_CHANGE_PASSWORD never signed in with its temporary password. */
  async hasSignedIn(user: PartnerUser): Promise<boolean> {
    try {
      const { UserStatus } = (await this.#client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: user.id }))) as Pick<
        AdminGetUserCommandOutput,
        'UserStatus'
      >;
      return UserStatus !== undefined && UserStatus !== 'FORCE_CHANGE_PASSWORD';
    } catch (err) {
      if (err instanceof UserNotFoundException) return false;
      throw err;
    }
  }
}

/** The local runtime's record that a token was minted for a user id (its "first sign-in"). */
export const localSignInKey = (userId: string) => ({ pk: `LOCAL#SIGNIN#${userId}`, sk: 'SIGNIN' });

/**
 * The local runtime signs its own tokens (POST /local/tokens), so there is no account to
 * create. Where Cognito would e-mail an invitation, `npm start` prints the token request that
 * signs this user in (with CHANNELBASE_LOCAL_INVITATIONS=1; tests leave it off).
 */
export class LocalDirectory implements IdentityDirectory {
  readonly provider = 'local' as const;
  async provision(user: PartnerUser): Promise<void> {
    if (process.env.CHANNELBASE_LOCAL_INVITATIONS !== '1' || user.status !== 'active') return;
    const request = { sub: user.id, userId: user.id, roles: user.roles, partnerId: user.partnerId };
    console.log(`[local invitation] ${user.email} (${user.roles.join(', ')} of ${user.partnerId}): POST /local/tokens ${JSON.stringify(request)}`);
  }
  /** Local tokens are self-signed and kept nowhere: there is no session to end. */
  async signOut(): Promise<void> {}
  async remove(): Promise<void> {}
  /** Signed in once `POST /local/tokens` minted a token for the user id (packages/local records it). */
  async hasSignedIn(user: PartnerUser): Promise<boolean> {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: localSignInKey(user.id), ConsistentRead: true }));
    return Item !== undefined;
  }
}

/** Cognito when deployed; the local directory only outside Lambda, so a misconfigured function fails loudly. */
export function identityDirectory(): IdentityDirectory {
  if (process.env.USER_POOL_ID) return new CognitoDirectory(process.env.USER_POOL_ID);
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) throw new Error('USER_POOL_ID is not set: cannot provision partner users');
  return new LocalDirectory();
}
