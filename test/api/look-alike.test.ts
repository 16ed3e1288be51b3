import { describe, expect, it } from 'vitest';
import { applicationBody } from '../support/onboarding.ts';
import { partnerBody, useStack } from '../support/stack.ts';

const t = useStack();

/** Names that look like another and compare different: invisible characters (issue 9, "names that look alike"). */
describe('names that look alike', () => {
  it.each([
    ['zero-width space', '\u200B'],
    ['zero-width joiner', '\u200D'],
    ['right-to-left override', '\u202E'],
    ['left-to-right isolate', '\u2066'],
    ['word joiner', '\u2060'],
    ['soft hyphen', '\u00AD'],
    ['byte-order mark inside', '\uFEFF'],
  ])('refuses a %s in an application legal name (400, nothing written)', async (_, c) => {
    const before = await t.itemCount();
    const res = await t.applicant().call('POST', '/applications', { body: applicationBody({ company: { legalName: `Ac${c}me Widgets Ltd` } }) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.company.legalName' })]);
    expect(await t.itemCount()).toBe(before);
  });

  it('refuses them in partner names, display names, user names and vocabulary names', async () => {
    const admin = await t.as('vendor-admin');
    const before = await t.itemCount();
    expect((await admin.call('POST', '/partners', { body: partnerBody({ legalName: 'Ac\u200Bme Ltd' }) })).status).toBe(400);
    expect((await admin.call('POST', '/partners', { body: partnerBody({ displayName: 'Ac\u202Eme' }) })).status).toBe(400);
    const partner = (await admin.call('POST', '/partners', { body: partnerBody() })).body as { id: string };
    const mid = await t.itemCount();
    expect(mid).toBeGreaterThan(before);
    const user = { email: 'look@alike.example', givenName: 'A\u200Dna', familyName: 'López', roles: ['partner-user'] };
    const added = await admin.call('POST', `/partners/${partner.id}/users`, { body: user });
    expect(added.status).toBe(400);
    expect(added.body.errors).toEqual([expect.objectContaining({ path: 'body.givenName' })]);
    const tiers = await admin.call('PUT', '/programme/tiers', {
      body: { items: [{ key: 'gold', name: 'Go\u200Bld' }] },
      headers: { 'if-match': '"tiers.v0"' },
    });
    expect(tiers.status).toBe(400);
    expect(await t.itemCount()).toBe(mid);
  });
});

describe('custom attributes', () => {
  it.each([
    ['markup', '<script>alert(1)</script>'],
    ['an angle bracket', 'a > b'],
    ['a control character', 'line\nbreak'],
    ['a C1 control', 'next\u0085line'],
  ])('refuse %s in a value (400 naming the attribute, nothing written)', async (_, value) => {
    const admin = await t.as('vendor-admin');
    const before = await t.itemCount();
    const res = await admin.call('POST', '/partners', { body: partnerBody({ customAttributes: { crmAccountId: value } }) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: expect.stringContaining('body.customAttributes.crmAccountId') })]);
    expect(await t.itemCount()).toBe(before);
  });

  it('keep plain values, numbers and booleans', async () => {
    const admin = await t.as('vendor-admin');
    const res = await admin.call('POST', '/partners', {
      body: partnerBody({ customAttributes: { crmAccountId: 'ACC-1042 – Ünïcödé', seats: 25, vip: true, note: '' } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.customAttributes).toEqual({ crmAccountId: 'ACC-1042 – Ünïcödé', seats: 25, vip: true, note: '' });
  });
});
