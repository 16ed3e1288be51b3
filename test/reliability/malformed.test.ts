import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, Caller } from '../support/stack.ts';
import { partnerBody, useStack } from '../support/stack.ts';
import { applicationBody } from '../support/onboarding.ts';
import { UNKNOWN_PARTNER, admitted, expectProblem, flipChar, foreignKeyToken, rawRequest } from './helpers.ts';

const t = useStack();

/** What every case may use: real records, real cursors and callers, made once. */
interface Fixture {
  admin: Caller;
  finance: Caller;
  partnerAdmin: Caller;
  partnerSales: Caller;
  partner: { id: string; etag: string };
  user: { id: string; etag: string };
  /** A real cursor of `GET /partners?country=MT&limit=1`. */
  countryCursor: string;
  /** A real cursor of `GET /partners/{id}/users?limit=1`. */
  usersCursor: string;
  foreignToken: string;
  /** The onboarding settings as read (the built-in defaults), without their read-only fields, and their ETag. */
  settings: { body: Record<string, unknown>; etag: string };
}
const f = {} as Fixture;

const json = (caller: Caller, method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  caller.call(method, path, { body, headers });
const raw = (caller: Caller, method: string, path: string, text: string, contentType = 'application/json') =>
  caller.call(method, path, { raw: text, headers: { 'content-type': contentType } });
const patchPartner = (body: unknown, caller = f.admin) => json(caller, 'PATCH', `/partners/${f.partner.id}`, body, { 'if-match': f.partner.etag });
const addUser = (body: unknown) => json(f.admin, 'POST', `/partners/${f.partner.id}/users`, body);
const user = (overrides: Record<string, unknown> = {}) => ({
  email: `u-${randomUUID().slice(0, 8)}@acme.example`,
  givenName: 'Una',
  familyName: 'User',
  roles: ['partner-user'],
  ...overrides,
});
/** POST /applications is public and throttled: each case applies from an address of its own, and waits out the route's bucket. */
const apply = (send: (applicant: Caller) => Promise<ApiResponse>) => admitted(t.stack.clock, () => send(t.applicant()));
const submit = (body: unknown) => apply((c) => json(c, 'POST', '/applications', body));
const submitRaw = (text: string, contentType?: string) =>
  apply((c) => c.call('POST', '/applications', { raw: text, headers: contentType ? { 'content-type': contentType } : {} }));
const putSettings = (overrides: Record<string, unknown>, headers: Record<string, string> = { 'if-match': f.settings.etag }) =>
  json(f.admin, 'PUT', '/programme/onboarding', { ...f.settings.body, ...overrides }, headers);
const publish = (body: unknown) => json(f.admin, 'POST', '/programme/agreements', body);
/** PUT of a vocabulary list (both are at version 0 here: no list defined yet). */
const putTiers = (body: unknown, headers: Record<string, string> = { 'if-match': '"tiers.v0"' }) => json(f.admin, 'PUT', '/programme/tiers', body, headers);
const putLines = (body: unknown) => json(f.admin, 'PUT', '/programme/product-lines', body, { 'if-match': '"product-lines.v0"' });
const items = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, name: `Item ${i}` }));
const XSS = '<script>alert(1)</script>';

beforeAll(async () => {
  f.admin = await t.as('vendor-admin');
  f.finance = await t.as('finance');
  const p = await f.admin.call('POST', '/partners', { body: partnerBody({ country: 'MT' }) });
  await f.admin.call('POST', '/partners', { body: partnerBody({ country: 'MT' }) });
  f.partner = { id: p.body.id, etag: p.headers.get('etag')! };
  const u = await addUser(user());
  await addUser(user());
  f.user = { id: u.body.id, etag: u.headers.get('etag')! };
  f.partnerAdmin = await t.as('partner-admin', { partnerId: f.partner.id });
  f.partnerSales = await t.as('partner-sales', { partnerId: f.partner.id });
  f.countryCursor = (await f.admin.call('GET', '/partners?country=MT&limit=1')).body.nextCursor;
  f.usersCursor = (await f.admin.call('GET', `/partners/${f.partner.id}/users?limit=1`)).body.nextCursor;
  expect(f.countryCursor).toEqual(expect.any(String));
  expect(f.usersCursor).toEqual(expect.any(String));
  f.foreignToken = await foreignKeyToken();
  const settings = await f.admin.call('GET', '/programme/onboarding');
  const { updatedAt: _updatedAt, version: _version, ...body } = settings.body as Record<string, unknown>;
  f.settings = { body, etag: settings.headers.get('etag')! };
  expect(f.settings.etag).toBe('"onboarding-settings.v0"');
});

interface Case {
  name: string;
  send: () => Promise<ApiResponse>;
  status: number;
  type: string;
  /** For validation failures: the field path that must be named in `errors[].path`. */
  path?: string;
}

const pad = (n: number) => 'x'.repeat(n);

