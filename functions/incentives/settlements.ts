import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, PreconditionFailedError } from '@channelbase/core';
import {
  type Credit,
  type LedgerEntry,
  type Payout,
  type SettlementRun,
  type Statement,
  payoutSchema,
  settlementRunSchema,
  statementSchema,
} from '@channelbase/core/incentives';
import { type Page, type Write, commit, dynamo, queryAll, queryPages, tableName, versionedPut } from '@channelbase/platform';
import {
  AlreadyRecordedError,
  closedPeriodKey,
  get,
  parsePosting,
  PERIOD_SHARDS,
  partnerPeriodPartition,
  partnerPk,
  periodPartition,
  postingWrites,
  programmePk,
  withoutKeys,
} from './repository.ts';

/**
 * Settlement's keys (docs/data-model.md):
 *   run claim     pk INCENTIVE#PRG#<prg>       sk RUN#<period>        (one run per programme and period)
 *   run           pk INCENTIVE#RUN#<stl>       sk RUN                 gsi1 INCENTIVE#RUNS / <startedAt>#<stl>
 *   statement     pk INCENTIVE#PARTNER#<ptr>   sk STMT#<prg>#<period> gsi1 INCENTIVE#RUN#<stl> / <ptr>; gsi2 INCENTIVE#STMTS#<ptr> / <period>#<prg>
 *   carry         pk INCENTIVE#PARTNER#<ptr>   sk CARRY#<prg>#<period>  gsi1 INCENTIVE#PP#<prg>#<period>#<shard> / <ptr>#K   (carried into <period>)
 *   payout        pk INCENTIVE#PARTNER#<ptr>   sk PAYOUT#<stl>        gsi1 INCENTIVE#PAYOUTS#<stl> / <ptr>
 * Statements, carries and payouts are put once (attribute_not_exists) and never changed, except
 * that finance records a payout's payment once (`status` paid, `paymentReference`, `paidAt`).
 */
const RUNS = 'INCENTIVE#RUNS';
const runKey = (id: string) => ({ pk: `INCENTIVE#RUN#${id}`, sk: 'RUN' });
const runClaimKey = (programmeId: string, period: string) => ({ pk: programmePk(programmeId), sk: `RUN#${period}` });
const statementKey = (partnerId: string, programmeId: string, period: string) => ({ pk: partnerPk(partnerId), sk: `STMT#${programmeId}#${period}` });
const payoutKey = (partnerId: string, runId: string) => ({ pk: partnerPk(partnerId), sk: `PAYOUT#${runId}` });

const parseRun = (item: Record<string, unknown>): SettlementRun => settlementRunSchema.parse(withoutKeys(item)) as SettlementRun;
/** A stored statement; whether it is approved is its run's (the item never changes). */
const parseStatement = (item: Record<string, unknown>): StoredStatement =>
  statementSchema.parse({ ...withoutKeys(item), status: 'draft' }) as unknown as StoredStatement;
const parsePayout = (item: Record<string, unknown>): Payout => payoutSchema.parse(withoutKeys(item));

// Runs

/** The run already claimed for a programme and period, if any. */
export async function runOf(programmeId: string, period: string): Promise<SettlementRun | undefined> {
  const claim = await get(runClaimKey(programmeId, period));
  return claim ? getRun(String(claim.runId)) : undefined;
}

/** The writes of a new run: the claim of its programme and period (the first start wins) and the run. */
export function putNewRun(run: SettlementRun): Write[] {
  return [
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...runClaimKey(run.programmeId, run.period), kind: 'incentive-run-claim', runId: run.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new ConflictError('A run of this programme and period started meanwhile'),
    },
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...runKey(run.id), kind: 'incentive-run', ...run, gsi1pk: RUNS, gsi1sk: `${run.startedAt}#${run.id}` },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
  ];
}

/** A run's next state, conditioned on the version read. */
export const putRun = (run: SettlementRun): Write =>
  versionedPut({ ...runKey(run.id), kind: 'incentive-run', ...run, gsi1pk: RUNS, gsi1sk: `${run.startedAt}#${run.id}` }, run.version - 1, 'settlement');

export async function getRun(id: string): Promise<SettlementRun> {
  const item = await get(runKey(id));
  if (!item) throw new NotFoundError('Settlement not found');
  return parseRun(item);
}

