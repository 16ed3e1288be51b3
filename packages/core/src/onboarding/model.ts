import * as z from 'zod';
import { idSchema } from '../kernel/ids.ts';
import { MULTILINE_TEXT_PATTERN, emailAddress, nameText, plainText } from '../kernel/text.ts';
import {
  PARTNER_TYPES,
  PROFILE_FIELDS,
  countrySchema,
  partnerIdSchema,
  specialisationSchema,
  taxIdSchema,
  territorySchema,
  userIdSchema,
  webDomainSchema,
} from '../partners/index.ts';

export const applicationIdSchema = idSchema('application');
export const agreementIdSchema = idSchema('agreement');

const actorSchema = z.object({ sub: z.string(), roles: z.array(z.string()) });
const key = specialisationSchema;
const unique = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max)
    .refine((a) => new Set(a).size === a.length, `${what} must be unique`)
    .meta({ uniqueItems: true });

// ---- the application a prospective partner submits ----

export const addressSchema = z
  .strictObject({
    line1: plainText(200).meta({ example: 'Hafenstraße 12' }),
    line2: plainText(200).meta({ example: 'Building C, 3rd floor' }).optional(),
    city: plainText(120).meta({ example: 'Hamburg' }),
    region: plainText(120).meta({ example: 'Hamburg' }).optional(),
    postalCode: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .regex(/^[A-Za-z0-9 -]+$/, 'must be a postal code')
      .meta({ example: '20457' })
      .optional(),
  })
  .meta({ id: 'Address' });

export const submitApplicationSchema = z
  .strictObject({
    company: z.strictObject({
      legalName: nameText(200).meta({ example: 'Northwind Systems GmbH' }),
      tradingName: nameText(200).meta({ example: 'Northwind' }).optional(),
      webDomain: webDomainSchema,
      country: countrySchema,
      address: addressSchema,
      taxId: taxIdSchema.optional(),
    }),
    partnerType: z.enum(PARTNER_TYPES),
    products: unique(key, 50, 'products').min(1).describe('Product lines the applicant wants to sell.'),
    territories: unique(territorySchema, 200, 'territories').min(1),
    contact: z.strictObject({
      givenName: nameText(100).meta({ example: 'Ana' }),
      familyName: nameText(100).meta({ example: 'López' }),
      email: emailAddress(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()./-]{5,30}$/, 'must be a phone number')
        .meta({ example: '+49 40 1234567' })
        .optional(),
      jobTitle: plainText(120).meta({ example: 'Head of Alliances' }).optional(),
    }),
  })
  .meta({ id: 'SubmitApplication' });
export type SubmitApplicationInput = z.infer<typeof submitApplicationSchema>;

/** What the anonymous applicant learns: that the application arrived, nothing about others. */
export const applicationReceiptSchema = z.object({ id: applicationIdSchema, status: z.literal('received') }).meta({ id: 'ApplicationReceipt' });

/** `expired`: nobody decided it within the review window (REVIEW_WINDOW_DAYS); its identity keys and caps are free again. */
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Which identifying value matched, and whose it is. */
export const duplicateMatchSchema = z
  .object({
    on: z.enum(['webDomain', 'taxId', 'legalName']),
    value: z.string().meta({ description: 'The normalised value that matched, e.g. the registrable domain.' }),
    kind: z.enum(['partner', 'application']),
    id: z.string(),
  })
  .meta({ id: 'DuplicateMatch' });
export type DuplicateMatch = z.infer<typeof duplicateMatchSchema>;

/** Optional fields a programme may require per partner type. */
export const REQUIRABLE_FIELDS = [
  'company.taxId',
  'company.tradingName',
  'company.address.region',
  'company.address.postalCode',
  'contact.phone',
  'contact.jobTitle',
] as const;
export type RequirableField = (typeof REQUIRABLE_FIELDS)[number];

export const applicationChecksSchema = z
  .object({
    duplicate: z.object({ passed: z.boolean(), matches: z.array(duplicateMatchSchema) }),
    requiredFields: z.object({ passed: z.boolean(), missing: z.array(z.enum(REQUIRABLE_FIELDS)) }),
    country: z.object({ passed: z.boolean(), allowed: z.array(z.string()).nullable() }),
  })
  .meta({
    id: 'ApplicationChecks',
    description: 'Automated checks run at submission; a failed check flags the application for the reviewer, it never rejects or merges on its own.',
  });
export type ApplicationChecks = z.infer<typeof applicationChecksSchema>;

