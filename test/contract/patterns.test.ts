import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every `pattern` the published documents carry (openapi.json and the event schemas) is portable:
 * it compiles and matches the same in ECMAScript with and without the `u` flag, in Python `re`
 * and in RE2, so that validators and fuzzers in any language agree with the server. And every
 * pattern is shown to match a real value: the field's `example`, or the enclosing one's.
 */

const root = join(import.meta.dirname, '../..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Found {
  document: string;
  path: string;
  pattern: string;
  /** The string values the documents give as examples of this field (its own, or from an enclosing example). */
  examples: string[];
}

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A node's own example values: `example`, or the members of `examples`. */
function ownExamples(node: { [key: string]: Json }): Json[] | undefined {
  if ('example' in node) return [node.example!];
  if (Array.isArray(node.examples) && node.examples.length) return node.examples;
  return undefined;
}

/** Walks a document, collecting each `pattern` with the example values that apply to it. */
function collect(document: string, node: Json, path: string, inherited: Json[], out: Found[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => collect(document, child, `${path}/${i}`, [], out));
    return;
  }
  if (!isObject(node)) return;
  const examples = ownExamples(node) ?? inherited;
  if (typeof node.pattern === 'string') {
    out.push({ document, path, pattern: node.pattern, examples: examples.filter((e): e is string => typeof e === 'string') });
  }
  for (const [key, child] of Object.entries(node)) {
    const at = `${path}/${key}`;
    if (key === 'properties' && isObject(child)) {
      for (const [name, property] of Object.entries(child)) {
        const values = examples.filter(isObject).flatMap((e) => (name in e ? [e[name]!] : []));
        collect(document, property, `${at}/${name}`, values, out);
      }
    } else if (key === 'items') {
      collect(
        document,
        child,
        at,
        examples.flatMap((e) => (Array.isArray(e) ? e : [])),
        out,
      );
    } else if (key === 'propertyNames' || key === 'additionalProperties') {
      const values = examples.filter(isObject).flatMap((e) => (key === 'propertyNames' ? Object.keys(e) : Object.values(e)));
      collect(document, child, at, values, out);
    } else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      if (Array.isArray(child)) child.forEach((branch, i) => collect(document, branch, `${at}/${i}`, examples, out));
    } else if (key === 'schema' && isObject(node) && 'in' in node) {
      // A parameter: its example may stand beside the schema.
      collect(document, child, at, examples, out);
    } else if (key !== 'example' && key !== 'examples' && key !== 'const' && key !== 'default' && key !== 'enum') {
      collect(document, child, at, [], out);
    }
  }
}

/**
 * What in a pattern would not compile, or would match differently, in one of ECMAScript (with
 * and without `u`), Python `re` and RE2. Empty when the pattern is portable.
 */
export function portabilityProblems(pattern: string): string[] {
  const problems: string[] = [];
  if (/\$\/[a-z]*$/.test(pattern)) problems.push('a trailing /flags (a regex literal written as its toString())');
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const next = pattern[i + 1];
    if (c === '\\') {
      if (next === 'p' || next === 'P') problems.push(`\\${next}{…} property classes`);
      else if (next !== undefined && /[1-9]/.test(next)) problems.push('backreferences');
      else if (next === 'k') problems.push('named backreferences');
      else if (next !== undefined && /[dDwWsSbB]/.test(next)) problems.push(`\\${next} (Unicode-aware in Python, ASCII in ECMAScript)`);
      else if (next === 'u') problems.push('\\u escapes (RE2 has none: use \\xHH)');
      else if (next === 'c' || next === '0') problems.push(`\\${next} escapes`);
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '[') problems.push('a [ inside a class (a nested class with the v flag)');
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (next === ']' || (next === '^' && pattern[i + 2] === ']')) problems.push('an empty class or a ] first in a class');
      continue;
    }
    if (c === '(' && next === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!')) problems.push('lookahead');
      else if (rest.startsWith('<=') || rest.startsWith('<!')) problems.push('lookbehind');
      else if (rest.startsWith('>')) problems.push('atomic groups');
      else if (rest.startsWith('<') || rest.startsWith('P')) problems.push('named groups (spelt differently in Python and ECMAScript)');
      else if (!rest.startsWith(':')) problems.push('inline flags or other (?…) syntax');
      continue;
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && next === '+') problems.push('possessive quantifiers');
  }
  if (inClass) problems.push('an unterminated class');
  return [...new Set(problems)];
}

