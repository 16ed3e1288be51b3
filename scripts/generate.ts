/**
 * Generates the documents that describe the code: openapi.json, the event catalogue in events/
 * and the typed client's types. `npm run generate` writes them; the contract tests fail when they are stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderArtifacts } from './artifacts.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let changed = 0;
for (const [path, content] of Object.entries(await renderArtifacts())) {
  const file = join(root, path);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  changed++;
  console.log(`wrote ${path}`);
}
console.log(changed ? `${changed} file(s) updated` : 'all generated files are up to date');
