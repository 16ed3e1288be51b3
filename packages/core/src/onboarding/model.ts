import * as z from '../kernel/zod.ts';
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

const actorSchema = z.deferred(() => z.object({ sub: z.string(), roles: z.array(z.string()) }));
const key = specialisationSchema;
const unique = <T extends z.ZodMiniType>(item: T, max: number, what: string) =>
  z.withMeta(
    z.array(item).check(
      z.maxLength(max),
      z.refine((a) => new Set(a).size === a.length, `${what} must be unique`),
    ),
    { uniqueItems: true },
  );

// ---- the application a prospective partner submits ----

export const addressSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      line1: z.withMeta(plainText(200), { example: 'Hafenstraße 12' }),
      line2: z.optional(z.withMeta(plainText(200), { example: 'Building C, 3rd floor' })),
      city: z.withMeta(plainText(120), { example: 'Hamburg' }),
      region: z.optional(z.withMeta(plainText(120), { example: 'Hamburg' })),
      postalCode: z.optional(
        z.withMeta(z.string().check(z.trim(), z.minLength(1), z.maxLength(20), z.regex(/^[A-Za-z0-9 -]+$/, 'must be a postal code')), { example: '20457' }),
      ),
    }),
    { id: 'Address' },
  ),
);

export const submitApplicationSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      company: z.strictObject({
        legalName: z.withMeta(nameText(200), { example: 'Northwind Systems GmbH' }),
        tradingName: z.optional(z.withMeta(nameText(200), { example: 'Northwind' })),
        webDomain: webDomainSchema,
        country: countrySchema,
        address: addressSchema,
        taxId: z.optional(taxIdSchema),
      }),
      partnerType: z.enum(PARTNER_TYPES),
      products: z.withDescription(unique(key, 50, 'products').check(z.minLength(1)), 'Product lines the applicant wants to sell.'),
      territories: unique(territorySchema, 200, 'territories').check(z.minLength(1)),
      contact: z.strictObject({
        givenName: z.withMeta(nameText(100), { example: 'Ana' }),
        familyName: z.withMeta(nameText(100), { example: 'López' }),
        email: emailAddress(),
        phone: z.optional(z.withMeta(z.string().check(z.trim(), z.regex(/^\+?[0-9 ()./-]{5,30}$/, 'must be a phone number')), { example: '+49 40 1234567' })),
        jobTitle: z.optional(z.withMeta(plainText(120), { example: 'Head of Alliances' })),
      }),
    }),
    { id: 'SubmitApplication' },
  ),
);
export type SubmitApplicationInput = z.infer<typeof submitApplicationSchema>;

/** What the anonymous applicant learns: that the application arrived, nothing about others. */
export const applicationReceiptSchema = z.deferred(() =>
  z.withMeta(z.object({ id: applicationIdSchema, status: z.literal('received') }), { id: 'ApplicationReceipt' }),
);

/** `expired`: nobody decided it within the review window (REVIEW_WINDOW_DAYS); its identity keys and caps are free again. */
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Which identifying value matched, and whose it is. */
export const duplicateMatchSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      on: z.enum(['webDomain', 'taxId', 'legalName']),
      value: z.withMeta(z.string(), { description: 'The normalised value that matched, e.g. the registrable domain.' }),
      kind: z.enum(['partner', 'application']),
      id: z.string(),
    }),
    { id: 'DuplicateMatch' },
  ),
);
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

export const applicationChecksSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      duplicate: z.object({ passed: z.boolean(), matches: z.array(duplicateMatchSchema) }),
      requiredFields: z.object({ passed: z.boolean(), missing: z.array(z.enum(REQUIRABLE_FIELDS)) }),
      country: z.object({ passed: z.boolean(), allowed: z.nullable(z.array(z.string())) }),
    }),
    {
      id: 'ApplicationChecks',
      description: 'Automated checks run at submission; a failed check flags the application for the reviewer, it never rejects or merges on its own.',
    },
  ),
);
export type ApplicationChecks = z.infer<typeof applicationChecksSchema>;

