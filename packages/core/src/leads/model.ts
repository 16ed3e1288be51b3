import * as z from '../kernel/zod.ts';
import { idSchema } from '../kernel/ids.ts';
import { moneySchema } from '../kernel/money.ts';
import { storableNumber } from '../kernel/numbers.ts';
import { MULTILINE_TEXT_PATTERN, emailAddress, nameText, plainText } from '../kernel/text.ts';
import { SECOND_PARTNER_ROLES, dealCustomerSchema, positiveMoneySchema, registerDealSchema } from '../deals/index.ts';
import { partnerIdSchema, specialisationSchema, tierSchema, userIdSchema, webDomainSchema } from '../partners/index.ts';
import type { CertifiedLine } from './certification.ts';
import { isIsoCountry } from './countries.ts';

export const leadIdSchema = idSchema('lead');

const actorSchema = z.deferred(() => z.object({ sub: z.string(), roles: z.array(z.string()) }));

/** A lead's life: `new` (not routed yet), `offered` to one partner, `unassigned` (the vendor pool), then the partner's. */
export const LEAD_STATUSES = ['new', 'offered', 'unassigned', 'accepted', 'contacted', 'qualified', 'converted', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
/** The statuses a partner sets after acceptance. */
export const PROGRESS_STATUSES = ['contacted', 'qualified', 'converted', 'lost'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
/** Statuses in which the lead belongs to a partner (it counts against the partner's capacity until converted or lost). */
export const OWNED_STATUSES = ['accepted', 'contacted', 'qualified', 'converted', 'lost'] as const;
export const OPEN_OWNED_STATUSES = ['accepted', 'contacted', 'qualified'] as const;

/** Why a partner declines an offer: a fixed list, plus free text. */
export const REJECT_REASONS = ['outside-territory', 'no-capacity', 'not-a-fit', 'existing-customer', 'insufficient-information', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const leadCountrySchema = z.deferred(() =>
  z.withMeta(z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'), z.refine(isIsoCountry, 'is not an ISO 3166-1 country code')), {
    example: 'DE',
  }),
);
export const leadRegionSchema = z.deferred(() =>
  z.withMeta(
    z.string().check(
      z.regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 subdivision code'),
      z.refine((r) => isIsoCountry(r.slice(0, 2)), 'is not a subdivision of an ISO 3166-1 country'),
    ),
    { example: 'DE-BY' },
  ),
);
export const coordinatesSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ lat: storableNumber().check(z.minimum(-90), z.maximum(90)), lon: storableNumber().check(z.minimum(-180), z.maximum(180)) }), {
    id: 'Coordinates',
    example: { lat: 48.137, lon: 11.575 },
  }),
);
export type Coordinates = z.infer<typeof coordinatesSchema>;

const externalIdSchema = z.deferred(() =>
  z.withMeta(z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, 'must be 1-128 letters, digits or . _ : / -')), {
    example: 'crm-00042917',
  }),
);
const phoneSchema = z.deferred(() => z.withMeta(z.string().check(z.regex(/^\+?[0-9 ()./-]{4,32}$/, 'must be a phone number')), { example: '+49 89 1234567' }));
const noteText = z.withMeta(
  z.string().check(z.trim(), z.minLength(1), z.maxLength(4000), z.regex(MULTILINE_TEXT_PATTERN, 'must not contain control characters or angle brackets')),
  { example: 'Asked for a demo in January.' },
);

export const leadContactSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ name: z.withMeta(nameText(200), { example: 'Jonas Weber' }), email: emailAddress(), phone: z.optional(phoneSchema) }), {
    id: 'LeadContact',
  }),
);

export const createLeadSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject({
        company: z.strictObject({ name: z.withMeta(nameText(200), { example: 'Brauerei Huber AG' }), webDomain: z.optional(webDomainSchema) }),
        country: leadCountrySchema,
        region: z.optional(leadRegionSchema),
        postalCode: z.optional(
          z.withMeta(z.string().check(z.trim(), z.minLength(1), z.maxLength(20), z.regex(/^[A-Za-z0-9 -]+$/, 'must be a postal code')), { example: '80331' }),
        ),
        coordinates: z.optional(coordinatesSchema),
        productLines: z.withMeta(
          z.array(specialisationSchema).check(
            z.minLength(1),
            z.maxLength(10),
            z.refine((a) => new Set(a).size === a.length, 'product lines must be unique'),
          ),
          { uniqueItems: true },
        ),
        estimatedValue: z.optional(moneySchema),
        contact: leadContactSchema,
        source: z.withMeta(plainText(100), { example: 'webinar-2026-11' }),
        externalId: z.optional(externalIdSchema),
        notes: z.optional(noteText),
        route: z.withDescription(z._default(z.boolean(), true), 'Route the lead at once (default); `false` keeps it `new` until POST /leads/{id}/route.'),
      })
      .check(z.refine((l) => !l.region || l.region.startsWith(`${l.country}-`), { path: ['region'], message: "must be a subdivision of the lead's country" })),
    { id: 'CreateLead' },
  ),
);
export type CreateLeadInput = z.infer<typeof createLeadSchema>;

