import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTNER_ROLES, ROLES, type Role, VENDOR_ROLES, isPartnerRole, isVendorRole } from '@channelbase/core';
import type { RouteSpec } from '@channelbase/platform';
import type { ApiResponse, Caller } from '../support/stack.ts';
// The local runtime first: it sets the Lambda environment before the wirings load Powertools.
import { partnerBody, useStack } from '../support/stack.ts';
import { contexts } from '../../functions/contexts.ts';
import { UNKNOWN_PARTNER, UNKNOWN_USER, expectProblem } from './helpers.ts';

const t = useStack();

/** Every route the wirings declare: what the stack deploys and the local server serves. */
const routes: RouteSpec[] = contexts.flatMap((w) => [...(w.api?.routes ?? [])] as RouteSpec[]);
const label = (r: RouteSpec) => `${r.method} ${r.path}`;
const guarded = routes.filter((r): r is RouteSpec & { auth: readonly Role[] } => r.auth !== 'public');
/** Routes addressing one partner by `{id}`. */
const partnerScoped = guarded.filter((r) => r.path.includes('{id}'));

/** A partner and one of its users; `etag`s are read fresh before each conditional call. */
interface Org {
  id: string;
  userId: string;
}

/**
 * A valid request body per operation that takes one (undefined: the route takes none).
 * A route with `{id}` that is missing here fails the matrix, so a new route needs a sample.
 */
const samples: Record<string, (() => unknown) | undefined> = {
  getPartner: undefined,
  updatePartner: () => ({ displayName: `Renamed ${randomUUID().slice(0, 4)}` }),
  suspendPartner: () => ({ reason: 'Matrix check' }),
  reactivatePartner: () => ({ reason: 'Matrix check' }),
  listPartnerUsers: undefined,
  addPartnerUser: () => ({ email: `m-${randomUUID().slice(0, 8)}@acme.example`, givenName: 'Mat', familyName: 'Rix', roles: ['partner-user'] }),
  getPartnerUser: undefined,
  updatePartnerUser: () => ({ givenName: `Mat${randomUUID().slice(0, 4)}` }),
  getPartnerHistory: undefined,
  // Routes without {id}:
  createPartner: () => partnerBody(),
  listPartners: undefined,
  me: undefined,
};

let vendor: Caller;
let A: Org;
let B: Org;
/** Vendor-side fixture for "vendor roles reach every route". */
let C: Org;

/** The path of a route for one organisation; unknown path parameters fail the test. */
function pathFor(route: RouteSpec, org: Org): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'id') return org.id;
    if (name === 'userId') return org.userId;
    throw new Error(`No sample value for path parameter {${name}} of ${label(route)}: add one to the authorisation matrix`);
  });
}

/** The current ETag of what a conditional route changes (read by a vendor, who sees all). */
async function etagFor(route: RouteSpec, org: Org): Promise<string | undefined> {
  if (!route.conditional) return undefined;
  const target = route.path.includes('{userId}') ? `/partners/${org.id}/users/${org.userId}` : `/partners/${org.id}`;
  const res = await vendor.call('GET', target);
  return res.headers.get('etag') ?? `"${org.id}.v1"`;
}

async function callRoute(caller: Caller, route: RouteSpec, org: Org): Promise<ApiResponse> {
  expect(Object.keys(samples), `no sample body for ${route.operationId}: add one to the authorisation matrix`).toContain(route.operationId);
  const sample = samples[route.operationId];
  const etag = await etagFor(route, org);
  return caller.call(route.method, pathFor(route, org), {
    ...(sample ? { body: sample() } : {}),
    headers: { ...(etag ? { 'if-match': etag } : {}) },
  });
}

async function makeOrg(): Promise<Org> {
  const p = await vendor.call('POST', '/partners', { body: partnerBody() });
  const u = await vendor.call('POST', `/partners/${p.body.id}/users`, { body: samples.addPartnerUser!() });
  expect([p.status, u.status]).toEqual([201, 201]);
  return { id: p.body.id, userId: u.body.id };
}

const asRole = (role: Role, org: Org) => t.as(role, isPartnerRole(role) ? { partnerId: org.id } : {});

beforeAll(async () => {
  vendor = await t.as('vendor-admin');
  [A, B, C] = [await makeOrg(), await makeOrg(), await makeOrg()];
});

describe('the route table the matrix is built from', () => {
  // Promise: the matrix covers what is deployed — it is read from the wirings, and each {id} route has a sample request.
  it('enumerates the wirings, including every partner-scoped route', () => {
    expect(partnerScoped.length).toBeGreaterThanOrEqual(9);
    for (const route of partnerScoped) expect(Object.keys(samples), `sample for ${route.operationId}`).toContain(route.operationId);
  });
});

