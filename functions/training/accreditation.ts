import { commit, createConsumer } from '@channelbase/platform';
import * as z from '@channelbase/core/kernel/zod';
import { reevaluate } from './accreditations.ts';
import { StaleHolderError, putHolder, trainingPartners } from './repository.ts';

const CONSUMER = 'training.accreditation';

/** What training reads of partners' events: the user's partner, roles, status and version; the terminated partner's id. */
const userData = z.object({
  user: z.object({
    id: z.string(),
    partnerId: z.string(),
    roles: z.array(z.string()),
    status: z.enum(['active', 'disabled']),
    version: z.number().check(z.int()),
  }),
});
const terminatedData = z.object({ partner: z.object({ id: z.string() }) });
const certificationData = z.object({ certification: z.object({ partnerId: z.string() }) });

/**
 * Re-evaluates accreditation on every change that can affect it. Partners' user events first
 * update training's record of the user (kept only if newer: events come in any order), so a user
 * who is disabled, loses a role or is removed stops counting; a terminated partner's people stop
 * counting altogether. A rules change re-evaluates every partner training holds anything for.
 */
export const handler = createConsumer(CONSUMER, async (event) => {
  const type = event['detail-type'];
  const eventId = event.detail.eventId;
  const marker = (partnerId: string) => ({ consumer: CONSUMER, id: `${eventId}#${partnerId}` });
  if (type === 'PartnerUserAdded' || type === 'PartnerUserUpdated') {
    const { user } = userData.parse(event.detail.data);
    try {
      await commit([putHolder(user.partnerId, { userId: user.id, roles: user.roles, status: user.status, version: user.version })]);
    } catch (err) {
      if (!(err instanceof StaleHolderError)) throw err;
    }
    await reevaluate(user.partnerId, { marker: marker(user.partnerId) });
    return;
  }
  if (type === 'PartnerTerminated') {
    const { partner } = terminatedData.parse(event.detail.data);
    await reevaluate(partner.id, { marker: marker(partner.id), terminated: true });
    return;
  }
  if (type === 'AccreditationRulesChanged') {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await trainingPartners(start);
      for (const id of page.ids) await reevaluate(id, { marker: marker(id) });
      start = page.next;
    } while (start);
    return;
  }
  const { certification } = certificationData.parse(event.detail.data);
  await reevaluate(certification.partnerId, { marker: marker(certification.partnerId) });
});
