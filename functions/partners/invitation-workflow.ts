import { SYSTEM_ACTOR } from '@channelbase/core';
import { PartnerUserAdded } from '@channelbase/core/partners';
import { type WorkflowState, commitChanges, createWorkflowStep, done, next, retryOnStale, runtimeClock as clock } from '@channelbase/platform';
import { acceptUserInvitation, expireUserInvitation } from './commands.ts';
import { type IdentityDirectory, identityDirectory } from './identity.ts';
import { getEmailHolder, getUser } from './repository.ts';

/**
 * At the end of the invitation window: a user who signed in has accepted (recorded); one who did
 * not is disabled, its invitation expired, and its e-mail address released if it holds the claim.
 * The conditional writes make a second run (a retried step, a duplicate execution) change nothing.
 */
export async function settleInvitation(directory: IdentityDirectory, partnerId: string, userId: string) {
  const user = await getUser(partnerId, userId);
  if (user.invitation?.status !== 'pending') return done();
  const ctx = { actor: SYSTEM_ACTOR, clock };
  if (await directory.hasSignedIn(user)) {
    const accepted = acceptUserInvitation(user, ctx);
    if (accepted) await commitChanges(accepted);
    return done();
  }
  // Woken early (a clock skew, a manual start): wait for the rest of the window.
  if (clock.now().getTime() < Date.parse(user.invitation.expiresAt)) return next('settle', new Date(user.invitation.expiresAt), { partnerId, userId });
  const holder = await getEmailHolder(user.email);
  const expired = expireUserInvitation(user, ctx, holder?.kind === 'partner' && holder.userId === user.id);
  if (expired) await commitChanges(expired);
  return done();
}

const ids = (state: WorkflowState) => ({ partnerId: String(state.partnerId), userId: String(state.userId) });

/** The invitation window of a new user (`invitationDays`, default 7): one wait, then settle. */
export function invitationWorkflow(directory: () => IdentityDirectory) {
  return createWorkflowStep('partners.invitation-expiry', {
    begin(event) {
      const { user } = PartnerUserAdded.data.parse(event.detail.data);
      if (user.invitation?.status !== 'pending') return done();
      return next('settle', new Date(user.invitation.expiresAt), { partnerId: user.partnerId, userId: user.id });
    },
    steps: {
      // A redelivered start runs a second execution beside the first: the one whose write loses
      // reads again and finds the invitation settled, so it ends without an error (or an alarm).
      settle: (state) => retryOnStale(() => settleInvitation(directory(), ids(state).partnerId, ids(state).userId)),
    },
  });
}

let directory: IdentityDirectory | undefined;
export const handler = invitationWorkflow(() => (directory ??= identityDirectory()));
