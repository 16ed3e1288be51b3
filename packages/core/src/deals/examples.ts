import { examplePartner } from '../partners/index.ts';
import { DEFAULT_DEAL_RULES, type Deal } from './model.ts';

/** Fixed sample records for documentation (the event catalogue's examples). */
export const exampleDeal: Deal = {
  id: 'deal_01JD41B2C3D4E5F6G7H8J9K0MN',
  partnerId: examplePartner.id,
  secondPartner: { partnerId: 'ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3B', role: 'distributor' },
  customer: { legalName: 'Acme Health Ltd', webDomain: 'eu.acmehealth.example', country: 'GB' },
  contact: { name: 'Jo Bloggs', email: 'jo.bloggs@acmehealth.example' },
  lines: [{ productLine: 'networking', products: ['Edge Router X2'] }],
  value: { amountMinor: 4_500_000, currency: 'EUR' },
  expectedCloseDate: '2027-03-31',
  description: 'Branch network refresh, 40 sites',
  leadId: null,
  status: 'submitted',
  verdict: 'no-conflict',
  rulesVersion: DEFAULT_DEAL_RULES.version,
  reviewDueAt: '2026-12-03T09:00:00.000Z',
  reviewReminded: false,
  reviewEscalated: false,
  decision: null,
  benefit: null,
  protection: null,
  closing: null,
  registeredBy: { sub: 'usr_01JD3Z9B7C2D4E6F8G0H1J2K3M', roles: ['partner-sales'] },
  submittedAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  version: 1,
};

const by = { sub: 'cm-7', roles: ['channel-manager'] };
export const exampleApprovedDeal: Deal = {
  ...exampleDeal,
  status: 'approved',
  decision: { outcome: 'approved', by, at: '2026-12-01T15:00:00.000Z', reason: null, policy: 'standard', rulesVersion: 0 },
  benefit: DEFAULT_DEAL_RULES.benefit,
  protection: { running: true, startsAt: '2026-12-01T15:00:00.000Z', expiresAt: '2027-03-01T15:00:00.000Z', extended: false, releasedAt: null },
  updatedAt: '2026-12-01T15:00:00.000Z',
  version: 2,
};
