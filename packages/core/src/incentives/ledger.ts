import { formatRate, proportionOf, shareOf } from './arithmetic.ts';
import type { IncentiveProgrammeVersion, RebateRule } from './model.ts';
import { periodOf } from './periods.ts';

/**
 * The incentives ledger: append-only entries in integer minor units. An entry is never edited or
 * deleted; a cancellation or a correction is a new entry that references the one it reverses and
 * carries its exact opposite (same rate, same version). An entry's id is derived from its source
 * event, its rule, the credited partner and the deal line, so a redelivered event derives the
 * same ids and the store's "not already there" condition turns the retry into a no-op.
 */

/**
 * `accrual` (a won deal), `reversal` (its DealWonReversed), `adjustment` (a version saved later with
 * a past effective date: a cancelled entry, or the deal accrued again under that version),
 * `period-end` and `cap` (settlement).
 */
export const ENTRY_KINDS = ['accrual', 'reversal', 'adjustment', 'period-end', 'cap'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface LedgerEntry {
  id: string;
  kind: EntryKind;
  partnerId: string;
  period: string;
  programmeId: string;
  programmeVersion: number;
  ruleId: string;
  ruleKind: 'rebate' | 'spiff' | 'accelerator' | 'growth' | 'cap';
  /** The event that caused it (a DealWon, a DealWonReversed, a settlement run's close). */
  sourceEventId: string;
  dealId: string | null;
  productLine: string | null;
  amountMinor: number;
  currency: string;
  /** The entry this one reverses. */
  reverses: string | null;
  /** The inputs and the arithmetic that produced the amount. */
  explanation: { inputs: Record<string, unknown>; arithmetic: string };
}

/** What an entry's maker decides; the programme version supplies the rest. */
export type LedgerEntryFields = Omit<LedgerEntry, 'programmeId' | 'programmeVersion' | 'currency' | 'reverses'>;

/**
 * A new entry (an accrual, a period-end or a cap entry) under a programme version, which
 * supplies the programme id, version and currency: accrual and settlement cannot drift apart on
 * them. `reverses` is null, since only `reverse` makes reversals. Built field by field, in
 * `LedgerEntry`'s order, so that any extra property of `fields` stays out of the ledger.
 */
export const ledgerEntry = (programme: Pick<IncentiveProgrammeVersion, 'id' | 'version' | 'currency'>, fields: LedgerEntryFields): LedgerEntry => ({
  id: fields.id,
  kind: fields.kind,
  partnerId: fields.partnerId,
  period: fields.period,
  programmeId: programme.id,
  programmeVersion: programme.version,
  ruleId: fields.ruleId,
  ruleKind: fields.ruleKind,
  sourceEventId: fields.sourceEventId,
  dealId: fields.dealId,
  productLine: fields.productLine,
  amountMinor: fields.amountMinor,
  currency: programme.currency,
  reverses: null,
  explanation: fields.explanation,
});

/** The facts of a won deal that accrual reads (from deals' DealWon event). */
export interface WonDeal {
  eventId: string;
  dealId: string;
  partnerId: string;
  secondPartner: { partnerId: string; role: 'distributor' | 'reseller' | 'referral' } | null;
  lines: { productLine: string; amount: { amountMinor: number; currency: string } }[];
  amount: { amountMinor: number; currency: string };
  closeDate: string;
  protectionRunning: boolean;
}

/** What incentives knows of a partner when the deal closed (from partners' and training's events). */
export interface PartnerStanding {
  type: string;
  tier: string | null;
  /** The partner's status (`onboarding`, `active`, `suspended`, `terminated`): a terminated partner earns nothing. */
  status: string;
  /** Product lines the partner is accredited in. */
  accreditations: readonly string[];
}

/** A partner's credit for one deal: the revenue that counts towards its period-end rules. */
export interface Credit {
  partnerId: string;
  period: string;
  dealId: string;
  sourceEventId: string;
  revenueMinor: number;
  /** The share of the deal credited, in basis points of 10,000. */
  shareBp: number;
}

/** Why a deal earned a partner nothing under a programme. */
export interface Ineligible {
  partnerId: string;
  reasons: string[];
}

export interface Accrual {
  programmeId: string;
  programmeVersion: number;
  period: string;
  entries: LedgerEntry[];
  credits: Credit[];
  ineligible: Ineligible[];
}

/** The version in force at a date: the latest whose effective date is not after it. */
export function versionInForce<V extends { effectiveFrom: string; version: number }>(versions: readonly V[], date: string): V | undefined {
  let best: V | undefined;
  for (const v of versions)
    if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)))
      best = v;
  return best;
}

