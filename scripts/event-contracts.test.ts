import { describe, expect, it } from 'vitest';
import { BREAKING, type EventContract, type JsonSchema, type Retirement, checkContracts, compareShapes, flattenSchema } from './event-contracts.ts';

/** A small EventBridge event schema around a detail `data` object. */
const event = (data: JsonSchema, defs?: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties: {
    source: { const: 'channelbase.test' },
    detail: { type: 'object', properties: { eventId: { type: 'string' }, data }, required: ['eventId', 'data'], additionalProperties: false },
  },
  ...(defs ? { $defs: defs } : {}),
});
const object = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const str = { type: 'string' };

const v1Data = object({ id: str, tier: { type: 'string', enum: ['gold', 'silver'] }, note: str, tags: { type: 'array', items: str } }, ['id', 'tier', 'tags']);
const v1 = event(v1Data);
const shape = (data: JsonSchema, defs?: Record<string, JsonSchema>) => flattenSchema(event(data, defs));
const kinds = (after: JsonSchema) => compareShapes('e', flattenSchema(v1), flattenSchema(after)).map((p) => `${p.kind} ${p.path}`);

describe('flattenSchema', () => {
  it('lists each field of the detail with its types and whether it is required', () => {
    expect(flattenSchema(v1)).toEqual({
      detail: { type: ['object'], required: true },
      'detail.eventId': { type: ['string'], required: true },
      'detail.data': { type: ['object'], required: true },
      'detail.data.id': { type: ['string'], required: true },
      'detail.data.tier': { type: ['string'], required: true, enum: ['gold', 'silver'] },
      'detail.data.note': { type: ['string'], required: false },
      'detail.data.tags': { type: ['array'], required: true },
      'detail.data.tags[]': { type: ['string'], required: true },
    });
  });

  it('follows $refs, records values, nullable unions and recursion', () => {
    const s = shape(
      object({
        owner: { anyOf: [{ $ref: '#/$defs/User' }, { type: 'null' }] },
        attrs: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
      }),
      {
        User: object({ name: str, manager: { $ref: '#/$defs/User' } }, ['name']),
      },
    );
    expect(s['detail.data.owner']).toEqual({ type: ['null', 'object'], required: true });
    // Required inside the object even though the object may be null.
    expect(s['detail.data.owner.name']).toEqual({ type: ['string'], required: true });
    // A recursive reference stops at its name.
    expect(s['detail.data.owner.manager']).toEqual({ type: ['ref:User'], required: false });
    expect(s['detail.data.owner.manager.name']).toBeUndefined();
    expect(s['detail.data.attrs{}']).toEqual({ type: ['number', 'string'], required: true });
  });

  it('refuses a $ref it cannot resolve', () => {
    expect(() => shape(object({ x: { $ref: '#/$defs/Missing' } }))).toThrow(/unresolvable/);
  });
});

describe('compareShapes: breaking changes are caught', () => {
  it('a field removed (reported once, not for what it held)', () => {
    expect(kinds(event(object({ id: str, tier: { type: 'string', enum: ['gold', 'silver'] }, note: str }, ['id', 'tier'])))).toEqual([
      'field-removed detail.data.tags',
    ]);
  });

  it("a field's type changed, widened or narrowed", () => {
    const withId = (id: JsonSchema) =>
      event(object({ id, tier: { type: 'string', enum: ['gold', 'silver'] }, note: str, tags: { type: 'array', items: str } }, ['id', 'tier', 'tags']));
    expect(kinds(withId({ type: 'number' }))).toEqual(['type-changed detail.data.id']);
    expect(kinds(withId({ type: ['string', 'null'] }))).toEqual(['type-changed detail.data.id']);
    expect(kinds(withId({ type: 'string', enum: ['a'] }))).toEqual(['type-changed detail.data.id']);
  });

  it('an enum value dropped', () => {
    expect(
      kinds(event(object({ id: str, tier: { type: 'string', enum: ['gold'] }, note: str, tags: { type: 'array', items: str } }, ['id', 'tier', 'tags']))),
    ).toEqual(['type-changed detail.data.tier']);
  });

  it('an optional field made required', () => {
    expect(kinds(event(object({ id: str, tier: { type: 'string', enum: ['gold', 'silver'] }, note: str, tags: { type: 'array', items: str } })))).toEqual([
      'became-required detail.data.note',
    ]);
  });

  it('a required field added to an existing object', () => {
    const after = event(
      object({ id: str, tier: { type: 'string', enum: ['gold', 'silver'] }, note: str, tags: { type: 'array', items: str }, region: str }, [
        'id',
        'tier',
        'tags',
        'region',
      ]),
    );
    expect(kinds(after)).toEqual(['required-field-added detail.data.region']);
  });

  it('a required field made optional', () => {
    expect(
      kinds(event(object({ id: str, tier: { type: 'string', enum: ['gold', 'silver'] }, note: str, tags: { type: 'array', items: str } }, ['tier', 'tags']))),
    ).toEqual(['became-optional detail.data.id']);
  });
});

