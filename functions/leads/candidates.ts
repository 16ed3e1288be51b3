import {
  accreditationFactsSchema,
  candidateEntryOf,
  certificationFactsSchema,
  certifiedLines,
  holderFactsSchema,
  partnerFactsSchema,
  partnerIndexKeys,
  vocabularyFactsSchema,
} from '@channelbase/core/leads';
import { type BusEvent, type Write, commit, createConsumer, runtimeClock as clock } from '@channelbase/platform';
import * as z from '@channelbase/core/kernel/zod';
import {
  type Indexed,
  StaleFactError,
  getIndexed,
  putAccreditationFact,
  putCapacity,
  putCertificationFact,
  putCertified,
  putEntry,
  putHolderFact,
  putIndexed,
  putVocabularyCopy,
  readFacts,
  removeEntry,
} from './repository.ts';
import { withdrawPartnerLeads } from './withdrawal.ts';

const CONSUMER = 'leads.candidates';
const partnerEvent = z.object({ partner: partnerFactsSchema });
/** At most this many entry writes at once per event. */
const PARALLEL = 16;

async function each<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(work));
}

/**
 * Brings the candidate index to a partner's state as an event carries it. Every write is
 * conditioned on the partner's version, so a duplicate or an older event changes nothing:
 * - each entry (territory × specialisation) is written only where the index holds an older
 *   version; a key the partner no longer has becomes a tombstone at this version (never deleted,
 *   so an older event cannot bring it back);
 * - the partner's record of what it was indexed under is replaced only if it is still the one
 *   read; on a lost race the whole step runs again on what the winner recorded;
 * - when a newer version is already recorded, the keys this event brought that the newer one
 *   does not hold are made tombstones at the newer version (so an event overtaken halfway leaves
 *   nothing behind).
 * A terminated partner leaves the index. Its capacity goes to its routing state, newest version only.
 */
export async function applyPartner(event: BusEvent): Promise<{ id: string; version: number; status: string }> {
  const { partner } = partnerEvent.parse(event.detail.data);
  const entry = candidateEntryOf(partner);
  const keys = partner.status === 'terminated' ? [] : partnerIndexKeys(partner);
  for (let attempt = 0; attempt < 10; attempt++) {
    const read = await getIndexed(partner.id);
    if (read && read.version >= partner.version) {
      const stale = keys.filter((k) => !read.keys.includes(k));
      await each(stale, (k) => removeEntry(k, partner.id, read.version));
      return { id: partner.id, version: read.version, status: partner.status };
    }
    await putCapacity(partner.id, entry.leadCapacity, partner.version);
    await each(keys, (k) => putEntry(k, entry));
    await each(
      (read?.keys ?? []).filter((k) => !keys.includes(k)),
      (k) => removeEntry(k, partner.id, partner.version),
    );
    const next: Indexed = { version: partner.version, keys };
    if (await putIndexed(partner.id, next, read)) return { id: partner.id, version: partner.version, status: partner.status };
  }
  throw new Error(`leads.candidates: could not record partner ${partner.id} v${partner.version} (contended)`);
}

/**
 * Records one of training's facts (a certification, an accreditation) or a partner user's status,
 * only over an older one of the same thing (training's certification version, the accreditation
 * event's time and id, the user's version), so duplicates and events out of order change nothing;
 * then brings the partner's certified lines on its routing state up to date. The lines are stored
 * only if no other fact was recorded since they were read (the fact sequence): a delivery that
 * loses that race leaves the summary to the newer fact's delivery, which computes it after its own.
 */
export async function applyTrainingFact(partnerId: string, writes: Write[]): Promise<void> {
  try {
    await commit(writes);
  } catch (err) {
    if (!(err instanceof StaleFactError)) throw err;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const { facts, seq } = await readFacts(partnerId);
    if (seq === undefined) return;
    if (await putCertified(partnerId, certifiedLines(facts, clock.now()), seq)) return;
  }
}

function trainingFact(event: BusEvent): { partnerId: string; writes: Write[] } | undefined {
  const type = event['detail-type'];
  if (type === 'CertificationIssued' || type === 'CertificationRenewed' || type === 'CertificationExpired') {
    const { certification: c } = certificationFactsSchema.parse(event.detail.data);
    const fact = { id: c.id, key: c.key, productLine: c.productLine, userId: c.userId, status: c.status, expiresAt: c.expiresAt, version: c.version };
    return { partnerId: c.partnerId, writes: putCertificationFact(c.partnerId, fact) };
  }
  if (type === 'AccreditationGranted' || type === 'AccreditationLost') {
    const { partnerId, accreditation: a } = accreditationFactsSchema.parse(event.detail.data);
    const stamp = `${event.detail.occurredAt}#${event.detail.eventId}`;
    return { partnerId, writes: putAccreditationFact(partnerId, { key: a.key, name: a.name, productLine: a.productLine, granted: a.granted, stamp }) };
  }
  if (type === 'PartnerUserAdded' || type === 'PartnerUserUpdated') {
    const { user } = holderFactsSchema.parse(event.detail.data);
    return { partnerId: user.partnerId, writes: putHolderFact(user.partnerId, { userId: user.id, status: user.status, version: user.version }) };
  }
  return undefined;
}

export const handler = createConsumer(CONSUMER, async (event) => {
  const type = event['detail-type'];
  const fact = trainingFact(event);
  if (fact) {
    await applyTrainingFact(fact.partnerId, fact.writes);
    return;
  }
  if (type === 'TiersChanged' || type === 'ProductLinesChanged') {
    const list = vocabularyFactsSchema.parse(event.detail.data);
    await putVocabularyCopy(type === 'TiersChanged' ? 'TIERS' : 'PRODUCT_LINES', { keys: list.items.map((i) => i.key), version: list.version });
    return;
  }
  const { partner } = partnerEvent.parse(event.detail.data);
  const indexed = await applyPartner(event);
  // A terminated partner's open offers and open leads, a suspended one's open offers, are taken
  // back (docs/architecture.md, "Leads of a partner that leaves"). Termination is final; a
  // suspension counts only while no newer version of the partner is indexed (a redelivered
  // PartnerSuspended after the reactivation withdraws nothing).
  if (type === 'PartnerTerminated' || (type === 'PartnerSuspended' && partner.status === 'suspended' && indexed.version <= partner.version)) {
    await withdrawPartnerLeads(partner.id, type === 'PartnerTerminated' ? 'terminated' : 'suspended');
  }
});
