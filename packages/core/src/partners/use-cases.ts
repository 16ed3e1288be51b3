import { type Actor, type FieldChange, diffFields } from '../kernel/audit.ts';
import type { Clock } from '../kernel/clock.ts';
import { type DomainEvent, makeEvent } from '../kernel/events.ts';
import {
  PartnerActivated,
  PartnerCreated,
  PartnerReactivated,
  PartnerSuspended,
  PartnerTerminated,
  PartnerUpdated,
  PartnerUserAdded,
  PartnerUserEmailConflict,
  PartnerUserUpdated,
} from './events.ts';
import {
  acceptInvitation,
  activatePartner,
  expireInvitation,
  newPartner,
  newPartnerUser,
  reactivatePartner,
  statusChanges,
  suspendPartner,
  terminatePartner,
  updatePartner,
  updatePartnerUser,
} from './lifecycle.ts';
import type { AddPartnerUserInput, CreatePartnerInput, Partner, PartnerUser, UpdatePartnerInput, UpdatePartnerUserInput } from './model.ts';

/**
 * The partners context's use cases: each applies the rules of lifecycle.ts and says what it
 * decided — the new record, the events that announce it and the audit entries — for an adapter
 * to commit in one transaction. No I/O here: the caller reads the current record first.
 */

/** Who acts, and the clock they act by. */
export interface CommandContext {
  actor: Actor & { userId?: string };
  clock: Clock;
}

/** An audit entry under the partner: which record (the partner or one of its users) changed how. */
export interface AuditEntry {
  partnerId: string;
  subject: string;
  changes: FieldChange[];
  /** The event that caused it. */
  cause: DomainEvent;
}

export interface Decision<T> {
  record: T;
  events: DomainEvent[];
  audit: AuditEntry[];
}

const decided = <T>(record: T, partnerId: string, subject: string, changes: FieldChange[], event: DomainEvent): Decision<T> => ({
  record,
  events: [event],
  audit: [{ partnerId, subject, changes, cause: event }],
});

/**
 * A new partner organisation (vendor roles create it directly; onboarding when it approves an application).
 * @example const { record: partner, events } = registerPartner({ legalName: 'Acme Ltd', webDomain: 'acme.example', country: 'GB', type: 'reseller', status: 'active' }, ctx);
 */
export function registerPartner(input: CreatePartnerInput, ctx: CommandContext): Decision<Partner> {
  const partner = newPartner(input, ctx.clock);
  const event = makeEvent(PartnerCreated, { partner }, { ...ctx, partnerId: partner.id });
  return decided(partner, partner.id, partner.id, [{ field: '*', from: null, to: partner }], event);
}

/** A profile change; undefined when the patch changes nothing. */
export function changePartnerProfile(before: Partner, patch: UpdatePartnerInput, ctx: CommandContext): Decision<Partner> | undefined {
  const { partner, changes } = updatePartner(before, patch, ctx.actor, ctx.clock);
  if (changes.length === 0) return undefined;
  return decided(partner, partner.id, partner.id, changes, makeEvent(PartnerUpdated, { partner, changes }, { ...ctx, partnerId: partner.id }));
}

const statusDecision = (before: Partner, after: Partner, event: DomainEvent, extra: FieldChange[] = []): Decision<Partner> =>
  decided(after, after.id, after.id, [...statusChanges(before, after), ...extra], event);

/** Onboarding → active, when the partner admin accepted the agreement (raised by onboarding, announced by partners). */
export function activate(before: Partner, agreement: { agreementId: string; agreementVersion: number }, ctx: CommandContext): Decision<Partner> {
  const after = activatePartner(before, ctx.clock);
  const event = makeEvent(PartnerActivated, { partner: after, agreementId: agreement.agreementId }, { ...ctx, partnerId: after.id });
  return statusDecision(before, after, event, [{ field: 'agreement', from: null, to: agreement }]);
}

export function suspend(before: Partner, reason: string, ctx: CommandContext): Decision<Partner> {
  const after = suspendPartner(before, reason, ctx.clock);
  return statusDecision(before, after, makeEvent(PartnerSuspended, { partner: after, reason }, { ...ctx, partnerId: after.id }));
}

