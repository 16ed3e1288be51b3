import { AdminGetUserCommand, type AdminGetUserCommandOutput, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { MFA_ROLES, VENDOR_ROLES } from '@channelbase/core';
import { readAccess } from '../partners/index.ts';

/** What the trigger needs of Cognito: whether a user has a second factor set up. */
export interface MfaDirectory {
  send(command: AdminGetUserCommand): Promise<Pick<AdminGetUserCommandOutput, 'UserMFASettingList'>>;
}

/** The claim that tells a portal why a token lacks the user's MFA roles: set up TOTP, then sign in again. */
export const MFA_SETUP_CLAIM = 'mfa_setup_required';

/**
 * Cognito pre-token-generation (V2) trigger: copies the user's partner id into the access
 * token as `partner_id`, so that every API call carries the caller's organisation.
 *
 * It also refuses (throws, so Cognito issues no token, at sign-in and at refresh) what must not
 * get one: a principal that is both a vendor (a vendor group) and a partner (`custom:partnerId`),
 * and a user of a partner that is terminated or does not exist, or whose partner user record is
 * missing or disabled. The partner and the user are read in one strongly consistent read.
 *
 * MFA for `vendor-admin` and `finance` (MFA_ROLES). Cognito requires MFA per pool, not per
 * group, and the trigger event says nothing about how the user signed in. So for a user in one of
 * those groups the trigger asks Cognito (AdminGetUser) whether TOTP is set up; until it is, the
 * token carries the user's other groups only, and `mfa_setup_required: "true"`. Such a token still
 * lets the user set up TOTP (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference take
 * the access token), and once TOTP is set up Cognito asks for it at every sign-in (MFA is optional
 * on the pool, and required for each user who has a factor). The token is not refused outright:
 * that would leave no way to enrol.
 */
export function createPreTokenHandler(cognito: MfaDirectory) {
  return async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
    const partnerId = event.request.userAttributes['custom:partnerId'];
    const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
    const vendorGroups = groups.filter((g) => (VENDOR_ROLES as readonly string[]).includes(g));
    if (!partnerId) return withMfaRolesChecked(cognito, event, groups);
    if (vendorGroups.length > 0) {
      throw new Error(
        `Refused: user ${event.userName} has partner ${partnerId} and vendor groups (${vendorGroups.join(', ')}); a principal is a vendor or a partner`,
      );
    }
    const { partnerStatus, user } = await readAccess(partnerId, event.userName);
    if (partnerStatus === undefined) throw new Error(`Refused: user ${event.userName} names partner ${partnerId}, which does not exist`);
    if (partnerStatus === 'terminated') throw new Error(`Refused: partner ${partnerId} of user ${event.userName} is terminated`);
    if (user?.status !== 'active') throw new Error(`Refused: user ${event.userName} of partner ${partnerId} is ${user ? user.status : 'not a user of it'}`);
    event.response = {
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: { claimsToAddOrOverride: { partner_id: partnerId } },
        idTokenGeneration: { claimsToAddOrOverride: { partner_id: partnerId } },
      },
    };
    return event;
  };
}

/** A vendor user: unchanged, unless it is in an MFA role without TOTP set up (then without those groups). */
async function withMfaRolesChecked(cognito: MfaDirectory, event: PreTokenGenerationV2TriggerEvent, groups: string[]) {
  const needsMfa = groups.filter((g) => (MFA_ROLES as readonly string[]).includes(g));
  if (needsMfa.length === 0) return event;
  const { UserMFASettingList = [] } = await cognito.send(new AdminGetUserCommand({ UserPoolId: event.userPoolId, Username: event.userName }));
  if (UserMFASettingList.includes('SOFTWARE_TOKEN_MFA')) return event;
  const kept = groups.filter((g) => !needsMfa.includes(g));
  console.warn(`User ${event.userName} is in ${needsMfa.join(', ')} without TOTP: token issued without those groups until TOTP is set up`);
  event.response = {
    claimsAndScopeOverrideDetails: {
      groupOverrideDetails: { groupsToOverride: kept },
      accessTokenGeneration: { claimsToAddOrOverride: { [MFA_SETUP_CLAIM]: 'true' } },
      idTokenGeneration: { claimsToAddOrOverride: { [MFA_SETUP_CLAIM]: 'true' } },
    },
  };
  return event;
}

export const handler = createPreTokenHandler(new CognitoIdentityProviderClient({}));
