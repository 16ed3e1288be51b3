import DataLoader from 'dataloader';
import * as z from '@channelbase/core/kernel/zod';
import { SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import {
  type Credit,
  IncentiveAccrued,
  type IncentiveProgrammeVersion,
  IncentiveReversed,
  type LedgerEntry,
  type PartnerStanding,
  accrue,
  reverse,
  reverseCredits,
  versionInForce,
} from '@channelbase/core/incentives';
import { type Committer, type Write, createConsumer, logger, runtimeClock as clock } from '@channelbase/platform';
import {
  AlreadyRecordedError,
  ENTRIES_PER_TRANSACTION,
  PeriodClosedError,
  AdjustedMeanwhileError,
  DealRecordedError,
  ReversedMeanwhileError,
  accrualGuard,
  creditedPartners,
  type WonFacts,
  allVersions,
  appendEntries,
  entriesOf,
  firstDeliveryGuards,
  getReversed,
  accreditationsOf,
  getStandings,
  netCredit,
  getWon,
  openPeriodFrom,
  postingsOfDeal,
  putIneligible,
  recordReversed,
  recordWon,
  recorded,
  versionsSaved,
} from './repository.ts';

const CONSUMER = 'incentives.accrual';

const money = z.object({ amountMinor: z.number().check(z.int()), currency: z.string() });
/** What accrual reads of deals' DealWon. */
const wonData = z.object({
  registrationId: z.string(),
  partnerId: z.string(),
  secondPartner: z.nullable(z.object({ partnerId: z.string(), role: z.enum(['distributor', 'reseller', 'referral']) })),
  lines: z.array(z.object({ productLine: z.string(), amount: money })),
  amount: money,
  closeDate: z.iso.date(),
  protectionRunning: z.boolean(),
});
/** What it reads of DealWonReversed. */
const reversedData = z.object({ registrationId: z.string(), reason: z.string() });

/** A partner's standing is not known yet (its partners event is still on the way): retried, then dead-lettered. */
export class StandingNotKnownError extends Error {}

/**
 * Every programme version, as of the batch's start (the batch's records run at once): a version
 * saved during a batch applies from the next one, as if the batch's deals had come a moment
 * earlier. Each batch reads the versions stamp (one consistent GetItem: how many versions were
 * ever saved); the list kept from an earlier batch of this container serves while the stamp has
 * not moved. Otherwise the list is read again from its index, and kept only if it holds as many
 * versions as the stamp counts (an index that lags behind a save is read again next batch).
 */
let versionsOfBatch: Promise<Map<string, IncentiveProgrammeVersion[]>> | undefined;
let versionsKept: { saved: number; versions: Map<string, IncentiveProgrammeVersion[]> } | undefined;
const batchVersions = () => (versionsOfBatch ??= currentVersions());

async function currentVersions(): Promise<Map<string, IncentiveProgrammeVersion[]>> {
  const saved = await versionsSaved();
  if (versionsKept?.saved === saved) return versionsKept.versions;
  const versions = await allVersions();
  const read = [...versions.values()].reduce((n, list) => n + list.length, 0);
  versionsKept = read === saved ? { saved, versions } : undefined;
  return versions;
}

/** Rounds of "write what is missing" before giving up (each round either writes or finds the work done by a concurrent delivery). */
const MAX_ROUNDS = 50;

/** A first delivery's guards: what each transaction carries, and the news that one committed (the facts are then in). */
interface Guards {
  writes(programmeId: string, standings: ReadonlyMap<string, PartnerStanding>): Write[];
  committed(): void;
}

interface Batch {
  programme: IncentiveProgrammeVersion;
  partnerId: string;
  dealId: string;
  /** The event whose id prefixes every entry id of the batch (the DealWon, or the DealWonReversed). */
  sourceEventId: string;
  /** The period the entries belong to; they land in the first open period from it. */
  period: string;
  entries: readonly LedgerEntry[];
  credit: Credit | undefined;
  event: typeof IncentiveAccrued | typeof IncentiveReversed;
  /** The guards of each transaction: a first delivery's (firstDeliveryGuards), or the careful way's (accrualGuard). */
  guards?: Guards;
  /** The partners' standing the entries were accrued with. */
  standings?: ReadonlyMap<string, PartnerStanding>;
  /** The batch's committer: the deals of one SQS batch share transactions. */
  commit: Committer;
}

/**
 * Writes what of a batch is not in the ledger yet, ENTRIES_PER_TRANSACTION at a time, each
 * transaction with its own event, until nothing is missing. The first transaction writes posting
 * 0 of the source, programme and partner without reading anything (the usual case: one
 * delivery). A redelivery, or a delivery running at the same time, writes the same posting
 * numbers: whichever transaction comes second fails as a whole on its first existing posting, and
 * this one reads what is there (entry ids derive from the source event) and writes only what is
 * missing, as the next posting. A period settlement closed meanwhile moves the rest to the next
 * open one.
 */
async function appendMissing(b: Batch): Promise<void> {
  // What is in the table: nothing, at first; read again after a transaction fails.
  let existing = new Set<string>();
  let creditIn = b.credit === undefined;
  let posting = 0;
  // The period the entries belong to, until settlement is found to have closed it.
  let period = b.period;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const missing: LedgerEntry[] = b.entries.filter((e) => !existing.has(e.id));
    const creditMissing = !creditIn;
    if (missing.length === 0 && !creditMissing) return;
    const chunk: LedgerEntry[] = missing.slice(0, ENTRIES_PER_TRANSACTION).map((e) => ({ ...e, period }));
    const event =
      chunk.length === 0
        ? undefined
        : makeEvent(
            b.event,
            {
              partnerId: b.partnerId,
              programmeId: b.programme.id,
              programmeVersion: b.programme.version,
              period,
              dealId: b.dealId,
              totalMinor: chunk.reduce((sum, e) => sum + e.amountMinor, 0),
              currency: b.programme.currency,
              entries: chunk,
            },
            { actor: SYSTEM_ACTOR, clock, partnerId: b.partnerId },
          );
    try {
      posting += await appendEntries(
        { programme: b.programme, partnerId: b.partnerId, sourceEventId: b.sourceEventId, first: posting, period },
        chunk,
        creditMissing ? { ...b.credit!, period } : undefined,
        event,
        clock.now().toISOString(),
        b.guards?.writes(b.programme.id, b.standings ?? new Map()),
        b.commit,
      );
      b.guards?.committed();
      for (const e of chunk) existing.add(e.id);
      creditIn = true;
    } catch (err) {
      if (!(err instanceof AlreadyRecordedError || err instanceof PeriodClosedError)) throw err;
      if (err instanceof PeriodClosedError) period = await openPeriodFrom(b.programme.id, b.period, b.programme.cadence);
      const there = await recorded(b.partnerId, b.sourceEventId, b.programme.id);
      existing = there.entryIds;
      creditIn = b.credit === undefined || there.credit;
      posting = there.next;
    }
  }
  throw new Error(`incentives: the entries of ${b.sourceEventId} for ${b.partnerId} did not settle after ${MAX_ROUNDS} rounds`);
}

