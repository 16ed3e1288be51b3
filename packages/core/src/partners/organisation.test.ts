import { describe, expect, it } from 'vitest';
import { normaliseLegalName, normaliseTaxId, organisationKeys, publicSuffixList, registrableDomain } from './organisation.ts';

const psl = await publicSuffixList();

describe('organisation matching keys', () => {
  it.each([
    ['sales.acme.co.uk', 'acme.co.uk'],
    ['acme.co.uk', 'acme.co.uk'],
    ['www.acme.com', 'acme.com'],
    ['a.b.acme.com.au', 'acme.com.au'],
    ['shop.acme.github.io', 'acme.github.io'],
    ['northwind.example', 'northwind.example'],
  ])('%s has the registrable domain %s', (host, domain) => {
    expect(registrableDomain(host, psl)).toBe(domain);
  });

  it('does not collapse different organisations under one public suffix', () => {
    expect(registrableDomain('acme.co.uk', psl)).not.toBe(registrableDomain('globex.co.uk', psl));
    expect(registrableDomain('acme.github.io', psl)).not.toBe(registrableDomain('globex.github.io', psl));
  });

  it('normalises tax ids and legal names', () => {
    expect(normaliseTaxId('de 123.456-789')).toBe('DE123456789');
    expect(normaliseLegalName('Northwind Systems GmbH & Co. KG')).toBe('northwind systems');
    expect(normaliseLegalName('NORTHWIND  systems gmbh')).toBe('northwind systems');
    expect(normaliseLegalName('Société Générale S.A.')).toBe('societe generale');
    expect(normaliseLegalName('Acme Ltd')).toBe(normaliseLegalName('ACME Limited'));
  });

  it('drops invisible characters, so that a look-alike name is the same name', () => {
    for (const c of ['\u200B', '\u200D', '\u00AD', '\u202E', '\u2066', '\uFEFF', '\u2060']) {
      expect(normaliseLegalName(`Ac${c}me Ltd`), JSON.stringify(c)).toBe('acme');
    }
  });

  it('leaves out keys that identify nobody', () => {
    expect(organisationKeys({ webDomain: 'x.example', legalName: 'The Company Ltd', taxId: '1 2' }, psl)).toEqual({ webDomain: 'x.example' });
  });
});
