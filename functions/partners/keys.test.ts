import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PublicSuffixList, addPartnerUserSchema, organisationKeys, partnerSchema, profileShape, publicSuffixList } from '@channelbase/core/partners';
import { MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES, consumedKey, utf8Length } from '@channelbase/platform';
import { idempotencyPk } from '../../packages/platform/src/http/idempotency.ts';
import { orgKey, orgKeyList } from './org-keys.ts';
import { emailKey, partnerItem } from './repository.ts';

/**
 * Every key derived from user input stays within DynamoDB's limits (2,048 bytes for a partition
 * key, 1,024 for a sort key, table and index keys alike), whatever a schema lets through.
 */

/** Characters whose NFKD form is longest: U+FDFA is 18 code points (33 bytes) of Arabic. */
const EXPANDING = ['\uFDFA', '\uFDFB', '\u3307', '\u3300', '\uFB2C', '\u{1D160}', '\u{1D15F}', '\u2177', '\u1E9B\u0323'];
const LONG_DOMAIN = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`; // 253 characters
const LONG_TAX_ID = `DE${'9'.repeat(38)}`; // 40 characters
const LONG_EMAIL = `${'e'.repeat(64)}@${'f'.repeat(63)}.${'g'.repeat(63)}.${'h'.repeat(53)}.example`; // 254 characters

let psl: PublicSuffixList;
beforeAll(async () => {
  psl = await publicSuffixList();
  process.env.TABLE_NAME ??= 'unit-test';
});

/** The partner profile's fields; an application's company has the same legalName, webDomain and taxId schemas. */
const company = profileShape;

function expectWithinLimits(key: { pk: string; sk: string }) {
  expect(utf8Length(key.pk)).toBeLessThanOrEqual(MAX_PARTITION_KEY_BYTES);
  expect(utf8Length(key.sk)).toBeLessThanOrEqual(MAX_SORT_KEY_BYTES);
}

/** Every key attribute of a partner's item (table and index keys). */
function partnerKeyAttributes(legalName: string, webDomain: string, tier: string | null) {
  const partner = partnerSchema.parse({
    id: 'ptr_01JABCDEFGHJKMNPQRSTVWXYZ0',
    legalName,
    webDomain,
    country: 'DE',
    type: 'reseller',
    tier,
    channelManagerId: 'c'.repeat(128),
    status: 'active',
    statusReason: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  });
  const item = partnerItem(partner) as Record<string, unknown>;
  return Object.entries(item).filter(([k]) => /^(pk|sk|gsi\d+(pk|sk))$/.test(k)) as [string, string][];
}

describe('keys within DynamoDB limits, for the most expanding characters', () => {
  it.each(EXPANDING)('a legal name of 200 × %s', (ch) => {
    const legalName = company.legalName.parse(ch.repeat(Math.floor(200 / ch.length)));
    const keys = organisationKeys({ legalName, webDomain: LONG_DOMAIN, taxId: LONG_TAX_ID }, psl);
    for (const [on, value] of orgKeyList(keys)) expectWithinLimits(orgKey(on, value));
  });

  it('hashes only the key of an expanded name, and equal names still meet', () => {
    const name = '\uFDFA'.repeat(200);
    expect('\uFDFA'.normalize('NFKD')).toHaveLength(18);
    const a = organisationKeys({ legalName: `${name} Ltd`, webDomain: 'acme.example' }, psl);
    const b = organisationKeys({ legalName: `${name} LIMITED`, webDomain: 'acme.example' }, psl);
    expect(a.legalName).toBe(b.legalName);
    expect(utf8Length(a.legalName!)).toBeGreaterThan(MAX_PARTITION_KEY_BYTES);
    expect(orgKey('legalName', a.legalName!).pk).toMatch(/^ORGKEY#legalName#SHA256:[A-Za-z0-9_-]{43}$/);
    expect(orgKey('legalName', a.legalName!)).toEqual(orgKey('legalName', b.legalName!));
    // Values within the bound keep the key they always had.
    expect(orgKey('legalName', 'acme').pk).toBe('ORGKEY#legalName#acme');
    expect(orgKey('webDomain', LONG_DOMAIN).pk).toBe(`ORGKEY#webDomain#${LONG_DOMAIN}`);
    expect(orgKey('taxId', LONG_TAX_ID).pk).toBe(`ORGKEY#taxId#${LONG_TAX_ID}`);
  });

  it('the longest e-mail address, the longest idempotency key and an outsized event id', () => {
    const email = addPartnerUserSchema.shape.email.parse(LONG_EMAIL);
    expect(email).toHaveLength(254);
    expect(emailKey(email)).toEqual({ pk: `USER_EMAIL#${email}`, sk: 'CONSTRAINT' });
    expectWithinLimits(emailKey(email));
    const key = `POST /applications#anonymous@203.0.113.9#${'~'.repeat(128)}`;
    expect(utf8Length(idempotencyPk(`channelbase-onboarding-api#${key}`))).toBeLessThanOrEqual(MAX_PARTITION_KEY_BYTES);
    expect(utf8Length(idempotencyPk('x'.repeat(5000)))).toBeLessThanOrEqual(MAX_PARTITION_KEY_BYTES);
    expect(utf8Length(consumedKey('provision-identity', '\uFDFA'.repeat(2000)))).toBeLessThanOrEqual(MAX_PARTITION_KEY_BYTES);
    expect(consumedKey('provision-identity', 'evt_1')).toBe('CONSUMED#provision-identity#evt_1');
  });

  it('a partner item’s index keys, with the longest tier and domain', () => {
    for (const [name, value] of partnerKeyAttributes('\uFDFA'.repeat(200), LONG_DOMAIN, `t${'9'.repeat(39)}`)) {
      expect(utf8Length(value), name).toBeLessThanOrEqual(name.endsWith('sk') ? MAX_SORT_KEY_BYTES : MAX_PARTITION_KEY_BYTES);
    }
  });
});

