import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
import { type Committer, type Page, type Write, commit, dynamo, getMany, queryAll, queryPages, sortKey, tableName } from '@channelbase/platform';

/**
 * The incentives context's keys in the single table (docs/data-model.md lists each pattern):
 *   programme       pk INCENTIVE#PRG#<prg>        sk CURRENT            gsi1 INCENTIVE#PROGRAMMES / <createdAt>#<prg>
 *   version         pk INCENTIVE#PRG#<prg>        sk V#<000001>         (every version, never changed)
 *   versions stamp  pk INCENTIVE#PROGRAMMES       sk STAMP              (how many versions were saved, all programmes)
 *   closed period   pk INCENTIVE#PRG#<prg>        sk PERIOD#<period>    (written by settlement; nothing accrues into it after)
 *   deal            pk INCENTIVE#DEAL#<deal>      sk DEAL               (the facts of the first DealWon, the first DealWonReversed)
 *   ineligible      pk INCENTIVE#DEAL#<deal>      sk INELIGIBLE#<prg>#<ptr>  (why a partner earned nothing under a programme)
 *   standing        pk INCENTIVE#PARTNER#<ptr>    sk STANDING | ACCR#<key>  (what partners' and training's events say)
 *   entry           pk INCENTIVE#PARTNER#<ptr>    sk ENTRY#<entryId>    gsi1 INCENTIVE#PP#<prg>#<period>#<shard> / <ptr>#E#<entryId>
 *                                                                       gsi2 INCENTIVE#LEDGER#<ptr>#<period> / <recordedAt>#<entryId>
 *   credit          pk INCENTIVE#PARTNER#<ptr>    sk CREDIT#<prg>#<event>  gsi1 INCENTIVE#PP#<prg>#<period>#<shard> / <ptr>#C#<event>
 * The entry's key holds no period, so an entry id exists once whichever period it landed in.
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
const entryKey = (partnerId: string, entryId: string) => ({ pk: partnerPk(partnerId), sk: sortKey('ENTRY#', entryId) });

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

/** At most this many entries per transaction (100 items: the guards, the period check, the credit and the event besides). */
export const ENTRIES_PER_TRANSACTION = 90;

export const entryItem = (e: LedgerEntry, recordedAt: string) => ({
  ...entryKey(e.partnerId, e.id),
  ...e,
  kind: 'incentive-entry',
  entryKind: e.kind,
  recordedAt,
  gsi1pk: partnerPeriodPartition(e.programmeId, e.period, e.partnerId),
  gsi1sk: sortKey(`${e.partnerId}#E#`, e.id),
  gsi2pk: ledgerPartition(e.partnerId, e.period),
  gsi2sk: sortKey(`${recordedAt}#`, e.id),
});

/**
 * Appends one partner's entries for one deal and programme (and its credit) into `period`, with
 * their event, in one transaction: only while settlement has not closed the period
 * (PeriodClosedError), and only once (AlreadyRecordedError: the first entry exists). `commitWith`
 * is the consumer batch's committer, which may share the transaction with other deals' entries.
 */
