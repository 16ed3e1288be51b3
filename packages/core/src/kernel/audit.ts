/** Who or what made a change: a user (by token subject) or the system. */
export interface Actor {
  sub: string;
  roles: string[];
  partnerId?: string;
}

export const SYSTEM_ACTOR: Actor = { sub: 'system', roles: ['system'] };

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields that differ between two versions of a record, for the audit trail.
 * @example diffFields({ a: 1 }, { a: 2 }, ['a']) // [{ field: 'a', from: 1, to: 2 }]
 */
export function diffFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields.filter((f) => !same(before[f], after[f])).map((f) => ({ field: f, from: before[f] ?? null, to: after[f] ?? null }));
}
