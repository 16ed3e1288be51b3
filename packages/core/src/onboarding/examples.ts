import { examplePartner } from '../partners/index.ts';
import { DEFAULT_ONBOARDING_SETTINGS, type Agreement, type AgreementOffer, type Application, type Checklist } from './model.ts';

/** Fixed sample records for documentation (the event catalogue's examples). */
export const exampleApplication: Application = {
  id: 'app_01JD3Z7M2K8P4R6T0V2X4Z6B8D',
  status: 'pending',
  company: {
    legalName: 'Northwind Systems GmbH',
    tradingName: 'Northwind',
    webDomain: 'sales.northwind.example',
    country: 'DE',
    address: { line1: 'Marienplatz 1', city: 'München', region: 'Bayern', postalCode: '80331' },
    taxId: 'DE 123 456 789',
  },
  partnerType: 'reseller',
  products: ['networking', 'security'],
  territories: ['DE', 'AT'],
  contact: { givenName: 'Ada', familyName: 'Admin', email: 'ada@northwind.example', jobTitle: 'Managing Director' },
  checks: {
    duplicate: { passed: true, matches: [] },
    requiredFields: { passed: true, missing: [] },
    country: { passed: true, allowed: null },
  },
  flagged: false,
  reviewSlaDays: 3,
  reviewDueAt: '2026-11-04T08:00:00.000Z',
  remindersSent: 0,
  decision: null,
  submittedAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  version: 1,
};

export const exampleAgreement: Agreement = {
  id: 'agr_01JD3Z8A1B2C3D4E5F6G7H8J9K',
  title: 'Channel Partner Agreement',
  agreementVersion: 3,
  text: null,
  documentUrl: 'https://docs.vendor.example/partner-agreement-v3.pdf',
  documentSha256: null,
  publishedAt: '2026-10-01T12:00:00.000Z',
  publishedBy: { sub: 'va-1', roles: ['vendor-admin'] },
};

export const exampleOffer: AgreementOffer = {
  partnerId: examplePartner.id,
  agreementId: 'agr_01JD3Z8A1B2C3D4E5F6G7H8J9K',
  title: 'Channel Partner Agreement',
  agreementVersion: 3,
  text: null,
  documentUrl: 'https://docs.vendor.example/partner-agreement-v3.pdf',
  documentSha256: null,
  status: 'offered',
  offeredAt: '2026-11-02T09:15:00.000Z',
  remindAt: '2026-11-09T09:15:00.000Z',
  expiresAt: '2026-11-16T09:15:00.000Z',
  remindedAt: null,
  acceptedAt: null,
  acceptedBy: null,
  updatedAt: '2026-11-02T09:15:00.000Z',
  version: 1,
};

export const exampleChecklist: Checklist = {
  partnerId: examplePartner.id,
  items: DEFAULT_ONBOARDING_SETTINGS.checklist.map((d) => ({
    id: d.id,
    title: d.title,
    kind: d.kind,
    definition: d,
    done: true,
    completedAt: '2026-11-20T10:00:00.000Z',
    completedBy: 'evt_01JD3ZC0000000000000000000',
  })),
  certifications: ['sales-fundamentals'],
  completedAt: '2026-11-20T10:00:00.000Z',
  createdAt: '2026-11-03T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  version: 4,
};