const cases: Case[] = [
  // Body parsing: not JSON, or JSON that is not an object.
  { name: 'truncated JSON', send: () => raw(f.admin, 'POST', '/partners', '{"legalName": "Acme"'), status: 400, type: 'malformed-json', path: 'body' },
  {
    name: 'JSON with a trailing comma',
    send: () => raw(f.admin, 'POST', '/partners', '{"legalName": "Acme",}'),
    status: 400,
    type: 'malformed-json',
    path: 'body',
  },
  { name: 'JSON null as the body', send: () => raw(f.admin, 'POST', '/partners', 'null'), status: 400, type: 'validation-failed', path: 'body' },
  { name: 'a JSON array as the body', send: () => raw(f.admin, 'POST', '/partners', '[]'), status: 400, type: 'validation-failed', path: 'body' },
  { name: 'a JSON string as the body', send: () => raw(f.admin, 'POST', '/partners', '"Acme"'), status: 400, type: 'validation-failed', path: 'body' },
  {
    name: 'JSON nested 30 000 levels deep',
    send: () => raw(f.admin, 'POST', '/partners', `${'['.repeat(30_000)}${']'.repeat(30_000)}`),
    status: 400,
    type: 'malformed-json',
    path: 'body',
  },
  // Unpaired surrogates are not Unicode text (RFC 7493): they cannot be stored or exported as UTF-8.
  {
    name: 'unpaired high surrogate in legalName',
    send: () => raw(f.admin, 'POST', '/partners', JSON.stringify(partnerBody()).replace(/"legalName":"/, '"legalName":"\\ud800')),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  {
    name: 'unpaired low surrogate in a custom attribute',
    send: () => raw(f.admin, 'PATCH', `/partners/${f.partner.id}`, '{"customAttributes":{"note":"x\\udfff"}}'),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  // Prototype keys are refused wherever they appear.
  {
    name: '__proto__ key at the top',
    send: () => raw(f.admin, 'POST', '/partners', JSON.stringify(partnerBody()).replace(/^\{/, '{"__proto__":{"isVendor":true},')),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  {
    name: 'constructor key nested in customAttributes',
    send: () => raw(f.admin, 'POST', '/partners', JSON.stringify({ ...partnerBody(), customAttributes: { constructor: 'x' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  {
    name: 'prototype key in a PATCH',
    send: () => raw(f.admin, 'PATCH', `/partners/${f.partner.id}`, '{"prototype":{"x":1}}'),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  // Media type and size.
  {
    name: 'text/plain body',
    send: () => raw(f.admin, 'POST', '/partners', JSON.stringify(partnerBody()), 'text/plain'),
    status: 415,
    type: 'unsupported-media-type',
  },
  {
    name: 'form-encoded body',
    send: () => raw(f.admin, 'POST', '/partners', 'legalName=Acme', 'application/x-www-form-urlencoded'),
    status: 415,
    type: 'unsupported-media-type',
  },
  {
    name: 'a body without content-type',
    send: () => rawRequest(t.url, 'POST', '/partners', { authorization: `Bearer ${f.admin.token}` }, JSON.stringify(partnerBody())),
    status: 415,
    type: 'unsupported-media-type',
  },
  {
    name: 'a body over 64 KB',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ legalName: pad(65 * 1024) })),
    status: 413,
    type: 'body-too-large',
  },
  // Wrong types.
  {
    name: 'legalName is a number',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ legalName: 123 })),
    status: 400,
    type: 'validation-failed',
    path: 'body.legalName',
  },
  {
    name: 'locations is a string',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ locations: 'Berlin' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.locations',
  },
  {
    name: 'leadCapacity is a numeric string',
    send: () => patchPartner({ leadCapacity: '5' }),
    status: 400,
    type: 'validation-failed',
    path: 'body.leadCapacity',
  },
  {
    name: 'roles is a string, not an array',
    send: () => addUser(user({ roles: 'partner-admin' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.roles',
  },
  {
    name: 'latitude out of range',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ locations: [{ country: 'DE', coordinates: { lat: 91, lon: 0 } }] })),
    status: 400,
    type: 'validation-failed',
    path: 'body.locations.0.coordinates.lat',
  },
  // Unknown fields, in the body (top level and nested) and in the query.
  {
    name: 'unknown body field',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ isVip: true })),
    status: 400,
    type: 'validation-failed',
    path: 'body.isVip',
  },
  {
    name: 'id in a create body',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ id: 'ptr_01ARZ3NDEKTSV4RRFFQ69G5FAV' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.id',
  },
  {
    name: 'unknown nested field locations[0].foo',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ locations: [{ country: 'DE', foo: 1 }] })),
    status: 400,
    type: 'validation-failed',
    path: 'body.locations.0.foo',
  },
  {
    name: 'status in a PATCH (commands change status)',
    send: () => patchPartner({ status: 'terminated' }),
    status: 400,
    type: 'validation-failed',
    path: 'body.status',
  },
  {
    name: 'unknown query parameter on a list',
    send: () => f.admin.call('GET', '/partners?sort=name'),
    status: 400,
    type: 'validation-failed',
    path: 'query.sort',
  },
  {
    name: 'unknown query parameter on users',
    send: () => f.admin.call('GET', `/partners/${f.partner.id}/users?status=active`),
    status: 400,
    type: 'validation-failed',
    path: 'query.status',
  },
  {
    name: '__proto__ as a query parameter',
    send: () => f.admin.call('GET', '/partners?__proto__=x'),
    status: 400,
    type: 'validation-failed',
    path: 'query.__proto__',
  },
  {
    name: 'constructor as a query parameter',
    send: () => f.admin.call('GET', '/partners?constructor=x'),
    status: 400,
    type: 'validation-failed',
    path: 'query.constructor',
  },
  {
    name: 'unknown query value on a public route',
    send: () => t.anonymous.call('GET', '/docs?asset=evil.js'),
    status: 400,
    type: 'validation-failed',
    path: 'query.asset',
  },
  // Oversized strings and collections.
  {
    name: 'legalName of 201 characters',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ legalName: pad(201) })),
    status: 400,
    type: 'validation-failed',
    path: 'body.legalName',
  },
  {
    name: 'custom attribute value of 501 characters',
    send: () => patchPartner({ customAttributes: { note: pad(501) } }),
    status: 400,
    type: 'validation-failed',
    path: 'body.customAttributes.note',
  },
  {
    name: 'e-mail over 254 characters',
    send: () => addUser(user({ email: `${pad(250)}@acme.example` })),
    status: 400,
    type: 'validation-failed',
    path: 'body.email',
  },
  {
    name: '201 territories',
    send: () => patchPartner({ territories: Array.from({ length: 201 }, () => 'DE') }),
    status: 400,
    type: 'validation-failed',
    path: 'body.territories',
  },
  // Found by the fuzz suite (test/reliability/fuzz.test.ts): finite doubles DynamoDB cannot store were a 500.
  {
    name: 'a custom attribute number below what DynamoDB stores (1e-200)',
    send: () => patchPartner({ customAttributes: { ratio: 1e-200 } }),
    status: 400,
    type: 'validation-failed',
    path: 'body.customAttributes.ratio',
  },
  {
    name: 'a custom attribute number above what DynamoDB stores (1e300)',
    send: () => patchPartner({ customAttributes: { seats: 1e300 } }),
    status: 400,
    type: 'validation-failed',
    path: 'body.customAttributes.seats',
  },
  {
    name: 'a coordinate below what DynamoDB stores (lat 1e-233)',
    send: () => patchPartner({ locations: [{ country: 'DE', coordinates: { lat: -1.361142558781749e-233, lon: 0 } }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.locations.0.coordinates.lat',
  },
  {
    name: '51 custom attributes',
    send: () => patchPartner({ customAttributes: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`a${i}`, i])) }),
    status: 400,
    type: 'validation-failed',
    path: 'body.customAttributes',
  },
  {
    name: 'five roles for one user',
    send: () => addUser(user({ roles: ['partner-admin', 'partner-sales', 'partner-marketing', 'partner-user', 'partner-user'] })),
    status: 400,
    type: 'validation-failed',
    path: 'body.roles',
  },
  {
    name: 'duplicate roles',
    send: () => addUser(user({ roles: ['partner-user', 'partner-user'] })),
    status: 400,
    type: 'validation-failed',
    path: 'body.roles',
  },
  // Enumerations and formats.
  {
    name: 'unknown partner type',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ type: 'wholesaler' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.type',
  },
  {
    name: 'vendor role for a partner user',
    send: () => addUser(user({ roles: ['vendor-admin'] })),
    status: 400,
    type: 'validation-failed',
    path: 'body.roles.0',
  },
  { name: 'unknown status filter', send: () => f.admin.call('GET', '/partners?status=deleted'), status: 400, type: 'validation-failed', path: 'query.status' },
  {
    name: 'lower-case country code',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ country: 'de' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.country',
  },
  {
    name: 'web domain that is not a domain',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ webDomain: 'http://acme.example/' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.webDomain',
  },
  // Numbers.
  { name: 'negative leadCapacity', send: () => patchPartner({ leadCapacity: -1 }), status: 400, type: 'validation-failed', path: 'body.leadCapacity' },
  { name: 'fractional leadCapacity', send: () => patchPartner({ leadCapacity: 1.5 }), status: 400, type: 'validation-failed', path: 'body.leadCapacity' },
  {
    name: 'leadCapacity above its bound',
    send: () => patchPartner({ leadCapacity: 10_001 }),
    status: 400,
    type: 'validation-failed',
    path: 'body.leadCapacity',
  },
  // Control characters (inside the value: trimming must not hide them).
  {
    name: 'BEL inside legalName',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ legalName: 'Ac\u0007me Ltd' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.legalName',
  },
  { name: 'NUL inside givenName', send: () => addUser(user({ givenName: 'U\u0000na' })), status: 400, type: 'validation-failed', path: 'body.givenName' },
  {
    name: 'newline inside a city',
    send: () => patchPartner({ locations: [{ country: 'DE', city: 'Ber\nlin' }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.locations.0.city',
  },
  {
    name: 'C1 control (CSI) inside legalName',
    send: () => json(f.admin, 'POST', '/partners', partnerBody({ legalName: 'Acme \u009b31m Ltd' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.legalName',
  },
  { name: 'DEL inside familyName', send: () => addUser(user({ familyName: 'Us\u007fer' })), status: 400, type: 'validation-failed', path: 'body.familyName' },
  { name: 'a name that is only blanks', send: () => patchPartner({ displayName: '   ' }), status: 400, type: 'validation-failed', path: 'body.displayName' },
  // Empty updates.
  { name: 'empty PATCH object', send: () => patchPartner({}), status: 400, type: 'validation-failed', path: 'body' },
  {
    name: 'PATCH without a body',
    send: () => f.admin.call('PATCH', `/partners/${f.partner.id}`, { headers: { 'if-match': f.partner.etag } }),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  {
    name: 'empty PATCH of a user',
    send: () => json(f.admin, 'PATCH', `/partners/${f.partner.id}/users/${f.user.id}`, {}, { 'if-match': f.user.etag }),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  // Conditional updates: a missing or foreign If-Match changes nothing.
  {
    name: 'PATCH without If-Match',
    send: () => json(f.admin, 'PATCH', `/partners/${f.partner.id}`, { displayName: 'x' }),
    status: 428,
    type: 'precondition-required',
  },
  {
    name: 'PATCH with a garbage If-Match',
    send: () => json(f.admin, 'PATCH', `/partners/${f.partner.id}`, { displayName: 'x' }, { 'if-match': 'garbage' }),
    status: 412,
    type: 'precondition-failed',
  },
  {
    name: "PATCH with another record's ETag",
    send: () => json(f.admin, 'PATCH', `/partners/${f.partner.id}`, { displayName: 'x' }, { 'if-match': f.user.etag }),
    status: 412,
    type: 'precondition-failed',
  },
  // Bad ids in the path are "not found".
  { name: 'short partner id', send: () => f.admin.call('GET', '/partners/ptr_123'), status: 404, type: 'not-found', path: 'path.id' },
  { name: 'user id where a partner id belongs', send: () => f.admin.call('GET', `/partners/${f.user.id}`), status: 404, type: 'not-found', path: 'path.id' },
  {
    name: 'lower-case ULID',
    send: () => f.admin.call('GET', `/partners/${`ptr_${f.partner.id.slice(4).toLowerCase()}`}`),
    status: 404,
    type: 'not-found',
    path: 'path.id',
  },
  {
    name: 'ULID with an excluded letter (I)',
    send: () => f.admin.call('GET', `/partners/ptr_${'I'.repeat(26)}`),
    status: 404,
    type: 'not-found',
    path: 'path.id',
  },
  {
    name: 'bad user id under a real partner',
    send: () => f.admin.call('GET', `/partners/${f.partner.id}/users/not-a-user`),
    status: 404,
    type: 'not-found',
    path: 'path.userId',
  },
  {
    name: 'encoded slash in an id',
    send: () => f.admin.call('PATCH', `/partners/${f.partner.id}%2F..`, { body: { displayName: 'x' }, headers: { 'if-match': f.partner.etag } }),
    status: 404,
    type: 'not-found',
    path: 'path.id',
  },
  {
    name: 'suspend an unknown partner with an Idempotency-Key',
    send: () => json(f.admin, 'POST', `/partners/${UNKNOWN_PARTNER}/suspend`, { reason: 'x' }, { 'idempotency-key': randomUUID() }),
    status: 404,
    type: 'not-found',
  },
  // Cursors are tamper-evident and bound to their list and filter.
  {
    name: 'cursor with a flipped payload character',
    send: () => f.admin.call('GET', `/partners?country=MT&limit=1&cursor=${flipChar(f.countryCursor, 5)}`),
    status: 400,
    type: 'invalid-cursor',
    path: 'query.cursor',
  },
  {
    name: 'cursor with a flipped signature character',
    send: () => f.admin.call('GET', `/partners?country=MT&limit=1&cursor=${flipChar(f.countryCursor, f.countryCursor.length - 3)}`),
    status: 400,
    type: 'invalid-cursor',
    path: 'query.cursor',
  },
  {
    name: 'cursor of another filter',
    send: () => f.admin.call('GET', `/partners?country=DE&limit=1&cursor=${f.countryCursor}`),
    status: 400,
    type: 'invalid-cursor',
    path: 'query.cursor',
  },
  {
    name: 'cursor of the same list without its filter',
    send: () => f.admin.call('GET', `/partners?limit=1&cursor=${f.countryCursor}`),
    status: 400,
    type: 'invalid-cursor',
    path: 'query.cursor',
  },
  {
    name: 'cursor of another list (users → history)',
    send: () => f.admin.call('GET', `/partners/${f.partner.id}/history?cursor=${f.usersCursor}`),
    status: 400,
    type: 'invalid-cursor',
    path: 'query.cursor',
  },
  { name: 'cursor that is not a cursor', send: () => f.admin.call('GET', '/partners?cursor=abc'), status: 400, type: 'invalid-cursor', path: 'query.cursor' },
  {
    name: 'cursor over 2048 characters',
    send: () => f.admin.call('GET', `/partners?cursor=${pad(2049)}`),
    status: 400,
    type: 'validation-failed',
    path: 'query.cursor',
  },
  // Page sizes.
  { name: 'limit=0', send: () => f.admin.call('GET', '/partners?limit=0'), status: 400, type: 'validation-failed', path: 'query.limit' },
  { name: 'limit=201', send: () => f.admin.call('GET', '/partners?limit=201'), status: 400, type: 'validation-failed', path: 'query.limit' },
  {
    name: 'limit=abc',
    send: () => f.admin.call('GET', `/partners/${f.partner.id}/users?limit=abc`),
    status: 400,
    type: 'validation-failed',
    path: 'query.limit',
  },
  {
    name: 'limit=2.5',
    send: () => f.admin.call('GET', `/partners/${f.partner.id}/history?limit=2.5`),
    status: 400,
    type: 'validation-failed',
    path: 'query.limit',
  },
  { name: 'limit given twice', send: () => f.admin.call('GET', '/partners?limit=1&limit=2'), status: 400, type: 'validation-failed', path: 'query.limit' },
  // Authentication: missing, garbage, foreign.
  { name: 'no token', send: () => json(t.anonymous, 'POST', '/partners', partnerBody()), status: 401, type: 'unauthorized' },
  {
    name: 'garbage token',
    send: () =>
      rawRequest(t.url, 'POST', '/partners', { authorization: 'Bearer not.a.jwt', 'content-type': 'application/json' }, JSON.stringify(partnerBody())),
    status: 401,
    type: 'unauthorized',
  },
  {
    name: 'Basic instead of Bearer',
    send: () =>
      rawRequest(t.url, 'POST', '/partners', { authorization: `Basic ${f.admin.token}`, 'content-type': 'application/json' }, JSON.stringify(partnerBody())),
    status: 401,
    type: 'unauthorized',
  },
  {
    name: 'token signed by another key',
    send: () =>
      rawRequest(t.url, 'POST', '/partners', { authorization: `Bearer ${f.foreignToken}`, 'content-type': 'application/json' }, JSON.stringify(partnerBody())),
    status: 401,
    type: 'unauthorized',
  },
  // Authorisation: the role is not allowed.
  { name: 'finance creates a partner', send: () => json(f.finance, 'POST', '/partners', partnerBody()), status: 403, type: 'forbidden' },
  { name: 'partner-sales adds a user', send: () => json(f.partnerSales, 'POST', `/partners/${f.partner.id}/users`, user()), status: 403, type: 'forbidden' },
  { name: 'partner-admin sets its tier', send: () => patchPartner({ tier: 'platinum' }, f.partnerAdmin), status: 403, type: 'forbidden', path: 'tier' },
  // Headers.
  {
    name: 'Idempotency-Key with a space',
    send: () => json(f.admin, 'POST', '/partners', partnerBody(), { 'idempotency-key': 'two words' }),
    status: 400,
    type: 'validation-failed',
    path: 'header.idempotency-key',
  },
  {
    name: 'Idempotency-Key of 129 characters',
    send: () => json(f.admin, 'POST', '/partners', partnerBody(), { 'idempotency-key': pad(129) }),
    status: 400,
    type: 'validation-failed',
    path: 'header.idempotency-key',
  },
  // A body where the route takes none.
  {
    name: 'GET of a partner with a body',
    send: () =>
      rawRequest(t.url, 'GET', `/partners/${f.partner.id}`, { authorization: `Bearer ${f.admin.token}`, 'content-type': 'application/json' }, '{"x":1}'),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  {
    name: 'GET /me with a body',
    send: () => rawRequest(t.url, 'GET', '/me', { authorization: `Bearer ${f.admin.token}`, 'content-type': 'application/json' }, '{}'),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  // POST /applications (public, anonymous): each field wrong in turn.
  {
    name: 'application: legalName empty',
    send: () => submit(applicationBody({ company: { legalName: '' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.legalName',
  },
  {
    name: 'application: legalName only blanks',
    send: () => submit(applicationBody({ company: { legalName: '   ' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.legalName',
  },
  {
    name: 'application: legalName of 201 characters',
    send: () => submit(applicationBody({ company: { legalName: pad(201) } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.legalName',
  },
  {
    name: 'application: webDomain that is a URL',
    send: () => submit(applicationBody({ company: { webDomain: 'https://globex.example/' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.webDomain',
  },
  {
    name: 'application: webDomain without a dot',
    send: () => submit(applicationBody({ company: { webDomain: 'globex' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.webDomain',
  },
  {
    name: 'application: lower-case country',
    send: () => submit(applicationBody({ company: { country: 'gb' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.country',
  },
  {
    name: 'application: three-letter country',
    send: () => submit(applicationBody({ company: { country: 'GBR' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.country',
  },
  {
    name: 'application: address without line1',
    send: () => submit(applicationBody({ company: { address: { city: 'Leeds', postalCode: 'LS1 1AA' } } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.address.line1',
  },
  {
    name: 'application: address missing',
    send: () => submit(applicationBody({ company: { address: undefined } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.address',
  },
  {
    name: 'application: postal code with symbols',
    send: () => submit(applicationBody({ company: { address: { line1: '1 High Street', city: 'Leeds', postalCode: 'LS1 <1AA>' } } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.address.postalCode',
  },
  {
    name: 'application: taxId with symbols',
    send: () => submit(applicationBody({ company: { taxId: 'GB#123$456' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.taxId',
  },
  {
    name: 'application: unknown partnerType',
    send: () => submit(applicationBody({ partnerType: 'wholesaler' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.partnerType',
  },
  { name: 'application: no products', send: () => submit(applicationBody({ products: [] })), status: 400, type: 'validation-failed', path: 'body.products' },
  {
    name: 'application: duplicate products',
    send: () => submit(applicationBody({ products: ['networking', 'networking'] })),
    status: 400,
    type: 'validation-failed',
    path: 'body.products',
  },
  {
    name: 'application: a product that is not a key',
    send: () => submit(applicationBody({ products: ['networking', 'Cloud Stuff'] })),
    status: 400,
    type: 'validation-failed',
    path: 'body.products.1',
  },
  {
    name: 'application: products is a string',
    send: () => submit(applicationBody({ products: 'networking' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.products',
  },
  {
    name: 'application: no territories',
    send: () => submit(applicationBody({ territories: [] })),
    status: 400,
    type: 'validation-failed',
    path: 'body.territories',
  },
  {
    name: 'application: a territory that is not a code',
    send: () => submit(applicationBody({ territories: ['GB', 'United Kingdom'] })),
    status: 400,
    type: 'validation-failed',
    path: 'body.territories.1',
  },
  {
    name: 'application: contact e-mail invalid',
    send: () => submit(applicationBody({ contact: { email: 'grace-at-globex.example' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.contact.email',
  },
  {
    name: 'application: contact e-mail missing',
    send: () => submit(applicationBody({ contact: { email: undefined } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.contact.email',
  },
  {
    name: 'application: phone with letters',
    send: () => submit(applicationBody({ contact: { phone: '+44 CALL ME NOW' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.contact.phone',
  },
  {
    name: 'application: company missing',
    send: () => submit({ ...applicationBody(), company: undefined }),
    status: 400,
    type: 'validation-failed',
    path: 'body.company',
  },
  {
    name: 'application: unknown field at the top',
    send: () => submit(applicationBody({ status: 'approved' })),
    status: 400,
    type: 'validation-failed',
    path: 'body.status',
  },
  {
    name: 'application: unknown nested field company.extra',
    send: () => submit(applicationBody({ company: { extra: 'x' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.extra',
  },
  {
    name: 'application: unknown nested field contact.roles',
    send: () => submit(applicationBody({ contact: { roles: ['vendor-admin'] } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.contact.roles',
  },
  // POST /applications: markup and control characters in free text.
  {
    name: 'application: <script> in legalName',
    send: () => submit(applicationBody({ company: { legalName: XSS } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.legalName',
  },
  {
    name: 'application: <script> in tradingName',
    send: () => submit(applicationBody({ company: { tradingName: XSS } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.tradingName',
  },
  {
    name: 'application: <script> in address.city',
    send: () => submit(applicationBody({ company: { address: { line1: '1 High Street', city: XSS } } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.address.city',
  },
  {
    name: 'application: <script> in contact.givenName',
    send: () => submit(applicationBody({ contact: { givenName: XSS } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.contact.givenName',
  },
  {
    name: 'application: <script> in contact.jobTitle',
    send: () => submit(applicationBody({ contact: { jobTitle: XSS } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.contact.jobTitle',
  },
  {
    name: 'application: BEL inside legalName',
    send: () => submit(applicationBody({ company: { legalName: 'Glo\u0007bex Ltd' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.legalName',
  },
  {
    name: 'application: NUL inside contact.familyName',
    send: () => submit(applicationBody({ contact: { familyName: 'Hop\u0000per' } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.contact.familyName',
  },
  {
    name: 'application: newline inside address.line1',
    send: () => submit(applicationBody({ company: { address: { line1: '1 High\nStreet', city: 'Leeds' } } })),
    status: 400,
    type: 'validation-failed',
    path: 'body.company.address.line1',
  },
  // POST /applications: the body itself.
  {
    name: 'application: a body over 64 KB',
    send: () => submit(applicationBody({ company: { legalName: pad(65 * 1024) } })),
    status: 413,
    type: 'body-too-large',
  },
  { name: 'application: text/plain body', send: () => submitRaw(JSON.stringify(applicationBody()), 'text/plain'), status: 415, type: 'unsupported-media-type' },
  { name: 'application: a body without content-type', send: () => submitRaw(JSON.stringify(applicationBody())), status: 415, type: 'unsupported-media-type' },
  {
    name: 'application: truncated JSON',
    send: () => submitRaw(JSON.stringify(applicationBody()).slice(0, -2), 'application/json'),
    status: 400,
    type: 'malformed-json',
    path: 'body',
  },
  { name: 'application: no body', send: () => apply((c) => c.call('POST', '/applications')), status: 400, type: 'validation-failed', path: 'body.company' },
  { name: 'application: a JSON array as the body', send: () => submitRaw('[]', 'application/json'), status: 400, type: 'validation-failed', path: 'body' },
  {
    name: 'application: __proto__ key at the top',
    send: () => submitRaw(JSON.stringify(applicationBody()).replace(/^\{/, '{"__proto__":{"status":"approved"},'), 'application/json'),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  {
    name: 'application: __proto__ key inside company',
    send: () => submitRaw(JSON.stringify(applicationBody()).replace('"company":{', '"company":{"__proto__":{"isVendor":true},'), 'application/json'),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  {
    name: 'application: constructor key inside contact',
    send: () => submitRaw(JSON.stringify(applicationBody()).replace('"contact":{', '"contact":{"constructor":{"x":1},'), 'application/json'),
    status: 400,
    type: 'validation-failed',
    path: 'body',
  },
  // PUT /programme/onboarding: settings that contradict themselves.
  {
    name: 'settings: reminder on the acceptance deadline',
    send: () => putSettings({ agreementAcceptanceDays: 7, agreementReminderDays: 7 }),
    status: 400,
    type: 'validation-failed',
    path: 'body.agreementReminderDays',
  },
  {
    name: 'settings: reminder after the acceptance deadline',
    send: () => putSettings({ agreementAcceptanceDays: 5, agreementReminderDays: 10 }),
    status: 400,
    type: 'validation-failed',
    path: 'body.agreementReminderDays',
  },
  {
    name: 'settings: duplicate checklist item ids',
    send: () =>
      putSettings({
        checklist: [
          { id: 'kick-off', title: 'Kick-off call', kind: 'manual' },
          { id: 'kick-off', title: 'Another call', kind: 'manual' },
        ],
      }),
    status: 400,
    type: 'validation-failed',
    path: 'body.checklist',
  },
  {
    name: 'settings: unknown checklist kind',
    send: () => putSettings({ checklist: [{ id: 'party', title: 'Launch party', kind: 'party' }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.checklist.0.kind',
  },
  {
    name: 'settings: <script> in a checklist title',
    send: () => putSettings({ checklist: [{ id: 'kick-off', title: XSS, kind: 'manual' }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.checklist.0.title',
  },
  {
    name: 'settings: lower-case allowed country',
    send: () => putSettings({ allowedCountries: ['gb'] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.allowedCountries.0',
  },
  { name: 'settings: unknown field', send: () => putSettings({ autoApprove: true }), status: 400, type: 'validation-failed', path: 'body.autoApprove' },
  { name: 'settings: version in the body', send: () => putSettings({ version: 7 }), status: 400, type: 'validation-failed', path: 'body.version' },
  { name: 'settings: valid, without If-Match', send: () => putSettings({}, {}), status: 428, type: 'precondition-required' },
  {
    name: 'settings: valid, with a stale ETag',
    send: () => putSettings({}, { 'if-match': '"onboarding-settings.v9"' }),
    status: 412,
    type: 'precondition-failed',
  },
  // POST /programme/agreements.
  {
    name: 'agreement: neither text nor documentUrl',
    send: () => publish({ title: 'Channel Partner Agreement' }),
    status: 400,
    type: 'validation-failed',
    path: 'body.text',
  },
  {
    name: 'agreement: an http: documentUrl',
    send: () => publish({ title: 'Channel Partner Agreement', documentUrl: 'http://docs.vendor.example/agreement.pdf' }),
    status: 400,
    type: 'validation-failed',
    path: 'body.documentUrl',
  },
  {
    name: 'agreement: a javascript: documentUrl',
    send: () => publish({ title: 'Channel Partner Agreement', documentUrl: 'javascript:alert(1)' }),
    status: 400,
    type: 'validation-failed',
    path: 'body.documentUrl',
  },
  {
    name: 'agreement: upper-case documentSha256',
    send: () => publish({ title: 'Channel Partner Agreement', text: 'Terms', documentSha256: 'A'.repeat(64) }),
    status: 400,
    type: 'validation-failed',
    path: 'body.documentSha256',
  },
  {
    name: 'agreement: NUL inside the text',
    send: () => publish({ title: 'Channel Partner Agreement', text: 'Terms\u0000' }),
    status: 400,
    type: 'validation-failed',
    path: 'body.text',
  },
  { name: 'agreement: <script> in the title', send: () => publish({ title: XSS, text: 'Terms' }), status: 400, type: 'validation-failed', path: 'body.title' },
  // PUT /programme/tiers and /programme/product-lines.
  {
    name: 'tiers: a duplicate key',
    send: () =>
      putTiers({
        items: [
          { key: 'gold', name: 'Gold' },
          { key: 'silver', name: 'Silver' },
          { key: 'gold', name: 'Gold again' },
        ],
      }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items.2.key',
  },
  {
    name: 'tiers: an upper-case key',
    send: () => putTiers({ items: [{ key: 'Gold', name: 'Gold' }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items.0.key',
  },
  {
    name: 'tiers: a key starting with a digit',
    send: () => putTiers({ items: [{ key: '1st', name: 'First' }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items.0.key',
  },
  {
    name: 'tiers: an unknown field in an item',
    send: () => putTiers({ items: [{ key: 'gold', name: 'Gold', rank: 1 }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items.0.rank',
  },
  {
    name: 'tiers: an unknown field in the body',
    send: () => putTiers({ items: [], version: 3 }),
    status: 400,
    type: 'validation-failed',
    path: 'body.version',
  },
  { name: 'tiers: no items', send: () => putTiers({}), status: 400, type: 'validation-failed', path: 'body.items' },
  {
    name: 'tiers: an empty name',
    send: () => putTiers({ items: [{ key: 'gold', name: '   ' }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items.0.name',
  },
  {
    name: 'tiers: a name over 100 characters',
    send: () => putTiers({ items: [{ key: 'gold', name: pad(101) }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items.0.name',
  },
  { name: 'tiers: 51 items', send: () => putTiers({ items: items(51, 't') }), status: 400, type: 'validation-failed', path: 'body.items' },
  {
    name: 'tiers: valid, without If-Match',
    send: () => putTiers({ items: [{ key: 'gold', name: 'Gold' }] }, {}),
    status: 428,
    type: 'precondition-required',
  },
  {
    name: 'tiers: valid, with a stale ETag',
    send: () => putTiers({ items: [{ key: 'gold', name: 'Gold' }] }, { 'if-match': '"tiers.v4"' }),
    status: 412,
    type: 'precondition-failed',
  },
  {
    name: "tiers: the product lines' ETag",
    send: () => putTiers({ items: [{ key: 'gold', name: 'Gold' }] }, { 'if-match': '"product-lines.v0"' }),
    status: 412,
    type: 'precondition-failed',
  },
  {
    name: 'product lines: a duplicate key',
    send: () =>
      putLines({
        items: [
          { key: 'cloud', name: 'Cloud' },
          { key: 'cloud', name: 'Cloud' },
        ],
      }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items.1.key',
  },
  {
    name: 'product lines: a key with spaces',
    send: () => putLines({ items: [{ key: 'cloud stuff', name: 'Cloud stuff' }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items.0.key',
  },
  {
    name: 'product lines: <script> in a name',
    send: () => putLines({ items: [{ key: 'cloud', name: XSS }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items.0.name',
  },
  {
    name: 'product lines: a name with a control character',
    send: () => putLines({ items: [{ key: 'cloud', name: 'Clo\u0007ud' }] }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items.0.name',
  },
  {
    name: 'product lines: items is an object',
    send: () => putLines({ items: { cloud: 'Cloud' } }),
    status: 400,
    type: 'validation-failed',
    path: 'body.items',
  },
  { name: 'product lines: 501 items', send: () => putLines({ items: items(501, 'p') }), status: 400, type: 'validation-failed', path: 'body.items' },
];

describe('malformed requests get the right 4xx problem and write nothing', () => {
  let before = 0;
  beforeAll(async () => {
    before = await t.itemCount();
  });

  // Promise: bad input is a 4xx problem+json with a stable type and the field path, and writes nothing.
  it.each(cases)('$name → $status $type', async ({ send, status, type, path }) => {
    const count = await t.itemCount();
    const res = await send();
    expectProblem(res, status, type, path);
    expect(await t.itemCount()).toBe(count);
  });

  // Promise: the whole table of bad requests left the table exactly as it was.
  it('left the item count unchanged over the whole table', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(await t.itemCount()).toBe(before);
  });
});
