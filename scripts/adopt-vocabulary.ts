/**
 * Adopts the programme vocabulary on a table that holds partners from before it existed
 * (docs/data-model.md, "Adopting the vocabulary"). Reads every partner once (a Scan: this is a
 * one-off migration, never a request path), rebuilds the usage counters of tiers and product
 * lines from what the partners hold, writes the adoption marker that the first PUT of a list
 * needs, and prints the keys in use with a PUT body for each list (names to be edited).
 *
 * Idempotent: a second run finds the same partners and writes the same counters. Exact under
 * concurrent partner writes: after writing the counters it reads the partners again, and if any
 * changed (or appeared) in between it does it all again (up to `maxRounds`).
 *
 *   TABLE_NAME=Channelbase-prod-Table… npm run migrate:vocabulary -- [--out <dir>]
 * Locally, DYNAMODB_ENDPOINT and TABLE_NAME are the DynamoDB endpoint and table that `npm start` prints.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { VOCABULARY_KINDS, type VocabularyItem, type VocabularyKind } from '@channelbase/core/partners';
import { ADOPTED_KEY, USAGE_PK, counterPrefix, listKey, usageKey } from '../functions/partners/vocabulary.ts';
import { runIfMain, tableClientFromEnv } from './cli.ts';

export interface AdoptOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Rounds of scan → counters → scan before giving up on a table whose partners keep changing. */
  maxRounds?: number;
  now?: () => Date;
}

export interface KeyUsage {
  key: string;
  partners: number;
  /** Whether the current list (if any) defines the key. */
  defined: boolean;
}

export interface AdoptResult {
  partners: number;
  rounds: number;
  usage: Record<VocabularyKind, KeyUsage[]>;
  /** A body for `PUT /programme/tiers` and `PUT /programme/product-lines`: the current list, then the keys in use it lacks (names suggested). */
  bodies: Record<VocabularyKind, { items: VocabularyItem[] }>;
}

interface Snapshot {
  versions: Map<string, number>;
  counts: Record<VocabularyKind, Map<string, number>>;
}

async function scanPartners(client: DynamoDBDocumentClient, tableName: string): Promise<Snapshot> {
  const snap: Snapshot = { versions: new Map(), counts: { tiers: new Map(), productLines: new Map() } };
  const add = (kind: VocabularyKind, key: string) => snap.counts[kind].set(key, (snap.counts[kind].get(key) ?? 0) + 1);
  let start: Record<string, unknown> | undefined;
  do {
    const res = await client.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        FilterExpression: 'begins_with(pk, :p) AND sk = :s',
        ProjectionExpression: '#id, #v, #t, #sp',
        ExpressionAttributeNames: { '#id': 'id', '#v': 'version', '#t': 'tier', '#sp': 'specialisations' },
        ExpressionAttributeValues: { ':p': 'PARTNER#', ':s': 'PROFILE' },
        ExclusiveStartKey: start,
      }),
    );
    for (const p of res.Items ?? []) {
      snap.versions.set(String(p.id), Number(p.version));
      if (typeof p.tier === 'string') add('tiers', p.tier);
      for (const s of new Set((p.specialisations as string[] | undefined) ?? [])) add('productLines', s);
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return snap;
}

async function existingCounters(client: DynamoDBDocumentClient, tableName: string, kind: VocabularyKind): Promise<string[]> {
  const keys: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': USAGE_PK, ':sk': counterPrefix(kind) },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    keys.push(...(res.Items ?? []).map((i) => String(i.key)));
    start = res.LastEvaluatedKey;
  } while (start);
  return keys;
}

const sameVersions = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([id, v]) => b.get(id) === v);

/** `cloud-security` → `Cloud Security`: a starting point for the vendor admin's names. */
const suggestName = (key: string) =>
  key
    .split('-')
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');

export async function adoptVocabulary({ client, tableName, maxRounds = 5, now = () => new Date() }: AdoptOptions): Promise<AdoptResult> {
  for (let round = 1; round <= maxRounds; round++) {
    const snap = await scanPartners(client, tableName);
    for (const kind of VOCABULARY_KINDS) {
      // Every counter gets its exact value; counters of keys no partner holds any more become 0.
      const keys = new Set([...snap.counts[kind].keys(), ...(await existingCounters(client, tableName, kind))]);
      for (const key of keys) {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...usageKey(kind, key), kind: 'vocabulary-usage', vocabulary: kind, key, count: snap.counts[kind].get(key) ?? 0 },
          }),
        );
      }
    }
    const again = await scanPartners(client, tableName);
    if (!sameVersions(snap.versions, again.versions)) continue;
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...ADOPTED_KEY, kind: 'vocabulary-adoption', adoptedAt: now().toISOString(), partners: snap.versions.size },
      }),
    );
    const usage = {} as AdoptResult['usage'];
    const bodies = {} as AdoptResult['bodies'];
    for (const kind of VOCABULARY_KINDS) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: listKey(kind), ConsistentRead: true }));
      const current = ((Item?.items as VocabularyItem[] | undefined) ?? []).map(({ key, name }) => ({ key, name }));
      const inUse = [...snap.counts[kind]].sort(([a], [b]) => a.localeCompare(b));
      usage[kind] = inUse.map(([key, partners]) => ({ key, partners, defined: current.some((i) => i.key === key) }));
      bodies[kind] = { items: [...current, ...usage[kind].filter((u) => !u.defined).map((u) => ({ key: u.key, name: suggestName(u.key) }))] };
    }
    return { partners: snap.versions.size, rounds: round, usage, bodies };
  }
  throw new Error(`Partners kept changing during ${maxRounds} rounds; run the migration again when fewer partner writes are in flight`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const tableName = option('--table') ?? process.env.TABLE_NAME;
  if (!tableName) throw new Error('Set TABLE_NAME (or pass --table <name>)');
  const { raw, client } = tableClientFromEnv();
  const result = await adoptVocabulary({ client, tableName });
  console.log(`Adopted the vocabulary: ${result.partners} partners read, counters rebuilt (${result.rounds} round${result.rounds === 1 ? '' : 's'}).`);
  for (const kind of VOCABULARY_KINDS) {
    console.log(`\n${kind === 'tiers' ? 'Tiers' : 'Product lines'} in use (key: partners):`);
    for (const u of result.usage[kind]) console.log(`  ${u.key}: ${u.partners}${u.defined ? '' : '   (not in the current list)'}`);
  }
  const out = option('--out');
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'tiers.json'), `${JSON.stringify(result.bodies.tiers, null, 2)}\n`);
    writeFileSync(join(out, 'product-lines.json'), `${JSON.stringify(result.bodies.productLines, null, 2)}\n`);
    console.log(`\nWrote ${join(out, 'tiers.json')} and ${join(out, 'product-lines.json')}: edit the names (and put the tiers highest first), then PUT them.`);
  } else {
    console.log('\nPUT bodies (edit the names, order tiers highest first):');
    console.log(JSON.stringify(result.bodies, null, 2));
  }
  raw.destroy();
}

runIfMain(import.meta.url, main);
