import { createHash } from 'node:crypto';
import type { LocalStack } from './stack.ts';

const DEMO_PARTNERS = [
  {
    legalName: 'Northwind Systems GmbH',
    webDomain: 'northwind.example',
    country: 'DE',
    type: 'reseller',
    tier: 'gold',
    territories: ['DE', 'AT'],
    specialisations: ['networking'],
    leadCapacity: 20,
  },
  {
    legalName: 'Contoso Distribution SAS',
    webDomain: 'contoso.example',
    country: 'FR',
    type: 'distributor',
    tier: 'platinum',
    territories: ['FR', 'BE'],
    leadCapacity: 50,
  },
  {
    legalName: 'Fabrikam Managed Services Inc.',
    webDomain: 'fabrikam.example',
    country: 'US',
    type: 'msp',
    territories: ['US-CA', 'US-WA'],
    specialisations: ['security', 'cloud'],
    leadCapacity: 10,
  },
];

/** The programme vocabulary of the demo: tiers highest first, and the product lines partners specialise in. */
const DEMO_TIERS = [
  { key: 'platinum', name: 'Platinum' },
  { key: 'gold', name: 'Gold' },
  { key: 'silver', name: 'Silver' },
  { key: 'registered', name: 'Registered' },
];
const DEMO_PRODUCT_LINES = [
  { key: 'networking', name: 'Networking' },
  { key: 'security', name: 'Security' },
  { key: 'cloud', name: 'Cloud' },
  { key: 'storage', name: 'Storage' },
];

/**
 * Fills an empty local table with the programme's tiers and product lines, demo partners and users, a programme agreement and two
 * pending applications (one flagged as a duplicate), through the API itself, so the
 * data carries its events and audit entries like any other. Returns false if data was there.
 */
export async function seedDemo(stack: LocalStack): Promise<boolean> {
  const token = await stack.token({ sub: 'demo-seed', roles: ['vendor-admin'] });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers: {
        ...headers,
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `seed-${createHash('sha256')
          .update(`${method} ${path} ${JSON.stringify(body ?? '')}`)
          .digest('hex')}`,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`seed: ${method} ${path} → ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string; items?: unknown[] }>;
  };
  const existing = await call('GET', '/partners?limit=1');
  if (existing.items?.length) return false;
  // The vocabulary first: partners may only use defined tiers and product lines.
  await call('PUT', '/programme/tiers', { items: DEMO_TIERS }, { 'if-match': '"tiers.v0"' });
  await call('PUT', '/programme/product-lines', { items: DEMO_PRODUCT_LINES }, { 'if-match': '"product-lines.v0"' });
  const ids: string[] = [];
  for (const p of DEMO_PARTNERS) ids.push((await call('POST', '/partners', p)).id);
  await call('POST', `/partners/${ids[0]}/users`, { email: 'ada@northwind.example', givenName: 'Ada', familyName: 'Admin', roles: ['partner-admin'] });
  await call('POST', `/partners/${ids[0]}/users`, { email: 'sam@northwind.example', givenName: 'Sam', familyName: 'Seller', roles: ['partner-sales'] });
  await call('POST', '/programme/agreements', {
    title: 'Channel Partner Agreement',
    text: 'Demo agreement: the partner sells the vendor’s products under the programme rules.',
  });
  const address = { line1: '1 High Street', city: 'Leeds', postalCode: 'LS1 1AA' };
  // A new organisation, and one the duplicate check flags (same registrable domain as Northwind).
  await call('POST', '/applications', {
    company: { legalName: 'Globex Networks Ltd', webDomain: 'globex.example', country: 'GB', address, taxId: 'GB123456789' },
    partnerType: 'reseller',
    products: ['networking'],
    territories: ['GB'],
    contact: { givenName: 'Grace', familyName: 'Hopper', email: 'grace@globex.example' },
  });
  await call('POST', '/applications', {
    company: {
      legalName: 'Northwind Sales GmbH',
      webDomain: 'sales.northwind.example',
      country: 'DE',
      address: { line1: 'Marienplatz 1', city: 'München' },
      taxId: 'DE987654321',
    },
    partnerType: 'reseller',
    products: ['networking'],
    territories: ['DE'],
    contact: { givenName: 'Nora', familyName: 'North', email: 'nora@sales.northwind.example' },
  });
  await stack.drain();
  return true;
}
