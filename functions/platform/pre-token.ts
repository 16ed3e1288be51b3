import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

/**
 * Cognito pre-token-generation (V2) trigger: copies the user's partner id into the access
 * token as `partner_id`, so that every API call carries the caller's organisation.
 */
export const handler = async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
  const partnerId = event.request.userAttributes['custom:partnerId'];
  if (partnerId) {
    event.response = {
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: { claimsToAddOrOverride: { partner_id: partnerId } },
        idTokenGeneration: { claimsToAddOrOverride: { partner_id: partnerId } },
      },
    };
  }
  return event;
};