export const decisionSchema = z
  .object({
    outcome: z.enum(['approved', 'rejected']),
    by: actorSchema,
    at: z.iso.datetime(),
    reason: z.string().nullable(),
    partnerId: partnerIdSchema.nullable(),
    adminUserId: userIdSchema.nullable(),
  })
  .meta({ id: 'ApplicationDecision' });

export const applicationSchema = z
  .object({
    id: applicationIdSchema,
    status: z.enum(APPLICATION_STATUSES),
    ...submitApplicationSchema.shape,
    checks: applicationChecksSchema,
    flagged: z.boolean().meta({ description: 'True when any automated check failed.' }),
    reviewSlaDays: z.number().int(),
    reviewDueAt: z.iso.datetime(),
    remindersSent: z.number().int().min(0),
    decision: decisionSchema.nullable(),
    submittedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof applicationSchema>;

export const applicationFiltersSchema = z.strictObject({ status: z.enum(APPLICATION_STATUSES).optional() });

export const rejectApplicationSchema = z
  .strictObject({ reason: plainText(1000).meta({ example: 'We do not recruit partners in this territory yet' }) })
  .meta({ id: 'RejectApplication' });
export const approveApplicationSchema = z
  .strictObject({
    tier: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a tier key')
      .meta({ example: 'gold' })
      .optional(),
    channelManagerId: z.string().min(1).max(128).optional(),
    note: plainText(1000).meta({ example: 'Approved after the reference call' }).optional(),
  })
  .meta({ id: 'ApproveApplication' });
export type ApproveApplicationInput = z.infer<typeof approveApplicationSchema>;

// ---- programme: onboarding settings and agreements ----

export const CHECKLIST_KINDS = ['profile', 'users', 'certification', 'manual'] as const;

/**
 * One item of the onboarding checklist, defined by the programme. Items other than `manual`
 * complete themselves from events: `profile` when the listed profile fields are all set
 * (PartnerCreated/PartnerUpdated), `users` when the partner has `minUsers` active users
 * (PartnerUserAdded/PartnerUserUpdated), `certification` when certifications with the listed keys
 * are issued to the partner's people (CertificationIssued from channelbase.training).
 */
export const checklistItemDefinitionSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      id: key,
      title: plainText(200).meta({ example: 'Complete your company profile' }),
      kind: z.literal('profile'),
      fields: unique(z.enum(PROFILE_FIELDS), PROFILE_FIELDS.length, 'fields').min(1),
    }),
    z.strictObject({
      id: key,
      title: plainText(200).meta({ example: 'Invite your sales team' }),
      kind: z.literal('users'),
      minUsers: z.number().int().min(1).max(1000),
    }),
    z.strictObject({
      id: key,
      title: plainText(200).meta({ example: 'Pass the sales fundamentals certification' }),
      kind: z.literal('certification'),
      certifications: unique(key, 20, 'certifications').min(1),
    }),
    z.strictObject({ id: key, title: plainText(200).meta({ example: 'Sign the data processing addendum' }), kind: z.literal('manual') }),
  ])
  .meta({ id: 'ChecklistItemDefinition' });
export type ChecklistItemDefinition = z.infer<typeof checklistItemDefinitionSchema>;

export const onboardingSettingsInputSchema = z
  .strictObject({
    reviewSlaDays: z.number().int().min(1).max(60).describe('A pending application raises a reminder after this many days, and again each period after.'),
    allowedCountries: unique(countrySchema, 250, 'countries')
      .min(1)
      .nullable()
      .describe('Countries the programme accepts applicants from; null accepts every country.'),
    requiredFields: z.partialRecord(z.enum(PARTNER_TYPES), unique(z.enum(REQUIRABLE_FIELDS), REQUIRABLE_FIELDS.length, 'fields')),
    agreementAcceptanceDays: z.number().int().min(2).max(90),
    agreementReminderDays: z.number().int().min(1).max(89),
    checklist: z
      .array(checklistItemDefinitionSchema)
      .max(20)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'checklist item ids must be unique'),
  })
  .refine((s) => s.agreementReminderDays < s.agreementAcceptanceDays, {
    path: ['agreementReminderDays'],
    message: 'must be fewer than agreementAcceptanceDays',
  })
  .meta({ id: 'OnboardingSettingsInput' });
export type OnboardingSettingsInput = z.infer<typeof onboardingSettingsInputSchema>;

