import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type PartnerUser, partnerUserSchema } from '@channelbase/core/partners';
import { AlreadyAppliedError, type Write, appliedOnce, commit, createConsumer, dynamo, runtimeClock, tableName } from '@channelbase/platform';
import { AddressInUseError, type IdentityDirectory, identityDirectory } from './identity.ts';
import { getEmailHolder, getIdentityRecord, getUser, identityKey } from './repository.ts';

const CONSUMER = 'partners.provision-identity';
/** Passes per delivery before giving up to a redelivery: each extra pass means the user changed meanwhile. */
export const MAX_PASSES = 5;

/** The identity record already holds a higher version than this pass: read again. */
class RecordedAheadError extends Error {}

/** True if the directory must end the user's sessions now. */
const mustSignOut = (user: PartnerUser, revokedApplied: string | null): boolean =>
  user.status === 'disabled' || (user.sessionsRevokedAt !== null && (revokedApplied === null || user.sessionsRevokedAt > revokedApplied));

/**
 * Brings the directory to the user as stored, and records the version it brought it to.
 *
 * Why every interleaving ends in the stored state. Deliveries run concurrently (SQS batches are
 * processed in parallel, and several Lambda instances poll the queue), so a slow pass for an old
 * version can make its directory calls after a pass for a newer one. Each pass is therefore:
 * read the user (consistently), set the whole directory state from it (attributes, then groups
 * by listing and diffing, then enabled/disabled, then the sign-out), then read the user again;
 * if the version moved, do another pass, else record that version.
 *  - Take any piece of directory state (the enabled flag, one group membership, an attribute) and
 *    the last call that changed it, made by some pass P for version V. P's delivery re-reads the
 *    user after that call. If the version is still V, then V was the stored version after the
 *    last change, so the piece holds V's value. If it moved, the same delivery runs another pass,
 *    which starts after that last call, so it sees the final value (and, no call changing it any
 *    more, that value is already the new version's); by induction the delivery ends on a pass
 *    whose version was stored after the last change and agrees with it.
 *  - A later change of the user commits after that re-read and announces an event; its delivery
 *    starts after the commit, so its pass (after the last call too) agrees with the newer version.
 *    It skips the directory only when the identity record already holds that version, which a
 *    delivery records only after a pass for it and a re-read that found it unchanged; a slow
 *    older pass that lands after that pass is repaired by its own delivery's re-read, above.
 *  - The record is written conditionally and never lowered, so a stale delivery cannot make a
 *    later one skip a version the directory does not hold; missing a record only costs a pass.
 *  - A delivery that still sees changes after MAX_PASSES fails and SQS delivers it again.
 * Sign-out: a disabled user is signed out by each pass that provisions it (after it is disabled,
 * so no refresh happens in between), and any user whose `sessionsRevokedAt` is newer than the one
 * recorded as applied; the call comes after that revocation was stored, so every token issued
 * before it is dead.
 */
/** Whether the user holds its address's claim: only then may the directory give it a sign-in identity. */
async function holdsAddress(user: PartnerUser): Promise<boolean> {
  const holder = await getEmailHolder(user.email);
  return holder?.kind === 'partner' && holder.userId === user.id;
}

export async function provisionIdentity(directory: IdentityDirectory, partnerId: string, userId: string, eventId: string): Promise<{ passes: number }> {
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const [identity, user] = await Promise.all([getIdentityRecord(partnerId, userId), getUser(partnerId, userId)]);
    // An expired invitation, or an address held by someone else (another organisation's user,
    // vendor staff): no identity, so the address stays the holder's sign-in alias alone.
    const present = user.invitation?.status !== 'expired' && (await holdsAddress(user));
    const signOut = present && mustSignOut(user, identity.sessionsRevokedApplied);
    let conflict = false;
    if (identity.provisionedVersion < user.version || signOut) {
      if (!present) await directory.remove(user);
      else {
        try {
          await directory.provision(user);
          if (signOut) await directory.signOut(user);
        } catch (err) {
          if (!(err instanceof AddressInUseError)) throw err;
          // Vendor staff created by hand before their addresses were claimed: not retried into the
          // dead-letter queue, recorded and reported (docs/data-model.md, "E-mail addresses").
          console.error(
            `${err.message}: partner user ${user.id} of ${user.partnerId} is not provisioned; claim the staff address (npm run vendor:add-staff) and resolve the clash`,
          );
          conflict = true;
        }
      }
      const after = await getUser(partnerId, userId);
      if (after.version !== user.version) continue;
    }
    try {
      await record(directory, user, eventId, conflict);
      return { passes: pass };
    } catch (err) {
      if (!(err instanceof RecordedAheadError)) throw err;
    }
  }
  throw new Error(`User ${userId} kept changing during ${MAX_PASSES} provisioning passes; the redelivery tries again`);
}

/**
 * Records the provisioned version and applied revocation, never lowering them; counts the event
 * once (`provisionCount`, with the consumer marker in the same transaction).
 */
async function record(directory: IdentityDirectory, user: PartnerUser, eventId: string, conflict: boolean): Promise<void> {
  const update = (countEvent: boolean) => ({
    TableName: tableName(),
    Key: identityKey(user.partnerId, user.id),
    UpdateExpression: `SET kind = :k, provider = :p, userId = :u, lastProvisionedAt = :at, lastEventId = :e, provisionedVersion = :v, sessionsRevokedApplied = :r, addressConflict = :c${countEvent ? ' ADD provisionCount :one' : ''}`,
    ConditionExpression: 'attribute_not_exists(provisionedVersion) OR provisionedVersion <= :v',
    ExpressionAttributeValues: {
      ':k': 'identity',
      ':p': directory.provider,
      ':u': user.id,
      ':at': runtimeClock.now().toISOString(),
      ':e': eventId,
      ':v': user.version,
      ':r': user.sessionsRevokedAt,
      ':c': conflict,
      ...(countEvent ? { ':one': 1 } : {}),
    },
  });
  const ahead = () => new RecordedAheadError('The identity record holds a newer version');
  const identity: Write = { item: { Update: update(true) }, onConditionFailed: ahead };
  try {
    await commit([appliedOnce(CONSUMER, eventId), identity]);
  } catch (err) {
    if (!(err instanceof AlreadyAppliedError)) throw err;
    // A redelivery: the event was counted, but this pass may have provisioned a newer version.
    try {
      await dynamo().send(new UpdateCommand(update(false)));
    } catch (e) {
      // Recorded ahead: a newer version was stored after this pass's re-read, and its own event provisions it.
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  }
}

/** The consumer over a directory (tests pass a Cognito directory over an in-memory pool). */
export function provisionIdentityConsumer(directory: IdentityDirectory) {
  return createConsumer(CONSUMER, async (event) => {
    const announced = partnerUserSchema.parse((event.detail.data as { user: unknown }).user);
    await provisionIdentity(directory, announced.partnerId, announced.id, event.detail.eventId);
  });
}

/**
 * Keeps each partner user's sign-in identity in step with its record: it provisions the user as
 * stored now, not as the event carried it, until the stored user stops moving (see
 * provisionIdentity), so neither a redelivered nor an out-of-order nor a concurrent delivery can
 * leave the directory at an older state.
 */
export const handler = provisionIdentityConsumer(identityDirectory());
