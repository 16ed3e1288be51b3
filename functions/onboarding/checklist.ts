import { makeEvent } from '@channelbase/core';
import { type ChecklistFacts, OnboardingChecklistCompleted, evaluateChecklist } from '@channelbase/core/onboarding';
import { AlreadyAppliedError, appliedOnce, commit, createConsumer, retryOnStale, runtimeClock as clock } from '@channelbase/platform';
import * as z from '@channelbase/core/kernel/zod';
import * as partners from '../partners/index.ts';
import { findChecklist, putChecklist } from './repository.ts';

const CONSUMER = 'onboarding.checklist';

/**
 * What onboarding reads from the training context's CertificationIssued: the certification's
 * key and the partner of the person certified (also `detail.partnerId`).
 */
const certificationIssued = z.object({ certification: z.object({ key: z.string().check(z.minLength(1)), partnerId: z.optional(z.string()) }) });

/**
 * Completes checklist items from events. Items are evaluated against the partner as it is now
 * (profile fields, active users), so the order events arrive in does not matter; certifications
 * accumulate on the checklist. The completion is announced once.
 */
export const handler = createConsumer(CONSUMER, async (event) => {
  const issued = event['detail-type'] === 'CertificationIssued' ? certificationIssued.parse(event.detail.data).certification : undefined;
  const partnerId = event.detail.partnerId ?? issued?.partnerId;
  if (!partnerId) return;
  await retryOnStale(async () => {
    const list = await findChecklist(partnerId);
    if (!list || list.completedAt) return;
    const open = new Set(list.items.filter((i) => !i.done).map((i) => i.kind));
    const facts: ChecklistFacts = {
      ...(open.has('profile') ? { partner: await partners.getPartner(partnerId) } : {}),
      ...(open.has('users') ? { activeUsers: await partners.countActiveUsers(partnerId) } : {}),
      ...(issued ? { certifications: [issued.key] } : {}),
    };
    const result = evaluateChecklist(list, facts, event.detail.eventId, clock);
    if (!result) return;
    const events = result.completed
      ? [
          makeEvent(
            OnboardingChecklistCompleted,
            { checklist: result.checklist },
            { actor: event.detail.actor as { sub: string; roles: string[] }, clock, partnerId },
          ),
        ]
      : [];
    try {
      await commit([appliedOnce(CONSUMER, event.detail.eventId), putChecklist(result.checklist, list.version)], events);
    } catch (err) {
      if (!(err instanceof AlreadyAppliedError)) throw err;
    }
  });
});
