import { describe, expect, it } from 'vitest';
import { HASHED_KEY_MARKER, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES, boundedKey, partitionKey, sortKey, utf8Length } from './keys.ts';

describe('boundedKey', () => {
  it('keeps every key within the limit exactly as it was formed before', () => {
    expect(partitionKey('ORGKEY#legalName#', 'acme')).toBe('ORGKEY#legalName#acme');
    const atLimit = 'x'.repeat(MAX_PARTITION_KEY_BYTES - 'P#'.length);
    expect(partitionKey('P#', atLimit)).toBe(`P#${atLimit}`);
    expect(sortKey('S#', 'y'.repeat(MAX_SORT_KEY_BYTES - 2))).toBe(`S#${'y'.repeat(MAX_SORT_KEY_BYTES - 2)}`);
  });

  it('hashes a value that would pass the limit (counted in UTF-8 bytes, not characters)', () => {
    // 1,000 characters, 3,000 bytes: too long although far fewer than 2,048 characters.
    const value = '\u3042'.repeat(1000);
    const key = partitionKey('P#', value);
    expect(key).toMatch(new RegExp(`^P#${HASHED_KEY_MARKER}[A-Za-z0-9_-]{43}$`));
    expect(utf8Length(key)).toBeLessThanOrEqual(MAX_PARTITION_KEY_BYTES);
    expect(partitionKey('P#', 'x'.repeat(MAX_PARTITION_KEY_BYTES - 1))).toMatch(/^P#SHA256:/);
    expect(utf8Length(sortKey('S#', value))).toBeLessThanOrEqual(MAX_SORT_KEY_BYTES);
  });

  it('gives equal values equal keys and different values different keys', () => {
    const a = 'a'.repeat(3000);
    expect(partitionKey('P#', a)).toBe(partitionKey('P#', `${a}`));
    expect(partitionKey('P#', a)).not.toBe(partitionKey('P#', `${a}b`));
    expect(partitionKey('P#', a)).not.toBe(partitionKey('Q#', a));
  });

  it('refuses a prefix that leaves no room for the digest', () => {
    expect(() => boundedKey('p'.repeat(1020), 'x'.repeat(10), MAX_SORT_KEY_BYTES)).toThrow(/prefix too long/);
  });
});
