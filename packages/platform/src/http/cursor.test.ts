import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { HttpProblemError } from './problem.ts';

const KEY = { pk: 'PARTNER#ptr_1', sk: 'PROFILE' };
const saved = { current: process.env.CURSOR_KEY, previous: process.env.CURSOR_KEY_PREVIOUS };
const useKeys = (current: string, previous?: string) => {
  process.env.CURSOR_KEY = current;
  if (previous === undefined) delete process.env.CURSOR_KEY_PREVIOUS;
  else process.env.CURSOR_KEY_PREVIOUS = previous;
};
const refused = (cursor: string, scope = 'partners') => {
  try {
    decodeCursor(cursor, scope);
  } catch (err) {
    return err instanceof HttpProblemError && err.status === 400;
  }
  return false;
};

beforeEach(() => useKeys('key-one'));
afterEach(() => {
  if (saved.current === undefined) delete process.env.CURSOR_KEY;
  else process.env.CURSOR_KEY = saved.current;
  if (saved.previous === undefined) delete process.env.CURSOR_KEY_PREVIOUS;
  else process.env.CURSOR_KEY_PREVIOUS = saved.previous;
});

describe('list cursors', () => {
  it('round-trip their key for the query they belong to, and refuse another query’s or an edited one', () => {
    const cursor = encodeCursor(KEY, 'partners')!;
    expect(decodeCursor(cursor, 'partners')).toEqual(KEY);
    expect(refused(cursor, 'applications')).toBe(true);
    expect(refused(`${cursor.slice(0, -2)}xx`)).toBe(true);
  });

  it('are refused once the key that signed them is replaced', () => {
    const cursor = encodeCursor(KEY, 'partners')!;
    useKeys('key-two');
    expect(refused(cursor)).toBe(true);
  });

  it('signed with the previous key are accepted during a rotation; new ones are signed with the current key', () => {
    const old = encodeCursor(KEY, 'partners')!;
    useKeys('key-two', 'key-one');
    expect(decodeCursor(old, 'partners')).toEqual(KEY);
    const fresh = encodeCursor(KEY, 'partners')!;
    expect(fresh).not.toBe(old);
    expect(decodeCursor(fresh, 'partners')).toEqual(KEY);
    // After the grace period the previous key is gone: old cursors are refused, fresh ones still work.
    useKeys('key-two');
    expect(refused(old)).toBe(true);
    expect(decodeCursor(fresh, 'partners')).toEqual(KEY);
  });

  it('signed with a key that is neither the current nor the previous one are refused during a rotation', () => {
    useKeys('key-zero');
    const stranger = encodeCursor(KEY, 'partners')!;
    useKeys('key-two', 'key-one');
    expect(refused(stranger)).toBe(true);
  });
});
