import * as z from '../kernel/zod.ts';
import type { Actor } from '../kernel/audit.ts';
import { plainText } from '../kernel/text.ts';
import type { Clock } from '../kernel/clock.ts';
import { ConflictError, ForbiddenError } from '../kernel/errors.ts';
import { idSchema, newId } from '../kernel/ids.ts';
import { type IncentiveProgrammeVersion, ledgerEntrySchema, programmeIdSchema } from './model.ts';
import { versionInForce } from './ledger.ts';
import { type Cadence, periodBounds, periodOf } from './periods.ts';
import type { Statement } from './settlement.ts';

/**
 * A settlement run: one per programme and period. It closes the period (nothing accrues into it
 * after), computes each partner's statement, then waits for finance to approve; approval makes
 * the payouts payable. Statements and payouts are written once and never changed.
 */
export const RUN_STATUSES = ['running', 'awaiting-approval', 'approved'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunTotals {
  /** Partners with a statement. */
  partners: number;
  /** Σ of the period's entries (accruals, reversals, period-end entries and caps). */
  entriesMinor: number;
  carriedInMinor: number;
  carriedOutMinor: number;
  payableMinor: number;
}

export interface SettlementRun {
  id: string;
  programmeId: string;
  /** The version in force on the period's last day: its period-end rules settle the period. */
  programmeVersion: number;
  period: string;
  currency: string;
  status: RunStatus;
  /** `schedule` when the schedule started it, else the user's subject. */
  startedBy: { kind: 'schedule' | 'user'; sub: string };
  startedAt: string;
  statementsAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  totals: RunTotals | null;
  version: number;
}

export const ZERO_TOTALS: RunTotals = { partners: 0, entriesMinor: 0, carriedInMinor: 0, carriedOutMinor: 0, payableMinor: 0 };

/** The totals of a run's parts together (the shards a fan-out settled apart). */
export const sumTotals = (parts: readonly RunTotals[]): RunTotals =>
  parts.reduce(
    (t, p) => ({
      partners: t.partners + p.partners,
      entriesMinor: t.entriesMinor + p.entriesMinor,
      carriedInMinor: t.carriedInMinor + p.carriedInMinor,
      carriedOutMinor: t.carriedOutMinor + p.carriedOutMinor,
      payableMinor: t.payableMinor + p.payableMinor,
    }),
    ZERO_TOTALS,
  );

/** Adds a statement to a run's totals. */
export const addToTotals = (
  t: RunTotals,
  s: Pick<Statement, 'earnedMinor' | 'accruedMinor' | 'carriedInMinor' | 'carriedOutMinor' | 'payableMinor'>,
): RunTotals => ({
  partners: t.partners + 1,
  entriesMinor: t.entriesMinor + s.earnedMinor,
  carriedInMinor: t.carriedInMinor + s.carriedInMinor,
  carriedOutMinor: t.carriedOutMinor + s.carriedOutMinor,
  payableMinor: t.payableMinor + s.payableMinor,
});

/** The last day of a period (`YYYY-MM-DD`). */
export function lastDayOf(period: string, cadence: Cadence): string {
  const until = new Date(`${periodBounds(period, cadence).until}T00:00:00.000Z`);
  return new Date(until.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/**
 * A new run of a programme for a period, refused unless the period is over (UTC) and a version
 * of the programme is in force on its last day.
 */
export function startRun(
  versions: readonly IncentiveProgrammeVersion[],
  period: string,
  by: { actor: Actor; bySchedule: boolean },
  clock: Clock,
): SettlementRun {
  const current = versions.at(-1)!;
  const now = clock.now();
  if (period >= periodOf(now.toISOString().slice(0, 10), current.cadence))
    throw new ConflictError(`${period} is not over yet: a period settles once it has ended`);
  const version = versionInForce(versions, lastDayOf(period, current.cadence));
  if (!version) throw new ConflictError(`No version of the programme was in force in ${period}`);
  return {
    id: newId('settlement', now),
    programmeId: current.id,
    programmeVersion: version.version,
    period,
    currency: current.currency,
    status: 'running',
    startedBy: by.bySchedule ? { kind: 'schedule', sub: by.actor.sub } : { kind: 'user', sub: by.actor.sub },
    startedAt: now.toISOString(),
    statementsAt: null,
    approvedBy: null,
    approvedAt: null,
    totals: null,
    version: 1,
  };
}

/** The run once its statements are written: waiting for finance. */
export const statementsDone = (run: SettlementRun, totals: RunTotals, clock: Clock): SettlementRun => ({
  ...run,
  status: 'awaiting-approval',
  statementsAt: clock.now().toISOString(),
  totals,
  version: run.version + 1,
});

/**
 * Finance approves a run that waits for approval; someone other than the person who started it,
 * when it was started by hand (four eyes). The schedule's runs any finance user may approve.
 */
export function approveRun(run: SettlementRun, actor: Actor, clock: Clock): SettlementRun {
  if (!actor.roles.includes('finance')) throw new ForbiddenError('Only finance approves a settlement');
  if (run.status !== 'awaiting-approval')
    throw new ConflictError(run.status === 'approved' ? 'The settlement is approved already' : 'The settlement is still computing its statements');
  if (run.startedBy.kind === 'user' && run.startedBy.sub === actor.sub)
    throw new ForbiddenError('You started this settlement: someone else in finance approves it');
  return { ...run, status: 'approved', approvedBy: actor.sub, approvedAt: clock.now().toISOString(), version: run.version + 1 };
}

/**
 * Records that a payable payout was paid, with finance's payment reference (the bank transfer's,
 * say). Recording the same reference again changes nothing (`changed: false`: a retried request);
 * a payout paid with another reference keeps it (409): a recorded payment is not rewritten, and a
 * mistaken one is corrected in the payment system, not here.
 */
export function recordPayment(payout: Payout, reference: string, clock: Clock): { payout: Payout; changed: boolean } {
  if (payout.status === 'paid') {
    if (payout.paymentReference === reference) return { payout, changed: false };
    throw new ConflictError(`The payout was recorded as paid with reference ${payout.paymentReference}; a recorded payment does not change`);
  }
  return { payout: { ...payout, status: 'paid', paymentReference: reference, paidAt: clock.now().toISOString() }, changed: true };
}

/** A cell of a CSV export, quoted, and neutralised when a spreadsheet would read it as a formula. */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r']/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

const minor = (description: string) => z.withDescription(z.number().check(z.int()), description);

export const settlementIdSchema = idSchema('settlement');

const totalsSchema = z.object({
  partners: z.number().check(z.int()),
  entriesMinor: minor("Σ of the period's entries: accruals, reversals, period-end entries and caps."),
  carriedInMinor: minor('Σ carried in from the period before.'),
  carriedOutMinor: minor('Σ carried to the next period (balances below the minimum payout, and negative balances).'),
  payableMinor: minor('Σ payable: entries + carried in − carried out.'),
});

export const settlementRunSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: settlementIdSchema,
      programmeId: z.string(),
      programmeVersion: z.withDescription(z.number().check(z.int()), "The version in force on the period's last day, whose period-end rules settle it."),
      period: z.withMeta(z.string(), { example: '2027-01' }),
      currency: z.string(),
      status: z.withDescription(z.enum(RUN_STATUSES), '`running` (closing the period, computing statements), `awaiting-approval`, `approved`.'),
      startedBy: z.object({ kind: z.enum(['schedule', 'user']), sub: z.string() }),
      startedAt: z.iso.datetime(),
      statementsAt: z.nullable(z.iso.datetime()),
      approvedBy: z.nullable(z.string()),
      approvedAt: z.nullable(z.iso.datetime()),
      totals: z.withDescription(z.nullable(totalsSchema), 'Once the statements are written; they reconcile: payable = entries + carried in − carried out.'),
      version: z.number().check(z.int()),
    }),
    { id: 'SettlementRun' },
  ),
);