/**
 * The standing of the batch's partners, read once per batch: the batch's records ask at once,
 * and DataLoader answers the partners asked in one tick with one BatchGetItem, read while the
 * programme versions are. Accreditations cost a Query per partner: read only when a programme
 * asks for one.
 */
let standingsOfBatch: DataLoader<string, PartnerStanding | undefined> | undefined;

async function standingsOf(partnerIds: readonly string[]): Promise<Map<string, PartnerStanding>> {
  standingsOfBatch ??= new DataLoader(
    async (ids: readonly string[]) => {
      const [found, versions] = await Promise.all([getStandings(ids), batchVersions()]);
      const withAccreditations = [...versions.values()].some((vs) => vs.some((v) => v.eligibility.requiredAccreditation));
      return Promise.all(
        ids.map(async (id) => {
          const standing = found.get(id);
          return standing && withAccreditations ? { ...standing, accreditations: await accreditationsOf(id) } : standing;
        }),
      );
    },
    { maxBatchSize: 100 },
  );
  const loader = standingsOfBatch;
  const found = await Promise.all(partnerIds.map((id) => loader.load(id)));
  const standings = new Map<string, PartnerStanding>();
  for (const [i, id] of partnerIds.entries()) {
    const standing = found[i];
    if (!standing) throw new StandingNotKnownError(`incentives does not know partner ${id} yet (no partners event has arrived for it)`);
    standings.set(id, standing);
  }
  return standings;
}

/** Accrues a won deal under every programme with a version in force at its close date. */
async function accrueWon(deal: WonFacts, commit: Committer, guards?: Guards): Promise<void> {
  const [versions, standings] = await Promise.all([batchVersions(), standingsOf(creditedPartners(deal))]);
  for (const programmeVersions of versions.values()) {
    const programme = versionInForce(programmeVersions, deal.closeDate);
    if (!programme) continue;
    const accrual = accrue(programme, deal, standings);
    try {
      for (const credit of accrual.credits)
        await appendMissing({
          programme,
          partnerId: credit.partnerId,
          dealId: deal.dealId,
          sourceEventId: deal.eventId,
          period: accrual.period,
          entries: accrual.entries.filter((e) => e.partnerId === credit.partnerId),
          credit,
          event: IncentiveAccrued,
          commit,
          standings,
          guards: guards ?? carefulGuards(deal.dealId),
        });
    } catch (err) {
      // An adjustment moved this programme's accrual of the deal meanwhile: what it booked stands.
      if (!(err instanceof AdjustedMeanwhileError)) throw err;
      continue;
    }
    for (const { partnerId, reasons } of accrual.ineligible) await putIneligible(deal.dealId, programme, partnerId, reasons, clock.now().toISOString());
  }
}

