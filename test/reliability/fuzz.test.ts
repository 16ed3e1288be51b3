import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isVendorRole } from '@channelbase/core';
import type { RouteSpec } from '@channelbase/platform';
import type { ApiResponse, Caller } from '../support/stack.ts';
// The local runtime first: it sets the Lambda environment before the wirings load Powertools.
import { useStack } from '../support/stack.ts';
import { publishAgreement } from '../support/onboarding.ts';
import { contexts } from '../../functions/contexts.ts';
import { type MatrixFixtures, type MatrixSamples, type Org, contextSamples } from '../support/matrix.ts';
import { admitted, submitApplication } from './helpers.ts';
import { KICK_OFF, matrixFixtures, matrixSettings, paramKeys } from './matrix-fixtures.ts';
import { MUTATIONS, arbitraryOf, hasLoneSurrogate, jsonSchemaOf, mutate } from './fuzz-arbitraries.ts';

/**
 * Property-based fuzzing of every route of every context, generated from each route's own zod
 * schemas (body and query), read from the wirings: a new route is fuzzed without an edit here.
 * For a caller the route admits (vendor-admin; the partner-admin of a fixture partner on
 * partner-only routes; anonymous, from a fresh source, on public routes):
 * - an input the route's schema accepts is answered 2xx, or with a documented problem: the
 *   route's `problems`, or 404/409/412/428; a 400 only where the server has a rule beyond the
 *   schema, listed (with its problem type) in BEYOND_SCHEMA;
 * - an input the schema refuses (each constraint broken in turn), or one carrying a lone
 *   surrogate, is a 4xx application/problem+json, and nothing is written;
 * - nothing ever answers 5xx.
 * Seeded: FUZZ_SEED (default below) replays a run; FUZZ_RUNS sets the cases per property (6; half
 * that for path parameters): the largest file of `npm test` (at 10 cases, 109 s alone on two cores);
 * `FUZZ_RUNS=50` for a deeper run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} (replay a failure with the same FUZZ_SEED)`);

/** Statuses any route may answer to a well-formed request, beyond its own `problems`. */
const COMMON = [404, 409, 412, 428];
/**
 * Routes whose server checks more than the schema, so a schema-valid input may be a 400: the
 * operation, and the problem types it may answer.
 */
const BEYOND_SCHEMA: Record<string, string[]> = {
  // A registration: the close date in the future, defined product lines, an active second partner, a vendor naming the partner.
  registerDeal: ['validation-failed'],
  // A win: in the registration's currency, per product line of the registration, adding up.
  markDealWon: ['validation-failed'],
  // Rule keys are unique across the rules.
  putAccreditationRules: ['validation-failed'],
  // Answers must name the questions drawn for the attempt and the options they show.
  submitAttempt: ['validation-failed'],
  // A conversion's deal registration: what the lead lacks (value, web domain), the close date in the future, deals' own checks.
  changeLeadStatus: ['validation-failed'],
  // A programme's product lines and tiers come from the vocabularies; a new version keeps the currency and cadence.
  createIncentiveProgram: ['validation-failed'],
  putIncentiveProgram: ['validation-failed'],
  // The period must be one of the programme's cadence.
  startSettlement: ['validation-failed'],
};
/** The problem types a schema-valid input may still get as a 400 on a route. */
function beyondSchema(route: RouteSpec): string[] {
  // A list's cursor is a signed token: a well-formed string that the server did not issue is refused.
  const cursor = route.query && 'cursor' in route.query.shape ? ['invalid-cursor'] : [];
  return [...cursor, ...(BEYOND_SCHEMA[route.operationId] ?? [])];
}

const t = useStack();
const routes: RouteSpec[] = contexts.flatMap((w) => [...(w.api?.routes ?? [])] as RouteSpec[]);
const label = (r: RouteSpec) => `${r.method} ${r.path}`;

