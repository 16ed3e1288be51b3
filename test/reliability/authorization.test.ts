import { beforeAll, describe, expect, it } from 'vitest';
import { PARTNER_ROLES, ROLES, type Role, isPartnerRole, isVendorRole } from '@channelbase/core';
import { type RouteSpec, partnerAccessOf } from '@channelbase/platform';
import type { ApiResponse, Caller } from '../support/stack.ts';
// The local runtime first: it sets the Lambda environment before the wirings load Powertools.
import { useStack } from '../support/stack.ts';
import { publishAgreement } from '../support/onboarding.ts';
import { contexts } from '../../functions/contexts.ts';
import { type MatrixFixtures, type MatrixSamples, type Org, contextSamples } from '../support/matrix.ts';
import { KICK_OFF, matrixFixtures, matrixSettings, paramKeys } from './matrix-fixtures.ts';
import { UNKNOWN_AGREEMENT, UNKNOWN_APPLICATION, UNKNOWN_PARTNER, UNKNOWN_USER, admitted, expectProblem, submitApplication } from './helpers.ts';

/**
 * The authorisation matrix, generated from the wirings: for every route of every context,
 * - a caller without a token gets 401 (public routes excepted: they answer without one);
 * - every role the route does not declare gets 403, and nothing is written;
 * - every vendor role it declares reaches it (2xx, or a conflict the route declares: never 401/403/404);
 * - on partner-scoped routes (`/partners/{id}/…`), a declared partner role gets 404 for another
 *   partner's objects, exactly as for ids that do not exist, and reaches its own partner's.
 * `/applications/{id}` addresses an application, not a partner: it is not partner-scoped.
 *
 * The fixtures are three partners made as onboarding makes them (an application approved, its
 * agreement accepted by the new partner-admin, which opens a checklist with a `manual` item), each
 * with one more partner user. Routes that change state may be called many times over, so the
 * samples keep each outcome stable: a fresh pending application for every decision, a fresh e-mail
 * for every new user, a fresh ETag for every conditional call; accepting the (already accepted)
 * agreement is 409, which counts as reached.
 */

const t = useStack();

/** Every route the wirings declare: what the stack deploys and the local server serves. */
const routes: RouteSpec[] = contexts.flatMap((w) => [...(w.api?.routes ?? [])] as RouteSpec[]);
const label = (r: RouteSpec) => `${r.method} ${r.path}`;
const guarded = routes.filter((r): r is RouteSpec & { auth: readonly Role[] } => r.auth !== 'public');
/** Routes addressing one partner (`/partners/{id}` and below); other `{id}`s (applications) are not partner-scoped. */
const partnerScoped = guarded.filter((r) => r.path === '/partners/{id}' || r.path.startsWith('/partners/{id}/'));

const settings = matrixSettings;

/**
 * The samples, one file per context beside its wiring (`functions/<ctx>/authorization.samples.ts`,
 * typed by test/support/matrix.ts): a request body per operation, a value per path parameter.
 */
const byContext = contextSamples();
const files = Object.entries(byContext);
/** Every key given by more than one file: the merge would lose one. */
const givenTwice = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);
const samples: MatrixSamples['bodies'] = Object.assign({}, ...files.map(([, f]) => f.bodies));
const pathParams: NonNullable<MatrixSamples['pathParams']> = Object.assign({}, ...files.map(([, f]) => f.pathParams ?? {}));
/** Operations the samples files declare deliberately open to every role, or closed to vendor-admin. */
const declaredOpen = files.flatMap(([, f]) => f.openToEveryRole ?? []);
const declaredPartnerOnly = files.flatMap(([, f]) => f.partnerOnly ?? []);
const declaredSeparated = files.flatMap(([, f]) => f.separatedFromVendorAdmin ?? []);

