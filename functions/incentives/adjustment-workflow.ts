import * as z from '@channelbase/core/kernel/zod';
import { SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import {
  type IncentiveProgrammeVersion,
  IncentiveAdjusted,
  type PartnerStanding,
  adjust,
  liveEntries,
  periodOf,
  shiftPeriod,
  versionInForce,
} from '@channelbase/core/incentives';
import { createWorkflowStep, done, logger, next, runtimeClock as clock } from '@channelbase/platform';
import {
  AlreadyRecordedError,
  DealChangedError,
  ENTRIES_PER_TRANSACTION,
  PeriodClosedError,
  adjustmentGuard,
  creditedPartners,
  appendEntries,
  dealsClosedIn,
  entriesOf,
  getDeal,
  getStandings,
  netCredit,
  openPeriodFrom,
  postingsOfDeal,
  programmeVersions,
  putIneligible,
} from './repository.ts';
import { INDEX_GRACE_MS } from './settlement-workflow.ts';

/** Deals per step: each step is one Lambda invocation, well inside its time limit. */
export const DEALS_PER_STEP = 200;
/** Attempts at one deal's adjustment when its accrual or another adjustment keeps coming in between. */
const MAX_ATTEMPTS = 5;

const started = z.object({ programme: z.object({ id: z.string(), version: z.number(), effectiveFrom: z.iso.date() }) });
const state = z.object({
  programmeId: z.string(),
  version: z.number(),
  month: z.string(),
  until: z.string(),
  after: z._default(z.string(), ''),
});

/**
 * Moves one deal's accrual under the programme to the version now in force at its close date,
 * partner by partner, each in a transaction of its own with its IncentiveAdjusted. A transaction
 * commits only if no ledger transaction of the deal came since the deal was read (adjustmentGuard),
 * so an accrual finishing meanwhile makes it read again; a reversed deal is left to its reversal.
 * Running it again finds every partner adjusted already (adjust answers nothing).
 */
async function adjustDeal(dealId: string, versions: readonly IncentiveProgrammeVersion[]): Promise<void> {
  const programme = versions[0]!;
  for (let attempt = 1; ; attempt++) {
    const deal = await getDeal(dealId);
    if (!deal.won || deal.reversal) return;
    const won = deal.won;
    const target = versionInForce(versions, won.closeDate);
    const partners = creditedPartners(won);
    const standings: Map<string, PartnerStanding> = deal.standings ? new Map(Object.entries(deal.standings)) : await getStandings(partners);
    let seq = deal.seq;
    try {
      for (const partnerId of partners) {
        const postings = await postingsOfDeal(partnerId, won.eventId);
        const live = liveEntries(entriesOf(postings, programme.id));
        const credit = netCredit(postings, programme.id, won.eventId);
        let period = await openPeriodFrom(programme.id, periodOf(won.closeDate, programme.cadence), programme.cadence);
        const adjustment = adjust({ target, deal: won, standings, partnerId, live, liveRevenueMinor: credit?.revenueMinor ?? 0, period });
        if (!adjustment) continue;
        if (adjustment.entries.length > ENTRIES_PER_TRANSACTION)
          throw new Error(
            `incentives: the adjustment of deal ${dealId} for ${partnerId} has ${adjustment.entries.length} entries, more than one transaction holds`,
          );
        const version = { id: programme.id, version: adjustment.toVersion, currency: programme.currency };
        for (;;) {
          const entries = adjustment.entries.map((e) => ({ ...e, period }));
          const event = makeEvent(
            IncentiveAdjusted,
            {
              partnerId,
              programmeId: programme.id,
              programmeVersion: adjustment.toVersion,
              period,
              dealId,
              totalMinor: entries.reduce((sum, e) => sum + e.amountMinor, 0),
              currency: programme.currency,
              entries,
              fromVersions: adjustment.fromVersions,
              revenueDeltaMinor: adjustment.revenueDeltaMinor,
            },
            { actor: SYSTEM_ACTOR, clock, partnerId },
          );
          const creditDelta =
            adjustment.revenueDeltaMinor === 0
              ? undefined
              : { partnerId, period, dealId, sourceEventId: adjustment.sourceEventId, revenueMinor: adjustment.revenueDeltaMinor, shareBp: adjustment.shareBp };
          try {
            await appendEntries(
              { programme: version, partnerId, sourceEventId: adjustment.sourceEventId, first: 0, period },
              entries,
              creditDelta,
              event,
              clock.now().toISOString(),
              [adjustmentGuard(dealId, programme.id, seq, adjustment.toVersion)],
            );
            seq++;
            break;
          } catch (err) {
            if (!(err instanceof PeriodClosedError)) throw err;
            // Settlement closed the period meanwhile: the adjustment lands in the next open one.
            period = await openPeriodFrom(programme.id, shiftPeriod(period, programme.cadence, 1), programme.cadence);
          }
        }
        if (adjustment.ineligible) await putIneligible(dealId, version, partnerId, adjustment.ineligible.reasons, clock.now().toISOString());
      }
      return;
    } catch (err) {
      // An accrual or another run's adjustment of the deal came in between (or wrote these very entries): read again.
      if (!(err instanceof DealChangedError || err instanceof AlreadyRecordedError)) throw err;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`incentives: the adjustment of deal ${dealId} kept meeting other writes`, { cause: err });
      logger.info('A deal changed while it was adjusted: reading it again', { dealId, attempt });
    }
  }
}

/**
 * Walks the deals closed from the new version's effective date to this month, in close-date order,
 * DEALS_PER_STEP a step (as many months as that takes), and adjusts each one whose accrual is
 * not the version now in force at its close date. Every version of the programme is read consistently at each step, so two versions
 * saved in a row make two walks that agree on the target.
 */
async function deals(raw: unknown) {
  const s = state.parse(raw);
  const versions = await programmeVersions(s.programmeId);
  const effectiveFrom = versions.find((v) => v.version === s.version)?.effectiveFrom;
  if (!effectiveFrom) return done();
  let count = 0;
  // Month after month in one step (most months of a long-running programme hold few deals), until DEALS_PER_STEP deals.
  for (let month = s.month, after = s.after; month <= s.until; month = shiftPeriod(month, 'monthly', 1), after = '')
    for await (const page of dealsClosedIn(month, after))
      for (const { dealId, position } of page) {
        if (position < effectiveFrom) continue;
        await adjustDeal(dealId, versions);
        if (++count === DEALS_PER_STEP) return next('deals', clock.now(), { ...s, month, after: position });
      }
  return done();
}

/**
 * The adjustments of a programme version saved with an effective date in the past: after the
 * index grace (accruals that read the versions before the save have committed by then), every deal
 * closed since that date that accrued under another version is moved to the version now in force
 * at its close date, in the next open period. A version in force from a future date changes no
 * accrued deal: the workflow ends at once.
 */
export const handler = createWorkflowStep('incentives.adjustments', {
  begin: (event) => {
    const { programme } = started.parse(event.detail.data);
    const today = clock.now().toISOString().slice(0, 10);
    if (programme.effectiveFrom > today) return done();
    return next('deals', new Date(clock.now().getTime() + INDEX_GRACE_MS), {
      programmeId: programme.id,
      version: programme.version,
      month: programme.effectiveFrom.slice(0, 7),
      until: today.slice(0, 7),
      after: '',
    });
  },
  steps: { deals },
});
