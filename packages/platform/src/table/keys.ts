import { createHash } from 'node:crypto';

/** DynamoDB's limits on a key attribute's UTF-8 length (table and index keys alike). */
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;

/** What a hashed key component starts with; no value a key is built from contains `:` after this. */
export const HASHED_KEY_MARKER = 'SHA256:';

export const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * A key attribute `<prefix><value>` that fits DynamoDB's limit for any value: a key within
 * `limit` bytes is exactly today's key (so no stored item is orphaned: a longer one could never
 * be written); a longer one becomes `<prefix>SHA256:<base64url of SHA-256(value)>`. Equal
 * values still give equal keys. Hashed keys are rare (only normalisation can expand a schema-valid
 * value that far), and cannot equal an unhashed one: the values hashed here never contain `SHA256:`.
 * @example boundedKey('ORGKEY#legalName#', 'acme') // 'ORGKEY#legalName#acme'
 */
export function boundedKey(prefix: string, value: string, limit: number = MAX_PARTITION_KEY_BYTES): string {
  const key = `${prefix}${value}`;
  if (utf8Length(key) <= limit) return key;
  const hashed = `${prefix}${HASHED_KEY_MARKER}${createHash('sha256').update(value, 'utf8').digest('base64url')}`;
  if (utf8Length(hashed) > limit) throw new Error(`Key prefix too long for a ${limit}-byte key: ${prefix.slice(0, 64)}`);
  return hashed;
}

/** A partition key within MAX_PARTITION_KEY_BYTES (see boundedKey). */
export const partitionKey = (prefix: string, value: string): string => boundedKey(prefix, value, MAX_PARTITION_KEY_BYTES);
/** A sort key within MAX_SORT_KEY_BYTES (see boundedKey). */
export const sortKey = (prefix: string, value: string): string => boundedKey(prefix, value, MAX_SORT_KEY_BYTES);