const byContext = contextSamples();
const files = Object.values(byContext);
const samples: MatrixSamples['bodies'] = Object.assign({}, ...files.map((f) => f.bodies));
const pathParams: NonNullable<MatrixSamples['pathParams']> = Object.assign({}, ...files.map((f) => f.pathParams ?? {}));

const settings = matrixSettings;

let vendor: Caller;
/** The partner vendor routes act on, and the one whose admin calls partner-only routes. */
let C: Org;
let A: Org;

const fixtures: MatrixFixtures = matrixFixtures(t, () => ({ vendor, vendorOrg: C }));

/** A partner as onboarding makes it: application → approval → agreement accepted (checklist open) → one more user. */
async function makeOrg(): Promise<Org> {
  const applicationId = await submitApplication(t);
  const approved = await vendor.call('POST', `/applications/${applicationId}/approve`, { body: { note: 'Fuzz fixture' } });
  expect(approved.status, approved.text).toBe(200);
  const { partnerId: id, adminUserId } = approved.body.decision as { partnerId: string; adminUserId: string };
  const agreementId = (await vendor.call('GET', `/partners/${id}/agreements`)).body.items[0].agreementId as string;
  const admin = await t.as('partner-admin', { partnerId: id, userId: adminUserId, sub: adminUserId });
  const accepted = await admin.call('POST', `/partners/${id}/agreements/${agreementId}/accept`);
  const user = await vendor.call('POST', `/partners/${id}/users`, {
    body: { email: `f-${id.slice(-8).toLowerCase()}@acme.example`, givenName: 'Fu', familyName: 'Zz', roles: ['partner-user'] },
  });
  expect([accepted.status, user.status], user.text).toEqual([200, 201]);
  return { id, userId: user.body.id, adminUserId, agreementId, itemId: KICK_OFF.id, applicationId };
}

beforeAll(async () => {
  vendor = await t.as('vendor-admin');
  await publishAgreement(vendor);
  const current = await vendor.call('GET', '/programme/onboarding');
  const put = await vendor.call('PUT', '/programme/onboarding', { body: settings, headers: { 'if-match': current.headers.get('etag')! } });
  expect(put.status, put.text).toBe(200);
  [C, A] = [await makeOrg(), await makeOrg()];
});

/** The route's caller: vendor-admin where it may, else another vendor role it admits (finance approves settlements), else the partner-admin of A; public routes from a fresh source. */
async function callerFor(
  route: RouteSpec,
): Promise<{ org: Org; send: (path: string, options: { body?: unknown; headers: Record<string, string> }) => Promise<ApiResponse> }> {
  if (route.auth === 'public') return { org: C, send: (path, o) => admitted(t.stack.clock, () => t.applicant().call(route.method, path, o)) };
  if (route.auth.includes('vendor-admin')) return { org: C, send: (path, o) => vendor.call(route.method, path, o) };
  const vendorRole = route.auth.find(isVendorRole);
  if (vendorRole) {
    const caller = await t.as(vendorRole);
    return { org: C, send: (path, o) => caller.call(route.method, path, o) };
  }
  expect(route.auth).toContain('partner-admin');
  const admin = await t.as('partner-admin', { partnerId: A.id, userId: A.adminUserId, sub: A.adminUserId });
  return { org: A, send: (path, o) => admin.call(route.method, path, o) };
}

/** A path segment as a client sends it (a lone surrogate cannot be percent-encoded: it becomes U+FFFD, as in a URL parser). */
const segment = (value: string) => encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

async function pathFor(route: RouteSpec, org: Org, params?: Record<string, string>): Promise<string> {
  if (params) return route.path.replace(/\{(\w+)\}/g, (_, name: string) => segment(params[name] ?? ''));
  const values: string[] = [];
  for (const key of paramKeys(route)) values.push(await pathParams[key]!(org, route, fixtures));
  return route.path.replace(/\{\w+\}/g, () => values.shift()!);
}

