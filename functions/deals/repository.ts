import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '@channelbase/core';
import {
  type CustomerKeyOn,
  type CustomerKeys,
  DEFAULT_DEAL_RULES,
  type Deal,
  type DealRules,
  type DealStatus,
  type IndexedRegistration,
  customerKeyList,
  dealRulesSchema,
  dealSchema,
  isActive,
  nextDueAt,
} from '@channelbase/core/deals';
import { type Page, type Write, decodeCursor, dynamo, encodeCursor, partitionKey, queryPages, tableName, versionedPut } from '@channelbase/platform';

/**
 * The deals context's keys in the single table (docs/data-model.md lists each pattern):
 *   registration      pk DEAL#<id>   sk DEAL
 *                     gsi1 DEAL / <id>;  gsi2 DEAL#PARTNER#<partnerId> / <id>;  gsi3 DEAL#PARTNER#<second partner> / <id>;
 *                     gsi4 DEAL#STATUS#<status> / <id>;  gsi5 DEAL#DUE#<shard 0-3> / <dueAt>#<id> (only while something is due)
 *   customer index    pk DEAL#CUSTOMER#<webDomain|legalName>#<value>   sk REG#<dealId>   (one per active registration and key)
 *   protection        pk DEAL#PROTECTION#<webDomain|legalName>#<value> sk LINE#<productLine>  (at most one: attribute_not_exists)
 *   deal rules        pk DEAL#RULES  sk CURRENT (versioned) and VERSION#<6 digits> (every version, kept)
 *   lead link         pk DEAL#LEAD#<leadId>  sk LINK   (one registration per converted lead)
 * Deals owns the DEAL# prefix; partners' records are reached only through functions/partners/index.ts.
 */
export const dealKey = (id: string) => ({ pk: `DEAL#${id}`, sk: 'DEAL' });
const customerPk = (on: CustomerKeyOn, value: string) => partitionKey(`DEAL#CUSTOMER#${on}#`, value);
const protectionPk = (on: CustomerKeyOn, value: string) => partitionKey(`DEAL#PROTECTION#${on}#`, value);
export const protectionKey = (on: CustomerKeyOn, value: string, productLine: string) => ({ pk: protectionPk(on, value), sk: `LINE#${productLine}` });
const RULES_PK = 'DEAL#RULES';
const RULES_KEY = { pk: RULES_PK, sk: 'CURRENT' };
const leadKey = (leadId: string) => ({ pk: `DEAL#LEAD#${leadId}`, sk: 'LINK' });
/** The due index is spread over this many partition keys (a bulk import's writes are spread too). */
export const DUE_SHARDS = 4;
export const dueShard = (id: string) => createHash('sha256').update(id).digest()[0]! % DUE_SHARDS;

async function get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item;
}

// ---- registrations ----

/** A registration as stored: the record, and (internal) the customer keys it is indexed and protected under. */
export interface StoredDeal {
  deal: Deal;
  keys: CustomerKeys;
}

function dealItem(d: Deal, keys: CustomerKeys, rules: DealRules) {
  const due = nextDueAt(d, rules);
  return {
    ...d,
    ...dealKey(d.id),
    kind: 'deal',
    customerKeys: keys,
    gsi1pk: 'DEAL',
    gsi1sk: d.id,
    gsi2pk: `DEAL#PARTNER#${d.partnerId}`,
    gsi2sk: d.id,
    ...(d.secondPartner ? { gsi3pk: `DEAL#PARTNER#${d.secondPartner.partnerId}`, gsi3sk: d.id } : {}),
    gsi4pk: `DEAL#STATUS#${d.status}`,
    gsi4sk: d.id,
    ...(due ? { gsi5pk: `DEAL#DUE#${dueShard(d.id)}`, gsi5sk: `${due}#${d.id}` } : {}),
  };
}

const stale = () => new ConflictError('The registration was changed or decided by another request; read it again');

export function putNewDeal(d: Deal, keys: CustomerKeys, rules: DealRules): Write {
  return { item: { Put: { TableName: tableName(), Item: dealItem(d, keys, rules), ConditionExpression: 'attribute_not_exists(pk)' } } };
}