export const decisionSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      outcome: z.enum(['approved', 'rejected']),
      by: actorSchema,
      at: z.iso.datetime(),
      reason: z.nullable(z.string()),
      partnerId: z.nullable(partnerIdSchema),
      adminUserId: z.nullable(userIdSchema),
    }),
    { id: 'ApplicationDecision' },
  ),
);

export const applicationSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: applicationIdSchema,
      status: z.enum(APPLICATION_STATUSES),
      ...submitApplicationSchema.shape,
      checks: applicationChecksSchema,
      flagged: z.withMeta(z.boolean(), { description: 'True when any automated check failed.' }),
      reviewSlaDays: z.number().check(z.int()),
      reviewDueAt: z.iso.datetime(),
      remindersSent: z.number().check(z.int(), z.minimum(0)),
      decision: z.nullable(decisionSchema),
      submittedAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
    { id: 'Application' },
  ),
);
export type Application = z.infer<typeof applicationSchema>;

export const applicationFiltersSchema = z.deferred(() => z.strictObject({ status: z.optional(z.enum(APPLICATION_STATUSES)) }));

export const rejectApplicationSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ reason: z.withMeta(plainText(1000), { example: 'We do not recruit partners in this territory yet' }) }), {
    id: 'RejectApplication',
  }),
);
export const approveApplicationSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      tier: z.optional(z.withMeta(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a tier key')), { example: 'gold' })),
      channelManagerId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
      note: z.optional(z.withMeta(plainText(1000), { example: 'Approved after the reference call' })),
    }),
    { id: 'ApproveApplication' },
  ),
);
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
export const checklistItemDefinitionSchema = z.deferred(() =>
  z.withMeta(
    z.discriminatedUnion('kind', [
      z.strictObject({
        id: key,
        title: z.withMeta(plainText(200), { example: 'Complete your company profile' }),
        kind: z.literal('profile'),
        fields: unique(z.enum(PROFILE_FIELDS), PROFILE_FIELDS.length, 'fields').check(z.minLength(1)),
      }),
      z.strictObject({
        id: key,
        title: z.withMeta(plainText(200), { example: 'Invite your sales team' }),
        kind: z.literal('users'),
        minUsers: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
      }),
      z.strictObject({
        id: key,
        title: z.withMeta(plainText(200), { example: 'Pass the sales fundamentals certification' }),
        kind: z.literal('certification'),
        certifications: unique(key, 20, 'certifications').check(z.minLength(1)),
      }),
      z.strictObject({ id: key, title: z.withMeta(plainText(200), { example: 'Sign the data processing addendum' }), kind: z.literal('manual') }),
    ]),
    { id: 'ChecklistItemDefinition' },
  ),
);
export type ChecklistItemDefinition = z.infer<typeof checklistItemDefinitionSchema>;

export const onboardingSettingsInputSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject({
        reviewSlaDays: z.withDescription(
          z.number().check(z.int(), z.minimum(1), z.maximum(60)),
          'A pending application raises a reminder after this many days, and again each period after.',
        ),
        allowedCountries: z.withDescription(
          z.nullable(unique(countrySchema, 250, 'countries').check(z.minLength(1))),
          'Countries the programme accepts applicants from; null accepts every country.',
        ),
        requiredFields: z.partialRecord(z.enum(PARTNER_TYPES), unique(z.enum(REQUIRABLE_FIELDS), REQUIRABLE_FIELDS.length, 'fields')),
        agreementAcceptanceDays: z.number().check(z.int(), z.minimum(2), z.maximum(90)),
        agreementReminderDays: z.number().check(z.int(), z.minimum(1), z.maximum(89)),
        checklist: z.array(checklistItemDefinitionSchema).check(
          z.maxLength(20),
          z.refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'checklist item ids must be unique'),
        ),
      })
      .check(
        z.refine((s) => s.agreementReminderDays < s.agreementAcceptanceDays, {
          path: ['agreementReminderDays'],
          message: 'must be fewer than agreementAcceptanceDays',
        }),
      ),
    { id: 'OnboardingSettingsInput' },
  ),
);
export type OnboardingSettingsInput = z.infer<typeof onboardingSettingsInputSchema>;

