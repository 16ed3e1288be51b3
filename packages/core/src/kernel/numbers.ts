import * as z from './zod.ts';

/**
 * The magnitudes a stored number may have. DynamoDB keeps numbers from 1E-130 to below 1E+126
 * (and zero), so a finite double below that (5e-324) is refused by the table. Above, the SDK's
 * document client is the limit: it refuses to marshal a JavaScript number beyond
 * Number.MAX_SAFE_INTEGER (2^53 − 1, the last integer a double holds exactly), so 1e20 would be
 * a 500 at the write.
 */
export const MIN_STORABLE_MAGNITUDE = 1e-130;
export const MAX_STORABLE_MAGNITUDE = Number.MAX_SAFE_INTEGER;

/** What the document says of every such number (JSON Schema cannot state a magnitude gap). */
export const STORABLE_NUMBER_RULE =
  'A number the table can store: 0, or a magnitude from 1e-130 to 9007199254740991 (2^53 − 1; others are refused with 400 at the field).';

/** Whether DynamoDB can store a number. */
export const isStorableNumber = (n: number): boolean =>
  n === 0 || (Number.isFinite(n) && Math.abs(n) >= MIN_STORABLE_MAGNITUDE && Math.abs(n) <= MAX_STORABLE_MAGNITUDE);

/**
 * A free number that is stored as given (a coordinate, a custom attribute): finite, and of a
 * magnitude the table keeps.
 * @example storableNumber().safeParse(1e-200).success // false
 */
export const storableNumber = () =>
  z.withDescription(z.number().check(z.refine(isStorableNumber, 'must be 0 or of a magnitude between 1e-130 and 9007199254740991')), STORABLE_NUMBER_RULE);
