import * as z from '../kernel/zod.ts';
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

const actorSchema = z.deferred(() => z.object({ sub: z.string(), roles: z.array(z.string()) }));
const productLineKey = specialisationSchema;

/** Money that must be positive: integer minor units and an ISO 4217 code. */
export const positiveMoneySchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      amountMinor: z.number().check(z.int(), z.int(), z.minimum(1)),
      currency: z.withMeta(z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')), { example: 'EUR' }),
    }),
    { id: 'PositiveMoney' },
  ),
);
export type PositiveMoney = z.infer<typeof positiveMoneySchema>;

/** A calendar date (RFC 3339 full-date). */
export const dateSchema = z.deferred(() => z.withMeta(z.iso.date(), { example: '2027-03-31' }));

export const dealCustomerSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      legalName: z.withMeta(nameText(200), { example: 'Acme Health Ltd' }),
      webDomain: webDomainSchema,
      country: countrySchema,
      address: z.optional(
        z.strictObject({
          line1: z.withMeta(plainText(200), { example: '1 Market Street' }),
          city: z.withMeta(plainText(120), { example: 'Leeds' }),
          postalCode: z.optional(z.withMeta(plainText(20), { example: 'LS1 1AA' })),
        }),
      ),
    }),
    { id: 'DealCustomer' },
  ),
);
export type DealCustomer = z.infer<typeof dealCustomerSchema>;

export const dealLineSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      productLine: productLineKey,
      products: z._default(z.array(z.withMeta(plainText(120), { example: 'Edge Router X2' })).check(z.maxLength(50)), []),
    }),
    { id: 'DealLine' },
  ),
);

const lines = z.array(dealLineSchema).check(
  z.minLength(1),
  z.maxLength(MAX_PRODUCT_LINES),
  z.refine((l) => new Set(l.map((x) => x.productLine)).size === l.length, 'product lines must be unique'),
);

export const secondPartnerSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ partnerId: partnerIdSchema, role: z.enum(SECOND_PARTNER_ROLES) }), {
    id: 'DealSecondPartner',
    description: 'The other partner of a two-tier deal and its role.',
  }),
);

export const registerDealSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      partnerId: z.withDescription(
        z.optional(partnerIdSchema),
        'Vendor roles register on behalf of this partner; a partner user registers for its own organisation and omits it.',
      ),
      customer: dealCustomerSchema,
      contact: z.strictObject({
        name: z.withMeta(nameText(200), { example: 'Jo Bloggs' }),
        email: emailAddress(),
        phone: z.optional(z.withMeta(z.string().check(z.trim(), z.regex(/^\+?[0-9 ()./-]{5,30}$/, 'must be a phone number')), { example: '+44 113 496 0000' })),
      }),
      lines,
      value: z.withDescription(positiveMoneySchema, 'The estimated value.'),
      expectedCloseDate: z.withDescription(dateSchema, 'Must be in the future.'),
      description: z.withMeta(plainText(2000), { example: 'Branch network refresh, 40 sites' }),
      secondPartner: z.optional(secondPartnerSchema),
    }),
    { id: 'RegisterDeal' },
  ),
);
export type RegisterDealInput = z.infer<typeof registerDealSchema>;

export const conflictCheckSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      partnerId: z.withDescription(
        z.optional(partnerIdSchema),
        'Vendor roles: the partner the registration would be for (its own registrations are no conflict).',
      ),
      customer: z.strictObject({ legalName: dealCustomerSchema.shape.legalName, webDomain: webDomainSchema, country: z.optional(countrySchema) }),
      productLines: z.array(productLineKey).check(
        z.minLength(1),
        z.maxLength(MAX_PRODUCT_LINES),
        z.refine((l) => new Set(l).size === l.length, 'product lines must be unique'),
      ),
    }),
    { id: 'DealConflictCheck' },
  ),
);
export type ConflictCheckInput = z.infer<typeof conflictCheckSchema>;

