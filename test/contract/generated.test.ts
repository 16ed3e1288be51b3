import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EventDefinition } from '@channelbase/core';
import type { ContextWiring } from '@channelbase/platform';
import { renderArtifacts } from '../../scripts/artifacts.ts';
import { contexts, eventCatalog } from '../../functions/contexts.ts';

const root = join(import.meta.dirname, '../..');
const artifacts = await renderArtifacts();

const isDefinition = (v: unknown): v is EventDefinition => typeof v === 'object' && v !== null && 'detailType' in v && 'source' in v && 'detail' in v;
const typeKey = (e: { source: string; detailType: string }) => `${e.source} ${e.detailType}`;

/** Every context's events module (packages/core/src/<context>/events.ts), with what it exports. */
const coreSrc = join(root, 'packages/core/src');
const contextEvents = await Promise.all(
  readdirSync(coreSrc, { withFileTypes: true })
    // kernel/events.ts is where events are defined, not a context.
    .filter((d) => d.isDirectory() && d.name !== 'kernel' && existsSync(join(coreSrc, d.name, 'events.ts')))
    .map(async (d) => {
      const exports = (await import(pathToFileURL(join(coreSrc, d.name, 'events.ts')).href)) as Record<string, unknown>;
      return { context: d.name, exports, declared: Object.values(exports).filter(isDefinition) };
    }),
);

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

  it('finds the events module of every context', () => {
    const publishing = contexts.filter((w) => (w as ContextWiring).events?.length).map((w) => w.name);
    expect(publishing.length).toBeGreaterThan(0);
    expect(contextEvents.map((c) => c.context)).toEqual(expect.arrayContaining(publishing));
  });

  it.each(contextEvents)('catalogues every event type the $context context declares, and lists each in its events list', ({ context, exports, declared }) => {
    expect(declared.length, context).toBeGreaterThan(0);
    const catalogued = new Set(eventCatalog.map((e) => typeKey(e.event)));
    for (const event of declared) {
      expect(event.context, `${event.detailType} is declared in ${context}/events.ts`).toBe(context);
      expect(catalogued, typeKey(event)).toContain(typeKey(event));
    }
    // The context's list of its events (partnerEvents, onboardingEvents...) names each exactly once.
    const lists = Object.entries(exports).filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every(isDefinition)) as [string, EventDefinition[]][];
    expect(
      lists.map(([name]) => name),
      `${context}/events.ts exports one list of its events`,
    ).toHaveLength(1);
    const [, list] = lists[0]!;
    expect(list.map(typeKey).sort()).toEqual(declared.map(typeKey).sort());
  });

  // Each wiring's `events` are its own: the catalogue is assembled from the wirings (functions/contexts.ts).
  it.each(contexts.map((wiring) => ({ name: wiring.name, events: (wiring as ContextWiring).events ?? [] })))(
    'the $name wiring catalogues only its own events, each once',
    ({ name, events }) => {
      for (const { event } of events) expect(event.context, typeKey(event)).toBe(name);
      expect(new Set(events.map((e) => typeKey(e.event))).size).toBe(events.length);
    },
  );

  it('catalogues only event types a context declares', () => {
    const declared = new Set(contextEvents.flatMap((c) => c.declared.map(typeKey)));
    for (const { event } of eventCatalog) expect(declared, typeKey(event)).toContain(typeKey(event));
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
