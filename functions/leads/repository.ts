import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, PreconditionFailedError } from '@channelbase/core';
import {
  type AccreditationFact,
  type CandidateEntry,
  type CertificationFact,
  type CertificationFacts,
  type CertifiedLine,
  DEFAULT_ROUTING_SETTINGS,
  type HolderFact,
  type Lead,
  type LeadNote,
  type LeadStatus,
  type OfferOutcome,
  type PartnerRoutingState,
  type RoutingDecision,
  type RoutingSettings,
  leadNoteSchema,
  leadSchema,
  routingDecisionSchema,
  routingSettingsSchema,
  staleAt,
} from '@channelbase/core/leads';
import { type Page, type Write, decodeCursor, dynamo, encodeCursor, getMany, partitionKey, queryPrefix, tableName, versionedPut } from '@channelbase/platform';

/**
 * The leads context's keys in the single table (docs/data-model.md lists each pattern). Leads
 * owns the LEAD# prefix and the LEAD# index partitions:
 *   lead               pk LEAD#<id>            sk LEAD
 *                      gsi1 LEAD#ALL#<shard> / <id>; gsi2 LEAD#STATUS#<status>#<shard> / <id>;
 *                      gsi3 LEAD#PARTNER#<partnerId> / <id> (offered or owned); gsi4 LEAD#DUE#<shard> / <dueAt>#<id> (open offer or stale check)
 *   routing decision   pk LEAD#<id>            sk ROUTING#<decidedAt>#<n>
 *   note               pk LEAD#<id>            sk NOTE#<at>#<n>
 *   externalId claim   pk LEAD#EXT#<externalId> sk EXTERNAL        (one lead per CRM id)
 *   routing settings   pk LEAD#SETTINGS        sk SETTINGS
 *   vocabulary copies  pk LEAD#VOCABULARY      sk TIERS | PRODUCT_LINES   (from TiersChanged / ProductLinesChanged)
 *   candidate entry    pk LEAD#IDX#<territory>#<productLine>  sk <partnerId>   (the candidate index)
 *                      gsi5 LEAD#IDX#<key> (active, with capacity) | LEAD#IDXOFF#<key> (otherwise) / <order>#<partnerId> (least recently offered first)
 *   indexed partner    pk LEAD#PTR#<partnerId> sk INDEXED        (the version and keys the entries were built from)
 *   routing state      pk LEAD#PTR#<partnerId> sk STATE          (load, capacity, fairness, statistics, certified lines)
 *   training facts     pk LEAD#PTR#<partnerId> sk FACT#CERT#<certificationId> | FACT#ACCR#<key> | FACT#USER#<userId>
 * Partners' records are reached only through functions/partners/index.ts or partners' events.
 */
export const SHARDS = 8;
const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The list shard of a lead: from the last character of its ULID (random bits), so leads spread evenly. */
export const shardOf = (id: string) => ULID_ALPHABET.indexOf(id.at(-1)!) % SHARDS;

export const leadKey = (id: string) => ({ pk: `LEAD#${id}`, sk: 'LEAD' });
const SETTINGS_KEY = { pk: 'LEAD#SETTINGS', sk: 'SETTINGS' };
const vocabularyKey = (kind: 'TIERS' | 'PRODUCT_LINES') => ({ pk: 'LEAD#VOCABULARY', sk: kind });
const externalKey = (externalId: string) => ({ pk: partitionKey('LEAD#EXT#', externalId), sk: 'EXTERNAL' });
export const indexPk = (territory: string, productLine: string) => `LEAD#IDX#${territory}#${productLine}`;
const indexedKey = (partnerId: string) => ({ pk: `LEAD#PTR#${partnerId}`, sk: 'INDEXED' });
export const stateKey = (partnerId: string) => ({ pk: `LEAD#PTR#${partnerId}`, sk: 'STATE' });

async function get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item;
}

const isConditionFailed = (err: unknown) =>
  err instanceof ConditionalCheckFailedException || (err as { name?: string })?.name === 'ConditionalCheckFailedException';

// ---- leads ----

