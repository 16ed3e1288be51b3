import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';
import ts from 'typescript';
import * as z from '@channelbase/core/kernel/zod';
import { buildOpenApi } from '@channelbase/platform/http/openapi';
import type { ContextWiring } from '@channelbase/platform';
import { CONSUMED_RETENTION_DAYS } from '@channelbase/platform/events/consumer';
import { EVENT_RETENTION_DAYS } from '@channelbase/platform/events/outbox';
import { MAX_EVENT_ENTRY_BYTES } from '@channelbase/platform/events/relay';
import { contexts as declared, eventCatalog } from '../functions/contexts.ts';
import { type EventContract, flattenSchema, parseRetirements } from './event-contracts.ts';

const contexts: readonly ContextWiring[] = declared;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Fixed identity of the example events, so the catalogue is stable. */
const EXAMPLE_EVENT_ID = 'evt_01JD40A1B2C3D4E5F6G7H8J9K0';
const EXAMPLE_TIME = '2026-11-20T14:03:00.000Z';

/**
 * A pattern as every consumer reads it alike: `\d` is ASCII in ECMAScript and RE2 but any
 * Unicode digit in Python `re`, so it is written `[0-9]` (zod's date-time pattern uses it).
 */
export const portablePattern = (pattern: string): string => {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      out += next === 'd' ? (inClass ? '0-9' : '[0-9]') : c + next;
      i++;
    } else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      out += c;
    }
  }
  return out;
};

/** The JSON Schema of an event as consumers receive it from EventBridge. */
function eventSchema(def: (typeof eventCatalog)[number]['event']) {
  const detail = z.toJSONSchema(def.detail, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      if (typeof jsonSchema.pattern === 'string') jsonSchema.pattern = portablePattern(jsonSchema.pattern);
      // Instants carry zod's pattern: show a value that it matches.
      if (jsonSchema.format === 'date-time' && jsonSchema.example === undefined) jsonSchema.example = EXAMPLE_TIME;
    },
  });
  // The detail's shared definitions go to the document's root, where its `#/$defs/...` references point.
  const { $schema, $defs, ...detailSchema } = detail as Record<string, unknown>;
  void $schema;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://channelbase.dev/events/${def.context}/${def.detailType}.schema.json`,
    title: def.detailType,
    description: def.description,
    type: 'object',
    required: ['source', 'detail-type', 'detail'],
    properties: {
      version: { type: 'string' },
      id: { type: 'string' },
      source: { const: def.source },
      'detail-type': { const: def.detailType },
      account: { type: 'string' },
      time: { type: 'string', format: 'date-time' },
      region: { type: 'string' },
      resources: { type: 'array', items: { type: 'string' } },
      detail: detailSchema,
    },
    ...($defs ? { $defs } : {}),
  };
}

/** Each published event type's contract (the flattened shape of its detail), as the baseline records it. */
export function currentContracts(): EventContract[] {
  return eventCatalog.map(({ event }) => ({
    source: event.source,
    detailType: event.detailType,
    version: event.version,
    fields: flattenSchema(eventSchema(event)),
  }));
}

