import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { withEmptyMaps } from './relay.ts';

// DynamoDB Local's stream image of an outbox item whose event data holds an empty map (seen from a
// partner created with `customAttributes: {}`): the map arrives as `{}`, with no type.
const image = {
  pk: { S: 'OUTBOX#2026-12-02#3' },
  detail: { M: { data: { M: { partner: { M: { customAttributes: {}, locations: { L: [{}] }, version: { N: '1' } } } } } } },
};

describe('the local relay reads DynamoDB Local stream images', () => {
  it('unmarshall alone refuses the untyped empty map', () => {
    expect(() => unmarshall(image as never)).toThrow(/No value defined/);
  });
  it('restores empty maps, in maps and lists, and leaves typed values alone', () => {
    expect(unmarshall(withEmptyMaps(image) as never)).toEqual({
      pk: 'OUTBOX#2026-12-02#3',
      detail: { data: { partner: { customAttributes: {}, locations: [{}], version: 1 } } },
    });
  });
});