export const onboardingSettingsSchema = z
  .object({
    ...onboardingSettingsInputSchema.shape,
    updatedAt: z.iso.datetime().nullable(),
    version: z.number().int().min(0).meta({ description: '0 while the built-in defaults apply.' }),
  })
  .meta({ id: 'OnboardingSettings' });
export type OnboardingSettings = z.infer<typeof onboardingSettingsSchema>;

export const DEFAULT_ONBOARDING_SETTINGS: OnboardingSettings = {
  reviewSlaDays: 3,
  allowedCountries: null,
  requiredFields: {
    reseller: ['company.taxId'],
    distributor: ['company.taxId'],
    dealer: ['company.taxId'],
    msp: ['company.taxId'],
    supplier: ['company.taxId'],
  },
  agreementAcceptanceDays: 14,
  agreementReminderDays: 7,
  checklist: [
    { id: 'complete-profile', title: 'Complete your company profile', kind: 'profile', fields: ['displayName', 'locations', 'territories', 'specialisations'] },
    { id: 'add-users', title: 'Invite your sales team', kind: 'users', minUsers: 2 },
    { id: 'required-training', title: 'Pass the sales fundamentals certification', kind: 'certification', certifications: ['sales-fundamentals'] },
  ],
  updatedAt: null,
  version: 0,
};

export const publishAgreementSchema = z
  .strictObject({
    title: plainText(200).meta({ example: 'Partner agreement 2027' }),
    text: z
      .string()
      .trim()
      .min(1)
      .max(50_000)
      .regex(MULTILINE_TEXT_PATTERN, 'must not contain control characters other than line breaks and tabs')
      .meta({ example: '# Partner agreement\n\nThe partner resells the vendor’s products in its territories.' })
      .optional()
      .describe('The agreement text (plain text or Markdown).'),
    documentUrl: z
      .url({ protocol: /^https$/ })
      .max(2000)
      .optional()
      .describe('Or a reference to the signed-off document.'),
    documentSha256: z
      .string()
      .regex(/^[a-f0-9]{64}$/, 'must be a lower-case hex SHA-256')
      .meta({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
      .optional(),
  })
  .refine((a) => a.text !== undefined || a.documentUrl !== undefined, { message: 'give the text or a documentUrl', path: ['text'] })
  // The refine is not representable; the document states it so that a generated client sends one of the two.
  .meta({ id: 'PublishAgreement', anyOf: [{ required: ['text'] }, { required: ['documentUrl'] }] });
export type PublishAgreementInput = z.infer<typeof publishAgreementSchema>;

export const agreementSchema = z
  .object({
    id: agreementIdSchema,
    title: z.string(),
    agreementVersion: z.number().int().min(1).meta({ description: 'Increases with each published agreement; the highest is current.' }),
    text: z.string().nullable(),
    documentUrl: z.string().nullable(),
    documentSha256: z.string().nullable(),
    publishedAt: z.iso.datetime(),
    publishedBy: actorSchema,
  })
  .meta({ id: 'Agreement' });
export type Agreement = z.infer<typeof agreementSchema>;

export const OFFER_STATUSES = ['offered', 'accepted', 'expired'] as const;

/** The programme agreement as offered to one partner, and what became of it. */
export const agreementOfferSchema = z
  .object({
    partnerId: partnerIdSchema,
    agreementId: agreementIdSchema,
    title: z.string(),
    agreementVersion: z.number().int().min(1),
    text: z.string().nullable(),
    documentUrl: z.string().nullable(),
    documentSha256: z.string().nullable(),
    status: z.enum(OFFER_STATUSES),
    offeredAt: z.iso.datetime(),
    remindAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    remindedAt: z.iso.datetime().nullable(),
    acceptedAt: z.iso.datetime().nullable(),
    acceptedBy: z.object({ sub: z.string(), userId: z.string().nullable() }).nullable(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'AgreementOffer' });
export type AgreementOffer = z.infer<typeof agreementOfferSchema>;

export const checklistSchema = z
  .object({
    partnerId: partnerIdSchema,
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.enum(CHECKLIST_KINDS),
        definition: checklistItemDefinitionSchema,
        done: z.boolean(),
        completedAt: z.iso.datetime().nullable(),
        completedBy: z.string().nullable().meta({ description: 'The event (or `sub` for manual items) that completed it.' }),
      }),
    ),
    certifications: z.array(z.string()).meta({ description: "Certification keys issued to the partner's people so far." }),
    completedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'OnboardingChecklist' });
export type Checklist = z.infer<typeof checklistSchema>;