export const startSettlementSchema = z.deferred(() =>
  z.withMeta(z.strictObject({ programmeId: programmeIdSchema, period: z.withMeta(z.string().check(z.maxLength(10)), { example: '2027-01' }) }), {
    id: 'StartSettlement',
  }),
);

export const statementSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      runId: z.string(),
      partnerId: z.string(),
      period: z.string(),
      programmeId: z.string(),
      programmeVersion: z.number().check(z.int()),
      currency: z.string(),
      status: z.withDescription(z.enum(['draft', 'approved']), '`draft` until finance approves the run; an approved statement never changes.'),
      revenueMinor: minor("The period's credited revenue (won minus reversed)."),
      accruedMinor: minor('Σ of the entries accrued or reversed into the period.'),
      periodEndEntries: z.array(ledgerEntrySchema),
      earnedMinor: minor('accrued + period-end entries.'),
      carriedInMinor: z.number().check(z.int()),
      payableMinor: z.number().check(z.int()),
      carriedOutMinor: z.number().check(z.int()),
      notes: z.array(z.string()),
    }),
    { id: 'IncentiveStatement' },
  ),
);

export const payoutSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      runId: z.string(),
      partnerId: z.string(),
      programmeId: z.string(),
      period: z.string(),
      amountMinor: z.number().check(z.int(), z.minimum(1)),
      currency: z.string(),
      status: z.enum(['payable', 'paid']),
      paymentReference: z.nullable(z.string()),
      paidAt: z.nullable(z.iso.datetime()),
    }),
    { id: 'Payout' },
  ),
);
export type Payout = z.infer<typeof payoutSchema>;

export const paymentInputSchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      reference: z.withMeta(plainText(100), {
        description: "The payment's reference in finance's payment system (a bank transfer's end-to-end id, say).",
        example: 'SEPA-2027-02-000123',
      }),
    }),
    { id: 'PaymentReference' },
  ),
);
