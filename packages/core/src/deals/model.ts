import * as z from 'zod';
import { idSchema } from '../kernel/ids.ts';
import { storableNumber } from '../kernel/numbers.ts';
import { emailAddress, nameText, plainText } from '../kernel/text.ts';
import { countrySchema, partnerIdSchema, specialisationSchema, tierSchema, webDomainSchema } from '../partners/index.ts';

export const dealIdSchema = idSchema('deal');
export const leadIdSchema = idSchema('lead');

/**
 * The states of a registration (lifecycle.ts holds the machine):
 * - `submitted`: waiting for a channel manager, no conflict found;
 * - `under_review`: waiting for a channel manager, flagged: another partner's active registration
 *   matches the customer and a product line;
 * - `approved`: protection running (or, under the first-registrant policy, approved with the reduced benefit);
 * - `rejected` (a reason), `expired` (protection ran out), `won` (final amount, close date), `lost` (a reason).
 */
export const DEAL_STATUSES = ['submitted', 'under_review', 'approved', 'rejected', 'expired', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];
/** A registration in these states counts in conflicts (it is active). */
export const ACTIVE_STATUSES = ['submitted', 'under_review', 'approved'] as const satisfies readonly DealStatus[];
export const isActive = (s: DealStatus) => (ACTIVE_STATUSES as readonly DealStatus[]).includes(s);

export const SECOND_PARTNER_ROLES = ['distributor', 'reseller', 'referral'] as const;
/** At most this many product lines per registration (each line costs two protection items at approval). */
export const MAX_PRODUCT_LINES = 10;

const actorSchema = z.object({ sub: z.string(), roles: z.array(z.string()) });
const productLineKey = specialisationSchema;

/** Money that must be positive: integer minor units and an ISO 4217 code. */
export const positiveMoneySchema = z
  .strictObject({
    amountMinor: z.number().int().safe().min(1),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
      .meta({ example: 'EUR' }),
  })
  .meta({ id: 'PositiveMoney' });
export type PositiveMoney = z.infer<typeof positiveMoneySchema>;

/** A calendar date (RFC 3339 full-date). */
export const dateSchema = z.iso.date().meta({ example: '2027-03-31' });

export const dealCustomerSchema = z
  .strictObject({
    legalName: nameText(200).meta({ example: 'Acme Health Ltd' }),
    webDomain: webDomainSchema,
    country: countrySchema,
    address: z
      .strictObject({
        line1: plainText(200).meta({ example: '1 Market Street' }),
        city: plainText(120).meta({ example: 'Leeds' }),
        postalCode: plainText(20).meta({ example: 'LS1 1AA' }).optional(),
      })
      .optional(),
  })
  .meta({ id: 'DealCustomer' });
export type DealCustomer = z.infer<typeof dealCustomerSchema>;

export const dealLineSchema = z
  .strictObject({
    productLine: productLineKey,
    products: z
      .array(plainText(120).meta({ example: 'Edge Router X2' }))
      .max(50)
      .default([]),
  })
  .meta({ id: 'DealLine' });

const lines = z
  .array(dealLineSchema)
  .min(1)
  .max(MAX_PRODUCT_LINES)
  .refine((l) => new Set(l.map((x) => x.productLine)).size === l.length, 'product lines must be unique');

export const secondPartnerSchema = z
  .strictObject({ partnerId: partnerIdSchema, role: z.enum(SECOND_PARTNER_ROLES) })
  .meta({ id: 'DealSecondPartner', description: 'The other partner of a two-tier deal and its role.' });

export const registerDealSchema = z
  .strictObject({
    partnerId: partnerIdSchema
      .optional()
      .describe('Vendor roles register on behalf of this partner; a partner user registers for its own organisation and omits it.'),
    customer: dealCustomerSchema,
    contact: z.strictObject({
      name: nameText(200).meta({ example: 'Jo Bloggs' }),
      email: emailAddress(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()./-]{5,30}$/, 'must be a phone number')
        .meta({ example: '+44 113 496 0000' })
        .optional(),
    }),
    lines,
    value: positiveMoneySchema.describe('The estimated value.'),
    expectedCloseDate: dateSchema.describe('Must be in the future.'),
    description: plainText(2000).meta({ example: 'Branch network refresh, 40 sites' }),
    secondPartner: secondPartnerSchema.optional(),
  })
  .meta({ id: 'RegisterDeal' });
export type RegisterDealInput = z.infer<typeof registerDealSchema>;

