import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '@channelbase/core/kernel/zod';
import { type DomainEvent, NotFoundError, PreconditionFailedError } from '@channelbase/core';
import {
  type Cadence,
  type Credit,
  type IncentiveProgrammeVersion,
  type LedgerEntry,
  type PartnerStanding,
  type WonDeal,
  incentiveProgrammeSchema,
  ledgerEntrySchema,
  shiftPeriod,
} from '@channelbase/core/incentives';
import {
  type Committer,
  type Page,
  type Write,
  commit,
  decodeCursor,
  dynamo,
  encodeCursor,
  getMany,
  invalidCursor,
  queryAll,
  queryPages,
  sortKey,
  tableName,
} from '@channelbase/platform';

/**
 * The incentives context's keys in the single table (docs/data-model.md lists each pattern):
 *   programme       pk INCENTIVE#PRG#<prg>        sk CURRENT            gsi1 INCENTIVE#PROGRAMMES / <createdAt>#<prg>
 *   version         pk INCENTIVE#PRG#<prg>        sk V#<000001>         (every version, never changed)
 *   versions stamp  pk INCENTIVE#PROGRAMMES       sk STAMP              (how many versions were saved, all programmes)
 *   closed period   pk INCENTIVE#PRG#<prg>        sk PERIOD#<period>    (written by settlement; nothing accrues into it after)
 *   deal            pk INCENTIVE#DEAL#<deal>      sk DEAL               (the facts of the first DealWon, the first DealWonReversed)
 *   ineligible      pk INCENTIVE#DEAL#<deal>      sk INELIGIBLE#<prg>#<ptr>  (why a partner earned nothing under a programme)
 *   standing        pk INCENTIVE#PARTNER#<ptr>    sk STANDING | ACCR#<key>  (what partners' and training's events say)
 *   posting         pk INCENTIVE#PARTNER#<ptr>    sk POSTING#<event>#<prg>#<nnn>
 *                                                  gsi1 INCENTIVE#PP#<prg>#<period>#<shard> / <ptr>#P#<event>#<prg>#<nnn>
 *                                                  gsi2 INCENTIVE#LEDGER#<ptr>#<period> / <recordedAt>#<event>#<prg>#<nnn>  (postings with entries)
 * A posting holds a partner's entries from one source event under one programme (up to
 * ENTRIES_PER_POSTING) and the credit the source gives the partner. Its key holds no period, so
 * posting <nnn> of a source exists once whichever period it landed in.
 * Incentives owns the INCENTIVE# prefix; deals and partners are known only from their events.
 */
export const PROGRAMMES = 'INCENTIVE#PROGRAMMES';
/** Every version of every programme, in one index partition: accrual reads them all in one query. */
const VERSIONS = 'INCENTIVE#VERSIONS';
export const programmePk = (id: string) => `INCENTIVE#PRG#${id}`;
const dealPk = (id: string) => `INCENTIVE#DEAL#${id}`;
export const partnerPk = (id: string) => `INCENTIVE#PARTNER#${id}`;
/**
 * A programme's period is spread over this many index partitions, by a hash of the partner id:
 * accrual writes into one month of one programme never meet one index partition's write limit,
 * and settlement reads each shard as a partition of its own (a smaller one, and one a fan-out can
 * take apart). A partner's items of a period are all in one shard.
 */
export const PERIOD_SHARDS = 8;
/** The period shard of a partner's items (0 … PERIOD_SHARDS − 1). */
export const periodShard = (partnerId: string): number => createHash('sha256').update(partnerId).digest()[0]! % PERIOD_SHARDS;
/** One shard of a programme's period: `INCENTIVE#PP#<prg>#<period>#<shard, 2 digits>`. */
export const periodPartition = (programmeId: string, period: string, shard: number) =>
  `INCENTIVE#PP#${programmeId}#${period}#${String(shard).padStart(2, '0')}`;
