/** Estimates the item an UpdateItem leaves behind from its before image and its update expression. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type AnyItem, type Image, normalKey, scalarText } from './images.ts';
import { attributeValueSize, utf8 } from './sizes.ts';

/** Splits on commas that are not inside parentheses. */
export function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * Applies a (simple) update expression to a before image to estimate the after image.
 * `keyAttributes` are the table and index key attributes whose values the image keeps.
 */
export function applyUpdate(before: Image | undefined, input: AnyItem, keyAttributes: ReadonlySet<string>): { image: Image; notes: string[] } {
  const notes: string[] = [];
  const image: Image = { attrs: new Map(before?.attrs ?? []), keys: new Map(before?.keys ?? []) };
  const keyItem = (input.Key ?? {}) as AnyItem;
  for (const [name, value] of Object.entries(keyItem)) {
    image.attrs.set(name, utf8(name) + attributeValueSize(value as AttributeValue));
    const text = normalKey(scalarText(value, 'wire'), 'wire');
    if (text !== undefined) image.keys.set(name, text);
  }
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
  const resolve = (path: string) => {
    const p = path.trim();
    if (/[.[]/.test(p)) notes.push(`nested path ${p}: sized at the top-level attribute`);
    const top = p.split(/[.[]/)[0] as string;
    return names[top] ?? top;
  };
  const valueSize = (expr: string, current: string): number => {
    const e = expr.trim();
    if (/^:\w+$/.test(e)) return values[e] ? attributeValueSize(values[e]) : 0;
    const ifNotExists = /^if_not_exists\s*\(\s*([^,]+),\s*(:\w+)\s*\)$/i.exec(e);
    if (ifNotExists) {
      const existing = image.attrs.get(current);
      return existing !== undefined ? existing - utf8(current) : valueSize(ifNotExists[2] as string, current);
    }
    notes.push(`update value "${e}": sized from the values it uses`);
    return (e.match(/:\w+/g) ?? []).reduce((n, v) => n + (values[v] ? attributeValueSize(values[v]) : 0), image.attrs.get(current) ?? 0);
  };
  const expression = String(input.UpdateExpression ?? '');
  const clauses = expression.split(/(?:^|\s)(SET|REMOVE|ADD|DELETE)\s/i).map((s) => s.trim());
  for (let i = 1; i < clauses.length; i += 2) {
    const verb = (clauses[i] as string).toUpperCase();
    for (const part of splitTop(clauses[i + 1] ?? '')) {
      if (verb === 'SET') {
        const eq = part.indexOf('=');
        const name = resolve(part.slice(0, eq));
        image.attrs.set(name, utf8(name) + valueSize(part.slice(eq + 1), name));
        const v = values[part.slice(eq + 1).trim()];
        if (v && keyAttributes.has(name)) {
          const text = normalKey(scalarText(v, 'wire'), 'wire');
          if (text !== undefined) image.keys.set(name, text);
        }
      } else if (verb === 'REMOVE') {
        const name = resolve(part);
        image.attrs.delete(name);
        image.keys.delete(name);
      } else {
        const [path, val] = part.split(/\s+/);
        const name = resolve(path ?? '');
        const add = val && values[val] ? attributeValueSize(values[val]) : 0;
        const existing = image.attrs.get(name);
        if (verb === 'ADD') image.attrs.set(name, existing !== undefined ? Math.max(existing, utf8(name) + add) : utf8(name) + add);
        if (verb === 'ADD' && values[val ?? '']?.N === undefined) notes.push(`ADD to set ${name}: sized as the larger of the set and the added elements`);
      }
    }
  }
  return { image, notes };
}
