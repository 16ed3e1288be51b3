import { ConflictError, NotFoundError, PreconditionFailedError, diffFields, makeEvent } from '@channelbase/core';
import {
  AgreementAccepted,
  AgreementOffered,
  AgreementPublished,
  ApplicationApproved,
  ApplicationRejected,
  MAX_SUBMISSION_ATTEMPTS,
  OnboardingChecklistCompleted,
  type OpenApplicationScope,
  OnboardingSettingsChanged,
  acceptAgreement,
  approveApplication,
  completeManualItem,
  freeSlot,
  linkApproval,
  newAgreement,
  offerAgreement,
  onboardingSettingsInputSchema,
  openApplicationCap,
  openChecklist,
  planSubmission,
  rejectApplication,
  requirePublishedAgreement,
  reviewExpiresAt,
} from '@channelbase/core/onboarding';
import {
  HttpProblemError,
  type Write,
  accepted,
  assertPartnerAccess,
  commit,
  commitChanges,
  created,
  createApiHandler,
  etagOf,
  expectedVersion,
  ok,
  retryOnStale,
  runtimeClock as clock,
  sourceKey,
} from '@channelbase/platform';
import * as partners from '../partners/index.ts';
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
  type HeldSlot,
  readSlots,
  releaseSlot,
  takeSlot,
} from './repository.ts';
import { onboardingRoutes } from './wiring.ts';

const SETTINGS_ID = 'onboarding-settings';
const SETTINGS_FIELDS = Object.keys(onboardingSettingsInputSchema.shape) as (keyof typeof onboardingSettingsInputSchema.shape)[];
const withEtag = (record: { id: string; version: number }) => ({ etag: etagOf(record) });

/** Another application claimed one of the identity keys, or took a place under a cap, between our read and our write. */
class KeyTakenError extends Error {}

/**
 * A cap on open applications is full (per registrable domain or per source; which one is not
 * said). `Retry-After`: until the first place lapses, at the latest one review window.
 */
const tooManyOpen = (retryAt: Date, now: Date) =>
  new HttpProblemError(
    429,
    'too-many-open-applications',
    'Too many applications for this organisation or from this address are waiting for a decision; apply again once one is decided',
    [],
    { 'retry-after': String(Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000))) },
  );

async function checklistOf(partnerId: string) {
  const list = await findChecklist(partnerId);
  if (!list) throw new NotFoundError('This partner has no onboarding checklist: it opens when the partner accepts its agreement');
  return list;
}

