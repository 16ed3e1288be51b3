import type { HttpResult } from './problem.ts';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** A JSON response. */
export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { ...JSON_HEADERS, ...headers },
  body: JSON.stringify(body),
});
export const ok = (body: unknown, headers: Record<string, string> = {}) => json(200, body, headers);
export const created = (body: unknown, location: string, headers: Record<string, string> = {}) => json(201, body, { location, ...headers });
export const accepted = (body: unknown, headers: Record<string, string> = {}) => json(202, body, headers);
