import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { VENDOR_ROLES } from '@channelbase/core';
import { readAccess } from '../partners/index.ts';

/**
 * Cognito pre-token-generation (V2) trigger: copies the user's partner id into the access
 * token as `partner_id`, so that every API call carries the caller's organisation.
 *
 * It also refuses (throws, so Cognito issues no token, at sign-in and at refresh) what must not
 * get one: a principal that is both a vendor (a vendor group) and a partner (`custom:partnerId`),
 * and a user of a partner that is terminated or does not exist, or whose partner user record is
 * missing or disabled. The partner and the user are read in one strongly consistent read.
 */
export const handler = async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
  const partnerId = event.request.userAttributes['custom:partnerId'];
  const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
  const vendorGroups = groups.filter((g) => (VENDOR_ROLES as readonly string[]).includes(g));
  if (!partnerId) return event;
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
