/**
 * Item sizes and capacity units by DynamoDB's published rules (DynamoDB Developer Guide: "Item
 * sizes and formats", "Read/write capacity mode"). Pure arithmetic: no SDK, no state.
 *
 * - Item size: sum over attributes of UTF-8 name bytes + value size. String = UTF-8 bytes;
 *   number = ceil(significant digits / 2) + 1; binary = raw bytes; boolean, null = 1;
 *   list, map = 3 + sum of elements + 1 per element (map keys count their UTF-8 bytes);
 *   sets = sum of their elements.
 * - Reads: one unit per 4 KB, rounded up; eventually consistent reads cost half, transactional
 *   reads twice. Writes: one unit per 1 KB, rounded up; transactional writes twice.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export const READ_UNIT_BYTES = 4096;
export const WRITE_UNIT_BYTES = 1024;

export const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');
/** Size of a DynamoDB number: ceil(significant digits / 2) + 1 bytes. */
export function numberSize(text: string): number {
  let mantissa = text.trim().replace(/^[+-]/, '');
  const exp = mantissa.search(/[eE]/);
  if (exp >= 0) mantissa = mantissa.slice(0, exp);
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

const binarySize = (b: unknown): number => (b instanceof Uint8Array ? b.byteLength : typeof b === 'string' ? Buffer.from(b, 'base64').byteLength : 0);

/** Size of one value in the wire (AttributeValue) form, without its attribute name. */
export function attributeValueSize(v: AttributeValue): number {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return binarySize(v.B);
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.L !== undefined) return v.L.reduce((n, e) => n + 1 + attributeValueSize(e), 3);
  if (v.M !== undefined) return Object.entries(v.M).reduce((n, [k, e]) => n + 1 + utf8(k) + attributeValueSize(e), 3);
  if (v.SS !== undefined) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if (v.NS !== undefined) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if (v.BS !== undefined) return v.BS.reduce((n, b) => n + binarySize(b), 0);
  return 0;
}

/** Size of one value as the document client returns it (unmarshalled JavaScript). */
export function nativeValueSize(v: unknown): number {
  if (v === null) return 1;
  switch (typeof v) {
    case 'string':
      return utf8(v);
    case 'number':
    case 'bigint':
      return numberSize(String(v));
    case 'boolean':
      return 1;
    case 'undefined':
    case 'function':
    case 'symbol':
      return 0;
  }
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...(v as Set<unknown>)].reduce<number>((n, e) => n + nativeValueSize(e), 0);
  if (Array.isArray(v)) return v.reduce<number>((n, e) => n + 1 + nativeValueSize(e), 3);
  const record = v as Record<string, unknown>;
  // NumberValue of @aws-sdk/lib-dynamodb (wrapNumbers): a number kept as text.
  if (typeof record.value === 'string' && Object.keys(record).length === 1 && /^[-+0-9.eE]+$/.test(record.value)) return numberSize(record.value);
  return Object.entries(record).reduce((n, [k, e]) => (e === undefined || typeof e === 'function' ? n : n + 1 + utf8(k) + nativeValueSize(e)), 3);
}

/** Size of an item in the wire form: attribute names plus values. */
export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((n, [k, v]) => n + utf8(k) + attributeValueSize(v), 0);
}

/** Size of an item as the document client returns it. */
export function nativeItemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((n, [k, v]) => (v === undefined ? n : n + utf8(k) + nativeValueSize(v)), 0);
}

export const readUnits = (bytes: number, consistent: boolean, transactional = false): number =>
  Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * (transactional ? 2 : consistent ? 1 : 0.5);

export const writeUnits = (bytes: number, transactional = false): number => Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES)) * (transactional ? 2 : 1);