describe("a partner user never reaches another partner's objects", () => {
  const cases = partnerScoped.flatMap((route) => route.auth.filter(isPartnerRole).map((role) => ({ route, role, name: `${label(route)} as ${role}` })));

  // Promise: another partner's object is 404 — the same answer as for an id that does not exist, so existence does not leak.
  it.each(cases)("$name with partner B's ids → 404, like an unknown id", async ({ route, role }) => {
    const caller = await asRole(role, A);
    const count = await t.itemCount();
    const foreign = await callRoute(caller, route, B);
    expectProblem(foreign, 404, 'not-found');
    const unknown = await callRoute(caller, route, { id: UNKNOWN_PARTNER, userId: UNKNOWN_USER });
    expect([unknown.status, unknown.body?.type]).toEqual([foreign.status, foreign.body?.type]);
    expect(await t.itemCount()).toBe(count);
  });

  // Promise (control): the same request on the caller's own partner is allowed, so the 404 above is about ownership, not a bad sample.
  it.each(cases)('$name on its own partner → 2xx', async ({ route, role }) => {
    const caller = await asRole(role, A);
    const own = await callRoute(caller, route, A);
    expect(own.status, own.text).toBeGreaterThanOrEqual(200);
    expect(own.status, own.text).toBeLessThan(300);
  });

  // Promise: a user id of another partner, put under the caller's own partner, is not found either, and is not changed.
  it("partner B's user under partner A's path is 404 for A's admin", async () => {
    const admin = await t.as('partner-admin', { partnerId: A.id });
    expectProblem(await admin.call('GET', `/partners/${A.id}/users/${B.userId}`), 404, 'not-found');
    const etag = (await vendor.call('GET', `/partners/${B.id}/users/${B.userId}`)).headers.get('etag')!;
    expectProblem(await admin.call('PATCH', `/partners/${A.id}/users/${B.userId}`, { body: { status: 'disabled' }, headers: { 'if-match': etag } }), 404, 'not-found');
    expect((await vendor.call('GET', `/partners/${B.id}/users/${B.userId}`)).body.status).toBe('active');
  });
});

describe('roles are enforced per route', () => {
  const outside = guarded
    .map((route) => {
      const denied = ROLES.filter((r) => !route.auth.includes(r));
      // Prefer a vendor role that is left out (the subtler case), else a partner role.
      const role = denied.find(isVendorRole) ?? denied[0];
      return { route, role, name: `${label(route)} as ${role}` };
    })
    .filter((c): c is typeof c & { role: Role } => c.role !== undefined);

  // Promise: a role not in a route's list gets 403 before anything is read or written.
  it.each(outside)('$name → 403', async ({ route, role }) => {
    const caller = await asRole(role, A);
    const count = await t.itemCount();
    expectProblem(await callRoute(caller, route, A), 403, 'forbidden');
    expect(await t.itemCount()).toBe(count);
  });

  // Promise: a route is open to every role only deliberately (listed here); every other guarded route is in the 403 table above.
  it('routes without a forbidden role are the deliberate ones', () => {
    const open = guarded.filter((r) => ROLES.every((role) => r.auth.includes(role))).map(label);
    expect(open.sort()).toEqual(['GET /me', 'GET /partners/{id}']);
    expect(outside).toHaveLength(guarded.length - open.length);
  });

  // Promise: listing all partners is for vendor roles; every partner role is 403.
  it.each([...PARTNER_ROLES])('GET /partners as %s → 403', async (role) => {
    expectProblem(await (await asRole(role, A)).call('GET', '/partners'), 403, 'forbidden');
  });

  // Promise: vendor roles reach every route they are declared for (never 401/403, never 5xx).
  it.each(guarded.flatMap((route) => route.auth.filter(isVendorRole).map((role) => ({ route, role, name: `${label(route)} as ${role}` }))))(
    '$name is reachable',
    async ({ route, role }) => {
      const res = await callRoute(await asRole(role, C), route, C);
      expect([401, 403], res.text).not.toContain(res.status);
      expect(res.status, res.text).toBeLessThan(500);
    },
  );

  // Promise: every guarded route is reachable by at least one vendor role (vendor-admin administers everything).
  it('every guarded route admits vendor-admin', () => {
    for (const route of guarded) expect(route.auth, label(route)).toContain('vendor-admin');
    expect(VENDOR_ROLES.length).toBeGreaterThan(0);
  });

  // Promise: public routes need no token.
  it.each(routes.filter((r) => r.auth === 'public').map((route) => ({ route, name: label(route) })))('$name answers without a token', async ({ route }) => {
    const res = await t.anonymous.call(route.method, route.path);
    expect(res.status).toBe(200);
  });
});

describe('partner admins edit their profile, not vendor-managed fields', () => {
  const patch = async (body: unknown) => {
    const admin = await t.as('partner-admin', { partnerId: A.id });
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