/** The period shard partition a partner's items of a period go to. */
export const partnerPeriodPartition = (programmeId: string, period: string, partnerId: string) => periodPartition(programmeId, period, periodShard(partnerId));
const ledgerPartition = (partnerId: string, period: string) => `INCENTIVE#LEDGER#${partnerId}#${period}`;
export const closedPeriodKey = (programmeId: string, period: string) => ({ pk: programmePk(programmeId), sk: `PERIOD#${period}` });

export async function get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item;
}

// Programmes

const versionSk = (v: number) => `V#${String(v).padStart(6, '0')}`;

/** The writes of a programme's new version: the version item, and the current pointer (conditioned on the one before). */
export function putProgrammeVersion(p: IncentiveProgrammeVersion): Write[] {
  const pk = programmePk(p.id);
  const body = { ...p };
  const current: Write = {
    item: {
      Put: {
        TableName: tableName(),
        Item: { pk, sk: 'CURRENT', kind: 'incentive-programme', ...body, gsi1pk: PROGRAMMES, gsi1sk: `${p.createdAt}#${p.id}` },
        ...(p.version === 1
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': p.version - 1 } }),
      },
    },
    onConditionFailed: () => new PreconditionFailedError('The programme was changed since you read it; GET it again and retry'),
  };
  const version: Write = {
    item: {
      Put: {
        TableName: tableName(),
        Item: { pk, sk: versionSk(p.version), kind: 'incentive-programme-version', ...body, gsi2pk: VERSIONS, gsi2sk: `${p.id}#${versionSk(p.version)}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
  return [current, version, countVersion()];
}

const VERSIONS_STAMP_KEY = { pk: PROGRAMMES, sk: 'STAMP' };

/** Every save of a version counts itself on the stamp, in the save's transaction. */
const countVersion = (): Write => ({
  item: {
    Update: {
      TableName: tableName(),
      Key: VERSIONS_STAMP_KEY,
      UpdateExpression: 'ADD #n :one SET #kind = :kind',
      ExpressionAttributeNames: { '#n': 'versions', '#kind': 'kind' },
      ExpressionAttributeValues: { ':one': 1, ':kind': 'incentive-versions-stamp' },
    },
  },
});

/**
 * How many programme versions were saved, read strongly consistent: one GetItem that says whether
 * a list of every version read earlier is still the whole list (0 before the first save).
 */
export async function versionsSaved(): Promise<number> {
  const item = await get(VERSIONS_STAMP_KEY);
  return item ? Number(item.versions) : 0;
}

/** A stored item without its keys and kind: what the record's schema reads (a strict one would refuse them). */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, kind: _kind, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, ...record } = item;
  return record;
}

const parseProgramme = (item: Record<string, unknown>): IncentiveProgrammeVersion =>
  incentiveProgrammeSchema.parse(withoutKeys(item)) as IncentiveProgrammeVersion;

/** A programme's current version (404 if none). */
export async function getProgramme(id: string): Promise<IncentiveProgrammeVersion> {
  const item = await get({ pk: programmePk(id), sk: 'CURRENT' });
  if (!item) throw new NotFoundError(`No incentive programme ${id}`);
  return parseProgramme(item);
}

/** One version of a programme (404 if the programme or the version does not exist). */
export async function getProgrammeVersion(id: string, version: number): Promise<IncentiveProgrammeVersion> {
  const item = await get({ pk: programmePk(id), sk: versionSk(version) });
  if (!item) throw new NotFoundError(`No version ${version} of incentive programme ${id}`);
  return parseProgramme(item);
}

/** Every version of a programme, oldest first. */
export async function programmeVersions(id: string): Promise<IncentiveProgrammeVersion[]> {
  const out: IncentiveProgrammeVersion[] = [];
  for await (const page of queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
    ExpressionAttributeValues: { ':pk': programmePk(id), ':v': 'V#' },
    ConsistentRead: true,
  }))
    out.push(...page.map(parseProgramme));
  return out;
}

export function listProgrammes(limit: number, cursor: string | undefined): Promise<Page<IncentiveProgrammeVersion>> {
  return queryPages(
    {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': PROGRAMMES },
      ScanIndexForward: false,
    },
    limit,
    `incentives:${PROGRAMMES}`,
    cursor,
    parseProgramme,
    (item) => ({ pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk }),
  );
}

/**
 * Every version of every programme, by programme (a few dozen items: accrual reads them for each
 * won deal). The index is eventually consistent: a version saved a moment ago may be missed by a
 * deal accrued in that moment, as if the deal had been accrued just before.
 */
export async function allVersions(): Promise<Map<string, IncentiveProgrammeVersion[]>> {
  const out = new Map<string, IncentiveProgrammeVersion[]>();
  for await (const page of queryAll({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': VERSIONS },
  }))
    for (const v of page.map(parseProgramme)) out.set(v.id, [...(out.get(v.id) ?? []), v]);
  return out;
}

// Periods

/** Whether settlement closed the period of a programme. */
const isClosed = async (programmeId: string, period: string): Promise<boolean> => (await get(closedPeriodKey(programmeId, period))) !== undefined;

/** The period itself if open, otherwise the first open one after it. */
export async function openPeriodFrom(programmeId: string, period: string, cadence: Cadence): Promise<string> {
  let p = period;
  while (await isClosed(programmeId, p)) p = shiftPeriod(p, cadence, 1);
  return p;
}

// Won deals

export interface WonFacts extends WonDeal {
  recordedAt: string;
}

/** The partners a won deal credits: the registering one, and the second partner if any. */
export const creditedPartners = (deal: WonDeal) => [deal.partnerId, ...(deal.secondPartner ? [deal.secondPartner.partnerId] : [])];

/** A deal's one item: the facts of its first DealWon, and the first DealWonReversed, each set once. */
const dealKey = (dealId: string) => ({ pk: dealPk(dealId), sk: 'DEAL' });
/** Deals by the month they closed in (gsi1), for the adjustments of a version with a past effective date. */
const wonInPartition = (month: string) => `INCENTIVE#WON#${month}`;
const wonIndex = (deal: Pick<WonFacts, 'closeDate' | 'dealId'>) => ({
  gsi1pk: wonInPartition(deal.closeDate.slice(0, 7)),
  gsi1sk: `${deal.closeDate}#${deal.dealId}`,
});
/** The attribute recording the version an adjustment moved a programme's accrual of the deal to. */
const adjustedAttribute = (programmeId: string) => `adjusted#${programmeId}`;

export interface DealItem {
  won?: WonFacts;
  reversal?: { eventId: string; reason: string };
  /** Ledger transactions of the deal so far (accruals and adjustments): an adjustment commits only if none came since it read. */
  seq: number;
  /** The partners' standing the first delivery accrued with (an adjustment accrues again with it). */
  standings?: Record<string, PartnerStanding>;
  /** Per programme, the version an adjustment moved the deal's accrual to. */
  adjusted: Record<string, number>;
}

const WON_ATTRIBUTES = ['eventId', 'dealId', 'partnerId', 'secondPartner', 'lines', 'amount', 'closeDate', 'protectionRunning', 'recordedAt'] as const;

export async function getDeal(dealId: string): Promise<DealItem> {
  const item = await get(dealKey(dealId));
  if (!item) return { seq: 0, adjusted: {} };
  const reversal = item.reversal as { eventId: string; reason: string } | undefined;
  const adjusted = Object.fromEntries(
    Object.entries(item)
      .filter(([k]) => k.startsWith('adjusted#'))
      .map(([k, v]) => [k.slice('adjusted#'.length), Number(v)]),
  );
  return {
    ...(typeof item.eventId === 'string' ? { won: Object.fromEntries(WON_ATTRIBUTES.map((a) => [a, item[a]])) as unknown as WonFacts } : {}),
    ...(reversal ? { reversal } : {}),
    ...(item.standings ? { standings: item.standings as Record<string, PartnerStanding> } : {}),
    seq: Number(item.seq ?? 0),
    adjusted,
  };
}

/** Records a DealWon's facts once (the first delivery wins, whether or not a reversal came first); answers what is recorded. */
export async function recordWon(deal: WonFacts): Promise<WonFacts> {
  const values: Record<string, unknown> = { ...Object.fromEntries(WON_ATTRIBUTES.map((a) => [a, deal[a]])), ...wonIndex(deal) };
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: dealKey(deal.dealId),
        UpdateExpression: `SET #kind = :kind, ${Object.keys(values)
          .map((a) => `#${a} = :${a}`)
          .join(', ')}`,
        ConditionExpression: 'attribute_not_exists(#eventId)',
        ExpressionAttributeNames: { '#kind': 'kind', ...Object.fromEntries(Object.keys(values).map((a) => [`#${a}`, a])) },
        ExpressionAttributeValues: { ':kind': 'incentive-deal', ...Object.fromEntries(Object.entries(values).map(([a, v]) => [`:${a}`, v])) },
      }),
    );
    return deal;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    return (await getDeal(deal.dealId)).won!;
  }
}

/** The deal's item exists already (a redelivery, a second DealWon, or a reversal that came first): the careful way decides. */
export class DealRecordedError extends Error {}
/** The deal's win was reversed, or an adjustment moved its accrual, between two of its ledger transactions: the careful way decides. */
export class ReversedMeanwhileError extends Error {}
/** An adjustment moved the deal's accrual under this programme: it is the adjustment's now, and accrual writes nothing more for it. */
export class AdjustedMeanwhileError extends Error {}
/** Another ledger transaction of the deal came after the adjustment read it: it reads again. */
export class DealChangedError extends Error {}

/** One more ledger transaction of the deal, only if `condition` holds. */
const countTransaction = (dealId: string, condition: string, names: Record<string, string>, error: () => Error): Write => ({
  item: {
    Update: {
      TableName: tableName(),
      Key: dealKey(dealId),
      UpdateExpression: 'SET #seq = if_not_exists(#seq, :zero) + :one',
      ConditionExpression: condition,
      ExpressionAttributeNames: { '#seq': 'seq', ...names },
      ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
    },
  },
  onConditionFailed: error,
});

/**
 * The guard of a first delivery's ledger writes, in each of their transactions. The first one
 * puts the deal's item with its facts and the standing it accrued with, only if the deal has no
 * item yet: committed, it proves that neither an earlier DealWon nor a reversal was recorded
 * before it. Each later one (another programme, another partner) counts itself on the deal's item,
 * only if no reversal was recorded and no adjustment moved the programme meanwhile. A reversal or
 * an adjustment that comes after a transaction finds the win and that transaction's entries.
 */
export function firstDeliveryGuards(deal: WonFacts, withFacts: boolean, programmeId: string, standings: ReadonlyMap<string, PartnerStanding>): Write[] {
  if (withFacts)
    return [
      {
        item: {
          Put: {
            TableName: tableName(),
            Item: { ...dealKey(deal.dealId), kind: 'incentive-deal', ...deal, seq: 1, standings: Object.fromEntries(standings), ...wonIndex(deal) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new DealRecordedError(),
      },
    ];
  return [
    countTransaction(
      deal.dealId,
      'attribute_not_exists(reversal) AND attribute_not_exists(#adj)',
      { '#adj': adjustedAttribute(programmeId) },
      () => new ReversedMeanwhileError(),
    ),
  ];
}

/** The guard of an accrual's ledger writes on the careful way: counted on the deal's item, only while no adjustment moved the programme. */
export const accrualGuard = (dealId: string, programmeId: string): Write =>
  countTransaction(dealId, 'attribute_not_exists(#adj)', { '#adj': adjustedAttribute(programmeId) }, () => new AdjustedMeanwhileError());

/**
 * The guard of an adjustment's writes: counted on the deal's item and recording the version it
 * moved the programme to, only if no ledger transaction of the deal came since it read `seq`, and
 * no reversal was recorded (a reversed deal is the reversal's).
 */
export const adjustmentGuard = (dealId: string, programmeId: string, seq: number, toVersion: number): Write => ({
  item: {
    Update: {
      TableName: tableName(),
      Key: dealKey(dealId),
      UpdateExpression: 'SET #seq = :next, #adj = :to',
      ConditionExpression: `${seq === 0 ? 'attribute_not_exists(#seq)' : '#seq = :seq'} AND attribute_not_exists(reversal)`,
      ExpressionAttributeNames: { '#seq': 'seq', '#adj': adjustedAttribute(programmeId) },
      ExpressionAttributeValues: { ':next': seq + 1, ':to': toVersion, ...(seq === 0 ? {} : { ':seq': seq }) },
    },
  },
  onConditionFailed: () => new DealChangedError(),
});

/** The deals that closed in a month (`YYYY-MM`), in close-date order after `after` (`<closeDate>#<dealId>`), a page at a time. */
export async function* dealsClosedIn(month: string, after: string): AsyncGenerator<{ dealId: string; position: string }[]> {
  for await (const page of queryAll({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: after ? 'gsi1pk = :pk AND gsi1sk > :after' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': wonInPartition(month), ...(after ? { ':after': after } : {}) },
    ProjectionExpression: 'dealId, gsi1sk',
  }))
    yield page.map((i) => ({ dealId: String(i.dealId), position: String(i.gsi1sk) }));
}

export const getWon = async (dealId: string): Promise<WonFacts | undefined> => (await getDeal(dealId)).won;

/** Records that a win was reversed (the first DealWonReversed wins); answers the reversing event's id. */
export async function recordReversed(dealId: string, eventId: string, reason: string, at: string): Promise<string> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: dealKey(dealId),
        UpdateExpression: 'SET #kind = if_not_exists(#kind, :kind), reversal = :r',
        ConditionExpression: 'attribute_not_exists(reversal)',
        ExpressionAttributeNames: { '#kind': 'kind' },
        ExpressionAttributeValues: { ':kind': 'incentive-deal', ':r': { eventId, reason, recordedAt: at } },
      }),
    );
    return eventId;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    return (await getDeal(dealId)).reversal!.eventId;
  }
}