export const VERDICTS = ['no-conflict', 'possible-conflict'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why another registration matched: the customer key(s) and the product lines in common. */
export const conflictMatchSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      registrationId: dealIdSchema,
      partnerId: partnerIdSchema,
      status: z.enum(ACTIVE_STATUSES),
      on: z.withMeta(z.array(z.enum(['webDomain', 'legalName'])), { description: 'registrable domain, normalised legal name, or both' }),
      values: z.object({ webDomain: z.nullable(z.string()), legalName: z.nullable(z.string()) }),
      productLines: z.array(z.string()),
      submittedAt: z.iso.datetime(),
    }),
    { id: 'DealConflictMatch' },
  ),
);
export type ConflictMatch = z.infer<typeof conflictMatchSchema>;

/** A partner learns only the verdict. */
export const partnerVerdictSchema = z.deferred(() => z.withMeta(z.strictObject({ verdict: z.enum(VERDICTS) }), { id: 'DealConflictVerdict' }));
/** A vendor sees what matched and why. */
export const vendorConflictsSchema = z.deferred(() =>
  z.withMeta(z.object({ verdict: z.enum(VERDICTS), matches: z.array(conflictMatchSchema) }), { id: 'DealConflicts' }),
);
export const conflictAnswerSchema = z.deferred(() => z.withMeta(z.union([partnerVerdictSchema, vendorConflictsSchema]), { id: 'DealConflictAnswer' }));

export const benefitSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      extraDiscountPercent: z.withMeta(storableNumber().check(z.minimum(0), z.maximum(100)), { example: 5 }),
      incentiveEligible: z.boolean(),
    }),
    { id: 'DealBenefit' },
  ),
);
export type Benefit = z.infer<typeof benefitSchema>;
/** The benefit as the deal rules take it: no unknown fields. */
const strictBenefitSchema = z.deferred(() => z.strictObject(benefitSchema.shape));

export const DECISION_POLICIES = ['auto', 'standard', 'first-registrant-reduced'] as const;

export const dealDecisionSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      outcome: z.enum(['approved', 'rejected']),
      by: actorSchema,
      at: z.iso.datetime(),
      reason: z.nullable(z.string()),
      policy: z.withMeta(z.nullable(z.enum(DECISION_POLICIES)), {
        description: 'How an approval was decided: auto-approval, a channel manager, or the first-registrant policy (reduced benefit, no protection).',
      }),
      rulesVersion: z.withMeta(z.number().check(z.int(), z.minimum(0)), { description: 'The deal rules version the decision used.' }),
    }),
    { id: 'DealDecision' },
  ),
);

export const protectionSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      running: z.withDescription(
        z.boolean(),
        'Protection is held. False with `releasedAt` null: approved without protection (the first-registrant policy); the approval still ends at `expiresAt`.',
      ),
      startsAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
      extended: z.boolean(),
      releasedAt: z.nullable(z.iso.datetime()),
    }),
    { id: 'DealProtection' },
  ),
);
export type Protection = z.infer<typeof protectionSchema>;

export const lineAmountSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ productLine: productLineKey, amount: positiveMoneySchema }), { id: 'DealLineAmount' }),
);
export type LineAmount = z.infer<typeof lineAmountSchema>;

export const closingSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      outcome: z.enum(['won', 'lost']),
      amount: z.withMeta(z.nullable(z.object({ amountMinor: z.number().check(z.int()), currency: z.string() })), {
        description: 'The final amount of a win (kept when a win is reversed).',
      }),
      lines: z.nullable(z.array(lineAmountSchema)),
      closeDate: z.nullable(dateSchema),
      reason: z.nullable(z.string()),
      reversed: z.withMeta(z.boolean(), { description: 'A won deal a vendor corrected to lost.' }),
      by: actorSchema,
      at: z.iso.datetime(),
    }),
    { id: 'DealClosing' },
  ),
);

export const dealSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: dealIdSchema,
      partnerId: partnerIdSchema,
      secondPartner: z.nullable(secondPartnerSchema),
      customer: dealCustomerSchema,
      contact: registerDealSchema.shape.contact,
      lines: z.array(z.object({ productLine: z.string(), products: z.array(z.string()) })),
      value: positiveMoneySchema,
      expectedCloseDate: dateSchema,
      description: z.string(),
      leadId: z.withMeta(z.nullable(leadIdSchema), { description: 'The converted lead this registration came from.' }),
      status: z.enum(DEAL_STATUSES),
      verdict: z.withMeta(z.enum(VERDICTS), {
        description: 'What the conflict check found at submission; who matched is for vendor roles (GET /deals/{id}/conflicts).',
      }),
      rulesVersion: z.number().check(z.int(), z.minimum(0)),
      reviewDueAt: z.nullable(z.iso.datetime()),
      reviewReminded: z.boolean(),
      reviewEscalated: z.boolean(),
      decision: z.nullable(dealDecisionSchema),
      benefit: z.nullable(benefitSchema),
      protection: z.nullable(protectionSchema),
      closing: z.nullable(closingSchema),
      registeredBy: actorSchema,
      submittedAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
    { id: 'Deal' },
  ),
);
export type Deal = z.infer<typeof dealSchema>;