/** A request's input: the body, or the query (as the strings a query string carries). */
interface Input {
  body?: unknown;
  query?: Record<string, string>;
  /** Path parameters in place of the fixture's (which name real objects). */
  params?: Record<string, string>;
}

/** The query a value becomes once sent as a query string (what the server validates). */
function asQuery(value: unknown): Record<string, string> {
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  const params = new URLSearchParams(
    Object.entries(object).flatMap(([k, v]) => (v === undefined ? [] : [[k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]])),
  );
  return Object.fromEntries(new URLSearchParams(params.toString()));
}

/** Whether the route's schemas (and the server's Unicode rule) accept an input. */
function valid(route: RouteSpec, input: Input): boolean {
  // As the pipeline does: a missing body is read as {}.
  if (route.body && (hasLoneSurrogate(input.body) || !route.body.safeParse(input.body === undefined ? {} : input.body).success)) return false;
  if (route.query && (hasLoneSurrogate(input.query) || !route.query.safeParse(input.query ?? {}).success)) return false;
  return true;
}

/** The request, ready to send: its fixtures (a fresh partner or application, an ETag) are made before the table is counted. */
async function prepare(route: RouteSpec, input: Input): Promise<() => Promise<ApiResponse>> {
  const { org, send: call } = await callerFor(route);
  let path = await pathFor(route, org, input.params);
  // A conditional route gets the current ETag of what it changes (or, for an object that is not there, a well-formed one).
  const etag = route.conditional ? ((await vendor.call('GET', path)).headers.get('etag') ?? '"fuzz.v1"') : undefined;
  if (input.query && Object.keys(input.query).length) path += `?${new URLSearchParams(input.query).toString()}`;
  return () => call(path, { ...(route.body ? { body: input.body } : {}), headers: etag ? { 'if-match': etag } : {} });
}
const send = async (route: RouteSpec, input: Input) => (await prepare(route, input))();

const describeAnswer = (res: ApiResponse) => `${res.status} ${res.headers.get('content-type')} ${res.text.slice(0, 400)}`;

function expectDocumented(route: RouteSpec, res: ApiResponse): void {
  expect(res.status, describeAnswer(res)).toBeLessThan(500);
  if (res.status < 300) return;
  expect(res.headers.get('content-type'), describeAnswer(res)).toContain('application/problem+json');
  if (res.status === 400) {
    const type = String(res.body?.type ?? '')
      .split('/')
      .at(-1)!;
    expect(beyondSchema(route), `${label(route)}: schema-valid input refused: ${describeAnswer(res)}`).toContain(type);
    return;
  }
  expect([...(route.problems ?? []), ...COMMON], `${label(route)}: undocumented answer ${describeAnswer(res)}`).toContain(res.status);
}

/**
 * Bodies whose refinements random candidates almost never meet, so filtering them would spin: an
 * exam's answer keys must name ids of its own options. Their schema-valid case is the route's
 * authorisation sample (and generated variations of it are still sent broken, below).
 */
const SAMPLE_ONLY = new Set(['createExam', 'putExam']);

/** The candidate inputs of a route, from its body or query schema; routes with neither get none. */
function inputs(route: RouteSpec): fc.Arbitrary<Input> | undefined {
  const sample = samples[route.operationId];
  if (route.body && sample && SAMPLE_ONLY.has(route.operationId)) return fc.constant(null).map((): Input => ({ body: sample(fixtures) }));
  // The JSON Schema cannot say everything the zod schema checks (refinements, trimming): the candidates are kept only if it accepts them.
  if (route.body)
    return arbitraryOf(jsonSchemaOf(route.body))
      .map((body): Input => ({ body }))
      .filter((input) => valid(route, input));
  if (route.query)
    return arbitraryOf(jsonSchemaOf(route.query))
      .map((q): Input => ({ query: asQuery(q) }))
      .filter((input) => valid(route, input));
  return undefined;
}

