/**
 * What the capacity meter records, and the sums the bench reports: the units of each call by
 * DynamoDB's rules, next to what the service itself answered to ReturnConsumedCapacity.
 */

/** One priced part of a call: an item read, an item written, an index entry written. */
export interface CapacityCharge {
  kind: 'read' | 'write' | 'index-write';
  /** The action, e.g. `GetItem`, `TransactWriteItems.Put`, `gsi1 put`. */
  action: string;
  table: string;
  index?: string;
  /** The primary key (pk/sk values) of the item, when known. */
  key?: string;
  /** Item size in bytes that the units were computed from. */
  bytes: number;
  units: number;
  transactional: boolean;
  /** Set when the charge rests on an assumption (unknown before image, filter, projection...). */
  approximate?: string;
}

export interface CapacityCall {
  command: string;
  /** Read capacity units (read request units on demand). */
  rcu: number;
  /** Write capacity units on the table. */
  wcu: number;
  /** Write capacity units on global secondary indexes. */
  indexWcu: number;
  charges: CapacityCharge[];
  /** The error name when the call failed (its charges follow DynamoDB's rules for failures). */
  failed?: string;
  /** Total capacity units the service itself reported (with `requestConsumedCapacity`). */
  reported?: number;
}

export interface CapacityTotals {
  calls: number;
  rcu: number;
  wcu: number;
  indexWcu: number;
  /** Sum of the units the service reported, when every call carried a report. */
  reported?: number;
  approximate: string[];
}

/** Data-plane calls that consume capacity (and accept ReturnConsumedCapacity). */
export const PRICED = new Set([
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'TransactGetItems',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

/** Total units of a ConsumedCapacity answer (an object, or a list for batches and transactions). */
export function reportedUnits(consumed: unknown): number | undefined {
  if (consumed === undefined || consumed === null) return undefined;
  const list = (Array.isArray(consumed) ? consumed : [consumed]) as { CapacityUnits?: number }[];
  return list.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
}

/** The sums over recorded calls; `reported` only when every priced call carried the service's figure. */
export function capacityTotals(calls: readonly CapacityCall[]): CapacityTotals {
  const approximate = new Set<string>();
  for (const c of calls) for (const ch of c.charges) if (ch.approximate) approximate.add(`${c.command}: ${ch.approximate}`);
  const priced = calls.filter((c) => PRICED.has(c.command) && !c.failed);
  const reported = priced.length > 0 && priced.every((c) => c.reported !== undefined) ? priced.reduce((n, c) => n + (c.reported ?? 0), 0) : undefined;
  return {
    calls: calls.length,
    rcu: calls.reduce((n, c) => n + c.rcu, 0),
    wcu: calls.reduce((n, c) => n + c.wcu, 0),
    indexWcu: calls.reduce((n, c) => n + c.indexWcu, 0),
    ...(reported !== undefined ? { reported } : {}),
    approximate: [...approximate],
  };
}
