import * as z from '../kernel/zod.ts';
import { nameText } from '../kernel/text.ts';
import { idSchema } from '../kernel/ids.ts';
import { ENTRY_KINDS } from './ledger.ts';
import { PARTNER_TYPES, specialisationSchema, tierSchema } from '../partners/index.ts';
import { BP } from './arithmetic.ts';
import { CADENCES } from './periods.ts';

/**
 * An incentive programme is data: a currency, a cadence, who is eligible and a list of rules,
 * each with a key of its own. Editing it makes a new version with an effective date; an accrual
 * uses the version in force at the deal's close date and records which one.
 */

const ruleKey = z.withMeta(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a key (lower-case letters, digits, dashes)')), {
  example: 'core-rebate',
});
const rateBp = (description: string) =>
  z.withMeta(z.number().check(z.int(), z.minimum(0, 'must not be negative'), z.maximum(BP, 'must be at most 10000 (100 %)')), {
    description: `${description} In basis points: 250 is 2.50 %.`,
    example: 250,
  });
const amountMinor = (description: string) =>
  z.withMeta(z.number().check(z.int(), z.minimum(0, 'must not be negative'), z.maximum(Number.MAX_SAFE_INTEGER)), { description, example: 50_000 });
const date = z.withMeta(z.iso.date(), { example: '2027-01-01' });
const productLine = specialisationSchema;

export const rebateRuleSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      kind: z.literal('rebate'),
      id: ruleKey,
      rates: z
        .array(
          z.strictObject({
            productLine: z.withDescription(z.nullable(productLine), 'The product line this rate is for; null for any.'),
            tier: z.withDescription(z.nullable(tierSchema), 'The tier this rate is for; null for any.'),
            rateBp: rateBp('The share of the line amount.'),
          }),
        )
        .check(z.minLength(1), z.maxLength(100)),
    }),
    {
      id: 'RebateRule',
      description:
        'A percentage of each deal line, by product line and tier. The most specific rate applies: product line and tier, then product line, then tier, then the rate for any.',
    },
  ),
);

export const spiffRuleSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      kind: z.literal('spiff'),
      id: ruleKey,
      productLine,
      amountMinor: amountMinor('The fixed amount per qualifying deal, in minor units of the programme currency.'),
      from: date,
      until: z.withDescription(date, 'The last close date that qualifies (inclusive).'),
    }),
    { id: 'SpiffRule', description: 'A fixed amount per won deal with a line in the product line, closed within the window.' },
  ),
);

export const acceleratorRuleSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      kind: z.literal('accelerator'),
      id: ruleKey,
      targetMinor: z.withMeta(z.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)), {
        description: "A partner's revenue target per period, in minor units.",
        example: 10_000_000,
      }),
      brackets: z
        .array(
          z.strictObject({
            fromPercent: z.withMeta(z.number().check(z.int(), z.minimum(0), z.maximum(10_000)), {
              description: 'Where the bracket starts, in % of the target.',
              example: 100,
            }),
            upToPercent: z.withMeta(z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(10_000))), {
              description: 'Where it ends, in % of the target; null for the last, open bracket.',
              example: 120,
            }),
            rateBp: rateBp('The extra rate on the revenue inside the bracket.'),
          }),
        )
        .check(z.minLength(1), z.maxLength(20)),
    }),
    {
      id: 'AcceleratorRule',
      description:
        'Brackets of period revenue against a target, settled at period end. Marginal: each rate applies to the revenue inside its bracket. Contiguous: the first starts at 0 %, each starts where the one before ends, and only the last may be open.',
    },
  ),
);

export const growthRuleSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      kind: z.literal('growth'),
      id: ruleKey,
      baseline: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('same-period-last-year') }),
        z.strictObject({ kind: z.literal('average-of-previous'), periods: z.number().check(z.int(), z.minimum(1), z.maximum(12)) }),
      ]),
      rateBp: rateBp('The share of the revenue above the baseline.'),
    }),
    { id: 'GrowthRule', description: 'A percentage of the period revenue above a baseline, settled at period end; nothing without growth.' },
  ),
);

