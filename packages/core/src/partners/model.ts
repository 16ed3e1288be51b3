import * as z from '../kernel/zod.ts';
import { idSchema } from '../kernel/ids.ts';
import { PARTNER_ROLES } from '../kernel/roles.ts';
import { storableNumber } from '../kernel/numbers.ts';
import { PLAIN_TEXT_PATTERN, emailAddress, nameText, plainText } from '../kernel/text.ts';

/** The kinds of partner a programme has: resellers, distributors, dealers, managed service providers, referral partners and suppliers. */
export const PARTNER_TYPES = ['reseller', 'distributor', 'dealer', 'msp', 'referral', 'supplier'] as const;
/**
 * The partner lifecycle (the rules are in lifecycle.ts): onboarding → active once the agreement is
 * accepted; onboarding or active → suspended → back to the status it had; any → terminated (final).
 * A prospective partner is an application (the onboarding context), not a partner yet.
 */
export const PARTNER_STATUSES = ['onboarding', 'active', 'suspended', 'terminated'] as const;
/** The statuses a suspension returns to. */
export const RESUMABLE_STATUSES = ['onboarding', 'active'] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const partnerIdSchema = idSchema('partner');
export const userIdSchema = idSchema('user');

const text = plainText;

export const countrySchema = z.deferred(() => z.withMeta(z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')), { example: 'DE' }));
export const webDomainSchema = z.deferred(() =>
  z.withMeta(
    z
      .string()
      .check(z.maxLength(253), z.toLowerCase(), z.regex(/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as example.com')),
    { example: 'acme.example' },
  ),
);
export const tierSchema = z.deferred(() =>
  z.withMeta(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a tier key (lower-case letters, digits, dashes)')), {
    example: 'gold',
  }),
);

export const locationSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      name: z.optional(z.withMeta(nameText(120), { example: 'Munich office' })),
      country: countrySchema,
      region: z.optional(z.withMeta(text(120), { example: 'Bavaria' })),
      city: z.optional(z.withMeta(text(120), { example: 'München' })),
      postalCode: z.optional(
        z.withMeta(z.string().check(z.trim(), z.minLength(1), z.maxLength(20), z.regex(/^[A-Za-z0-9 -]+$/, 'must be a postal code')), { example: '80331' }),
      ),
      coordinates: z.optional(
        z.strictObject({ lat: storableNumber().check(z.minimum(-90), z.maximum(90)), lon: storableNumber().check(z.minimum(-180), z.maximum(180)) }),
      ),
    }),
    { id: 'Location' },
  ),
);

/** Territory codes: a country (`DE`) or a country subdivision (`DE-BY`, ISO 3166-2). */
export const territorySchema = z.deferred(() =>
  z.withMeta(z.string().check(z.regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 country or subdivision code')), {
    example: 'DE-BY',
  }),
);
export const specialisationSchema = z.deferred(() =>
  z.withMeta(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a key (lower-case letters, digits, dashes)')), {
    example: 'networking',
  }),
);

const attributeKey = z.withMeta(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must be an attribute name')), { example: 'crmAccountId' });
export const customAttributesSchema = z.deferred(() =>
  z.withMeta(
    z
      .record(
        attributeKey,
        z.union([
          z.string().check(z.maxLength(500), z.regex(PLAIN_TEXT_PATTERN, 'must not contain control characters or angle brackets')),
          storableNumber(),
          z.boolean(),
        ]),
      )
      .check(z.refine((r) => Object.keys(r).length <= 50, 'at most 50 custom attributes')),
    {
      id: 'CustomAttributes',
      maxProperties: 50,
      description: 'Programme-defined attributes, at most 50.',
      example: { crmAccountId: 'ACC-1042', seats: 25 },
    },
  ),
);

/** A tax or VAT number as printed: letters, digits and the separators people type. */
export const taxIdSchema = z.deferred(() =>
  z.withMeta(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]{1,39}$/, 'must be a tax or VAT number (letters, digits, spaces, . / -)')), {
    example: 'DE 123 456 789',
  }),
);

/** The profile: what describes the organisation. Partner admins may edit it. */
export const profileShape = {
  legalName: z.withMeta(nameText(200), { example: 'Northwind Systems GmbH' }),
  displayName: z.optional(z.withMeta(nameText(200), { example: 'Northwind' })),
  webDomain: webDomainSchema,
  country: countrySchema,
  taxId: z.optional(taxIdSchema),
  locations: z.optional(z.array(locationSchema).check(z.maxLength(50))),
  territories: z.optional(z.array(territorySchema).check(z.maxLength(200))),
  specialisations: z.optional(z.array(specialisationSchema).check(z.maxLength(50))),
  leadCapacity: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10_000))),
  customAttributes: z.optional(customAttributesSchema),
};
/** Fields that only vendor roles may set. */
export const vendorShape = {
  type: z.enum(PARTNER_TYPES),
  tier: z.optional(z.nullable(tierSchema)),
  channelManagerId: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(128)))),
};

export const PROFILE_FIELDS = Object.keys(profileShape) as (keyof typeof profileShape)[];
export const VENDOR_ONLY_FIELDS = Object.keys(vendorShape) as (keyof typeof vendorShape)[];

export const createPartnerSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      ...profileShape,
      ...vendorShape,
      status: z.withDescription(z._default(z.enum(['onboarding', 'active']), 'active'), 'Initial status; partners migrated from another system start active.'),
    }),
    { id: 'CreatePartner' },
  ),
);
export type CreatePartnerInput = z.infer<typeof createPartnerSchema>;