export function reactivate(before: Partner, reason: string, ctx: CommandContext): Decision<Partner> {
  const after = reactivatePartner(before, reason, ctx.clock);
  return statusDecision(before, after, makeEvent(PartnerReactivated, { partner: after, reason }, { ...ctx, partnerId: after.id }));
}

/** Terminates the partner for good; its users are then disabled (by the partners context, on PartnerTerminated). */
export function terminate(before: Partner, reason: string, ctx: CommandContext): Decision<Partner> {
  const after = terminatePartner(before, reason, ctx.clock);
  return statusDecision(before, after, makeEvent(PartnerTerminated, { partner: after, reason }, { ...ctx, partnerId: after.id }));
}

/** A new user of the partner (a partner admin or a vendor admin adds it; onboarding adds the first admin). */
export function addUser(partner: Partner, input: AddPartnerUserInput, ctx: CommandContext, invitationDays?: number): Decision<PartnerUser> {
  const user = newPartnerUser(partner, input, ctx.clock, invitationDays);
  const { email, givenName, familyName, roles } = user;
  const event = makeEvent(PartnerUserAdded, { user }, { ...ctx, partnerId: partner.id });
  return decided(user, partner.id, user.id, [{ field: '*', from: null, to: { email, givenName, familyName, roles } }], event);
}

/** A change to a user; undefined when the patch changes nothing. `revokesSessions` when its older tokens stop counting. */
export function changeUser(
  before: PartnerUser,
  patch: UpdatePartnerUserInput,
  ctx: CommandContext,
  partner?: Pick<Partner, 'status'>,
): (Decision<PartnerUser> & { revokesSessions: boolean }) | undefined {
  const { user, changes, revokesSessions } = updatePartnerUser(before, patch, ctx.actor, ctx.clock, partner);
  if (changes.length === 0) return undefined;
  const event = makeEvent(PartnerUserUpdated, { user, changes }, { ...ctx, partnerId: user.partnerId });
  return { ...decided(user, user.partnerId, user.id, changes, event), revokesSessions };
}

/** Who holds an e-mail address that a partner admin invited: another partner's user, or vendor staff. */
export type EmailHolder = { kind: 'partner'; partnerId: string; userId: string } | { kind: 'vendor'; userId: string };

/**
 * A partner admin invited an address that another organisation (or vendor staff) holds. The user
 * is added as any other (PartnerUserAdded, the same audit entry, the same answer), but it holds no
 * e-mail claim, so it never gets a sign-in identity and its invitation expires unaccepted; the
 * conflict is announced to the vendor only (PartnerUserEmailConflict), never to the partner.
 */
export function addUserWithHeldAddress(
  partner: Partner,
  input: AddPartnerUserInput,
  ctx: CommandContext,
  holder: EmailHolder,
  invitationDays?: number,
): Decision<PartnerUser> {
  const decision = addUser(partner, input, ctx, invitationDays);
  const conflict = makeEvent(PartnerUserEmailConflict, { user: decision.record, heldBy: holder }, { ...ctx, partnerId: partner.id });
  return { ...decision, events: [...decision.events, conflict] };
}

/** The user's first sign-in was seen: the invitation is accepted (PartnerUserUpdated); undefined if it was not pending. */
export function invitationAccepted(before: PartnerUser, ctx: CommandContext): Decision<PartnerUser> | undefined {
  const user = acceptInvitation(before, ctx.clock);
  return user && userChanged(before, user, ctx);
}

/** The invitation window closed without a sign-in: the user is disabled and its invitation expired; undefined if not due. */
export function invitationExpired(before: PartnerUser, ctx: CommandContext): Decision<PartnerUser> | undefined {
  const user = expireInvitation(before, ctx.clock);
  return user && userChanged(before, user, ctx);
}

function userChanged(before: PartnerUser, user: PartnerUser, ctx: CommandContext): Decision<PartnerUser> {
  const changes = diffFields(before, user, ['status', 'disabledBy', 'invitation']);
  return decided(user, user.partnerId, user.id, changes, makeEvent(PartnerUserUpdated, { user, changes }, { ...ctx, partnerId: user.partnerId }));
}
