import { GetCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '@channelbase/core';
import {
  type ChangeRequest,
  type EmailHolder,
  type HistoryEntry,
  type Partner,
  type PartnerFilters,
  type PartnerUser,
  changeRequestSchema,
  historyEntrySchema,
  partnerSchema,
  partnerUserSchema,
} from '@channelbase/core/partners';
import { type Page, type Write, dynamo, partitionKey, queryPages, queryPrefix, tableName, versionedPut, queryAll } from '@channelbase/platform';

/**
 * The partners context's keys in the single table (docs/data-model.md lists each pattern):
 *   partner        pk PARTNER#<id>           sk PROFILE
 *   partner user   pk PARTNER#<id>           sk USER#<userId>
 *   audit entry    pk PARTNER#<id>           sk HISTORY#<occurredAt>#<eventId>#<subject>
 *   e-mail claim   pk USER_EMAIL#<email>     sk CONSTRAINT   (one account per e-mail)
 *   all partners   gsi1 PARTNER / <id>;  by status gsi2;  by country gsi3;  by type gsi4;  by tier gsi5
 * Index keys hold only schema-bounded values (ids, enums, a country code, a tier key); the e-mail
 * claim is bounded by partitionKey (hashed past DynamoDB's limit, which a valid address never reaches).
 */
export const partnerKey = (id: string) => ({ pk: `PARTNER#${id}`, sk: 'PROFILE' });
export const userKey = (partnerId: string, userId: string) => ({ pk: `PARTNER#${partnerId}`, sk: `USER#${userId}` });
export const emailKey = (email: string) => ({ pk: partitionKey('USER_EMAIL#', email), sk: 'CONSTRAINT' });

export function partnerItem(p: Partner) {
  return {
    ...p,
    ...partnerKey(p.id),
    kind: 'partner',
    gsi1pk: 'PARTNER',
    gsi1sk: p.id,
    gsi2pk: `PARTNER#STATUS#${p.status}`,
    gsi2sk: p.id,
    gsi3pk: `PARTNER#COUNTRY#${p.country}`,
    gsi3sk: p.id,
    gsi4pk: `PARTNER#TYPE#${p.type}`,
    gsi4sk: p.id,
    // Sparse: a partner without a tier is not in the tier index.
    ...(p.tier ? { gsi5pk: `PARTNER#TIER#${p.tier}`, gsi5sk: p.id } : {}),
  };
}

/** A conditional put: creates the partner, or replaces the version the caller read. */
export function putPartner(p: Partner, expectedVersion?: number): Write {
  return expectedVersion === undefined
    ? {
        item: { Put: { TableName: tableName(), Item: partnerItem(p), ConditionExpression: 'attribute_not_exists(pk)' } },
        onConditionFailed: () => new ConflictError('A partner with this id exists'),
      }
    : versionedPut(partnerItem(p), expectedVersion, 'partner');
}

/** Fails the transaction unless the partner exists (for writes under a partner). */
export function partnerExists(id: string, statusNot?: string): Write {
  return {
    item: {
      ConditionCheck: {
        TableName: tableName(),
        Key: partnerKey(id),
        ConditionExpression: statusNot ? 'attribute_exists(pk) AND #s <> :s' : 'attribute_exists(pk)',
        ...(statusNot ? { ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': statusNot } } : {}),
      },
    },
    onConditionFailed: () => new ConflictError('The partner was terminated (or removed): it takes no such change'),
  };
}

export async function getPartner(id: string): Promise<Partner> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: partnerKey(id), ConsistentRead: true }));
  if (!Item) throw new NotFoundError('Partner not found');
  return partnerSchema.parse(Item);
}

/** Index per filter, most selective first; the other filters become a filter expression. */
const FILTER_INDEXES = [
  ['country', 'gsi3', 'PARTNER#COUNTRY#'],
  ['tier', 'gsi5', 'PARTNER#TIER#'],
  ['type', 'gsi4', 'PARTNER#TYPE#'],
  ['status', 'gsi2', 'PARTNER#STATUS#'],
] as const;