export const incentiveRuleSchema = z.deferred(() => z.discriminatedUnion('kind', [rebateRuleSchema, spiffRuleSchema, acceleratorRuleSchema, growthRuleSchema]));
export type IncentiveRule = z.infer<typeof incentiveRuleSchema>;
export type RebateRule = z.infer<typeof rebateRuleSchema>;
export type SpiffRule = z.infer<typeof spiffRuleSchema>;
export type AcceleratorRule = z.infer<typeof acceleratorRuleSchema>;
export type GrowthRule = z.infer<typeof growthRuleSchema>;

export const ELIGIBLE_DEALS = ['protected-only', 'all-won'] as const;

export const eligibilitySchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      partnerTypes: z.withDescription(z.nullable(z.array(z.enum(PARTNER_TYPES)).check(z.minLength(1))), 'Null for every type.'),
      tiers: z.withDescription(z.nullable(z.array(tierSchema).check(z.minLength(1))), 'Null for every tier.'),
      requiredAccreditation: z.withDescription(
        z.nullable(productLine),
        'A product line the partner must be accredited in when the deal closes; null for none.',
      ),
      deals: z.withDescription(z.enum(ELIGIBLE_DEALS), '`protected-only`: only registrations that held protection when won; `all-won`: every won deal.'),
    }),
    { id: 'IncentiveEligibility' },
  ),
);

export const creditSplitSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      distributor: rateBp("The second partner's share of a deal's credit when it is the distributor."),
      reseller: rateBp("The second partner's share when it is the reseller."),
      referral: rateBp("The second partner's share when it referred the deal."),
    }),
    { id: 'CreditSplit', description: 'How a two-partner deal splits its credit: the second partner gets its role’s share, the registering partner the rest.' },
  ),
);

const checkRules = (rules: readonly IncentiveRule[], issues: { path: (string | number)[]; message: string }[]) => {
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    const first = seen.get(rule.id);
    if (first !== undefined) issues.push({ path: ['rules', i, 'id'], message: `duplicates the id of rule ${first}` });
    else seen.set(rule.id, i);
    if (rule.kind === 'spiff' && rule.until < rule.from) issues.push({ path: ['rules', i, 'until'], message: 'must not be before from' });
    if (rule.kind === 'rebate') {
      const combos = new Map<string, number>();
      rule.rates.forEach((r, j) => {
        const k = `${r.productLine ?? '*'}|${r.tier ?? '*'}`;
        const before = combos.get(k);
        if (before !== undefined) issues.push({ path: ['rules', i, 'rates', j], message: `the same product line and tier as rate ${before}` });
        else combos.set(k, j);
      });
    }
    if (rule.kind === 'accelerator') {
      rule.brackets.forEach((b, j) => {
        const at = ['rules', i, 'brackets', j];
        if (j === 0 && b.fromPercent !== 0) issues.push({ path: [...at, 'fromPercent'], message: 'the first bracket must start at 0' });
        const prev = rule.brackets[j - 1];
        if (prev && prev.upToPercent !== null && b.fromPercent !== prev.upToPercent)
          issues.push({
            path: [...at, 'fromPercent'],
            message:
              b.fromPercent > prev.upToPercent ? `leaves a gap after ${prev.upToPercent} %` : `overlaps the bracket before (up to ${prev.upToPercent} %)`,
          });
        if (b.upToPercent === null && j < rule.brackets.length - 1) issues.push({ path: [...at, 'upToPercent'], message: 'only the last bracket may be open' });
        if (b.upToPercent !== null && b.upToPercent <= b.fromPercent) issues.push({ path: [...at, 'upToPercent'], message: 'must be above fromPercent' });
      });
    }
  });
};

