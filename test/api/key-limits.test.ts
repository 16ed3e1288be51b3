import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applicationBody } from '../support/onboarding.ts';
import { useStack } from '../support/stack.ts';

/**
 * Issue 8: values that normalisation expands past DynamoDB's key limits (2,048 bytes for a
 * partition key) are accepted, not answered with a 500, and the duplicate check still matches them.
 */
const t = useStack();

/** 200 × U+FDFA: 200 characters, 6,600 bytes once NFKD-normalised. */
const EXPANDING_NAME = '\uFDFA'.repeat(200);

/** The longest web domain the schema accepts (253 characters), unique per call. */
const longestDomain = () => {
  const tag = randomUUID().replace(/-/g, '').slice(0, 12);
  return `${tag}${'a'.repeat(51)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
};
/** The longest tax id (40 characters), unique per call. */
const longestTaxId = () =>
  `DE${randomUUID()
    .replace(/[^0-9]/g, '')
    .padEnd(38, '7')
    .slice(0, 38)}`;
/** The longest e-mail address (254 characters), unique per call. */
const longestEmail = () => `${randomUUID().replace(/-/g, '')}${'e'.repeat(32)}@${'f'.repeat(63)}.${'g'.repeat(63)}.${'h'.repeat(53)}.example`;

describe('identity values past the key limits', () => {
  it('POST /applications with 200 × U+FDFA and the longest domain, tax id and e-mail: 202, and the same again is flagged as a duplicate', async () => {
    const body = applicationBody({
      company: { legalName: EXPANDING_NAME, webDomain: longestDomain(), taxId: longestTaxId() },
      contact: { email: longestEmail() },
    });
    expect(body.company.webDomain).toHaveLength(253);
    expect(body.company.taxId).toHaveLength(40);
    expect(body.contact.email).toHaveLength(254);

    const first = await t.applicant().call('POST', '/applications', { body });
    expect(first.status, first.text).toBe(202);
    const second = await t.applicant().call('POST', '/applications', { body });
    expect(second.status, second.text).toBe(202);

    const cm = await t.as('channel-manager');
    const a = (await cm.call('GET', `/applications/${first.body.id}`)).body;
    expect(a.company.legalName).toBe(EXPANDING_NAME);
    expect(a.checks.duplicate.passed).toBe(true);
    const b = (await cm.call('GET', `/applications/${second.body.id}`)).body;
    expect(b.flagged).toBe(true);
    expect(b.checks.duplicate.matches.map((m: { on: string; kind: string; id: string }) => [m.on, m.kind, m.id]).sort()).toEqual(
      [
        ['legalName', 'application', first.body.id],
        ['taxId', 'application', first.body.id],
        ['webDomain', 'application', first.body.id],
      ].sort(),
    );
  });

  it('the duplicate check still treats legal forms as noise in an expanded name (… Ltd = … LIMITED)', async () => {
    const first = await t.applicant().call('POST', '/applications', { body: applicationBody({ company: { legalName: `${'\uFDFA'.repeat(190)} Ltd` } }) });
    expect(first.status, first.text).toBe(202);
    const second = await t.applicant().call('POST', '/applications', { body: applicationBody({ company: { legalName: `${'\uFDFA'.repeat(190)} LIMITED` } }) });
    expect(second.status, second.text).toBe(202);
    const b = (await (await t.as('channel-manager')).call('GET', `/applications/${second.body.id}`)).body;
    expect(b.checks.duplicate.matches).toEqual([expect.objectContaining({ on: 'legalName', kind: 'application', id: first.body.id })]);
  });

  it('POST /partners with 200 × U+FDFB and the longest domain and tax id: 201; a user with the longest e-mail: 201, then 409 for the same address', async () => {
    const admin = await t.as('vendor-admin');
    // U+FDFB (8 code points in NFKD): a name no application above holds yet.
    const name = '\uFDFB'.repeat(200);
    const partner = await admin.call('POST', '/partners', {
      body: { legalName: name, webDomain: longestDomain(), taxId: longestTaxId(), country: 'DE', type: 'reseller' },
    });
    expect(partner.status, partner.text).toBe(201);
    const again = await admin.call('POST', '/partners', {
      body: { legalName: name, webDomain: longestDomain(), taxId: longestTaxId(), country: 'DE', type: 'reseller' },
    });
    expect(again.status, again.text).toBe(201);

    // An applicant with the partner's (expanded) name is flagged as a duplicate of the first partner.
    const app = await t.applicant().call('POST', '/applications', { body: applicationBody({ company: { legalName: name } }) });
    expect(app.status, app.text).toBe(202);
    const checks = (await admin.call('GET', `/applications/${app.body.id}`)).body.checks;
    expect(checks.duplicate.matches).toContainEqual(expect.objectContaining({ on: 'legalName', kind: 'partner', id: partner.body.id }));

    const email = longestEmail();
    const user = { email, givenName: 'Ada', familyName: 'Admin', roles: ['partner-admin'] };
    const added = await admin.call('POST', `/partners/${partner.body.id}/users`, { body: user });
    expect(added.status, added.text).toBe(201);
    const twice = await admin.call('POST', `/partners/${again.body.id}/users`, { body: user });
    expect(twice.status, twice.text).toBe(409);
  });

  it('an update that renames a partner to an expanded name: 200, and the old name is released', async () => {
    const admin = await t.as('vendor-admin');
    const created = await admin.call('POST', '/partners', {
      body: { legalName: `Renamed ${randomUUID().slice(0, 6)} GmbH`, webDomain: longestDomain(), country: 'DE', type: 'reseller' },
    });
    expect(created.status, created.text).toBe(201);
    const res = await admin.call('PATCH', `/partners/${created.body.id}`, {
      body: { legalName: `${'\u3307'.repeat(200)}` },
      headers: { 'if-match': created.headers.get('etag')! },
    });
    expect(res.status, res.text).toBe(200);
  });
});
