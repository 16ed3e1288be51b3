/** What the meter remembers of an item it has seen, and how key values are compared. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** What the meter remembers of an item: the size of each attribute and its key values. */
export interface Image {
  /** Attribute name → name bytes + value bytes. */
  attrs: Map<string, number>;
  /** Scalar values of key attributes (table and index keys), as text. */
  keys: Map<string, string>;
}

export const imageSize = (image: Image): number => [...image.attrs.values()].reduce((a, b) => a + b, 0);

/** `wire`: AttributeValue maps (low-level client); `native`: unmarshalled values (document client). */
export type Form = 'wire' | 'native';

export type AnyItem = Record<string, unknown>;

/** A scalar key value as text (`S:`, `N:`, `B:` prefixed in the wire form). */
export function scalarText(v: unknown, form: Form): string | undefined {
  if (form === 'native') return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? String(v) : undefined;
  const av = v as AttributeValue | undefined;
  if (av?.S !== undefined) return `S:${av.S}`;
  if (av?.N !== undefined) return `N:${av.N}`;
  if (av?.B !== undefined) return `B:${Buffer.from(av.B).toString('base64')}`;
  return undefined;
}

export const normalKey = (text: string | undefined, form: Form): string | undefined =>
  text === undefined ? undefined : form === 'native' ? text : text.slice(2);