/** What a vendor admin sends to create a programme or a new version of it. */
export const incentiveProgrammeInputSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject({
        name: z.withMeta(nameText(200), { example: 'Core partner rebate 2027' }),
        currency: z.withMeta(z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')), { example: 'EUR' }),
        cadence: z.withDescription(z.enum(CADENCES), 'How often the programme settles: monthly or quarterly, in UTC.'),
        effectiveFrom: z.withDescription(date, 'The first close date this version applies to.'),
        eligibility: eligibilitySchema,
        rules: z.array(incentiveRuleSchema).check(z.minLength(1), z.maxLength(50)),
        split: creditSplitSchema,
        capPerPartnerMinor: z.withDescription(
          z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER))),
          'The most a partner earns in one period, in minor units; null for no cap. The excess is recorded as a cap entry.',
        ),
        minimumPayoutMinor: z.withDescription(
          z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
          'Below this a partner’s payable amount carries over to the next period.',
        ),
      })
      .check(
        z.superRefine((p, ctx) => {
          const issues: { path: (string | number)[]; message: string }[] = [];
          checkRules(p.rules, issues);
          for (const i of issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message, input: p });
        }),
      ),
    { id: 'IncentiveProgrammeInput' },
  ),
);
export type IncentiveProgrammeInput = z.infer<typeof incentiveProgrammeInputSchema>;

/** One version of a programme as stored. */
export interface IncentiveProgrammeVersion extends IncentiveProgrammeInput {
  id: string;
  version: number;
  createdAt: string;
  createdBy: string;
}

/** The product lines a programme names (to check against the programme's list). */
export function productLinesNamed(input: IncentiveProgrammeInput): { path: string; key: string }[] {
  const out: { path: string; key: string }[] = [];
  if (input.eligibility.requiredAccreditation) out.push({ path: 'eligibility.requiredAccreditation', key: input.eligibility.requiredAccreditation });
  input.rules.forEach((r, i) => {
    if (r.kind === 'spiff') out.push({ path: `rules.${i}.productLine`, key: r.productLine });
    if (r.kind === 'rebate') r.rates.forEach((rate, j) => rate.productLine && out.push({ path: `rules.${i}.rates.${j}.productLine`, key: rate.productLine }));
  });
  return out;
}

/** The tiers a programme names. */
export function tiersNamed(input: IncentiveProgrammeInput): { path: string; key: string }[] {
  const out: { path: string; key: string }[] = [];
  input.eligibility.tiers?.forEach((t, i) => out.push({ path: `eligibility.tiers.${i}`, key: t }));
  input.rules.forEach((r, i) => {
    if (r.kind === 'rebate') r.rates.forEach((rate, j) => rate.tier && out.push({ path: `rules.${i}.rates.${j}.tier`, key: rate.tier }));
  });
  return out;
}

export const programmeIdSchema = idSchema('programme');

/** A programme version as the API answers it (every version is kept; the newest is the programme's current one). */
export const incentiveProgrammeSchema = z.deferred(() =>
  z.withMeta(
    z.extend(incentiveProgrammeInputSchema, {
      id: programmeIdSchema,
      version: z.withDescription(z.number().check(z.int(), z.minimum(1)), 'The version number; an accrual records the one it used.'),
      createdAt: z.iso.datetime(),
      createdBy: z.string(),
    }),
    { id: 'IncentiveProgramme' },
  ),
);

/** A ledger entry as the API and the events show it. */
export const ledgerEntrySchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: z.withDescription(z.string(), 'Derived from the source event, the rule, the partner and the deal line: a redelivery derives the same id.'),
      kind: z.enum(ENTRY_KINDS),
      partnerId: z.string(),
      period: z.withMeta(z.string(), { example: '2027-01' }),
      programmeId: z.string(),
      programmeVersion: z.number().check(z.int()),
      ruleId: z.string(),
      ruleKind: z.enum(['rebate', 'spiff', 'accelerator', 'growth', 'cap']),
      sourceEventId: z.string(),
      dealId: z.nullable(z.string()),
      productLine: z.nullable(z.string()),
      amountMinor: z.withDescription(z.number().check(z.int()), 'Integer minor units; negative for a reversal or a cap.'),
      currency: z.string(),
      reverses: z.withDescription(z.nullable(z.string()), 'The entry this one reverses.'),
      explanation: z.object({ inputs: z.record(z.string(), z.unknown()), arithmetic: z.string() }),
    }),
    { id: 'LedgerEntry' },
  ),
);
