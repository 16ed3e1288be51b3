import { ApplicationSubmitted, reviewReminder, reviewReminderAt } from '@channelbase/core/onboarding';
import { commit, createWorkflowStep, done, next, runtimeClock as clock } from '@channelbase/platform';
import { getApplication, putApplication } from './repository.ts';

/**
 * The review SLA of an application: while it is pending, one ApplicationReviewReminder per SLA
 * period (day 3, 6, 9 … by default). A step that runs late (the runtime was down) reminds once
 * for the current period instead of once per missed period (core: reviewPeriodAt).
 */
export const handler = createWorkflowStep('onboarding.application-review', {
  begin(event) {
    const { application } = ApplicationSubmitted.data.parse(event.detail.data);
    return next('remind', reviewReminderAt(application, 1), { applicationId: application.id });
  },
  steps: {
    async remind(state) {
      const applicationId = String(state.applicationId);
      const { application, heldKeys, heldSlots } = await getApplication(applicationId);
      if (application.status !== 'pending') return done();
      const reminder = reviewReminder(application, clock);
      if ('event' in reminder) {
        // A decision in between fails this write; the retried step then finds the application decided.
        await commit([putApplication(reminder.application, heldKeys, application.version, heldSlots)], [reminder.event]);
      }
      return next('remind', reviewReminderAt(application, reminder.period + 1), { applicationId });
    },
  },
});
