import { randomUUID } from 'node:crypto';
import { commitChanges, runtimeClock as clock } from '@channelbase/platform';
import type { MatrixSamples } from '../../test/support/matrix.ts';
import { requestIdentityChange } from './commands.ts';
import { getPartner } from './repository.ts';

const tag = (n: number) => randomUUID().slice(0, n);

/** The authorisation matrix's samples for partners' routes (test/support/matrix.ts). */
export default {
  bodies: {
    createPartner: (f) => f.partnerBody(),
    listPartners: undefined,
    getPartner: undefined,
    updatePartner: () => ({ displayName: `Renamed ${tag(4)}` }),
    suspendPartner: () => ({ reason: 'Matrix check' }),
    reactivatePartner: () => ({ reason: 'Matrix check' }),
    terminatePartner: () => ({ reason: 'Matrix check' }),
    listPartnerUsers: undefined,
    addPartnerUser: () => ({ email: `m-${tag(8)}@acme.example`, givenName: 'Mat', familyName: 'Rix', roles: ['partner-user'] }),
    getPartnerUser: undefined,
    updatePartnerUser: () => ({ givenName: `Mat${tag(4)}` }),
    getPartnerHistory: undefined,
    listChangeRequests: undefined,
    approveChangeRequest: undefined,
    rejectChangeRequest: () => ({ reason: 'Matrix check' }),
    getTiers: undefined,
    putTiers: () => ({ items: [{ key: 'gold', name: 'Gold' }] }),
    getProductLines: undefined,
    putProductLines: () => ({ items: [{ key: 'networking', name: 'Networking' }] }),
  },
  pathParams: {
    // Terminating is final: a vendor reaching the route terminates a partner made for that call.
    'partners.id': (org, route, f) => (route.operationId === 'terminatePartner' && org === f.vendorOrg ? f.freshPartner() : org.id),
    'partners.userId': (org) => org.userId,
    // A fresh pending request (its partner admin asked for a new legal name) for each call: deciding is final.
    'partners.changeRequestId': async (org) => {
      const partner = await getPartner(org.id);
      const actor = { sub: org.adminUserId, userId: org.adminUserId, roles: ['partner-admin'] };
      const request = requestIdentityChange(partner, [{ field: 'legalName', from: partner.legalName, to: `Renamed ${tag(8)} GmbH` }], { actor, clock });
      await commitChanges(request);
      return request.record.id;
    },
  },
  // Every partner's users see their own partner's profile.
  openToEveryRole: ['getPartner'],
} satisfies MatrixSamples;
