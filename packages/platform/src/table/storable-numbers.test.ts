import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { MAX_STORABLE_MAGNITUDE, isStorableNumber, storableNumber } from '@channelbase/core';

describe('storable numbers: what the table and the SDK document client both take', () => {
  it.each([0, 1, -1, 0.5, 1e-130, -1e-130, 1.5e15, MAX_STORABLE_MAGNITUDE, -MAX_STORABLE_MAGNITUDE])('%d is storable, and the SDK marshals it', (n) => {
    expect(isStorableNumber(n)).toBe(true);
    expect(() => marshall({ n })).not.toThrow();
  });
  it.each([5e-324, 1e-131, MAX_STORABLE_MAGNITUDE + 1, 1e20, -1e20, 1e300, Infinity, NaN])('%d is refused at the field', (n) => {
    expect(isStorableNumber(n)).toBe(false);
    expect(storableNumber().safeParse(n).success).toBe(false);
  });
  it('the SDK refuses what the bound refuses above it (the reason for the bound)', () => {
    expect(() => marshall({ n: 1e20 })).toThrow(/MAX_SAFE_INTEGER/);
  });
});