/** Lists partners, newest first, with optional filters; never a scan. */
export async function listPartners(filters: PartnerFilters, limit: number, cursor?: string): Promise<Page<Partner>> {
  const chosen = FILTER_INDEXES.find(([field]) => filters[field] !== undefined);
  const index = chosen?.[1] ?? 'gsi1';
  const keyValue = chosen ? `${chosen[2]}${filters[chosen[0]]}` : 'PARTNER';
  const rest = FILTER_INDEXES.filter(([field]) => field !== chosen?.[0] && filters[field] !== undefined);
  const names: Record<string, string> = { '#pk': `${index}pk` };
  const values: Record<string, unknown> = { ':pk': keyValue };
  rest.forEach(([field], i) => {
    names[`#f${i}`] = field;
    values[`:f${i}`] = filters[field];
  });
  const base: QueryCommandInput = {
    TableName: tableName(),
    IndexName: index,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ...(rest.length ? { FilterExpression: rest.map((_, i) => `#f${i} = :f${i}`).join(' AND ') } : {}),
    ScanIndexForward: false,
  };
  const scope = `partners:${JSON.stringify(filters)}`;
  return queryPages(
    base,
    limit,
    scope,
    cursor,
    (item) => partnerSchema.parse(item),
    (item) => ({
      pk: item.pk,
      sk: item.sk,
      [`${index}pk`]: item[`${index}pk`],
      [`${index}sk`]: item[`${index}sk`],
    }),
  );
}

// ---- users ----

function userItem(u: PartnerUser) {
  return { ...u, ...userKey(u.partnerId, u.id), kind: 'partner-user' };
}

/** The claim of an address is held by someone else: `addPartnerUser` decides what the caller may learn. */
export class EmailTakenError extends ConflictError {
  constructor() {
    super('A user with this e-mail address exists', [{ path: 'body.email', message: 'already in use' }]);
  }
}

/** Who holds an address's claim: a partner user (with its partner), vendor staff, or nobody. */
export async function getEmailHolder(email: string): Promise<EmailHolder | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: emailKey(email), ConsistentRead: true }));
  if (!Item) return undefined;
  if (typeof Item.partnerId === 'string') return { kind: 'partner', partnerId: Item.partnerId, userId: String(Item.userId) };
  return { kind: 'vendor', userId: String(Item.userId) };
}

/** Releases the user's address, only while this user holds it. */
export const releaseEmail = (u: PartnerUser): Write => ({
  item: {
    Delete: { TableName: tableName(), Key: emailKey(u.email), ConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': u.id } },
  },
  onConditionFailed: () => new ConflictError('The address is no longer held by this user'),
});

/** The claim of a vendor staff member's address (no partner): the same constraint as partner users'. */
export const putVendorEmailClaim = (email: string, userId: string): Write => ({
  item: {
    Put: {
      TableName: tableName(),
      Item: { ...emailKey(email), kind: 'constraint', userId, vendor: true },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  onConditionFailed: () => new EmailTakenError(),
});

/**
 * Adds a user and claims its e-mail address, in the same transaction; `claim: false` adds it
 * without the claim (the address is someone else's: see addUserWithHeldAddress).
 */
export function putNewUser(u: PartnerUser, claim = true): Write[] {
  const put: Write = { item: { Put: { TableName: tableName(), Item: userItem(u), ConditionExpression: 'attribute_not_exists(pk)' } } };
  if (!claim) return [put];
  return [
    put,
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...emailKey(u.email), kind: 'constraint', userId: u.id, partnerId: u.partnerId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new EmailTakenError(),
    },
  ];
}

export const putUser = (u: PartnerUser, expectedVersion: number): Write => versionedPut(userItem(u), expectedVersion, 'user');

export async function getUser(partnerId: string, userId: string): Promise<PartnerUser> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: userKey(partnerId, userId), ConsistentRead: true }));
  if (!Item) throw new NotFoundError('User not found');
  return partnerUserSchema.parse(Item);
}

