import { PreconditionFailedError, makeEvent } from '@channelbase/core';
import {
  PartnerCreated,
  PartnerReactivated,
  PartnerSuspended,
  PartnerUpdated,
  PartnerUserAdded,
  PartnerUserUpdated,
  type Partner,
  newPartner,
  newPartnerUser,
  reactivatePartner,
  statusChanges,
  suspendPartner,
  updatePartner,
  updatePartnerUser,
} from '@channelbase/core/partners';
import {
  type Principal,
  assertPartnerAccess,
  commit,
  created,
  createApiHandler,
  etagOf,
  expectedVersion,
  ok,
  retryOnStale,
  runtimeClock as clock,
} from '@channelbase/platform';
import { organisationKeys, publicSuffixList } from '@channelbase/core/onboarding';
import { orgKeyList, claimIfFree, syncPartnerKeys } from './org-keys.ts';
import { getPartner, getUser, listHistory, listPartners, listUsers, partnerExists, putNewUser, putPartner, putUser, partnerKey } from './repository.ts';
import { vocabularyApi } from './vocabulary-api.ts';
import { commitWithVocabulary } from './vocabulary.ts';
import { partnerRoutes } from './wiring.ts';

const withEtag = (record: { id: string; version: number }) => ({ etag: etagOf(record) });

/** Reads a partner the caller may see; another partner's is "not found". */
async function visiblePartner(principal: Principal, id: string): Promise<Partner> {
  assertPartnerAccess(principal, id);
  return getPartner(id);
}

/**
 * A status command (suspend, reactivate) without If-Match: it re-reads and retries when a
 * concurrent edit wins, so that neither change is lost.
 */
async function changeStatus(
  principal: Principal,
  id: string,
  reason: string,
  transition: (p: Partner, reason: string, c: typeof clock) => Partner,
  announcement: typeof PartnerSuspended | typeof PartnerReactivated,
) {
  return retryOnStale(async () => {
    const before = await getPartner(id);
    const after = transition(before, reason, clock);
    const event = makeEvent(announcement, { partner: after, reason }, { actor: principal, clock, partnerId: id });
    await commit([putPartner(after, before.version)], [event], [{ pk: partnerKey(id).pk, subject: id, changes: statusChanges(before, after) }]);
    return ok(after, withEtag(after));
  });
}

export const handler = createApiHandler(partnerRoutes, {
  ...vocabularyApi,
  async createPartner({ body, principal }) {
    const partner = newPartner(body, clock);
    const event = makeEvent(PartnerCreated, { partner }, { actor: principal, clock, partnerId: partner.id });
    const psl = await publicSuffixList();
    const keys = orgKeyList(organisationKeys(partner, psl)).map(([on, value]) => claimIfFree(on, value, 'partner', partner.id));
    await commitWithVocabulary(
      undefined,
      partner,
      [putPartner(partner), ...keys],
      [event],
      [{ pk: partnerKey(partner.id).pk, subject: partner.id, changes: [{ field: '*', from: null, to: partner }] }],
    );
    return created(partner, `/partners/${partner.id}`, withEtag(partner));
  },

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
    const { partner, changes } = updatePartner(before, body, principal, clock);
    if (changes.length === 0) return ok(before, withEtag(before));
    const event = makeEvent(PartnerUpdated, { partner, changes }, { actor: principal, clock, partnerId: partner.id });
    const psl = await publicSuffixList();
    const keys = await syncPartnerKeys(partner.id, organisationKeys(before, psl), organisationKeys(partner, psl));
    await commitWithVocabulary(
      before,
      partner,
      [putPartner(partner, version), ...keys],
      [event],
      [{ pk: partnerKey(partner.id).pk, subject: partner.id, changes }],
    );
    return ok(partner, withEtag(partner));
  },

  suspendPartner: ({ params, body, principal }) => changeStatus(principal, params.id, body.reason, suspendPartner, PartnerSuspended),

  reactivatePartner: ({ params, body, principal }) => changeStatus(principal, params.id, body.reason, reactivatePartner, PartnerReactivated),

  async listPartnerUsers({ params, query, principal }) {
    await visiblePartner(principal, params.id);
    return ok(await listUsers(params.id, query.limit, query.cursor));
  },

  async addPartnerUser({ params, body, principal }) {
    const partner = await visiblePartner(principal, params.id);
    const user = newPartnerUser(partner, body, clock);
    const event = makeEvent(PartnerUserAdded, { user }, { actor: principal, clock, partnerId: partner.id });
    const { email, givenName, familyName, roles } = user;
    await commit(
      [partnerExists(partner.id, 'terminated'), ...putNewUser(user)],
      [event],
      [{ pk: partnerKey(partner.id).pk, subject: user.id, changes: [{ field: '*', from: null, to: { email, givenName, familyName, roles } }] }],
    );
    return created(user, `/partners/${partner.id}/users/${user.id}`, withEtag(user));
  },

  async getPartnerUser({ params, principal }) {
    assertPartnerAccess(principal, params.id, 'User');
    const user = await getUser(params.id, params.userId);
    return ok(user, withEtag(user));
  },

  async updatePartnerUser({ params, body, principal, headers }) {
    assertPartnerAccess(principal, params.id, 'User');
    const version = expectedVersion(headers['if-match'], params.userId);
    const before = await getUser(params.id, params.userId);
    if (before.version !== version) throw new PreconditionFailedError('The user was changed since you read it; GET it again and retry');
    const { user, changes } = updatePartnerUser(before, body, principal, clock);
    if (changes.length === 0) return ok(before, withEtag(before));
    const event = makeEvent(PartnerUserUpdated, { user, changes }, { actor: principal, clock, partnerId: user.partnerId });
    await commit([putUser(user, version)], [event], [{ pk: partnerKey(user.partnerId).pk, subject: user.id, changes }]);
    return ok(user, withEtag(user));
  },

  async getPartnerHistory({ params, query, principal }) {
    await visiblePartner(principal, params.id);
    return ok(await listHistory(params.id, query.limit, query.cursor));
  },
});
