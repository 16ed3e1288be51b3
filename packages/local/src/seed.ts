import { createHash } from 'node:crypto';
import type { LocalStack } from './stack.ts';

const DEMO_PARTNERS = [
  { legalName: 'Northwind Systems GmbH', webDomain: 'northwind.example', country: 'DE', type: 'reseller', tier: 'gold', territories: ['DE', 'AT'], specialisations: ['networking'], leadCapacity: 20 },
  { legalName: 'Contoso Distribution SAS', webDomain: 'contoso.example', country: 'FR', type: 'distributor', tier: 'platinum', territories: ['FR', 'BE'], leadCapacity: 50 },
  { legalName: 'Fabrikam Managed Services Inc.', webDomain: 'fabrikam.example', country: 'US', type: 'msp', territories: ['US-CA', 'US-WA'], specialisations: ['security', 'cloud'], leadCapacity: 10 },
];

/**
 * Fills an empty local table with demo partners and users, through the API itself, so the
 * data carries its events and audit entries like any other. Returns false if data was there.
 */
export async function seedDemo(stack: LocalStack): Promise<boolean> {
  const token = await stack.token({ sub: 'demo-seed', roles: ['vendor-admin'] });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `seed-${createHash('sha256').update(`${method} ${path} ${JSON.stringify(body ?? '')}`).digest('hex')}` },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`seed: ${method} ${path} → ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string; items?: unknown[] }>;
  };
  const existing = await call('GET', '/partners?limit=1');
  if (existing.items?.length) return false;
  const ids: string[] = [];
  for (const p of DEMO_PARTNERS) ids.push((await call('POST', '/partners', p)).id);
  await call('POST', `/partners/${ids[0]}/users`, { email: 'ada@northwind.example', givenName: 'Ada', familyName: 'Admin', roles: ['partner-admin'] });
  await call('POST', `/partners/${ids[0]}/users`, { email: 'sam@northwind.example', givenName: 'Sam', familyName: 'Seller', roles: ['partner-sales'] });
  await stack.drain();
  return true;
}