function documents(): { name: string; content: Json }[] {
  const found: { name: string; content: Json }[] = [{ name: 'openapi.json', content: JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8')) as Json }];
  const events = join(root, 'events');
  for (const entry of readdirSync(events, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.schema.json')) continue;
    const file = join(entry.parentPath, entry.name);
    found.push({ name: relative(root, file), content: JSON.parse(readFileSync(file, 'utf8')) as Json });
  }
  return found;
}

const all = documents();
const patterns = all.flatMap(({ name, content }) => {
  const out: Found[] = [];
  collect(name, content, '#', [], out);
  return out;
});
const label = (p: Found) => `${p.document} ${p.path}: ${p.pattern}`;

describe('the patterns of the published documents', () => {
  it('finds the documents and their patterns', () => {
    expect(all.filter((d) => d.name.startsWith('events')).length).toBeGreaterThan(10);
    expect(patterns.filter((p) => p.document === 'openapi.json').length).toBeGreaterThan(50);
  });

  it('compile in ECMAScript with and without the u flag', () => {
    const broken = patterns.filter((p) => {
      try {
        new RegExp(p.pattern);
        new RegExp(p.pattern, 'u');
        return false;
      } catch {
        return true;
      }
    });
    expect(broken.map(label)).toEqual([]);
  });

  it('use only syntax that ECMAScript, Python re and RE2 share', () => {
    const unportable = patterns.map((p) => ({ p, problems: portabilityProblems(p.pattern) })).filter((x) => x.problems.length);
    expect(unportable.map(({ p, problems }) => `${label(p)} (${problems.join('; ')})`)).toEqual([]);
  });

  it('each carry an example, and the example matches with and without the u flag', () => {
    const missing = patterns.filter((p) => p.examples.length === 0);
    expect(missing.map(label), 'add .meta({ example }) to these fields').toEqual([]);
    const mismatched = patterns.flatMap((p) =>
      p.examples.filter((e) => !new RegExp(p.pattern).test(e) || !new RegExp(p.pattern, 'u').test(e)).map((e) => `${label(p)} ≠ ${JSON.stringify(e)}`),
    );
    expect(mismatched).toEqual([]);
  });
});

describe('portabilityProblems', () => {
  it.each([
    ['^[^\\p{Cc}<>]*$/u', ['a trailing /flags (a regex literal written as its toString())', '\\p{…} property classes']],
    ['^(?=.{1,253}$)[a-z]+$', ['lookahead']],
    ['^(?<=a)b$', ['lookbehind']],
    ['^(a)\\1$', ['backreferences']],
    ['^(?>a+)$', ['atomic groups']],
    ['^a++$', ['possessive quantifiers']],
    ['^\\d{4}$', ['\\d (Unicode-aware in Python, ASCII in ECMAScript)']],
    ['^[^\\u0000-\\u001F]*$', ['\\u escapes (RE2 has none: use \\xHH)']],
  ])('flags %s', (pattern, problems) => {
    expect(portabilityProblems(pattern)).toEqual(problems);
  });

  it.each(['^[^\\x00-\\x1F\\x7F-\\x9F<>]*$', '^[\\x21-\\x7e]{1,128}$', '^(?:[a-z]+\\.)+[a-z]{2,}$', '^\\+?[0-9 ()./-]{5,30}$', '^a+?$'])(
    'accepts %s',
    (pattern) => {
      expect(portabilityProblems(pattern)).toEqual([]);
    },
  );
});
