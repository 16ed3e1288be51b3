import { formatRate, marginal, proportionOf, shareOf } from './arithmetic.ts';
import { type Credit, type LedgerEntry, ledgerEntry } from './ledger.ts';
import type { GrowthRule, IncentiveProgrammeVersion } from './model.ts';
import { type Cadence, samePeriodLastYear, shiftPeriod } from './periods.ts';

/**
 * A partner's statement for one closed period: what the ledger holds for it, plus the period-end
 * rules computed at settlement (accelerators and growth on the period's credited revenue, then
 * the cap), plus what was carried in; what is paid and what carries out. It reconciles by
 * construction: payable = Σ period entries (period-end and cap entries included) + carried in −
 * carried out.
 */
export interface Statement {
  partnerId: string;
  period: string;
  programmeId: string;
  programmeVersion: number;
  currency: string;
  /** The period's credited revenue (deals won minus deals reversed), in minor units. */
  revenueMinor: number;
  /** Σ of the entries accrued or reversed into the period before settlement. */
  accruedMinor: number;
  /** The entries settlement adds: accelerators, growth, then the cap. */
  periodEndEntries: LedgerEntry[];
  /** accrued + period-end entries: what the period earned. */
  earnedMinor: number;
  carriedInMinor: number;
  /** What is paid: 0 when the balance is below the minimum payout or negative. */
  payableMinor: number;
  /** What carries to the next period: a balance below the minimum, or a negative balance. */
  carriedOutMinor: number;
  notes: string[];
}

export interface StatementInput {
  programme: IncentiveProgrammeVersion;
  partnerId: string;
  period: string;
  /** The settlement run's id: the period-end entries derive their ids from it. */
  runId: string;
  /** The partner's entries in the period (accruals and reversals). */
  entries: readonly LedgerEntry[];
  /** The partner's credits in the period. */
  credits: readonly Credit[];
  /** The partner's credited revenue in earlier periods, by period (for growth baselines). */
  revenueByPeriod: ReadonlyMap<string, number>;
  /** The previous statement's carried-out amount (0 if none). */
  carriedInMinor: number;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The periods a growth rule's baseline is measured over, for a period. */
export function baselinePeriodsOf(rule: GrowthRule, period: string, cadence: Cadence): string[] {
  return rule.baseline.kind === 'same-period-last-year'
    ? [samePeriodLastYear(period, cadence)]
    : Array.from({ length: rule.baseline.periods }, (_, i) => shiftPeriod(period, cadence, -(i + 1)));
}

export function computeStatement(input: StatementInput): Statement {
  const { programme, partnerId, period, runId } = input;
  const revenueMinor = sum(input.credits.map((c) => c.revenueMinor));
  const accruedMinor = sum(input.entries.map((e) => e.amountMinor));
  const notes: string[] = [];
  const periodEnd: LedgerEntry[] = [];
  const entry = (
    ruleId: string,
    ruleKind: LedgerEntry['ruleKind'],
    kind: LedgerEntry['kind'],
    amountMinor: number,
    explanation: LedgerEntry['explanation'],
  ): LedgerEntry =>
    // A period-end entry belongs to no deal or line: its id and its source are the settlement run.
    ledgerEntry(programme, {
      id: `${runId}:${ruleId}:${partnerId}`,
      kind,
      partnerId,
      period,
      ruleId,
      ruleKind,
      sourceEventId: runId,
      dealId: null,
      productLine: null,
      amountMinor,
      explanation,
    });

  for (const rule of programme.rules) {
    if (rule.kind === 'accelerator') {
      const brackets = rule.brackets.map((b) => ({
        fromMinor: proportionOf(rule.targetMinor, b.fromPercent, 100),
        upToMinor: b.upToPercent === null ? null : proportionOf(rule.targetMinor, b.upToPercent, 100),
        rateBp: b.rateBp,
      }));
      const result = marginal(Math.max(0, revenueMinor), brackets);
      if (result.amountMinor === 0) continue;
      periodEnd.push(
        entry(rule.id, 'accelerator', 'period-end', result.amountMinor, {
          inputs: { revenueMinor, targetMinor: rule.targetMinor, parts: result.parts },
          arithmetic: `${result.parts
            .filter((p) => p.revenueMinor > 0 && p.rateBp > 0)
            .map((p) => `${p.revenueMinor} × ${formatRate(p.rateBp)}`)
            .join(' + ')} = ${result.amountMinor} (marginal brackets, rounded once, half-even)`,
        }),
      );
    } else if (rule.kind === 'growth') {
      const baselinePeriods = baselinePeriodsOf(rule, period, programme.cadence);
      const baselineMinor = proportionOf(sum(baselinePeriods.map((p) => input.revenueByPeriod.get(p) ?? 0)), 1, baselinePeriods.length);
      const growthMinor = revenueMinor - baselineMinor;
      if (growthMinor <= 0) {
        notes.push(`${rule.id}: no growth (revenue ${revenueMinor} against a baseline of ${baselineMinor})`);
        continue;
      }
      const amountMinor = shareOf(growthMinor, rule.rateBp);
      if (amountMinor === 0) continue;
      periodEnd.push(
        entry(rule.id, 'growth', 'period-end', amountMinor, {
          inputs: { revenueMinor, baselinePeriods, baselineMinor, rateBp: rule.rateBp },
          arithmetic: `(${revenueMinor} − ${baselineMinor}) × ${formatRate(rule.rateBp)} = ${amountMinor} (half-even)`,
        }),
      );
    }
  }

  let earnedMinor = accruedMinor + sum(periodEnd.map((e) => e.amountMinor));
  if (programme.capPerPartnerMinor !== null && earnedMinor > programme.capPerPartnerMinor) {
    const excess = earnedMinor - programme.capPerPartnerMinor;
    periodEnd.push(
      entry('cap', 'cap', 'cap', -excess, {
        inputs: { earnedMinor, capMinor: programme.capPerPartnerMinor },
        arithmetic: `${earnedMinor} − ${programme.capPerPartnerMinor} = ${excess} above the cap, not paid`,
      }),
    );
    earnedMinor = programme.capPerPartnerMinor;
  }

  const balance = earnedMinor + input.carriedInMinor;
  let payableMinor = balance;
  let carriedOutMinor = 0;
  if (balance < 0) {
    [payableMinor, carriedOutMinor] = [0, balance];
    notes.push(`a negative balance of ${balance} carries forward`);
  } else if (balance < programme.minimumPayoutMinor) {
    [payableMinor, carriedOutMinor] = [0, balance];
    if (balance > 0) notes.push(`${balance} is below the minimum payout of ${programme.minimumPayoutMinor} and carries over`);
  }
  return {
    partnerId,
    period,
    programmeId: programme.id,
    programmeVersion: programme.version,
    currency: programme.currency,
    revenueMinor,
    accruedMinor,
    periodEndEntries: periodEnd,
    earnedMinor,
    carriedInMinor: input.carriedInMinor,
    payableMinor,
    carriedOutMinor,
    notes,
  };
}
