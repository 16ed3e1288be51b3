/**
 * The money arithmetic of incentives: integer minor units in, integer minor units out, exact in
 * between (BigInt), rounded once per ledger entry, half-even.
 *
 * Why half-even: an entry's amount is a rate applied to an amount, so it usually has a fraction
 * of a minor unit. Half-up rounds every exact half the same way, which over many entries biases
 * a partner's totals upwards (and a reversal of a negative half the other way); half-even
 * ("banker's rounding", IEEE 754's default and the usual choice in accounting systems) has no
 * such bias. Rounding is per entry and the explanation records the exact fraction, so anyone can
 * redo the arithmetic. A reversal negates its original's rounded amount; it never recomputes it.
 */

/** Basis points in one: 10,000 bp = 100 %. */
export const BP = 10_000;

/** `numerator / denominator` rounded half-even to an integer (denominator > 0). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = n / denominator;
  const r = n - q * denominator;
  const twice = 2n * r;
  const rounded = twice > denominator || (twice === denominator && q % 2n === 1n) ? q + 1n : q;
  return negative ? -rounded : rounded;
}

const toSafe = (v: bigint): number => {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount beyond 2^53 - 1 minor units');
  return Number(v);
};

/** `amountMinor × rateBp / 10,000`, rounded half-even: the share a rate gives of an amount. */
export const shareOf = (amountMinor: number, rateBp: number): number => toSafe(divideHalfEven(BigInt(amountMinor) * BigInt(rateBp), BigInt(BP)));

/** `amountMinor × numerator / denominator`, rounded half-even (a split of credit, a percentage of a target). */
export const proportionOf = (amountMinor: number, numerator: number, denominator: number): number =>
  toSafe(divideHalfEven(BigInt(amountMinor) * BigInt(numerator), BigInt(denominator)));

/** A rate in basis points as people read it: 250 → "2.50 %". */
export const formatRate = (rateBp: number): string => `${(rateBp / 100).toFixed(2)} %`;

/** A bracket of period revenue with its own rate; `upToMinor` null is open-ended. */
export interface RevenueBracket {
  fromMinor: number;
  upToMinor: number | null;
  rateBp: number;
}

/** What a marginal schedule pays on a revenue: each rate on the revenue inside its bracket, rounded once. */
export interface MarginalResult {
  amountMinor: number;
  /** Per bracket: the revenue inside it (minor units) and its rate. */
  parts: { fromMinor: number; upToMinor: number | null; revenueMinor: number; rateBp: number }[];
}

/**
 * Marginal brackets: each rate applies only to the revenue inside its bracket, so the payout is
 * continuous at every edge and never falls when revenue rises (rates are not negative). The
 * exact sum is rounded once, half-even. Brackets must be contiguous and ordered (the programme
 * schema checks it).
 */
export function marginal(revenueMinor: number, brackets: readonly RevenueBracket[]): MarginalResult {
  let exact = 0n;
  const parts: MarginalResult['parts'] = [];
  for (const b of brackets) {
    const top = b.upToMinor === null ? revenueMinor : Math.min(revenueMinor, b.upToMinor);
    const inside = Math.max(0, top - b.fromMinor);
    parts.push({ fromMinor: b.fromMinor, upToMinor: b.upToMinor, revenueMinor: inside, rateBp: b.rateBp });
    exact += BigInt(inside) * BigInt(b.rateBp);
  }
  return { amountMinor: toSafe(divideHalfEven(exact, BigInt(BP))), parts };
}