/** An input broken one way: the body, or the query before it is sent as strings. */
function broken(route: RouteSpec): fc.Arbitrary<{ input: Input; mutation: string }> | undefined {
  const schema = route.body ?? route.query;
  if (!schema) return undefined;
  return fc.tuple(arbitraryOf(jsonSchemaOf(schema)), fc.constantFrom(...MUTATIONS), fc.nat(), fc.nat()).map(([value, mutation, pick, variant]) => {
    const m = mutate(value, mutation, pick, variant);
    return { mutation, input: route.body ? { body: m } : { query: asQuery(m) } };
  });
}

/** Path parameters from the route's params schema, with the route's sample body: ids of nothing, or ids broken one way. */
function paramInputs(route: RouteSpec, broken: boolean): fc.Arbitrary<Input> | undefined {
  if (!route.params) return undefined;
  const sample = samples[route.operationId];
  const base = arbitraryOf(jsonSchemaOf(route.params));
  const values = broken ? fc.tuple(base, fc.constantFrom(...MUTATIONS), fc.nat(), fc.nat()).map(([v, m, pick, variant]) => mutate(v, m, pick, variant)) : base;
  return values.map((v): Input => ({
    params: Object.fromEntries(
      paramKeys(route)
        .map((key) => key.split('.')[1]!)
        .map((name) => [name, String((v as Record<string, unknown> | null)?.[name] ?? '')]),
    ),
    ...(sample ? { body: sample(fixtures) } : {}),
  }));
}
const paramsValid = (route: RouteSpec, input: Input) => !hasLoneSurrogate(input.params) && route.params!.safeParse(input.params).success;

const options = (i: number) => ({ seed: SEED + i, numRuns: RUNS, endOnFailure: true });

describe('fuzzing every route from its own schemas', () => {
  it('covers every route of every context', () => {
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) for (const key of paramKeys(route)) expect(Object.keys(pathParams), `${key} of ${label(route)}`).toContain(key);
  });

  describe.each(routes.map((route, i) => ({ route, i, name: label(route) })))('$name', ({ route, i }) => {
    it('answers schema-valid input with 2xx or a documented problem, never 5xx', async () => {
      const arb = inputs(route);
      if (!arb) return expectDocumented(route, await send(route, {}));
      await fc.assert(
        fc.asyncProperty(arb, async (input) => expectDocumented(route, await send(route, input))),
        options(i),
      );
    });

    it('refuses broken input with a 4xx problem and writes nothing', async () => {
      const arb = broken(route);
      if (!arb) return;
      await fc.assert(
        fc.asyncProperty(arb, async ({ input }) => {
          const request = await prepare(route, input);
          const count = await t.itemCount();
          const res = await request();
          expect(res.status, describeAnswer(res)).toBeLessThan(500);
          if (valid(route, input)) return expectDocumented(route, res);
          expect(res.status, describeAnswer(res)).toBeGreaterThanOrEqual(400);
          expect(res.headers.get('content-type'), describeAnswer(res)).toContain('application/problem+json');
          expect(await t.itemCount()).toBe(count);
        }),
        options(i + 1000),
      );
    });

    // Registered only for routes with path parameters (no skipped tests for the others).
    if (route.params)
      it('answers ids of nothing, or broken ids, with a documented 4xx and writes nothing', async () => {
        const arb = fc.oneof(paramInputs(route, false)!, paramInputs(route, true)!);
        await fc.assert(
          fc.asyncProperty(arb, async (input) => {
            const request = await prepare(route, input);
            const count = await t.itemCount();
            const res = await request();
            expect(res.status, describeAnswer(res)).toBeGreaterThanOrEqual(400);
            if (paramsValid(route, input)) expectDocumented(route, res);
            else expect(res.status, describeAnswer(res)).toBeLessThan(500);
            expect(res.headers.get('content-type'), describeAnswer(res)).toContain('application/problem+json');
            expect(await t.itemCount()).toBe(count);
          }),
          { ...options(i + 2000), numRuns: Math.ceil(RUNS / 2) },
        );
      });
  });
});