export const onboardingSettingsSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      ...onboardingSettingsInputSchema.shape,
      updatedAt: z.nullable(z.iso.datetime()),
      version: z.withMeta(z.number().check(z.int(), z.minimum(0)), { description: '0 while the built-in defaults apply.' }),
    }),
    { id: 'OnboardingSettings' },
  ),
);
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

export const publishAgreementSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject({
        title: z.withMeta(plainText(200), { example: 'Partner agreement 2027' }),
        text: z.withDescription(
          z.optional(
            z.withMeta(
              z
                .string()
                .check(
                  z.trim(),
                  z.minLength(1),
                  z.maxLength(50_000),
                  z.regex(MULTILINE_TEXT_PATTERN, 'must not contain control characters other than line breaks and tabs'),
                ),
              { example: '# Partner agreement\n\nThe partner resells the vendor’s products in its territories.' },
            ),
          ),
          'The agreement text (plain text or Markdown).',
        ),
        documentUrl: z.withDescription(z.optional(z.url({ protocol: /^https$/ }).check(z.maxLength(2000))), 'Or a reference to the signed-off document.'),
        documentSha256: z.optional(
          z.withMeta(z.string().check(z.regex(/^[a-f0-9]{64}$/, 'must be a lower-case hex SHA-256')), {
            example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
          }),
        ),
      })
      .check(z.refine((a) => a.text !== undefined || a.documentUrl !== undefined, { message: 'give the text or a documentUrl', path: ['text'] })),
    { id: 'PublishAgreement', anyOf: [{ required: ['text'] }, { required: ['documentUrl'] }] },
  ),
);
export type PublishAgreementInput = z.infer<typeof publishAgreementSchema>;

export const agreementSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: agreementIdSchema,
      title: z.string(),
      agreementVersion: z.withMeta(z.number().check(z.int(), z.minimum(1)), {
        description: 'Increases with each published agreement; the highest is current.',
      }),
      text: z.nullable(z.string()),
      documentUrl: z.nullable(z.string()),
      documentSha256: z.nullable(z.string()),
      publishedAt: z.iso.datetime(),
      publishedBy: actorSchema,
    }),
    { id: 'Agreement' },
  ),
);
export type Agreement = z.infer<typeof agreementSchema>;

export const OFFER_STATUSES = ['offered', 'accepted', 'expired'] as const;

/** The programme agreement as offered to one partner, and what became of it. */
export const agreementOfferSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      partnerId: partnerIdSchema,
      agreementId: agreementIdSchema,
      title: z.string(),
      agreementVersion: z.number().check(z.int(), z.minimum(1)),
      text: z.nullable(z.string()),
      documentUrl: z.nullable(z.string()),
      documentSha256: z.nullable(z.string()),
      status: z.enum(OFFER_STATUSES),
      offeredAt: z.iso.datetime(),
      remindAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
      remindedAt: z.nullable(z.iso.datetime()),
      acceptedAt: z.nullable(z.iso.datetime()),
      acceptedBy: z.nullable(z.object({ sub: z.string(), userId: z.nullable(z.string()) })),
      updatedAt: z.iso.datetime(),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
    { id: 'AgreementOffer' },
  ),
);
export type AgreementOffer = z.infer<typeof agreementOfferSchema>;

export const checklistSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      partnerId: partnerIdSchema,
      items: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          kind: z.enum(CHECKLIST_KINDS),
          definition: checklistItemDefinitionSchema,
          done: z.boolean(),
          completedAt: z.nullable(z.iso.datetime()),
          completedBy: z.withMeta(z.nullable(z.string()), { description: 'The event (or `sub` for manual items) that completed it.' }),
        }),
      ),
      certifications: z.withMeta(z.array(z.string()), { description: "Certification keys issued to the partner's people so far." }),
      completedAt: z.nullable(z.iso.datetime()),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
    { id: 'OnboardingChecklist' },
  ),
);
export type Checklist = z.infer<typeof checklistSchema>;
