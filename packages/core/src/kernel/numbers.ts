import * as z from './zod.ts';

/**
 * The magnitudes a stored number may have: DynamoDB keeps numbers from 1E-130 to below 1E+126
 * (and zero); a finite double outside that range (5e-324, 1e300) is refused by the table, and
 * would otherwise be a 500 at the write.
 */
export const MIN_STORABLE_MAGNITUDE = 1e-130;
export const MAX_STORABLE_MAGNITUDE = 9.999999999999999e125;

/** What the document says of every such number (JSON Schema cannot state a magnitude gap). */
export const STORABLE_NUMBER_RULE = 'A number the table can store: 0, or a magnitude from 1e-130 to below 1e126 (others are refused with 400 at the field).';

/** Whether DynamoDB can store a number. */
export const isStorableNumber = (n: number): boolean =>
  n === 0 || (Number.isFinite(n) && Math.abs(n) >= MIN_STORABLE_MAGNITUDE && Math.abs(n) <= MAX_STORABLE_MAGNITUDE);

/**
 * A free number that is stored as given (a coordinate, a custom attribute): finite, and of a
 * magnitude the table keeps.
 * @example storableNumber().safeParse(1e-200).success // false
 */
export const storableNumber = () =>
  z.withDescription(z.number().check(z.refine(isStorableNumber, 'must be 0 or of a magnitude between 1e-130 and 1e126')), STORABLE_NUMBER_RULE);
