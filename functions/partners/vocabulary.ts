import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '@channelbase/core';
import {
  EMPTY_VOCABULARY,
  type KeyInUse,
  MAX_NAMED_PARTNERS,
  type Partner,
  VOCABULARY_KINDS,
  type VocabularyKind,
  type VocabularyList,
  type VocabularyPaths,
  PARTNER_BODY_PATHS,
  assertUsageBounded,
  undefinedKeys,
  usageDelta,
} from '@channelbase/core/partners';
import type { DomainEvent } from '@channelbase/core';
import { type HistoryWrite, type Write, commit, dynamo, queryAll, retryWhen, tableName } from '@channelbase/platform';

/**
 * The programme vocabulary in the single table. The partners context owns every key under the
 * `VOCABULARY#` prefix (docs/data-model.md lists each item and access pattern):
 *   tiers            pk VOCABULARY#TIERS          sk CURRENT                 (the list, versioned)
 *   product lines    pk VOCABULARY#PRODUCT_LINES  sk CURRENT
 *   change history   pk VOCABULARY#<LIST>         sk HISTORY#<at>#<eventId>#<list id>
 *   usage counters   pk VOCABULARY#USAGE          sk tier#<key> | productLine#<key>   (`count`: partners holding the key)
 *   adoption marker  pk VOCABULARY#USAGE          sk ADOPTED                 (written by scripts/adopt-vocabulary.ts)
 */
const LIST_PK: Record<VocabularyKind, string> = { tiers: 'VOCABULARY#TIERS', productLines: 'VOCABULARY#PRODUCT_LINES' };
const COUNTER_PREFIX: Record<VocabularyKind, string> = { tiers: 'tier#', productLines: 'productLine#' };
export const USAGE_PK = 'VOCABULARY#USAGE';
export const listKey = (kind: VocabularyKind) => ({ pk: LIST_PK[kind], sk: 'CURRENT' });
export const usageKey = (kind: VocabularyKind, key: string) => ({ pk: USAGE_PK, sk: `${COUNTER_PREFIX[kind]}${key}` });
export const ADOPTED_KEY = { pk: USAGE_PK, sk: 'ADOPTED' };
export const counterPrefix = (kind: VocabularyKind) => COUNTER_PREFIX[kind];
export const listPk = (kind: VocabularyKind) => LIST_PK[kind];

/**
 * The list changed between a partner command's read and its write: the command reads the list
 * again and decides afresh (`retryOnVocabularyChange`); after a few tries it is a 409.
 */
export class VocabularyChangedError extends ConflictError {
  constructor() {
    super('The programme vocabulary changed while this change was being saved; retry');
  }
}

/** A list as stored, and (until its first PUT) the count of legacy-mode writes that validated against it. */
export interface VocabularyState {
  list: VocabularyList;
  legacyWrites: number | undefined;
}

export async function getVocabularyState(kind: VocabularyKind): Promise<VocabularyState> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: listKey(kind), ConsistentRead: true }));
  if (!Item || typeof Item.version !== 'number') return { list: EMPTY_VOCABULARY, legacyWrites: Item?.legacyWrites as number | undefined };
  const items = (Item.items as VocabularyList['items']).map(({ key, name }) => ({ key, name }));
  const list = { items, version: Item.version, updatedAt: Item.updatedAt as string };
  return { list, legacyWrites: undefined };
}

/** The current list (version 0 and no items before its first PUT). */
export const getVocabulary = async (kind: VocabularyKind): Promise<VocabularyList> => (await getVocabularyState(kind)).list;

/**
 * Fails the partner write unless the list is still the version the write validated against.
 * Before the first PUT there is no list to check: the write instead adds 1 to `legacyWrites` on
 * the (otherwise empty) list item, which the first PUT is conditioned on, so a first PUT never
 * misses a key that a concurrent partner write starts to use.
 */
function listGuard(kind: VocabularyKind, version: number): Write {
  const Key = listKey(kind);
  const onConditionFailed = () => new VocabularyChangedError();
  if (version > 0) {
    return {
      item: {
        ConditionCheck: {
          TableName: tableName(),
          Key,
          ConditionExpression: '#v = :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':v': version },
        },
      },
      onConditionFailed,
    };
  }
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key,
        UpdateExpression: 'ADD #lw :one SET #kind = :kind, #voc = :voc',
        ConditionExpression: 'attribute_not_exists(#v)',
        ExpressionAttributeNames: { '#lw': 'legacyWrites', '#kind': 'kind', '#voc': 'vocabulary', '#v': 'version' },
        ExpressionAttributeValues: { ':one': 1, ':kind': 'vocabulary', ':voc': kind },
      },
    },
    onConditionFailed,
  };
}