export const MAX_BATCH = 500;
export const leadBatchSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      leads: z.withDescription(z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_BATCH)), 'Each item is a CreateLead; each is validated on its own.'),
    }),
    { id: 'LeadBatch' },
  ),
);

export const offerSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      partnerId: partnerIdSchema,
      offeredAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
      number: z.withMeta(z.number().check(z.int(), z.minimum(1)), { description: 'Which offer of this lead it is (1 = the first).' }),
    }),
    { id: 'LeadOffer' },
  ),
);
export type Offer = z.infer<typeof offerSchema>;

/**
 * Why a partner holds a lead no more: it declined, let the offer expire, or the offer (or the lead)
 * was withdrawn because the partner was suspended or terminated.
 */
export const DECLINE_OUTCOMES = ['rejected', 'expired', 'withdrawn'] as const;
export const declinedSchema = z.deferred(() => z.object({ partnerId: partnerIdSchema, outcome: z.enum(DECLINE_OUTCOMES), at: z.iso.datetime() }));

/** The reasons recorded when a partner's leads are taken back (the offer's withdrawal, the pool's reason). */
export const WITHDRAWAL_REASONS = {
  terminated: 'partner-terminated: the partner was terminated',
  suspended: 'partner-suspended: the partner was suspended',
} as const;
export type WithdrawalCause = keyof typeof WITHDRAWAL_REASONS;

/**
 * A lead. For a partner user before acceptance only `id`, `status`, `company.name`, `country`,
 * `region`, `productLines`, `valueBand` and the offer are set: every other field is null
 * (`contact` above all).
 */
export const leadSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: leadIdSchema,
      status: z.enum(LEAD_STATUSES),
      company: z.object({ name: z.string(), webDomain: z.nullable(z.string()) }),
      country: z.string(),
      region: z.nullable(z.string()),
      postalCode: z.nullable(z.string()),
      coordinates: z.nullable(coordinatesSchema),
      productLines: z.array(z.string()),
      estimatedValue: z.nullable(moneySchema),
      valueBand: z.withMeta(z.string(), { example: '10k-50k EUR', description: 'The estimated value as a band (what a partner sees before acceptance).' }),
      contact: z.withMeta(z.nullable(leadContactSchema), { description: 'Null for a partner until it accepts the lead.' }),
      source: z.nullable(z.string()),
      externalId: z.nullable(z.string()),
      notes: z.nullable(z.string()),
      partnerId: z.withMeta(z.nullable(partnerIdSchema), { description: 'The partner it is offered to, or that owns it.' }),
      assignedUserId: z.nullable(userIdSchema),
      offer: z.nullable(offerSchema),
      offerCount: z.number().check(z.int(), z.minimum(0)),
      declined: z.withMeta(z.array(declinedSchema), {
        description: 'Partners that declined the lead, let their offer expire or had it withdrawn (suspended, terminated): never offered it again.',
      }),
      pool: z.nullable(z.object({ reason: z.string(), at: z.iso.datetime() })),
      acceptedAt: z.nullable(z.iso.datetime()),
      lostReason: z.nullable(z.string()),
      dealRegistrationId: z.withMeta(z.nullable(z.string()), {
        description: 'The deal registration a converted lead became (registered through the deal registration context at conversion).',
      }),
      routingSettingsVersion: z.nullable(z.number().check(z.int(), z.minimum(0))),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
    { id: 'Lead' },
  ),
);
export type Lead = z.infer<typeof leadSchema>;

