import { type Actor, ConflictError, type DomainEvent, SYSTEM_ACTOR, ValidationError, makeEvent } from '@channelbase/core';
import {
  type ConflictMatch,
  type CustomerKeys,
  type Deal,
  DealApproved,
  DealConflictDetected,
  DealRegistered,
  type RegisterDealInput,
  autoApprovalDecision,
  autoApprove,
  evaluateConflicts,
  flagConflict,
  newRegistration,
} from '@channelbase/core/deals';
import { type Write, commit, retryOnStale, runtimeClock as clock } from '@channelbase/platform';
import * as partners from '../partners/index.ts';
import { ProtectionTakenError, claimProtection, findRegistrations, getDeal, getRules, indexWrites, linkLead, putDeal, putNewDeal } from './repository.ts';

/** How often a registration plans again after losing a protection race (another auto-approval won) before 409. */
export const MAX_REGISTRATION_ATTEMPTS = 5;

/** A registration's customer keys, by partners' organisation identity rules (registrable domain via the Public Suffix List, normalised name). */
export async function customerKeysOf(customer: { webDomain: string; legalName: string }): Promise<CustomerKeys> {
  const keys = Object.fromEntries(await partners.organisationKeysOf(customer)) as { webDomain: string; legalName?: string };
  return { webDomain: keys.webDomain, ...(keys.legalName ? { legalName: keys.legalName } : {}) };
}

/** What another partner's registrations of a customer mean for a (would-be) registration of `partnerId`. */
export async function conflictsOf(subject: { registrationId?: string; partnerId: string | undefined; productLines: readonly string[] }, keys: CustomerKeys) {
  return evaluateConflicts(subject, await findRegistrations(keys));
}

const productLinePath = (i: number) => `body.lines.${i}.productLine`;

/** The product lines must be defined in /programme/product-lines (until its first PUT, any well-formed key, as for partners). */
async function assertProductLines(lines: readonly { productLine: string }[]): Promise<void> {
  const list = await partners.getVocabulary('productLines');
  if (list.version === 0) return;
  const defined = new Set(list.items.map((i) => i.key));
  const problems = lines.flatMap((l, i) =>
    defined.has(l.productLine) ? [] : [{ path: productLinePath(i), message: 'is not a product line of the programme' }],
  );
  if (problems.length) throw new ValidationError('Unknown product line', problems);
}

async function assertSecondPartner(second: RegisterDealInput['secondPartner']): Promise<void> {
  if (!second) return;
  const refuse = () =>
    new ValidationError('The second partner must be an active partner', [{ path: 'body.secondPartner.partnerId', message: 'must be an active partner' }]);
  const partner = await partners.getPartner(second.partnerId).catch(() => undefined);
  if (partner?.status !== 'active') throw refuse();
}

export interface RegisterRequest {
  partnerId: string;
  input: Omit<RegisterDealInput, 'partnerId'>;
  actor: Actor;
  leadId?: string;
  /** Writes and events of the caller, given the new registration's id, committed in the registration's transaction (a converted lead's). */
  withFor?: ((dealId: string) => { writes: Write[]; events: DomainEvent[] }) | undefined;
}

/**
 * Registers a deal: checks the partner, the second partner and the product lines, evaluates
 * conflicts from the customer index, and commits the registration with its index entries and
 * events. Auto-approval claims protection in the same transaction (attribute_not_exists): when a
 * concurrent auto-approval of the same customer and product line won, the transaction fails and
 * the registration is planned again on fresh reads, where it sees the winner as a conflict. After
 * the commit the index is read once more: a concurrent registration committed in between is
 * flagged on both sides.
 */
