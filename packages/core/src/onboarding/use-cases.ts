import { type Actor, SYSTEM_ACTOR } from '../kernel/audit.ts';
import type { Clock } from '../kernel/clock.ts';
import { ConflictError, NotFoundError } from '../kernel/errors.ts';
import { type DomainEvent, makeEvent } from '../kernel/events.ts';
import { ApplicationFlaggedDuplicate, ApplicationReviewReminder, ApplicationSubmitted, OnboardingChecklistCompleted } from './events.ts';
import { evaluateChecklist, newApplication, remindReview, withDuplicates } from './lifecycle.ts';
import type { Agreement, Application, Checklist, DuplicateMatch, OnboardingSettings, SubmitApplicationInput } from './model.ts';

/**
 * Onboarding's use cases: the rules the handlers used to hold, named and unit-tested. Each takes
 * what was read and says what to write and announce; the adapter in functions/onboarding commits it.
 */

const DAY_MS = 86_400_000;

/** Who the events of an anonymous application name as their actor. */
export const APPLICANT: Actor = { sub: 'applicant', roles: [] };

/** An identity value of an organisation (registrable domain, tax id or legal name) and who holds it, if anyone. */
export interface IdentityKey {
  on: DuplicateMatch['on'];
  value: string;
}
export interface IdentityKeyHolder extends IdentityKey {
  ownerKind: DuplicateMatch['kind'];
  ownerId: string;
}

/**
 * The duplicate-key protocol of a submission: the first partner or open application with an
 * identity value holds it; a new application claims every value nobody holds, in the same
 * transaction that stores it, and is flagged as the duplicate of the holders of the others. If a
 * concurrent claimant wins a value in between, the transaction fails and the submission is planned
 * again on fresh holders (see MAX_SUBMISSION_ATTEMPTS).
 */
export function planSubmission(
  input: SubmitApplicationInput,
  settings: OnboardingSettings,
  keys: readonly IdentityKey[],
  holders: readonly IdentityKeyHolder[],
  clock: Clock,
): { application: Application; claims: IdentityKey[]; events: DomainEvent[] } {
  const matches: DuplicateMatch[] = holders.map((h) => ({ on: h.on, value: h.value, kind: h.ownerKind, id: h.ownerId }));
  const application = withDuplicates(newApplication(input, settings, clock), matches);
  const claims = keys.filter((k) => !holders.some((h) => h.on === k.on));
  const ctx = { actor: APPLICANT, clock };
  const events: DomainEvent[] = [makeEvent(ApplicationSubmitted, { application }, ctx)];
  if (matches.length) events.push(makeEvent(ApplicationFlaggedDuplicate, { applicationId: application.id, matches }, ctx));
  return { application, claims, events };
}

/** How often a submission re-plans after losing a claim race before it answers 409 (retry). */
export const MAX_SUBMISSION_ATTEMPTS = 5;

/** Approval offers the programme's current agreement: without a published one there is nothing to offer. */
export function requirePublishedAgreement(agreement: Agreement | undefined): Agreement {
  if (!agreement) throw new ConflictError('No programme agreement is published: publish one (POST /programme/agreements) before approving');
  return agreement;
}

/**
 * The review period an application is in at `now`: period n (n ≥ 1) starts n review SLAs after
 * submission. A step that wakes late reminds once, for the current period, not once per missed one.
 */
export function reviewPeriodAt(app: Application, now: Date): number {
  const elapsed = now.getTime() - Date.parse(app.submittedAt);
  return Math.max(1, Math.floor(elapsed / (app.reviewSlaDays * DAY_MS)));
}

/** The reminder of the current review period, if it is still due: the application to store and the event. */
export function reviewReminder(app: Application, clock: Clock): { application: Application; event: DomainEvent; period: number } | { period: number } {
  const period = reviewPeriodAt(app, clock.now());
  const reminded = remindReview(app, period, clock);
  if (!reminded) return { period };
  const data = { applicationId: app.id, reminder: period, submittedAt: app.submittedAt, reviewDueAt: app.reviewDueAt };
  return { application: reminded, period, event: makeEvent(ApplicationReviewReminder, data, { actor: SYSTEM_ACTOR, clock }) };
}

/**
 * A person marks a checklist item done: only `manual` items are; the others complete themselves from
 * events. Undefined when it was already done.
 */
export function completeManualItem(list: Checklist, itemId: string, actor: Actor, clock: Clock): { checklist: Checklist; events: DomainEvent[] } | undefined {
  const item = list.items.find((i) => i.id === itemId);
  if (!item) throw new NotFoundError('No such checklist item');
  if (item.kind !== 'manual') throw new ConflictError(`A '${item.kind}' item completes itself from events; only manual items are marked by hand`);
  const result = evaluateChecklist(list, { manual: [item.id] }, actor.sub, clock);
  if (!result) return undefined;
  const events = result.completed
    ? [makeEvent(OnboardingChecklistCompleted, { checklist: result.checklist }, { actor, clock, partnerId: list.partnerId })]
    : [];
  return { checklist: result.checklist, events };
}

// ---- caps on open applications ----

/** At most this many undecided applications per registrable web domain at a time. */
export const OPEN_APPLICATIONS_PER_DOMAIN = 3;
/** At most this many undecided applications per source (client address; IPv6 per /64) at a time. */
export const OPEN_APPLICATIONS_PER_SOURCE = 10;

/** What a cap counts: a registrable domain or a source address. */
export type OpenApplicationScope = 'domain' | 'source';

/** One place under a cap, held by an open application until its decision or its expiry. */
export interface OpenApplicationSlot {
  /** 1 … cap. */
  slot: number;
  applicationId: string;
  /** The holder's review window end (ISO-8601): the place is free from then on, recorded or not. */
  expiresAt: string;
}

/**
 * The caps in force. Only the benchmark changes them (to Infinity: no cap, as it lifts the
 * route's throttle, test/bench/onboarding.ts), in its own process.
 */
export const OPEN_APPLICATION_CAPS: Record<OpenApplicationScope, number> = { domain: OPEN_APPLICATIONS_PER_DOMAIN, source: OPEN_APPLICATIONS_PER_SOURCE };

/** The cap of a scope; Infinity: none. */
export const openApplicationCap = (scope: OpenApplicationScope): number => OPEN_APPLICATION_CAPS[scope];

/**
 * The place a new application takes under a cap: the lowest-numbered one that nobody holds or
 * whose holder's review window has closed. Undefined when all are held (the submission is refused,
 * 429); `retryAt` then says when the first held place lapses.
 */
export function freeSlot(held: readonly OpenApplicationSlot[], cap: number, now: Date): { slot: number } | { retryAt: Date } {
  const live = held.filter((s) => Date.parse(s.expiresAt) > now.getTime() && s.slot >= 1 && s.slot <= cap);
  for (let slot = 1; slot <= cap; slot++) if (!live.some((s) => s.slot === slot)) return { slot };
  return { retryAt: new Date(Math.min(...live.map((s) => Date.parse(s.expiresAt)))) };
}