export const listRuns = (limit: number, cursor: string | undefined): Promise<Page<SettlementRun>> =>
  queryPages(
    { TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': RUNS }, ScanIndexForward: false },
    limit,
    `incentives:${RUNS}`,
    cursor,
    parseRun,
    (item) => ({ pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk }),
  );

/** Whether anything was accrued into a period of a programme (one item in any shard is enough; the shards are asked at once). */
export async function periodHasActivity(programmeId: string, period: string): Promise<boolean> {
  const answers = await Promise.all(
    Array.from({ length: PERIOD_SHARDS }, async (_, shard) => {
      const { Items = [] } = await dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': periodPartition(programmeId, period, shard) },
          Limit: 1,
        }),
      );
      return Items.length > 0;
    }),
  );
  return answers.includes(true);
}

/** Closes a period: from now on every ledger write into it fails its condition and moves on to the next open period. */
export async function closePeriod(programmeId: string, period: string, runId: string, at: string): Promise<void> {
  try {
    await commit([
      {
        item: {
          Put: {
            TableName: tableName(),
            Item: { ...closedPeriodKey(programmeId, period), kind: 'incentive-closed-period', runId, closedAt: at },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new AlreadyRecordedError(),
      },
    ]);
  } catch (err) {
    if (!(err instanceof AlreadyRecordedError)) throw err;
  }
}

// The period's ledger, partner by partner

/** One partner's items of a period: its accrual and reversal entries, its credits, what was carried in. */
export interface PartnerPeriod {
  partnerId: string;
  entries: LedgerEntry[];
  credits: Credit[];
  carriedInMinor: number;
}

const partnerOfSortKey = (gsi1sk: string) => gsi1sk.slice(0, gsi1sk.indexOf('#'));

/**
 * Streams one shard of a closed period's items partner by partner, in partner id order, after
 * `after` (a partner id; '' for the start). Only one partner's items are in memory at a time. The
 * period-end entries settlement itself writes are left out, so a resumed run reads the same
 * inputs as the first.
 */
export async function* partnersOfPeriod(programmeId: string, period: string, shard: number, after: string): AsyncGenerator<PartnerPeriod> {
  let current: PartnerPeriod | undefined;
  for await (const page of queryAll({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: after ? 'gsi1pk = :pk AND gsi1sk > :after' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': periodPartition(programmeId, period, shard), ...(after ? { ':after': `${after}#~` } : {}) },
  })) {
    for (const item of page) {
      const partnerId = partnerOfSortKey(String(item.gsi1sk));
      if (current && current.partnerId !== partnerId) yield current;
      if (!current || current.partnerId !== partnerId) current = { partnerId, entries: [], credits: [], carriedInMinor: 0 };
      if (item.kind === 'incentive-posting') {
        const posting = parsePosting(item);
        for (const entry of posting.entries)
          if (entry.kind === 'accrual' || entry.kind === 'reversal' || entry.kind === 'adjustment') current.entries.push(entry);
        if (posting.credit) current.credits.push(posting.credit);
      } else if (item.kind === 'incentive-carry') current.carriedInMinor += Number(item.amountMinor);
    }
  }
  if (current) yield current;
}

// Statements

export interface StoredStatement extends Statement {
  runId: string;
}

/** A partner's statement of a programme and period, if written. */
export async function getStatement(partnerId: string, programmeId: string, period: string): Promise<StoredStatement | undefined> {
  const item = await get(statementKey(partnerId, programmeId, period));
  return item ? parseStatement(item) : undefined;
}

/**
 * Writes a partner's statement with its period-end entries and what it carries into the next
 * period, in one transaction, once: a resumed run finds it there (AlreadyRecordedError) and
 * reads it instead of writing it again.
 */
export async function putStatement(s: StoredStatement, nextPeriod: string, at: string): Promise<void> {
  const writes: Write[] = [
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: {
            ...statementKey(s.partnerId, s.programmeId, s.period),
            kind: 'incentive-statement',
            ...s,
            recordedAt: at,
            gsi1pk: `INCENTIVE#RUN#${s.runId}`,
            gsi1sk: s.partnerId,
            gsi2pk: `INCENTIVE#STMTS#${s.partnerId}`,
            gsi2sk: `${s.period}#${s.programmeId}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new AlreadyRecordedError(),
    },
    ...(s.periodEndEntries.length === 0
      ? []
      : postingWrites({
          partnerId: s.partnerId,
          programmeId: s.programmeId,
          programmeVersion: s.programmeVersion,
          sourceEventId: s.runId,
          first: 0,
          period: s.period,
          entries: s.periodEndEntries,
          credit: undefined,
          currency: s.currency,
          recordedAt: at,
        })),
  ];
  if (s.carriedOutMinor !== 0)
    writes.push({
      item: {
        Put: {
          TableName: tableName(),
          Item: {
            pk: partnerPk(s.partnerId),
            sk: `CARRY#${s.programmeId}#${nextPeriod}`,
            kind: 'incentive-carry',
            partnerId: s.partnerId,
            programmeId: s.programmeId,
            fromPeriod: s.period,
            period: nextPeriod,
            amountMinor: s.carriedOutMinor,
            runId: s.runId,
            gsi1pk: partnerPeriodPartition(s.programmeId, nextPeriod, s.partnerId),
            gsi1sk: `${s.partnerId}#K`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () => new AlreadyRecordedError(),
    });
  await commit(writes);
}

/** A run's statements, in partner order (the index is eventually consistent). */
export function runStatements(runId: string, limit: number, cursor: string | undefined): Promise<Page<StoredStatement>> {
  return queryPages(
    {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `INCENTIVE#RUN#${runId}` },
    },
    limit,
    `incentives:run:${runId}`,
    cursor,
    parseStatement,
    (item) => ({ pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk }),
  );
}

/** A partner's statements, newest period first. */
export function partnerStatements(partnerId: string, limit: number, cursor: string | undefined): Promise<Page<StoredStatement>> {
  return queryPages(
    {
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': `INCENTIVE#STMTS#${partnerId}` },
      ScanIndexForward: false,
    },
    limit,
    `incentives:statements:${partnerId}`,
    cursor,
    parseStatement,
    (item) => ({ pk: item.pk, sk: item.sk, gsi2pk: item.gsi2pk, gsi2sk: item.gsi2sk }),
  );
}

// Payouts

const payoutItem = (p: Payout) => ({
  ...payoutKey(p.partnerId, p.runId),
  kind: 'incentive-payout',
  ...p,
  gsi1pk: `INCENTIVE#PAYOUTS#${p.runId}`,
  gsi1sk: p.partnerId,
});

/** The writes of a payout, once (a redelivered step finds it there). */
export const putNewPayout = (p: Payout): Write => ({
  item: { Put: { TableName: tableName(), Item: payoutItem(p), ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => new AlreadyRecordedError(),
});

/** A partner's payout of a run (404 if the partner has none in it: nothing to pay, or not approved yet). */
export async function getPayout(runId: string, partnerId: string): Promise<Payout> {
  const item = await get(payoutKey(partnerId, runId));
  if (!item) throw new NotFoundError(`No payout for partner ${partnerId} in settlement ${runId}`);
  return parsePayout(item);
}

/** The write of a payout's payment: only over the payable payout (a concurrent payment of it fails the condition). */
export const putPaid = (paid: Payout): Write => ({
  item: {
    Put: {
      TableName: tableName(),
      Item: payoutItem(paid),
      ConditionExpression: '#status = :payable',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':payable': 'payable' },
    },
  },
  onConditionFailed: () => new PreconditionFailedError('The payout was recorded as paid meanwhile'),
});

/** Every payout of a run, in partner order, a page at a time. */
export async function* payoutsOf(runId: string): AsyncGenerator<Payout[]> {
  for await (const page of queryAll({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': `INCENTIVE#PAYOUTS#${runId}` },
  }))
    yield page.map(parsePayout);
}

/** A run's statements, all of them, a page at a time (for the payout step). */
export async function* statementsOf(runId: string, after: string): AsyncGenerator<StoredStatement[]> {
  for await (const page of queryAll({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: after ? 'gsi1pk = :pk AND gsi1sk > :after' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': `INCENTIVE#RUN#${runId}`, ...(after ? { ':after': after } : {}) },
  }))
    yield page.map(parseStatement);
}