export const getReversed = async (dealId: string): Promise<{ eventId: string; reason: string } | undefined> => (await getDeal(dealId)).reversal;

// Standing

interface StandingItem {
  type: string;
  tier: string | null;
  status: string;
  version: number;
}

/** Writes an item only over an older one, ordered by `attribute` (a duplicate or a late event changes nothing). */
async function putIfNewer(item: Record<string, unknown>, attribute: 'version' | 'stamp'): Promise<void> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk) OR #a < :a',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: { ':a': item[attribute] },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

/** Records a partner's type, tier and status over an older version only. */
export const putStanding = (partnerId: string, s: StandingItem): Promise<void> =>
  putIfNewer({ pk: partnerPk(partnerId), sk: 'STANDING', kind: 'incentive-standing', partnerId, ...s }, 'version');

/** Records an accreditation's state over an older one only (ordered by the event's time and id). */
export const putAccreditation = (partnerId: string, a: { key: string; productLine: string | null; granted: boolean; stamp: string }): Promise<void> =>
  putIfNewer({ pk: partnerPk(partnerId), sk: sortKey('ACCR#', a.key), kind: 'incentive-accreditation', partnerId, ...a }, 'stamp');

/** A partner's granted accreditations, by product line (a Query of its ACCR# items). */
export async function accreditationsOf(partnerId: string): Promise<string[]> {
  const out: string[] = [];
  for await (const page of queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
    ExpressionAttributeValues: { ':pk': partnerPk(partnerId), ':a': 'ACCR#' },
    ConsistentRead: true,
  }))
    for (const i of page) if (i.granted === true && typeof i.productLine === 'string') out.push(i.productLine);
  return out;
}