/** When the lead-sweep must look at the lead: its open offer's expiry, or when an owned lead goes stale (not once reported). */
export function dueAt(lead: Lead, settings: Pick<RoutingSettings, 'staleDays'>, staleReported?: string): string | undefined {
  if (lead.status === 'offered' && lead.offer) return lead.offer.expiresAt;
  if (staleReported === lead.updatedAt) return undefined;
  return staleAt(lead, settings);
}

function leadItem(lead: Lead, settings: Pick<RoutingSettings, 'staleDays'>, staleReported?: string) {
  const shard = shardOf(lead.id);
  const due = dueAt(lead, settings, staleReported);
  return {
    ...lead,
    ...leadKey(lead.id),
    kind: 'lead',
    gsi1pk: `LEAD#ALL#${shard}`,
    gsi1sk: lead.id,
    gsi2pk: `LEAD#STATUS#${lead.status}#${shard}`,
    gsi2sk: lead.id,
    ...(lead.partnerId ? { gsi3pk: `LEAD#PARTNER#${lead.partnerId}`, gsi3sk: lead.id } : {}),
    ...(due ? { gsi4pk: `LEAD#DUE#${shard}`, gsi4sk: `${due}#${lead.id}` } : {}),
    ...(staleReported ? { staleReported } : {}),
  };
}

/** A new lead, and (with an externalId) its claim: a second lead with the same externalId fails with `duplicate`. */
export function putNewLead(lead: Lead, settings: RoutingSettings, duplicate: () => Error): Write[] {
  const writes: Write[] = [{ item: { Put: { TableName: tableName(), Item: leadItem(lead, settings), ConditionExpression: 'attribute_not_exists(pk)' } } }];
  if (lead.externalId) {
    writes.push({
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...externalKey(lead.externalId), kind: 'lead-external-id', externalId: lead.externalId, leadId: lead.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: duplicate,
    });
  }
  return writes;
}

/** Replaces the lead if nobody changed it since it was read. */
export function putLead(lead: Lead, expectedVersion: number, settings: Pick<RoutingSettings, 'staleDays'>, staleReported?: string): Write {
  return {
    ...versionedPut(leadItem(lead, settings, staleReported), expectedVersion, 'lead'),
    onConditionFailed: () => new PreconditionFailedError('The lead was changed by another request; read it again'),
  };
}

export async function findLead(id: string): Promise<Lead | undefined> {
  const item = await get(leadKey(id));
  return item ? leadSchema.parse(item) : undefined;
}

export async function getLead(id: string): Promise<Lead> {
  const lead = await findLead(id);
  if (!lead) throw new NotFoundError('Lead not found');
  return lead;
}

/** The lead that holds an externalId, if any. */
export async function leadOfExternalId(externalId: string): Promise<Lead | undefined> {
  const claim = await get(externalKey(externalId));
  return claim ? findLead(claim.leadId as string) : undefined;
}

/** The id-ordered index partitions a list reads: one per shard (every lead, or one status), or a partner's one. */
function listPartitions(filters: { status?: LeadStatus | undefined; partnerId?: string | undefined }): { index: string; pks: string[] } {
  if (filters.partnerId) return { index: 'gsi3', pks: [`LEAD#PARTNER#${filters.partnerId}`] };
  const shards = [...Array(SHARDS).keys()];
  if (filters.status) return { index: 'gsi2', pks: shards.map((s) => `LEAD#STATUS#${filters.status}#${s}`) };
  return { index: 'gsi1', pks: shards.map((s) => `LEAD#ALL#${s}`) };
}

/**
 * Leads newest first. The vendor lists read the 8 shards of their index in parallel and merge
 * them by id (ULIDs sort by creation), so no index partition key holds every lead; the cursor
 * holds where each shard stands. A partner filter reads the partner's own partition
 * (status as a filter expression).
 */
