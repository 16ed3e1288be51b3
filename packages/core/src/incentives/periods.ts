/**
 * Incentive periods: a programme settles monthly (`2027-03`) or quarterly (`2027-Q1`), in UTC.
 * A deal belongs to the period of its close date (event time, not arrival time).
 */
export const CADENCES = ['monthly', 'quarterly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const MONTHLY_PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const QUARTERLY_PERIOD = /^(\d{4})-Q([1-4])$/;

/** A period as (year, index): index is the month 1-12 or the quarter 1-4. */
interface Parts {
  year: number;
  index: number;
}

const perYear = (cadence: Cadence) => (cadence === 'monthly' ? 12 : 4);

function parse(period: string, cadence: Cadence): Parts {
  const m = (cadence === 'monthly' ? MONTHLY_PERIOD : QUARTERLY_PERIOD).exec(period);
  if (!m) throw new RangeError(`${period} is not a ${cadence} period`);
  return { year: Number(m[1]), index: Number(m[2]) };
}

const format = ({ year, index }: Parts, cadence: Cadence): string =>
  cadence === 'monthly' ? `${String(year).padStart(4, '0')}-${String(index).padStart(2, '0')}` : `${String(year).padStart(4, '0')}-Q${index}`;

/** Whether `period` is well formed for the cadence. */
export const isPeriod = (period: string, cadence: Cadence): boolean => (cadence === 'monthly' ? MONTHLY_PERIOD : QUARTERLY_PERIOD).test(period);

/** The period a calendar date (`YYYY-MM-DD`) falls in. */
export function periodOf(date: string, cadence: Cadence): string {
  const m = /^(\d{4})-(\d{2})-\d{2}/.exec(date);
  if (!m) throw new RangeError(`${date} is not a date`);
  const month = Number(m[2]);
  return format({ year: Number(m[1]), index: cadence === 'monthly' ? month : Math.ceil(month / 3) }, cadence);
}

/** The period `n` periods after `period` (negative: before). */
export function shiftPeriod(period: string, cadence: Cadence, n: number): string {
  const { year, index } = parse(period, cadence);
  const k = perYear(cadence);
  const ordinal = year * k + (index - 1) + n;
  return format({ year: Math.floor(ordinal / k), index: (ordinal % k) + 1 }, cadence);
}

/** The same period a year earlier. */
export const samePeriodLastYear = (period: string, cadence: Cadence): string => shiftPeriod(period, cadence, -perYear(cadence));

/** The first day of the period (`YYYY-MM-DD`) and the first day of the next one. */
export function periodBounds(period: string, cadence: Cadence): { from: string; until: string } {
  const first = (p: string) => {
    const { year, index } = parse(p, cadence);
    const month = cadence === 'monthly' ? index : (index - 1) * 3 + 1;
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  };
  return { from: first(period), until: first(shiftPeriod(period, cadence, 1)) };
}

/** The period that closed most recently at `now`: the one before the period `now` is in. */
export const lastClosedPeriod = (now: Date, cadence: Cadence): string => shiftPeriod(periodOf(now.toISOString().slice(0, 10), cadence), cadence, -1);

/** Periods compare as strings within one cadence. */
export const comparePeriods = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
