import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '@channelbase/core';
import { RATE_LIMIT_PK_PREFIX } from '../table/access.ts';
import { dynamo, tableName } from '../table/client.ts';
import { partitionKey } from '../table/keys.ts';
import type { RouteSpec } from '../wiring.ts';
import { HttpProblemError } from './problem.ts';

const MINUTE_MS = 60_000;
/** A counter outlives its minute by this much before TTL may delete it (its key names its minute, so it is never read again). */
const RETENTION_SECONDS = 120;

/**
 * The source a per-source limit counts: the client address API Gateway reports
 * (`requestContext.http.sourceIp`, the local gateway fills the same field). An IPv4 address counts
 * alone; an IPv6 address counts with its /64, because one subscriber is routinely handed a whole
 * /64 and could otherwise pick a new address per request. IPv4-mapped IPv6 is the IPv4 address.
 */
export function sourceKey(sourceIp: string | undefined): string {
  const ip = (sourceIp ?? '').trim().toLowerCase();
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('::', 2) as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, '') || '0')
    .join(':')}::/64`;
}

/** The counter of one route, source and minute: `RATELIMIT#<operationId>#<source>#<YYYY-MM-DDTHH:MM>` / `COUNT`. */
export const rateLimitKey = (operationId: string, source: string, minuteStart: Date) => ({
  pk: partitionKey(`${RATE_LIMIT_PK_PREFIX}${operationId}#`, `${source}#${minuteStart.toISOString().slice(0, 16)}`),
  sk: 'COUNT',
});

/**
 * The per-source limit of a route that declares `throttle.perSourcePerMinute`: one conditional
 * UpdateItem of a counter per source and calendar minute, in the table, the same in AWS and
 * locally. The update adds 1 only while the count is below the limit, so N concurrent requests
 * admit exactly the limit (DynamoDB applies conditional writes to one item one at a time). A
 * refused request is a 429 problem with `Retry-After` (the seconds left in the minute), and
 * changes nothing. The window is the calendar minute (UTC): a source may send up to twice the
 * limit across the turn of a minute, never more.
 */
export async function admitSource(route: RouteSpec, sourceIp: string | undefined, clock: Clock): Promise<void> {
  const limit = route.throttle?.perSourcePerMinute;
  if (limit === undefined) return;
  const now = clock.now().getTime();
  const minuteStart = new Date(Math.floor(now / MINUTE_MS) * MINUTE_MS);
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: rateLimitKey(route.operationId, sourceKey(sourceIp), minuteStart),
        UpdateExpression: 'ADD #n :one SET #kind = :kind, #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
        ExpressionAttributeNames: { '#n': 'count', '#kind': 'kind', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': limit,
          ':kind': 'rate-limit-counter',
          ':ttl': Math.floor(minuteStart.getTime() / 1000) + 60 + RETENTION_SECONDS,
        },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const retryAfter = Math.max(1, Math.ceil((minuteStart.getTime() + MINUTE_MS - now) / 1000));
    throw new HttpProblemError(429, 'too-many-requests', `Too many requests from this address: at most ${limit} a minute`, [], {
      'retry-after': String(retryAfter),
    });
  }
}