export async function listLeads(
  filters: { status?: LeadStatus | undefined; partnerId?: string | undefined },
  limit: number,
  cursor: string | undefined,
): Promise<Page<Lead>> {
  const { index, pks } = listPartitions(filters);
  const scope = `leads:${filters.status ?? '*'}:${filters.partnerId ?? '*'}`;
  const positions = (decodeCursor(cursor, scope) as Record<string, string | null> | undefined) ?? {};
  const statusFilter = filters.partnerId && filters.status;
  const heads = await Promise.all(
    pks.map(async (pk) => {
      const from = positions[pk];
      if (from === null) return { pk, items: [] as Record<string, unknown>[], more: false };
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined = from ? { pk: `LEAD#${from}`, sk: 'LEAD', [`${index}pk`]: pk, [`${index}sk`]: from } : undefined;
      let more = false;
      for (let round = 0; round < 5 && items.length < limit; round++) {
        const res = await dynamo().send(
          new QueryCommand({
            TableName: tableName(),
            IndexName: index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': `${index}pk`, ...(statusFilter ? { '#s': 'status' } : {}) },
            ExpressionAttributeValues: { ':pk': pk, ...(statusFilter ? { ':s': filters.status } : {}) },
            ...(statusFilter ? { FilterExpression: '#s = :s' } : {}),
            ScanIndexForward: false,
            Limit: limit,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        items.push(...(res.Items ?? []));
        start = res.LastEvaluatedKey;
        more = start !== undefined;
        if (!start) break;
      }
      return { pk, items, more };
    }),
  );
  const merged = heads.flatMap((h) => h.items.map((item) => ({ pk: h.pk, item }))).sort((a, b) => String(b.item.id).localeCompare(String(a.item.id)));
  const page = merged.slice(0, limit);
  const next: Record<string, string | null> = {};
  let remaining = false;
  for (const h of heads) {
    const taken = page.filter((p) => p.pk === h.pk);
    const last = taken.at(-1)?.item.id as string | undefined;
    const left = h.items.length > taken.length || h.more;
    if (!left) next[h.pk] = null;
    else {
      remaining = true;
      next[h.pk] = last ?? positions[h.pk] ?? '';
    }
  }
  // '' means "from the start": not decodable as a key, so those shards start over without ExclusiveStartKey.
  for (const [k, v] of Object.entries(next)) if (v === '') delete next[k];
  return { items: page.map((p) => leadSchema.parse(p.item)), nextCursor: remaining ? encodeCursor(next, scope) : null };
}

/**
 * The ids of a partner's open leads (offered, accepted, contacted, qualified) from its gsi3
 * partition (pattern 41), every page; the index is eventually consistent, so callers re-read each
 * lead strongly consistent before changing it.
 */
export async function openLeadIdsOf(partnerId: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        FilterExpression: '#s IN (:offered, :accepted, :contacted, :qualified)',
        ProjectionExpression: 'id',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':pk': `LEAD#PARTNER#${partnerId}`,
          ':offered': 'offered',
          ':accepted': 'accepted',
          ':contacted': 'contacted',
          ':qualified': 'qualified',
        },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    ids.push(...(res.Items ?? []).map((i) => i.id as string));
    start = res.LastEvaluatedKey;
  } while (start);
  return ids;
}

/** Leads due for the sweep (an offer past its SLA, an owned lead gone quiet) in one shard, oldest first. */
export async function dueLeads(shard: number, now: Date, limit: number, start?: Record<string, unknown>) {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk <= :now',
      ExpressionAttributeValues: { ':pk': `LEAD#DUE#${shard}`, ':now': `${now.toISOString()}#~` },
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return {
    items: (res.Items ?? []).map((i) => ({ lead: leadSchema.parse(i), staleReported: i.staleReported as string | undefined })),
    next: res.LastEvaluatedKey,
  };
}

/** The lead's stale marker, as stored (the updatedAt of the quiet period already reported). */
export async function staleReportedOf(id: string): Promise<string | undefined> {
  return (await get(leadKey(id)))?.staleReported as string | undefined;
}

// ---- routing decisions and notes ----

export function putDecision(decision: RoutingDecision, n: string): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...decision, pk: `LEAD#${decision.leadId}`, sk: `ROUTING#${decision.decidedAt}#${n}`, kind: 'lead-routing-decision' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

export function listDecisions(leadId: string, limit: number, cursor?: string): Promise<Page<RoutingDecision>> {
  return queryPrefix(`LEAD#${leadId}`, 'ROUTING#', (i) => routingDecisionSchema.parse(i), { limit, cursor, newestFirst: true });
}

export function putNote(note: LeadNote, n: string): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...note, pk: `LEAD#${note.leadId}`, sk: `NOTE#${note.at}#${n}`, kind: 'lead-note' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

export function listNotes(leadId: string, limit: number, cursor?: string): Promise<Page<LeadNote>> {
  return queryPrefix(`LEAD#${leadId}`, 'NOTE#', (i) => leadNoteSchema.parse(i), { limit, cursor, newestFirst: false });
}

// ---- settings and the vocabulary copies ----

export async function getSettings(): Promise<RoutingSettings> {
  const item = await get(SETTINGS_KEY);
  return item ? routingSettingsSchema.parse(item) : DEFAULT_ROUTING_SETTINGS;
}

export function putSettings(s: RoutingSettings, expectedVersion: number): Write {
  const item = { ...s, ...SETTINGS_KEY, kind: 'lead-routing-settings' };
  if (expectedVersion > 0) return versionedPut(item, expectedVersion, 'routing settings');
  return {
    item: { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    onConditionFailed: () => new PreconditionFailedError('The routing settings were changed since you read them; GET them again and retry'),
  };
}

export interface VocabularyCopy {
  keys: string[];
  version: number;
}

export async function getVocabularyCopy(kind: 'TIERS' | 'PRODUCT_LINES'): Promise<VocabularyCopy> {
  const item = await get(vocabularyKey(kind));
  return item ? { keys: item.keys as string[], version: item.version as number } : { keys: [], version: 0 };
}

/** Keeps the newest list: an older or repeated TiersChanged / ProductLinesChanged changes nothing. */
export async function putVocabularyCopy(kind: 'TIERS' | 'PRODUCT_LINES', copy: VocabularyCopy): Promise<void> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...vocabularyKey(kind), kind: 'lead-vocabulary', ...copy },
        ConditionExpression: 'attribute_not_exists(pk) OR #v < :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': copy.version },
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