/** An accrual entry's id: its source event, then the programme (rule ids are unique only within one), the rule, the partner and the line. */
export const entryId = (sourceEventId: string, programmeId: string, ruleId: string, partnerId: string, productLine: string | null): string =>
  `${sourceEventId}:${programmeId}:${ruleId}:${partnerId}:${productLine ?? '-'}`;

/** The rate of a rebate for a line and tier: the most specific match, or none. */
export function rebateRate(rule: RebateRule, productLine: string, tier: string | null): RebateRule['rates'][number] | undefined {
  const score = (r: RebateRule['rates'][number]) =>
    (r.productLine !== null && r.productLine !== productLine) || (r.tier !== null && r.tier !== tier)
      ? -1
      : (r.productLine !== null ? 2 : 0) + (r.tier !== null ? 1 : 0);
  let best: RebateRule['rates'][number] | undefined;
  let bestScore = -1;
  for (const r of rule.rates) {
    const s = score(r);
    if (s > bestScore) [best, bestScore] = [r, s];
  }
  return best;
}

function eligibilityReasons(programme: IncentiveProgrammeVersion, deal: WonDeal, standing: PartnerStanding | undefined): string[] {
  const reasons: string[] = [];
  const e = programme.eligibility;
  if (deal.amount.currency !== programme.currency) reasons.push(`the deal is in ${deal.amount.currency}, the programme pays in ${programme.currency}`);
  if (e.deals === 'protected-only' && !deal.protectionRunning) reasons.push('the programme pays only on registrations that held protection when won');
  if (!standing) {
    reasons.push('the partner is not known to incentives');
    return reasons;
  }
  if (standing.status === 'terminated') reasons.push('the partner was terminated');
  if (e.partnerTypes && !e.partnerTypes.includes(standing.type as never)) reasons.push(`partner type ${standing.type} is not eligible`);
  if (e.tiers && (standing.tier === null || !e.tiers.includes(standing.tier))) reasons.push(`tier ${standing.tier ?? '(none)'} is not eligible`);
  if (e.requiredAccreditation && !standing.accreditations.includes(e.requiredAccreditation))
    reasons.push(`the partner was not accredited in ${e.requiredAccreditation} when the deal closed`);
  return reasons;
}

/**
 * What one won deal accrues under one programme version: for each credited partner (the
 * registrant, and the second partner by the programme's split for its role), one entry per
 * rebate rule and line and one per qualifying SPIFF, each explained; plus the partner's credit,
 * which the period-end rules (accelerators, growth) read at settlement. A partner the programme
 * does not cover is recorded as ineligible with the reasons.
 */