/**
 * What incentives knows of each partner's type, tier and status, in BatchGetItem calls (a partner
 * none of whose events arrived yet is absent). Accreditations are not read: accreditationsOf.
 */
export async function getStandings(partnerIds: readonly string[]): Promise<Map<string, PartnerStanding>> {
  const items = await getMany(partnerIds.map((id) => ({ pk: partnerPk(id), sk: 'STANDING' })));
  return new Map(
    items.map((i) => [String(i.partnerId), { type: String(i.type), tier: (i.tier as string | null) ?? null, status: String(i.status), accreditations: [] }]),
  );
}

// The ledger

/** The period was closed by settlement meanwhile: the caller moves the entries to the next open one. */
export class PeriodClosedError extends Error {}
/** The entries are there already (a redelivery): nothing to do. */
export class AlreadyRecordedError extends Error {}

/**
 * At most this many entries per transaction: they ride in its event too, which stays far below
 * EventBridge's 256 KB (an entry with its explanation is well under 1 KB).
 */
export const ENTRIES_PER_TRANSACTION = 90;
/**
 * At most this many entries per posting item: a posting stays a few KB, far below DynamoDB's
 * 400 KB an item, and a transaction holds the postings of ENTRIES_PER_TRANSACTION entries in 4 items.
 */
