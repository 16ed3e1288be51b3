/**
 * The committed baseline of the event contracts (events/baseline/<source>/<DetailType>.v<N>.json)
 * and the declared retirements (events/retired.json). `npm run events:baseline` records the
 * current contracts: new event types and versions, and compatible changes of a recorded version.
 * It refuses a breaking change of a recorded version: declare a new version instead (see
 * scripts/event-contracts.ts). It never deletes a recorded version.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from '@channelbase/core/kernel/zod';
import { currentContracts } from './artifacts.ts';
import { BREAKING, type EventContract, type Retirement, checkContracts, compareShapes, parseRetirements } from './event-contracts.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BASELINE_DIR = 'events/baseline';
export const RETIRED_FILE = 'events/retired.json';

export const contractPath = (c: Pick<EventContract, 'source' | 'detailType' | 'version'>) => `${BASELINE_DIR}/${c.source}/${c.detailType}.v${c.version}.json`;

/** One field a line, so that a review sees each field that changed. */
export function renderContract(c: EventContract): string {
  const fields = Object.entries(c.fields).map(([path, field]) => `    ${JSON.stringify(path)}: ${JSON.stringify(field)}`);
  return `{\n  "source": ${JSON.stringify(c.source)},\n  "detailType": ${JSON.stringify(c.detailType)},\n  "version": ${c.version},\n  "fields": {\n${fields.join(',\n')}\n  }\n}\n`;
}

const fieldSchema = z.object({
  type: z.array(z.string()),
  required: z.boolean(),
  enum: z.optional(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
const contractSchema = z.object({
  source: z.string(),
  detailType: z.string(),
  version: z.number().check(z.int(), z.minimum(1)),
  fields: z.record(z.string(), fieldSchema),
});
/** Every recorded version of every event type. */
export function readBaseline(root = REPO): EventContract[] {
  const dir = join(root, BASELINE_DIR);
  let sources: string[];
  try {
    sources = readdirSync(dir);
  } catch {
    return [];
  }
  return sources.flatMap((source) =>
    readdirSync(join(dir, source))
      .filter((f) => f.endsWith('.json'))
      .map((f) => {
        const c = contractSchema.parse(JSON.parse(readFileSync(join(dir, source, f), 'utf8')));
        const expected = contractPath(c);
        if (`${BASELINE_DIR}/${source}/${f}` !== expected) throw new Error(`${BASELINE_DIR}/${source}/${f} holds ${expected}`);
        return c;
      }),
  );
}

export function readRetirements(root = REPO): Retirement[] {
  return parseRetirements(JSON.parse(readFileSync(join(root, RETIRED_FILE), 'utf8')));
}

function main(): void {
  const baseline = readBaseline();
  const current = currentContracts();
  const refused: string[] = [];
  let written = 0;
  for (const c of current) {
    const recorded = baseline.find((b) => b.source === c.source && b.detailType === c.detailType && b.version === c.version);
    if (recorded) {
      const breaking = compareShapes(`${c.source} ${c.detailType} v${c.version}`, recorded.fields, c.fields);
      if (breaking.length) {
        refused.push(...breaking.map((p) => p.message));
        continue;
      }
    }
    const file = join(REPO, contractPath(c));
    const content = renderContract(c);
    let existing: string | undefined;
    try {
      existing = readFileSync(file, 'utf8');
    } catch {
      existing = undefined;
    }
    if (existing === content) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    written++;
    console.log(`wrote ${contractPath(c)}`);
  }
  console.log(written ? `${written} contract(s) recorded` : 'the baseline is up to date');
  // What is left once this run's recordings are in: removals without a retirement, bad retirements.
  const left = checkContracts(readBaseline(), current, readRetirements()).filter((p) => p.kind !== 'not-recorded' && p.kind !== 'baseline-stale');
  const unrecorded = left.filter((p) => BREAKING.has(p.kind) || p.kind === 'retirement-invalid');
  if (refused.length || unrecorded.length) {
    console.error('\nNot recorded: breaking changes need a new event version (defineEvent(..., { version: N + 1 })) or a retirement in events/retired.json:');
    for (const m of [...refused, ...unrecorded.map((p) => p.message)]) console.error(`  - ${m}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
