import { describe, expect, it } from 'vitest';
import { normaliseLegalName, normaliseTaxId, organisationKeys, registrableDomain } from './checks.ts';

describe('organisation matching keys', () => {
  it.each([
    ['sales.acme.co.uk', 'acme.co.uk'],
    ['acme.co.uk', 'acme.co.uk'],
    ['www.acme.com', 'acme.com'],
    ['a.b.acme.com.au', 'acme.com.au'],
    ['shop.acme.github.io', 'acme.github.io'],
    ['northwind.example', 'northwind.example'],
  ])('%s has the registrable domain %s', (host, domain) => {
    expect(registrableDomain(host)).toBe(domain);
  });

  it('does not collapse different organisations under one public suffix', () => {
    expect(registrableDomain('acme.co.uk')).not.toBe(registrableDomain('globex.co.uk'));
    expect(registrableDomain('acme.github.io')).not.toBe(registrableDomain('globex.github.io'));
  });

  it('normalises tax ids and legal names', () => {
    expect(normaliseTaxId('de 123.456-789')).toBe('DE123456789');
    expect(normaliseLegalName('Northwind Systems GmbH & Co. KG')).toBe('northwind systems');
    expect(normaliseLegalName('NORTHWIND  systems gmbh')).toBe('northwind systems');
    expect(normaliseLegalName('Société Générale S.A.')).toBe('societe generale');
    expect(normaliseLegalName('Acme Ltd')).toBe(normaliseLegalName('ACME Limited'));
  });

  it('leaves out keys that identify nobody', () => {
    expect(organisationKeys({ webDomain: 'x.example', legalName: 'The Company Ltd', taxId: '1 2' })).toEqual({ webDomain: 'x.example' });
  });
});
