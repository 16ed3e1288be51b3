/**
 * Organisation identity: the values that tell whether two organisations are the same one (a
 * partner, or an applicant that wants to become one). The partners context owns the rules here and
 * the identity-key items that hold them (functions/partners/org-keys.ts); onboarding asks it.
 */

import { INVISIBLE_CHARACTER } from '../kernel/text.ts';

/** What organisation matching needs of the Public Suffix List (the `tldts` library). */
export interface PublicSuffixList {
  getDomain(host: string, options: { allowPrivateDomains: boolean }): string | null;
}

let loading: Promise<PublicSuffixList> | undefined;

/**
 * The Public Suffix List, from the maintained `tldts` package. It is about 120 KB of data, so
 * it is loaded on first use rather than when a Lambda starts: most requests never match
 * organisations (measured by `npm run bench`, bundles part).
 */
export const publicSuffixList = (): Promise<PublicSuffixList> => (loading ??= import('tldts'));

/**
 * The registrable domain (public suffix + one label) of a web domain, from the Public Suffix
 * List including its private section: `sales.acme.co.uk` → `acme.co.uk`, `shop.acme.github.io`
 * → `acme.github.io` (a hosting customer, not github.io).
 */
export function registrableDomain(webDomain: string, psl: PublicSuffixList): string {
  const host = webDomain.toLowerCase().replace(/\.$/, '');
  return psl.getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** A tax id as compared: upper case, without spaces and separators (`de 123.456-789` → `DE123456789`). */
export const normaliseTaxId = (taxId: string): string => taxId.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Legal-form words that do not tell two organisations apart (`Acme Ltd` is `ACME Limited`). */
const LEGAL_FORMS = new Set([
  'ab',
  'ag',
  'as',
  'asa',
  'bv',
  'bvba',
  'co',
  'company',
  'corp',
  'corporation',
  'cv',
  'eg',
  'ek',
  'gbr',
  'gmbh',
  'inc',
  'incorporated',
  'kft',
  'kg',
  'kk',
  'limited',
  'llc',
  'llp',
  'lp',
  'ltd',
  'ltda',
  'mbh',
  'nv',
  'oy',
  'oyj',
  'plc',
  'pte',
  'pty',
  'sa',
  'sac',
  'sarl',
  'sas',
  'se',
  'sl',
  'spa',
  'sp',
  'srl',
  'sro',
  'zoo',
  'ug',
  'the',
  'and',
]);

/**
 * A legal name as compared: case, accents, punctuation and legal forms removed,
 * e.g. `Northwind Systems GmbH & Co. KG` → `northwind systems`.
 */
export function normaliseLegalName(name: string): string {
  const words = name
    // Invisible characters are refused in names; dropped here too, so that one stored before
    // (or reaching this another way) cannot split a word: `Ac\u200Bme` is `Acme`.
    .replace(INVISIBLE_CHARACTER, '')
    .normalize('NFKD')
    .replace(INVISIBLE_CHARACTER, '')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    // Abbreviations lose their dots: `S.A.` is `SA`, `Co.` is `Co`.
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w && !LEGAL_FORMS.has(w));
  return words.join(' ');
}

/** The identifying values an organisation is matched on; each is one key lookup, never a scan. */
export interface OrganisationKeys {
  webDomain: string;
  taxId?: string;
  legalName?: string;
}

export function organisationKeys(org: { webDomain: string; taxId?: string | undefined; legalName: string }, psl: PublicSuffixList): OrganisationKeys {
  const legalName = normaliseLegalName(org.legalName);
  return {
    webDomain: registrableDomain(org.webDomain, psl),
    ...(org.taxId && normaliseTaxId(org.taxId).length >= 4 ? { taxId: normaliseTaxId(org.taxId) } : {}),
    // A name that is nothing but legal forms ("The Company Ltd") identifies nobody.
    ...(legalName.length >= 3 ? { legalName } : {}),
  };
}
