import { SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import { AgreementOffered, AgreementReminder, OnboardingExpired, expireOnboarding, remindAgreement } from '@channelbase/core/onboarding';
import { statusChanges } from '@channelbase/core/partners';
import { type WorkflowState, commit, createWorkflowStep, done, next, runtimeClock as clock } from '@channelbase/platform';
import { getPartner, partnerKey, putPartner } from '../partners/repository.ts';
import { getOffer, putOffer } from './repository.ts';

const ids = (state: WorkflowState) => ({ partnerId: String(state.partnerId), agreementId: String(state.agreementId) });

/** The deadline: an offer still open at `expiresAt` ends the onboarding; the partner is terminated. */
async function expire(state: WorkflowState) {
  const { partnerId, agreementId } = ids(state);
  const [offer, partner] = await Promise.all([getOffer(partnerId, agreementId), getPartner(partnerId)]);
  const result = expireOnboarding(offer, partner, clock);
  if (!result) return done();
  const ctx = { actor: SYSTEM_ACTOR, clock, partnerId };
  // An acceptance in between fails this write; the retried step then finds the offer accepted.
  await commit(
    [putOffer(result.offer, offer.version), putPartner(result.partner, partner.version)],
    [makeEvent(OnboardingExpired, { partner: result.partner, offer: result.offer, reason: 'agreement-not-accepted' }, ctx)],
    [{ pk: partnerKey(partnerId).pk, subject: partnerId, changes: statusChanges(partner, result.partner) }],
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
    async remind(state) {
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
    },
    expire,
  },
});