describe('keys within DynamoDB limits, for any value the schemas accept (fast-check)', () => {
  const seed = Number(process.env.FC_SEED ?? 8);
  const numRuns = 200;
  beforeAll(() => console.log(`fast-check seed ${seed} (FC_SEED=${seed} reproduces a run), ${numRuns} runs`));

  /** Arbitrary text, heavy in the characters normalisation expands most. */
  const legalNames = fc
    .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...EXPANDING) }, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), {
      minLength: 1,
      maxLength: 200,
    })
    .map((parts) => parts.join(''))
    .map((s) => (s.length > 200 ? [...s].slice(0, 100).join('') : s))
    .filter((s) => company.legalName.safeParse(s).success);
  const labels = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
  const domains = fc
    .tuple(fc.array(labels, { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[a-z]{2,63}$/))
    .map(([ls, tld]) => [...ls, tld].join('.'))
    .filter((d) => profileShape.webDomain.safeParse(d).success);
  const taxIds = fc.option(
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ./-]{1,39}$/).filter((t) => company.taxId.safeParse(t).success),
    { nil: undefined },
  );
  const emails = fc.emailAddress().filter((e) => addPartnerUserSchema.shape.email.safeParse(e).success);

  it('organisation identity keys and the e-mail claim', () => {
    fc.assert(
      fc.property(legalNames, domains, taxIds, emails, (legalName, webDomain, taxId, email) => {
        const parsed = company.legalName.parse(legalName);
        const keys = organisationKeys({ legalName: parsed, webDomain: profileShape.webDomain.parse(webDomain), taxId }, psl);
        for (const [on, value] of orgKeyList(keys)) {
          const key = orgKey(on, value);
          expectWithinLimits(key);
          // Deterministic: the duplicate check finds the same item again.
          expect(orgKey(on, value)).toEqual(key);
        }
        expectWithinLimits(emailKey(addPartnerUserSchema.shape.email.parse(email)));
      }),
      { seed, numRuns },
    );
  });

  it('a partner item’s table and index keys', () => {
    fc.assert(
      fc.property(legalNames, domains, fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,39}$/), { nil: null }), (legalName, webDomain, tier) => {
        for (const [name, value] of partnerKeyAttributes(legalName, webDomain, tier)) {
          expect(utf8Length(value), name).toBeLessThanOrEqual(name.endsWith('sk') ? MAX_SORT_KEY_BYTES : MAX_PARTITION_KEY_BYTES);
        }
      }),
      { seed, numRuns },
    );
  });
});
