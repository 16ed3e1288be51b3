import * as z from '../kernel/zod.ts';
import { defineEvent } from '../kernel/events.ts';
import { changeRequestSchema } from './change-request-model.ts';
import { partnerSchema, partnerUserSchema } from './model.ts';
import { productLineListSchema, tierListSchema } from './vocabulary.ts';

const changes = z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }));

export const PartnerCreated = defineEvent(
  'partners',
  'PartnerCreated',
  z.deferred(() => z.object({ partner: partnerSchema })),
  'A partner organisation was created.',
);
export const PartnerUpdated = defineEvent(
  'partners',
  'PartnerUpdated',
  z.deferred(() => z.object({ partner: partnerSchema, changes })),
  'A partner profile or its vendor-managed fields changed; `changes` lists each field from and to.',
);
export const PartnerSuspended = defineEvent(
  'partners',
  'PartnerSuspended',
  z.deferred(() => z.object({ partner: partnerSchema, reason: z.string() })),
  'A partner was suspended: its users keep read access and can change nothing; new leads and deals stop.',
);
export const PartnerReactivated = defineEvent(
  'partners',
  'PartnerReactivated',
  z.deferred(() => z.object({ partner: partnerSchema, reason: z.string() })),
  'A suspended partner returned to the status it had before (active, or onboarding if it was suspended while onboarding).',
);
export const PartnerActivated = defineEvent(
  'partners',
  'PartnerActivated',
  z.deferred(() => z.object({ partner: partnerSchema, agreementId: z.string() })),
  'An onboarding partner accepted its agreement and is active (its onboarding checklist opens).',
);
export const PartnerTerminated = defineEvent(
  'partners',
  'PartnerTerminated',
  z.deferred(() => z.object({ partner: partnerSchema, reason: z.withMeta(z.string(), { example: 'agreement-not-accepted' }) })),
  "A partner was terminated, for good: its users lose all access and are disabled. The reason is a vendor admin's text or `agreement-not-accepted` when onboarding expired.",
);
export const PartnerUserAdded = defineEvent(
  'partners',
  'PartnerUserAdded',
  z.deferred(() => z.object({ user: partnerUserSchema })),
  'A user was added to a partner organisation.',
);
export const PartnerUserUpdated = defineEvent(
  'partners',
  'PartnerUserUpdated',
  z.deferred(() => z.object({ user: partnerUserSchema, changes })),
  "A partner user's name, roles or status changed.",
);
export const PartnerUserEmailConflict = defineEvent(
  'partners',
  'PartnerUserEmailConflict',
  z.deferred(() =>
    z.object({
      user: partnerUserSchema,
      heldBy: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('partner'), partnerId: z.string(), userId: z.string() }),
        z.object({ kind: z.literal('vendor'), userId: z.string() }),
      ]),
    }),
  ),
  "For the vendor only: a partner admin invited an address that another organisation's user (or vendor staff) holds. The user was added without the address's claim, gets no sign-in identity and its invitation expires; the partner admin was told nothing.",
);
export const PartnerChangeRequested = defineEvent(
  'partners',
  'PartnerChangeRequested',
  z.deferred(() => z.object({ request: changeRequestSchema })),
  'A partner admin asked to change identity fields (legal name, tax id, web domain, country); a vendor role approves or rejects it.',
);
export const PartnerChangeApproved = defineEvent(
  'partners',
  'PartnerChangeApproved',
  z.deferred(() => z.object({ request: changeRequestSchema })),
  'A vendor role approved an identity change request; the PartnerUpdated committed with it carries the new profile.',
);
export const PartnerChangeRejected = defineEvent(
  'partners',
  'PartnerChangeRejected',
  z.deferred(() => z.object({ request: changeRequestSchema })),
  'A vendor role rejected an identity change request, with a reason; the partner is unchanged.',
);

const vocabularyChange = {
  added: z.withDescription(z.array(z.string()), 'Keys new in this version'),
  removed: z.withDescription(z.array(z.string()), 'Keys no longer in the list (no partner held them)'),
  renamed: z.withDescription(z.array(z.object({ key: z.string(), from: z.string(), to: z.string() })), 'Keys whose name changed'),
  reordered: z.withDescription(z.boolean(), 'The kept keys are in another order'),
};
export const TiersChanged = defineEvent(
  'partners',
  'TiersChanged',
  z.deferred(() => z.extend(tierListSchema, { ...vocabularyChange, updatedAt: z.iso.datetime() })),
  "The programme's tiers changed: the whole new list (rank order, highest first), its version, and the keys added, removed and renamed.",
);
export const ProductLinesChanged = defineEvent(
  'partners',
  'ProductLinesChanged',
  z.deferred(() => z.extend(productLineListSchema, { ...vocabularyChange, updatedAt: z.iso.datetime() })),
  "The programme's product lines changed: the whole new list, its version, and the keys added, removed and renamed.",
);

export const partnerEvents = [
  PartnerCreated,
  PartnerUpdated,
  PartnerActivated,
  PartnerSuspended,
  PartnerReactivated,
  PartnerTerminated,
  PartnerUserAdded,
  PartnerUserUpdated,
  PartnerUserEmailConflict,
  PartnerChangeRequested,
  PartnerChangeApproved,
  PartnerChangeRejected,
  TiersChanged,
  ProductLinesChanged,
];