// ---- the candidate index ----

const entryFields = (e: CandidateEntry) => ({
  partnerId: e.partnerId,
  status: e.status,
  tier: e.tier,
  leadCapacity: e.leadCapacity,
  coordinates: e.coordinates,
});

/**
 * The readable part of the candidate index (gsi5, docs/data-model.md "The candidate index"): an
 * entry of an active partner with a lead capacity is under `LEAD#IDX#<key>`, any other under
 * `LEAD#IDXOFF#<key>` (read only to report its exclusion), a tombstone under neither. The sort
 * key is `<order>#<ptr_id>`, the order being when the partner was last offered a lead (or found
 * at capacity) under this key, `0` never: a Query reads the least recently offered first.
 */
const readablePk = (key: string, e: Pick<CandidateEntry, 'status' | 'leadCapacity'>) =>
  e.status === 'active' && e.leadCapacity > 0 ? `LEAD#IDX#${key}` : `LEAD#IDXOFF#${key}`;
const NEVER_OFFERED = '0';
const orderSk = (order: string, partnerId: string) => `${order}#${partnerId}`;

/** Writes one entry unless the index already holds a newer version of the partner there (an out-of-order event). */
export async function putEntry(key: string, e: CandidateEntry): Promise<void> {
  const fields = { ...entryFields(e), gsi5pk: readablePk(key, e) };
  const names = Object.keys(fields);
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `LEAD#IDX#${key}`, sk: e.partnerId },
        UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}, #v = :v, #kind = :kind, gsi5sk = if_not_exists(gsi5sk, :order) REMOVE removed`,
        ConditionExpression: 'attribute_not_exists(pk) OR #v < :v',
        ExpressionAttributeNames: { ...Object.fromEntries(names.map((n) => [`#${n}`, n])), '#v': 'version', '#kind': 'kind' },
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((n) => [`:${n}`, fields[n as keyof typeof fields]])),
          ':v': e.version,
          ':kind': 'lead-candidate',
          ':order': orderSk(NEVER_OFFERED, e.partnerId),
        },
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

