import { ConflictError, PreconditionFailedError, isVendorRole } from '@channelbase/core';
import { type CommandContext, type Partner, splitIdentityChanges } from '@channelbase/core/partners';
import {
  type Change,
  type Principal,
  accepted,
  assertPartnerAccess,
  commitChanges,
  created,
  createApiHandler,
  etagOf,
  expectedVersion,
  ok,
  retryOnStale,
  runtimeClock as clock,
} from '@channelbase/platform';
import { readAccess } from './access.ts';
import {
  addPartnerUser,
  approveIdentityChange,
  createPartner,
  rejectIdentityChange,
  requestIdentityChange,
  reactivatePartner,
  suspendPartner,
  terminatePartner,
  updatePartnerProfile,
  updatePartnerUser,
} from './commands.ts';
import {
  EmailTakenError,
  getChangeRequest,
  getEmailHolder,
  getPartner,
  getUser,
  listChangeRequests,
  listHistory,
  listPartners,
  listUsers,
} from './repository.ts';
import { vocabularyApi } from './vocabulary-api.ts';
import { retryOnVocabularyChange } from './vocabulary.ts';
import { partnerRoutes } from './wiring.ts';

const withEtag = (record: { id: string; version: number }) => ({ etag: etagOf(record) });
const ctxOf = (actor: Principal): CommandContext => ({ actor, clock });

/** Reads a partner the caller may see; another partner's is "not found". */
async function visiblePartner(principal: Principal, id: string): Promise<Partner> {
  assertPartnerAccess(principal, id);
  return getPartner(id);
}

/**
 * A status command (suspend, reactivate, terminate) without If-Match: it re-reads and retries when
 * a concurrent edit wins, so that neither change is lost.
 */
function changeStatus(
  principal: Principal,
  id: string,
  reason: string,
  command: (before: Partner, reason: string, ctx: CommandContext) => Change & { record: Partner },
) {
  return retryOnStale(async () => {
    const result = command(await getPartner(id), reason, ctxOf(principal));
    await commitChanges(result);
    return ok(result.record, withEtag(result.record));
  });
}

export const handler = createApiHandler(
  partnerRoutes,
  {
    ...vocabularyApi,

    createPartner: ({ body, principal }) =>
      retryOnVocabularyChange(async () => {
        const result = await createPartner(body, ctxOf(principal));
        await commitChanges(result);
        return created(result.record, `/partners/${result.record.id}`, withEtag(result.record));
      }),

    async listPartners({ query }) {
      const { limit, cursor, ...filters } = query;
      return ok(await listPartners(filters, limit, cursor));
    },

    async getPartner({ params, principal }) {
      const partner = await visiblePartner(principal, params.id);
      return ok(partner, withEtag(partner));
    },

    async updatePartner({ params, body, principal, headers }) {
      assertPartnerAccess(principal, params.id);
      const version = expectedVersion(headers['if-match'], params.id);
      const before = await getPartner(params.id);
      if (before.version !== version) throw new PreconditionFailedError('The partner was changed since you read it; GET it again and retry');
      const ctx = ctxOf(principal);
      const { direct, identity } = splitIdentityChanges(before, body, ctx);
      return retryOnVocabularyChange(async () => {
        const result = Object.keys(direct).length ? await updatePartnerProfile(before, direct, ctx) : undefined;
        if (identity.length > 0) {
          // A partner admin's identity change waits for a vendor role (docs/data-model.md, "Identity change requests").
          const request = requestIdentityChange(before, identity, ctx, { withPartnerWrite: result !== undefined });
          await commitChanges(request, ...(result ? [result] : []));
          return accepted(request.record, { location: `/partners/${before.id}/change-requests/${request.record.id}` });
        }
        if (!result) return ok(before, withEtag(before));
        await commitChanges(result);
        return ok(result.record, withEtag(result.record));
      });
    },

    async listChangeRequests({ params, query, principal }) {
      await visiblePartner(principal, params.id);
      return ok(await listChangeRequests(params.id, query.limit, query.cursor));
    },

    approveChangeRequest: ({ params, principal }) =>
      retryOnStale(async () => {
        const [partner, request] = await Promise.all([getPartner(params.id), getChangeRequest(params.id, params.changeRequestId)]);
        const changes = await approveIdentityChange(partner, request, ctxOf(principal));
        await commitChanges(...changes);
        return ok(changes[0]!.record);
      }),

    async rejectChangeRequest({ params, body, principal }) {
      const request = await getChangeRequest(params.id, params.changeRequestId);
      const result = rejectIdentityChange(request, body.reason, ctxOf(principal));
      await commitChanges(result);
      return ok(result.record);
    },

    suspendPartner: ({ params, body, principal }) => changeStatus(principal, params.id, body.reason, suspendPartner),

    reactivatePartner: ({ params, body, principal }) => changeStatus(principal, params.id, body.reason, reactivatePartner),

    terminatePartner: ({ params, body, principal }) => changeStatus(principal, params.id, body.reason, terminatePartner),

    async listPartnerUsers({ params, query, principal }) {
      await visiblePartner(principal, params.id);
      return ok(await listUsers(params.id, query.limit, query.cursor));
    },

    async addPartnerUser({ params, body, principal }) {
      const partner = await visiblePartner(principal, params.id);
      const ctx = ctxOf(principal);
      for (let attempt = 1; ; attempt++) {
        const result = addPartnerUser(partner, body, ctx);
        try {
          await commitChanges(result);
          return created(result.record, `/partners/${partner.id}/users/${result.record.id}`, withEtag(result.record));
        } catch (err) {
          if (!(err instanceof EmailTakenError)) throw err;
        }
        // The address is claimed. Vendor roles see every organisation: a plain 409. A partner admin
        // learns it only for an address of its own organisation; for another's (or vendor staff's)
        // the answer is the same as for a free address (docs/data-model.md, "E-mail addresses").
        const holder = await getEmailHolder(body.email);
        if (principal.roles.some(isVendorRole)) throw new EmailTakenError();
        if (holder?.kind === 'partner' && holder.partnerId === partner.id) {
          throw new ConflictError('A user of your organisation has this e-mail address', [
            { path: 'body.email', message: 'already in use in your organisation' },
          ]);
        }
        if (holder) {
          const held = addPartnerUser(partner, body, ctx, { heldBy: holder });
          await commitChanges(held);
          return created(held.record, `/partners/${partner.id}/users/${held.record.id}`, withEtag(held.record));
        }
        // Released in between (an invitation expired): try again, once.
        if (attempt >= 2) throw new EmailTakenError();
      }
    },

    async getPartnerUser({ params, principal }) {
      assertPartnerAccess(principal, params.id, 'User');
      const user = await getUser(params.id, params.userId);
      return ok(user, withEtag(user));
    },

    async updatePartnerUser({ params, body, principal, headers }) {
      assertPartnerAccess(principal, params.id, 'User');
      const version = expectedVersion(headers['if-match'], params.userId);
      const [before, partner] = await Promise.all([getUser(params.id, params.userId), getPartner(params.id)]);
      if (before.version !== version) throw new PreconditionFailedError('The user was changed since you read it; GET it again and retry');
      const result = updatePartnerUser(before, body, ctxOf(principal), partner);
      if (!result) return ok(before, withEtag(before));
      await commitChanges(result);
      return ok(result.record, withEtag(result.record));
    },

    async getPartnerHistory({ params, query, principal }) {
      await visiblePartner(principal, params.id);
      return ok(await listHistory(params.id, query.limit, query.cursor));
    },
  },
  { partnerAccess: readAccess },
);
