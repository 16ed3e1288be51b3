import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { dynamo, tableName } from './client.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Bounds the work of one list call when a filter expression discards many items. */
const MAX_QUERY_ROUNDS = 5;

/**
 * Runs a query until `limit` items are collected (a filter expression may return short pages),
 * and turns the position into a signed cursor.
 */
export async function queryPages<T>(
  base: QueryCommandInput,
  limit: number,
  scope: string,
  cursor: string | undefined,
  parse: (item: Record<string, unknown>) => T,
  keyOf: (item: Record<string, unknown>) => Record<string, unknown>,
): Promise<Page<T>> {
  const items: T[] = [];
  let startKey = decodeCursor(cursor, scope);
  for (let round = 0; round < MAX_QUERY_ROUNDS; round++) {
    const want = limit - items.length;
    const res = await dynamo().send(new QueryCommand({ ...base, Limit: base.FilterExpression ? Math.max(want, 25) : want, ExclusiveStartKey: startKey }));
    const found = res.Items ?? [];
    for (const [i, item] of found.entries()) {
      items.push(parse(item));
      if (items.length === limit) {
        const more = i < found.length - 1 || res.LastEvaluatedKey !== undefined;
        return { items, nextCursor: more ? encodeCursor(keyOf(item), scope) : null };
      }
    }
    startKey = res.LastEvaluatedKey;
    if (!startKey) return { items, nextCursor: null };
  }
  return { items, nextCursor: encodeCursor(startKey, scope) };
}

/**
 * A page of the items of one partition whose sort key starts with a prefix (a partner's users,
 * its audit trail, its agreement offers), with a cursor bound to that partition and prefix.
 * @example queryPrefix(`PARTNER#${id}`, 'HISTORY#', (i) => historyEntrySchema.parse(i), { limit, cursor, newestFirst: true })
 */
export function queryPrefix<T>(
  pk: string,
  skPrefix: string,
  parse: (item: Record<string, unknown>) => T,
  page: { limit: number; cursor?: string | undefined; newestFirst?: boolean },
): Promise<Page<T>> {
  return queryPages(
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': pk, ':sk': skPrefix },
      ...(page.newestFirst ? { ScanIndexForward: false } : {}),
    },
    page.limit,
    `${pk}|${skPrefix}`,
    page.cursor,
    parse,
    (item) => ({ pk: item.pk, sk: item.sk }),
  );
}

/**
 * Every page of a query, for internal readers that need the whole result (consumers, counts,
 * migrations) rather than one signed page: pagination by key, so concurrent writes lose nothing.
 * @example for await (const items of queryAll({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } })) …
 */
export async function* queryAll(input: QueryCommandInput): AsyncGenerator<Record<string, unknown>[] & { count: number }> {
  let startKey: Record<string, unknown> | undefined = input.ExclusiveStartKey;
  do {
    const res = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield Object.assign(res.Items ?? [], { count: res.Count ?? 0 });
    startKey = res.LastEvaluatedKey;
  } while (startKey);
}

/** BatchGetItem's limit of keys per call. */
const KEYS_PER_BATCH_GET = 100;
/** Rounds of retrying the keys a BatchGetItem left unprocessed (throttling) before giving up. */
const BATCH_GET_ROUNDS = 8;

/**
 * Items by key, strongly consistent: BatchGetItem 100 keys at a time, in parallel, the keys a
 * call left unprocessed retried with backoff. Answers the items found (in no particular order).
 * @example const items = await getMany(ids.map((id) => ({ pk: partnerPk(id), sk: 'STANDING' })));
 */
export async function getMany(keys: readonly { pk: string; sk: string }[], options: { projection?: string; names?: Record<string, string> } = {}) {
  const table = tableName();
  const chunks: { pk: string; sk: string }[][] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_BATCH_GET) chunks.push(keys.slice(i, i + KEYS_PER_BATCH_GET));
  const found = await Promise.all(
    chunks.map(async (chunk) => {
      const items: Record<string, unknown>[] = [];
      let pending: Record<string, unknown>[] = chunk;
      for (let round = 0; pending.length > 0; round++) {
        if (round >= BATCH_GET_ROUNDS) throw new Error(`getMany: the table kept ${pending.length} keys unprocessed`);
        if (round > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** round));
        const res = await dynamo().send(
          new BatchGetCommand({
            RequestItems: {
              [table]: {
                Keys: pending,
                ConsistentRead: true,
                ...(options.projection ? { ProjectionExpression: options.projection } : {}),
                ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
              },
            },
          }),
        );
        items.push(...(res.Responses?.[table] ?? []));
        pending = (res.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
      }
      return items;
    }),
  );
  return found.flat();
}