let vendor: Caller;
let A: Org;
let B: Org;
/** Vendor-side fixture for "vendor roles reach every route". */
let C: Org;
/** A suspended partner and a terminated one: the status gate. */
let S: Org;
let T: Org;
/** Ids that do not exist, in the place of an organisation. */
const UNKNOWN: Org = {
  id: UNKNOWN_PARTNER,
  userId: UNKNOWN_USER,
  adminUserId: UNKNOWN_USER,
  agreementId: UNKNOWN_AGREEMENT,
  itemId: 'no-such-item',
  applicationId: UNKNOWN_APPLICATION,
};

/** What the samples use (test/support/matrix.ts); read once the fixtures are made. */
const fixtures: MatrixFixtures = matrixFixtures(t, () => ({ vendor, vendorOrg: C }));

/** The path of a route for one organisation; unknown path parameters fail the test. */
async function pathFor(route: RouteSpec, org: Org, caller?: Caller): Promise<string> {
  const values: string[] = [];
  for (const key of paramKeys(route)) {
    const value = pathParams[key];
    if (!value) throw new Error(`No sample value for path parameter ${key} of ${label(route)}: add one to a functions/<ctx>/authorization.samples.ts`);
    values.push(await value(org, route, fixtures, caller));
  }
  return route.path.replace(/\{\w+\}/g, () => values.shift()!);
}

/** A request ready to send: made (and its fixtures written) before the table is counted. */
interface Prepared {
  method: string;
  path: string;
  body?: unknown;
  headers: Record<string, string>;
}

/**
 * The request of a route for one organisation. A conditional route gets the current ETag of
 * what it changes: a vendor's GET of the same path (or, for ids that do not exist, a well-formed one).
 */
async function prepare(route: RouteSpec, org: Org, caller?: Caller): Promise<Prepared> {
  expect(Object.keys(samples), `no sample body for ${route.operationId}: add one to its context's authorization.samples.ts`).toContain(route.operationId);
  const sample = samples[route.operationId];
  const path = await pathFor(route, org, caller);
  const etag = route.conditional ? ((await vendor.call('GET', path)).headers.get('etag') ?? `"${path.split('/').at(-1)}.v1"`) : undefined;
  return { method: route.method, path, ...(sample ? { body: await sample(fixtures) } : {}), headers: etag ? { 'if-match': etag } : {} };
}

const send = (caller: Caller, req: Prepared): Promise<ApiResponse> =>
  caller.call(req.method, req.path, { ...(req.body !== undefined ? { body: req.body } : {}), headers: req.headers });
const callRoute = async (caller: Caller, route: RouteSpec, org: Org) => send(caller, await prepare(route, org, caller));

/** Reached: not refused (401/403), not hidden (404), no server error; a success, or a conflict the route declares (e.g. accepting twice). */
function expectReached(res: ApiResponse, route: RouteSpec): void {
  expect([401, 403, 404], res.text).not.toContain(res.status);
  if (res.status >= 300) expect(route.problems ?? [], `${res.status} ${res.text}`).toContain(res.status);
  expect(res.status, res.text).toBeGreaterThanOrEqual(200);
}

/** A partner as onboarding makes it: application → approval → agreement accepted (checklist open) → one more user. */
async function makeOrg(): Promise<Org> {
  const applicationId = await submitApplication(t);
  const approved = await vendor.call('POST', `/applications/${applicationId}/approve`, { body: samples.approveApplication!(fixtures) });
  expect(approved.status, approved.text).toBe(200);
  const { partnerId: id, adminUserId } = approved.body.decision as { partnerId: string; adminUserId: string };
  const offers = await vendor.call('GET', `/partners/${id}/agreements`);
  const agreementId = offers.body.items[0].agreementId as string;
  const admin = await t.as('partner-admin', { partnerId: id, userId: adminUserId, sub: adminUserId });
  const accepted = await admin.call('POST', `/partners/${id}/agreements/${agreementId}/accept`);
  const checklist = await vendor.call('GET', `/partners/${id}/onboarding`);
  const user = await vendor.call('POST', `/partners/${id}/users`, { body: samples.addPartnerUser!(fixtures) });
  expect([offers.status, accepted.status, checklist.status, user.status], accepted.text).toEqual([200, 200, 200, 201]);
  expect(checklist.body.items).toContainEqual(expect.objectContaining({ id: KICK_OFF.id, kind: 'manual', done: false }));
  return { id, userId: user.body.id, adminUserId, agreementId, itemId: KICK_OFF.id, applicationId };
}

