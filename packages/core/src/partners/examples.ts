import type { Partner, PartnerUser } from './model.ts';

/** Fixed sample records for documentation (the event catalogue's examples). */
export const examplePartner: Partner = {
  id: 'ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A',
  legalName: 'Northwind Systems GmbH',
  displayName: 'Northwind',
  webDomain: 'northwind.example',
  country: 'DE',
  locations: [{ name: 'Head office', country: 'DE', region: 'Bayern', city: 'München', postalCode: '80331', coordinates: { lat: 48.137, lon: 11.575 } }],
  territories: ['DE', 'AT'],
  specialisations: ['networking'],
  leadCapacity: 20,
  customAttributes: { erpAccount: 'C-10442' },
  type: 'reseller',
  tier: 'gold',
  channelManagerId: 'cm-7',
  status: 'active',
  statusReason: null,
  suspendedFrom: null,
  createdAt: '2026-11-02T09:15:00.000Z',
  updatedAt: '2026-11-02T09:15:00.000Z',
  version: 1,
};

export const examplePartnerUser: PartnerUser = {
  id: 'usr_01JD3Z9B7C2D4E6F8G0H1J2K3M',
  partnerId: examplePartner.id,
  email: 'ada@northwind.example',
  givenName: 'Ada',
  familyName: 'Admin',
  roles: ['partner-admin'],
  status: 'active',
  disabledBy: null,
  sessionsRevokedAt: null,
  invitation: { status: 'pending', expiresAt: '2026-11-09T09:20:00.000Z' },
  createdAt: '2026-11-02T09:20:00.000Z',
  updatedAt: '2026-11-02T09:20:00.000Z',
  version: 1,
};
