import { type Actor, type FieldChange, diffFields } from '../kernel/audit.ts';
import type { Clock } from '../kernel/clock.ts';
import { ConflictError, ForbiddenError } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { isVendorRole } from '../kernel/roles.ts';
import {
  type AddPartnerUserInput,
  type CreatePartnerInput,
  type Partner,
  type PartnerUser,
  type UpdatePartnerInput,
  type UpdatePartnerUserInput,
  PROFILE_FIELDS,
  VENDOR_ONLY_FIELDS,
} from './model.ts';

const PARTNER_FIELDS = [...PROFILE_FIELDS, ...VENDOR_ONLY_FIELDS] as const;

/** A new partner record from a validated create request. */
export function newPartner(input: CreatePartnerInput, clock: Clock): Partner {
  const now = clock.now();
  const at = now.toISOString();
  return {
    id: newId('partner', now),
    ...input,
    tier: input.tier ?? null,
    channelManagerId: input.channelManagerId ?? null,
    statusReason: null,
    suspendedFrom: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * Applies a profile update. Partner admins may change profile fields only; vendor roles may
 * also change type, tier and channel manager. Status changes go through the status machine below.
 */
export function updatePartner(current: Partner, patch: UpdatePartnerInput, actor: Actor, clock: Clock): { partner: Partner; changes: FieldChange[] } {
  if (!actor.roles.some(isVendorRole)) {
    const denied = VENDOR_ONLY_FIELDS.filter((f) => f in patch);
    if (denied.length > 0) {
      throw new ForbiddenError(
        'Only vendor roles may set these fields',
        denied.map((f) => ({ path: f, message: 'may be set by vendor roles only' })),
      );
    }
  }
  if (current.status === 'terminated') throw new ConflictError('A terminated partner cannot be changed');
  const next: Partner = { ...current, ...patch, updatedAt: clock.now().toISOString(), version: current.version + 1 };
  return { partner: next, changes: diffFields(current, next, PARTNER_FIELDS) };
}

// ---- the status machine: the only place a partner's status changes ----

const withStatus = (p: Partner, status: Partner['status'], statusReason: string, clock: Clock, suspendedFrom: Partner['suspendedFrom'] = null): Partner => ({
  ...p,
  status,
  statusReason,
  suspendedFrom,
  updatedAt: clock.now().toISOString(),
  version: p.version + 1,
});

/** True while the partner has not finished onboarding: onboarding, or suspended while onboarding. */
export const isOnboarding = (p: Partner): boolean => p.status === 'onboarding' || (p.status === 'suspended' && p.suspendedFrom === 'onboarding');

/** Onboarding → active: the partner accepted its agreement. */
export function activatePartner(current: Partner, clock: Clock): Partner {
  if (current.status !== 'onboarding') throw new ConflictError(`A partner in status '${current.status}' cannot be activated; only an onboarding partner is`);
  return withStatus(current, 'active', 'agreement-accepted', clock);
}

/** Suspends an active or onboarding partner, remembering which of the two it returns to; a reason is required and audited. */
export function suspendPartner(current: Partner, reason: string, clock: Clock): Partner {
  if (current.status !== 'active' && current.status !== 'onboarding') {
    throw new ConflictError(`A partner in status '${current.status}' cannot be suspended`);
  }
  return withStatus(current, 'suspended', reason, clock, current.status);
}

/** Reactivates a suspended partner: it returns to the status it had (an onboarding partner still has to accept its agreement). */
export function reactivatePartner(current: Partner, reason: string, clock: Clock): Partner {
  if (current.status !== 'suspended') {
    throw new ConflictError(`Only a suspended partner can be reactivated; this one is '${current.status}'`);
  }
  return withStatus(current, current.suspendedFrom ?? 'active', reason, clock);
}

/** Terminates a partner, whatever its status: final, with a reason. Its users lose all access. */
export function terminatePartner(current: Partner, reason: string, clock: Clock): Partner {
  if (current.status === 'terminated') throw new ConflictError('The partner is already terminated');
  return withStatus(current, 'terminated', reason, clock);
}

export const statusChanges = (before: Partner, after: Partner): FieldChange[] => diffFields(before, after, ['status', 'statusReason']);

/** A new partner user; the partner must be able to take users. */
/** Days a new user has to accept its invitation unless the deployment says otherwise (`invitationDays`). */
export const DEFAULT_INVITATION_DAYS = 7;

export function newPartnerUser(partner: Partner, input: AddPartnerUserInput, clock: Clock, invitationDays = DEFAULT_INVITATION_DAYS): PartnerUser {
  if (partner.status === 'terminated') throw new ConflictError('A terminated partner cannot get new users');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + invitationDays * 24 * 60 * 60 * 1000).toISOString();
  return {
    id: newId('user', now),
    partnerId: partner.id,
    email: input.email,
    givenName: input.givenName,
    familyName: input.familyName,
    roles: input.roles,
    status: 'active',
    disabledBy: null,
    sessionsRevokedAt: null,
    invitation: { status: 'pending', expiresAt },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
}

/** The user signed in: its invitation is accepted (undefined when it is not pending). */
export function acceptInvitation(current: PartnerUser, clock: Clock): PartnerUser | undefined {
  if (current.invitation?.status !== 'pending') return undefined;
  return { ...current, invitation: { ...current.invitation, status: 'accepted' }, updatedAt: clock.now().toISOString(), version: current.version + 1 };
}

/**
 * An invitation still pending at its `expiresAt` expires: the user is disabled by the system, its
 * sessions revoked; undefined when it is not pending or not due.
 */
export function expireInvitation(current: PartnerUser, clock: Clock): PartnerUser | undefined {
  const now = clock.now();
  if (current.invitation?.status !== 'pending' || now.getTime() < Date.parse(current.invitation.expiresAt)) return undefined;
  return {
    ...current,
    invitation: { ...current.invitation, status: 'expired' },
    status: 'disabled',
    disabledBy: current.status === 'disabled' ? current.disabledBy : 'system',
    sessionsRevokedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
}

const USER_FIELDS = ['givenName', 'familyName', 'roles', 'status', 'invitation'] as const;

/** Who disables a user: the partner's own admin, a vendor role, or the system (the partner was terminated). */
const disablerOf = (actor: Actor): NonNullable<PartnerUser['disabledBy']> =>
  actor.roles.includes('system') ? 'system' : actor.roles.some(isVendorRole) ? 'vendor' : 'partner';

/**
 * Applies a change to a partner user. A user cannot remove their own admin role or disable
 * themselves; a partner admin cannot re-enable a user that a vendor role (or the system) disabled;
 * nobody enables a user of a terminated partner. Disabling a user, or taking a role away, revokes
 * the tokens issued before it (`sessionsRevokedAt`): the API refuses them, and in AWS the user is
 * signed out globally.
 */
export function updatePartnerUser(
  current: PartnerUser,
  patch: UpdatePartnerUserInput,
  actor: Actor & { userId?: string },
  clock: Clock,
  partner?: Pick<Partner, 'status'>,
): { user: PartnerUser; changes: FieldChange[]; revokesSessions: boolean } {
  const now = clock.now().toISOString();
  let next: PartnerUser = { ...current, ...patch, updatedAt: now, version: current.version + 1 };
  if (actor.userId === current.id && (next.status !== 'active' || !next.roles.includes('partner-admin')) && current.roles.includes('partner-admin')) {
    throw new ConflictError('An administrator cannot remove their own admin role or disable themselves');
  }
  const enabling = current.status === 'disabled' && next.status === 'active';
  if (enabling && partner?.status === 'terminated') throw new ConflictError("A terminated partner's users cannot be enabled");
  if (enabling && current.invitation?.status === 'expired') {
    throw new ConflictError('The invitation expired and the address was released; add the user again', [
      { path: 'body.status', message: 'the invitation expired' },
    ]);
  }
  if (enabling && current.disabledBy !== 'partner' && disablerOf(actor) === 'partner') {
    throw new ForbiddenError('This user was disabled by the vendor; only a vendor administrator can enable it again', [
      { path: 'body.status', message: 'may be set to active by vendor roles only' },
    ]);
  }
  if (enabling) next = { ...next, disabledBy: null };
  const disabling = current.status === 'active' && next.status === 'disabled';
  if (disabling) next = { ...next, disabledBy: disablerOf(actor) };
  const revokesSessions = disabling || current.roles.some((r) => !next.roles.includes(r));
  if (revokesSessions) next = { ...next, sessionsRevokedAt: now };
  return { user: next, changes: diffFields(current, next, USER_FIELDS), revokesSessions };
}
