import { describe, expect, it } from 'vitest';
import { attributeValueSize, itemSize, nativeItemSize, nativeValueSize, numberSize, readUnits, writeUnits } from './sizes.ts';

// The rules and examples of the DynamoDB Developer Guide: "Item sizes and formats" (attribute
// sizes) and "Read/write capacity mode" (request units and their rounding). 1 KB = 1024 bytes.
const KB = 1024;

describe('attribute sizes ("Item sizes and formats")', () => {
  it('counts a string as the UTF-8 bytes of its name and of its value', () => {
    expect(itemSize({ name: { S: 'Northwind' } })).toBe(4 + 9);
    // Multi-byte characters count their encoded bytes, not their characters.
    expect(attributeValueSize({ S: 'é' })).toBe(2);
    expect(attributeValueSize({ S: '€' })).toBe(3);
    expect(itemSize({ prénom: { S: 'Zoë' } })).toBe(7 + 4);
    expect(nativeItemSize({ prénom: 'Zoë' })).toBe(7 + 4);
  });

  it('counts a number as 1 byte per two significant digits plus 1, leading and trailing zeros trimmed', () => {
    expect(numberSize('1')).toBe(2);
    expect(numberSize('12')).toBe(2);
    expect(numberSize('123')).toBe(3);
    expect(numberSize('1234')).toBe(3);
    expect(numberSize('12345')).toBe(4);
    expect(numberSize('-12.5')).toBe(3); // digits 125
    expect(numberSize('1000000')).toBe(2); // trailing zeros trimmed: 1
    expect(numberSize('0.0001')).toBe(2); // leading zeros trimmed: 1
    expect(numberSize('1.5e10')).toBe(2); // the mantissa's digits: 15
    expect(numberSize('0')).toBe(2);
    // Up to 38 significant digits: 19 bytes + 1.
    expect(numberSize('12345678901234567890123456789012345678')).toBe(20);
    expect(itemSize({ version: { N: '42' } })).toBe(7 + 2);
    expect(nativeItemSize({ version: 42 })).toBe(7 + 2);
  });

  it('counts binary as its raw bytes, not its base64 text', () => {
    const raw = new Uint8Array([1, 2, 3, 4, 5]);
    expect(attributeValueSize({ B: raw })).toBe(5);
    expect(nativeValueSize(raw)).toBe(5);
    expect(itemSize({ blob: { B: raw } })).toBe(4 + 5);
  });

  it('counts a boolean or a null as 1 byte', () => {
    expect(itemSize({ active: { BOOL: true } })).toBe(6 + 1);
    expect(itemSize({ gone: { NULL: true } })).toBe(4 + 1);
    expect(nativeItemSize({ active: false, gone: null })).toBe(6 + 1 + 4 + 1);
  });

  it('counts a list or a map as 3 bytes of overhead plus 1 byte per element plus the elements', () => {
    // Empty: name + 3.
    expect(itemSize({ tags: { L: [] } })).toBe(4 + 3);
    expect(itemSize({ meta: { M: {} } })).toBe(4 + 3);
    // ["a", "bc"]: 3 + (1 + 1) + (1 + 2).
    expect(itemSize({ tags: { L: [{ S: 'a' }, { S: 'bc' }] } })).toBe(4 + 3 + 2 + 3);
    expect(nativeItemSize({ tags: ['a', 'bc'] })).toBe(4 + 3 + 2 + 3);
    // {tier: "gold"}: 3 + (1 + 4 + 4); a map element's name counts like an attribute name.
    expect(itemSize({ meta: { M: { tier: { S: 'gold' } } } })).toBe(4 + 3 + 1 + 4 + 4);
    expect(nativeItemSize({ meta: { tier: 'gold' } })).toBe(4 + 3 + 1 + 4 + 4);
    // Nested: [[1]] = 3 + 1 + (3 + 1 + 2).
    expect(attributeValueSize({ L: [{ L: [{ N: '1' }] }] })).toBe(3 + 1 + 3 + 1 + 2);
  });

  it('counts a set as the sum of its elements', () => {
    expect(attributeValueSize({ SS: ['a', 'bc'] })).toBe(3);
    expect(attributeValueSize({ NS: ['1', '123'] })).toBe(2 + 3);
    expect(nativeValueSize(new Set(['a', 'bc']))).toBe(3);
  });

  it('sums names and values over an item, in either form', () => {
    const wire = { pk: { S: 'PARTNER#p1' }, sk: { S: 'PROFILE' }, version: { N: '3' }, active: { BOOL: true }, roles: { L: [{ S: 'admin' }] } };
    const expected = 2 + 10 + (2 + 7) + (7 + 2) + (6 + 1) + (5 + 3 + 1 + 5);
    expect(itemSize(wire)).toBe(expected);
    expect(nativeItemSize({ pk: 'PARTNER#p1', sk: 'PROFILE', version: 3, active: true, roles: ['admin'], skipped: undefined })).toBe(expected);
  });
});

describe('request units ("Read/write capacity mode")', () => {
  it('reads: 1 unit per 4 KB, rounded up; eventually consistent half; transactional double', () => {
    // The guide's example: an 8 KB item needs 2 units strongly consistent, 1 eventually consistent, 4 transactional.
    expect(readUnits(8 * KB, true)).toBe(2);
    expect(readUnits(8 * KB, false)).toBe(1);
    expect(readUnits(8 * KB, true, true)).toBe(4);
    // Up to 4 KB is one unit (two eventually consistent reads per unit); 3.5 KB rounds up to 4 KB.
    expect(readUnits(3.5 * KB, true)).toBe(1);
    expect(readUnits(4 * KB, true)).toBe(1);
    expect(readUnits(4 * KB, false)).toBe(0.5);
    expect(readUnits(4 * KB, true, true)).toBe(2);
    // One byte over 4 KB is the next unit.
    expect(readUnits(4 * KB + 1, true)).toBe(2);
    // A read of nothing (a missing item) still costs the minimum.
    expect(readUnits(0, true)).toBe(1);
  });

  it('writes: 1 unit per 1 KB, rounded up; transactional double', () => {
    // The guide's example: a 2 KB item needs 2 units, 4 in a transaction.
    expect(writeUnits(2 * KB)).toBe(2);
    expect(writeUnits(2 * KB, true)).toBe(4);
    // 500 bytes is one unit; 1.5 KB rounds up to 2.
    expect(writeUnits(500)).toBe(1);
    expect(writeUnits(1.5 * KB)).toBe(2);
    expect(writeUnits(1 * KB)).toBe(1);
    expect(writeUnits(1 * KB + 1)).toBe(2);
    expect(writeUnits(0)).toBe(1);
  });
});