const optionalize = <T extends Record<string, z.ZodMiniType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, z.optional(v)])) as { [K in keyof T]: z.ZodMiniOptional<T[K]> };

export const updatePartnerSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject({ ...optionalize(profileShape), ...optionalize(vendorShape) })
      .check(z.refine((p) => Object.keys(p).length > 0, 'at least one field must be given')),
    { id: 'UpdatePartner', minProperties: 1 },
  ),
);
export type UpdatePartnerInput = z.infer<typeof updatePartnerSchema>;

export const partnerSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: partnerIdSchema,
      ...profileShape,
      type: z.enum(PARTNER_TYPES),
      tier: z.nullable(tierSchema),
      channelManagerId: z.nullable(z.string()),
      status: z.enum(PARTNER_STATUSES),
      statusReason: z.nullable(z.string()),
      suspendedFrom: z.withMeta(z._default(z.nullable(z.enum(RESUMABLE_STATUSES)), null), {
        description: 'While suspended: the status that reactivation returns to (an onboarding partner goes back to onboarding).',
      }),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
    { id: 'Partner' },
  ),
);
export type Partner = z.infer<typeof partnerSchema>;

export const statusChangeSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ reason: z.withMeta(text(500), { example: 'Contract under review' }) }), { id: 'StatusChange' }),
);

// ---- partner users ----

export const USER_STATUSES = ['active', 'disabled'] as const;
/** `vendor`: a vendor role; `partner`: the partner's admin; `system`: the partner was terminated. */
export const DISABLED_BY = ['vendor', 'partner', 'system'] as const;
const partnerUserRolesSchema = z.deferred(() =>
  z.withMeta(
    z.array(z.enum(PARTNER_ROLES)).check(
      z.minLength(1),
      z.maxLength(PARTNER_ROLES.length),
      z.refine((r) => new Set(r).size === r.length, 'roles must be unique'),
    ),
    { uniqueItems: true, example: ['partner-sales'] },
  ),
);

export const addPartnerUserSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      email: emailAddress(),
      givenName: z.withMeta(nameText(100), { example: 'Ana' }),
      familyName: z.withMeta(nameText(100), { example: 'López' }),
      roles: partnerUserRolesSchema,
    }),
    { id: 'AddPartnerUser' },
  ),
);
export type AddPartnerUserInput = z.infer<typeof addPartnerUserSchema>;

export const updatePartnerUserSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject({
        givenName: z.optional(z.withMeta(nameText(100), { example: 'Ana' })),
        familyName: z.optional(z.withMeta(nameText(100), { example: 'López' })),
        roles: z.optional(partnerUserRolesSchema),
        status: z.optional(z.enum(USER_STATUSES)),
      })
      .check(z.refine((p) => Object.keys(p).length > 0, 'at least one field must be given')),
    { id: 'UpdatePartnerUser', minProperties: 1 },
  ),
);
export type UpdatePartnerUserInput = z.infer<typeof updatePartnerUserSchema>;

/**
 * A new user's invitation: `pending` until the user first signs in (`accepted`), or until
 * `expiresAt` passes without a sign-in (`expired`: the user is disabled and its e-mail address
 * released). Users created before invitations were tracked have none: accepted.
 */
export const INVITATION_STATUSES = ['pending', 'accepted', 'expired'] as const;
export const invitationSchema = z.deferred(() =>
  z.withMeta(z.object({ status: z.enum(INVITATION_STATUSES), expiresAt: z.iso.datetime() }), {
    id: 'Invitation',
    description: 'Pending until the first sign-in; expires (the user is disabled, its address released) after the invitation window.',
  }),
);
export type Invitation = z.infer<typeof invitationSchema>;

export const partnerUserSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: userIdSchema,
      partnerId: partnerIdSchema,
      email: z.string(),
      givenName: z.string(),
      familyName: z.string(),
      roles: z.array(z.enum(PARTNER_ROLES)),
      status: z.enum(USER_STATUSES),
      disabledBy: z.withMeta(z._default(z.nullable(z.enum(DISABLED_BY)), null), {
        description: 'Who disabled the user: a partner admin may re-enable only a user that a partner admin disabled.',
      }),
      sessionsRevokedAt: z.withMeta(z._default(z.nullable(z.iso.datetime()), null), {
        description: 'Tokens issued before this instant are refused (set when the user is disabled or loses a role).',
      }),
      invitation: z.optional(invitationSchema),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
    { id: 'PartnerUser' },
  ),
);
export type PartnerUser = z.infer<typeof partnerUserSchema>;

export const historyEntrySchema = z.deferred(() =>
  z.withMeta(
    z.object({
      eventId: z.string(),
      occurredAt: z.iso.datetime(),
      action: z.withMeta(z.string(), { example: 'PartnerUpdated' }),
      actor: z.object({ sub: z.string(), roles: z.array(z.string()) }),
      subject: z.withMeta(z.string(), { description: 'The id of the changed record: the partner or one of its users.' }),
      changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    }),
    { id: 'HistoryEntry' },
  ),
);
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const partnerFiltersSchema = z.deferred(() =>
  z.strictObject({
    status: z.optional(z.enum(PARTNER_STATUSES)),
    tier: z.optional(tierSchema),
    type: z.optional(z.enum(PARTNER_TYPES)),
    country: z.optional(countrySchema),
  }),
);
export type PartnerFilters = z.infer<typeof partnerFiltersSchema>;
