import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { type IGrantable, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ROLES } from '@channelbase/core';
import { ChannelbaseFunction } from './function.ts';
import type { SesConfig } from '../config.ts';
import type { Observability } from './observability.ts';
import type { ChannelbaseTable } from './table.ts';

/** Exactly the Cognito calls functions/partners/identity.ts makes. */
export const IDENTITY_PROVISIONING_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminDeleteUser',
] as const;

/** What the invitation-expiry step asks Cognito: whether the user ever signed in (functions/partners/identity.ts, hasSignedIn). */
export const INVITATION_CHECK_ACTIONS = ['cognito-idp:AdminGetUser'] as const;

export interface AuthProps {
  stage: string;
  logRetentionDays: number;
  observability: Observability;
  /** The pre-token trigger reads the partner status gate's attributes from it. */
  table: ChannelbaseTable;
  /** E-mail through SES (docs/infrastructure.md, "E-mail"); absent: Cognito's own sender. */
  ses?: SesConfig;
  /** Days a temporary password (the invitation) stays valid: the invitation window. */
  invitationDays: number;
}

/** The user pool's e-mail: SES when configured, else Cognito's sender (a few dozen messages a day for the pool). */
export function userPoolEmail(ses: SesConfig | undefined): UserPoolEmail {
  if (!ses) return UserPoolEmail.withCognito();
  return UserPoolEmail.withSES({
    fromEmail: ses.fromEmail,
    ...(ses.fromName ? { fromName: ses.fromName } : {}),
    ...(ses.replyTo ? { replyTo: ses.replyTo } : {}),
    ...(ses.verifiedDomain ? { sesVerifiedDomain: ses.verifiedDomain } : {}),
    ...(ses.region ? { sesRegion: ses.region } : {}),
    ...(ses.configurationSet ? { configurationSetName: ses.configurationSet } : {}),
  });
}

/**
 * Who may call the API: a Cognito user pool whose user names are Channelbase user ids
 * (`usr_...`) with the e-mail address as sign-in alias, one group per role, and a
 * pre-token-generation trigger that puts the caller's partner id into access tokens.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly preTokenGeneration: ChannelbaseFunction;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `channelbase-${props.stage}`,
      // Users are created by the API (partner users) or by an administrator (vendor staff).
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, givenName: { mutable: true }, familyName: { mutable: true } },
      customAttributes: { partnerId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        // The invitation window: an invitation not accepted by then expires (and releases the address).
        tempPasswordValidity: Duration.days(props.invitationDays),
      },
      email: userPoolEmail(props.ses),
      // Optional on the pool (Cognito cannot require it per group); required for vendor-admin and
      // finance by the pre-token trigger, which withholds those groups until TOTP is set up.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Access-token customisation (the partner id claim) needs the Essentials plan or above.
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    ROLES.forEach((role, precedence) => this.userPool.addGroup(`Group-${role}`, { groupName: role, precedence, description: `Channelbase role ${role}` }));

    this.client = this.userPool.addClient('PortalClient', {
      userPoolClientName: 'portal',
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI: portals sign in with SRP and refresh tokens (refresh is always allowed).
      disableOAuth: true,
      preventUserExistenceErrors: true,
      // Users may not change their own partner id (it becomes the partner_id claim) or e-mail:
      // both are kept in step with the partner user record by the provisioning consumer.
      writeAttributes: new ClientAttributes().withStandardAttributes({ givenName: true, familyName: true }),
      enableTokenRevocation: true,
      // 15 minutes, not the 60-minute default: a disabled or demoted user's last access token dies
      // soon after the global sign-out ends its refresh token (the API also refuses tokens issued
      // before the user's sessionsRevokedAt; this is defence in depth). Portals refresh silently.
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.preTokenGeneration = new ChannelbaseFunction(this, 'PreTokenGeneration', {
      entry: 'functions/platform/pre-token.ts',
      description: 'Cognito pre-token-generation (V2): adds partner_id to access tokens',
      service: 'platform',
      // Cognito waits at most 5 seconds for a trigger.
      timeout: Duration.seconds(5),
      memorySize: 256,
      environment: { TABLE_NAME: props.table.table.tableName },
      logRetentionDays: props.logRetentionDays,
      observability: props.observability,
    });
    // Like every API function, the trigger reads the partner's and the user's status (and nothing else of the table).
    props.table.grantStatusGateRead(this.preTokenGeneration.fn);
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.preTokenGeneration.fn, LambdaVersion.V2_0);
    // Whether an MFA-role user has TOTP set up. A policy of its own, not the role's default one:
    // the function depends on its default policy, and the pool on the function (its trigger), so
    // naming the pool there would be a dependency cycle.
    new Policy(this, 'PreTokenMfaRead', {
      roles: [this.preTokenGeneration.fn.role!],
      statements: [new PolicyStatement({ sid: 'MfaEnrolmentRead', actions: ['cognito-idp:AdminGetUser'], resources: [this.userPool.userPoolArn] })],
    });

    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional (TOTP) on the pool because Cognito cannot require it per group: vendor-admin and finance must have TOTP (the pre-token trigger withholds those groups from tokens until it is set up, docs/infrastructure.md); partner users across many organisations may enrol at their pace.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Essentials plan covers what the API needs (access-token customisation); Plus (threat protection) is billed per monthly active user and is left to each deployment to enable.',
      },
    );
  }

  /** The issuer the API's JWT authorizer trusts. */
  get issuer(): string {
    const stack = Stack.of(this);
    return `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }

  /** What the invitation-expiry step may ask of this pool, and nothing else. */
  grantInvitationCheck(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: [...INVITATION_CHECK_ACTIONS], resources: [this.userPool.userPoolArn] }));
  }

  /** What the identity-provisioning consumer may do on this pool, and nothing else. */
  grantIdentityProvisioning(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: [...IDENTITY_PROVISIONING_ACTIONS], resources: [this.userPool.userPoolArn] }));
  }
}
