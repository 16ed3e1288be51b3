import type { Actor } from '../kernel/audit.ts';
import type { Clock } from '../kernel/clock.ts';
import { ConflictError } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { type CreatePartnerInput, type Partner, type PartnerUser, isOnboarding } from '../partners/index.ts';
import { duplicateCheck, fieldChecks } from './checks.ts';
import type {
  Agreement,
  AgreementOffer,
  Application,
  ApproveApplicationInput,
  Checklist,
  ChecklistItemDefinition,
  DuplicateMatch,
  OnboardingSettings,
  PublishAgreementInput,
  SubmitApplicationInput,
} from './model.ts';

const DAY_MS = 86_400_000;
const plusDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);
const actorOf = (a: Actor) => ({ sub: a.sub, roles: a.roles });

/** A new application with the checks that need no lookups; duplicates are added by `withDuplicates`. */
export function newApplication(input: SubmitApplicationInput, settings: OnboardingSettings, clock: Clock): Application {
  const now = clock.now();
  const checks = { duplicate: duplicateCheck([]), ...fieldChecks(input, settings) };
  return {
    id: newId('application', now),
    status: 'pending',
    ...input,
    checks,
    flagged: !checks.requiredFields.passed || !checks.country.passed,
    reviewSlaDays: settings.reviewSlaDays,
    reviewDueAt: plusDays(now, settings.reviewSlaDays).toISOString(),
    remindersSent: 0,
    decision: null,
    submittedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
}

/** The application with what the duplicate check matched (never merged: the reviewer decides). */
export function withDuplicates(app: Application, matches: DuplicateMatch[]): Application {
  const checks = { ...app.checks, duplicate: duplicateCheck(matches) };
  return { ...app, checks, flagged: !checks.duplicate.passed || !checks.requiredFields.passed || !checks.country.passed };
}

/**
 * How long an application waits for a decision: nobody deciding it within this many days of its
 * submission, it expires (status `expired`), and its identity-key claims and its places under the
 * open-application caps lapse at that instant, whether or not the sweep has recorded it yet.
 */
export const REVIEW_WINDOW_DAYS = 30;

/** When an undecided application expires: REVIEW_WINDOW_DAYS after its submission. */
export const reviewExpiresAt = (app: Pick<Application, 'submittedAt'>): Date => plusDays(new Date(app.submittedAt), REVIEW_WINDOW_DAYS);

/** Whether the application's review window has closed at `now` (a pending one is then expired, recorded or not). */
export const reviewWindowClosed = (app: Pick<Application, 'submittedAt'>, now: Date): boolean => now.getTime() >= reviewExpiresAt(app).getTime();

function assertPending(app: Application, clock: Clock): void {
  if (app.status !== 'pending') throw new ConflictError(`The application was already ${app.status}`);
  if (reviewWindowClosed(app, clock.now())) {
    throw new ConflictError(
      `The application expired undecided on ${reviewExpiresAt(app).toISOString()} (${REVIEW_WINDOW_DAYS} days after submission); the applicant may apply again`,
    );
  }
}

/** Records that nobody decided the application in its review window; undefined while it is open, or decided. */
export function expireApplication(app: Application, clock: Clock): Application | undefined {
  if (app.status !== 'pending' || !reviewWindowClosed(app, clock.now())) return undefined;
  return { ...app, status: 'expired', updatedAt: clock.now().toISOString(), version: app.version + 1 };
}

/** When the n-th review reminder of a pending application is due (n ≥ 1): each SLA after submission. */
export const reviewReminderAt = (app: Application, n: number): Date => plusDays(new Date(app.submittedAt), app.reviewSlaDays * n);

/** Records that the n-th review reminder went out; false if it already had (a step ran twice). */
export function remindReview(app: Application, n: number, clock: Clock): Application | undefined {
  if (app.status !== 'pending' || app.remindersSent >= n || reviewWindowClosed(app, clock.now())) return undefined;
  // Never ahead of time, whoever calls: the n-th reminder is due n review SLAs after submission.
  if (clock.now().getTime() < reviewReminderAt(app, n).getTime()) return undefined;
  return { ...app, remindersSent: n, updatedAt: clock.now().toISOString(), version: app.version + 1 };
}

/** The partner (status `onboarding`) and its first administrator that approving an application creates. */
export function approveApplication(
  app: Application,
  input: ApproveApplicationInput,
  actor: Actor,
  clock: Clock,
): { application: Application; partner: CreatePartnerInput; admin: Pick<PartnerUser, 'email' | 'givenName' | 'familyName' | 'roles'> } {
  assertPending(app, clock);
  const { company, contact } = app;
  const partner: CreatePartnerInput = {
    legalName: company.legalName,
    ...(company.tradingName ? { displayName: company.tradingName } : {}),
    webDomain: company.webDomain,
    country: company.country,
    ...(company.taxId ? { taxId: company.taxId } : {}),
    locations: [
      {
        name: 'Registered address',
        country: company.country,
        city: company.address.city,
        ...(company.address.region ? { region: company.address.region } : {}),
        ...(company.address.postalCode ? { postalCode: company.address.postalCode } : {}),
      },
    ],
    territories: app.territories,
    specialisations: app.products,
    type: app.partnerType,
    tier: input.tier ?? null,
    channelManagerId: input.channelManagerId ?? actor.sub,
    status: 'onboarding',
  };
  const admin = { email: contact.email, givenName: contact.givenName, familyName: contact.familyName, roles: ['partner-admin' as const] };
  const now = clock.now().toISOString();
  const application: Application = {
    ...app,
    status: 'approved',
    decision: { outcome: 'approved', by: actorOf(actor), at: now, reason: input.note ?? null, partnerId: null, adminUserId: null },
    updatedAt: now,
    version: app.version + 1,
  };
  return { application, partner, admin };
}

/** Links the approved application to the partner and user it created. */
export const linkApproval = (app: Application, partner: Partner, admin: PartnerUser): Application => ({
  ...app,
  decision: { ...app.decision!, partnerId: partner.id, adminUserId: admin.id },
});

export function rejectApplication(app: Application, reason: string, actor: Actor, clock: Clock): Application {
  assertPending(app, clock);
  const now = clock.now().toISOString();
  return {
    ...app,
    status: 'rejected',
    decision: { outcome: 'rejected', by: actorOf(actor), at: now, reason, partnerId: null, adminUserId: null },
    updatedAt: now,
    version: app.version + 1,
  };
}

// ---- agreements ----

export function newAgreement(input: PublishAgreementInput, previousVersion: number, actor: Actor, clock: Clock): Agreement {
  const now = clock.now();
  return {
    id: newId('agreement', now),
    title: input.title,
    agreementVersion: previousVersion + 1,
    text: input.text ?? null,
    documentUrl: input.documentUrl ?? null,
    documentSha256: input.documentSha256 ?? null,
    publishedAt: now.toISOString(),
    publishedBy: actorOf(actor),
  };
}

/** Offers the programme's current agreement to a new partner, with its reminder and deadline. */
export function offerAgreement(partnerId: string, agreement: Agreement, settings: OnboardingSettings, clock: Clock): AgreementOffer {
  const now = clock.now();
  return {
    partnerId,
    agreementId: agreement.id,
    title: agreement.title,
    agreementVersion: agreement.agreementVersion,
    text: agreement.text,
    documentUrl: agreement.documentUrl,
    documentSha256: agreement.documentSha256,
    status: 'offered',
    offeredAt: now.toISOString(),
    remindAt: plusDays(now, settings.agreementReminderDays).toISOString(),
    expiresAt: plusDays(now, settings.agreementAcceptanceDays).toISOString(),
    remindedAt: null,
    acceptedAt: null,
    acceptedBy: null,
    updatedAt: now.toISOString(),
    version: 1,
  };
}

/**
 * The partner admin accepts: the offer records who, when and which version. The partner must still be
 * onboarding; the partners context then activates it (its status machine decides, not onboarding).
 */
export function acceptAgreement(offer: AgreementOffer, partner: Partner, actor: Actor & { userId?: string }, clock: Clock): AgreementOffer {
  const now = clock.now();
  if (offer.status === 'accepted') throw new ConflictError('This agreement was already accepted');
  if (offer.status === 'expired' || now.getTime() >= Date.parse(offer.expiresAt)) {
    throw new ConflictError('This agreement offer has expired');
  }
  if (partner.status !== 'onboarding') throw new ConflictError(`A partner in status '${partner.status}' cannot accept its onboarding agreement`);
  const at = now.toISOString();
  return {
    ...offer,
    status: 'accepted',
    acceptedAt: at,
    acceptedBy: { sub: actor.sub, userId: actor.userId ?? null },
    updatedAt: at,
    version: offer.version + 1,
  };
}

/** Records the reminder of a still-open offer; undefined when there is nothing to remind of. */
export function remindAgreement(offer: AgreementOffer, clock: Clock): AgreementOffer | undefined {
  if (offer.status !== 'offered' || offer.remindedAt !== null) return undefined;
  if (clock.now().getTime() < Date.parse(offer.remindAt)) return undefined;
  const at = clock.now().toISOString();
  return { ...offer, remindedAt: at, updatedAt: at, version: offer.version + 1 };
}

/** Why onboarding terminates a partner whose agreement deadline passed. */
export const ONBOARDING_EXPIRED_REASON = 'agreement-not-accepted';

/**
 * Closes an onboarding whose agreement was not accepted in time: the offer expires, and the partner
 * is to be terminated (with ONBOARDING_EXPIRED_REASON, by the partners context), also when it was
 * suspended while onboarding: the deadline still applies. Undefined when there is nothing to close
 * (accepted, already expired, or the partner is no longer onboarding).
 */
export function expireOnboarding(offer: AgreementOffer, partner: Partner, clock: Clock): AgreementOffer | undefined {
  if (offer.status !== 'offered' || !isOnboarding(partner)) return undefined;
  // The deadline is the offer's, not the caller's: an early step expires nothing (acceptAgreement draws the same line).
  if (clock.now().getTime() < Date.parse(offer.expiresAt)) return undefined;
  const at = clock.now().toISOString();
  return { ...offer, status: 'expired', updatedAt: at, version: offer.version + 1 };
}

// ---- checklist ----

export function openChecklist(partnerId: string, definition: readonly ChecklistItemDefinition[], clock: Clock): Checklist {
  const at = clock.now().toISOString();
  return {
    partnerId,
    items: definition.map((d) => ({ id: d.id, title: d.title, kind: d.kind, definition: d, done: false, completedAt: null, completedBy: null })),
    certifications: [],
    // A programme without checklist items has nothing left to do.
    completedAt: definition.length === 0 ? at : null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** What the checklist items are evaluated against: the partner now, and what its people hold. */
export interface ChecklistFacts {
  partner?: Partner;
  activeUsers?: number;
  /** Certification keys issued to the partner's people. */
  certifications?: readonly string[];
  /** Item ids a person marked done (manual items). */
  manual?: readonly string[];
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

function satisfied(d: ChecklistItemDefinition, facts: ChecklistFacts): boolean {
  switch (d.kind) {
    case 'profile':
      return facts.partner !== undefined && d.fields.every((f) => isSet(facts.partner![f]));
    case 'users':
      return facts.activeUsers !== undefined && facts.activeUsers >= d.minUsers;
    case 'certification':
      return facts.certifications !== undefined && d.certifications.every((c) => facts.certifications!.includes(c));
    case 'manual':
      return facts.manual?.includes(d.id) ?? false;
  }
}

/**
 * Marks the items the facts satisfy as done (an item, once done, stays done). Returns the new
 * checklist and whether it just became complete, or undefined if nothing changed.
 */
export function evaluateChecklist(list: Checklist, facts: ChecklistFacts, by: string, clock: Clock): { checklist: Checklist; completed: boolean } | undefined {
  const at = clock.now().toISOString();
  // Certifications accumulate: an item needing two keys completes when the second arrives.
  facts = { ...facts, certifications: [...list.certifications, ...(facts.certifications ?? [])] };
  let changed = false;
  const items = list.items.map((item) => {
    if (item.done || !satisfied(item.definition, facts)) return item;
    changed = true;
    return { ...item, done: true, completedAt: at, completedBy: by };
  });
  const certifications = [...new Set(facts.certifications)];
  if (!changed && certifications.length === list.certifications.length) return undefined;
  const complete = items.every((i) => i.done);
  return {
    checklist: { ...list, items, certifications, completedAt: complete ? (list.completedAt ?? at) : null, updatedAt: at, version: list.version + 1 },
    completed: complete && list.completedAt === null,
  };
}
