import type { MatrixSamples } from '../../test/support/matrix.ts';
import { approvedFor, dealBody, inDays, registerFor } from '../../test/support/deals.ts';

/** A well-formed id of no registration (for a partner the fixture cannot register for: a terminated one). */
const NO_DEAL = 'deal_01ARZ3NDEKTSV4RRFFQ69G5FAV';

/**
 * The authorisation matrix's samples for deals' routes (test/support/matrix.ts). Each registration
 * is made by the vendor on behalf of the organisation the route is called for. A decision gets a
 * fresh registration (each decides once); won, lost and extend a fresh approved one; reversing a
 * win is reached by a 409 (the registration was not won: only its partner marks it won).
 */
const cached = new Map<string, Promise<string>>();
export default {
  bodies: {
    checkDealConflicts: () => ({ customer: { legalName: 'Matrix Customer Ltd', webDomain: 'matrix-customer.example' }, productLines: ['networking'] }),
    registerDeal: (f) => ({ ...dealBody(), partnerId: f.vendorOrg.id }),
    listDeals: undefined,
    getDeal: undefined,
    getDealConflicts: undefined,
    approveDeal: () => ({}),
    rejectDeal: () => ({ reason: 'Matrix check' }),
    extendDeal: undefined,
    markDealWon: () => ({ amount: { amountMinor: 400_000, currency: 'EUR' }, closeDate: inDays(0) }),
    markDealLost: () => ({ reason: 'Matrix check' }),
    reverseDealWin: () => ({ reason: 'Matrix check' }),
    getDealRules: undefined,
    putDealRules: () => ({
      autoApprove: { enabled: false, thresholds: [], tiers: [] },
      reviewSlaDays: 2,
      reminderAfterHours: 24,
      protectionDays: 90,
      extensionDays: 30,
      benefit: { extraDiscountPercent: 5, incentiveEligible: true },
      firstRegistrantWins: { enabled: false, reducedBenefit: { extraDiscountPercent: 2, incentiveEligible: false } },
    }),
  },
  pathParams: {
    'deals.id': async (org, route, f) => {
      try {
        if (route.method === 'GET') {
          if (!cached.has(org.id)) cached.set(org.id, registerFor(f.vendor, org.id));
          return await cached.get(org.id)!;
        }
        if (/\/(won|lost|extend|reverse-win)$/.test(route.path)) return await approvedFor(f.vendor, org.id);
        return await registerFor(f.vendor, org.id);
      } catch {
        cached.delete(org.id);
        return NO_DEAL;
      }
    },
  },
  // Only the registering partner marks its deal won or lost: a vendor corrects a win with reverse-win instead.
  partnerOnly: ['markDealWon', 'markDealLost'],
} satisfies MatrixSamples;
