import { type Actor, ConflictError, type DomainEvent, NotFoundError, PreconditionFailedError, diffFields, makeEvent } from '@channelbase/core';
import {
  AgreementAccepted,
  AgreementOffered,
  AgreementPublished,
  ApplicationApproved,
  ApplicationFlaggedDuplicate,
  ApplicationRejected,
  ApplicationSubmitted,
  OnboardingChecklistCompleted,
  OnboardingSettingsChanged,
  acceptAgreement,
  approveApplication,
  evaluateChecklist,
  linkApproval,
  newAgreement,
  newApplication,
  offerAgreement,
  onboardingSettingsInputSchema,
  openChecklist,
  organisationKeys,
  publicSuffixList,
  rejectApplication,
  withDuplicates,
} from '@channelbase/core/onboarding';
import { PartnerActivated, PartnerCreated, PartnerUserAdded, newPartner, newPartnerUser, statusChanges } from '@channelbase/core/partners';
import {
  type Write,
  accepted,
  retryOnStale,
  assertPartnerAccess,
  commit,
  created,
  createApiHandler,
  etagOf,
  expectedVersion,
  ok,
  runtimeClock as clock,
} from '@channelbase/platform';
import { claim, claimIfFree, findHolders, orgKeyList, release, transfer } from '../partners/org-keys.ts';
import { getPartner, partnerKey, putNewUser, putPartner } from '../partners/repository.ts';
import {
  currentAgreement,
  findChecklist,
  getApplication,
  getOffer,
  getSettings,
  listAgreements,
  listApplications,
  listOffers,
  putAgreement,
  putApplication,
  putChecklist,
  putNewApplication,
  putOffer,
  putSettings,
} from './repository.ts';
import { onboardingRoutes } from './wiring.ts';

/** Who the events of an anonymous application name as their actor. */
const APPLICANT: Actor = { sub: 'applicant', roles: [] };
const SETTINGS_ID = 'onboarding-settings';
const SETTINGS_FIELDS = Object.keys(onboardingSettingsInputSchema.shape) as (keyof typeof onboardingSettingsInputSchema.shape)[];
const withEtag = (record: { id: string; version: number }) => ({ etag: etagOf(record) });

/** Another application claimed one of the identity keys between our read and our write. */
class KeyTakenError extends Error {}

async function checklistOf(partnerId: string) {
  const list = await findChecklist(partnerId);
  if (!list) throw new NotFoundError('This partner has no onboarding checklist: it opens when the partner accepts its agreement');
  return list;
}