/** Records a change; only if nobody changed the registration since it was read. */
export function putDeal(d: Deal, keys: CustomerKeys, rules: DealRules, expectedVersion: number): Write {
  return versionedPut(dealItem(d, keys, rules), expectedVersion, 'registration');
}

const storedOf = (item: Record<string, unknown>): StoredDeal => ({ deal: dealSchema.parse(item), keys: item.customerKeys as CustomerKeys });

export async function getDeal(id: string): Promise<StoredDeal> {
  const item = await get(dealKey(id));
  if (!item) throw new NotFoundError('Registration not found');
  return storedOf(item);
}

// ---- the customer index: conflicts by key lookups ----

/** The index entries of an active registration, one per customer key (written and deleted with its state changes). */
export function indexWrites(d: Deal, keys: CustomerKeys): Write[] {
  return customerKeyList(keys).map(([on, value]) => {
    const key = { pk: customerPk(on, value), sk: `REG#${d.id}` };
    if (!isActive(d.status)) return { item: { Delete: { TableName: tableName(), Key: key } } };
    const entry: IndexedRegistration = {
      registrationId: d.id,
      partnerId: d.partnerId,
      status: d.status as IndexedRegistration['status'],
      productLines: d.lines.map((l) => l.productLine),
      on,
      value,
      submittedAt: d.submittedAt,
    };
    return { item: { Put: { TableName: tableName(), Item: { ...key, kind: 'deal-customer-index', ...entry } } } };
  });
}

/**
 * Every active registration of a customer: one strongly consistent Query per customer key (the
 * registrable domain, the normalised name), each partition holding only that customer's active
 * registrations, whatever the number of registrations in the table.
 */
export async function findRegistrations(keys: CustomerKeys): Promise<IndexedRegistration[]> {
  const pages = await Promise.all(
    customerKeyList(keys).map(([on, value]) =>
      dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
          ExpressionAttributeValues: { ':pk': customerPk(on, value), ':reg': 'REG#' },
          ConsistentRead: true,
        }),
      ),
    ),
  );
  return pages.flatMap((p) =>
    (p.Items ?? []).map((i) => ({
      registrationId: i.registrationId as string,
      partnerId: i.partnerId as string,
      status: i.status as IndexedRegistration['status'],
      productLines: i.productLines as string[],
      on: i.on as CustomerKeyOn,
      value: i.value as string,
      submittedAt: i.submittedAt as string,
    })),
  );
}

// ---- protection: at most one per customer key and product line ----

/** Raised when another registration holds protection of the customer and a product line. */
export class ProtectionTakenError extends ConflictError {
  constructor() {
    super('Another registration already holds protection for this customer and product line: reject this registration, or enable the first-registrant policy');
  }
}

/** The protection items of an approval, each written only if nobody holds it. */
export function claimProtection(d: Deal, keys: CustomerKeys): Write[] {
  return customerKeyList(keys).flatMap(([on, value]) =>
    d.lines.map(({ productLine }) => ({
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...protectionKey(on, value, productLine), kind: 'deal-protection', registrationId: d.id, partnerId: d.partnerId, on, value, productLine },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new ProtectionTakenError(),
    })),
  );
}

/** Releases a registration's protection items (expiry, won, lost), only those it holds. */
export function releaseProtection(d: Deal, keys: CustomerKeys): Write[] {
  return customerKeyList(keys).flatMap(([on, value]) =>
    d.lines.map(({ productLine }) => ({
      item: {
        Delete: {
          TableName: tableName(),
          Key: protectionKey(on, value, productLine),
          ConditionExpression: 'registrationId = :me',
          ExpressionAttributeValues: { ':me': d.id },
        },
      },
      onConditionFailed: stale,
    })),
  );
}

/** Who holds protection of a customer key and product line (tests and vendor views). */
export async function protectionHolder(on: CustomerKeyOn, value: string, productLine: string): Promise<string | undefined> {
  return (await get(protectionKey(on, value, productLine)))?.registrationId as string | undefined;
}

// ---- lists ----

