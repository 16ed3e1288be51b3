import { OUTBOX_PK_PREFIX } from '../events/outbox.ts';
import type { ContextWiring, RouteSpec, SubscriptionSpec } from '../wiring.ts';

/** Partition-key prefixes of the records the platform keeps for every context. */
export const IDEMPOTENCY_PK_PREFIX = 'IDEMPOTENCY#';
export const CONSUMED_PK_PREFIX = 'CONSUMED#';
/** Per-source rate-limit counters (packages/platform/src/http/rate-limit.ts). */
export const RATE_LIMIT_PK_PREFIX = 'RATELIMIT#';

/**
 * The platform's records, as `dynamodb:LeadingKeys` patterns: outbox events (every committed
 * change), idempotency records (POST with `Idempotency-Key`), consumer markers (an event
 * applied once) and per-source rate-limit counters (routes that declare `throttle`). Local-only items (`WORKFLOW#`, `TIMER`, `LOCAL#`) do not exist in AWS.
 */
export const PLATFORM_RECORDS = {
  outbox: `${OUTBOX_PK_PREFIX}*`,
  idempotency: `${IDEMPOTENCY_PK_PREFIX}*`,
  consumed: `${CONSUMED_PK_PREFIX}*`,
  rateLimit: `${RATE_LIMIT_PK_PREFIX}*`,
} as const;

/**
 * The partner status gate: the HTTP pipeline (every context's API) and the pre-token trigger
 * read these attributes of the partner's and the calling user's items (`PARTNER#<id>`), and
 * nothing else of them.
 */
export const STATUS_GATE = {
  prefixes: ['PARTNER#*'],
  attributes: ['pk', 'sk', 'status', 'sessionsRevokedAt'],
} as const;

/** One Lambda function of a context, as the wiring declares it. */
export type FunctionPart =
  | { kind: 'api'; routes: readonly RouteSpec[] }
  | { kind: 'subscription'; spec: SubscriptionSpec }
  | { kind: 'workflow'; spec: { id: string } }
  | { kind: 'schedule'; spec: { id: string } };

/** Every `dynamodb:LeadingKeys` pattern a context owns: item partitions and index partitions. */
export function ownedKeys(wiring: Pick<ContextWiring, 'data'>): string[] {
  return [...new Set([...(wiring.data?.prefixes ?? []), ...(wiring.data?.indexPartitions ?? [])])];
}

/**
 * The platform records one function uses: an API with write routes commits outbox events and,
 * with POST routes, idempotency records, and with throttled routes rate-limit counters; a consumer writes its markers and, unless it
 * declares `publishes: false`, events; a workflow step and a scheduled job commit events (their
 * writes are conditional on the state they read, so they keep no markers).
 */
export function platformRecordsOf(part: FunctionPart): string[] {
  switch (part.kind) {
    case 'api':
      return [
        ...(part.routes.some((r) => r.method !== 'GET') ? [PLATFORM_RECORDS.outbox] : []),
        ...(part.routes.some((r) => r.method === 'POST' && r.idempotent !== false) ? [PLATFORM_RECORDS.idempotency] : []),
        ...(part.routes.some((r) => r.throttle) ? [PLATFORM_RECORDS.rateLimit] : []),
      ];
    case 'subscription':
      return [...(part.spec.publishes === false ? [] : [PLATFORM_RECORDS.outbox]), PLATFORM_RECORDS.consumed];
    case 'workflow':
    case 'schedule':
      return [PLATFORM_RECORDS.outbox];
  }
}
