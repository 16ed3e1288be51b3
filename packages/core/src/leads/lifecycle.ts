import type { Actor } from '../kernel/audit.ts';
import type { Clock } from '../kernel/clock.ts';
import { ConflictError, type FieldProblem, ForbiddenError, NotFoundError, ValidationError } from '../kernel/errors.ts';
import { type RegisterDealInput, registerDealSchema } from '../deals/index.ts';
import { newId } from '../kernel/ids.ts';
import {
  type CreateLeadInput,
  type Lead,
  type LeadConversion,
  type LeadStatus,
  type LeadStatusChange,
  type LeadSummary,
  OPEN_OWNED_STATUSES,
  OWNED_STATUSES,
  type PartnerRoutingState,
  type RejectReason,
  type RoutingSettings,
  WITHDRAWAL_REASONS,
  type WithdrawalCause,
} from './model.ts';
import { valueBand } from './routing.ts';

/** Who asks: a vendor role, or a user of one partner. */
export interface LeadViewer extends Actor {
  isVendor: boolean;
  partnerId?: string;
  userId?: string;
}

/** A new lead from its intake, not routed yet (`new`). */
export function newLead(input: CreateLeadInput, clock: Clock): Lead {
  const now = clock.now();
  const at = now.toISOString();
  return {
    id: newId('lead', now),
    status: 'new',
    company: { name: input.company.name, webDomain: input.company.webDomain ?? null },
    country: input.country,
    region: input.region ?? null,
    postalCode: input.postalCode ?? null,
    coordinates: input.coordinates ?? null,
    productLines: input.productLines,
    estimatedValue: input.estimatedValue ?? null,
    valueBand: valueBand(input.estimatedValue),
    contact: { name: input.contact.name, email: input.contact.email, ...(input.contact.phone ? { phone: input.contact.phone } : {}) },
    source: input.source,
    externalId: input.externalId ?? null,
    notes: input.notes ?? null,
    partnerId: null,
    assignedUserId: null,
    offer: null,
    offerCount: 0,
    declined: [],
    pool: null,
    acceptedAt: null,
    lostReason: null,
    dealRegistrationId: null,
    routingSettingsVersion: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

const touch = (lead: Lead, now: Date, changes: Partial<Lead>): Lead => ({ ...lead, ...changes, updatedAt: now.toISOString(), version: lead.version + 1 });

/** Whether routing may (re)offer the lead: it has no open offer and no owner. */
export const isRoutable = (lead: Lead): boolean => lead.status === 'new' || lead.status === 'unassigned';

/** Offers the lead to the chosen partner, with the SLA of the settings. */
export function offerLead(lead: Lead, partnerId: string, settings: Pick<RoutingSettings, 'offerSlaHours' | 'version'>, now: Date): Lead {
  const expiresAt = new Date(now.getTime() + settings.offerSlaHours * 3_600_000).toISOString();
  return touch(lead, now, {
    status: 'offered',
    partnerId,
    offer: { partnerId, offeredAt: now.toISOString(), expiresAt, number: lead.offerCount + 1 },
    offerCount: lead.offerCount + 1,
    pool: null,
    routingSettingsVersion: settings.version,
  });
}

/** The lead goes to the vendor pool (`unassigned`) with the reason. */
export function poolLead(lead: Lead, reason: string, settingsVersion: number, now: Date): Lead {
  return touch(lead, now, {
    status: 'unassigned',
    partnerId: null,
    offer: null,
    pool: { reason, at: now.toISOString() },
    routingSettingsVersion: settingsVersion,
  });
}

/** Whether another offer may be made, or the lead returns to the pool (after `maxOffers`). */
export const offersLeft = (lead: Lead, settings: Pick<RoutingSettings, 'maxOffers'>): boolean => lead.offerCount < settings.maxOffers;

/** A partner user may act on an offer only if it is offered to its own organisation; anything else is 404 to it. */
function assertOfferedTo(lead: Lead, viewer: LeadViewer): void {
  if (lead.status !== 'offered' || !lead.offer) {
    if (viewer.partnerId && lead.partnerId !== viewer.partnerId) throw new NotFoundError('Lead not found');
    throw new ConflictError(`The lead is ${lead.status}: there is no open offer to answer`);
  }
  if (lead.offer.partnerId !== viewer.partnerId) throw new NotFoundError('Lead not found');
}

/**
 * The offered partner accepts: the lead is its own, and its contact is revealed. Valid until the
 * offer's `expiresAt` (inclusive); the expiry sweep is valid from it: at that instant both may try,
 * and the conditional write on the lead's version lets exactly one win.
 */
export function acceptLead(lead: Lead, viewer: LeadViewer, assignedUserId: string | undefined, now: Date): Lead {
  assertOfferedTo(lead, viewer);
  if (now.getTime() > Date.parse(lead.offer!.expiresAt)) throw new ConflictError('The offer has expired');
  if (assignedUserId && !viewer.roles.includes('partner-admin')) throw new ForbiddenError('Only a partner admin assigns a lead to a user');
  return touch(lead, now, { status: 'accepted', acceptedAt: now.toISOString(), assignedUserId: assignedUserId ?? viewer.userId ?? null, offer: null });
}

/** The offered partner declines, with a reason: it is never offered this lead again. */
export function rejectLead(lead: Lead, viewer: LeadViewer, now: Date): { lead: Lead; partnerId: string } {
  assertOfferedTo(lead, viewer);
  const partnerId = lead.offer!.partnerId;
  const declined = [...lead.declined, { partnerId, outcome: 'rejected' as const, at: now.toISOString() }];
  return { lead: touch(lead, now, { status: 'unassigned', partnerId: null, offer: null, declined }), partnerId };
}

/** The SLA passed without an answer (from `expiresAt` on): the partner is not offered it again. */
export function expireOffer(lead: Lead, now: Date): { lead: Lead; partnerId: string } | undefined {
  if (lead.status !== 'offered' || !lead.offer || now.getTime() < Date.parse(lead.offer.expiresAt)) return undefined;
  const partnerId = lead.offer.partnerId;
  const declined = [...lead.declined, { partnerId, outcome: 'expired' as const, at: now.toISOString() }];
  return { lead: touch(lead, now, { status: 'unassigned', partnerId: null, offer: null, declined }), partnerId };
}

/**
 * The partner was suspended or terminated: its open offer of this lead is withdrawn, recorded as
 * `withdrawn` (so routing never offers it this lead again) and the lead is free to route. Undefined
 * when the lead has no open offer to that partner (already answered, expired or withdrawn).
 */
export function withdrawOffer(lead: Lead, partnerId: string, now: Date): Lead | undefined {
  if (lead.status !== 'offered' || lead.offer?.partnerId !== partnerId) return undefined;
  const declined = [...lead.declined, { partnerId, outcome: 'withdrawn' as const, at: now.toISOString() }];
  return touch(lead, now, { status: 'unassigned', partnerId: null, offer: null, declined });
}

/**
 * The partner was terminated: a lead it accepted and has not closed (accepted, contacted,
 * qualified) returns to the vendor pool with the reason, its assignee cleared; the partner is
 * recorded as `withdrawn` so routing never offers it the lead again. Undefined when the lead is
 * not open with that partner (closed, or already returned).
 */
export function takeBackLead(lead: Lead, partnerId: string, cause: WithdrawalCause, settingsVersion: number, now: Date): Lead | undefined {
  if (lead.partnerId !== partnerId || !(OPEN_OWNED_STATUSES as readonly string[]).includes(lead.status)) return undefined;
  const declined = [...lead.declined, { partnerId, outcome: 'withdrawn' as const, at: now.toISOString() }];
  return { ...poolLead(lead, WITHDRAWAL_REASONS[cause], settingsVersion, now), assignedUserId: null, declined };
}

const NEXT: Record<string, readonly LeadStatus[]> = {
  accepted: ['contacted', 'qualified', 'converted', 'lost'],
  contacted: ['qualified', 'converted', 'lost'],
  qualified: ['converted', 'lost'],
};

/** Progress after acceptance: contacted → qualified → converted or lost; converted and lost are final. */
export function changeLeadStatus(lead: Lead, change: LeadStatusChange, viewer: LeadViewer, now: Date): Lead {
  if (!viewer.isVendor && lead.partnerId !== viewer.partnerId) throw new NotFoundError('Lead not found');
  if (!(OWNED_STATUSES as readonly string[]).includes(lead.status)) throw new ConflictError(`The lead is ${lead.status}: only an accepted lead changes status`);
  if (!NEXT[lead.status]?.includes(change.status)) throw new ConflictError(`A ${lead.status} lead cannot become ${change.status}`);
  return touch(lead, now, { status: change.status, ...(change.status === 'lost' ? { lostReason: change.reason ?? null } : {}) });
}

/** The converted lead names the deal registration it became. */
export const withDeal = (lead: Lead, dealRegistrationId: string): Lead => ({ ...lead, dealRegistrationId });

/** A lead whose conversion already registered its deal: converting it again answers it as it is (the same deal). */
export const isConverted = (lead: Lead): boolean => lead.status === 'converted' && lead.dealRegistrationId !== null;

/**
 * The deal registration a converted lead becomes: what the partner gave (`deal` of the status
 * change), each missing field from the lead (company name, web domain and country; the contact;
 * the product lines without products; the estimated value). Checked against deals' RegisterDeal:
 * anything missing or invalid is a 400 naming `body.deal.<field>`, and saying when the value came
 * from the lead.
 */
export function dealRegistrationOf(lead: Lead, conversion: LeadConversion): Omit<RegisterDealInput, 'partnerId'> {
  const value = conversion.value ?? (lead.estimatedValue && lead.estimatedValue.amountMinor > 0 ? lead.estimatedValue : undefined);
  const webDomain = conversion.customer?.webDomain ?? lead.company.webDomain ?? undefined;
  const problems: FieldProblem[] = [];
  if (!value) problems.push({ path: 'body.deal.value', message: 'the lead has no estimated value above zero: give the deal’s value' });
  if (!webDomain) problems.push({ path: 'body.deal.customer.webDomain', message: 'the lead has no web domain: give the customer’s' });
  if (problems.length) throw new ValidationError('The deal registration needs more than the lead has', problems);
  const candidate = {
    customer: {
      legalName: conversion.customer?.legalName ?? lead.company.name,
      webDomain,
      country: conversion.customer?.country ?? lead.country,
      ...(conversion.customer?.address ? { address: conversion.customer.address } : {}),
    },
    contact: conversion.contact ?? lead.contact,
    lines: conversion.lines ?? lead.productLines.map((productLine) => ({ productLine, products: [] })),
    value,
    expectedCloseDate: conversion.expectedCloseDate,
    description: conversion.description,
    ...(conversion.secondPartner ? { secondPartner: conversion.secondPartner } : {}),
  };
  const res = registerDealSchema.safeParse(candidate);
  if (res.success) return res.data;
  const given = new Set(Object.keys(conversion));
  throw new ValidationError(
    'The deal registration is not valid',
    res.error.issues.map((i) => {
      const path = ['body', 'deal', ...i.path.map(String)].join('.');
      const fromLead = !given.has(String(i.path[0])) || (i.path[0] === 'customer' && !(conversion.customer && String(i.path[1]) in conversion.customer));
      return { path, message: fromLead ? `${i.message} (taken from the lead: give it in body.deal)` : i.message };
    }),
  );
}

/** Whether the lead still counts against its partner's capacity. */
export const holdsCapacity = (status: LeadStatus): boolean => status === 'offered' || (OPEN_OWNED_STATUSES as readonly string[]).includes(status);

/** When an owned lead without an update becomes stale (LeadStale), or undefined when it cannot. */
export function staleAt(lead: Lead, settings: Pick<RoutingSettings, 'staleDays'>): string | undefined {
  if (!(OPEN_OWNED_STATUSES as readonly string[]).includes(lead.status)) return undefined;
  return new Date(Date.parse(lead.updatedAt) + settings.staleDays * 86_400_000).toISOString();
}

/**
 * The lead as a viewer may see it. Vendor roles see everything. A partner user sees a lead only
 * while it is offered to or owned by its organisation (else 404), and before acceptance only the
 * company name, country, region, product lines, value band and the offer.
 */
export function leadView(lead: Lead, viewer: LeadViewer): Lead {
  if (viewer.isVendor) return lead;
  if (!viewer.partnerId || lead.partnerId !== viewer.partnerId) throw new NotFoundError('Lead not found');
  if ((OWNED_STATUSES as readonly string[]).includes(lead.status)) return lead;
  return redacted(lead);
}

/** Everything but what an offer shows is null. */
export function redacted(lead: Lead): Lead {
  return {
    ...lead,
    company: { name: lead.company.name, webDomain: null },
    postalCode: null,
    coordinates: null,
    estimatedValue: null,
    contact: null,
    source: null,
    externalId: null,
    notes: null,
    declined: [],
    pool: null,
    routingSettingsVersion: null,
  };
}

/** What an event carries of a lead (no contact, no postal code, no exact value). */
export const leadSummary = (lead: Lead): LeadSummary => ({
  id: lead.id,
  status: lead.status,
  companyName: lead.company.name,
  country: lead.country,
  region: lead.region,
  productLines: lead.productLines,
  valueBand: lead.valueBand,
  source: lead.source,
  externalId: lead.externalId,
  partnerId: lead.partnerId,
  version: lead.version,
});

/** The offer outcome a partner gave, for its statistics (kept to the last 50). */
export function recordOutcome(state: Pick<PartnerRoutingState, 'outcomes'>, outcome: PartnerRoutingState['outcomes'][number]): PartnerRoutingState['outcomes'] {
  return [...state.outcomes, outcome].slice(-50);
}

/** Who decides on a lead's offer, for the reason text of an event. */
export const rejectText = (reason: RejectReason, text: string) => `${reason}: ${text}`;
