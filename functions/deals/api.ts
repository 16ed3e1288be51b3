import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError, diffFields, makeEvent } from '@channelbase/core';
import {
  type Deal,
  DealApproved,
  DealExtended,
  DealLost,
  DealRejected,
  DealRulesChanged,
  DealWon,
  DealWonReversed,
  approvalTerms,
  approveRegistration,
  dealRulesInputSchema,
  extendProtection,
  hadRunningProtection,
  markLost,
  markWon,
  rejectRegistration,
  reverseWin,
  verdictOf,
} from '@channelbase/core/deals';
import { type Principal, commit, created, createApiHandler, etagOf, expectedVersion, ok, retryOnStale, runtimeClock as clock } from '@channelbase/platform';
import * as partners from '../partners/index.ts';
import { conflictsOf, customerKeysOf, register } from './commands.ts';
import {
  type StoredDeal,
  claimProtection,
  getDeal,
  getRules,
  indexWrites,
  listDeals,
  listPartnerDeals,
  putDeal,
  putRules,
  releaseProtection,
} from './repository.ts';
import { dealsRoutes } from './wiring.ts';

const RULES_ID = 'deal-rules';
const RULES_FIELDS = Object.keys(dealRulesInputSchema.shape) as (keyof typeof dealRulesInputSchema.shape)[];
const withEtag = (d: { id: string; version: number }) => ({ etag: etagOf(d) });

/** Whether a partner principal may see the registration: its organisation registered it or is its second partner. */
const visibleTo = (principal: Principal, deal: Deal) =>
  principal.isVendor || deal.partnerId === principal.partnerId || deal.secondPartner?.partnerId === principal.partnerId;

/** A registration the caller may see; another partner's is 404, like one that does not exist. */
async function visible(principal: Principal, id: string): Promise<StoredDeal> {
  const stored = await getDeal(id);
  if (!visibleTo(principal, stored.deal)) throw new NotFoundError('Registration not found');
  return stored;
}

/** The partner a request is for: a partner user's own organisation; for vendor roles, the one named in the body. */
function partnerOf(principal: Principal, named: string | undefined, required: boolean): string | undefined {
  if (!principal.isVendor) {
    if (named !== undefined && named !== principal.partnerId) {
      throw new ValidationError('A partner user acts for its own organisation', [
        { path: 'body.partnerId', message: 'must be omitted (or your own partner id)' },
      ]);
    }
    return principal.partnerId;
  }
  if (required && !named)
    throw new ValidationError('Vendor roles register on behalf of a partner', [{ path: 'body.partnerId', message: 'required for vendor roles' }]);
  return named;
}

/** Writes of a registration leaving the active states: its index entries go, its protection (if running) is released. */
const closingWrites = (before: Deal, after: Deal, stored: StoredDeal) => [
  ...indexWrites(after, stored.keys),
  ...(hadRunningProtection(before) ? releaseProtection(before, stored.keys) : []),
];

