import * as z from '@channelbase/core/kernel/zod';
import { createConsumer } from '@channelbase/platform';
import { putAccreditation, putStanding } from './repository.ts';

const CONSUMER = 'incentives.standing';

/** What incentives reads of partners' events: the partner's type, tier, status and version. */
const partnerData = z.object({
  partner: z.object({ id: z.string(), type: z.string(), tier: z.nullable(z.string()), status: z.string(), version: z.number().check(z.int()) }),
});
/** What it reads of training's accreditation events. */
const accreditationData = z.object({
  partnerId: z.string(),
  accreditation: z.object({ key: z.string(), productLine: z.nullable(z.string()), granted: z.boolean() }),
});

/**
 * Keeps incentives' own record of what eligibility needs to know of a partner, from partners'
 * and training's events only. Events come in any order and more than once: a partner's record is
 * replaced only by a higher partner version, an accreditation only by a later event (its time,
 * then its id), so a late or repeated event changes nothing. A lost accreditation counts until
 * AccreditationLost arrives.
 */
export const handler = createConsumer(CONSUMER, async (event) => {
  const type = event['detail-type'];
  if (type === 'AccreditationGranted' || type === 'AccreditationLost') {
    const { partnerId, accreditation } = accreditationData.parse(event.detail.data);
    await putAccreditation(partnerId, {
      key: accreditation.key,
      productLine: accreditation.productLine,
      granted: type === 'AccreditationGranted' && accreditation.granted,
      stamp: `${event.detail.occurredAt}#${event.detail.eventId}`,
    });
    return;
  }
  const { partner } = partnerData.parse(event.detail.data);
  await putStanding(partner.id, { type: partner.type, tier: partner.tier, status: partner.status, version: partner.version });
});
