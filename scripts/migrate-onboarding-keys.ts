/**
 * Moves onboarding's items of a table written by release 0.1 to the keys of this release
 * (docs/data-model.md, "Upgrading from 0.1"), so that each context's IAM can be limited to its own
 * partition-key prefixes (`dynamodb:LeadingKeys`):
 *   onboarding settings  PROGRAMME / ONBOARDING                →  ONBOARDING#SETTINGS / SETTINGS
 *   agreement            PROGRAMME / AGREEMENT#<version>       →  ONBOARDING#AGREEMENTS / AGREEMENT#<version>
 *   agreement offer      PARTNER#<id> / AGREEMENT#<agr_id>     →  ONBOARDING#<id> / OFFER#<agr_id>
 *   checklist            PARTNER#<id> / ONBOARDING#CHECKLIST   →  ONBOARDING#<id> / CHECKLIST
 * It finds the old items with one Scan filtered on `kind` (a one-off migration, never a request
 * path). Each item moves in one transaction: a Put at the new key if nothing is there
 * (`attribute_not_exists(pk)`) and a Delete of the old item if it is still the version read
 * (agreements, which never change, if it is still the same agreement). So an item is never in
 * both places nor lost, whatever fails or runs concurrently.
 *
 * Idempotent: a second run finds no old item and changes nothing. An old item whose new key is
 * taken is deleted only if the new item is the same record (an identical copy); otherwise both
 * are left as they are and reported as a conflict for a person to settle. An old item changed by
 * a writer still on the previous release between the read and the move is read again and moved.
 *
 *   TABLE_NAME=Channelbase-prod-Table… npm run migrate:onboarding-keys -- [--dry-run]
 * `--dry-run` only prints what it would do. Locally, DYNAMODB_ENDPOINT and TABLE_NAME are the
 * DynamoDB endpoint and table that `npm start` prints.
 */
import { isDeepStrictEqual } from 'node:util';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { SETTINGS_KEY, agreementKey, checklistKey, offerKey } from '../functions/onboarding/repository.ts';
import { runIfMain, tableClientFromEnv } from './cli.ts';

export interface Key {
  pk: string;
  sk: string;
}

/** The `kind` of each item that moved, as 0.1 wrote it (this release writes the same). */
export const MOVED_KINDS = ['onboarding-settings', 'agreement', 'agreement-offer', 'onboarding-checklist'] as const;
export type MovedKind = (typeof MOVED_KINDS)[number];

export type Outcome =
  /** Moved: the item is at its new key, the old one is gone. */
  | 'moved'
  /** The new key already held the same record: the old copy was deleted. */
  | 'copy-removed'
  /** Dry run: would be moved (or, `copy-removed`, its old copy deleted). */
  | 'would-move'
  | 'would-remove-copy'
  /** The new key holds a different record: nothing was changed. */
  | 'conflict'
  /** The old item disappeared while the migration ran. */
  | 'gone';

export interface Move {
  kind: MovedKind;
  from: Key;
  to: Key;
  outcome: Outcome;
}

export interface MigrateOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Read only: report what would be done. */
  dryRun?: boolean;
  /** Tries per item when a writer on the previous release keeps changing it. */
  maxAttempts?: number;
}

export interface MigrateResult {
  /** Old-layout items found. */
  found: number;
  moves: Move[];
  conflicts: Move[];
}

const PARTNER_PREFIX = 'PARTNER#';