export const handler = createApiHandler(
  dealsRoutes,
  {
    async checkDealConflicts({ body, principal }) {
      const partnerId = partnerOf(principal, body.partnerId, false);
      const keys = await customerKeysOf(body.customer);
      const matches = await conflictsOf({ partnerId, productLines: body.productLines }, keys);
      // A partner learns the verdict and nothing else: no id, no name, no count.
      if (!principal.isVendor) return ok({ verdict: verdictOf(matches) });
      return ok({ verdict: verdictOf(matches), matches });
    },

    async registerDeal({ body, principal }) {
      const { partnerId: named, ...input } = body;
      const partnerId = partnerOf(principal, named, true)!;
      const deal = await register({ partnerId, input, actor: principal });
      return created(deal, `/deals/${deal.id}`, withEtag(deal));
    },

    async listDeals({ query, principal }) {
      if (principal.isVendor) return ok(await listDeals(query.status, query.limit, query.cursor));
      return ok(await listPartnerDeals(principal.partnerId!, query.status, query.limit, query.cursor));
    },

    async getDeal({ params, principal }) {
      const { deal } = await visible(principal, params.id);
      return ok(deal, withEtag(deal));
    },

    async getDealConflicts({ params }) {
      const { deal, keys } = await getDeal(params.id);
      const matches = await conflictsOf({ registrationId: deal.id, partnerId: deal.partnerId, productLines: deal.lines.map((l) => l.productLine) }, keys);
      return ok({ verdict: verdictOf(matches), matches });
    },

    approveDeal: ({ params, body, principal }) =>
      retryOnStale(async () => {
        const stored = await getDeal(params.id);
        const { deal: before, keys } = stored;
        const rules = await getRules();
        const matches = await conflictsOf(
          { registrationId: before.id, partnerId: before.partnerId, productLines: before.lines.map((l) => l.productLine) },
          keys,
        );
        const terms = approvalTerms(before, matches, rules);
        const deal = approveRegistration(before, terms, rules, principal, clock, body.note);
        await commit(
          [putDeal(deal, keys, rules, before.version), ...indexWrites(deal, keys), ...(terms.protect ? claimProtection(deal, keys) : [])],
          [makeEvent(DealApproved, { registration: deal }, { actor: principal, clock, partnerId: deal.partnerId })],
        );
        return ok(deal, withEtag(deal));
      }),

    rejectDeal: ({ params, body, principal }) =>
      retryOnStale(async () => {
        const stored = await getDeal(params.id);
        const rules = await getRules();
        const deal = rejectRegistration(stored.deal, body.reason, rules, principal, clock);
        await commit(
          [putDeal(deal, stored.keys, rules, stored.deal.version), ...closingWrites(stored.deal, deal, stored)],
          [makeEvent(DealRejected, { registration: deal, reason: body.reason }, { actor: principal, clock, partnerId: deal.partnerId })],
        );
        return ok(deal, withEtag(deal));
      }),

    extendDeal: ({ params, principal }) =>
      retryOnStale(async () => {
        const stored = await visible(principal, params.id);
        // The second partner sees the registration, but only the registering partner requests its extension.
        if (!principal.isVendor && stored.deal.partnerId !== principal.partnerId) {
          throw new ConflictError('Only the registering partner requests an extension');
        }
        const rules = await getRules();
        const deal = extendProtection(stored.deal, rules, clock);
        await commit(
          [putDeal(deal, stored.keys, rules, stored.deal.version)],
          [makeEvent(DealExtended, { registration: deal }, { actor: principal, clock, partnerId: deal.partnerId })],
        );
        return ok(deal, withEtag(deal));
      }),

    markDealWon: ({ params, body, principal }) =>
      retryOnStale(async () => {
        const stored = await visible(principal, params.id);
        const before = stored.deal;
        const rules = await getRules();
        const deal = markWon(before, body, principal, clock);
        const closing = deal.closing!;
        const keys = stored.keys;
        await commit(
          [putDeal(deal, keys, rules, before.version), ...closingWrites(before, deal, stored)],
          [
            makeEvent(
              DealWon,
              {
                registrationId: deal.id,
                partnerId: deal.partnerId,
                secondPartner: deal.secondPartner,
                customer: {
                  legalName: deal.customer.legalName,
                  webDomain: deal.customer.webDomain,
                  registrableDomain: keys.webDomain,
                  country: deal.customer.country,
                },
                lines: closing.lines!,
                amount: closing.amount!,
                closeDate: closing.closeDate!,
                protectionRunning: hadRunningProtection(before),
                leadId: deal.leadId,
              },
              { actor: principal, clock, partnerId: deal.partnerId },
            ),
          ],
        );
        return ok(deal, withEtag(deal));
      }),

    markDealLost: ({ params, body, principal }) =>
      retryOnStale(async () => {
        const stored = await visible(principal, params.id);
        const rules = await getRules();
        const deal = markLost(stored.deal, body.reason, principal, clock);
        await commit(
          [putDeal(deal, stored.keys, rules, stored.deal.version), ...closingWrites(stored.deal, deal, stored)],
          [makeEvent(DealLost, { registration: deal, reason: body.reason }, { actor: principal, clock, partnerId: deal.partnerId })],
        );
        return ok(deal, withEtag(deal));
      }),

    reverseDealWin: ({ params, body, principal }) =>
      retryOnStale(async () => {
        const stored = await getDeal(params.id);
        const rules = await getRules();
        const { deal, won } = reverseWin(stored.deal, body.reason, principal, clock);
        await commit(
          [putDeal(deal, stored.keys, rules, stored.deal.version)],
          [
            makeEvent(
              DealWonReversed,
              {
                registrationId: deal.id,
                partnerId: deal.partnerId,
                secondPartner: deal.secondPartner,
                lines: won.lines ?? [],
                amount: won.amount!,
                reason: body.reason,
              },
              { actor: principal, clock, partnerId: deal.partnerId },
            ),
          ],
        );
        return ok(deal, withEtag(deal));
      }),

    async getDealRules() {
      const rules = await getRules();
      return ok(rules, withEtag({ id: RULES_ID, version: rules.version }));
    },

    async putDealRules({ body, principal, headers }) {
      const version = expectedVersion(headers['if-match'], RULES_ID);
      const before = await getRules();
      if (before.version !== version) throw new PreconditionFailedError('The deal rules were changed since you read them; GET them again and retry');
      const rules = { ...body, updatedAt: clock.now().toISOString(), version: version + 1 };
      const changes = diffFields(before, rules, RULES_FIELDS);
      await commit(putRules(rules, version), [makeEvent(DealRulesChanged, { rules, changes }, { actor: principal, clock })]);
      return ok(rules, withEtag({ id: RULES_ID, version: rules.version }));
    },
  },
  { partnerAccess: partners.readAccess },
);
