import { type Actor, SYSTEM_ACTOR } from '../kernel/audit.ts';
import type { Clock } from '../kernel/clock.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { type PublicSuffixList, normaliseLegalName, organisationKeys } from '../partners/index.ts';
import type {
  Benefit,
  ConflictMatch,
  Deal,
  DealCustomer,
  DealRules,
  DealStatus,
  LineAmount,
  PositiveMoney,
  RegisterDealInput,
  Verdict,
  WonDealInput,
} from './model.ts';

/**
 * Deal registration's rules as named, pure use cases: each takes what was read (and the clock) and
 * returns the new record, or throws a domain error. functions/deals commits what they return.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);
const actorOf = (a: Actor) => ({ sub: a.sub, roles: a.roles });

// ---- customer identity ----

/**
 * A customer name as compared: case, accents, punctuation, zero-width characters and legal forms
 * (Inc, Ltd, GmbH, S.A., S.p.A., B.V., Pty Ltd, KK, AG …) removed. The partners context's
 * organisation rule, so that a customer and a partner organisation are the same thing compared the same way.
 */
export const normaliseCustomerName = (name: string): string => normaliseLegalName(name);

/** The keys a customer is matched on: its registrable domain and, if it says anything, its normalised legal name. */
export interface CustomerKeys {
  webDomain: string;
  legalName?: string;
}
export type CustomerKeyOn = keyof CustomerKeys;

export function customerKeys(customer: Pick<DealCustomer, 'legalName' | 'webDomain'>, psl: PublicSuffixList): CustomerKeys {
  const { webDomain, legalName } = organisationKeys(customer, psl);
  return { webDomain, ...(legalName ? { legalName } : {}) };
}

export const customerKeyList = (keys: CustomerKeys): [CustomerKeyOn, string][] =>
  (Object.entries(keys) as [CustomerKeyOn, string | undefined][]).filter((e): e is [CustomerKeyOn, string] => e[1] !== undefined);

/** Whether two customers are the same one, and on which keys. */
export function sameCustomer(a: CustomerKeys, b: CustomerKeys): CustomerKeyOn[] {
  return customerKeyList(a)
    .filter(([on, v]) => b[on] === v)
    .map(([on]) => on);
}

// ---- conflicts ----

/** One active registration as the conflict index holds it under one customer key. */
export interface IndexedRegistration {
  registrationId: string;
  partnerId: string;
  status: 'submitted' | 'under_review' | 'approved';
  productLines: string[];
  on: CustomerKeyOn;
  value: string;
  submittedAt: string;
}

/**
 * Another partner's active registration for the same customer (registrable domain or normalised
 * name) with at least one product line in common is a conflict. The partner's own registrations,
 * and the registration itself, are not.
 */
export function evaluateConflicts(
  subject: { registrationId?: string; partnerId: string | undefined; productLines: readonly string[] },
  found: readonly IndexedRegistration[],
): ConflictMatch[] {
  const byId = new Map<string, ConflictMatch>();
  for (const entry of found) {
    if (entry.registrationId === subject.registrationId || entry.partnerId === subject.partnerId) continue;
    const common = entry.productLines.filter((l) => subject.productLines.includes(l));
    if (common.length === 0) continue;
    const match = byId.get(entry.registrationId) ?? {
      registrationId: entry.registrationId,
      partnerId: entry.partnerId,
      status: entry.status,
      on: [],
      values: { webDomain: null, legalName: null },
      productLines: common,
      submittedAt: entry.submittedAt,
    };
    if (!match.on.includes(entry.on)) match.on.push(entry.on);
    match.values[entry.on] = entry.value;
    byId.set(entry.registrationId, match);
  }
  return [...byId.values()].sort((a, b) => a.registrationId.localeCompare(b.registrationId));
}

export const verdictOf = (matches: readonly ConflictMatch[]): Verdict => (matches.length ? 'possible-conflict' : 'no-conflict');

// ---- auto-approval ----

export interface AutoApproval {
  approve: boolean;
  /** Why not, for the reviewer (empty when approved). */
  reasons: string[];
}

/** Auto-approve when enabled, there is no conflict, the value is under its currency's threshold and the partner's tier is listed. */
export function autoApprovalDecision(rules: DealRules, value: PositiveMoney, tier: string | null, matches: readonly ConflictMatch[]): AutoApproval {
  const reasons: string[] = [];
  if (!rules.autoApprove.enabled) reasons.push('auto-approval is off');
  if (matches.length) reasons.push('possible conflict');
  const threshold = rules.autoApprove.thresholds.find((t) => t.currency === value.currency);
  if (!threshold) reasons.push(`no threshold for ${value.currency}`);
  else if (value.amountMinor >= threshold.amountMinor) reasons.push('value at or above the threshold');
  if (!tier || !rules.autoApprove.tiers.includes(tier)) reasons.push('tier not eligible');
  return { approve: reasons.length === 0, reasons };
}