/** What events carry of a lead: never its contact, postal code or exact value. */
export const leadSummarySchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: leadIdSchema,
      status: z.enum(LEAD_STATUSES),
      companyName: z.string(),
      country: z.string(),
      region: z.nullable(z.string()),
      productLines: z.array(z.string()),
      valueBand: z.string(),
      source: z.nullable(z.string()),
      externalId: z.nullable(z.string()),
      partnerId: z.nullable(z.string()),
      version: z.number().check(z.int()),
    }),
    { id: 'LeadSummary' },
  ),
);
export type LeadSummary = z.infer<typeof leadSummarySchema>;

export const leadFiltersSchema = z.deferred(() => z.strictObject({ status: z.optional(z.enum(LEAD_STATUSES)), partnerId: z.optional(partnerIdSchema) }));

export const rejectLeadSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ reason: z.enum(REJECT_REASONS), text: z.withMeta(plainText(1000), { example: 'We do not serve breweries.' }) }), {
    id: 'RejectLead',
  }),
);
export const acceptLeadSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      assignedUserId: z.withDescription(z.optional(userIdSchema), "A partner-sales user of the partner to own the lead (the partner admin's choice)."),
    }),
    { id: 'AcceptLead' },
  ),
);
/**
 * What a partner adds to a converted lead for its deal registration (deals' RegisterDeal): the
 * close date and description always; the rest defaults to the lead's own facts.
 */
export const leadConversionSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      expectedCloseDate: z.withDescription(registerDealSchema.shape.expectedCloseDate, 'Must be in the future.'),
      description: registerDealSchema.shape.description,
      value: z.withDescription(
        z.optional(positiveMoneySchema),
        "The deal's estimated value. Default: the lead's `estimatedValue` (required when the lead has none).",
      ),
      lines: z.withDescription(
        z.optional(registerDealSchema.shape.lines),
        "The product lines and products. Default: the lead's product lines, without products.",
      ),
      customer: z.withDescription(
        z.optional(
          z.strictObject({
            legalName: z.optional(dealCustomerSchema.shape.legalName),
            webDomain: z.optional(dealCustomerSchema.shape.webDomain),
            country: z.optional(dealCustomerSchema.shape.country),
            address: dealCustomerSchema.shape.address,
          }),
        ),
        "Each field defaults to the lead's: company name, web domain (required when the lead has none), country.",
      ),
      contact: z.withDescription(z.optional(registerDealSchema.shape.contact), "Default: the lead's contact."),
      // Its own object, not deals' DealSecondPartner component: reusing it here changes how the generator renders deals' nullable one.
      secondPartner: z.withDescription(
        z.optional(z.strictObject({ partnerId: partnerIdSchema, role: z.enum(SECOND_PARTNER_ROLES) })),
        'The other partner of a two-tier deal and its role.',
      ),
    }),
    { id: 'LeadConversion' },
  ),
);
export type LeadConversion = z.infer<typeof leadConversionSchema>;

export const leadStatusChangeSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject({
        status: z.enum(PROGRESS_STATUSES),
        note: z.optional(noteText),
        reason: z.withDescription(z.optional(z.withMeta(plainText(500), { example: 'Chose a competitor' })), 'Required for `lost`.'),
        deal: z.withDescription(
          z.optional(leadConversionSchema),
          'Required for `converted`, and only then: the deal registration the lead becomes (through the deal registration context), linked both ways.',
        ),
      })
      .check(
        z.refine((s) => s.status !== 'lost' || s.reason !== undefined, { path: ['reason'], message: 'a lost lead needs a reason' }),
        z.refine((s) => s.status !== 'converted' || s.deal !== undefined, {
          path: ['deal'],
          message: 'a converted lead needs its deal registration (expectedCloseDate, description, …)',
        }),
        z.refine((s) => s.status === 'converted' || s.deal === undefined, { path: ['deal'], message: 'only a converted lead registers a deal' }),
      ),
    { id: 'LeadStatusChange' },
  ),
);
export type LeadStatusChange = z.infer<typeof leadStatusChangeSchema>;

export const addNoteSchema = z.deferred(() => z.withMeta(z.strictObject({ text: noteText }), { id: 'AddLeadNote' }));
export const leadNoteSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      leadId: leadIdSchema,
      at: z.iso.datetime(),
      author: z.object({ sub: z.string(), roles: z.array(z.string()), partnerId: z.nullable(z.string()) }),
      side: z.enum(['vendor', 'partner']),
      text: z.string(),
    }),
    { id: 'LeadNote' },
  ),
);
export type LeadNote = z.infer<typeof leadNoteSchema>;

