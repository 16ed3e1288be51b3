import * as z from 'zod';
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

export const countrySchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
  .meta({ example: 'DE' });
export const webDomainSchema = z
  .string()
  .max(253)
  .toLowerCase()
  // No lookahead for the length (not portable to RE2): max(253) bounds it, and the pattern needs at least one label.
  .regex(/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as example.com')
  .meta({ example: 'acme.example' });
export const tierSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a tier key (lower-case letters, digits, dashes)')
  .meta({ example: 'gold' });

export const locationSchema = z
  .strictObject({
    name: nameText(120).meta({ example: 'Munich office' }).optional(),
    country: countrySchema,
    region: text(120).meta({ example: 'Bavaria' }).optional(),
    city: text(120).meta({ example: 'München' }).optional(),
    postalCode: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .regex(/^[A-Za-z0-9 -]+$/, 'must be a postal code')
      .meta({ example: '80331' })
      .optional(),
    coordinates: z.strictObject({ lat: storableNumber().min(-90).max(90), lon: storableNumber().min(-180).max(180) }).optional(),
  })
  .meta({ id: 'Location' });

/** Territory codes: a country (`DE`) or a country subdivision (`DE-BY`, ISO 3166-2). */
export const territorySchema = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 country or subdivision code')
  .meta({ example: 'DE-BY' });
export const specialisationSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a key (lower-case letters, digits, dashes)')
  .meta({ example: 'networking' });

const attributeKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must be an attribute name')
  .meta({ example: 'crmAccountId' });
export const customAttributesSchema = z
  .record(
    attributeKey,
    z.union([z.string().max(500).regex(PLAIN_TEXT_PATTERN, 'must not contain control characters or angle brackets'), storableNumber(), z.boolean()]),
  )
  .refine((r) => Object.keys(r).length <= 50, 'at most 50 custom attributes')
  .meta({
    id: 'CustomAttributes',
    maxProperties: 50,
    description: 'Programme-defined attributes, at most 50.',
    example: { crmAccountId: 'ACC-1042', seats: 25 },
  });

/** A tax or VAT number as printed: letters, digits and the separators people type. */
export const taxIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]{1,39}$/, 'must be a tax or VAT number (letters, digits, spaces, . / -)')
  .meta({ example: 'DE 123 456 789' });

/** The profile: what describes the organisation. Partner admins may edit it. */
export const profileShape = {
  legalName: nameText(200).meta({ example: 'Northwind Systems GmbH' }),
  displayName: nameText(200).meta({ example: 'Northwind' }).optional(),
  webDomain: webDomainSchema,
  country: countrySchema,
  taxId: taxIdSchema.optional(),
  locations: z.array(locationSchema).max(50).optional(),
  territories: z.array(territorySchema).max(200).optional(),
  specialisations: z.array(specialisationSchema).max(50).optional(),
  leadCapacity: z.number().int().min(0).max(10_000).optional(),
  customAttributes: customAttributesSchema.optional(),
};
/** Fields that only vendor roles may set. */
export const vendorShape = {
  type: z.enum(PARTNER_TYPES),
  tier: tierSchema.nullable().optional(),
  channelManagerId: z.string().min(1).max(128).nullable().optional(),
};

export const PROFILE_FIELDS = Object.keys(profileShape) as (keyof typeof profileShape)[];
export const VENDOR_ONLY_FIELDS = Object.keys(vendorShape) as (keyof typeof vendorShape)[];

export const createPartnerSchema = z
  .strictObject({
    ...profileShape,
    ...vendorShape,
    status: z.enum(['onboarding', 'active']).default('active').describe('Initial status; partners migrated from another system start active.'),
  })
  .meta({ id: 'CreatePartner' });
export type CreatePartnerInput = z.infer<typeof createPartnerSchema>;

const optionalize = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };

export const updatePartnerSchema = z
  .strictObject({ ...optionalize(profileShape), ...optionalize(vendorShape) })
  .refine((p) => Object.keys(p).length > 0, 'at least one field must be given')
  .meta({ id: 'UpdatePartner', minProperties: 1 });
export type UpdatePartnerInput = z.infer<typeof updatePartnerSchema>;

