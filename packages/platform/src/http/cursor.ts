import { createHmac, timingSafeEqual } from 'node:crypto';
import { cursorKey, cursorKeys } from '../runtime.ts';
import { HttpProblemError } from './problem.ts';

/** The 400 of a cursor that is not one this list gave out (or no longer reads). */
export const invalidCursor = (): HttpProblemError =>
  new HttpProblemError(400, 'invalid-cursor', 'The cursor is not valid for this list', [{ path: 'query.cursor', message: 'invalid or tampered cursor' }]);

/**
 * Opaque, tamper-evident list cursors: the last evaluated key plus the query it belongs to,
 * signed with an HMAC. A cursor from another query or an edited one is a 400. While a key is
 * rotated, a cursor signed with the previous key (`CURSOR_KEY_PREVIOUS`) is still accepted.
 */
export function encodeCursor(key: Record<string, unknown> | undefined, scope: string): string | null {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify({ k: key, s: scope })).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

export function decodeCursor(cursor: string | undefined, scope: string): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  const [payload, mac, extra] = cursor.split('.');
  if (!payload || !mac || extra !== undefined || cursor.length > 2048) throw invalidCursor();
  const given = Buffer.from(mac);
  // Signed with the current key, or during a rotation with the previous one; new cursors use the current.
  const signedBy = (key: string) => {
    const expected = Buffer.from(sign(payload, key));
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  if (!cursorKeys().some(signedBy)) throw invalidCursor();
  let decoded: { k?: unknown; s?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (decoded.s !== scope || typeof decoded.k !== 'object' || decoded.k === null) throw invalidCursor();
  return decoded.k as Record<string, unknown>;
}

const sign = (payload: string, key = cursorKey()) => createHmac('sha256', key).update(payload).digest('base64url');