// ---- routing settings ----

/** The inputs of the score; each is a value from 0 to 1 times its weight. */
export const SCORE_INPUTS = ['tier', 'certification', 'distance', 'load', 'acceptanceRate', 'timeToAccept', 'winRate'] as const;
export type ScoreInput = (typeof SCORE_INPUTS)[number];

const weight = storableNumber().check(z.minimum(0, 'a weight cannot be negative'), z.maximum(100));
export const routingWeightsSchema = z.deferred(() =>
  z.withMeta(
    z
      .strictObject(Object.fromEntries(SCORE_INPUTS.map((k) => [k, weight])) as Record<ScoreInput, typeof weight>)
      .check(z.refine((w) => Object.values(w).some((v) => v > 0), 'at least one weight must be above zero')),
    { id: 'RoutingWeights' },
  ),
);
export type RoutingWeights = z.infer<typeof routingWeightsSchema>;

export const routingSettingsInputSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      weights: routingWeightsSchema,
      offerSlaHours: z.withDescription(z.number().check(z.int(), z.minimum(1), z.maximum(720)), 'How long a partner has to accept or reject an offer.'),
      maxOffers: z.withDescription(z.number().check(z.int(), z.minimum(1), z.maximum(20)), 'Offers per lead before it returns to the vendor pool.'),
      staleDays: z.withDescription(
        z.number().check(z.int(), z.minimum(1), z.maximum(90)),
        'Days without an update after which an accepted lead is reported stale (LeadStale).',
      ),
    }),
    { id: 'RoutingSettingsInput' },
  ),
);
export type RoutingSettingsInput = z.infer<typeof routingSettingsInputSchema>;

export const routingSettingsSchema = z.deferred(() =>
  z.withMeta(z.object({ ...routingSettingsInputSchema.shape, updatedAt: z.nullable(z.iso.datetime()), version: z.number().check(z.int(), z.minimum(0)) }), {
    id: 'RoutingSettings',
  }),
);
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  weights: { tier: 3, certification: 2, distance: 2, load: 3, acceptanceRate: 2, timeToAccept: 1, winRate: 2 },
  offerSlaHours: 48,
  maxOffers: 3,
  staleDays: 7,
  updatedAt: null,
  version: 0,
};

// ---- the candidate index and per-partner routing state (leads' own read model of partners) ----

/** What routing needs of a partner, kept by the candidate consumer from partners' events. */
export interface CandidateEntry {
  partnerId: string;
  /** The partner's version the entry was built from: an older event never overwrites it. */
  version: number;
  status: string;
  tier: string | null;
  leadCapacity: number;
  coordinates: Coordinates[];
}

/** One offer outcome a partner gave, for its acceptance statistics (the last 90 days count). */
export interface OfferOutcome {
  at: string;
  outcome: 'accepted' | 'rejected' | 'expired';
  /** For accepted offers: seconds from the offer to the acceptance. */
  seconds?: number;
}

/** A partner's routing state: changed in the same transaction as each offer, under the condition load < capacity. */
export interface PartnerRoutingState {
  partnerId: string;
  /** Open offers plus accepted leads not yet converted or lost. */
  load: number;
  capacity: number;
  /** When the partner was last offered a lead (or came back from being at capacity): the tie-break. */
  fairnessAt: string | null;
  outcomes: OfferOutcome[];
  won: number;
  lost: number;
  /**
   * The product lines the partner is certified in, from training's events (the candidates
   * consumer keeps it; empty until training tells of any): the certification input of the score.
   */
  certified: CertifiedLine[];
}

export const scoreTermSchema = z.deferred(() =>
  z.object({
    input: z.enum(SCORE_INPUTS),
    weight: z.number(),
    value: z.withMeta(z.number(), { description: 'The input from 0 to 1.' }),
    points: z.withMeta(z.number(), { description: 'weight × value' }),
    note: z.nullable(z.string()),
  }),
);
export type ScoreTerm = z.infer<typeof scoreTermSchema>;

