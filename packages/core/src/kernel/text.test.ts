import * as z from './zod.ts';
import { describe, expect, it } from 'vitest';
import { MULTILINE_TEXT_PATTERN, NAME_TEXT_PATTERN, PLAIN_TEXT_PATTERN, emailAddress, nameText, plainText } from './text.ts';

/** The rules as they were written before the patterns became portable: the server must refuse exactly what they refused. */
const BEFORE = { plain: /^[^\p{Cc}<>]*$/u, multiline: /^(?:[^\p{Cc}]|[\n\r\t])*$/u };

const TRICKY = [
  'Northwind GmbH',
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'next\u0085line', // NEL, a C1 control
  'line\u2028separator', // a format character, not a control
  'paragraph\u2029separator',
  'nul\u0000byte',
  'del\u007f',
  'c1 end\u009f',
  'just after C1\u00a0(nbsp)',
  'zero\u200bwidth',
  'emoji 🚀 and family 👨‍👩‍👧',
  'combining e\u0301 and a\u0308',
  'Ünïcödé – “quotes” — Straße',
  '<script>alert(1)</script>',
  'a > b',
  '1 < 2',
  '&lt;escaped&gt;',
  'bidi \u202e override',
  'BOM \ufeff',
];

const accepts = (schema: { safeParse: (v: unknown) => { success: boolean } }, v: string) => schema.safeParse(v).success;

describe('plainText refuses exactly what it refused with \\p{Cc}', () => {
  const schema = plainText(200);
  it.each(TRICKY)('%j', (input) => {
    const before = BEFORE.plain.test(input.trim()) && input.trim().length > 0;
    expect(accepts(schema, input)).toBe(before);
  });

  it('agrees with the \\p{Cc} rule on every code point, with and without the u flag', () => {
    const unicode = new RegExp(PLAIN_TEXT_PATTERN.source, 'u');
    const differing: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue; // lone surrogates never reach a schema (refused when the body is parsed)
      const s = `a${String.fromCodePoint(cp)}b`;
      const before = BEFORE.plain.test(s);
      if (PLAIN_TEXT_PATTERN.test(s) !== before || unicode.test(s) !== before) differing.push(cp.toString(16));
    }
    expect(differing).toEqual([]);
  });
});

describe('the multi-line rule refuses exactly what it refused with \\p{Cc}', () => {
  it.each(TRICKY)('%j', (input) => {
    expect(MULTILINE_TEXT_PATTERN.test(input)).toBe(BEFORE.multiline.test(input));
  });

  it('agrees on every code point, with and without the u flag', () => {
    const unicode = new RegExp(MULTILINE_TEXT_PATTERN.source, 'u');
    const differing: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      const before = BEFORE.multiline.test(s);
      if (MULTILINE_TEXT_PATTERN.test(s) !== before || unicode.test(s) !== before) differing.push(cp.toString(16));
    }
    expect(differing).toEqual([]);
  });
});

describe('emailAddress', () => {
  it('states the pattern that its rule applies, and no format: email', () => {
    const schema = z.toJSONSchema(emailAddress()) as { pattern: string; format?: string };
    expect(schema.format).toBeUndefined();
    const pattern = new RegExp(schema.pattern);
    for (const address of ['ana.lopez@northwind.example', 'a+b@x.io', 'a..b@x.io', '.a@x.io', 'a@x', 'a@-x.io', 'a@b-.example', '"quoted"@x.io', 'ü@x.io']) {
      expect(pattern.test(address), address).toBe(emailAddress().safeParse(address).success);
    }
  });
});

/** Every invisible character nameText refuses, as code points. */
const INVISIBLE = [0xad, 0x61c, ...range(0x200b, 0x200f), ...range(0x202a, 0x202e), ...range(0x2060, 0x2064), ...range(0x2066, 0x2069), 0xfeff];
function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('nameText', () => {
  const schema = nameText(200);
  it.each(INVISIBLE.map((cp) => [cp.toString(16), cp]))('refuses U+%s inside a name', (_, cp) => {
    expect(accepts(schema, `Ac${String.fromCodePoint(cp)}me`)).toBe(false);
  });

  it('refuses everything plainText refuses, and otherwise only the invisible characters, on every code point, with and without the u flag', () => {
    const unicode = new RegExp(NAME_TEXT_PATTERN.source, 'u');
    const differing: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = `a${String.fromCodePoint(cp)}b`;
      const expected = PLAIN_TEXT_PATTERN.test(s) && !INVISIBLE.includes(cp);
      if (NAME_TEXT_PATTERN.test(s) !== expected || unicode.test(s) !== expected) differing.push(cp.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it('accepts real names, in any script', () => {
    for (const name of [
      'Northwind Systems GmbH',
      'Société Générale S.A.',
      'Ünïcödé – “quotes” — Straße',
      'שלום בע"מ',
      'شركة',
      '株式会社 東京',
      'e\u0301 combining',
    ]) {
      expect(accepts(schema, name), name).toBe(true);
    }
  });

  it('states its pattern as literal characters, without \\u escapes', () => {
    const { pattern } = z.toJSONSchema(schema) as { pattern: string };
    expect(pattern).not.toMatch(/\\u/);
    expect(new RegExp(pattern).test('Ac\u200Bme')).toBe(false);
  });
});