/**
 * Marks an entry removed as of a version (a tombstone, not a delete): an older event that still
 * lists the key then cannot bring the entry back. Only an existing, older entry is changed.
 */
export async function removeEntry(key: string, partnerId: string, version: number): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `LEAD#IDX#${key}`, sk: partnerId },
        UpdateExpression: 'SET removed = :t, #v = :v REMOVE gsi5pk, gsi5sk',
        ConditionExpression: 'attribute_exists(pk) AND #v < :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':t': true, ':v': version },
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

export interface Indexed {
  version: number;
  keys: string[];
}

export async function getIndexed(partnerId: string): Promise<Indexed | undefined> {
  const item = await get(indexedKey(partnerId));
  return item ? { version: item.version as number, keys: item.keys as string[] } : undefined;
}

/** Records what the entries were built from, only if nobody recorded another version since `read`. */
export async function putIndexed(partnerId: string, next: Indexed, read: Indexed | undefined): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...indexedKey(partnerId), kind: 'lead-indexed-partner', partnerId, ...next },
        ConditionExpression: read ? '#v = :read' : 'attribute_not_exists(pk)',
        ...(read ? { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':read': read.version } } : {}),
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/** The capacity of the routing state follows the partner's leadCapacity, newest version only; load is kept. */
export async function putCapacity(partnerId: string, capacity: number, version: number): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: stateKey(partnerId),
        UpdateExpression:
          'SET #cap = :c, capacityVersion = :v, partnerId = :p, #kind = :kind, #load = if_not_exists(#load, :zero), outcomes = if_not_exists(outcomes, :empty), won = if_not_exists(won, :zero), lost = if_not_exists(lost, :zero)',
        ConditionExpression: 'attribute_not_exists(capacityVersion) OR capacityVersion < :v',
        ExpressionAttributeNames: { '#load': 'load', '#kind': 'kind', '#cap': 'capacity' },
        ExpressionAttributeValues: { ':c': capacity, ':v': version, ':p': partnerId, ':kind': 'lead-routing-state', ':zero': 0, ':empty': [] },
      }),
    );
  } catch (err) {
    if (!isConditionFailed(err)) throw err;
  }
}

const entryOf = (i: Record<string, unknown>): CandidateEntry => ({
  partnerId: i.partnerId as string,
  version: i.version as number,
  status: i.status as string,
  tier: (i.tier as string | null) ?? null,
  leadCapacity: i.leadCapacity as number,
  coordinates: (i.coordinates as CandidateEntry['coordinates']) ?? [],
});

/** One key's reading position in the readable index. */
export interface KeyCursor {
  key: string;
  /** Where the next page starts; undefined once the key is read to its end. */
  start: Record<string, unknown> | undefined;
  pages: number;
}

/**
 * One page of the readable index under each key still open (`limit` entries, least recently
 * offered first), in parallel; with `withInactive`, also up to `limit` entries of its inactive part
 * (to report those exclusions). Returns the entries with the key each was read under.
 */
export async function readWindowPage(
  cursors: KeyCursor[],
  limit: number,
  withInactive: boolean,
): Promise<{ entry: CandidateEntry; key: string; readable: boolean }[]> {
  const query = async (pk: string, start?: Record<string, unknown>) =>
    dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
  const pages = await Promise.all(
    cursors.flatMap((c) => [
      query(`LEAD#IDX#${c.key}`, c.start).then((res) => {
        c.start = res.LastEvaluatedKey;
        c.pages++;
        return (res.Items ?? []).map((i) => ({ entry: entryOf(i), key: c.key, readable: true }));
      }),
      ...(withInactive
        ? [query(`LEAD#IDXOFF#${c.key}`).then((res) => (res.Items ?? []).map((i) => ({ entry: entryOf(i), key: c.key, readable: false })))]
        : []),
    ]),
  );
  return pages.flat();
}

