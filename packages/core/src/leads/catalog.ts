import { examplePartner } from '../partners/index.ts';
import {
  LeadAccepted,
  LeadCreated,
  LeadOfferExpired,
  LeadOfferWithdrawn,
  LeadOffered,
  LeadRejected,
  LeadReturnedToPool,
  LeadRouted,
  LeadStale,
  LeadStatusChanged,
  RoutingSettingsChanged,
} from './events.ts';
import { leadSummary } from './lifecycle.ts';
import type { Lead } from './model.ts';

/** A fixed sample lead for documentation (the event catalogue's examples). */
export const exampleLead: Lead = {
  id: 'lead_01JD41A1B2C3D4E5F6G7H8J9K0',
  status: 'new',
  company: { name: 'Brauerei Huber AG', webDomain: 'huber-brau.example' },
  country: 'DE',
  region: 'DE-BY',
  postalCode: '80331',
  coordinates: { lat: 48.14, lon: 11.58 },
  productLines: ['networking'],
  estimatedValue: { amountMinor: 4_500_000, currency: 'EUR' },
  valueBand: '10k-50k EUR',
  contact: { name: 'Jonas Weber', email: 'jonas.weber@huber-brau.example', phone: '+49 89 1234567' },
  source: 'webinar-2026-11',
  externalId: 'crm-00042917',
  notes: null,
  partnerId: null,
  assignedUserId: null,
  offer: null,
  offerCount: 0,
  declined: [],
  pool: null,
  acceptedAt: null,
  lostReason: null,
  dealRegistrationId: null,
  routingSettingsVersion: null,
  createdAt: '2026-11-25T09:00:00.000Z',
  updatedAt: '2026-11-25T09:00:00.000Z',
  version: 1,
};

const offer = { partnerId: examplePartner.id, offeredAt: '2026-11-25T09:00:00.000Z', expiresAt: '2026-11-27T09:00:00.000Z', number: 1 };
const offered = { ...exampleLead, status: 'offered' as const, partnerId: examplePartner.id, offer, offerCount: 1, routingSettingsVersion: 1, version: 2 };
const accepted = { ...offered, status: 'accepted' as const, offer: null, acceptedAt: '2026-11-25T15:30:00.000Z', version: 3 };

/** Each event of the context with the example data the catalogue publishes for it. */
export const leadEventExamples = [
  { event: LeadCreated, data: { lead: leadSummary(exampleLead) } },
  {
    event: LeadRouted,
    data: {
      leadId: exampleLead.id,
      trigger: 'created',
      outcome: 'offered',
      partnerId: examplePartner.id,
      reason: null,
      settingsVersion: 1,
      candidates: 4,
      excluded: 1,
    },
  },
  { event: LeadOffered, data: { lead: leadSummary(offered), offer } },
  {
    event: LeadAccepted,
    data: { lead: leadSummary(accepted), partnerId: examplePartner.id, acceptedAt: accepted.acceptedAt, assignedUserId: null, secondsToAccept: 23_400 },
  },
  { event: LeadRejected, data: { leadId: exampleLead.id, partnerId: examplePartner.id, reason: 'not-a-fit', text: 'We do not serve breweries.' } },
  { event: LeadOfferExpired, data: { leadId: exampleLead.id, partnerId: examplePartner.id, offeredAt: offer.offeredAt, expiresAt: offer.expiresAt } },
  {
    event: LeadOfferWithdrawn,
    data: { leadId: exampleLead.id, partnerId: examplePartner.id, reason: 'partner-terminated: the partner was terminated', offeredAt: offer.offeredAt },
  },
  {
    event: LeadReturnedToPool,
    data: {
      lead: leadSummary({ ...exampleLead, status: 'unassigned', offerCount: 3, version: 8 }),
      reason: 'max-offers: offered to the maximum number of partners without acceptance',
      offers: 3,
    },
  },
  {
    event: LeadStatusChanged,
    data: {
      leadId: exampleLead.id,
      partnerId: examplePartner.id,
      from: 'qualified',
      to: 'converted',
      reason: null,
      dealRegistrationId: 'deal_01JD42A1B2C3D4E5F6G7H8J9K0',
    },
  },
  { event: LeadStale, data: { leadId: exampleLead.id, partnerId: examplePartner.id, status: 'accepted', lastUpdatedAt: accepted.acceptedAt, staleDays: 7 } },
  { event: RoutingSettingsChanged, data: { version: 2, changes: [{ field: 'offerSlaHours', from: 48, to: 24 }] } },
] as const;