export const partnerSchema = z
  .object({
    id: partnerIdSchema,
    ...profileShape,
    type: z.enum(PARTNER_TYPES),
    tier: tierSchema.nullable(),
    channelManagerId: z.string().nullable(),
    status: z.enum(PARTNER_STATUSES),
    statusReason: z.string().nullable(),
    suspendedFrom: z
      .enum(RESUMABLE_STATUSES)
      .nullable()
      .default(null)
      .meta({ description: 'While suspended: the status that reactivation returns to (an onboarding partner goes back to onboarding).' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Partner' });
export type Partner = z.infer<typeof partnerSchema>;

export const statusChangeSchema = z.strictObject({ reason: text(500).meta({ example: 'Contract under review' }) }).meta({ id: 'StatusChange' });

// ---- partner users ----

export const USER_STATUSES = ['active', 'disabled'] as const;
/** `vendor`: a vendor role; `partner`: the partner's admin; `system`: the partner was terminated. */
export const DISABLED_BY = ['vendor', 'partner', 'system'] as const;
const partnerUserRolesSchema = z
  .array(z.enum(PARTNER_ROLES))
  .min(1)
  .max(PARTNER_ROLES.length)
  .refine((r) => new Set(r).size === r.length, 'roles must be unique')
  .meta({ uniqueItems: true, example: ['partner-sales'] });

export const addPartnerUserSchema = z
  .strictObject({
    email: emailAddress(),
    givenName: nameText(100).meta({ example: 'Ana' }),
    familyName: nameText(100).meta({ example: 'López' }),
    roles: partnerUserRolesSchema,
  })
  .meta({ id: 'AddPartnerUser' });
export type AddPartnerUserInput = z.infer<typeof addPartnerUserSchema>;

export const updatePartnerUserSchema = z
  .strictObject({
    givenName: nameText(100).meta({ example: 'Ana' }).optional(),
    familyName: nameText(100).meta({ example: 'López' }).optional(),
    roles: partnerUserRolesSchema.optional(),
    status: z.enum(USER_STATUSES).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'at least one field must be given')
  .meta({ id: 'UpdatePartnerUser', minProperties: 1 });
export type UpdatePartnerUserInput = z.infer<typeof updatePartnerUserSchema>;

/**
 * A new user's invitation: `pending` until the user first signs in (`accepted`), or until
 * `expiresAt` passes without a sign-in (`expired`: the user is disabled and its e-mail address
 * released). Users created before invitations were tracked have none: accepted.
 */
export const INVITATION_STATUSES = ['pending', 'accepted', 'expired'] as const;
export const invitationSchema = z.object({ status: z.enum(INVITATION_STATUSES), expiresAt: z.iso.datetime() }).meta({
  id: 'Invitation',
  description: 'Pending until the first sign-in; expires (the user is disabled, its address released) after the invitation window.',
});
export type Invitation = z.infer<typeof invitationSchema>;

export const partnerUserSchema = z
  .object({
    id: userIdSchema,
    partnerId: partnerIdSchema,
    email: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    roles: z.array(z.enum(PARTNER_ROLES)),
    status: z.enum(USER_STATUSES),
    disabledBy: z
      .enum(DISABLED_BY)
      .nullable()
      .default(null)
      .meta({ description: 'Who disabled the user: a partner admin may re-enable only a user that a partner admin disabled.' }),
    sessionsRevokedAt: z.iso
      .datetime()
      .nullable()
      .default(null)
      .meta({ description: 'Tokens issued before this instant are refused (set when the user is disabled or loses a role).' }),
    invitation: invitationSchema.optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'PartnerUser' });
export type PartnerUser = z.infer<typeof partnerUserSchema>;

export const historyEntrySchema = z
  .object({
    eventId: z.string(),
    occurredAt: z.iso.datetime(),
    action: z.string().meta({ example: 'PartnerUpdated' }),
    actor: z.object({ sub: z.string(), roles: z.array(z.string()) }),
    subject: z.string().meta({ description: 'The id of the changed record: the partner or one of its users.' }),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const partnerFiltersSchema = z.strictObject({
  status: z.enum(PARTNER_STATUSES).optional(),
  tier: tierSchema.optional(),
  type: z.enum(PARTNER_TYPES).optional(),
  country: countrySchema.optional(),
});
export type PartnerFilters = z.infer<typeof partnerFiltersSchema>;
