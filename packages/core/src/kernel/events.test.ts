import { describe, expect, it } from 'vitest';
import * as z from './zod.ts';
import { SYSTEM_ACTOR } from './audit.ts';
import { defineEvent, makeEvent } from './events.ts';

const clock = { now: () => new Date('2026-11-20T14:03:00.000Z') };
const data = z.object({ id: z.string() });

describe('event versions', () => {
  it('are 1 unless declared, and a version-1 detail carries no schemaVersion', () => {
    const Tested = defineEvent('test', 'Tested', data, 'A test.');
    expect(Tested.version).toBe(1);
    const event = makeEvent(Tested, { id: 'x' }, { actor: SYSTEM_ACTOR, clock });
    expect(event.detail).not.toHaveProperty('schemaVersion');
    expect(Tested.detail.safeParse(event.detail).success).toBe(true);
  });

  it('from 2 on, put schemaVersion in the detail, which the schema requires', () => {
    const Tested = defineEvent('test', 'Tested', data, 'A test.', { version: 2 });
    const event = makeEvent(Tested, { id: 'x' }, { actor: SYSTEM_ACTOR, clock });
    expect(event.detail.schemaVersion).toBe(2);
    expect(Tested.detail.safeParse(event.detail).success).toBe(true);
    const { schemaVersion, ...unversioned } = event.detail;
    void schemaVersion;
    expect(Tested.detail.safeParse(unversioned).success).toBe(false);
  });

  it('are whole numbers from 1', () => {
    expect(() => defineEvent('test', 'Tested', data, 'A test.', { version: 0 })).toThrow(/whole number/);
    expect(() => defineEvent('test', 'Tested', data, 'A test.', { version: 1.5 })).toThrow(/whole number/);
  });
});