export const ENTRIES_PER_POSTING = 25;

/**
 * One write to the ledger: a partner's entries from one source event under one programme (a
 * deal's accrual, its reversal, an adjustment, a settlement run's period-end entries), with the
 * partner's credited revenue when the source credits any. Postings are numbered per source,
 * programme and partner (0, 1, …): a source's entries take one posting, or several when they are
 * many or when a retry completes what an earlier one wrote. Never changed or deleted.
 */
export interface Posting {
  partnerId: string;
  programmeId: string;
  programmeVersion: number;
  sourceEventId: string;
  number: number;
  period: string;
  entries: LedgerEntry[];
  credit: Credit | null;
  /** The sum of the entries' amounts, in the programme's currency: what a running balance adds. */
  totalMinor: number;
  currency: string;
  recordedAt: string;
}

const postingSuffix = (sourceEventId: string, programmeId: string, number: number) => `${sourceEventId}#${programmeId}#${String(number).padStart(3, '0')}`;

const postingItem = (p: Posting) => {
  const suffix = postingSuffix(p.sourceEventId, p.programmeId, p.number);
  return {
    pk: partnerPk(p.partnerId),
    sk: sortKey('POSTING#', suffix),
    kind: 'incentive-posting',
    ...p,
    gsi1pk: partnerPeriodPartition(p.programmeId, p.period, p.partnerId),
    gsi1sk: sortKey(`${p.partnerId}#P#`, suffix),
    // Only postings with entries are lines of the partner's ledger.
    ...(p.entries.length > 0 ? { gsi2pk: ledgerPartition(p.partnerId, p.period), gsi2sk: sortKey(`${p.recordedAt}#`, suffix) } : {}),
  };
};