// ---- approval terms: protection, benefit, the first-registrant policy ----

export interface ApprovalTerms {
  protect: boolean;
  benefit: Benefit;
  policy: 'auto' | 'standard' | 'first-registrant-reduced';
}

const earlier = (a: { submittedAt: string; registrationId: string }, b: { submittedAt: string; registrationId: string }) =>
  a.submittedAt < b.submittedAt || (a.submittedAt === b.submittedAt && a.registrationId < b.registrationId);

/**
 * What approving a registration grants. Without conflicts, or without the first-registrant policy:
 * protection and the full benefit (the database refuses a second protection of the customer and
 * product line, so approving a conflict while the other holds protection fails). With the policy,
 * a registration that is not the first among the conflicting ones is approved with the reduced
 * benefit and no protection; the first keeps both.
 */
export function approvalTerms(deal: Pick<Deal, 'id' | 'submittedAt'>, matches: readonly ConflictMatch[], rules: DealRules, auto = false): ApprovalTerms {
  const policy = rules.firstRegistrantWins;
  const self = { submittedAt: deal.submittedAt, registrationId: deal.id };
  if (matches.length && policy.enabled && matches.some((m) => earlier(m, self))) {
    return { protect: false, benefit: policy.reducedBenefit, policy: 'first-registrant-reduced' };
  }
  return { protect: true, benefit: rules.benefit, policy: auto ? 'auto' : 'standard' };
}

// ---- protection dates ----

export function protectionWindow(rules: Pick<DealRules, 'protectionDays'>, at: Date): { startsAt: string; expiresAt: string } {
  return { startsAt: at.toISOString(), expiresAt: plus(at, rules.protectionDays * DAY_MS).toISOString() };
}

// ---- the state machine ----

/** Every allowed transition: anything else is a 409. */
export const DEAL_TRANSITIONS: Readonly<Record<DealStatus, readonly DealStatus[]>> = {
  submitted: ['under_review', 'approved', 'rejected'],
  under_review: ['approved', 'rejected'],
  approved: ['expired', 'won', 'lost'],
  won: ['lost'],
  rejected: [],
  expired: [],
  lost: [],
};

export function assertTransition(from: DealStatus, to: DealStatus): void {
  if (!DEAL_TRANSITIONS[from].includes(to)) throw new ConflictError(`A registration that is ${from} cannot become ${to}`);
}

const next = (deal: Deal, status: DealStatus, clock: Clock, patch: Partial<Deal> = {}): Deal => {
  assertTransition(deal.status, status);
  return { ...deal, ...patch, status, updatedAt: clock.now().toISOString(), version: deal.version + 1 };
};

// ---- registration ----

/** The close date must be in the future (a calendar date after today, UTC). */
export function assertFutureDate(date: string, clock: Clock, path: string): void {
  if (date <= clock.now().toISOString().slice(0, 10))
    throw new ValidationError('The expected close date must be in the future', [{ path, message: 'must be in the future' }]);
}

export interface NewRegistration {
  partnerId: string;
  input: Omit<RegisterDealInput, 'partnerId'>;
  leadId?: string | undefined;
  matches: readonly ConflictMatch[];
  rules: DealRules;
  actor: Actor;
}