export function listDeals(status: DealStatus | undefined, limit: number, cursor?: string): Promise<Page<Deal>> {
  const index = status ? 'gsi4' : 'gsi1';
  return queryPages(
    {
      TableName: tableName(),
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${index}pk` },
      ExpressionAttributeValues: { ':pk': status ? `DEAL#STATUS#${status}` : 'DEAL' },
      ScanIndexForward: false,
    },
    limit,
    `deals:${status ?? '*'}`,
    cursor,
    (item) => dealSchema.parse(item),
    (item) => ({ pk: item.pk, sk: item.sk, [`${index}pk`]: item[`${index}pk`], [`${index}sk`]: item[`${index}sk`] }),
  );
}

/**
 * A partner's registrations, newest first: those it registered (gsi2) and those it is the second
 * partner of (gsi3), merged. The cursor is the last id returned (signed, bound to the partner and filter).
 */
export async function listPartnerDeals(partnerId: string, status: DealStatus | undefined, limit: number, cursor?: string): Promise<Page<Deal>> {
  const scope = `deals:partner:${partnerId}:${status ?? '*'}`;
  const before = decodeCursor(cursor, scope)?.before as string | undefined;
  const side = (index: 'gsi2' | 'gsi3') =>
    queryPages(
      {
        TableName: tableName(),
        IndexName: index,
        KeyConditionExpression: before ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${index}pk`, ...(before ? { '#sk': `${index}sk` } : {}), ...(status ? { '#s': 'status' } : {}) },
        ExpressionAttributeValues: { ':pk': `DEAL#PARTNER#${partnerId}`, ...(before ? { ':before': before } : {}), ...(status ? { ':s': status } : {}) },
        ...(status ? { FilterExpression: '#s = :s' } : {}),
        ScanIndexForward: false,
      },
      limit,
      `${scope}:${index}`,
      undefined,
      (item) => dealSchema.parse(item),
      (item) => ({ pk: item.pk, sk: item.sk }),
    );
  const [own, second] = await Promise.all([side('gsi2'), side('gsi3')]);
  const merged = [...own.items, ...second.items].sort((a, b) => b.id.localeCompare(a.id));
  const items = merged.slice(0, limit);
  const more = merged.length > limit || own.nextCursor !== null || second.nextCursor !== null;
  return { items, nextCursor: more && items.length ? encodeCursor({ before: items.at(-1)!.id }, scope) : null };
}

// ---- the due index: what the sweep must look at now ----

/** Registrations due by `now` in one shard of the due index, oldest due first, a page at a time (`next` continues). */
export async function dueRegistrations(
  shard: number,
  now: Date,
  limit: number,
  start?: Record<string, unknown>,
): Promise<{ ids: string[]; next: Record<string, unknown> | undefined }> {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi5',
      KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk <= :now',
      ExpressionAttributeValues: { ':pk': `DEAL#DUE#${shard}`, ':now': `${now.toISOString()}~` },
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return { ids: (res.Items ?? []).map((i) => i.id as string), next: res.LastEvaluatedKey };
}

// ---- deal rules ----

export async function getRules(): Promise<DealRules> {
  const item = await get(RULES_KEY);
  return item ? dealRulesSchema.parse(item) : DEFAULT_DEAL_RULES;
}

/** The current rules (conditioned on the version read; 0: the defaults) and a kept copy of the new version. */
export function putRules(r: DealRules, expectedVersion: number): Write[] {
  const item = { ...r, ...RULES_KEY, kind: 'deal-rules' };
  const current: Write =
    expectedVersion > 0
      ? versionedPut(item, expectedVersion, 'deal rules')
      : {
          item: { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          onConditionFailed: () => new ConflictError('The deal rules were changed since you read them; GET them again and retry'),
        };
  const kept: Write = {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...r, pk: RULES_PK, sk: `VERSION#${String(r.version).padStart(6, '0')}`, kind: 'deal-rules-version' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
  return [current, kept];
}

// ---- lead links ----

/** The registration a converted lead created, if any. */
export async function dealOfLead(leadId: string): Promise<string | undefined> {
  return (await get(leadKey(leadId)))?.registrationId as string | undefined;
}

/** One registration per lead: the link is written with the registration, only if the lead has none. */
export function linkLead(leadId: string, dealId: string): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...leadKey(leadId), kind: 'deal-lead-link', leadId, registrationId: dealId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    onConditionFailed: () => new LeadLinkedError(),
  };
}
export class LeadLinkedError extends ConflictError {
  constructor() {
    super('This lead already created its registration');
  }
}