/** The careful way's guards: each transaction counted on the deal's item, only while no adjustment moved the programme. */
const carefulGuards = (dealId: string): Guards => ({ writes: (programmeId) => [accrualGuard(dealId, programmeId)], committed: () => undefined });

/**
 * A DealWon the first time: the deal's item with its facts rides in the first ledger transaction,
 * a check that no reversal came meanwhile in the later ones (firstDeliveryGuards), so the usual
 * delivery costs a share of the batch's standing read and of its shared transactions. Anything unusual (the facts recorded already: a
 * redelivery; a reversal recorded already) takes the careful way: record the facts (the first
 * stand), accrue what is missing, then reverse if the win was reversed.
 */
async function accrueFirst(facts: WonFacts, commit: Committer): Promise<void> {
  let factsIn = false;
  const guards: Guards = {
    writes: (programmeId, standings) => firstDeliveryGuards(facts, !factsIn, programmeId, standings),
    committed: () => (factsIn = true),
  };
  try {
    await accrueWon(facts, commit, guards);
    // Nothing to write under any programme: the facts are recorded on their own, for a reversal to find.
    if (!factsIn) await accrueCarefully(facts, commit);
  } catch (err) {
    if (!(err instanceof DealRecordedError || err instanceof ReversedMeanwhileError)) throw err;
    await accrueCarefully(facts, commit);
  }
}

async function accrueCarefully(facts: WonFacts, commit: Committer): Promise<void> {
  const deal = await recordWon(facts);
  if (deal.eventId !== facts.eventId) logger.warn('A second DealWon for a deal: the first one stands', { dealId: deal.dealId, first: deal.eventId });
  await accrueWon(deal, commit);
  const reversed = await getReversed(deal.dealId);
  if (reversed) await reverseDeal(deal, reversed.eventId, commit);
}

/**
 * Reverses a won deal's entries, partner by partner and programme by programme: each entry's
 * exact opposite (its rate, its version), and the credit's, in the first open period from the
 * original's. Reversal ids derive from the reversing event and the original, so a redelivery
 * is a no-op.
 */
async function reverseDeal(won: WonFacts, reversingEventId: string, commit: Committer): Promise<void> {
  const versions = await batchVersions();
  for (const partnerId of creditedPartners(won)) {
    const postings = await postingsOfDeal(partnerId, won.eventId);
    for (const [programmeId, programmeVersions] of versions) {
      const ofProgramme = entriesOf(postings, programmeId);
      const credit = netCredit(postings, programmeId, won.eventId);
      if (ofProgramme.length === 0 && !credit) continue;
      const version = ofProgramme[0]?.programmeVersion ?? credit!.programmeVersion;
      const programme = programmeVersions.find((v) => v.version === version) ?? programmeVersions.at(-1)!;
      const period = ofProgramme[0]?.period ?? credit!.period;
      await appendMissing({
        programme,
        partnerId,
        dealId: won.dealId,
        sourceEventId: reversingEventId,
        period,
        entries: reverse(ofProgramme, reversingEventId, () => period),
        credit: credit && reverseCredits([credit], reversingEventId, () => period)[0],
        event: IncentiveReversed,
        commit,
      });
    }
  }
}

/**
 * Accrual and reversal, exactly once per deal, rule and partner, whatever the order and number
 * of deliveries. A DealWon records the deal's facts (the first delivery's stand), accrues, then
 * looks for a reversal; a DealWonReversed records the reversal, then looks for the win. Both
 * read consistently after writing, so when the two race, at least one of them sees the other and
 * reverses, and the reversal ids make a second reversal a no-op.
 */
export const handler = createConsumer(
  CONSUMER,
  async (event, batch) => {
    if (event['detail-type'] === 'DealWon') {
      const data = wonData.parse(event.detail.data);
      await accrueFirst(
        {
          eventId: event.detail.eventId,
          dealId: data.registrationId,
          partnerId: data.partnerId,
          secondPartner: data.secondPartner,
          lines: data.lines,
          amount: data.amount,
          closeDate: data.closeDate,
          protectionRunning: data.protectionRunning,
          recordedAt: clock.now().toISOString(),
        },
        batch.commit,
      );
      return;
    }
    const { registrationId, reason } = reversedData.parse(event.detail.data);
    const reversingEventId = await recordReversed(registrationId, event.detail.eventId, reason, clock.now().toISOString());
    const won = await getWon(registrationId);
    if (won) await reverseDeal(won, reversingEventId, batch.commit);
  },
  {
    beforeBatch: () => {
      versionsOfBatch = undefined;
      standingsOfBatch = undefined;
    },
    groupCommits: true,
  },
);