export const conflictCheckSchema = z
  .strictObject({
    partnerId: partnerIdSchema.optional().describe('Vendor roles: the partner the registration would be for (its own registrations are no conflict).'),
    customer: z.strictObject({ legalName: dealCustomerSchema.shape.legalName, webDomain: webDomainSchema, country: countrySchema.optional() }),
    productLines: z
      .array(productLineKey)
      .min(1)
      .max(MAX_PRODUCT_LINES)
      .refine((l) => new Set(l).size === l.length, 'product lines must be unique'),
  })
  .meta({ id: 'DealConflictCheck' });
export type ConflictCheckInput = z.infer<typeof conflictCheckSchema>;

export const VERDICTS = ['no-conflict', 'possible-conflict'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why another registration matched: the customer key(s) and the product lines in common. */
export const conflictMatchSchema = z
  .object({
    registrationId: dealIdSchema,
    partnerId: partnerIdSchema,
    status: z.enum(ACTIVE_STATUSES),
    on: z.array(z.enum(['webDomain', 'legalName'])).meta({ description: 'registrable domain, normalised legal name, or both' }),
    values: z.object({ webDomain: z.string().nullable(), legalName: z.string().nullable() }),
    productLines: z.array(z.string()),
    submittedAt: z.iso.datetime(),
  })
  .meta({ id: 'DealConflictMatch' });
export type ConflictMatch = z.infer<typeof conflictMatchSchema>;

/** A partner learns only the verdict. */
export const partnerVerdictSchema = z.strictObject({ verdict: z.enum(VERDICTS) }).meta({ id: 'DealConflictVerdict' });
/** A vendor sees what matched and why. */
export const vendorConflictsSchema = z.object({ verdict: z.enum(VERDICTS), matches: z.array(conflictMatchSchema) }).meta({ id: 'DealConflicts' });
export const conflictAnswerSchema = z.union([partnerVerdictSchema, vendorConflictsSchema]).meta({ id: 'DealConflictAnswer' });

export const benefitSchema = z
  .object({
    extraDiscountPercent: storableNumber().min(0).max(100).meta({ example: 5 }),
    incentiveEligible: z.boolean(),
  })
  .meta({ id: 'DealBenefit' });
export type Benefit = z.infer<typeof benefitSchema>;

export const DECISION_POLICIES = ['auto', 'standard', 'first-registrant-reduced'] as const;

export const dealDecisionSchema = z
  .object({
    outcome: z.enum(['approved', 'rejected']),
    by: actorSchema,
    at: z.iso.datetime(),
    reason: z.string().nullable(),
    policy: z
      .enum(DECISION_POLICIES)
      .nullable()
      .meta({ description: 'How an approval was decided: auto-approval, a channel manager, or the first-registrant policy (reduced benefit, no protection).' }),
    rulesVersion: z.number().int().min(0).meta({ description: 'The deal rules version the decision used.' }),
  })
  .meta({ id: 'DealDecision' });

export const protectionSchema = z
  .object({
    running: z.boolean(),
    startsAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    extended: z.boolean(),
    releasedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DealProtection' });
export type Protection = z.infer<typeof protectionSchema>;

export const lineAmountSchema = z.strictObject({ productLine: productLineKey, amount: positiveMoneySchema }).meta({ id: 'DealLineAmount' });
export type LineAmount = z.infer<typeof lineAmountSchema>;

export const closingSchema = z
  .object({
    outcome: z.enum(['won', 'lost']),
    amount: z
      .object({ amountMinor: z.number().int(), currency: z.string() })
      .nullable()
      .meta({ description: 'The final amount of a win (kept when a win is reversed).' }),
    lines: z.array(lineAmountSchema).nullable(),
    closeDate: dateSchema.nullable(),
    reason: z.string().nullable(),
    reversed: z.boolean().meta({ description: 'A won deal a vendor corrected to lost.' }),
    by: actorSchema,
    at: z.iso.datetime(),
  })
  .meta({ id: 'DealClosing' });

export const dealSchema = z
  .object({
    id: dealIdSchema,
    partnerId: partnerIdSchema,
    secondPartner: secondPartnerSchema.nullable(),
    customer: dealCustomerSchema,
    contact: registerDealSchema.shape.contact,
    lines: z.array(z.object({ productLine: z.string(), products: z.array(z.string()) })),
    value: positiveMoneySchema,
    expectedCloseDate: dateSchema,
    description: z.string(),
    leadId: leadIdSchema.nullable().meta({ description: 'The converted lead this registration came from.' }),
    status: z.enum(DEAL_STATUSES),
    verdict: z
      .enum(VERDICTS)
      .meta({ description: 'What the conflict check found at submission; who matched is for vendor roles (GET /deals/{id}/conflicts).' }),
    rulesVersion: z.number().int().min(0),
    reviewDueAt: z.iso.datetime().nullable(),
    reviewReminded: z.boolean(),
    reviewEscalated: z.boolean(),
    decision: dealDecisionSchema.nullable(),
    benefit: benefitSchema.nullable(),
    protection: protectionSchema.nullable(),
    closing: closingSchema.nullable(),
    registeredBy: actorSchema,
    submittedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Deal' });
export type Deal = z.infer<typeof dealSchema>;

export const dealFiltersSchema = z.strictObject({ status: z.enum(DEAL_STATUSES).optional() });

export const rejectDealSchema = z
  .strictObject({ reason: plainText(1000).meta({ example: 'Customer already registered by another partner' }) })
  .meta({ id: 'RejectDeal' });
export const approveDealSchema = z
  .strictObject({ note: plainText(1000).meta({ example: 'Confirmed with the customer' }).optional() })
  .meta({ id: 'ApproveDeal' });
export const lostDealSchema = z.strictObject({ reason: plainText(1000).meta({ example: 'Customer chose a competitor' }) }).meta({ id: 'LoseDeal' });
export const reverseWonSchema = z.strictObject({ reason: plainText(1000).meta({ example: 'Order cancelled by the customer' }) }).meta({ id: 'ReverseWonDeal' });
export const wonDealSchema = z
  .strictObject({
    amount: positiveMoneySchema.describe("The final amount, in the registration's currency."),
    closeDate: dateSchema,
    lines: z
      .array(lineAmountSchema)
      .min(1)
      .max(MAX_PRODUCT_LINES)
      .optional()
      .describe('The amount per product line (they sum to `amount`); needed when the registration has more than one line.'),
  })
  .meta({ id: 'WinDeal' });
export type WonDealInput = z.infer<typeof wonDealSchema>;

// ---- the programme's deal rules ----

export const dealRulesInputSchema = z
  .strictObject({
    autoApprove: z.strictObject({
      enabled: z.boolean(),
      thresholds: z
        .array(positiveMoneySchema)
        .max(50)
        .refine((t) => new Set(t.map((m) => m.currency)).size === t.length, 'one threshold per currency')
        .describe('A registration auto-approves only when its value is under the threshold of its currency.'),
      tiers: z
        .array(tierSchema)
        .max(50)
        .refine((t) => new Set(t).size === t.length, 'tiers must be unique')
        .describe('Partner tiers that may be auto-approved.'),
    }),
    reviewSlaDays: z.number().int().min(1).max(30).describe('A channel manager decides within this many days; past it the review is escalated.'),
    reminderAfterHours: z.number().int().min(1).max(720).describe('A reminder goes out this many hours after submission (before the SLA is due).'),
    protectionDays: z.number().int().min(1).max(365),
    extensionDays: z.number().int().min(0).max(180).describe('One extension the partner may request before expiry; 0: none.'),
    benefit: benefitSchema.strict(),
    firstRegistrantWins: z
      .strictObject({ enabled: z.boolean(), reducedBenefit: benefitSchema.strict() })
      .describe(
        'For conflicts a channel manager approves anyway: the first registrant keeps protection and the full benefit, a later one gets the reduced benefit and no protection.',
      ),
  })
  .refine((r) => r.reminderAfterHours < r.reviewSlaDays * 24, { path: ['reminderAfterHours'], message: 'must be less than reviewSlaDays × 24' })
  .meta({ id: 'DealRulesInput' });
export type DealRulesInput = z.infer<typeof dealRulesInputSchema>;

export const dealRulesSchema = z
  .object({
    ...dealRulesInputSchema.shape,
    updatedAt: z.iso.datetime().nullable(),
    version: z.number().int().min(0).meta({ description: '0 while the built-in defaults apply.' }),
  })
  .meta({ id: 'DealRules' });
export type DealRules = z.infer<typeof dealRulesSchema>;

export const DEFAULT_DEAL_RULES: DealRules = {
  autoApprove: { enabled: false, thresholds: [], tiers: [] },
  reviewSlaDays: 2,
  reminderAfterHours: 24,
  protectionDays: 90,
  extensionDays: 30,
  benefit: { extraDiscountPercent: 5, incentiveEligible: true },
  firstRegistrantWins: { enabled: false, reducedBenefit: { extraDiscountPercent: 2, incentiveEligible: false } },
  updatedAt: null,
  version: 0,
};