/** Adds `delta` (+1 or -1) to the number of partners holding a key. */
function countUsage(kind: VocabularyKind, key: string, delta: number): Write {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: usageKey(kind, key),
        UpdateExpression: 'ADD #c :d SET #kind = :kind, #voc = :voc, #key = :key',
        ExpressionAttributeNames: { '#c': 'count', '#kind': 'kind', '#voc': 'vocabulary', '#key': 'key' },
        ExpressionAttributeValues: { ':d': delta, ':kind': 'vocabulary-usage', ':voc': kind, ':key': key },
      },
    },
  };
}

/**
 * The writes a partner command adds to its transaction when it sets or changes a partner's tier
 * or specialisations: a check that each list it validated against is unchanged, and +1/-1 on the
 * usage counter of each key gained/lost. Nothing when neither field changes (so a legacy value
 * left untouched keeps working).
 *
 * Throws a 400 `ValidationError` naming each undefined key (`body.tier`, `body.specialisations.N`,
 * or the paths given), and a 400 when a change would need more counter updates than a transaction holds.
 * The caller commits the writes with the partner; wrap the command in `retryOnVocabularyChange`.
 * @example await commit([putPartner(after, before.version), ...(await vocabularyWrites(before, after))], [event]);
 */
export async function vocabularyWrites(before: Partner | undefined, after: Partner, options: { paths?: VocabularyPaths } = {}): Promise<Write[]> {
  const paths = options.paths ?? PARTNER_BODY_PATHS;
  const delta = usageDelta(before, after);
  assertUsageBounded(delta, paths);
  const gaining = VOCABULARY_KINDS.filter((k) => delta[k].gained.length > 0);
  const states = await Promise.all(gaining.map(async (k) => [k, await getVocabularyState(k)] as const));
  const lists = Object.fromEntries(states.map(([k, s]) => [k, s.list]));
  const problems = undefinedKeys(after, delta, lists, paths);
  if (problems.length) throw new ValidationError('The partner names keys the programme does not define', problems);
  return [
    ...states.map(([k, s]) => listGuard(k, s.list.version)),
    ...VOCABULARY_KINDS.flatMap((k) => [...delta[k].gained.map((key) => countUsage(k, key, 1)), ...delta[k].lost.map((key) => countUsage(k, key, -1))]),
  ];
}

/**
 * Runs a partner command again (reading the lists afresh) when a vocabulary change committed
 * between its read and its write; after `attempts` tries the 409 reaches the caller.
 * @example createPartner: () => retryOnVocabularyChange(async () => { ...; await commit([...writes, ...(await vocabularyWrites(undefined, p))]); })
 */
export const retryOnVocabularyChange = <T>(command: () => Promise<T>, attempts = 3): Promise<T> =>
  retryWhen((err) => err instanceof VocabularyChangedError, command, attempts);

/**
 * Commits a partner write with its vocabulary writes (`vocabularyWrites(before, after)`); when a
 * list changed between the read and the commit, only the vocabulary writes are made again (the
 * partner's own writes do not depend on the lists) and the commit is retried.
 * @example await commitWithVocabulary(before, partner, [putPartner(partner, version)], [event], [history]);
 */
export async function commitWithVocabulary(
  before: Partner | undefined,
  after: Partner,
  writes: Write[],
  events: DomainEvent[],
  history: HistoryWrite[] = [],
  options: { paths?: VocabularyPaths } = {},
): Promise<void> {
  await retryOnVocabularyChange(async () => commit([...writes, ...(await vocabularyWrites(before, after, options))], events, history));
}

// ---- the PUT side ----

/** The partners holding each key of a list (`count`), from the usage counters. */
export async function usageCounts(kind: VocabularyKind): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const pages = queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': USAGE_PK, ':sk': COUNTER_PREFIX[kind] },
    ConsistentRead: true,
  });
  for await (const items of pages) for (const item of items) counts.set(String(item.key), Number(item.count ?? 0));
  return counts;
}

