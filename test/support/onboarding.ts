import { randomUUID } from 'node:crypto';
import type { Caller } from './stack.ts';

/** A valid application body; override parts per test. */
export function applicationBody(overrides: { company?: Record<string, unknown>; contact?: Record<string, unknown>; [k: string]: unknown } = {}) {
  const tag = randomUUID().slice(0, 8);
  const { company, contact, ...rest } = overrides;
  return {
    company: {
      legalName: `Globex ${tag} Ltd`,
      webDomain: `globex-${tag}.co.uk`,
      country: 'GB',
      address: { line1: '1 High Street', city: 'Leeds', postalCode: 'LS1 1AA' },
      taxId: `GB${tag.replace(/[^0-9]/g, '7').padEnd(9, '1')}`,
      ...company,
    },
    partnerType: 'reseller',
    products: ['networking'],
    territories: ['GB'],
    contact: { givenName: 'Grace', familyName: 'Hopper', email: `grace-${tag}@globex.example`, ...contact },
    ...rest,
  };
}

/** Publishes an agreement version (approval needs one) and returns it. */
export async function publishAgreement(admin: Caller, title = 'Channel Partner Agreement') {
  const res = await admin.call('POST', '/programme/agreements', { body: { title, text: 'The partner agrees to …' } });
  if (res.status !== 201) throw new Error(`publish agreement: ${res.status} ${res.text}`);
  return res.body as { id: string; agreementVersion: number };
}