export const handler = createApiHandler(onboardingRoutes, {
  async submitApplication({ body }) {
    const base = newApplication(body, await getSettings(), clock);
    const keys = orgKeyList(organisationKeys(body.company, await publicSuffixList()));
    // The first application (or partner) with a key holds it; the others are flagged as its duplicates.
    for (let attempt = 1; ; attempt++) {
      const holders = await findHolders(Object.fromEntries(keys));
      const matches = holders.map((h) => ({ on: h.on, value: h.value, kind: h.ownerKind, id: h.ownerId }));
      const application = withDuplicates(base, matches);
      const free = keys.filter(([on]) => !holders.some((h) => h.on === on));
      const events: DomainEvent[] = [makeEvent(ApplicationSubmitted, { application }, { actor: APPLICANT, clock })];
      if (matches.length) events.push(makeEvent(ApplicationFlaggedDuplicate, { applicationId: application.id, matches }, { actor: APPLICANT, clock }));
      try {
        await commit(
          [putNewApplication(application, free), ...free.map(([on, value]) => claim(on, value, 'application', application.id, () => new KeyTakenError()))],
          events,
        );
        // The same answer whatever the checks found: nothing about existing partners leaks.
        return accepted({ id: application.id, status: 'received' });
      } catch (err) {
        if (!(err instanceof KeyTakenError)) throw err;
        if (attempt >= 5) throw new ConflictError('Too many applications for this organisation at once; retry');
      }
    }
  },

  async listApplications({ query }) {
    return ok(await listApplications(query.status, query.limit, query.cursor));
  },

  async getApplication({ params }) {
    const { application } = await getApplication(params.id);
    return ok(application, withEtag(application));
  },

  async approveApplication({ params, body, principal }) {
    const { application: before, heldKeys } = await getApplication(params.id);
    const decision = approveApplication(before, body, principal, clock);
    const [agreement, settings] = await Promise.all([currentAgreement(), getSettings()]);
    if (!agreement) throw new ConflictError('No programme agreement is published: publish one (POST /programme/agreements) before approving');
    const partner = newPartner(decision.partner, clock);
    const admin = newPartnerUser(partner, decision.admin, clock);
    const application = linkApproval(decision.application, partner, admin);
    const offer = offerAgreement(partner.id, agreement, settings, clock);
    const holds = (on: string, value: string) => heldKeys.some(([o, v]) => o === on && v === value);
    const psl = await publicSuffixList();
    const keys = orgKeyList(organisationKeys(partner, psl)).map(([on, value]) =>
      holds(on, value) ? transfer(on, value, before.id, 'partner', partner.id) : claimIfFree(on, value, 'partner', partner.id),
    );
    const ctx = { actor: principal, clock, partnerId: partner.id };
    const { email, givenName, familyName, roles } = admin;
    const [userPut, emailClaim] = putNewUser(admin) as [Write, Write];
    const contactTaken: Write = {
      ...emailClaim,
      onConditionFailed: () =>
        new ConflictError(
          "The applicant's e-mail address already belongs to a partner user; reject the application or ask the applicant to apply with another address",
          [{ path: 'contact.email', message: 'already in use' }],
        ),
    };
    await commit(
      [putApplication(application, [], before.version), putPartner(partner), userPut, contactTaken, ...keys, putOffer(offer)],
      [
        makeEvent(ApplicationApproved, { application }, ctx),
        makeEvent(PartnerCreated, { partner }, ctx),
        makeEvent(PartnerUserAdded, { user: admin }, ctx),
        makeEvent(AgreementOffered, { offer }, ctx),
      ],
      [
        { pk: partnerKey(partner.id).pk, subject: partner.id, changes: [{ field: '*', from: null, to: partner }] },
        { pk: partnerKey(partner.id).pk, subject: admin.id, changes: [{ field: '*', from: null, to: { email, givenName, familyName, roles } }] },
      ],
    );
    return ok(application, withEtag(application));
  },

  async rejectApplication({ params, body, principal }) {
    const { application: before, heldKeys } = await getApplication(params.id);
    const application = rejectApplication(before, body.reason, principal, clock);
    await commit(
      [putApplication(application, [], before.version), ...heldKeys.map(([on, value]) => release(on, value, before.id))],
      [makeEvent(ApplicationRejected, { application, reason: body.reason }, { actor: principal, clock })],
    );
    return ok(application, withEtag(application));
  },

  async listPartnerAgreements({ params, query, principal }) {
    assertPartnerAccess(principal, params.id);
    await getPartner(params.id);
    return ok(await listOffers(params.id, query.limit, query.cursor));
  },

  async acceptAgreement({ params, principal }) {
    assertPartnerAccess(principal, params.id, 'Agreement');
    // Without If-Match: a concurrent change (the deadline step, a profile edit) is re-read, and its outcome decides.
    return retryOnStale(async () => {
      const [offer, partner, settings] = await Promise.all([getOffer(params.id, params.agreementId), getPartner(params.id), getSettings()]);
      const result = acceptAgreement(offer, partner, principal, clock);
      const checklist = openChecklist(partner.id, settings.checklist, clock);
      const ctx = { actor: principal, clock, partnerId: partner.id };
      const events: DomainEvent[] = [
        makeEvent(AgreementAccepted, { offer: result.offer }, ctx),
        makeEvent(PartnerActivated, { partner: result.partner, agreementId: offer.agreementId }, ctx),
        ...(checklist.completedAt ? [makeEvent(OnboardingChecklistCompleted, { checklist }, ctx)] : []),
      ];
      const agreement = { agreementId: offer.agreementId, agreementVersion: offer.agreementVersion };
      await commit([putOffer(result.offer, offer.version), putPartner(result.partner, partner.version), putChecklist(checklist)], events, [
        {
          pk: partnerKey(partner.id).pk,
          subject: partner.id,
          changes: [...statusChanges(partner, result.partner), { field: 'agreement', from: null, to: agreement }],
        },
      ]);
      return ok(result.offer);
    });
  },

  async getOnboardingChecklist({ params, principal }) {
    assertPartnerAccess(principal, params.id, 'Checklist');
    return ok(await checklistOf(params.id));
  },

  async completeChecklistItem({ params, principal }) {
    return retryOnStale(async () => {
      const list = await checklistOf(params.id);
      const item = list.items.find((i) => i.id === params.itemId);
      if (!item) throw new NotFoundError('No such checklist item');
      if (item.kind !== 'manual') throw new ConflictError(`A '${item.kind}' item completes itself from events; only manual items are marked by hand`);
      const result = evaluateChecklist(list, { manual: [item.id] }, principal.sub, clock);
      if (!result) return ok(list);
      const ctx = { actor: principal, clock, partnerId: params.id };
      await commit(
        [putChecklist(result.checklist, list.version)],
        result.completed ? [makeEvent(OnboardingChecklistCompleted, { checklist: result.checklist }, ctx)] : [],
      );
      return ok(result.checklist);
    });
  },

  async getOnboardingSettings() {
    const settings = await getSettings();
    return ok(settings, withEtag({ id: SETTINGS_ID, version: settings.version }));
  },

  async putOnboardingSettings({ body, principal, headers }) {
    const version = expectedVersion(headers['if-match'], SETTINGS_ID);
    const before = await getSettings();
    if (before.version !== version) throw new PreconditionFailedError('The settings were changed since you read them; GET them again and retry');
    const settings = { ...body, updatedAt: clock.now().toISOString(), version: version + 1 };
    const changes = diffFields(before, settings, SETTINGS_FIELDS);
    await commit([putSettings(settings, version)], [makeEvent(OnboardingSettingsChanged, { settings, changes }, { actor: principal, clock })]);
    return ok(settings, withEtag({ id: SETTINGS_ID, version: settings.version }));
  },

  async listAgreements({ query }) {
    return ok(await listAgreements(query.limit, query.cursor));
  },

  async publishAgreement({ body, principal }) {
    const current = await currentAgreement();
    const agreement = newAgreement(body, current?.agreementVersion ?? 0, principal, clock);
    await commit([putAgreement(agreement)], [makeEvent(AgreementPublished, { agreement }, { actor: principal, clock })]);
    return created(agreement, '/programme/agreements');
  },
});