/** Fails a PUT's transaction if a partner took the key since the PUT read its counter. */
export function keyIsFree(kind: VocabularyKind, key: string, onConditionFailed: () => Error): Write {
  return {
    item: {
      ConditionCheck: {
        TableName: tableName(),
        Key: usageKey(kind, key),
        ConditionExpression: 'attribute_not_exists(pk) OR #c <= :zero',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':zero': 0 },
      },
    },
    onConditionFailed,
  };
}

/** Replaces the list if it is still the version read (and, before the first PUT, no legacy-mode write came in between). */
export function putList(kind: VocabularyKind, list: VocabularyList, read: VocabularyState, onConditionFailed: () => Error): Write {
  const Item = { ...list, ...listKey(kind), kind: 'vocabulary', vocabulary: kind };
  const legacy = read.list.version === 0;
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item,
        ConditionExpression: legacy
          ? read.legacyWrites === undefined
            ? 'attribute_not_exists(#v) AND attribute_not_exists(#lw)'
            : 'attribute_not_exists(#v) AND #lw = :lw'
          : '#v = :v',
        ExpressionAttributeNames: legacy ? { '#v': 'version', '#lw': 'legacyWrites' } : { '#v': 'version' },
        ...(legacy
          ? read.legacyWrites === undefined
            ? {}
            : { ExpressionAttributeValues: { ':lw': read.legacyWrites } }
          : { ExpressionAttributeValues: { ':v': read.list.version } }),
      },
    },
    onConditionFailed,
  };
}

/** Whether the usage counters can be trusted for a first PUT: the adoption ran, or there are no partners at all. */
export async function countersAdopted(): Promise<boolean> {
  const marker = await dynamo().send(new GetCommand({ TableName: tableName(), Key: ADOPTED_KEY, ConsistentRead: true }));
  if (marker.Item) return true;
  const partners = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'PARTNER' },
      Limit: 1,
    }),
  );
  return (partners.Items ?? []).length === 0;
}

/** Pages read at most when naming the partners of product lines (each ≤ 1 MB). */
const MAX_NAMING_PAGES = 20;

/**
 * Names up to MAX_NAMED_PARTNERS partners holding the given keys (the counts come from the counters
 * and are exact; the names come from indexes and may lag a write by a moment). Tiers: one Query of
 * the tier index per key. Product lines: a bounded Query of all partners filtered on
 * `contains(specialisations, …)` — an admin-only, rare write path (docs/data-model.md).
 */
export async function namePartners(kind: VocabularyKind, inUse: { key: string; count: number }[]): Promise<KeyInUse[]> {
  const result: KeyInUse[] = inUse.map((k) => ({ ...k, partners: [] }));
  let named = 0;
  const names = { '#id': 'id', '#ln': 'legalName', '#sp': 'specialisations' };
  const base = { TableName: tableName(), ProjectionExpression: '#id, #ln, #sp' } satisfies Partial<QueryCommandInput>;
  if (kind === 'tiers') {
    for (const entry of result) {
      if (named >= MAX_NAMED_PARTNERS) break;
      const res = await dynamo().send(
        new QueryCommand({
          ...base,
          IndexName: 'gsi5',
          KeyConditionExpression: 'gsi5pk = :pk',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':pk': `PARTNER#TIER#${entry.key}` },
          Limit: MAX_NAMED_PARTNERS - named,
        }),
      );
      entry.partners = (res.Items ?? []).map((i) => ({ id: String(i.id), legalName: String(i.legalName) }));
      named += entry.partners.length;
    }
    return result;
  }
  const wanted = result.slice(0, MAX_NAMED_PARTNERS);
  const values = Object.fromEntries(wanted.map((k, i) => [`:k${i}`, k.key]));
  let start: Record<string, unknown> | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < MAX_NAMING_PAGES && named < MAX_NAMED_PARTNERS; page++) {
    const res = await dynamo().send(
      new QueryCommand({
        ...base,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        FilterExpression: wanted.map((_, i) => `contains(#sp, :k${i})`).join(' OR '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':pk': 'PARTNER', ...values },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of res.Items ?? []) {
      const specs = (item.specialisations as string[] | undefined) ?? [];
      if (seen.has(String(item.id)) || named >= MAX_NAMED_PARTNERS) continue;
      seen.add(String(item.id));
      named++;
      for (const entry of wanted) if (specs.includes(entry.key)) entry.partners.push({ id: String(item.id), legalName: String(item.legalName) });
    }
    start = res.LastEvaluatedKey;
    if (!start) break;
  }
  return result;
}