export async function appendEntries(
  programme: { id: string; version: number },
  period: string,
  entries: readonly LedgerEntry[],
  credit: Credit | undefined,
  event: DomainEvent | undefined,
  recordedAt: string,
  guards: Write[] = [],
  commitWith: Committer = commit,
): Promise<void> {
  const writes: Write[] = [
    ...guards,
    {
      item: { ConditionCheck: { TableName: tableName(), Key: closedPeriodKey(programme.id, period), ConditionExpression: 'attribute_not_exists(pk)' } },
      onConditionFailed: () => new PeriodClosedError(),
    },
  ];
  for (const e of entries)
    writes.push({
      item: { Put: { TableName: tableName(), Item: entryItem(e, recordedAt), ConditionExpression: 'attribute_not_exists(pk)' } },
      onConditionFailed: () => new AlreadyRecordedError(),
    });
  if (credit)
    writes.push({
      item: {
        Put: {
          TableName: tableName(),
          Item: {
            pk: partnerPk(credit.partnerId),
            sk: sortKey(`CREDIT#${programme.id}#`, credit.sourceEventId),
            kind: 'incentive-credit',
            programmeId: programme.id,
            programmeVersion: programme.version,
            ...credit,
            recordedAt,
            gsi1pk: partnerPeriodPartition(programme.id, credit.period, credit.partnerId),
            gsi1sk: sortKey(`${credit.partnerId}#C#`, credit.sourceEventId),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new AlreadyRecordedError(),
    });
  await commitWith(writes, event ? [event] : []);
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

export const parseEntry = (i: Record<string, unknown>): LedgerEntry => ledgerEntrySchema.parse({ ...i, kind: i.entryKind }) as LedgerEntry;

/** A deal's accrual entries for a partner: those whose id starts with the DealWon's event id. */
export async function entriesOfEvent(partnerId: string, sourceEventId: string): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  for await (const page of queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': partnerPk(partnerId), ':p': `ENTRY#${sourceEventId}:` },
    ConsistentRead: true,
  }))
    out.push(...page.map((i) => parseEntry(i)));
  return out;
}

/** A deal's credits for a partner under a programme (the DealWon's). */
export async function creditOf(partnerId: string, programmeId: string, sourceEventId: string): Promise<(Credit & { programmeVersion: number }) | undefined> {
  const item = await get({ pk: partnerPk(partnerId), sk: sortKey(`CREDIT#${programmeId}#`, sourceEventId) });
  if (!item) return undefined;
  return {
    partnerId,
    period: String(item.period),
    dealId: String(item.dealId),
    sourceEventId,
    revenueMinor: Number(item.revenueMinor),
    shareBp: Number(item.shareBp),
    programmeVersion: Number(item.programmeVersion),
  };
}

/**
 * A deal's credits for a partner under a programme, netted: the DealWon's and those of its
 * adjustments (their source ids start with the DealWon's event id). Undefined when there is none.
 */
export async function netCreditOf(partnerId: string, programmeId: string, dealEventId: string): Promise<(Credit & { programmeVersion: number }) | undefined> {
  let net: (Credit & { programmeVersion: number }) | undefined;
  for await (const page of queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': partnerPk(partnerId), ':p': `CREDIT#${programmeId}#${dealEventId}` },
    ConsistentRead: true,
  }))
    for (const item of page) {
      const revenueMinor = Number(item.revenueMinor);
      net = net
        ? { ...net, revenueMinor: net.revenueMinor + revenueMinor }
        : {
            partnerId,
            period: String(item.period),
            dealId: String(item.dealId),
            sourceEventId: dealEventId,
            revenueMinor,
            shareBp: Number(item.shareBp),
            programmeVersion: Number(item.programmeVersion),
          };
    }
  return net;
}

export interface LedgerLine extends LedgerEntry {
  recordedAt: string;
  /** The running balance in the entry's currency after it. */
  balanceMinor: number;
}

/** The partner's balance per currency from the entries of the period recorded before `gsi2sk`. */
async function balancesBefore(partnerId: string, period: string, gsi2sk: string): Promise<Map<string, number>> {
  const balances = new Map<string, number>();
  for await (const page of queryAll({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :sk',
    ExpressionAttributeValues: { ':pk': ledgerPartition(partnerId, period), ':sk': gsi2sk },
    ProjectionExpression: 'amountMinor, currency',
  }))
    for (const i of page) balances.set(String(i.currency), (balances.get(String(i.currency)) ?? 0) + Number(i.amountMinor));
  return balances;
}

/**
 * A partner's entries in a period, in the order they were recorded, each with the running
 * balance (the index is eventually consistent: an entry recorded a moment ago may show a moment
 * later). A later page starts from the sum of the entries before it.
 */
export async function partnerLedger(partnerId: string, period: string, limit: number, cursor: string | undefined): Promise<Page<LedgerLine>> {
  const page = await queryPages(
    {
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': ledgerPartition(partnerId, period) },
      ScanIndexForward: true,
    },
    limit,
    `incentives:ledger:${partnerId}:${period}`,
    cursor,
    (i) => ({ entry: parseEntry(i), recordedAt: String(i.recordedAt), gsi2sk: String(i.gsi2sk) }),
    (item) => ({ pk: item.pk, sk: item.sk, gsi2pk: item.gsi2pk, gsi2sk: item.gsi2sk }),
  );
  const first = page.items[0];
  const balances = cursor && first ? await balancesBefore(partnerId, period, first.gsi2sk) : new Map<string, number>();
  const items = page.items.map(({ entry, recordedAt }) => {
    const balanceMinor = (balances.get(entry.currency) ?? 0) + entry.amountMinor;
    balances.set(entry.currency, balanceMinor);
    return { ...entry, recordedAt, balanceMinor };
  });
  return { items, nextCursor: page.nextCursor };
}