/**
 * Moves a partner's entries under `keys` to the back of the index order (`order` = now): after an
 * offer, and for a partner found at capacity. Never moves an entry forward (a later order already
 * written stays) nor touches a tombstone or an inactive entry's place. Best effort: the order only
 * decides who is read first; routing decides on the partner's own state.
 */
export async function moveToBack(partnerId: string, keys: string[], at: Date): Promise<void> {
  const sk = orderSk(at.toISOString(), partnerId);
  await Promise.all(
    keys.map(async (key) => {
      try {
        await dynamo().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: { pk: `LEAD#IDX#${key}`, sk: partnerId },
            UpdateExpression: 'SET gsi5sk = :sk',
            ConditionExpression: 'gsi5pk = :pk AND gsi5sk < :sk',
            ExpressionAttributeValues: { ':sk': sk, ':pk': `LEAD#IDX#${key}` },
          }),
        );
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    }),
  );
}

const stateOf = (i: Record<string, unknown>): PartnerRoutingState => ({
  partnerId: i.partnerId as string,
  load: (i.load as number) ?? 0,
  capacity: (i.capacity as number) ?? 0,
  fairnessAt: (i.fairnessAt as string | undefined) ?? null,
  outcomes: (i.outcomes as OfferOutcome[] | undefined) ?? [],
  won: (i.won as number) ?? 0,
  lost: (i.lost as number) ?? 0,
  certified: (i.certified as CertifiedLine[] | undefined) ?? [],
});

/** Routing states of partners, strongly consistent (getMany: 100 keys per BatchGetItem, in parallel). */
export async function readStates(partnerIds: string[]): Promise<Map<string, PartnerRoutingState>> {
  const out = new Map<string, PartnerRoutingState>();
  for (const i of await getMany(partnerIds.map(stateKey))) out.set(i.partnerId as string, stateOf(i));
  return out;
}

export async function getState(partnerId: string): Promise<PartnerRoutingState | undefined> {
  const item = await get(stateKey(partnerId));
  return item ? stateOf(item) : undefined;
}

/** Raised when the chosen partner has no free capacity any more (another offer took its last place). */
export class CapacityTakenError extends ConflictError {
  constructor(readonly partnerId: string) {
    super('The partner reached its lead capacity meanwhile');
  }
}

/**
 * Takes one place of the partner's capacity for an offer: in the offer's transaction, only if
 * load < capacity, so no concurrency makes a partner hold more than its capacity.
 */
export function takeCapacity(partnerId: string, now: Date): Write {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: stateKey(partnerId),
        UpdateExpression: 'SET #load = #load + :one, fairnessAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND #load < #cap',
        ExpressionAttributeNames: { '#load': 'load', '#cap': 'capacity' },
        ExpressionAttributeValues: { ':one': 1, ':now': now.toISOString() },
      },
    },
    onConditionFailed: () => new CapacityTakenError(partnerId),
  };
}

/**
 * Gives a place back (a rejection, an expiry, a converted or lost lead) and records the outcome
 * for the partner's statistics. A partner that was at capacity rejoins the fairness order as if
 * offered now: having been full earns it no priority.
 */
export function releaseCapacity(
  partnerId: string,
  state: PartnerRoutingState | undefined,
  now: Date,
  record: { outcome?: OfferOutcome; won?: number; lost?: number; release: boolean },
): Write {
  const sets: string[] = [];
  const values: Record<string, unknown> = {};
  if (record.release) {
    sets.push('#load = #load - :one');
    values[':one'] = 1;
    if (state && state.load >= state.capacity) {
      sets.push('fairnessAt = :now');
      values[':now'] = now.toISOString();
    }
  }
  if (record.outcome) {
    // The statistics keep the last 50 outcomes (from the state read before; a concurrent outcome of the same partner may be lost: an approximation).
    sets.push('outcomes = :o');
    values[':o'] = [...(state?.outcomes ?? []), record.outcome].slice(-50);
  }
  if (record.won) {
    sets.push('won = if_not_exists(won, :zero) + :w');
    values[':w'] = record.won;
    values[':zero'] = 0;
  }
  if (record.lost) {
    sets.push('lost = if_not_exists(lost, :zero) + :l');
    values[':l'] = record.lost;
    values[':zero'] = 0;
  }
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: stateKey(partnerId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ...(record.release ? { ExpressionAttributeNames: { '#load': 'load' } } : {}),
        ExpressionAttributeValues: values,
      },
    },
  };
}