export async function register(req: RegisterRequest): Promise<Deal> {
  const [partner, rules] = await Promise.all([partners.getPartner(req.partnerId), getRules()]);
  if (partner.status === 'terminated') throw new ConflictError('The partner is terminated: it registers no deals');
  await Promise.all([assertProductLines(req.input.lines), assertSecondPartner(req.input.secondPartner)]);
  const keys = await customerKeysOf(req.input.customer);
  const productLines = req.input.lines.map((l) => l.productLine);
  // After losing a protection race, the registration waits for review: the winner (another
  // partner's, seen now as a conflict, or the partner's own) holds the customer and product line.
  let protectionTaken = false;
  for (let attempt = 1; ; attempt++) {
    const matches = await conflictsOf({ partnerId: req.partnerId, productLines }, keys);
    const deal = newRegistration({ partnerId: req.partnerId, input: req.input, leadId: req.leadId, matches, rules, actor: req.actor }, clock);
    const auto = protectionTaken ? { approve: false } : autoApprovalDecision(rules, deal.value, partner.tier, matches);
    const stored = auto.approve ? autoApprove(deal, rules, clock) : deal;
    const own = { actor: req.actor, clock, partnerId: req.partnerId };
    const events: DomainEvent[] = [makeEvent(DealRegistered, { registration: deal }, own)];
    if (matches.length) events.push(conflictEvent(deal, matches));
    if (auto.approve) events.push(makeEvent(DealApproved, { registration: stored }, { ...own, actor: SYSTEM_ACTOR }));
    const extra = req.withFor?.(stored.id);
    const writes = [
      putNewDeal(stored, keys, rules),
      ...indexWrites(stored, keys),
      ...(auto.approve ? claimProtection(stored, keys) : []),
      ...(req.leadId ? [linkLead(req.leadId, stored.id)] : []),
      ...(extra?.writes ?? []),
    ];
    try {
      await commit(writes, [...events, ...(extra?.events ?? [])]);
    } catch (err) {
      if (err instanceof ProtectionTakenError && attempt < MAX_REGISTRATION_ATTEMPTS) {
        protectionTaken = true;
        continue;
      }
      throw err;
    }
    return await recheck(stored, keys, matches);
  }
}

/** Vendor-facing: who matched. No detail.partnerId, so it is never a partner's event. */
const conflictEvent = (deal: Deal, matches: readonly ConflictMatch[]) =>
  makeEvent(DealConflictDetected, { registrationId: deal.id, registeringPartnerId: deal.partnerId, matches: [...matches] }, { actor: SYSTEM_ACTOR, clock });

/**
 * After the commit: a registration of the same customer committed between this one's read and its
 * commit is found now (the index is read strongly consistent). Both get flagged (once), so that
 * every conflicting pair waits for a channel manager, whoever committed first.
 */
async function recheck(deal: Deal, keys: CustomerKeys, seen: readonly ConflictMatch[]): Promise<Deal> {
  const fresh = await conflictsOf({ registrationId: deal.id, partnerId: deal.partnerId, productLines: deal.lines.map((l) => l.productLine) }, keys);
  const added = fresh.filter((m) => !seen.some((s) => s.registrationId === m.registrationId));
  if (added.length === 0) return deal;
  // The others already flagged (under_review) or approved stay as they are; a `submitted` one waits for review flagged from now on.
  const [self] = await Promise.all([
    deal.verdict === 'no-conflict' ? flag(deal.id) : Promise.resolve(deal),
    ...added.filter((m) => m.status === 'submitted').map((m) => flag(m.registrationId)),
  ]);
  return self ?? deal;
}

/** Flags a registration as a possible conflict if it is not yet, with DealConflictDetected naming what matches now. */
export function flag(id: string): Promise<Deal | undefined> {
  return retryOnStale(async () => {
    const { deal, keys } = await getDeal(id);
    const flagged = flagConflict(deal, clock);
    if (!flagged) return deal;
    const rules = await getRules();
    const matches = await conflictsOf({ registrationId: deal.id, partnerId: deal.partnerId, productLines: deal.lines.map((l) => l.productLine) }, keys);
    if (!matches.length) return deal;
    await commit([putDeal(flagged, keys, rules, deal.version), ...indexWrites(flagged, keys)], [conflictEvent(flagged, matches)]);
    return flagged;
  });
}