/** A new registration, waiting for review: `under_review` when it is flagged as a possible conflict, else `submitted`. */
export function newRegistration(r: NewRegistration, clock: Clock): Deal {
  const now = clock.now();
  assertFutureDate(r.input.expectedCloseDate, clock, 'body.expectedCloseDate');
  const { customer, contact, lines, value, expectedCloseDate, description, secondPartner } = r.input;
  if (secondPartner?.partnerId === r.partnerId) {
    throw new ValidationError('The second partner must be another partner', [
      { path: 'body.secondPartner.partnerId', message: 'must not be the registering partner' },
    ]);
  }
  return {
    id: newId('deal', now),
    partnerId: r.partnerId,
    secondPartner: secondPartner ?? null,
    customer,
    contact,
    lines: lines.map((l) => ({ productLine: l.productLine, products: l.products ?? [] })),
    value,
    expectedCloseDate,
    description,
    leadId: r.leadId ?? null,
    status: r.matches.length ? 'under_review' : 'submitted',
    verdict: verdictOf(r.matches),
    rulesVersion: r.rules.version,
    reviewDueAt: plus(now, r.rules.reviewSlaDays * DAY_MS).toISOString(),
    reviewReminded: false,
    reviewEscalated: false,
    decision: null,
    benefit: null,
    protection: null,
    closing: null,
    registeredBy: actorOf(r.actor),
    submittedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
}

/** A registration flagged after it was stored (a concurrent registration of the same customer committed meanwhile). */
export function flagConflict(deal: Deal, clock: Clock): Deal | undefined {
  if (deal.verdict === 'possible-conflict') return undefined;
  if (deal.status === 'submitted') return next(deal, 'under_review', clock, { verdict: 'possible-conflict' });
  if (deal.status !== 'under_review' && deal.status !== 'approved') return undefined;
  return { ...deal, verdict: 'possible-conflict', updatedAt: clock.now().toISOString(), version: deal.version + 1 };
}

// ---- decisions ----

export function approveRegistration(deal: Deal, terms: ApprovalTerms, rules: DealRules, actor: Actor, clock: Clock, note?: string): Deal {
  const now = clock.now();
  return next(deal, 'approved', clock, {
    decision: { outcome: 'approved', by: actorOf(actor), at: now.toISOString(), reason: note ?? null, policy: terms.policy, rulesVersion: rules.version },
    benefit: terms.benefit,
    // Without protection (the first-registrant policy's reduced benefit) the approval still ends when
    // protection would: `running` false and never released; the sweep expires it on the same date.
    protection: { running: terms.protect, ...protectionWindow(rules, now), extended: false, releasedAt: null },
  });
}

/** Auto-approval, in the registration's own transaction: decided by the system on the rules' version. */
export const autoApprove = (deal: Deal, rules: DealRules, clock: Clock): Deal =>
  approveRegistration(deal, approvalTerms(deal, [], rules, true), rules, SYSTEM_ACTOR, clock);

export function rejectRegistration(deal: Deal, reason: string, rules: DealRules, actor: Actor, clock: Clock): Deal {
  return next(deal, 'rejected', clock, {
    decision: { outcome: 'rejected', by: actorOf(actor), at: clock.now().toISOString(), reason, policy: null, rulesVersion: rules.version },
  });
}

const released = (p: Protection | null, clock: Clock): Protection | null =>
  p ? { ...p, running: false, releasedAt: p.running ? clock.now().toISOString() : p.releasedAt } : null;
type Protection = NonNullable<Deal['protection']>;

// ---- protection: extension and expiry ----

/** One extension, requested before expiry, of `extensionDays` (0: the programme grants none). */
export function extendProtection(deal: Deal, rules: DealRules, clock: Clock): Deal {
  if (deal.status !== 'approved' || !deal.protection?.running) throw new ConflictError('Only an approved registration with protection running can be extended');
  if (deal.protection.extended) throw new ConflictError('The protection was extended already: one extension per registration');
  if (rules.extensionDays === 0) throw new ConflictError('The programme grants no extensions');
  const now = clock.now();
  if (now.getTime() >= Date.parse(deal.protection.expiresAt)) throw new ConflictError('The protection has expired: an extension is requested before expiry');
  const expiresAt = plus(new Date(deal.protection.expiresAt), rules.extensionDays * DAY_MS).toISOString();
  return { ...deal, protection: { ...deal.protection, expiresAt, extended: true }, updatedAt: now.toISOString(), version: deal.version + 1 };
}

/** An approved registration whose protection (or, approved without protection, its approval) has run out (undefined: not due, or not approved). */
export function expireRegistration(deal: Deal, clock: Clock): Deal | undefined {
  if (deal.status !== 'approved' || !deal.protection) return undefined;
  if (clock.now().getTime() < Date.parse(deal.protection.expiresAt)) return undefined;
  return next(deal, 'expired', clock, { protection: released(deal.protection, clock) });
}

// ---- the review SLA ----

export const reminderAt = (deal: Pick<Deal, 'submittedAt'>, rules: Pick<DealRules, 'reminderAfterHours'>) =>
  plus(new Date(deal.submittedAt), rules.reminderAfterHours * HOUR_MS);

/** What the review sweep does for a registration waiting for review: a reminder once, then the escalation at the SLA, once. */
export function reviewAction(deal: Deal, rules: DealRules, clock: Clock): { deal: Deal; action: 'reminder' | 'escalation' } | undefined {
  if (deal.status !== 'submitted' && deal.status !== 'under_review') return undefined;
  const now = clock.now();
  const stamp = { updatedAt: now.toISOString(), version: deal.version + 1 };
  if (!deal.reviewEscalated && deal.reviewDueAt && now.getTime() >= Date.parse(deal.reviewDueAt)) {
    return { deal: { ...deal, reviewReminded: true, reviewEscalated: true, ...stamp }, action: 'escalation' };
  }
  if (!deal.reviewReminded && now.getTime() >= reminderAt(deal, rules).getTime())
    return { deal: { ...deal, reviewReminded: true, ...stamp }, action: 'reminder' };
  return undefined;
}

/**
 * When the sweep must next look at a registration (the due index, gsi5): its reminder, then its
 * escalation while it waits for review; its protection's (or approval's) expiry while approved; never otherwise.
 */
export function nextDueAt(deal: Deal, rules: Pick<DealRules, 'reminderAfterHours'>): string | undefined {
  if (deal.status === 'submitted' || deal.status === 'under_review') {
    if (!deal.reviewReminded) return reminderAt(deal, rules).toISOString();
    if (!deal.reviewEscalated) return deal.reviewDueAt ?? undefined;
    return undefined;
  }
  if (deal.status === 'approved' && deal.protection) return deal.protection.expiresAt;
  return undefined;
}

// ---- won and lost ----

/** Only the registering partner closes its registration, and only from `approved`. */
function assertRegistrant(deal: Deal, actor: Actor & { partnerId?: string }): void {
  if (actor.partnerId !== deal.partnerId) throw new ConflictError('Only the registering partner may mark the registration won or lost');
}

/** The amount per product line a win records: given (summing to the amount, one per line), or the whole amount for a single line. */
export function winLines(deal: Deal, input: WonDealInput): LineAmount[] {
  const currency = deal.value.currency;
  const problems: { path: string; message: string }[] = [];
  if (input.amount.currency !== currency) problems.push({ path: 'body.amount.currency', message: `must be the registration's currency, ${currency}` });
  const registered = deal.lines.map((l) => l.productLine);
  let lines: LineAmount[];
  if (input.lines) {
    lines = input.lines;
    input.lines.forEach((l, i) => {
      if (!registered.includes(l.productLine)) problems.push({ path: `body.lines.${i}.productLine`, message: 'is not a product line of the registration' });
      if (l.amount.currency !== currency) problems.push({ path: `body.lines.${i}.amount.currency`, message: `must be ${currency}` });
    });
    if (new Set(input.lines.map((l) => l.productLine)).size !== input.lines.length)
      problems.push({ path: 'body.lines', message: 'product lines must be unique' });
    const sum = input.lines.reduce((s, l) => s + l.amount.amountMinor, 0);
    if (sum !== input.amount.amountMinor) problems.push({ path: 'body.lines', message: 'the line amounts must add up to the amount' });
  } else if (registered.length === 1) {
    lines = [{ productLine: registered[0]!, amount: input.amount }];
  } else {
    lines = [];
    problems.push({ path: 'body.lines', message: 'required when the registration has more than one product line' });
  }
  if (problems.length) throw new ValidationError('The win does not fit the registration', problems);
  return lines;
}

export function markWon(deal: Deal, input: WonDealInput, actor: Actor & { partnerId?: string }, clock: Clock): Deal {
  assertRegistrant(deal, actor);
  assertTransition(deal.status, 'won');
  const lines = winLines(deal, input);
  const at = clock.now().toISOString();
  return next(deal, 'won', clock, {
    protection: released(deal.protection, clock),
    closing: { outcome: 'won', amount: input.amount, lines, closeDate: input.closeDate, reason: null, reversed: false, by: actorOf(actor), at },
  });
}

export function markLost(deal: Deal, reason: string, actor: Actor & { partnerId?: string }, clock: Clock): Deal {
  assertRegistrant(deal, actor);
  if (deal.status !== 'approved') throw new ConflictError(`A registration that is ${deal.status} cannot be marked lost by its partner`);
  return next(deal, 'lost', clock, {
    protection: released(deal.protection, clock),
    closing: { outcome: 'lost', amount: null, lines: null, closeDate: null, reason, reversed: false, by: actorOf(actor), at: clock.now().toISOString() },
  });
}

/** A vendor corrects a won deal to lost (its incentives are clawed back from DealWonReversed). */
export function reverseWin(deal: Deal, reason: string, actor: Actor, clock: Clock): { deal: Deal; won: NonNullable<Deal['closing']> } {
  if (deal.status !== 'won' || !deal.closing) throw new ConflictError(`Only a won registration can be reversed; this one is ${deal.status}`);
  const won = deal.closing;
  const lost = next(deal, 'lost', clock, {
    closing: { ...won, outcome: 'lost', reason, reversed: true, by: actorOf(actor), at: clock.now().toISOString() },
  });
  return { deal: lost, won };
}

/** Whether the close of a registration released a running protection (DealWon says so). */
export const hadRunningProtection = (before: Deal): boolean => before.protection?.running === true;