export function accrue(programme: IncentiveProgrammeVersion, deal: WonDeal, standings: ReadonlyMap<string, PartnerStanding>): Accrual {
  const period = periodOf(deal.closeDate, programme.cadence);
  const base = { programmeId: programme.id, programmeVersion: programme.version, period };
  const out: Accrual = { ...base, entries: [], credits: [], ineligible: [] };
  const secondShare = deal.secondPartner ? programme.split[deal.secondPartner.role] : 0;
  const credited: { partnerId: string; shareBp: number }[] = [{ partnerId: deal.partnerId, shareBp: 10_000 - secondShare }];
  if (deal.secondPartner && secondShare > 0) credited.push({ partnerId: deal.secondPartner.partnerId, shareBp: secondShare });

  for (const { partnerId, shareBp } of credited) {
    if (shareBp === 0) continue;
    const standing = standings.get(partnerId);
    const reasons = eligibilityReasons(programme, deal, standing);
    if (reasons.length > 0) {
      out.ineligible.push({ partnerId, reasons });
      continue;
    }
    // The second partner's share is rounded; the registering partner gets the rest, so the two
    // credits always add up to the deal exactly (rounding each share would not: 50 % of 3 is 2 twice).
    const secondOf = (amountMinor: number) => proportionOf(amountMinor, secondShare, 10_000);
    const isSecond = credited.length > 1 && partnerId === deal.secondPartner!.partnerId;
    const credit = (amountMinor: number) => (isSecond ? secondOf(amountMinor) : amountMinor - secondOf(amountMinor));
    const splitNote = shareBp === 10_000 ? '' : ` (${formatRate(shareBp)} of the deal credited to this partner)`;
    out.credits.push({ partnerId, period, dealId: deal.dealId, sourceEventId: deal.eventId, revenueMinor: credit(deal.amount.amountMinor), shareBp });
    const entry = (
      ruleId: string,
      ruleKind: LedgerEntry['ruleKind'],
      productLine: string | null,
      amountMinor: number,
      explanation: LedgerEntry['explanation'],
    ): LedgerEntry =>
      ledgerEntry(programme, {
        id: entryId(deal.eventId, programme.id, ruleId, partnerId, productLine),
        kind: 'accrual',
        partnerId,
        period,
        ruleId,
        ruleKind,
        sourceEventId: deal.eventId,
        dealId: deal.dealId,
        productLine,
        amountMinor,
        explanation,
      });

    for (const rule of programme.rules) {
      if (rule.kind === 'rebate') {
        for (const line of deal.lines) {
          const rate = rebateRate(rule, line.productLine, standing!.tier);
          if (!rate || rate.rateBp === 0) continue;
          const creditMinor = credit(line.amount.amountMinor);
          const amountMinor = shareOf(creditMinor, rate.rateBp);
          out.entries.push(
            entry(rule.id, 'rebate', line.productLine, amountMinor, {
              inputs: {
                lineAmountMinor: line.amount.amountMinor,
                shareBp,
                creditMinor,
                rateBp: rate.rateBp,
                rateFor: { productLine: rate.productLine, tier: rate.tier },
                tier: standing!.tier,
              },
              arithmetic: `${creditMinor} × ${formatRate(rate.rateBp)} = ${amountMinor} (half-even)${splitNote}`,
            }),
          );
        }
      } else if (rule.kind === 'spiff') {
        const qualifies = deal.lines.some((l) => l.productLine === rule.productLine) && deal.closeDate >= rule.from && deal.closeDate <= rule.until;
        if (!qualifies) continue;
        const amountMinor = credit(rule.amountMinor);
        out.entries.push(
          entry(rule.id, 'spiff', rule.productLine, amountMinor, {
            inputs: { spiffMinor: rule.amountMinor, shareBp, closeDate: deal.closeDate, window: { from: rule.from, until: rule.until } },
            arithmetic: shareBp === 10_000 ? `a fixed ${amountMinor}` : `${rule.amountMinor} × ${formatRate(shareBp)} = ${amountMinor} (half-even)${splitNote}`,
          }),
        );
      }
    }
  }
  return out;
}

/**
 * The entries of a deal that still count: its accruals and the entries an adjustment booked again,
 * less those an adjustment cancelled (an entry that references another cancels it).
 */
export function liveEntries(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const cancelled = new Set(entries.flatMap((e) => (e.reverses === null ? [] : [e.reverses])));
  return entries.filter((e) => (e.kind === 'accrual' || e.kind === 'adjustment') && e.reverses === null && !cancelled.has(e.id));
}

/**
 * The entries that cancel a deal's accrual: each live entry's exact opposite (liveEntries), at its
 * rate and version, referencing it. It lands in `openPeriod`: the original's period if that is
 * still open, otherwise the next open one. Ids derive from the reversing event, so a redelivery is
 * a no-op.
 */
export function reverse(originals: readonly LedgerEntry[], reversingEventId: string, openPeriod: (period: string) => string): LedgerEntry[] {
  return liveEntries(originals).map((e) => ({
    ...e,
    id: `${reversingEventId}:${e.id}`,
    kind: 'reversal' as const,
    period: openPeriod(e.period),
    sourceEventId: reversingEventId,
    amountMinor: -e.amountMinor,
    reverses: e.id,
    explanation: {
      inputs: { reversedEntry: e.id, reversedPeriod: e.period, reversedAmountMinor: e.amountMinor },
      arithmetic: `−${e.amountMinor}: reverses ${e.id} (${e.explanation.arithmetic})`,
    },
  }));
}

/** A reversed deal's credits, negated, in the same periods as its reversing entries. */
export function reverseCredits(originals: readonly Credit[], reversingEventId: string, openPeriod: (period: string) => string): Credit[] {
  return originals.map((c) => ({ ...c, period: openPeriod(c.period), sourceEventId: reversingEventId, revenueMinor: -c.revenueMinor }));
}

