import {
  type AddPartnerUserInput,
  type AuditEntry,
  type ChangeRequest,
  type CommandContext,
  type CreatePartnerInput,
  type Decision,
  type EmailHolder,
  type Partner,
  type PartnerUser,
  type UpdatePartnerInput,
  type UpdatePartnerUserInput,
  type VocabularyPaths,
  activate,
  DEFAULT_INVITATION_DAYS,
  addUser,
  addUserWithHeldAddress,
  approveChange,
  patchOf,
  rejectChange,
  requestChange,
  changePartnerProfile,
  changeUser,
  organisationKeys,
  publicSuffixList,
  reactivate,
  registerPartner,
  suspend,
  invitationAccepted,
  invitationExpired,
  terminate,
} from '@channelbase/core/partners';
import type { Change, HistoryWrite, Write } from '@channelbase/platform';
import { type OrgKeyOn, claimIfFree, orgKeyList, syncPartnerKeys, transfer } from './org-keys.ts';
import { ConflictError } from '@channelbase/core';
import { findHolders } from './org-keys.ts';
import { partnerExists, partnerKey, putChangeRequest, putNewUser, putPartner, putUser, releaseEmail } from './repository.ts';
import { vocabularyWrites } from './vocabulary.ts';

/**
 * The partners context's commands, as other contexts and its own handlers call them: each applies a
 * use case of packages/core/src/partners and returns the Change to commit — the partners' writes
 * (with their optimistic-locking conditions), events and audit entries — so a caller can commit it
 * alone or together with its own writes in one transaction. Nothing here commits.
 */

const history = (audit: AuditEntry[]): HistoryWrite[] =>
  audit.map((a) => ({ pk: partnerKey(a.partnerId).pk, subject: a.subject, changes: a.changes, cause: a.cause }));
const change = <T>(decision: Decision<T>, writes: Write[]): Change & { record: T } => ({
  record: decision.record,
  writes,
  events: decision.events,
  history: history(decision.audit),
});

/** The organisation identity keys of a partner or an applicant (registrable domain, tax id, legal name). */
export async function organisationKeysOf(org: { webDomain: string; taxId?: string | undefined; legalName: string }): Promise<[OrgKeyOn, string][]> {
  return orgKeyList(organisationKeys(org, await publicSuffixList()));
}

/**
 * Registers a partner: the partner, its identity keys (claimed if free), the use of its tier and
 * specialisations (which must be defined programme keys) and PartnerCreated. `handOver` names the
 * keys an approved application holds: they pass to the new partner. `paths` words a refusal of an
 * undefined key for the caller's request. Run it in `retryOnVocabularyChange` with its commit.
 */
export async function createPartner(
  input: CreatePartnerInput,
  ctx: CommandContext,
  handOver?: { fromId: string; keys: readonly [OrgKeyOn, string][] },
  paths?: VocabularyPaths,
): Promise<Change & { record: Partner }> {
  const decision = registerPartner(input, ctx);
  const partner = decision.record;
  const held = (on: OrgKeyOn, value: string) => handOver?.keys.some(([o, v]) => o === on && v === value) ?? false;
  const keys = (await organisationKeysOf(partner)).map(([on, value]) =>
    held(on, value) ? transfer(on, value, handOver!.fromId, 'partner', partner.id) : claimIfFree(on, value, 'partner', partner.id),
  );
  return change(decision, [putPartner(partner), ...keys, ...(await vocabularyWrites(undefined, partner, paths ? { paths } : {}))]);
}

/** A profile change of the partner as read (`before`, at its version); undefined when nothing changes. Run it in `retryOnVocabularyChange`. */
export async function updatePartnerProfile(
  before: Partner,
  patch: UpdatePartnerInput,
  ctx: CommandContext,
): Promise<(Change & { record: Partner }) | undefined> {
  const decision = changePartnerProfile(before, patch, ctx);
  if (!decision) return undefined;
  const psl = await publicSuffixList();
  const keys = await syncPartnerKeys(before.id, organisationKeys(before, psl), organisationKeys(decision.record, psl));
  return change(decision, [putPartner(decision.record, before.version), ...keys, ...(await vocabularyWrites(before, decision.record))]);
}

const statusChange = (decision: Decision<Partner>, before: Partner) => change(decision, [putPartner(decision.record, before.version)]);

/** Onboarding → active (the agreement was accepted): PartnerActivated, with the agreement in the audit entry. */
export const activatePartner = (before: Partner, agreement: { agreementId: string; agreementVersion: number }, ctx: CommandContext) =>
  statusChange(activate(before, agreement, ctx), before);

export const suspendPartner = (before: Partner, reason: string, ctx: CommandContext) => statusChange(suspend(before, reason, ctx), before);

export const reactivatePartner = (before: Partner, reason: string, ctx: CommandContext) => statusChange(reactivate(before, reason, ctx), before);

/** Terminates the partner for good (PartnerTerminated); its users are disabled from that event. */
export const terminatePartner = (before: Partner, reason: string, ctx: CommandContext) => statusChange(terminate(before, reason, ctx), before);

