import * as z from 'zod';

/**
 * The characters free text may hold: none of the C0 and C1 control characters (exactly Unicode's
 * `Cc`: U+0000–U+001F and U+007F–U+009F) and no angle brackets. Written without `\p{…}` and
 * without flags, so that the `pattern` the documents carry compiles and matches the same in
 * ECMAScript (with or without `u`), Python `re` and RE2.
 */
export const PLAIN_TEXT_PATTERN = /^[^\x00-\x1F\x7F-\x9F<>]*$/;

/**
 * Multi-line text (an agreement's body): no control characters but tab, line feed and carriage
 * return. Portable for the same reason as {@link PLAIN_TEXT_PATTERN}.
 */
export const MULTILINE_TEXT_PATTERN = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$/;

/**
 * Free text a person typed (names, addresses, titles): trimmed, bounded, without control
 * characters (never legitimate; they break exports) and without angle brackets, so that no
 * stored value can become markup in a portal that forgets to escape it.
 * @example plainText(200).parse('  Northwind GmbH ') // 'Northwind GmbH'
 */
export const plainText = (max: number) => z.string().trim().min(1).max(max).regex(PLAIN_TEXT_PATTERN, 'must not contain control characters or angle brackets');

/**
 * An e-mail address as the server accepts it: zod's e-mail pattern, stated in the documents as
 * it is, lower-cased. No `format: email`: that format's rule differs in both directions (it
 * refuses `a@b-.example`, which this pattern takes), so a validator holding it would reject real data.
 * @example emailAddress().parse('Ana@Northwind.example') // 'ana@northwind.example'
 */
export const emailAddress = () =>
  z.string().max(254).regex(z.regexes.email, 'must be an e-mail address').toLowerCase().meta({ example: 'ana.lopez@northwind.example' });
