import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { PartnerStatus } from '@channelbase/core/partners';
import { type PartnerAccess, dynamo, tableName } from '@channelbase/platform';
import { partnerKey, userKey } from './repository.ts';

/**
 * The attributes the status gate reads, and the only ones other contexts' functions may read of
 * partners' items (their IAM limits these reads with `dynamodb:Attributes`).
 */
export const ACCESS_ATTRIBUTES = ['pk', 'sk', 'status', 'sessionsRevokedAt'] as const;

/**
 * What decides whether a partner principal's request may proceed: its partner's status and, when
 * the token names a user, that user's status and when its sessions were revoked. One strongly
 * consistent BatchGetItem of at most two small projections.
 * @example const { partnerStatus, user } = await readAccess('ptr_…', 'usr_…');
 */
export async function readAccess(partnerId: string, userId?: string): Promise<PartnerAccess & { partnerStatus: PartnerStatus | undefined }> {
  const name = tableName();
  const keys = [partnerKey(partnerId), ...(userId ? [userKey(partnerId, userId)] : [])];
  const res = await dynamo().send(
    new BatchGetCommand({
      RequestItems: {
        [name]: {
          Keys: keys,
          ConsistentRead: true,
          ProjectionExpression: ACCESS_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(ACCESS_ATTRIBUTES.map((a, i) => [`#a${i}`, a])),
        },
      },
    }),
  );
  // Two small items never exceed BatchGetItem's limits, so nothing is left unprocessed.
  const items = res.Responses?.[name] ?? [];
  const partner = items.find((i) => i.sk === partnerKey(partnerId).sk);
  const user = userId ? items.find((i) => i.sk === userKey(partnerId, userId).sk) : undefined;
  return {
    partnerStatus: partner?.status as PartnerStatus | undefined,
    ...(user ? { user: { status: String(user.status), sessionsRevokedAt: (user.sessionsRevokedAt as string | undefined) ?? null } } : {}),
  };
}
