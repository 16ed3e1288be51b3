import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { OrganisationKeys } from '@channelbase/core/partners';
import { type Write, dynamo, partitionKey, tableName } from '@channelbase/platform';

/**
 * Identity keys of organisations, for the duplicate check of applications: one item per
 * registrable web domain, normalised tax id and normalised legal name, naming its holder (the
 * first partner or open application with that value):
 *   pk ORGKEY#<webDomain|taxId|legalName>#<value>   sk HOLDER
 * The check is one BatchGetItem of at most three keys, whatever the number of partners. A value
 * whose key would pass DynamoDB's 2,048-byte limit (a legal name that NFKD normalisation expanded)
 * is hashed into the key (`ORGKEY#legalName#SHA256:<digest>`, see partitionKey); the item's
 * `value` attribute keeps the normalised value either way.
 */
export type OrgKeyOn = keyof OrganisationKeys;
export type OwnerKind = 'partner' | 'application';

export interface OrgKeyHolder {
  on: OrgKeyOn;
  value: string;
  ownerKind: OwnerKind;
  ownerId: string;
}

export const orgKey = (on: OrgKeyOn, value: string) => ({ pk: partitionKey(`ORGKEY#${on}#`, value), sk: 'HOLDER' });

export const orgKeyList = (keys: Partial<OrganisationKeys>): [OrgKeyOn, string][] =>
  (Object.entries(keys) as [OrgKeyOn, string | undefined][]).filter((e): e is [OrgKeyOn, string] => e[1] !== undefined);

/** Whether a claim is an application's whose review window has closed by `now`. */
const lapsed = (item: Record<string, unknown>, now: Date): boolean =>
  item.ownerKind === 'application' && typeof item.expiresAt === 'string' && item.expiresAt <= now.toISOString();

/**
 * The current holders of the given keys (strongly consistent). An application's claim lapses at
 * its `expiresAt` (the end of its review window): from `now` on it holds nothing, whether or not
 * its expiry was recorded, so squatting a key lasts at most one review window.
 */
export async function findHolders(keys: Partial<OrganisationKeys>, now?: Date): Promise<OrgKeyHolder[]> {
  const list = orgKeyList(keys);
  if (list.length === 0) return [];
  const name = tableName();
  const res = await dynamo().send(new BatchGetCommand({ RequestItems: { [name]: { Keys: list.map(([on, v]) => orgKey(on, v)), ConsistentRead: true } } }));
  const found = res.Responses?.[name] ?? [];
  // Three small items never exceed BatchGetItem's limits, so nothing is left unprocessed.
  return list.flatMap(([on, value]) => {
    const item = found.find((i) => i.pk === orgKey(on, value).pk);
    if (!item || (now && lapsed(item, now))) return [];
    return [{ on, value, ownerKind: item.ownerKind as OwnerKind, ownerId: item.ownerId as string }];
  });
}

/**
 * Becomes the holder of a key nobody holds; fails the transaction (with `taken`) if someone does.
 * An application's claim names when it lapses (`lapse`: its review window's end); a lapsed
 * application claim counts as free, and this claim replaces it.
 */
export function claim(on: OrgKeyOn, value: string, ownerKind: OwnerKind, ownerId: string, taken: () => Error, lapse?: { expiresAt: Date; now: Date }): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...orgKey(on, value), kind: 'org-key', on, value, ownerKind, ownerId, ...(lapse ? { expiresAt: lapse.expiresAt.toISOString() } : {}) },
        ConditionExpression: lapse ? 'attribute_not_exists(pk) OR (ownerKind = :application AND expiresAt <= :now)' : 'attribute_not_exists(pk)',
        ...(lapse ? { ExpressionAttributeValues: { ':application': 'application', ':now': lapse.now.toISOString() } } : {}),
      },
    },
    onConditionFailed: taken,
  };
}

/** Becomes the holder of a key if nobody holds it; never fails (a second partner with the same domain is allowed). */
export function claimIfFree(on: OrgKeyOn, value: string, ownerKind: OwnerKind, ownerId: string): Write {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: orgKey(on, value),
        UpdateExpression: 'SET kind = :k, #on = :on, #v = :v, ownerKind = if_not_exists(ownerKind, :ok), ownerId = if_not_exists(ownerId, :oi)',
        ExpressionAttributeNames: { '#on': 'on', '#v': 'value' },
        ExpressionAttributeValues: { ':k': 'org-key', ':on': on, ':v': value, ':ok': ownerKind, ':oi': ownerId },
      },
    },
  };
}

/** Hands a held key to a new holder (an approved application's keys go to its partner, for good: no lapse). */
export function transfer(on: OrgKeyOn, value: string, fromId: string, ownerKind: OwnerKind, ownerId: string): Write {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: orgKey(on, value),
        UpdateExpression: 'SET ownerKind = :ok, ownerId = :oi REMOVE expiresAt',
        ConditionExpression: 'ownerId = :from',
        ExpressionAttributeValues: { ':ok': ownerKind, ':oi': ownerId, ':from': fromId },
      },
    },
  };
}

/** Gives up a held key (a rejected application, a partner whose domain changed). */
export function release(on: OrgKeyOn, value: string, ownerId: string): Write {
  return {
    item: { Delete: { TableName: tableName(), Key: orgKey(on, value), ConditionExpression: 'ownerId = :me', ExpressionAttributeValues: { ':me': ownerId } } },
  };
}

/**
 * The writes that keep a partner's identity keys in step with its profile: keys it no longer
 * has are released (if it held them), new ones are claimed if free.
 */
export async function syncPartnerKeys(partnerId: string, before: OrganisationKeys | undefined, after: OrganisationKeys): Promise<Write[]> {
  const old = before ? orgKeyList(before) : [];
  const now = orgKeyList(after);
  const gone = old.filter(([on, v]) => after[on] !== v);
  const added = now.filter(([on, v]) => before?.[on] !== v);
  const held = gone.length ? await findHolders(Object.fromEntries(gone)) : [];
  return [
    ...held.filter((h) => h.ownerId === partnerId).map((h) => release(h.on, h.value, partnerId)),
    ...added.map(([on, v]) => claimIfFree(on, v, 'partner', partnerId)),
  ];
}