/** A caller with one role; partner roles belong to `org` (partner-admin as its admin user). */
const asRole = (role: Role, org: Org) =>
  t.as(
    role,
    role === 'partner-admin' ? { partnerId: org.id, userId: org.adminUserId, sub: org.adminUserId } : isPartnerRole(role) ? { partnerId: org.id } : {},
  );

beforeAll(async () => {
  vendor = await t.as('vendor-admin');
  // Approval needs a published agreement; the checklist (opened at acceptance) gets the manual item.
  await publishAgreement(vendor);
  const current = await vendor.call('GET', '/programme/onboarding');
  const put = await vendor.call('PUT', '/programme/onboarding', { body: settings, headers: { 'if-match': current.headers.get('etag')! } });
  expect(put.status, put.text).toBe(200);
  [A, B, C, S, T] = [await makeOrg(), await makeOrg(), await makeOrg(), await makeOrg(), await makeOrg()];
  // S is suspended and T terminated for the status gate's part of the matrix; tokens are made after.
  const suspended = await vendor.call('POST', `/partners/${S.id}/suspend`, { body: { reason: 'Matrix: suspended' } });
  const terminated = await vendor.call('POST', `/partners/${T.id}/terminate`, { body: { reason: 'Matrix: terminated' } });
  expect([suspended.body.status, terminated.body.status]).toEqual(['suspended', 'terminated']);
});

describe('the route table the matrix is built from', () => {
  // Promise: the matrix covers what is deployed — it is read from the wirings, and every route has a sample request and path values.
  it('enumerates the wirings; every route has a sample and a value for each path parameter', () => {
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(Object.keys(samples), `sample for ${route.operationId}`).toContain(route.operationId);
      for (const key of paramKeys(route)) expect(Object.keys(pathParams), `${key} of ${label(route)}`).toContain(key);
    }
    expect(Object.keys(samples).sort()).toEqual(routes.map((r) => r.operationId).sort());
  });

  // Promise: the samples sit beside each context's wiring and name its own operations, each sample and parameter given once.
  it("finds a samples file beside every context's wiring, naming exactly that context's operations", () => {
    expect(Object.keys(byContext).sort()).toEqual(
      contexts
        .filter((w) => w.api?.routes.length)
        .map((w) => w.name)
        .sort(),
    );
    for (const [name, file] of files) {
      const own = (contexts.find((w) => w.name === name)?.api?.routes ?? []).map((r) => r.operationId);
      expect(Object.keys(file.bodies).sort(), `functions/${name}/authorization.samples.ts`).toEqual([...own].sort());
      for (const op of [...(file.openToEveryRole ?? []), ...(file.partnerOnly ?? [])]) expect(own, `functions/${name}/authorization.samples.ts`).toContain(op);
    }
    expect(givenTwice(files.flatMap(([, f]) => Object.keys(f.bodies)))).toEqual([]);
    expect(givenTwice(files.flatMap(([, f]) => Object.keys(f.pathParams ?? {})))).toEqual([]);
    const used = new Set(routes.flatMap(paramKeys));
    for (const key of Object.keys(pathParams)) expect(used, `path parameter ${key} is used by a route`).toContain(key);
  });

  // Promise: partner scope is decided by the path: /partners/{id}/… is, /applications/{id} is not.
  it('partner-scoped routes are exactly those under /partners/{id}', () => {
    // Whichever context declares it, a route whose first parameter is the partner's id is partner-scoped; an id of another collection is not.
    expect(partnerScoped.length).toBeGreaterThan(0);
    expect(partnerScoped.map(label)).toEqual(guarded.filter((r) => paramKeys(r)[0] === 'partners.id').map(label));
    expect(partnerScoped.filter((r) => r.path.startsWith('/applications'))).toEqual([]);
    expect(guarded.filter((r) => r.path.startsWith('/applications/{id}')).length).toBeGreaterThan(0);
  });
});