describe('compareShapes: compatible changes pass', () => {
  it('a new optional field, even an object that requires fields of its own', () => {
    const after = event(
      object(
        {
          id: str,
          tier: { type: 'string', enum: ['gold', 'silver'] },
          note: str,
          tags: { type: 'array', items: str },
          region: str,
          address: object({ city: str, line1: str }),
        },
        ['id', 'tier', 'tags'],
      ),
    );
    expect(kinds(after)).toEqual([]);
  });

  it('a new enum value, a description, a pattern or a format', () => {
    const after = event(
      object(
        {
          id: { type: 'string', pattern: '^p_', description: 'The id.' },
          tier: { type: 'string', enum: ['gold', 'silver', 'platinum'] },
          note: { type: 'string', format: 'email' },
          tags: { type: 'array', items: str },
        },
        ['id', 'tier', 'tags'],
      ),
    );
    expect(kinds(after)).toEqual([]);
  });

  it('the same shape written with a $ref', () => {
    const after = event({ $ref: '#/$defs/Data' }, { Data: v1Data });
    expect(kinds(after)).toEqual([]);
  });
});

describe('checkContracts', () => {
  const contract = (detailType: string, schema: JsonSchema, version = 1, source = 'channelbase.onboarding'): EventContract => ({
    source,
    detailType,
    version,
    fields: flattenSchema(schema),
  });
  const breaking = (problems: { kind: string }[]) => problems.filter((p) => BREAKING.has(p.kind as never)).map((p) => p.kind);
  const narrower = event(object({ id: str }));

  it('passes when nothing changed, and when a new event type is recorded', () => {
    const baseline = [contract('Created', v1)];
    expect(checkContracts(baseline, [contract('Created', v1)])).toEqual([]);
    expect(checkContracts([...baseline, contract('Added', v1)], [contract('Created', v1), contract('Added', v1)])).toEqual([]);
  });

  it('asks for a new event type or version to be recorded, and for a compatible change to be recorded', () => {
    expect(checkContracts([], [contract('Added', v1)]).map((p) => p.kind)).toEqual(['not-recorded']);
    const more = event(
      object({ id: str, tier: { type: 'string', enum: ['gold', 'silver'] }, note: str, tags: { type: 'array', items: str }, extra: str }, [
        'id',
        'tier',
        'tags',
      ]),
    );
    expect(checkContracts([contract('Created', v1)], [contract('Created', more)]).map((p) => p.kind)).toEqual(['baseline-stale']);
  });

  it('fails a breaking change of the same version', () => {
    expect(breaking(checkContracts([contract('Created', v1)], [contract('Created', narrower)]))).toContain('field-removed');
  });

  it('accepts the breaking change declared as a new version, compared with its own baseline from then on', () => {
    const baseline = [contract('Created', v1), contract('Created', narrower, 2)];
    expect(checkContracts(baseline, [contract('Created', narrower, 2)])).toEqual([]);
    // Declared but not recorded yet: only a reminder, nothing breaking.
    expect(checkContracts([contract('Created', v1)], [contract('Created', narrower, 2)]).map((p) => p.kind)).toEqual(['not-recorded']);
    // And a version never goes back.
    expect(breaking(checkContracts(baseline, [contract('Created', v1, 1)]))).toEqual(['version-lowered']);
  });

  it('fails an event type that disappears without a retirement', () => {
    expect(breaking(checkContracts([contract('Created', v1)], []))).toEqual(['event-removed']);
  });

  it('accepts a move to another source declared as a retirement with its replacement (PartnerActivated: onboarding → partners)', () => {
    const baseline = [contract('PartnerActivated', v1, 1, 'channelbase.onboarding'), contract('PartnerActivated', v1, 1, 'channelbase.partners')];
    const current = [contract('PartnerActivated', v1, 1, 'channelbase.partners')];
    const moved: Retirement = {
      source: 'channelbase.onboarding',
      detailType: 'PartnerActivated',
      reason: 'Partner status belongs to the partners context',
      replacement: { source: 'channelbase.partners', detailType: 'PartnerActivated' },
    };
    expect(breaking(checkContracts(baseline, current))).toEqual(['event-removed']);
    expect(checkContracts(baseline, current, [moved])).toEqual([]);
  });

  it('rejects a retirement without a reason, of an event still published, never recorded, or replaced by nothing published', () => {
    const baseline = [contract('Created', v1)];
    const retire = (r: Partial<Retirement>): Retirement => ({
      source: 'channelbase.onboarding',
      detailType: 'Created',
      reason: 'gone',
      replacement: null,
      ...r,
    });
    const messages = (r: Retirement, current: EventContract[] = []) =>
      checkContracts(baseline, current, [r])
        .filter((p) => p.kind === 'retirement-invalid')
        .map((p) => p.message);
    expect(messages(retire({ reason: ' ' }))).toEqual([expect.stringMatching(/needs a reason/)]);
    expect(messages(retire({}), [contract('Created', v1)])).toEqual([expect.stringMatching(/still published/)]);
    expect(messages(retire({ detailType: 'Unknown' }))).toEqual([expect.stringMatching(/never in the baseline/)]);
    expect(messages(retire({ replacement: { source: 'channelbase.partners', detailType: 'Created' } }))).toEqual([expect.stringMatching(/not published/)]);
  });
});
