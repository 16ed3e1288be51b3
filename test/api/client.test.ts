import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  type ChannelbaseClient,
  ChannelbaseProblemError,
  type CreatePartner,
  type FetchLike,
  type PartnerId,
  type PartnerUser,
  type SubmitApplication,
  createChannelbaseClient,
  isProblem,
} from '@channelbase/client';
import type { Role } from '@channelbase/core';
import type { TokenRequest } from '@channelbase/local';
import { useStack } from '../support/stack.ts';
import { contract } from '../support/contract.ts';

/**
 * The end-to-end flows through @channelbase/client: its types (generated from openapi.json) and
 * the server must agree at compile time (this file is type-checked) and at run time.
 */
const t = useStack();

type Seen = { method: string; path: string; key: string | null; status: number | 'network-error' };

/** A client for a caller with these roles; `seen` records what went over the wire. */
async function clientAs(roles: Role | Role[], extra: Partial<TokenRequest> = {}, wrap?: (send: FetchLike) => FetchLike) {
  const list = Array.isArray(roles) ? roles : [roles];
  const token = await t.stack.token({ sub: extra.sub ?? `client-${list.join('+')}-${randomUUID().slice(0, 8)}`, roles: list, ...extra });
  return recording({ token }, wrap);
}

/** What the server answers is checked against openapi.json, as every other test's responses are (test/support/contract.ts). */
const checkedBy =
  (base: FetchLike): FetchLike =>
  async (request) => {
    const response = await base(request);
    const url = new URL(request.url);
    contract(t.url).check(request.method, url.pathname + url.search, {
      status: response.status,
      headers: response.headers,
      text: await response.clone().text(),
    });
    return response;
  };

function recording(auth: { token?: string }, wrap?: (send: FetchLike) => FetchLike, unchecked: FetchLike = (r) => fetch(r)) {
  const base = checkedBy(unchecked);
  const seen: Seen[] = [];
  const send: FetchLike = async (request) => {
    const entry: Seen = { method: request.method, path: new URL(request.url).pathname, key: request.headers.get('idempotency-key'), status: 'network-error' };
    seen.push(entry);
    const response = await (wrap ? wrap(base) : base)(request);
    entry.status = response.status;
    return response;
  };
  const client = createChannelbaseClient({ baseUrl: t.url, ...auth, fetch: send, retry: { attempts: 3, backoff: () => 5 } });
  return { client, seen };
}

let sources = 0;
/**
 * A fetch from a loopback address of its own (fetch cannot bind one), as distinct applicants
 * are: POST /applications is throttled per source address.
 */
function fetchFromOwnAddress(): FetchLike {
  const n = ++sources;
  const from = `127.${50 + (process.pid % 50)}.${(n >> 8) & 255}.${n & 255 || 1}`;
  return async (request) => {
    const url = new URL(request.url);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    return new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string> = Object.fromEntries(request.headers);
      if (body) headers['content-length'] = String(body.length);
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: request.method, localAddress: from, agent: false, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const h = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(',') : v);
            const status = res.statusCode ?? 500;
            resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: h }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}

const newPartner = (overrides: Partial<CreatePartner> = {}): CreatePartner => ({
  legalName: `Acme ${randomUUID().slice(0, 6)} Ltd`,
  webDomain: `acme-${randomUUID().slice(0, 6)}.example`,
  country: 'GB',
  type: 'reseller',
  ...overrides,
});

const application = (): SubmitApplication => {
  const tag = randomUUID().slice(0, 8);
  return {
    company: {
      legalName: `Globex ${tag} Ltd`,
      webDomain: `globex-${tag}.co.uk`,
      country: 'GB',
      address: { line1: '1 High Street', city: 'Leeds', postalCode: 'LS1 1AA' },
      taxId: `GB${tag.replace(/[^0-9]/g, '7').padEnd(9, '1')}`,
    },
    partnerType: 'reseller',
    products: ['networking'],
    territories: ['GB'],
    contact: { givenName: 'Grace', familyName: 'Hopper', email: `grace-${tag}@globex.example` },
  };
};

async function problemOf(promise: Promise<unknown>): Promise<ChannelbaseProblemError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChannelbaseProblemError);
  return error as ChannelbaseProblemError;
}