function eventExample(entry: (typeof eventCatalog)[number]) {
  const { event, data } = entry;
  const d = data as {
    partner?: { id: string };
    user?: { partnerId: string };
    offer?: { partnerId: string };
    checklist?: { partnerId: string };
    application?: { decision?: { partnerId?: string | null } | null };
  };
  const partnerId = d.partner?.id ?? d.user?.partnerId ?? d.offer?.partnerId ?? d.checklist?.partnerId ?? d.application?.decision?.partnerId ?? undefined;
  const detail = event.detail.parse({
    eventId: EXAMPLE_EVENT_ID,
    occurredAt: EXAMPLE_TIME,
    ...(partnerId ? { partnerId } : {}),
    ...(event.version > 1 ? { schemaVersion: event.version } : {}),
    actor: { sub: 'usr_01JD3Z9B7C2D4E6F8G0H1J2K3M', roles: ['vendor-admin'] },
    data,
  });
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    source: event.source,
    'detail-type': event.detailType,
    account: '123456789012',
    time: EXAMPLE_TIME,
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

function catalogueReadme(): string {
  const consumers = (detailType: string, source: string) => [
    ...contexts.flatMap((c) =>
      c.subscriptions
        .filter((s) => s.pattern.source.includes(source) && (!s.pattern['detail-type'] || s.pattern['detail-type'].includes(detailType)))
        .map((s) => `${c.name}/${s.id}`),
    ),
    ...contexts.flatMap((c) =>
      (c.workflows ?? [])
        .filter((w) => w.startedBy.source === source && w.startedBy.detailType === detailType)
        .map((w) => `${c.name}/${w.id} (starts the workflow)`),
    ),
  ];
  const subscribers = (detailType: string, source: string) => consumers(detailType, source).join(', ') || '—';
  const rows = eventCatalog.map(
    ({ event }) =>
      `| \`${event.detailType}\` | \`${event.source}\` | ${event.version} | ${event.description} | ${subscribers(event.detailType, event.source)} | [schema](${event.context}/${event.detailType}.schema.json) · [example](${event.context}/${event.detailType}.example.json) |`,
  );
  // Events a subscription listens for that no context publishes yet (a later context will): their consumer documents what it reads.
  const published = new Set(eventCatalog.map(({ event }) => event.detailType));
  const awaited = contexts.flatMap((c) =>
    c.subscriptions.flatMap((s) =>
      s.pattern.source.flatMap((source) =>
        (s.pattern['detail-type'] ?? [])
          .filter((t) => !published.has(t) && !contexts.some((c) => `channelbase.${c.name}` === source))
          .map((t) => `| \`${t}\` | \`${source}\` | ${c.name}/${s.id} | \`${s.entry}\` |`),
      ),
    ),
  );
  const retired = parseRetirements(JSON.parse(readFileSync(new URL('../events/retired.json', import.meta.url), 'utf8'))).map(
    (r) =>
      `| \`${r.detailType}\` | \`${r.source}\` | ${r.reason} | ${r.replacement ? `\`${r.replacement.detailType}\` from \`${r.replacement.source}\`` : 'none'} |`,
  );
  return `# Event catalogue

Generated by \`npm run generate\` from the zod schemas in \`packages/core\`; a test fails when it is stale.
Every event is put on the Channelbase EventBridge bus by the outbox relay, at least once: consumers
de-duplicate on \`detail.eventId\`. \`detail\` always holds \`eventId\`, \`occurredAt\`, \`actor\`,
\`partnerId\` where one applies, and \`data\`.

An event can come again: an SQS redelivery, an EventBridge replay from the bus's archive (kept
${EVENT_RETENTION_DAYS} days), or \`npm run events:republish\`, which re-puts the outbox events of a time range (the
outbox keeps each event ${EVENT_RETENTION_DAYS} days). Each time it carries the same \`detail\` and \`detail.eventId\` (the
envelope \`id\` is EventBridge's and differs); Channelbase's own consumers keep their markers
${CONSUMED_RETENTION_DAYS} days, longer than either. An event is never larger than ${MAX_EVENT_ENTRY_BYTES} bytes as a PutEvents entry
(EventBridge's 256 KiB less 1 KiB): a change whose event would be larger is refused when it commits
(413 \`event-too-large\`, nothing is written), so no event is ever truncated or carries a reference
instead of its data.

| detail-type | source | version | meaning | consumed inside Channelbase by | files |
|---|---|---|---|---|---|
${rows.join('\n')}
${
  awaited.length
    ? `
## Awaited from contexts not built yet

Subscriptions already listen for these; the consumer's module says which fields it reads.

| detail-type | source | consumed by | module |
|---|---|---|---|
${awaited.join('\n')}
`
    : ''
}
## Contracts: what may change

Each event type's contract is the shape of its \`detail\`: every field path with its JSON types
(and enum values) and whether it is required. \`baseline/<source>/<DetailType>.v<N>.json\` records
it for every version ever published, and \`test/contract/events.test.ts\` compares the code with
it (the comparison is \`scripts/event-contracts.ts\`).

- **Compatible, no declaration:** a new optional field (an optional object may require fields of
  its own), a new enum value, a new event type, a new description, pattern or format. Record it:
  \`npm run events:baseline\`.
- **Breaking:** a field removed; a field's type changed (widened too, e.g. made nullable) or an enum
  value dropped; an optional field made required, or a required field added to an existing
  object; a required field made optional; an event type gone. The test fails until it is
  declared, one of two ways:
  - **a new version:** \`defineEvent(context, name, data, description, { version: 2 })\`; the
    detail then carries \`schemaVersion: 2\` (absent means 1), \`npm run events:baseline\` records
    v2 beside v1, and from then on the code is compared with v2;
  - **a retirement**, for an event type that moves to another source or goes away: an entry in
    \`retired.json\` with \`source\`, \`detailType\`, \`reason\` and \`replacement\` (the
    \`{ source, detailType }\` consumers should read instead, or \`null\`). Moving \`PartnerActivated\`
    from \`channelbase.onboarding\` to \`channelbase.partners\`, say: declare it in the partners
    context, run \`npm run events:baseline\` (it records the new one), and retire the old one with
    \`"replacement": { "source": "channelbase.partners", "detailType": "PartnerActivated" }\`.

\`npm run events:baseline\` never records a breaking change of a recorded version and never
deletes one.
${
  retired.length
    ? `
### Retired

| detail-type | source | why | replaced by |
|---|---|---|---|
${retired.join('\n')}
`
    : ''
}`;
}

/** Where the typed client's generated types live (packages/client). */
export const CLIENT_TYPES_PATH = 'packages/client/src/schema.ts';

/** An id schema (`^ptr_[ULID]$`): typed as its kind, `ptr_${string}`, so ids of different kinds do not mix. */
const ID_PATTERN = /^\^([a-z]{3})_\[0-9A-HJKMNP-TV-Z\]\{26\}\$$/;

function idType(prefix: string): ts.TypeNode {
  const f = ts.factory;
  return f.createTemplateLiteralType(f.createTemplateHead(`${prefix}_`), [
    f.createTemplateLiteralTypeSpan(f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createTemplateTail('')),
  ]);
}

/**
 * The TypeScript types of openapi.json for @channelbase/client (openapi-typescript), formatted
 * as the repository formats code so that the committed file passes `prettier --check`.
 */
export async function renderClientTypes(openapi: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(openapi), {
    silent: true,
    // A default is the server's to apply: a request may leave such a field out.
    defaultNonNullable: false,
    transform(schema) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      const pattern = (schema as { pattern?: unknown }).pattern;
      const prefix = typeof pattern === 'string' && types.includes('string') ? ID_PATTERN.exec(pattern)?.[1] : undefined;
      if (!prefix) return undefined;
      const id = idType(prefix);
      return types.includes('null') ? ts.factory.createUnionTypeNode([id, ts.factory.createLiteralTypeNode(ts.factory.createNull())]) : id;
    },
  });
  const header = `/**
 * The Channelbase API's types, generated from openapi.json by \`npm run generate\` (openapi-typescript).
 * Do not edit: a test fails when this file is stale.
 */
`;
  const source = header + astToString(ast);
  const filepath = fileURLToPath(new URL(`../${CLIENT_TYPES_PATH}`, import.meta.url));
  const config = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(source, { ...config, filepath });
}

/** Every generated file, path → content. */
export async function renderArtifacts(): Promise<Record<string, string>> {
  const openapi = json(buildOpenApi(contexts, version));
  const files: Record<string, string> = { 'openapi.json': openapi, 'events/README.md': catalogueReadme() };
  for (const entry of eventCatalog) {
    const base = `events/${entry.event.context}/${entry.event.detailType}`;
    files[`${base}.schema.json`] = json(eventSchema(entry.event));
    files[`${base}.example.json`] = json(eventExample(entry));
  }
  files[CLIENT_TYPES_PATH] = await renderClientTypes(openapi);
  return files;
}
