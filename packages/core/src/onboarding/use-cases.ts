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
