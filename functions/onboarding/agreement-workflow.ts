import { ConflictError, PreconditionFailedError, SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import {
  AgreementOffered,
  AgreementReminder,
  ONBOARDING_EXPIRED_REASON,
  OnboardingExpired,
  expireOnboarding,
  remindAgreement,
} from '@channelbase/core/onboarding';
import {
  type WorkflowState,
  type WorkflowStepResult,
  commit,
  commitChanges,
  createWorkflowStep,
  done,
  next,
  runtimeClock as clock,
} from '@channelbase/platform';
import * as partners from '../partners/index.ts';
import { getOffer, putOffer } from './repository.ts';

const ids = (state: WorkflowState) => ({ partnerId: String(state.partnerId), agreementId: String(state.agreementId) });

/** Another writer changed the offer or the partner since this step read them (a condition failed). */
const isStale = (err: unknown) => err instanceof ConflictError || err instanceof PreconditionFailedError;

/**
 * Runs a step; if its write loses a race (an acceptance, or a second execution of the same
 * offer: EventBridge may start two for one event, see docs/infrastructure.md), runs it once more
 * on fresh reads, which then finds the work done and answers accordingly. An expected race is
 * thus an ordinary answer, not a Lambda error (and no error alarm).
 */
const onFreshReads =
  (step: (state: WorkflowState) => Promise<WorkflowStepResult>) =>
  async (state: WorkflowState): Promise<WorkflowStepResult> => {
    try {
      return await step(state);
    } catch (err) {
      if (!isStale(err)) throw err;
      return step(state);
    }
  };

/**
 * The deadline: an offer still open at `expiresAt` ends the onboarding, and partners terminates the
 * partner (PartnerTerminated, reason agreement-not-accepted) — also one suspended while onboarding.
 */
async function expire(state: WorkflowState) {
  const { partnerId, agreementId } = ids(state);
  const [offer, partner] = await Promise.all([getOffer(partnerId, agreementId), partners.getPartner(partnerId)]);
  const expired = expireOnboarding(offer, partner, clock);
  if (!expired) return done();
  const termination = partners.terminatePartner(partner, ONBOARDING_EXPIRED_REASON, { actor: SYSTEM_ACTOR, clock });
  const ctx = { actor: SYSTEM_ACTOR, clock, partnerId };
  // An acceptance in between fails this write; the retried step then finds the offer accepted.
  await commitChanges(
    {
      writes: [putOffer(expired, offer.version)],
      events: [makeEvent(OnboardingExpired, { partner: termination.record, offer: expired, reason: ONBOARDING_EXPIRED_REASON }, ctx)],
      history: [],
    },
    termination,
  );
  return done();
}

/**
 * The agreement's acceptance window: a reminder at `remindAt` (default day 7), then at
 * `expiresAt` (default day 14) the onboarding expires unless the agreement was accepted.
 */
export const handler = createWorkflowStep('onboarding.agreement-acceptance', {
  begin(event) {
    const { offer } = AgreementOffered.data.parse(event.detail.data);
    return next('remind', new Date(offer.remindAt), { partnerId: offer.partnerId, agreementId: offer.agreementId });
  },
  steps: {
    remind: onFreshReads(async (state) => {
      const { partnerId, agreementId } = ids(state);
      const offer = await getOffer(partnerId, agreementId);
      if (offer.status !== 'offered') return done();
      // Woken after the deadline (the runtime was down): no reminder for a window that has closed.
      if (clock.now().getTime() >= Date.parse(offer.expiresAt)) return expire(state);
      const reminded = remindAgreement(offer, clock);
      if (reminded) {
        await commit([putOffer(reminded, offer.version)], [makeEvent(AgreementReminder, { offer: reminded }, { actor: SYSTEM_ACTOR, clock, partnerId })]);
      }
      return next('expire', new Date(offer.expiresAt), { partnerId, agreementId });
    }),
    expire: onFreshReads(expire),
  },
});
