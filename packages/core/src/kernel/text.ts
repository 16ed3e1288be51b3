import * as z from './zod.ts';

/**
 * The characters free text may hold: none of the C0 and C1 control characters (exactly Unicode's
 * `Cc`: U+0000–U+001F and U+007F–U+009F) and no angle brackets. Written without `\p{…}` and
 * without flags, so that the `pattern` the documents carry compiles and matches the same in
 * ECMAScript (with or without `u`), Python `re` and RE2.
 */
export const PLAIN_TEXT_PATTERN = /^[^\x00-\x1F\x7F-\x9F<>]*$/;

/**
 * The invisible characters that make two names look alike while they compare different: the soft
 * hyphen (U+00AD), the Arabic letter mark (U+061C), zero-width spaces and joiners and the
 * left-to-right / right-to-left marks (U+200B–U+200F), the bidirectional embeddings and overrides
 * (U+202A–U+202E), the word joiner and invisible operators (U+2060–U+2064), the bidirectional
 * isolates (U+2066–U+2069) and the byte-order mark / zero-width no-break space (U+FEFF).
 * `Ac\u200Bme` looks like `Acme`. They are written as the characters themselves (RE2 knows no
 * `\u` escape, Python `re` and ECMAScript no `\x{…}`), so the pattern stays portable.
 */
export const INVISIBLE_CHARACTERS = '\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF';

/** {@link PLAIN_TEXT_PATTERN} without the {@link INVISIBLE_CHARACTERS} either: for names and identity fields. */
export const NAME_TEXT_PATTERN = new RegExp(`^[^\\x00-\\x1F\\x7F-\\x9F<>${INVISIBLE_CHARACTERS}]*$`);

/** Every invisible character, anywhere (for normalisation that drops them). */
export const INVISIBLE_CHARACTER = new RegExp(`[${INVISIBLE_CHARACTERS}]`, 'g');

/**
 * Multi-line text (an agreement's body): no control characters but tab, line feed and carriage
 * return. Portable for the same reason as {@link PLAIN_TEXT_PATTERN}.
 */
export const MULTILINE_TEXT_PATTERN = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$/;

// The checks every text field shares: a check holds no state of the schema it is attached to, so
// one instance serves them all (about 80 fewer built at a handler's cold start).
const TRIM = z.trim();
const NOT_EMPTY = z.minLength(1);
const PLAIN_TEXT = z.regex(PLAIN_TEXT_PATTERN, 'must not contain control characters or angle brackets');
const NAME_TEXT = z.regex(NAME_TEXT_PATTERN, 'must not contain control characters, invisible characters or angle brackets');

/**
 * Free text a person typed (names, addresses, titles): trimmed, bounded, without control
 * characters (never legitimate; they break exports) and without angle brackets, so that no
 * stored value can become markup in a portal that forgets to escape it.
 * @example plainText(200).parse('  Northwind GmbH ') // 'Northwind GmbH'
 */
export const plainText = (max: number) => z.string().check(TRIM, NOT_EMPTY, z.maxLength(max), PLAIN_TEXT);

/**
 * A name (of an organisation, a person, a programme key) or an identity field: {@link plainText}
 * that also refuses the {@link INVISIBLE_CHARACTERS}, so that no two stored names look the same
 * and compare different (`Ac\u200Bme` would slip past the legal-name duplicate check).
 * @example nameText(200).parse('Acme Ltd') // 'Acme Ltd'; nameText(200).parse('Ac\u200Bme') fails
 */
export const nameText = (max: number) => z.string().check(TRIM, NOT_EMPTY, z.maxLength(max), NAME_TEXT);

/**
 * An e-mail address as the server accepts it: zod's e-mail pattern, stated in the documents as
 * it is, lower-cased. No `format: email`: that format's rule differs in both directions (it
 * refuses `a@b-.example`, which this pattern takes), so a validator holding it would reject real data.
 * @example emailAddress().parse('Ana@Northwind.example') // 'ana@northwind.example'
 */
export const emailAddress = () =>
  z.withMeta(z.string().check(z.maxLength(254), z.regex(z.regexes.email, 'must be an e-mail address'), z.toLowerCase()), {
    example: 'ana.lopez@northwind.example',
  });