/**
 * The writes of a partner's entries from one source under one programme, as postings numbered
 * from `first`, ENTRIES_PER_POSTING entries each (one posting when there are none, for a credit
 * alone); the credit rides in the first. Each is new (attribute_not_exists: AlreadyRecordedError).
 */
export function postingWrites(
  p: Omit<Posting, 'number' | 'entries' | 'credit' | 'totalMinor'> & { first: number; entries: readonly LedgerEntry[]; credit: Credit | undefined },
): Write[] {
  const { first, entries, credit, ...fields } = p;
  const chunks: LedgerEntry[][] = [];
  for (let i = 0; i < entries.length; i += ENTRIES_PER_POSTING) chunks.push(entries.slice(i, i + ENTRIES_PER_POSTING));
  if (chunks.length === 0) chunks.push([]);
  return chunks.map((chunk, i) => ({
    item: {
      Put: {
        TableName: tableName(),
        Item: postingItem({
          ...fields,
          number: first + i,
          entries: chunk,
          credit: i === 0 ? (credit ?? null) : null,
          totalMinor: chunk.reduce((sum, e) => sum + e.amountMinor, 0),
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    onConditionFailed: () => new AlreadyRecordedError(),
  }));
}

/** Where a partner's entries from one source under one programme go, and what is written already. */
export interface Append {
  programme: { id: string; version: number; currency: string };
  partnerId: string;
  sourceEventId: string;
  /** The number of the first posting: how many postings of the source there are already (0 at first). */
  first: number;
  period: string;
}

/**
 * Appends one partner's entries from one source under one programme (and its credit) into
 * `period`, as postings, with their event, in one transaction: only while settlement has not
 * closed the period (PeriodClosedError), and only once (AlreadyRecordedError: a posting of that
 * number exists). Answers how many postings it wrote. `commitWith` is the consumer batch's
 * committer, which may share the transaction with other deals' postings.
 */
export async function appendEntries(
  to: Append,
  entries: readonly LedgerEntry[],
  credit: Credit | undefined,
  event: DomainEvent | undefined,
  recordedAt: string,
  guards: Write[] = [],
  commitWith: Committer = commit,
): Promise<number> {
  const postings = postingWrites({
    partnerId: to.partnerId,
    programmeId: to.programme.id,
    programmeVersion: to.programme.version,
    sourceEventId: to.sourceEventId,
    first: to.first,
    period: to.period,
    entries,
    credit,
    currency: to.programme.currency,
    recordedAt,
  });
  const writes: Write[] = [
    ...guards,
    {
      item: { ConditionCheck: { TableName: tableName(), Key: closedPeriodKey(to.programme.id, to.period), ConditionExpression: 'attribute_not_exists(pk)' } },
      onConditionFailed: () => new PeriodClosedError(),
    },
    ...postings,
  ];
  await commitWith(writes, event ? [event] : []);
  return postings.length;
}

/** Why a deal earned a partner nothing under a programme (the same reasons on every delivery: a plain put). */
export async function putIneligible(
  dealId: string,
  programme: { id: string; version: number },
  partnerId: string,
  reasons: string[],
  at: string,
): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        pk: dealPk(dealId),
        sk: `INELIGIBLE#${programme.id}#${partnerId}`,
        kind: 'incentive-ineligible',
        dealId,
        programmeId: programme.id,
        programmeVersion: programme.version,
        partnerId,
        reasons,
        recordedAt: at,
      },
    }),
  );
}