describe('callers without a token', () => {
  // Promise: every guarded route refuses a request without a token with 401, before anything is read or written.
  it.each(guarded.map((route) => ({ route, name: label(route) })))('$name → 401', async ({ route }) => {
    const req = await prepare(route, A);
    const count = await t.itemCount();
    expectProblem(await send(t.anonymous, req), 401, 'unauthorized');
    expect(await t.itemCount()).toBe(count);
  });
});

describe("a partner user never reaches another partner's objects", () => {
  const cases = partnerScoped.flatMap((route) => route.auth.filter(isPartnerRole).map((role) => ({ route, role, name: `${label(route)} as ${role}` })));

  // Promise: another partner's object is 404 — the same answer as for an id that does not exist, so existence does not leak.
  it.each(cases)("$name with partner B's ids → 404, like an unknown id", async ({ route, role }) => {
    const caller = await asRole(role, A);
    const [foreignReq, unknownReq] = [await prepare(route, B), await prepare(route, UNKNOWN)];
    const count = await t.itemCount();
    const foreign = await send(caller, foreignReq);
    expectProblem(foreign, 404, 'not-found');
    const unknown = await send(caller, unknownReq);
    expect([unknown.status, unknown.body?.type]).toEqual([foreign.status, foreign.body?.type]);
    expect(await t.itemCount()).toBe(count);
  });

  // Promise (control): the same request on the caller's own partner is reached, so the 404 above is about ownership, not a bad sample.
  it.each(cases)('$name on its own partner is reached', async ({ route, role }) => {
    expectReached(await callRoute(await asRole(role, A), route, A), route);
  });

  // Promise: a user id of another partner, put under the caller's own partner, is not found either, and is not changed.
  it("partner B's user under partner A's path is 404 for A's admin", async () => {
    const admin = await asRole('partner-admin', A);
    expectProblem(await admin.call('GET', `/partners/${A.id}/users/${B.userId}`), 404, 'not-found');
    const etag = (await vendor.call('GET', `/partners/${B.id}/users/${B.userId}`)).headers.get('etag')!;
    expectProblem(
      await admin.call('PATCH', `/partners/${A.id}/users/${B.userId}`, { body: { status: 'disabled' }, headers: { 'if-match': etag } }),
      404,
      'not-found',
    );
    expect((await vendor.call('GET', `/partners/${B.id}/users/${B.userId}`)).body.status).toBe('active');
  });
});