/** The new key of an old-layout item, or undefined if the item is not one (e.g. already at a new key). */
export function newKeyOf(kind: string, from: Key): Key | undefined {
  const partnerId = from.pk.startsWith(PARTNER_PREFIX) ? from.pk.slice(PARTNER_PREFIX.length) : undefined;
  if (kind === 'onboarding-settings' && from.pk === 'PROGRAMME' && from.sk === 'ONBOARDING') return SETTINGS_KEY;
  if (kind === 'agreement' && from.pk === 'PROGRAMME' && /^AGREEMENT#\d+$/.test(from.sk)) return agreementKey(Number(from.sk.slice('AGREEMENT#'.length)));
  if (kind === 'agreement-offer' && partnerId && from.sk.startsWith('AGREEMENT#')) return offerKey(partnerId, from.sk.slice('AGREEMENT#'.length));
  if (kind === 'onboarding-checklist' && partnerId && from.sk === 'ONBOARDING#CHECKLIST') return checklistKey(partnerId);
  return undefined;
}

async function scanOldItems(client: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const kinds = Object.fromEntries(MOVED_KINDS.map((k, i) => [`:k${i}`, k]));
  let start: Record<string, unknown> | undefined;
  do {
    const res = await client.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        FilterExpression: `#kind IN (${Object.keys(kinds).join(', ')}) AND (pk = :programme OR begins_with(pk, :partner))`,
        ExpressionAttributeNames: { '#kind': 'kind' },
        ExpressionAttributeValues: { ...kinds, ':programme': 'PROGRAMME', ':partner': PARTNER_PREFIX },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
}

const keyOf = (item: Record<string, unknown>): Key => ({ pk: String(item.pk), sk: String(item.sk) });
const withoutKey = ({ pk: _pk, sk: _sk, ...rest }: Record<string, unknown>) => rest;

/** The old item is still what was read: the same version (agreements have none and never change: the same agreement). */
function unchanged(item: Record<string, unknown>): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  return typeof item.version === 'number'
    ? { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': item.version } }
    : {
        ConditionExpression: 'attribute_not_exists(#v) AND #id = :id',
        ExpressionAttributeNames: { '#v': 'version', '#id': 'id' },
        ExpressionAttributeValues: { ':id': item.id },
      };
}

async function read(client: DynamoDBDocumentClient, tableName: string, key: Key) {
  return (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
}

async function moveOne(options: Required<MigrateOptions>, kind: MovedKind, first: Record<string, unknown>, to: Key): Promise<Outcome> {
  const { client, tableName, dryRun, maxAttempts } = options;
  const from = keyOf(first);
  let old: Record<string, unknown> | undefined = first;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (!old) return 'gone';
    const existing = await read(client, tableName, to);
    if (existing) {
      if (!isDeepStrictEqual(withoutKey(existing), withoutKey(old))) return 'conflict';
      if (dryRun) return 'would-remove-copy';
      try {
        await client.send(new DeleteCommand({ TableName: tableName, Key: from, ...unchanged(old) }));
        return 'copy-removed';
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
    } else {
      if (dryRun) return 'would-move';
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: { ...old, ...to }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Delete: { TableName: tableName, Key: from, ...unchanged(old) } },
            ],
          }),
        );
        return 'moved';
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
      }
    }
    // The new key was taken, or the old item changed, since it was read: read it again.
    old = await read(client, tableName, from);
  }
  throw new Error(`${from.pk} / ${from.sk} kept changing during ${maxAttempts} attempts; run the migration again`);
}

export async function migrateOnboardingKeys({ client, tableName, dryRun = false, maxAttempts = 5 }: MigrateOptions): Promise<MigrateResult> {
  const options = { client, tableName, dryRun, maxAttempts };
  const moves: Move[] = [];
  for (const item of await scanOldItems(client, tableName)) {
    const kind = item.kind as MovedKind;
    const from = keyOf(item);
    const to = newKeyOf(kind, from);
    if (!to) continue;
    moves.push({ kind, from, to, outcome: await moveOne(options, kind, item, to) });
  }
  return { found: moves.length, moves, conflicts: moves.filter((m) => m.outcome === 'conflict') };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error('Set TABLE_NAME');
  const { raw, client } = tableClientFromEnv();
  try {
    const result = await migrateOnboardingKeys({ client, tableName, dryRun });
    const show = (k: Key) => `${k.pk} / ${k.sk}`;
    for (const m of result.moves) console.log(`${m.outcome.padEnd(17)} ${m.kind.padEnd(20)} ${show(m.from)}  →  ${show(m.to)}`);
    const count = (o: Outcome) => result.moves.filter((m) => m.outcome === o).length;
    console.log(
      dryRun
        ? `\nDry run: ${result.found} old-layout item(s); would move ${count('would-move')}, would delete ${count('would-remove-copy')} old copies; ${result.conflicts.length} conflict(s). Nothing was written.`
        : `\n${result.found} old-layout item(s): ${count('moved')} moved, ${count('copy-removed')} old copies deleted, ${count('gone')} gone meanwhile, ${result.conflicts.length} conflict(s).`,
    );
    if (result.conflicts.length > 0) {
      console.log('A conflict is an old item whose new key holds a different record: compare the two, keep one, delete the other, and run again.');
      process.exitCode = 2;
    }
  } finally {
    raw.destroy();
  }
}

runIfMain(import.meta.url, main);