const creditOfItem = (c: unknown): Credit | null => {
  if (!c || typeof c !== 'object') return null;
  const i = c as Record<string, unknown>;
  return {
    partnerId: String(i.partnerId),
    period: String(i.period),
    dealId: String(i.dealId),
    sourceEventId: String(i.sourceEventId),
    revenueMinor: Number(i.revenueMinor),
    shareBp: Number(i.shareBp),
  };
};

/** A stored posting item. */
export const parsePosting = (i: Record<string, unknown>): Posting => ({
  partnerId: String(i.partnerId),
  programmeId: String(i.programmeId),
  programmeVersion: Number(i.programmeVersion),
  sourceEventId: String(i.sourceEventId),
  number: Number(i.number),
  period: String(i.period),
  entries: (i.entries as unknown[]).map((e) => ledgerEntrySchema.parse(e) as LedgerEntry),
  credit: creditOfItem(i.credit),
  totalMinor: Number(i.totalMinor),
  currency: String(i.currency),
  recordedAt: String(i.recordedAt),
});

/** A partner's postings whose source id starts with `prefix`, in key order (consistent, every page). */
async function postingsFrom(partnerId: string, prefix: string): Promise<Posting[]> {
  const out: Posting[] = [];
  for await (const page of queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': partnerPk(partnerId), ':p': `POSTING#${prefix}` },
    ConsistentRead: true,
  }))
    out.push(...page.map(parsePosting));
  return out;
}

/** What of one source's entries under one programme is written for a partner, and the next posting's number. */
export async function recorded(
  partnerId: string,
  sourceEventId: string,
  programmeId: string,
): Promise<{ entryIds: Set<string>; credit: boolean; next: number }> {
  const postings = await postingsFrom(partnerId, `${sourceEventId}#${programmeId}#`);
  return {
    entryIds: new Set(postings.flatMap((p) => p.entries.map((e) => e.id))),
    credit: postings.some((p) => p.credit !== null),
    next: postings.reduce((n, p) => Math.max(n, p.number + 1), 0),
  };
}

/**
 * A won deal's postings for a partner, under every programme: the DealWon's and its adjustments'
 * (their source ids are `<DealWon event>:v<version>`), in key order, the DealWon's first.
 */
export async function postingsOfDeal(partnerId: string, dealEventId: string): Promise<Posting[]> {
  const found = await postingsFrom(partnerId, dealEventId);
  return found.filter((p) => p.sourceEventId === dealEventId || p.sourceEventId.startsWith(`${dealEventId}:`));
}

