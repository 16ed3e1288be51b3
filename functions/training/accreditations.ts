import { type Actor, SYSTEM_ACTOR, type DomainEvent, makeEvent } from '@channelbase/core';
import {
  AccreditationAtRisk,
  AccreditationGranted,
  AccreditationLost,
  type Certification,
  type PartnerAccreditations,
  accreditationChanges,
  evaluateAccreditations,
  isActive,
} from '@channelbase/core/training';
import { AlreadyAppliedError, type Write, appliedOnce, commit, retryOnStale, runtimeClock as clock } from '@channelbase/platform';
import { getRules, putAccreditations, readPartnerFacts } from './repository.ts';

/**
 * A partner's accreditations as of now, from its certifications and holders and the current
 * rules (one Query of the partner's training partition and one GetItem), without storing anything.
 */
export async function currentAccreditations(partnerId: string): Promise<PartnerAccreditations> {
  const [rules, facts] = await Promise.all([getRules(), readPartnerFacts(partnerId)]);
  const now = clock.now();
  const items = evaluateAccreditations(
    rules.items,
    { certifications: facts.certifications, holders: facts.holders, terminated: facts.state?.terminated ?? false },
    facts.state?.items ?? [],
    now,
  );
  return { partnerId, rulesVersion: rules.version, items, evaluatedAt: now.toISOString() };
}

/** A partner's active certifications (optionally of one product line), as of now. */
export async function activeCertificationsOf(partnerId: string, productLine?: string): Promise<Certification[]> {
  const now = clock.now();
  return (await readPartnerFacts(partnerId)).certifications.filter((c) => isActive(c, now) && (!productLine || c.productLine === productLine));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Evaluates a partner's accreditations again and stores the result, publishing
 * AccreditationGranted, AccreditationLost and AccreditationAtRisk for what changed. The state is
 * written conditioned on the version read, so two evaluations at once cannot both announce the
 * same change: the second reads the first's result and finds nothing new. `marker` makes the
 * triggering event's effect happen once. A partner with no certifications and no state is skipped.
 */
export async function reevaluate(
  partnerId: string,
  options: { marker?: { consumer: string; id: string }; terminated?: boolean; actor?: Actor } = {},
): Promise<'changed' | 'unchanged'> {
  return retryOnStale(async () => {
    const [rules, facts] = await Promise.all([getRules(), readPartnerFacts(partnerId)]);
    const terminated = options.terminated === true || facts.state?.terminated === true;
    if (!facts.state && facts.certifications.length === 0) return 'unchanged';
    const now = clock.now();
    const before = facts.state?.items ?? [];
    const items = evaluateAccreditations(rules.items, { certifications: facts.certifications, holders: facts.holders, terminated }, before, now);
    if (facts.state && same(before, items) && facts.state.rulesVersion === rules.version && facts.state.terminated === terminated) return 'unchanged';
    const changes = accreditationChanges(before, items);
    const ctx = { actor: options.actor ?? SYSTEM_ACTOR, clock, partnerId };
    const events: DomainEvent[] = [
      ...changes.granted.map((accreditation) => makeEvent(AccreditationGranted, { partnerId, accreditation, rulesVersion: rules.version }, ctx)),
      ...changes.lost.map((accreditation) => makeEvent(AccreditationLost, { partnerId, accreditation, rulesVersion: rules.version }, ctx)),
      ...changes.atRisk.map((accreditation) => makeEvent(AccreditationAtRisk, { partnerId, accreditation, atRisk: accreditation.atRisk! }, ctx)),
    ];
    const state: PartnerAccreditations = { partnerId, rulesVersion: rules.version, items, evaluatedAt: now.toISOString() };
    const writes: Write[] = [putAccreditations(state, terminated, facts.state?.version ?? 0)];
    if (options.marker) writes.push(appliedOnce(options.marker.consumer, options.marker.id));
    try {
      await commit(writes, events);
    } catch (err) {
      if (err instanceof AlreadyAppliedError) return 'unchanged';
      throw err;
    }
    return 'changed';
  });
}
