import { randomUUID } from 'node:crypto';
import type { Caller } from './stack.ts';

/** A calendar date `days` from today (UTC). */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A valid registration body for a fresh customer; override parts per test. */
export function dealBody(overrides: { customer?: Record<string, unknown>; [k: string]: unknown } = {}) {
  const tag = randomUUID().slice(0, 8);
  const { customer, ...rest } = overrides;
  return {
    customer: { legalName: `Customer ${tag} Ltd`, webDomain: `customer-${tag}.example`, country: 'GB', ...customer },
    contact: { name: 'Jo Bloggs', email: `jo-${tag}@customer.example` },
    lines: [{ productLine: 'networking', products: ['Edge Router X2'] }],
    value: { amountMinor: 500_000, currency: 'EUR' },
    expectedCloseDate: inDays(60),
    description: 'Branch refresh',
    ...rest,
  };
}

/** A registration for `partnerId` made by a vendor role on its behalf; its id. */
export async function registerFor(vendor: Caller, partnerId: string, overrides: Parameters<typeof dealBody>[0] = {}): Promise<string> {
  const res = await vendor.call('POST', '/deals', { body: { ...dealBody(overrides), partnerId } });
  if (res.status !== 201) throw new Error(`register deal: ${res.status} ${res.text}`);
  return res.body.id as string;
}

/** A registration approved by a vendor role; its id. */
export async function approvedFor(vendor: Caller, partnerId: string): Promise<string> {
  const id = await registerFor(vendor, partnerId);
  const res = await vendor.call('POST', `/deals/${id}/approve`, { body: {} });
  if (res.status !== 200) throw new Error(`approve deal: ${res.status} ${res.text}`);
  return id;
}