describe('roles are enforced per route', () => {
  const outside = guarded.flatMap((route) => ROLES.filter((r) => !route.auth.includes(r)).map((role) => ({ route, role, name: `${label(route)} as ${role}` })));

  // Promise: every role not in a route's list gets 403 before anything is read or written.
  it.each(outside)('$name → 403', async ({ route, role }) => {
    const caller = await asRole(role, A);
    const req = await prepare(route, A);
    const count = await t.itemCount();
    expectProblem(await send(caller, req), 403, 'forbidden');
    expect(await t.itemCount()).toBe(count);
  });

  // Promise: a route is open to every role only deliberately (declared in its context's samples file); every other guarded route is in the 403 table above.
  it('routes without a forbidden role are the deliberate ones', () => {
    const open = guarded.filter((r) => ROLES.every((role) => r.auth.includes(role)));
    expect(open.map((r) => r.operationId).sort(), open.map(label).join(', ')).toEqual([...declaredOpen].sort());
    expect(new Set(outside.map((c) => c.route)).size).toBe(guarded.length - open.length);
    expect(outside).toHaveLength(guarded.reduce((n, r) => n + ROLES.length - r.auth.length, 0));
  });

  // Promise: listing all partners is for vendor roles; every partner role is 403.
  it.each([...PARTNER_ROLES])('GET /partners as %s → 403', async (role) => {
    expectProblem(await (await asRole(role, A)).call('GET', '/partners'), 403, 'forbidden');
  });

  // Promise: vendor roles reach every route they are declared for (never 401/403/404, never 5xx).
  it.each(guarded.flatMap((route) => route.auth.filter(isVendorRole).map((role) => ({ route, role, name: `${label(route)} as ${role}` }))))(
    '$name is reachable',
    async ({ route, role }) => {
      expectReached(await callRoute(await asRole(role, C), route, C), route);
    },
  );

  // Promise: vendor-admin administers every route, except the deliberate partner-only ones and the separated duties (declared in their context's samples file).
  it('every guarded route admits vendor-admin, except the partner-only ones and the separated duties', () => {
    const partnerOnly = guarded.filter((r) => !r.auth.includes('vendor-admin'));
    expect(partnerOnly.map((r) => r.operationId).sort(), partnerOnly.map(label).join(', ')).toEqual([...declaredPartnerOnly, ...declaredSeparated].sort());
  });

  // Promise: every guarded route is reached by some declared role in the matrix (a vendor role, or a partner role on its own partner or object).
  it('every guarded route is reached by a declared role', () => {
    for (const route of guarded) {
      expect(route.auth.some(isVendorRole) || partnerScoped.includes(route) || declaredPartnerOnly.includes(route.operationId), label(route)).toBe(true);
    }
  });

  // Promise: a partner-only route outside /partners/{id} (a deal's won/lost) is reached by each partner role it declares, on its own organisation's object.
  it.each(
    guarded
      .filter((r) => declaredPartnerOnly.includes(r.operationId) && !partnerScoped.includes(r))
      .flatMap((route) => route.auth.filter(isPartnerRole).map((role) => ({ route, role, name: `${label(route)} as ${role}` }))),
  )('$name on its own object is reached', async ({ route, role }) => {
    expectReached(await callRoute(await asRole(role, A), route, A), route);
  });

  // Promise: public routes need no token (each from an address of its own: POST /applications is limited per source).
  it.each(routes.filter((r) => r.auth === 'public').map((route) => ({ route, name: label(route) })))('$name answers without a token', async ({ route }) => {
    const req = await prepare(route, A);
    const res = await admitted(t.stack.clock, () => send(t.applicant(), req));
    expect(res.status, res.text).toBeGreaterThanOrEqual(200);
    expect(res.status, res.text).toBeLessThan(300);
  });
});

describe('partner admins edit their profile, not vendor-managed fields', () => {
  const patch = async (body: unknown) => {
    const admin = await asRole('partner-admin', A);
    const etag = (await vendor.call('GET', `/partners/${A.id}`)).headers.get('etag')!;
    return admin.call('PATCH', `/partners/${A.id}`, { body, headers: { 'if-match': etag } });
  };

  // Promise: tier, type and channel manager are for vendor roles: a partner admin gets 403 naming the field, and nothing changes.
  it.each([
    ['tier', { tier: 'platinum' }],
    ['type', { type: 'distributor' }],
    ['channelManagerId', { channelManagerId: 'cm-1' }],
    ['channelManagerId', { channelManagerId: null }],
  ] as const)('%s → 403 with the field path', async (field, body) => {
    const before = (await vendor.call('GET', `/partners/${A.id}`)).body;
    expectProblem(await patch({ displayName: 'Sneaky', ...body }), 403, 'forbidden', field);
    expect((await vendor.call('GET', `/partners/${A.id}`)).body).toEqual(before);
  });

  // Promise: every vendor-only field in one PATCH is named.
  it('all three at once → 403 naming each', async () => {
    const res = await patch({ tier: 'gold', type: 'msp', channelManagerId: 'cm-2' });
    expectProblem(res, 403, 'forbidden');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['channelManagerId', 'tier', 'type']);
  });

  // Promise: status and id are not fields of a PATCH at all (400 unknown field), whoever sends them.
  it.each(['status', 'id'])('%s → 400 unknown field', async (field) => {
    const before = (await vendor.call('GET', `/partners/${A.id}`)).body;
    expectProblem(await patch({ [field]: field === 'id' ? B.id : 'active' }), 400, 'validation-failed', `body.${field}`);
    expect((await vendor.call('GET', `/partners/${A.id}`)).body).toEqual(before);
  });
});

