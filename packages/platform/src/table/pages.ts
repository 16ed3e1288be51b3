import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { dynamo } from './client.ts';

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

