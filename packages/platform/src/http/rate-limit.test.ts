import { describe, expect, it } from 'vitest';
import { rateLimitKey, sourceKey } from './rate-limit.ts';

describe('sourceKey: what a per-source limit counts', () => {
  // Promise: an IPv4 address counts alone; IPv4-mapped IPv6 is the same IPv4 source.
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
  ])('%s → %s', (ip, key) => expect(sourceKey(ip)).toBe(key));

  // Promise: IPv6 addresses of one /64 are one source, however they are written; another /64 is another.
  it('counts an IPv6 address with its /64', () => {
    const one = ['2001:db8:1:2::1', '2001:0db8:0001:0002:ffff:ffff:ffff:fffe', '2001:DB8:1:2:0:0:0:9'];
    expect(new Set(one.map(sourceKey))).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(sourceKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(sourceKey('::1')).toBe('0:0:0:0::/64');
    expect(sourceKey('fe80::1:2')).toBe('fe80:0:0:0::/64');
  });

  // Promise: a request without an address still counts, all such together.
  it('counts a missing address as one source', () => {
    expect(sourceKey(undefined)).toBe('unknown');
    expect(sourceKey('')).toBe('unknown');
  });
});

describe('rateLimitKey', () => {
  // Promise: one item per route, source and calendar minute.
  it('names the operation, the source and the minute', () => {
    expect(rateLimitKey('submitApplication', '203.0.113.9', new Date('2026-03-02T09:05:00Z'))).toEqual({
      pk: 'RATELIMIT#submitApplication#203.0.113.9#2026-03-02T09:05',
      sk: 'COUNT',
    });
  });
});
