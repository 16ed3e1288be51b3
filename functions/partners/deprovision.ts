import { SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import { PartnerUserUpdated, type PartnerUser, partnerSchema, updatePartnerUser } from '@channelbase/core/partners';
import { commit, createConsumer, retryOnStale, runtimeClock as clock } from '@channelbase/platform';
import { allUsers, getPartner, getUser, partnerKey, putUser } from './repository.ts';

/**
 * Disables one user of a terminated partner through the domain rule (disabledBy `system`, its
 * sessions revoked), with its PartnerUserUpdated event and audit entry; a user already disabled
 * is left as it is. Returns whether this call disabled it.
 */
async function disableUser(partnerId: string, userId: string): Promise<boolean> {
  return retryOnStale(async () => {
    const [partner, before] = await Promise.all([getPartner(partnerId), getUser(partnerId, userId)]);
    if (before.status === 'disabled') return false;
    const { user, changes } = updatePartnerUser(before, { status: 'disabled' }, SYSTEM_ACTOR, clock, partner);
    const event = makeEvent(PartnerUserUpdated, { user, changes }, { actor: SYSTEM_ACTOR, clock, partnerId });
    await commit([putUser(user, before.version)], [event], [{ pk: partnerKey(partnerId).pk, subject: user.id, changes }]);
    return true;
  });
}

/**
 * Disables every active user of a terminated partner, one transaction per user (a partner may
 * have more users than a transaction holds). Safe to repeat: a redelivery finds the users it
 * already disabled disabled and skips them, and each write is a versioned put, so a concurrent
 * edit of a user is re-read rather than overwritten.
 */
export async function deprovisionPartner(partnerId: string, pageSize?: number): Promise<{ disabled: PartnerUser['id'][] }> {
  const partner = await getPartner(partnerId);
  if (partner.status !== 'terminated') throw new Error(`Partner ${partnerId} is '${partner.status}', not terminated: its users are kept`);
  const disabled: string[] = [];
  for await (const page of allUsers(partnerId, pageSize)) {
    for (const user of page) {
      if (user.status === 'active' && (await disableUser(partnerId, user.id))) disabled.push(user.id);
    }
  }
  return { disabled };
}

/**
 * On PartnerTerminated: the partner's users lose all access. This consumer disables them in the
 * partners context; their PartnerUserUpdated events then make provision-identity disable them in
 * Cognito and sign them out.
 */
export const handler = createConsumer('partners.deprovision-terminated', async (event) => {
  const { partner } = (event.detail.data ?? {}) as { partner?: unknown };
  await deprovisionPartner(partnerSchema.parse(partner).id);
});