/** What an adjustment writes for one partner's share of a deal under one programme. */
export interface Adjustment {
  /** The id every entry of the adjustment starts with: the DealWon's event id, then the version (`:v3`). */
  sourceEventId: string;
  /** The version now in force at the deal's close date (0: none). */
  toVersion: number;
  /** The versions of the entries it cancels. */
  fromVersions: number[];
  entries: LedgerEntry[];
  /** The change to the partner's credited revenue (new credit − the credits that counted). */
  revenueDeltaMinor: number;
  /** The partner's share of the deal under the new version, in basis points (0 when it earns nothing). */
  shareBp: number;
  /** Why the partner earns nothing under the new version, if it does not. */
  ineligible: Ineligible | undefined;
}

/**
 * Moves one partner's accrual of a deal under a programme to `target`, the version now in force at
 * the deal's close date, after a version was saved with a past effective date: each live entry is
 * cancelled (its exact opposite, referencing it, at its own rate and version), and the deal is
 * accrued again under `target`, all as `adjustment` entries in `period` (the close date's period if
 * still open, else the next open one: a settled period never changes), each explained; the credit
 * moves by the difference. Nothing (undefined) when the live entries are the target's already: a
 * second run of the same adjustment, or a version that changes nothing for this deal.
 */
export function adjust(args: {
  target: IncentiveProgrammeVersion | undefined;
  deal: WonDeal;
  standings: ReadonlyMap<string, PartnerStanding>;
  partnerId: string;
  live: readonly LedgerEntry[];
  liveRevenueMinor: number;
  period: string;
}): Adjustment | undefined {
  const { target, deal, partnerId, live, period } = args;
  const accrual = target ? accrue(target, deal, args.standings) : undefined;
  const rebooked = accrual?.entries.filter((e) => e.partnerId === partnerId) ?? [];
  const credit = accrual?.credits.find((c) => c.partnerId === partnerId);
  const revenueMinor = credit?.revenueMinor ?? 0;
  const toVersion = target?.version ?? 0;
  const same = (a: LedgerEntry, b: LedgerEntry) => a.ruleId === b.ruleId && a.productLine === b.productLine && a.amountMinor === b.amountMinor;
  const unchanged =
    live.every((e) => e.programmeVersion === toVersion) &&
    live.length === rebooked.length &&
    rebooked.every((r) => live.some((e) => same(e, r))) &&
    revenueMinor === args.liveRevenueMinor;
  if (unchanged) return undefined;
  const sourceEventId = `${deal.eventId}:v${toVersion}`;
  const saved = target ? `version ${target.version} (in force from ${target.effectiveFrom}, saved ${target.createdAt.slice(0, 10)})` : 'no version';
  const cancels = live.map((e): LedgerEntry => ({
    ...e,
    id: `${sourceEventId}:x:${e.id}`,
    kind: 'adjustment',
    period,
    sourceEventId,
    amountMinor: -e.amountMinor,
    reverses: e.id,
    explanation: {
      inputs: { cancelledEntry: e.id, cancelledPeriod: e.period, cancelledVersion: e.programmeVersion, cancelledAmountMinor: e.amountMinor, toVersion },
      arithmetic: `−${e.amountMinor}: cancels ${e.id} (version ${e.programmeVersion}), since ${saved} is in force at the close date ${deal.closeDate}`,
    },
  }));
  const rebooks = rebooked.map((e): LedgerEntry => ({
    ...e,
    id: entryId(sourceEventId, e.programmeId, e.ruleId, partnerId, e.productLine),
    kind: 'adjustment',
    period,
    sourceEventId,
    explanation: {
      inputs: { ...e.explanation.inputs, closeDate: deal.closeDate, accruedPeriod: e.period, toVersion },
      arithmetic: `${e.explanation.arithmetic}: the deal accrued again under ${saved}`,
    },
  }));
  return {
    sourceEventId,
    toVersion,
    fromVersions: [...new Set(live.map((e) => e.programmeVersion))].sort((a, b) => a - b),
    entries: [...cancels, ...rebooks],
    revenueDeltaMinor: revenueMinor - args.liveRevenueMinor,
    shareBp: credit?.shareBp ?? 0,
    ineligible: accrual?.ineligible.find((i) => i.partnerId === partnerId),
  };
}
