import * as z from '../kernel/zod.ts';
import type { FieldChange } from '../kernel/audit.ts';
import { ConflictError } from '../kernel/errors.ts';
import { makeEvent } from '../kernel/events.ts';
import { idSchema, newId } from '../kernel/ids.ts';
import { isVendorRole } from '../kernel/roles.ts';
import { plainText } from '../kernel/text.ts';
import { PartnerChangeApproved, PartnerChangeRejected, PartnerChangeRequested } from './events.ts';
import { type Partner, type UpdatePartnerInput, partnerIdSchema } from './model.ts';
import { CHANGE_REQUEST_STATUSES, IDENTITY_FIELDS, type IdentityField, changeRequestSchema } from './change-request-model.ts';
import type { CommandContext, Decision } from './use-cases.ts';

export { CHANGE_REQUEST_STATUSES, IDENTITY_FIELDS, changeRequestSchema };
export type { IdentityField };
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

export const changeRequestIdSchema = idSchema('changeRequest');
export const changeRequestParamsSchema = z.deferred(() => z.strictObject({ id: partnerIdSchema, changeRequestId: changeRequestIdSchema }));
export const rejectChangeSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ reason: z.withMeta(plainText(500), { example: 'The tax id does not match the registry' }) }), {
    id: 'ChangeRejection',
  }),
);

/**
 * Splits a partner admin's profile patch: identity fields whose value changes (legal name, tax id,
 * web domain, country) go to a change request that a vendor role decides; the rest applies at once.
 * Vendor roles change identity fields directly.
 */
export function splitIdentityChanges(before: Partner, patch: UpdatePartnerInput, ctx: CommandContext): { direct: UpdatePartnerInput; identity: FieldChange[] } {
  if (ctx.actor.roles.some(isVendorRole)) return { direct: patch, identity: [] };
  const direct: Record<string, unknown> = { ...patch };
  const identity: FieldChange[] = [];
  for (const field of IDENTITY_FIELDS) {
    if (!(field in patch)) continue;
    delete direct[field];
    const to = patch[field];
    if (to !== before[field]) identity.push({ field, from: before[field] ?? null, to: to ?? null });
  }
  return { direct: direct as UpdatePartnerInput, identity };
}

/** A partner admin asks to change identity fields: a pending change request (PartnerChangeRequested). */
export function requestChange(partner: Partner, changes: FieldChange[], ctx: CommandContext): Decision<ChangeRequest> {
  if (partner.status === 'terminated') throw new ConflictError('A terminated partner cannot be changed');
  const now = ctx.clock.now();
  const request: ChangeRequest = {
    id: newId('changeRequest', now),
    partnerId: partner.id,
    status: 'pending',
    changes: changes as ChangeRequest['changes'],
    requestedBy: { sub: ctx.actor.sub, roles: ctx.actor.roles },
    requestedAt: now.toISOString(),
    decidedBy: null,
    decidedAt: null,
    reason: null,
    version: 1,
  };
  const event = makeEvent(PartnerChangeRequested, { request }, { ...ctx, partnerId: partner.id });
  return { record: request, events: [event], audit: [{ partnerId: partner.id, subject: request.id, changes, cause: event }] };
}

/** The patch a change request applies to the partner. */
export const patchOf = (request: ChangeRequest): UpdatePartnerInput =>
  Object.fromEntries(request.changes.map((c) => [c.field, c.to ?? undefined])) as UpdatePartnerInput;

function decide(request: ChangeRequest, status: 'approved' | 'rejected', reason: string | null, ctx: CommandContext): ChangeRequest {
  if (request.status !== 'pending') throw new ConflictError(`The change request was already ${request.status}`);
  return {
    ...request,
    status,
    reason,
    decidedBy: { sub: ctx.actor.sub, roles: ctx.actor.roles },
    decidedAt: ctx.clock.now().toISOString(),
    version: request.version + 1,
  };
}

/** A vendor role approves: the request is approved (PartnerChangeApproved); the caller applies its patch to the partner. */
export function approveChange(request: ChangeRequest, ctx: CommandContext): Decision<ChangeRequest> {
  const decided = decide(request, 'approved', null, ctx);
  const event = makeEvent(PartnerChangeApproved, { request: decided }, { ...ctx, partnerId: request.partnerId });
  return {
    record: decided,
    events: [event],
    audit: [{ partnerId: request.partnerId, subject: request.id, changes: [{ field: 'status', from: 'pending', to: 'approved' }], cause: event }],
  };
}

/** A vendor role rejects, with a reason (PartnerChangeRejected); the partner is unchanged. */
export function rejectChange(request: ChangeRequest, reason: string, ctx: CommandContext): Decision<ChangeRequest> {
  const decided = decide(request, 'rejected', reason, ctx);
  const event = makeEvent(PartnerChangeRejected, { request: decided }, { ...ctx, partnerId: request.partnerId });
  return {
    record: decided,
    events: [event],
    audit: [{ partnerId: request.partnerId, subject: request.id, changes: [{ field: 'status', from: 'pending', to: 'rejected' }], cause: event }],
  };
}
