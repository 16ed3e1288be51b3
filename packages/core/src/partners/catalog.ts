import {
  PartnerActivated,
  PartnerCreated,
  PartnerReactivated,
  PartnerSuspended,
  PartnerTerminated,
  PartnerUpdated,
  PartnerUserAdded,
  PartnerUserEmailConflict,
  PartnerUserUpdated,
  PartnerChangeApproved,
  PartnerChangeRejected,
  PartnerChangeRequested,
  ProductLinesChanged,
  TiersChanged,
} from './events.ts';
import { examplePartner as partner, examplePartnerUser as user } from './examples.ts';

const later = { ...partner, updatedAt: '2026-11-20T14:03:00.000Z', version: 2 };
const request = {
  id: 'chg_01JD3ZA1B2C3D4E5F6G7H8J9K0',
  partnerId: partner.id,
  status: 'pending' as const,
  changes: [{ field: 'legalName' as const, from: partner.legalName, to: 'Northwind Systems AG' }],
  requestedBy: { sub: user.id, roles: ['partner-admin'] },
  requestedAt: '2026-11-21T10:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  reason: null,
  version: 1,
};
const decided = { decidedBy: { sub: 'usr_01JD3Z5M2N3P4Q5R6S7T8V9W0X', roles: ['channel-manager'] }, decidedAt: '2026-11-22T08:30:00.000Z', version: 2 };

/** Each event of the context with the example data the catalogue publishes for it. */
export const partnerEventExamples = [
  { event: PartnerCreated, data: { partner } },
  { event: PartnerUpdated, data: { partner: { ...later, tier: 'platinum' }, changes: [{ field: 'tier', from: 'gold', to: 'platinum' }] } },
  {
    event: PartnerActivated,
    data: { partner: { ...later, statusReason: 'agreement-accepted' }, agreementId: 'agr_01JD3Z8A1B2C3D4E5F6G7H8J9K' },
  },
  {
    event: PartnerSuspended,
    data: { partner: { ...later, status: 'suspended', statusReason: 'Unpaid invoices', suspendedFrom: 'active' }, reason: 'Unpaid invoices' },
  },
  { event: PartnerReactivated, data: { partner: { ...later, version: 3, statusReason: 'Invoices paid' }, reason: 'Invoices paid' } },
  {
    event: PartnerTerminated,
    data: { partner: { ...later, version: 4, status: 'terminated', statusReason: 'agreement-not-accepted' }, reason: 'agreement-not-accepted' },
  },
  { event: PartnerUserAdded, data: { user } },
  { event: PartnerChangeRequested, data: { request } },
  { event: PartnerChangeApproved, data: { request: { ...request, ...decided, status: 'approved' } } },
  { event: PartnerChangeRejected, data: { request: { ...request, ...decided, status: 'rejected', reason: 'The tax id does not match the registry' } } },
  {
    event: PartnerUserEmailConflict,
    data: {
      user: { ...user, email: 'grace@globex.example' },
      heldBy: { kind: 'partner', partnerId: 'ptr_01JD3Z7Q4R5S6T7V8W9X0Y1Z2A', userId: 'usr_01JD3Z6N3P4Q5R6S7T8V9W0X1Y' },
    },
  },
  {
    event: PartnerUserUpdated,
    data: {
      user: { ...user, roles: ['partner-admin', 'partner-sales'], version: 2 },
      changes: [{ field: 'roles', from: ['partner-admin'], to: ['partner-admin', 'partner-sales'] }],
    },
  },
  {
    event: TiersChanged,
    data: {
      items: [
        { key: 'platinum', name: 'Platinum' },
        { key: 'gold', name: 'Gold' },
        { key: 'silver', name: 'Silver Partner' },
      ],
      version: 3,
      updatedAt: '2026-11-20T14:03:00.000Z',
      added: ['platinum'],
      removed: ['bronze'],
      renamed: [{ key: 'silver', from: 'Silver', to: 'Silver Partner' }],
      reordered: false,
    },
  },
  {
    event: ProductLinesChanged,
    data: {
      items: [
        { key: 'networking', name: 'Networking' },
        { key: 'security', name: 'Security' },
        { key: 'cloud', name: 'Cloud' },
      ],
      version: 2,
      updatedAt: '2026-11-20T14:03:00.000Z',
      added: ['cloud'],
      removed: [],
      renamed: [],
      reordered: false,
    },
  },
] as const;