export function listUsers(partnerId: string, limit: number, cursor?: string): Promise<Page<PartnerUser>> {
  return queryPrefix(`PARTNER#${partnerId}`, 'USER#', (item) => partnerUserSchema.parse(item), { limit, cursor });
}

/** The audit trail of a partner and its users, newest first. */
export function listHistory(partnerId: string, limit: number, cursor?: string): Promise<Page<HistoryEntry>> {
  return queryPrefix(`PARTNER#${partnerId}`, 'HISTORY#', (item) => historyEntrySchema.parse(item), { limit, cursor, newestFirst: true });
}

/** How many users of a partner are active (a Query of the partner's users, counted by DynamoDB). */
export async function countActiveUsers(partnerId: string): Promise<number> {
  let count = 0;
  const pages = queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    FilterExpression: '#s = :active',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':pk': `PARTNER#${partnerId}`, ':sk': 'USER#', ':active': 'active' },
    Select: 'COUNT',
  });
  for await (const page of pages) count += page.count;
  return count;
}

// ---- identity records (the provision-identity consumer's; appended) ----

/** Where the provisioning consumer records which version of a user the directory holds. */
export const identityKey = (partnerId: string, userId: string) => ({ pk: `PARTNER#${partnerId}`, sk: `IDENTITY#${userId}` });

/** What the `IDENTITY#<userId>` item says was applied to the directory (absent: nothing yet). */
export interface IdentityRecord {
  /** The user version the directory was last brought to (0 if none was recorded). */
  provisionedVersion: number;
  /** The `sessionsRevokedAt` that a global sign-out was made for, if any. */
  sessionsRevokedApplied: string | null;
}

export async function getIdentityRecord(partnerId: string, userId: string): Promise<IdentityRecord> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: identityKey(partnerId, userId),
      ConsistentRead: true,
      ProjectionExpression: 'provisionedVersion, sessionsRevokedApplied',
    }),
  );
  return {
    provisionedVersion: typeof Item?.provisionedVersion === 'number' ? Item.provisionedVersion : 0,
    sessionsRevokedApplied: typeof Item?.sessionsRevokedApplied === 'string' ? Item.sessionsRevokedApplied : null,
  };
}

/**
 * Every user of a partner, page by page, for consumers (no signed cursor: consumers have no
 * CURSOR_KEY). Query pagination is by key, so updating the users meanwhile loses none.
 */
export async function* allUsers(partnerId: string, pageSize = 100): AsyncGenerator<PartnerUser[]> {
  const pages = queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': `PARTNER#${partnerId}`, ':sk': 'USER#' },
    ConsistentRead: true,
    Limit: pageSize,
  });
  for await (const items of pages) yield items.map((item) => partnerUserSchema.parse(item));
}

// ---- identity change requests ----

/** A partner admin's request to change identity fields: under the partner, `CHANGE#<chg_id>`. */
export const changeRequestKey = (partnerId: string, id: string) => ({ pk: `PARTNER#${partnerId}`, sk: `CHANGE#${id}` });

const changeRequestItem = (r: ChangeRequest) => ({ ...r, ...changeRequestKey(r.partnerId, r.id), kind: 'change-request' });

export function putChangeRequest(r: ChangeRequest, expectedVersion?: number): Write {
  if (expectedVersion === undefined) {
    return { item: { Put: { TableName: tableName(), Item: changeRequestItem(r), ConditionExpression: 'attribute_not_exists(pk)' } } };
  }
  return versionedPut(changeRequestItem(r), expectedVersion, 'change request');
}

export async function getChangeRequest(partnerId: string, id: string): Promise<ChangeRequest> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: changeRequestKey(partnerId, id), ConsistentRead: true }));
  if (!Item) throw new NotFoundError('Change request not found');
  return changeRequestSchema.parse(Item);
}

/** A partner's change requests, newest first (ids are ULIDs). */
export function listChangeRequests(partnerId: string, limit: number, cursor?: string): Promise<Page<ChangeRequest>> {
  return queryPrefix(`PARTNER#${partnerId}`, 'CHANGE#', (item) => changeRequestSchema.parse(item), { limit, cursor, newestFirst: true });
}
