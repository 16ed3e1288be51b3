import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventCatalog } from '@channelbase/core/catalog';
import { partnerEvents } from '@channelbase/core/partners';
import { renderArtifacts } from '../../scripts/artifacts.ts';

const root = join(import.meta.dirname, '../..');
const artifacts = renderArtifacts();

describe('documents generated from the code are committed and current', () => {
  // Keeps the promise that openapi.json and events/ describe the code as it is: run `npm run generate`.
  it.each(Object.keys(artifacts))('%s matches what the code generates', (path) => {
    let committed = '';
    try {
      committed = readFileSync(join(root, path), 'utf8');
    } catch {
      committed = '(missing)';
    }
    expect(committed, `${path} is stale: run npm run generate`).toBe(artifacts[path]);
  });

  it('catalogues every event type a context declares', () => {
    const catalogued = new Set(eventCatalog.map((e) => e.event.detailType));
    for (const event of partnerEvents) expect(catalogued, event.detailType).toContain(event.detailType);
  });

  it('gives every catalogued event an example that its own schema accepts', () => {
    for (const { event } of eventCatalog) {
      const example = JSON.parse(artifacts[`events/${event.context}/${event.detailType}.example.json`]!);
      expect(example.source).toBe(event.source);
      expect(example['detail-type']).toBe(event.detailType);
      expect(event.detail.safeParse(example.detail).success).toBe(true);
    }
  });

  it('resolves every $ref of an event schema inside its own document', () => {
    for (const [path, content] of Object.entries(artifacts).filter(([p]) => p.endsWith('.schema.json'))) {
      const schema = JSON.parse(content) as Record<string, unknown>;
      for (const [, pointer] of content.matchAll(/"\$ref": "#\/([^"]*)"/g)) {
        const target = (pointer as string).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], schema);
        expect(target, `${path}: #/${pointer}`).toBeDefined();
      }
    }
  });

  it('documents every route with the roles it admits', () => {
    const doc = JSON.parse(artifacts['openapi.json']!);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/partners/{id}'].patch['x-channelbase-roles']).toEqual(['vendor-admin', 'channel-manager', 'partner-admin']);
    expect(doc.paths['/partners/{id}'].patch.parameters.map((p: { name: string }) => p.name)).toContain('If-Match');
    expect(doc.paths['/partners'].post.responses['422']).toBeDefined();
  });
});