/** The invitation window of the deployment (`invitationDays` context → `INVITATION_DAYS`), 7 days by default. */
export function invitationDays(): number {
  const days = Number(process.env.INVITATION_DAYS ?? DEFAULT_INVITATION_DAYS);
  return Number.isInteger(days) && days >= 1 ? days : DEFAULT_INVITATION_DAYS;
}

/**
 * Adds a user and claims its e-mail address. The partner must still exist and not be terminated
 * when the transaction commits (unless it is created in the same transaction: `withNewPartner`).
 * `emailTaken` words the conflict for the caller's request. `heldBy` (the address is another
 * organisation's): the user is added without the claim, and the vendor told privately.
 */
export function addPartnerUser(
  partner: Partner,
  input: AddPartnerUserInput,
  ctx: CommandContext,
  options: { emailTaken?: () => Error; withNewPartner?: boolean; heldBy?: EmailHolder } = {},
): Change & { record: PartnerUser } {
  const decision = options.heldBy
    ? addUserWithHeldAddress(partner, input, ctx, options.heldBy, invitationDays())
    : addUser(partner, input, ctx, invitationDays());
  const [userPut, emailClaim] = putNewUser(decision.record, !options.heldBy) as [Write, Write | undefined];
  const claim = emailClaim && options.emailTaken ? { ...emailClaim, onConditionFailed: options.emailTaken } : emailClaim;
  return change(decision, [...(options.withNewPartner ? [] : [partnerExists(partner.id, 'terminated')]), userPut, ...(claim ? [claim] : [])]);
}

/** The user signed in for the first time: its invitation is accepted. Undefined if it was not pending. */
export function acceptUserInvitation(before: PartnerUser, ctx: CommandContext): (Change & { record: PartnerUser }) | undefined {
  const decision = invitationAccepted(before, ctx);
  return decision && change(decision, [putUser(decision.record, before.version)]);
}

/**
 * The invitation window closed without a sign-in: the user is disabled, its invitation expired, and
 * its address released if it holds it (`holdsAddress`, read before). Undefined if not due.
 */
export function expireUserInvitation(before: PartnerUser, ctx: CommandContext, holdsAddress: boolean): (Change & { record: PartnerUser }) | undefined {
  const decision = invitationExpired(before, ctx);
  return decision && change(decision, [putUser(decision.record, before.version), ...(holdsAddress ? [releaseEmail(before)] : [])]);
}

/** A change to a user as read (`before`); undefined when nothing changes. */
export function updatePartnerUser(
  before: PartnerUser,
  patch: UpdatePartnerUserInput,
  ctx: CommandContext,
  partner: Pick<Partner, 'status'>,
): (Change & { record: PartnerUser; revokesSessions: boolean }) | undefined {
  const decision = changeUser(before, patch, ctx, partner);
  if (!decision) return undefined;
  return { ...change(decision, [putUser(decision.record, before.version)]), revokesSessions: decision.revokesSessions };
}

/** A partner admin's change of identity fields, as a pending change request (nothing applied; the partner must not be terminated). */
export function requestIdentityChange(
  partner: Partner,
  changes: Parameters<typeof requestChange>[1],
  ctx: CommandContext,
  options: { withPartnerWrite?: boolean } = {},
): Change & { record: ChangeRequest } {
  const decision = requestChange(partner, changes, ctx);
  // Committed with a write of the partner (the PATCH's other fields), that write's version condition suffices.
  return change(decision, [putChangeRequest(decision.record), ...(options.withPartnerWrite ? [] : [partnerExists(partner.id, 'terminated')])]);
}

/**
 * A vendor role approves: the partner takes the requested values (PartnerUpdated, its identity keys
 * re-synced) and the request is approved, in one transaction; both writes are conditioned on the
 * versions read. The duplicate check runs first: a value whose identity key another partner or an
 * open application holds is refused (409 naming the holders), and the request stays pending.
 */
export async function approveIdentityChange(
  partner: Partner,
  request: ChangeRequest,
  ctx: CommandContext,
): Promise<[Change & { record: ChangeRequest }, ...Change[]]> {
  const approved = approveChange(request, ctx);
  const profile = await updatePartnerProfile(partner, patchOf(request), ctx);
  if (profile) {
    const keys = organisationKeys(profile.record, await publicSuffixList());
    const before = organisationKeys(partner, await publicSuffixList());
    const changed = Object.fromEntries(Object.entries(keys).filter(([on, v]) => before[on as keyof typeof before] !== v));
    const others = (await findHolders(changed)).filter((h) => h.ownerId !== partner.id);
    if (others.length > 0) {
      throw new ConflictError(
        'Another organisation holds an identity this change would give the partner; reject the request or resolve the duplicate first',
        others.map((h) => ({ path: `changes.${h.on}`, message: `held by ${h.ownerKind} ${h.ownerId}` })),
      );
    }
  }
  return [change(approved, [putChangeRequest(approved.record, request.version)]), ...(profile ? [profile] : [])];
}

export function rejectIdentityChange(request: ChangeRequest, reason: string, ctx: CommandContext): Change & { record: ChangeRequest } {
  const rejected = rejectChange(request, reason, ctx);
  return change(rejected, [putChangeRequest(rejected.record, request.version)]);
}