// ---- training's facts (from training's events and partners' user events) and the certified lines ----

/** A newer fact of the partner was recorded, or the fact is not newer than the one held. */
export class StaleFactError extends Error {}

const factKey = (partnerId: string, sk: string) => ({ pk: `LEAD#PTR#${partnerId}`, sk: `FACT#${sk}` });

/** Bumps the partner's fact sequence in the fact's transaction: a summary computed before it can no longer be stored. */
const bumpFacts = (partnerId: string): Write => ({
  item: {
    Update: {
      TableName: tableName(),
      Key: stateKey(partnerId),
      UpdateExpression: 'SET factsSeq = if_not_exists(factsSeq, :zero) + :one, partnerId = :p, #kind = :kind',
      ExpressionAttributeNames: { '#kind': 'kind' },
      ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':p': partnerId, ':kind': 'lead-routing-state' },
    },
  },
});

/** Records one fact only over an older one (`cond` compares the stored `#o` with `:o`), with the sequence bump. */
function putFact(partnerId: string, sk: string, item: Record<string, unknown>, order: { name: string; value: string | number }): Write[] {
  return [
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...factKey(partnerId, sk), kind: 'lead-training-fact', partnerId, ...item },
          ConditionExpression: 'attribute_not_exists(pk) OR #o < :o',
          ExpressionAttributeNames: { '#o': order.name },
          ExpressionAttributeValues: { ':o': order.value },
        },
      },
      onConditionFailed: () => new StaleFactError(),
    },
    bumpFacts(partnerId),
  ];
}

export const putCertificationFact = (partnerId: string, f: CertificationFact): Write[] =>
  putFact(partnerId, `CERT#${f.id}`, { fact: 'certification', ...f }, { name: 'version', value: f.version });
export const putAccreditationFact = (partnerId: string, f: AccreditationFact): Write[] =>
  putFact(partnerId, `ACCR#${f.key}`, { fact: 'accreditation', ...f }, { name: 'stamp', value: f.stamp });
export const putHolderFact = (partnerId: string, f: HolderFact): Write[] =>
  putFact(partnerId, `USER#${f.userId}`, { fact: 'holder', ...f }, { name: 'version', value: f.version });

/** Every training fact of a partner (one partition, strongly consistent, every page) and the fact sequence it was read at. */
export async function readFacts(partnerId: string): Promise<{ facts: CertificationFacts; seq: number | undefined }> {
  const seq = (await get(stateKey(partnerId)))?.factsSeq as number | undefined;
  const facts = { certifications: [] as CertificationFact[], accreditations: [] as AccreditationFact[], holders: [] as HolderFact[] };
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
        ExpressionAttributeValues: { ':pk': `LEAD#PTR#${partnerId}`, ':f': 'FACT#' },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const i of res.Items ?? []) {
      if (i.fact === 'certification') {
        facts.certifications.push({
          id: i.id,
          key: i.key,
          productLine: i.productLine,
          userId: i.userId,
          status: i.status,
          expiresAt: i.expiresAt,
          version: i.version,
        } as CertificationFact);
      } else if (i.fact === 'accreditation') {
        facts.accreditations.push({ key: i.key, name: i.name, productLine: i.productLine ?? null, granted: i.granted, stamp: i.stamp } as AccreditationFact);
      } else if (i.fact === 'holder') facts.holders.push({ userId: i.userId, status: i.status, version: i.version } as HolderFact);
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return { facts, seq };
}

/** Stores the certified lines on the routing state, only if no fact was recorded since `seq` was read. */
export async function putCertified(partnerId: string, lines: CertifiedLine[], seq: number): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: stateKey(partnerId),
        UpdateExpression: 'SET certified = :c, certifiedSeq = :s',
        ConditionExpression: 'factsSeq = :s',
        ExpressionAttributeValues: { ':c': lines, ':s': seq },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}
