import * as z from 'zod';

/**
 * Free text a person typed (names, addresses, titles): trimmed, bounded, without control
 * characters (never legitimate; they break exports) and without angle brackets, so that no
 * stored value can become markup in a portal that forgets to escape it.
 * @example plainText(200).parse('  Northwind GmbH ') // 'Northwind GmbH'
 */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}<>]*$/u, 'must not contain control characters or angle brackets');