describe('@channelbase/client: partners', () => {
  it('creates a partner with an Idempotency-Key, and a retry after a lost answer returns the same partner', async () => {
    let created: unknown;
    let dropped = false;
    // The first answer to POST /partners is lost after the server has acted on it: the client resends.
    const { client, seen } = await clientAs('vendor-admin', {}, (send) => async (request) => {
      const response = await send(request);
      if (request.method === 'POST' && !dropped) {
        dropped = true;
        created = await response.json();
        throw new TypeError('fetch failed');
      }
      return response;
    });
    const partner = await client.partners.create(newPartner());

    expect(partner.id).toMatch(/^ptr_/);
    expect(partner).toEqual(created);
    const posts = seen.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1]!.key).toBe(posts[0]!.key);
    expect(posts[1]!.status).toBe(201);
    expect((await client.partners.get(partner.id)).data.version).toBe(1);

    // Each call makes its own key: a second create is a second partner.
    const other = await client.partners.create(newPartner());
    expect(other.id).not.toBe(partner.id);
    expect(seen.at(-1)!.key).not.toBe(posts[0]!.key);
  });

  it('resends with the same key on a 5xx and on a 409 request-in-progress, and replays a given key', async () => {
    let failures = 0;
    const { client, seen } = await clientAs('vendor-admin', {}, (send) => async (request) => {
      if (request.method === 'POST' && failures < 2) {
        failures++;
        if (failures === 1) return new Response('{"message":"Internal server error"}', { status: 503, headers: { 'content-type': 'application/json' } });
        const busy = { type: 'https://channelbase.dev/problems/request-in-progress', title: 'Conflict', status: 409, detail: 'still in progress' };
        return new Response(JSON.stringify(busy), { status: 409, headers: { 'content-type': 'application/problem+json', 'retry-after': '0' } });
      }
      return send(request);
    });
    const key = randomUUID();
    const partner = await client.partners.create(newPartner(), { idempotencyKey: key });
    expect(seen.map((s) => [s.key, s.status])).toEqual([
      [key, 503],
      [key, 409],
      [key, 201],
    ]);
    const again = await client.partners.create(newPartner({ legalName: partner.legalName, webDomain: partner.webDomain }), { idempotencyKey: key });
    expect(again).toEqual(partner);
  });

  it('gives up after the attempts allowed, with the last answer as a problem', async () => {
    const { client, seen } = await clientAs('vendor-admin', {}, () => async () => new Response('', { status: 502 }));
    const error = await problemOf(client.partners.create(newPartner()));
    expect(error.status).toBe(502);
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
  });

  it('pages through a filtered list with an async iterator, following the cursor', async () => {
    const { client, seen } = await clientAs('vendor-admin');
    const made: PartnerId[] = [];
    for (let i = 0; i < 5; i++) made.push((await client.partners.create(newPartner({ country: 'NZ' }))).id);

    const listed: PartnerId[] = [];
    for await (const partner of client.paginate('/partners', { query: { country: 'NZ', limit: 2 } })) listed.push(partner.id);

    expect(listed).toEqual([...made].reverse());
    const pages = seen.filter((s) => s.method === 'GET' && s.path === '/partners');
    expect(pages).toHaveLength(3);
  });

  it('reads with the ETag and updates with If-Match; a stale ETag is a 412 problem', async () => {
    const { client } = await clientAs('vendor-admin');
    const { id } = await client.partners.create(newPartner());
    const read = await client.partners.get(id);
    expect(read.etag).toMatch(/^"/);

    const updated = await client.partners.update(id, { displayName: 'Acme', tier: 'gold' }, { etag: read.etag });
    expect(updated.data).toMatchObject({ displayName: 'Acme', tier: 'gold', version: 2 });
    expect(updated.etag).not.toBe(read.etag);

    const stale = await problemOf(client.partners.update(id, { displayName: 'Lost' }, { etag: read.etag }));
    expect(stale).toMatchObject({ status: 412, type: expect.stringMatching(/^https:\/\/channelbase\.dev\/problems\//), title: expect.any(String) });
    expect(stale.detail).toEqual(expect.any(String));

    // The read-then-write helper takes the ETag of its own read.
    const modified = await client.partners.modify(id, (current) => ({ displayName: `${current.displayName} Group` }));
    expect(modified.data).toMatchObject({ displayName: 'Acme Group', version: 3 });
    expect((await client.partners.get(id)).etag).toBe(modified.etag);
  });

  it('adds a user to a partner and reads it back, typed by kind', async () => {
    const { client } = await clientAs('vendor-admin');
    const partner = await client.partners.create(newPartner());
    const user = await client.partners.users.add(partner.id, {
      email: `ada-${randomUUID().slice(0, 6)}@acme.example`,
      givenName: 'Ada',
      familyName: 'Lovelace',
      roles: ['partner-sales'],
    });
    expect(user).toMatchObject({ id: expect.stringMatching(/^usr_/), partnerId: partner.id, roles: ['partner-sales'] });
    const read = await client.partners.users.get(partner.id, user.id);
    expect(read.data.email).toBe(user.email);
    expect(read.etag).toBeTruthy();
  });

  it("answers a partner admin's change of identity fields with the change request, and applies the rest", async () => {
    const { client: admin } = await clientAs('vendor-admin');
    const own = await admin.partners.create(newPartner());
    const { client: partnerAdmin } = await clientAs('partner-admin', { partnerId: own.id });
    const read = await partnerAdmin.partners.get(own.id);
    const result = await partnerAdmin.partners.update(own.id, { legalName: 'Renamed Holdings Ltd', displayName: 'Renamed' }, { etag: read.etag });
    expect(result.data).toBeUndefined();
    expect(result.changeRequest).toMatchObject({ partnerId: own.id, status: 'pending', changes: [{ field: 'legalName', to: 'Renamed Holdings Ltd' }] });
    expect((await partnerAdmin.partners.get(own.id)).data).toMatchObject({ displayName: 'Renamed', legalName: read.data.legalName });
  });

  it('maps 403 and 404 answers to ChannelbaseProblemError, from the helpers, the iterator and the raw client', async () => {
    const { client: admin } = await clientAs('vendor-admin');
    const own = await admin.partners.create(newPartner());
    const other = await admin.partners.create(newPartner());
    const { client: partnerAdmin } = await clientAs('partner-admin', { partnerId: own.id });

    const hidden = await problemOf(partnerAdmin.partners.get(other.id));
    expect(hidden).toMatchObject({ status: 404, code: 'not-found', errors: [] });
    expect(isProblem(hidden, 'not-found')).toBe(true);

    const forbidden = await problemOf(partnerAdmin.paginate('/partners').next());
    expect(forbidden).toMatchObject({ status: 403, code: 'forbidden' });

    const tier = await partnerAdmin.GET('/partners/{id}', { params: { path: { id: own.id } } });
    const etag = tier.response.headers.get('etag')!;
    const refused = await problemOf(partnerAdmin.partners.update(own.id, { tier: 'platinum' }, { etag }));
    expect(refused.status).toBe(403);
    expect(refused.errors).toEqual([{ path: 'tier', message: expect.any(String) }]);

    // The raw openapi-fetch client answers { data, error }; unwrap turns the error into the same class.
    const raw = await partnerAdmin.GET('/partners/{id}', { params: { path: { id: other.id } } });
    expect(raw.error).toMatchObject({ status: 404 });
    expect(() => partnerAdmin.unwrap(raw)).toThrow(ChannelbaseProblemError);
  });
});

describe('@channelbase/client: onboarding', () => {
  it('publish an agreement, submit anonymously, approve, accept as the new partner admin', async () => {
    const { client: admin } = await clientAs('vendor-admin');
    const agreement = await admin.programme.publishAgreement({ title: 'Channel Partner Agreement', text: 'The partner agrees to …' });
    expect(agreement.id).toMatch(/^agr_/);

    const body = application();
    const { client: anonymous, seen } = recording({}, undefined, fetchFromOwnAddress());
    const receipt = await anonymous.applications.submit(body);
    expect(receipt).toEqual({ id: expect.stringMatching(/^app_/), status: 'received' });
    expect(seen[0]!.key).toBeTruthy();

    const { client: cm } = await clientAs('channel-manager');
    const pending = await cm.applications.get(receipt.id);
    expect(pending.data.status).toBe('pending');
    expect(pending.etag).toBe(`"${receipt.id}.v1"`);

    const approved = await cm.applications.approve(receipt.id, { tier: 'silver' });
    expect(approved.status).toBe('approved');
    const partnerId = approved.decision?.partnerId;
    const adminUserId = approved.decision?.adminUserId;
    if (!partnerId || !adminUserId) throw new Error(`approval made no partner: ${JSON.stringify(approved.decision)}`);
    expect((await cm.partners.get(partnerId)).data).toMatchObject({ status: 'onboarding', legalName: body.company.legalName, tier: 'silver' });

    // Locally the new admin signs in with a local token (in AWS: the Cognito invitation).
    const { client: partnerAdmin } = await clientAs('partner-admin', { partnerId, userId: adminUserId, sub: adminUserId });
    const offers = await partnerAdmin.partners.agreements.list(partnerId);
    expect(offers).toEqual([expect.objectContaining({ agreementId: agreement.id, status: 'offered' })]);

    const accepted = await partnerAdmin.partners.agreements.accept(partnerId, offers[0]!.agreementId);
    expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: { sub: adminUserId, userId: adminUserId } });
    const twice = await problemOf(partnerAdmin.partners.agreements.accept(partnerId, offers[0]!.agreementId));
    expect(twice.status).toBe(409);
    expect((await cm.partners.get(partnerId)).data.status).toBe('active');

    const users: PartnerUser[] = [];
    for await (const user of partnerAdmin.paginate('/partners/{id}/users', { path: { id: partnerId } })) users.push(user);
    expect(users.map((u) => u.id)).toEqual([adminUserId]);
  });
});

/** Never called: compiled only, so that ids of one kind cannot stand for another (`npm run typecheck` fails if they can). */
export function idsAreTypedByKind(client: ChannelbaseClient, user: PartnerUser, partner: PartnerId) {
  // @ts-expect-error a user id is no partner id
  void client.partners.get(user.id);
  // @ts-expect-error nor is a partner id a user id
  void client.partners.users.get(partner, partner);
  // @ts-expect-error the raw client's path parameters are typed by kind too
  void client.GET('/partners/{id}', { params: { path: { id: user.id } } });
  // @ts-expect-error a plain string is not an id
  void client.partners.get('acme');
  // @ts-expect-error paginate takes only paged paths
  void client.paginate('/partners/{id}', { path: { id: partner } });
  // @ts-expect-error a path with parameters needs them
  void client.paginate('/partners/{id}/users');
}