export const dealFiltersSchema = z.deferred(() => z.strictObject({ status: z.optional(z.enum(DEAL_STATUSES)) }));

export const rejectDealSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ reason: z.withMeta(plainText(1000), { example: 'Customer already registered by another partner' }) }), { id: 'RejectDeal' }),
);
export const approveDealSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ note: z.optional(z.withMeta(plainText(1000), { example: 'Confirmed with the customer' })) }), {
    id: 'ApproveDeal',
  }),
);
export const lostDealSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ reason: z.withMeta(plainText(1000), { example: 'Customer chose a competitor' }) }), {
    id: 'LoseDeal',
  }),
);
export const reverseWonSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ reason: z.withMeta(plainText(1000), { example: 'Order cancelled by the customer' }) }), {
    id: 'ReverseWonDeal',
  }),
);
export const wonDealSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      amount: z.withDescription(positiveMoneySchema, "The final amount, in the registration's currency."),
      closeDate: dateSchema,
      lines: z.withDescription(
        z.optional(z.array(lineAmountSchema).check(z.minLength(1), z.maxLength(MAX_PRODUCT_LINES))),
        'The amount per product line (they sum to `amount`); needed when the registration has more than one line.',
      ),
    }),
    { id: 'WinDeal' },
  ),
);
export type WonDealInput = z.infer<typeof wonDealSchema>;

// ---- the programme's deal rules ----

export const dealRulesInputSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject({
        autoApprove: z.strictObject({
          enabled: z.boolean(),
          thresholds: z.withDescription(
            z.array(positiveMoneySchema).check(
              z.maxLength(50),
              z.refine((t) => new Set(t.map((m) => m.currency)).size === t.length, 'one threshold per currency'),
            ),
            'A registration auto-approves only when its value is under the threshold of its currency.',
          ),
          tiers: z.withDescription(
            z.array(tierSchema).check(
              z.maxLength(50),
              z.refine((t) => new Set(t).size === t.length, 'tiers must be unique'),
            ),
            'Partner tiers that may be auto-approved.',
          ),
        }),
        reviewSlaDays: z.withDescription(
          z.number().check(z.int(), z.minimum(1), z.maximum(30)),
          'A channel manager decides within this many days; past it the review is escalated.',
        ),
        reminderAfterHours: z.withDescription(
          z.number().check(z.int(), z.minimum(1), z.maximum(720)),
          'A reminder goes out this many hours after submission (before the SLA is due).',
        ),
        protectionDays: z.number().check(z.int(), z.minimum(1), z.maximum(365)),
        extensionDays: z.withDescription(
          z.number().check(z.int(), z.minimum(0), z.maximum(180)),
          'One extension the partner may request before expiry; 0: none.',
        ),
        benefit: strictBenefitSchema,
        firstRegistrantWins: z.withDescription(
          z.strictObject({ enabled: z.boolean(), reducedBenefit: strictBenefitSchema }),
          'For conflicts a channel manager approves anyway: the first registrant keeps protection and the full benefit, a later one gets the reduced benefit and no protection.',
        ),
      })
      .check(z.refine((r) => r.reminderAfterHours < r.reviewSlaDays * 24, { path: ['reminderAfterHours'], message: 'must be less than reviewSlaDays × 24' })),
    { id: 'DealRulesInput' },
  ),
);
export type DealRulesInput = z.infer<typeof dealRulesInputSchema>;

export const dealRulesSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      ...dealRulesInputSchema.shape,
      updatedAt: z.nullable(z.iso.datetime()),
      version: z.withMeta(z.number().check(z.int(), z.minimum(0)), { description: '0 while the built-in defaults apply.' }),
    }),
    { id: 'DealRules' },
  ),
);
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
