import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { PARTNER_STATUSES, type PartnerStatus, USER_STATUSES } from '@channelbase/core/partners';
import { dynamo, tableName } from '@channelbase/platform';
import { partnerKey, userKey } from './repository.ts';

/** What a status gate needs to know of a partner and, optionally, one of its users. */
export interface PartnerAccess {
  /** The partner's status; undefined if there is no such partner. */
  partnerStatus: PartnerStatus | undefined;
  /** The user, if a user id was asked for and it exists under this partner. */
  user?: { status: (typeof USER_STATUSES)[number]; sessionsRevokedAt: string | null };
}

/** Exactly the attributes read: IAM limits these reads with `dynamodb:Attributes`. */
export const ACCESS_ATTRIBUTES = ['pk', 'sk', 'status', 'sessionsRevokedAt'] as const;

/** Reads unprocessed keys again this many times before giving up. */
const MAX_ROUNDS = 5;

/**
 * The partners context's public read of access facts: a partner's status and, with `userId`,
 * that user's status and `sessionsRevokedAt` (tokens issued before it are revoked). One
 * strongly consistent BatchGetItem of `PARTNER#<id>`/`PROFILE` (and `PARTNER#<id>`/`USER#<userId>`),
 * projected to `pk, sk, status, sessionsRevokedAt` only. Used by the pre-token-generation trigger
 * and the API's status gate.
 * @example const { partnerStatus, user } = await readAccess('ptr_…', 'usr_…'); if (partnerStatus === 'terminated') refuse();
 */
export async function readAccess(
  partnerId: string,
  userId?: string,
): Promise<{ partnerStatus: PartnerStatus | undefined; user?: { status: 'active' | 'disabled'; sessionsRevokedAt: string | null } }> {
  const table = tableName();
  const profile = partnerKey(partnerId);
  const member = userId ? userKey(partnerId, userId) : undefined;
  let keys: Record<string, unknown>[] = member ? [profile, member] : [profile];
  const items: Record<string, unknown>[] = [];
  for (let round = 0; keys.length > 0; round++) {
    if (round >= MAX_ROUNDS) throw new Error('readAccess: the table kept the keys unprocessed');
    if (round > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** round));
    const res = await dynamo().send(
      new BatchGetCommand({
        RequestItems: {
          [table]: {
            Keys: keys,
            ConsistentRead: true,
            ProjectionExpression: 'pk, sk, #status, sessionsRevokedAt',
            ExpressionAttributeNames: { '#status': 'status' },
          },
        },
      }),
    );
    items.push(...(res.Responses?.[table] ?? []));
    keys = (res.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
  }
  const find = (key: { pk: string; sk: string }) => items.find((i) => i.pk === key.pk && i.sk === key.sk);
  const partnerItem = find(profile);
  const partnerStatus = PARTNER_STATUSES.find((s) => s === partnerItem?.status);
  const userItem = member ? find(member) : undefined;
  const userStatus = USER_STATUSES.find((s) => s === userItem?.status);
  return {
    partnerStatus,
    ...(userStatus
      ? { user: { status: userStatus, sessionsRevokedAt: typeof userItem?.sessionsRevokedAt === 'string' ? userItem.sessionsRevokedAt : null } }
      : {}),
  };
}