describe("a partner's status governs what its users may do, on every route", () => {
  /** Every guarded route with each partner role it declares: what a partner's users can call at all. */
  const cases = guarded.flatMap((route) =>
    route.auth.filter(isPartnerRole).map((role) => ({ route, role, access: partnerAccessOf(route), name: `${label(route)} as ${role}` })),
  );

  // Promise (the table itself): every route a partner role may call is in both tables below, reads and writes alike.
  it('enumerates every route a partner role may call, reads and writes', () => {
    const withPartnerRoles = guarded.filter((r) => r.auth.some(isPartnerRole));
    expect(new Set(cases.map((c) => c.route))).toEqual(new Set(withPartnerRoles));
    expect(cases.some((c) => c.access === 'read')).toBe(true);
    expect(cases.some((c) => c.access === 'write')).toBe(true);
  });

  // Promise: a suspended partner's users read as before, and every write is 403 naming the status; nothing is written.
  it.each(cases)('suspended: $name ($access)', async ({ route, role, access }) => {
    const caller = await asRole(role, S);
    const req = await prepare(route, S);
    const count = await t.itemCount();
    const res = await send(caller, req);
    if (access === 'read') {
      expectReached(res, route);
    } else {
      expectProblem(res, 403, 'partner-suspended');
      expect(res.body.detail).toContain('suspended');
      expect(await t.itemCount()).toBe(count);
    }
  });

  // Promise: a terminated partner's users get nothing, not even a read; nothing is written.
  it.each(cases)('terminated: $name → 403', async ({ route, role }) => {
    const caller = await asRole(role, T);
    const req = await prepare(route, T);
    const count = await t.itemCount();
    const res = await send(caller, req);
    expectProblem(res, 403, 'partner-terminated');
    expect(res.body.detail).toContain('terminated');
    expect(await t.itemCount()).toBe(count);
  });

  // Promise: once reactivated, the suspended partner's users write again (control: the 403s above are about status).
  it('a reactivated partner writes again', async () => {
    const admin = await asRole('partner-admin', S);
    const patch = async () =>
      admin.call('PATCH', `/partners/${S.id}`, {
        body: { displayName: 'Back' },
        headers: { 'if-match': (await vendor.call('GET', `/partners/${S.id}`)).headers.get('etag')! },
      });
    expectProblem(await patch(), 403, 'partner-suspended');
    expect((await vendor.call('POST', `/partners/${S.id}/reactivate`, { body: { reason: 'Matrix: cleared' } })).body.status).toBe('active');
    expect((await patch()).status).toBe(200);
    await vendor.call('POST', `/partners/${S.id}/suspend`, { body: { reason: 'Matrix: suspended again' } });
  });
});

describe('a principal is a vendor or a partner, never both', () => {
  // Promise: a token with a partner id and a vendor role is refused (401 invalid-token) on every guarded route: it would otherwise list every partner.
  it.each(guarded.map((route) => ({ route, name: label(route) })))('$name with vendor-admin + partner_id → 401', async ({ route }) => {
    const mixed = await t.as('vendor-admin', { partnerId: A.id });
    const req = await prepare(route, A);
    const count = await t.itemCount();
    expectProblem(await send(mixed, req), 401, 'invalid-token');
    expect(await t.itemCount()).toBe(count);
  });

  it('vendor and partner roles in one token → 401, with or without a partner id', async () => {
    expectProblem(await (await t.as(['channel-manager', 'partner-admin'], { partnerId: A.id })).call('GET', '/partners'), 401, 'invalid-token');
    expectProblem(await (await t.as(['finance', 'partner-user'], { partnerId: A.id })).call('GET', '/me'), 401, 'invalid-token');
  });
});
