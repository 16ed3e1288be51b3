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
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * Applies a profile update. Partner admins may change profile fields only; vendor roles may
 * also change type, tier and channel manager. Status changes go through suspend/reactivate.
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

/** Suspends an active or onboarding partner; a reason is required and audited. */
export function suspendPartner(current: Partner, reason: string, clock: Clock): Partner {
  if (current.status !== 'active' && current.status !== 'onboarding') {
    throw new ConflictError(`A partner in status '${current.status}' cannot be suspended`);
  }
  return { ...current, status: 'suspended', statusReason: reason, updatedAt: clock.now().toISOString(), version: current.version + 1 };
}

/** Reactivates a suspended partner. */
export function reactivatePartner(current: Partner, reason: string, clock: Clock): Partner {
  if (current.status !== 'suspended') {
    throw new ConflictError(`Only a suspended partner can be reactivated; this one is '${current.status}'`);
  }
  return { ...current, status: 'active', statusReason: reason, updatedAt: clock.now().toISOString(), version: current.version + 1 };
}

export const statusChanges = (before: Partner, after: Partner): FieldChange[] => diffFields(before, after, ['status', 'statusReason']);

/** A new partner user; the partner must be able to take users. */
export function newPartnerUser(partner: Partner, input: AddPartnerUserInput, clock: Clock): PartnerUser {
  if (partner.status === 'terminated') throw new ConflictError('A terminated partner cannot get new users');
  const now = clock.now();
  return {
    id: newId('user', now),
    partnerId: partner.id,
    email: input.email,
    givenName: input.givenName,
    familyName: input.familyName,
    roles: input.roles,
    status: 'active',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
}

const USER_FIELDS = ['givenName', 'familyName', 'roles', 'status'] as const;

/** Applies a change to a partner user; a user cannot remove their own admin role or disable themselves. */
export function updatePartnerUser(
  current: PartnerUser,
  patch: UpdatePartnerUserInput,
  actor: Actor & { userId?: string },
  clock: Clock,
): { user: PartnerUser; changes: FieldChange[] } {
  const next: PartnerUser = { ...current, ...patch, updatedAt: clock.now().toISOString(), version: current.version + 1 };
  if (actor.userId === current.id && (next.status !== 'active' || !next.roles.includes('partner-admin')) && current.roles.includes('partner-admin')) {
    throw new ConflictError('An administrator cannot remove their own admin role or disable themselves');
  }
  return { user: next, changes: diffFields(current, next, USER_FIELDS) };
}