export const handler = createApiHandler(
  onboardingRoutes,
  {
    async submitApplication({ body, event }) {
      const settings = await getSettings();
      const keys = (await partners.organisationKeysOf(body.company)).map(([on, value]) => ({ on, value }));
      // The caps on open applications: per registrable domain, and per source (the rate limit's client address).
      const capped: [OpenApplicationScope, string | undefined][] = [
        ['domain', keys.find((k) => k.on === 'webDomain')?.value],
        ['source', sourceKey(event.requestContext?.http?.sourceIp)],
      ];
      for (let attempt = 1; ; attempt++) {
        const now = clock.now();
        const holders = await partners.findOrganisationHolders(Object.fromEntries(keys.map((k) => [k.on, k.value])), now);
        const { application, claims, events } = planSubmission(body, settings, keys, holders, clock);
        const expiresAt = reviewExpiresAt(application);
        const taken = () => new KeyTakenError();
        const slots: HeldSlot[] = [];
        for (const [scope, value] of capped) {
          const cap = openApplicationCap(scope);
          if (value === undefined || cap === Infinity) continue;
          const place = freeSlot(await readSlots(scope, value), cap, now);
          if ('retryAt' in place) throw tooManyOpen(place.retryAt, now);
          slots.push({ scope, value, slot: place.slot });
        }
        const claimWrites = claims.map(({ on, value }) => partners.claimOrganisationKey(on, value, 'application', application.id, taken, { expiresAt, now }));
        try {
          await commit(
            [
              putNewApplication(
                application,
                claims.map((c) => [c.on, c.value]),
                slots,
              ),
              ...claimWrites,
              ...slots.map((held) => takeSlot(held, application.id, expiresAt, now, taken)),
            ],
            events,
          );
          // The same answer whatever the checks found: nothing about existing partners leaks.
          return accepted({ id: application.id, status: 'received' });
        } catch (err) {
          if (!(err instanceof KeyTakenError)) throw err;
          if (attempt >= MAX_SUBMISSION_ATTEMPTS) throw new ConflictError('Too many applications for this organisation at once; retry');
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

    approveApplication: ({ params, body, principal }) =>
      partners.retryOnVocabularyChange(async () => {
        const { application: before, heldKeys, heldSlots } = await getApplication(params.id);
        const decision = approveApplication(before, body, principal, clock);
        const [published, settings] = await Promise.all([currentAgreement(), getSettings()]);
        const agreement = requirePublishedAgreement(published);
        const ctx = { actor: principal, clock };
        // Partners creates the partner and its first admin; the application's identity keys pass to the partner.
        const partner = await partners.createPartner(
          decision.partner,
          ctx,
          { fromId: before.id, keys: heldKeys },
          { tier: 'body.tier', specialisations: 'products' },
        );
        const admin = partners.addPartnerUser(partner.record, decision.admin, ctx, {
          withNewPartner: true,
          emailTaken: () =>
            new ConflictError(
              "The applicant's e-mail address already belongs to a partner user; reject the application or ask the applicant to apply with another address",
              [{ path: 'contact.email', message: 'already in use' }],
            ),
        });
        const application = linkApproval(decision.application, partner.record, admin.record);
        const offer = offerAgreement(partner.record.id, agreement, settings, clock);
        const own = { actor: principal, clock, partnerId: partner.record.id };
        await commitChanges(
          {
            writes: [putApplication(application, [], before.version), putOffer(offer), ...heldSlots.map((held) => releaseSlot(held, before.id))],
            events: [makeEvent(ApplicationApproved, { application }, own), makeEvent(AgreementOffered, { offer }, own)],
            history: [],
          },
          partner,
          admin,
        );
        return ok(application, withEtag(application));
      }),

    async rejectApplication({ params, body, principal }) {
      const { application: before, heldKeys, heldSlots } = await getApplication(params.id);
      const application = rejectApplication(before, body.reason, principal, clock);
      await commit(
        [
          putApplication(application, [], before.version),
          ...heldKeys.map(([on, value]) => partners.releaseOrganisationKey(on, value, before.id)),
          ...heldSlots.map((held) => releaseSlot(held, before.id)),
        ],
        [makeEvent(ApplicationRejected, { application, reason: body.reason }, { actor: principal, clock })],
      );
      return ok(application, withEtag(application));
    },

    async listPartnerAgreements({ params, query, principal }) {
      assertPartnerAccess(principal, params.id);
      await partners.getPartner(params.id);
      return ok(await listOffers(params.id, query.limit, query.cursor));
    },

    async acceptAgreement({ params, principal }) {
      assertPartnerAccess(principal, params.id, 'Agreement');
      // Without If-Match: a concurrent change (the deadline step, a profile edit) is re-read, and its outcome decides.
      return retryOnStale(async () => {
        const [offer, partner, settings] = await Promise.all([getOffer(params.id, params.agreementId), partners.getPartner(params.id), getSettings()]);
        const acceptedOffer = acceptAgreement(offer, partner, principal, clock);
        const activation = partners.activatePartner(
          partner,
          { agreementId: offer.agreementId, agreementVersion: offer.agreementVersion },
          { actor: principal, clock },
        );
        const checklist = openChecklist(partner.id, settings.checklist, clock);
        const ctx = { actor: principal, clock, partnerId: partner.id };
        await commitChanges(
          {
            writes: [putOffer(acceptedOffer, offer.version), putChecklist(checklist)] as Write[],
            events: [
              makeEvent(AgreementAccepted, { offer: acceptedOffer }, ctx),
              ...(checklist.completedAt ? [makeEvent(OnboardingChecklistCompleted, { checklist }, ctx)] : []),
            ],
            history: [],
          },
          activation,
        );
        return ok(acceptedOffer);
      });
    },

    async getOnboardingChecklist({ params, principal }) {
      assertPartnerAccess(principal, params.id, 'Checklist');
      return ok(await checklistOf(params.id));
    },

    async completeChecklistItem({ params, principal }) {
      return retryOnStale(async () => {
        const list = await checklistOf(params.id);
        const result = completeManualItem(list, params.itemId, principal, clock);
        if (!result) return ok(list);
        await commit([putChecklist(result.checklist, list.version)], result.events);
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
  },
  { partnerAccess: partners.readAccess },
);
