import { describe, expect, it } from 'vitest';
import { etagOf, expectedVersion } from './etag.ts';
import { parseGroups, principalFromClaims } from './principal.ts';

describe('claims as API Gateway passes them', () => {
  it('reads groups in the HTTP API bracket form, as JSON and as an array', () => {
    expect(parseGroups('[vendor-admin partner-admin]')).toEqual(['vendor-admin', 'partner-admin']);
    expect(parseGroups('["finance"]')).toEqual(['finance']);
    expect(parseGroups(['finance'])).toEqual(['finance']);
    expect(parseGroups(undefined)).toEqual([]);
  });

  it('accepts access tokens only, and ignores unknown groups', () => {
    expect(principalFromClaims({ sub: 'a', token_use: 'id', 'cognito:groups': '[finance]' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'a', token_use: 'access', 'cognito:groups': '[finance admins]' })).toMatchObject({ roles: ['finance'], isVendor: true });
    expect(principalFromClaims({ sub: 'a', token_use: 'access', 'cognito:groups': '[partner-sales]', partner_id: 'ptr_1', username: 'usr_X' })).toMatchObject({
      isVendor: false,
      partnerId: 'ptr_1',
      userId: 'usr_X',
    });
  });
});

describe('ETags', () => {
  it('round-trips the version and refuses weak tags and tags of other records', () => {
    const tag = etagOf({ id: 'ptr_A', version: 7 });
    expect(expectedVersion(tag, 'ptr_A')).toBe(7);
    expect(() => expectedVersion(`W/${tag}`, 'ptr_A')).toThrow(/does not match/);
    expect(() => expectedVersion(tag, 'ptr_B')).toThrow(/does not match/);
    expect(() => expectedVersion(undefined, 'ptr_A')).toThrow(/If-Match/);
  });

  // Promise: `If-Match: *` never turns an update unconditional; it is 428, asking for the specific ETag.
  it('refuses If-Match: * with 428 precondition-required', () => {
    for (const star of ['*', ' * ']) {
      expect(() => expectedVersion(star, 'ptr_A')).toThrow(expect.objectContaining({ status: 428, message: expect.stringMatching(/\* is not accepted/) }));
    }
  });
});
