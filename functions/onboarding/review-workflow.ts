import { SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import { ApplicationReviewReminder, ApplicationSubmitted, remindReview, reviewReminderAt } from '@channelbase/core/onboarding';
import { commit, createWorkflowStep, done, next, runtimeClock as clock } from '@channelbase/platform';
import { getApplication, putApplication } from './repository.ts';

const DAY_MS = 86_400_000;

/**
 * The review SLA of an application: while it is pending, one ApplicationReviewReminder per SLA
 * period (day 3, 6, 9 … by default). A step that runs late (the runtime was down) reminds once
 * for the current period instead of once per missed period.
 */
export const handler = createWorkflowStep('onboarding.application-review', {
  begin(event) {
    const { application } = ApplicationSubmitted.data.parse(event.detail.data);
    return next('remind', reviewReminderAt(application, 1), { applicationId: application.id });
  },
  steps: {
    async remind(state) {
      const applicationId = String(state.applicationId);
      const { application, heldKeys } = await getApplication(applicationId);
      if (application.status !== 'pending') return done();
      const elapsed = clock.now().getTime() - Date.parse(application.submittedAt);
      const period = Math.max(1, Math.floor(elapsed / (application.reviewSlaDays * DAY_MS)));
      const reminded = remindReview(application, period, clock);
      if (reminded) {
        const data = { applicationId, reminder: period, submittedAt: application.submittedAt, reviewDueAt: application.reviewDueAt };
        // A decision in between fails this write; the retried step then finds the application decided.
        await commit([putApplication(reminded, heldKeys, application.version)], [makeEvent(ApplicationReviewReminder, data, { actor: SYSTEM_ACTOR, clock })]);
      }
      return next('remind', reviewReminderAt(application, period + 1), { applicationId });
    },
  },
});