export const EXCLUSION_REASONS = ['not-active', 'at-capacity', 'declined', 'expired', 'withdrawn', 'not-indexed'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** What made a routing step run: intake, a rejection, an expiry, a vendor, or an offer withdrawn from a suspended or terminated partner. */
export const ROUTING_TRIGGERS = ['created', 'rejected', 'expired', 'manual', 'withdrawn'] as const;

export const routingDecisionSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      leadId: leadIdSchema,
      decidedAt: z.iso.datetime(),
      trigger: z.enum(ROUTING_TRIGGERS),
      settingsVersion: z.number().check(z.int(), z.minimum(0)),
      tierListVersion: z.number().check(z.int(), z.minimum(0)),
      outcome: z.enum(['offered', 'unassigned']),
      partnerId: z.nullable(partnerIdSchema),
      reason: z.withMeta(z.nullable(z.string()), { description: 'Why the lead went to the pool.' }),
      candidates: z.withDescription(
        z.array(
          z.object({
            partnerId: partnerIdSchema,
            score: z.number(),
            tier: z.nullable(tierSchema),
            fairnessAt: z.nullable(z.iso.datetime()),
            breakdown: z.array(scoreTermSchema),
          }),
        ),
        'The top 10 eligible candidates, best first, each with its score breakdown.',
      ),
      excluded: z.withDescription(
        z.array(z.object({ partnerId: partnerIdSchema, reason: z.enum(EXCLUSION_REASONS) })),
        'The excluded partners read, each with its reason (at most 50 listed; `selection.excludedByReason` counts all).',
      ),
      selection: z.withDescription(
        z.optional(
          z.object({
            windowPerKey: z.withDescription(z.number().check(z.int(), z.minimum(1)), 'Entries read per candidate-index key (least recently offered first).'),
            read: z.withDescription(z.number().check(z.int(), z.minimum(0)), 'Distinct partners read under the lead’s keys.'),
            complete: z.withDescription(z.boolean(), 'Every readable partner under the lead’s keys was read.'),
            bound: z.withDescription(z.number(), 'The highest score a partner not read could reach.'),
            exact: z.withDescription(
              z.boolean(),
              'The choice is provably the best of every partner under the lead’s keys: `complete`, or the best score is above `bound`.',
            ),
            considered: z.withDescription(
              z.number().check(z.int(), z.minimum(0)),
              'Eligible partners scored; `candidates` holds the top 10 with their breakdowns.',
            ),
            excludedByReason: z.object(
              Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, z.number().check(z.int(), z.minimum(0))])) as Record<
                ExclusionReason,
                ReturnType<typeof z.number>
              >,
            ),
          }),
        ),
        'How the candidates were selected (absent on decisions stored before the bounded selection).',
      ),
    }),
    { id: 'RoutingDecision' },
  ),
);
export type RoutingDecision = z.infer<typeof routingDecisionSchema>;

export const leadActorSchema = actorSchema;

/**
 * What the candidate index reads of a partner in partners' events (PartnerCreated, PartnerUpdated,
 * PartnerActivated, PartnerSuspended, PartnerReactivated, PartnerTerminated each carry the whole
 * partner); other fields are ignored.
 */
export const partnerFactsSchema = z.deferred(() =>
  z.object({
    id: z.string(),
    status: z.string(),
    tier: z.optional(z.nullable(z.string())),
    territories: z.optional(z.array(z.string())),
    specialisations: z.optional(z.array(z.string())),
    leadCapacity: z.optional(z.number().check(z.int(), z.minimum(0))),
    locations: z.optional(z.array(z.object({ coordinates: z.optional(z.object({ lat: z.number(), lon: z.number() })) }))),
    version: z.number().check(z.int(), z.minimum(1)),
  }),
);
export type PartnerFacts = z.infer<typeof partnerFactsSchema>;

/** What the index reads of TiersChanged and ProductLinesChanged: the whole list (rank order) and its version. */
export const vocabularyFactsSchema = z.deferred(() =>
  z.object({ items: z.array(z.object({ key: z.string() })), version: z.number().check(z.int(), z.minimum(0)) }),
);

const coordinate = (n: number) => Number(n.toFixed(6)) || 0;

/** The candidate entry a partner's facts give (a partner without leadCapacity takes no leads). */
export function candidateEntryOf(p: PartnerFacts): CandidateEntry {
  return {
    partnerId: p.id,
    version: p.version,
    status: p.status,
    tier: p.tier ?? null,
    leadCapacity: p.leadCapacity ?? 0,
    // Six decimals (about 0.1 m) and no negative zero: what the index stores is a plain number the table round-trips.
    coordinates: (p.locations ?? []).flatMap((l) => (l.coordinates ? [{ lat: coordinate(l.coordinates.lat), lon: coordinate(l.coordinates.lon) }] : [])),
  };
}
