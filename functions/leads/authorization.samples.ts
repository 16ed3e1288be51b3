import { randomUUID } from 'node:crypto';
import type { MatrixFixtures, MatrixSamples, Org } from '../../test/support/matrix.ts';

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

const expectStatus = (res: { status: number; text: string }, status: number, what: string) => {
  if (res.status !== status) throw new Error(`matrix: ${what}: ${res.status} ${res.text}`);
};

/** One accepted lead per organisation, made once: what its users read (a lead of another organisation is 404 to them). */
const owned = new Map<string, Promise<string>>();

/**
 * A lead owned by the organisation: the partner serves a territory of its own (LI-<last three
 * characters of its id>) with capacity, the lead is routed to it and accepted on its behalf by the
 * vendor. A suspended partner is reactivated for this and suspended again before the call.
 */
async function ownedLead(org: Org, f: MatrixFixtures): Promise<string> {
  const vendor = f.vendor;
  const read = await vendor.call('GET', `/partners/${org.id}`);
  if (read.status !== 200 || read.body.status === 'terminated') return freshLead(f);
  const suspended = read.body.status === 'suspended';
  if (suspended) expectStatus(await vendor.call('POST', `/partners/${org.id}/reactivate`, { body: { reason: 'Matrix: lead fixture' } }), 200, 'reactivate');
  const territory = `LI-${org.id.slice(-3)}`;
  const etag = (await vendor.call('GET', `/partners/${org.id}`)).headers.get('etag')!;
  const patch = await vendor.call('PATCH', `/partners/${org.id}`, {
    body: { territories: [territory], specialisations: ['networking'], leadCapacity: 1000 },
    headers: { 'if-match': etag },
  });
  expectStatus(patch, 200, 'give the partner a territory');
  await f.drain();
  const lead = await vendor.call('POST', '/leads', { body: { ...leadBody(), country: 'LI', region: territory, route: true } });
  expectStatus(lead, 201, 'create a lead');
  if (lead.body.partnerId !== org.id) {
    if (suspended) await vendor.call('POST', `/partners/${org.id}/suspend`, { body: { reason: 'Matrix: suspended' } });
    return lead.body.id as string;
  }
  expectStatus(await vendor.call('POST', `/leads/${lead.body.id}/accept`, { body: {} }), 200, 'accept the lead');
  if (suspended) expectStatus(await vendor.call('POST', `/partners/${org.id}/suspend`, { body: { reason: 'Matrix: suspended' } }), 200, 'suspend again');
  return lead.body.id as string;
}

async function freshLead(f: MatrixFixtures): Promise<string> {
  const res = await f.vendor.call('POST', '/leads', { body: leadBody() });
  expectStatus(res, 201, 'create a lead');
  return res.body.id as string;
}

/**
 * The authorisation matrix's samples for leads' routes (test/support/matrix.ts). A read gets the
 * lead the organisation owns (so its users reach it, and another organisation's users get 404);
 * a command gets a fresh lead (new, not offered): answering its offer or moving its status is 409,
 * which counts as reached.
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
    'leads.id': (org, route, f) => {
      if (route.method !== 'GET') return freshLead(f);
      if (!owned.has(org.id)) owned.set(org.id, ownedLead(org, f));
      return owned.get(org.id)!;
    },
  },
  // Every user of a partner reads the leads offered to or owned by its organisation, and their notes.
  openToEveryRole: ['listLeads', 'getLead', 'listLeadNotes'],
} satisfies MatrixSamples;
