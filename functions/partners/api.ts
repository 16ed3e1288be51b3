import { PreconditionFailedError } from '@channelbase/core';
import type { CommandContext, Partner } from '@channelbase/core/partners';
import {
  type Change,
  type Principal,
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
import { addPartnerUser, createPartner, reactivatePartner, suspendPartner, terminatePartner, updatePartnerProfile, updatePartnerUser } from './commands.ts';
import { getPartner, getUser, listHistory, listPartners, listUsers } from './repository.ts';
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
      return retryOnVocabularyChange(async () => {
        const result = await updatePartnerProfile(before, body, ctxOf(principal));
        if (!result) return ok(before, withEtag(before));
        await commitChanges(result);
        return ok(result.record, withEtag(result.record));
      });
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
      const result = addPartnerUser(partner, body, ctxOf(principal));
      await commitChanges(result);
      return created(result.record, `/partners/${partner.id}/users/${result.record.id}`, withEtag(result.record));
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