/** The entries of a deal's postings under a programme. */
export const entriesOf = (postings: readonly Posting[], programmeId: string): LedgerEntry[] =>
  postings.filter((p) => p.programmeId === programmeId).flatMap((p) => p.entries);

/**
 * A deal's credits for a partner under a programme, netted: the DealWon's and those of its
 * adjustments, with the period, share and version of the first. Undefined when there is none.
 */
export function netCredit(postings: readonly Posting[], programmeId: string, dealEventId: string): (Credit & { programmeVersion: number }) | undefined {
  let net: (Credit & { programmeVersion: number }) | undefined;
  for (const p of postings) {
    if (p.programmeId !== programmeId || !p.credit) continue;
    net = net
      ? { ...net, revenueMinor: net.revenueMinor + p.credit.revenueMinor }
      : { ...p.credit, sourceEventId: dealEventId, programmeVersion: p.programmeVersion };
  }
  return net;
}

export interface LedgerLine extends LedgerEntry {
  recordedAt: string;
  /** The running balance in the entry's currency after it. */
  balanceMinor: number;
}

/** The partner's balance per currency from the postings of the period recorded before `gsi2sk`. */
async function balancesBefore(partnerId: string, period: string, gsi2sk: string): Promise<Map<string, number>> {
  const balances = new Map<string, number>();
  for await (const page of queryAll({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :sk',
    ExpressionAttributeValues: { ':pk': ledgerPartition(partnerId, period), ':sk': gsi2sk },
    ProjectionExpression: 'totalMinor, currency',
  }))
    for (const i of page) balances.set(String(i.currency), (balances.get(String(i.currency)) ?? 0) + Number(i.totalMinor));
  return balances;
}

/** A ledger page's position: the posting it starts at, and how many of that posting's entries the pages before showed. */
const ledgerPosition = z.object({ at: z.string().check(z.minLength(1)), skip: z.int().check(z.gte(0)) });

/**
 * A partner's entries in a period, in the order they were recorded, each with the running
 * balance (the index is eventually consistent: an entry recorded a moment ago may show a moment
 * later). A page may end inside a posting; the next starts from the sum of what came before it.
 */
export async function partnerLedger(partnerId: string, period: string, limit: number, cursor: string | undefined): Promise<Page<LedgerLine>> {
  const scope = `incentives:ledger:${partnerId}:${period}`;
  const decoded = decodeCursor(cursor, scope);
  let from: z.infer<typeof ledgerPosition> | undefined;
  if (decoded) {
    const parsed = ledgerPosition.safeParse(decoded);
    if (!parsed.success) throw invalidCursor();
    from = parsed.data;
  }
  const balances = from ? await balancesBefore(partnerId, period, from.at) : new Map<string, number>();
  const items: LedgerLine[] = [];
  let startKey: Record<string, unknown> | undefined;
  for (let skip = from?.skip ?? 0; ; skip = 0) {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi2',
        KeyConditionExpression: from ? 'gsi2pk = :pk AND gsi2sk >= :at' : 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': ledgerPartition(partnerId, period), ...(from ? { ':at': from.at } : {}) },
        ScanIndexForward: true,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const found = res.Items ?? [];
    for (const [n, item] of found.entries()) {
      const posting = parsePosting(item);
      const lines = posting.entries;
      for (const [i, entry] of lines.entries()) {
        const balanceMinor = (balances.get(entry.currency) ?? 0) + entry.amountMinor;
        balances.set(entry.currency, balanceMinor);
        // Shown on an earlier page: in the balance only.
        if (n === 0 && i < skip) continue;
        items.push({ ...entry, recordedAt: posting.recordedAt, balanceMinor });
        if (items.length === limit) {
          const more = i < lines.length - 1 || n < found.length - 1 || res.LastEvaluatedKey !== undefined;
          return { items, nextCursor: more ? encodeCursor({ at: String(item.gsi2sk), skip: i + 1 }, scope) : null };
        }
      }
    }
    startKey = res.LastEvaluatedKey;
    if (!startKey) return { items, nextCursor: null };
  }
}
