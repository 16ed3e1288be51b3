import { describe, expect, it } from 'vitest';
import { CLIENT_REQUEST_TOKEN_LENGTH, clientRequestToken } from './commit.ts';
import { OUTBOX_SHARDS, outboxKey } from '../events/outbox.ts';
import { busEntrySize } from '../events/relay.ts';

const put = (pk: string) => ({ Put: { TableName: 't', Item: { pk, sk: 'X', tags: new Set(['a']) } } });

describe('clientRequestToken', () => {
  it('is at most 36 characters and the same for the same items and attempt', () => {
    const token = clientRequestToken([put('A')]);
    expect(token).toHaveLength(CLIENT_REQUEST_TOKEN_LENGTH);
    expect(CLIENT_REQUEST_TOKEN_LENGTH).toBeLessThanOrEqual(36);
    expect(clientRequestToken([put('A')])).toBe(token);
  });

  it('differs for other items, another set member, or a retry attempt', () => {
    const token = clientRequestToken([put('A')]);
    expect(clientRequestToken([put('B')])).not.toBe(token);
    expect(clientRequestToken([{ Put: { TableName: 't', Item: { pk: 'A', sk: 'X', tags: new Set(['b']) } } }])).not.toBe(token);
    expect(clientRequestToken([put('A')], 1)).not.toBe(token);
  });
});

describe('outboxKey', () => {
  it('partitions by day and shard, sorts by occurredAt then event id', () => {
    const key = outboxKey({ eventId: 'evt_01JD40A1B2C3D4E5F6G7H8J9K0', occurredAt: '2026-11-20T14:03:00.000Z' });
    expect(key.pk).toMatch(/^OUTBOX#2026-11-20#[0-9]$/);
    expect(Number(key.pk.split('#')[2])).toBeLessThan(OUTBOX_SHARDS);
    expect(key.sk).toBe('2026-11-20T14:03:00.000Z#evt_01JD40A1B2C3D4E5F6G7H8J9K0');
  });
});

describe('busEntrySize', () => {
  it('counts 14 bytes for Time and the UTF-8 bytes of Source, DetailType and Detail', () => {
    expect(busEntrySize({ Source: 'ab', DetailType: 'c', Detail: '"é"', Time: new Date() })).toBe(14 + 2 + 1 + 4);
  });
});
