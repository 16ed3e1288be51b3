import { partnerUserSchema } from '@channelbase/core/partners';
import { AlreadyAppliedError, appliedOnce, commit, createConsumer, runtimeClock, tableName } from '@channelbase/platform';
import { identityDirectory } from './identity.ts';
import { getUser, userKey } from './repository.ts';

const CONSUMER = 'partners.provision-identity';
const directory = identityDirectory();

/**
 * Keeps each partner user's sign-in identity in step with its record. It provisions the
 * user as stored now, not as the event carried it, so a redelivered or out-of-order event
 * cannot roll Cognito back to an older state. The directory call is safe to repeat; the
 * record of it (`IDENTITY#<userId>`) is written once per event.
 */
export const handler = createConsumer(CONSUMER, async (event) => {
  const announced = partnerUserSchema.parse((event.detail.data as { user: unknown }).user);
  const user = await getUser(announced.partnerId, announced.id);
  await directory.provision(user);
  const key = userKey(user.partnerId, user.id);
  try {
    await commit([
      appliedOnce(CONSUMER, event.detail.eventId),
      {
        item: {
          Update: {
            TableName: tableName(),
            Key: { pk: key.pk, sk: `IDENTITY#${user.id}` },
            UpdateExpression: 'SET kind = :k, provider = :p, userId = :u, lastProvisionedAt = :at, lastEventId = :e ADD provisionCount :one',
            ExpressionAttributeValues: {
              ':k': 'identity',
              ':p': directory.provider,
              ':u': user.id,
              ':at': runtimeClock.now().toISOString(),
              ':e': event.detail.eventId,
              ':one': 1,
            },
          },
        },
      },
    ]);
  } catch (err) {
    if (!(err instanceof AlreadyAppliedError)) throw err;
  }
});
