import { randomUUID } from 'node:crypto';
import type { MatrixSamples } from '../../test/support/matrix.ts';

/** A valid lead body (fresh externalId), not routed: the matrix checks who may reach each route, not routing. */
const leadBody = () => ({
  company: { name: 'Matrix Brewery AG' },
  country: 'DE',
  region: 'DE-BY',
  productLines: ['networking'],
  contact: { name: 'Mat Rix', email: 'mat.rix@brewery.example' },
  source: 'matrix',
  externalId: `matrix-${randomUUID()}`,
  route: false,
});

/**
 * The authorisation matrix's samples for leads' routes (test/support/matrix.ts). Each path gets a
 * fresh lead (new, not offered): answering its offer or moving its status is 409, which counts
 * as reached; a partner user gets 404 for it, as for a lead of another organisation.
 */
export default {
  bodies: {
    createLead: () => leadBody(),
    createLeadBatch: () => ({ leads: [leadBody(), { company: {} }] }),
    listLeads: undefined,
    getLead: undefined,
    acceptLead: () => ({}),
    rejectLead: () => ({ reason: 'not-a-fit', text: 'Matrix check' }),
    changeLeadStatus: () => ({ status: 'contacted' }),
    addLeadNote: () => ({ text: 'Matrix note' }),
    listLeadNotes: undefined,
    routeLead: undefined,
    getLeadRouting: undefined,
    getRoutingSettings: undefined,
    putRoutingSettings: () => ({
      weights: { tier: 3, certification: 2, distance: 2, load: 3, acceptanceRate: 2, timeToAccept: 1, winRate: 2 },
      offerSlaHours: 48,
      maxOffers: 3,
      staleDays: 7,
    }),
  },
  pathParams: {
    'leads.id': async (_org, _route, f) => {
      const res = await f.vendor.call('POST', '/leads', { body: leadBody() });
      if (res.status !== 201) throw new Error(`matrix: could not create a lead: ${res.text}`);
      return res.body.id as string;
    },
  },
} satisfies MatrixSamples;
