import { randomUUID } from 'node:crypto';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { localClient } from '@channelbase/local';
import { logger } from '@channelbase/platform';
import { WINDOW_PER_KEY } from '@channelbase/core/leads';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';
import { expectProblem } from './helpers.ts';

/**
 * Lead distribution end to end through the local API: the candidate index built from partners'
 * events, routing with its stored explanation, offers, acceptance, rejection, expiry and the pool,
 * the capacity guarantee under concurrency, isolation between partners, and bad input.
 */
const t = useStack();
/** A budget (not an assertion) for the tests that make hundreds of requests: a busy machine is slow. */
const HEAVY = 180_000;
let vendor: Caller;

/** A country (and product line) of its own per test, so tests never share candidates. */
const COUNTRIES = ['FR', 'ES', 'IT', 'NL', 'BE', 'PL', 'SE', 'NO', 'DK', 'FI', 'PT', 'IE', 'CZ', 'HU', 'RO', 'GR'];
let nextCountry = 0;
const freshTerritory = () => COUNTRIES[nextCountry++]!;

const CONTACT = { name: 'Zelda Quist', email: 'zelda.quist@secret-lead.example', phone: '+33 1 98 76 54 32' };
const leadBody = (country: string, over: Record<string, unknown> = {}) => ({
  company: { name: `Lead Co ${randomUUID().slice(0, 6)}`, webDomain: 'lead-co.example' },
  country,
  productLines: ['networking'],
  estimatedValue: { amountMinor: 2_500_000, currency: 'EUR' },
  contact: CONTACT,
  source: 'test',
  ...over,
});

async function partner(territories: string[], over: Record<string, unknown> = {}): Promise<string> {
  const res = await vendor.call('POST', '/partners', {
    body: partnerBody({ status: 'active', territories, specialisations: ['networking'], leadCapacity: 10, ...over }),
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

const asPartner = (partnerId: string, role: 'partner-admin' | 'partner-sales' = 'partner-admin') => t.as(role, { partnerId });
const drain = () => t.stack.drain();

/** A leads item as stored (test-only read). */
async function item(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
  const client = localClient(t.stack.dynamoEndpoint);
  const { Item } = await client.send(new GetItemCommand({ TableName: t.stack.tableName, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }));
  client.destroy();
  return Item ? unmarshall(Item) : undefined;
}
const loadOf = async (partnerId: string) => (await item(`LEAD#PTR#${partnerId}`, 'STATE'))?.load as number;

/** The partner ids under one candidate-index key (tombstones left out). */
async function indexed(territory: string, productLine: string): Promise<string[]> {
  const client = localClient(t.stack.dynamoEndpoint);
  const res = await client.send(
    new QueryCommand({
      TableName: t.stack.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `LEAD#IDX#${territory}#${productLine}` } },
    }),
  );
  client.destroy();
  return (res.Items ?? [])
    .map((i) => unmarshall(i))
    .filter((i) => !i.removed)
    .map((i) => i.partnerId as string)
    .sort();
}

const leadEvents = () => t.stack.bus.published.filter((e) => e.source === 'channelbase.leads');

/** Tokens expire as the clock moves on: a fresh vendor token for each test and after each jump. */
const freshVendor = async () => {
  vendor = await t.as('vendor-admin');
};
const advance = async (by: Parameters<typeof t.stack.clock.advance>[0]) => {
  t.stack.clock.advance(by);
  await freshVendor();
};
beforeEach(freshVendor);

describe('routing, offer and acceptance', () => {
  it('offers a lead to the best candidate, explains the decision, and reveals the contact only on acceptance', async () => {
    const cc = freshTerritory();
    const gold = await partner([cc], { tier: 'gold' });
    const none = await partner([cc], { tier: null });
    const elsewhere = await partner(['US']);
    await drain();

    const created = await vendor.call('POST', '/leads', { body: leadBody(cc, { externalId: `ext-${randomUUID()}` }) });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ status: 'offered', partnerId: expect.any(String), offerCount: 1, valueBand: '10k-50k EUR' });
    const chosen = created.body.partnerId as string;
    expect([gold, none]).toContain(chosen);
    expect(chosen).not.toBe(elsewhere);

    const routing = await vendor.call('GET', `/leads/${created.body.id}/routing`);
    expect(routing.status).toBe(200);
    const decision = routing.body.items[0];
    expect(decision).toMatchObject({ outcome: 'offered', partnerId: chosen, trigger: 'created', settingsVersion: 0 });
    expect(decision.candidates.map((c: { partnerId: string }) => c.partnerId).sort()).toEqual([gold, none].sort());
    const cert = decision.candidates[0].breakdown.find((b: { input: string }) => b.input === 'certification');
    expect(cert).toMatchObject({ points: 0, note: expect.stringContaining('no effect') });

    // Before acceptance: the offered partner sees company, region, product lines and value band only.
    const offered = await asPartner(chosen);
    const view = await offered.call('GET', `/leads/${created.body.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ contact: null, estimatedValue: null, postalCode: null, valueBand: '10k-50k EUR', productLines: ['networking'] });
    const list = await offered.call('GET', '/leads');
    for (const text of [view.text, list.text]) for (const secret of Object.values(CONTACT)) expect(text).not.toContain(secret);
    await drain();
    const events = JSON.stringify(leadEvents());
    for (const secret of Object.values(CONTACT)) expect(events).not.toContain(secret);

    const accepted = await offered.call('POST', `/leads/${created.body.id}/accept`, { body: {} });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', contact: CONTACT, partnerId: chosen });
    expect(await loadOf(chosen)).toBe(1);

    // The same externalId again: the existing lead, nothing new.
    const again = await vendor.call('POST', '/leads', { body: leadBody(cc, { externalId: created.body.externalId }) });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
  });

  it(
    'recycles: a rejection and an expired SLA pass the lead on; after the third offer it returns to the pool with the reason',
    async () => {
      const cc = freshTerritory();
      const ids = [await partner([cc]), await partner([cc]), await partner([cc]), await partner([cc])];
      await drain();
      const lead = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
      const first = lead.partnerId as string;

      const rejected = await (await asPartner(first, 'partner-sales')).call('POST', `/leads/${lead.id}/reject`, { body: { reason: 'not-a-fit', text: 'No' } });
      expect(rejected.status, rejected.text).toBe(200);
      expect(rejected.body.partnerId).toBeNull();
      const second = (await vendor.call('GET', `/leads/${lead.id}`)).body;
      expect(second).toMatchObject({ status: 'offered', offerCount: 2 });
      expect(second.partnerId).not.toBe(first);
      expect(await loadOf(first)).toBe(0);
      // The rejecting partner no longer sees it.
      expectProblem(await (await asPartner(first)).call('GET', `/leads/${lead.id}`), 404, 'not-found');

      await advance({ hours: 48, minutes: 6 });
      await drain();
      const third = (await vendor.call('GET', `/leads/${lead.id}`)).body;
      expect(third).toMatchObject({ status: 'offered', offerCount: 3 });
      expect([first, second.partnerId]).not.toContain(third.partnerId);
      expect(await loadOf(second.partnerId)).toBe(0);
      expect(leadEvents().some((e) => e['detail-type'] === 'LeadOfferExpired' && (e.detail.data as { leadId: string }).leadId === lead.id)).toBe(true);

      await advance({ hours: 48, minutes: 6 });
      await drain();
      const pooled = (await vendor.call('GET', `/leads/${lead.id}`)).body;
      expect(pooled).toMatchObject({ status: 'unassigned', partnerId: null, offerCount: 3, pool: { reason: expect.stringContaining('max-offers') } });
      for (const id of ids) expect(await loadOf(id)).toBe(0);
      expect(pooled.declined.map((d: { outcome: string }) => d.outcome)).toEqual(['rejected', 'expired', 'expired']);

      // A vendor routes it again: only the partner never offered it remains.
      const rerouted = await vendor.call('POST', `/leads/${lead.id}/route`);
      expect(rerouted.status, rerouted.text).toBe(200);
      expect(rerouted.body.partnerId).toBe(ids.find((id) => ![first, second.partnerId, third.partnerId].includes(id)));
    },
    HEAVY,
  );

  it(
    'moves an accepted lead on, shares notes both ways, reports it stale after 7 quiet days, and frees capacity when closed',
    async () => {
      const cc = freshTerritory();
      const p = await partner([cc], { leadCapacity: 1 });
      await drain();
      const lead = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
      let admin = await asPartner(p);
      expect((await admin.call('POST', `/leads/${lead.id}/accept`, { body: {} })).status).toBe(200);
      // At capacity: the next lead goes to the pool, with the reason.
      const next = await vendor.call('POST', '/leads', { body: leadBody(cc) });
      expect(next.body).toMatchObject({ status: 'unassigned', pool: { reason: expect.stringContaining('no-candidates') } });
      const routing = (await vendor.call('GET', `/leads/${next.body.id}/routing`)).body.items[0];
      expect(routing.excluded).toEqual([{ partnerId: p, reason: 'at-capacity' }]);

      expect((await admin.call('POST', `/leads/${lead.id}/notes`, { body: { text: 'Called, demo next week' } })).status).toBe(201);
      expect((await vendor.call('POST', `/leads/${lead.id}/notes`, { body: { text: 'Thanks' } })).status).toBe(201);
      const notes = (await admin.call('GET', `/leads/${lead.id}/notes`)).body.items;
      expect(notes.map((n: { side: string; text: string }) => [n.side, n.text])).toEqual([
        ['partner', 'Called, demo next week'],
        ['vendor', 'Thanks'],
      ]);

      await advance({ days: 7, minutes: 6 });
      await drain();
      const stale = leadEvents().filter((e) => e['detail-type'] === 'LeadStale' && (e.detail.data as { leadId: string }).leadId === lead.id);
      expect(stale).toHaveLength(1);
      await advance({ hours: 1 });
      await drain();
      expect(leadEvents().filter((e) => e['detail-type'] === 'LeadStale' && (e.detail.data as { leadId: string }).leadId === lead.id)).toHaveLength(1);

      admin = await asPartner(p);
      expectProblem(await admin.call('POST', `/leads/${lead.id}/status`, { body: { status: 'lost' } }), 400, 'validation-failed', 'body.reason');
      const contacted = await admin.call('POST', `/leads/${lead.id}/status`, { body: { status: 'contacted', note: 'First call' } });
      expect(contacted.body.status).toBe('contacted');
      const converted = await admin.call('POST', `/leads/${lead.id}/status`, {
        body: { status: 'converted', dealRegistrationId: 'deal_01JD42A1B2C3D4E5F6G7H8J9K0' },
      });
      expect(converted.body).toMatchObject({ status: 'converted', dealRegistrationId: 'deal_01JD42A1B2C3D4E5F6G7H8J9K0' });
      expect(await loadOf(p)).toBe(0);
      expectProblem(await admin.call('POST', `/leads/${lead.id}/status`, { body: { status: 'qualified' } }), 409, 'conflict');
    },
    HEAVY,
  );
});

describe('contact details before acceptance', () => {
  it('appear in no log line of intake, routing, an offered read, a refused request, the consumer or the sweep', async () => {
    const cc = freshTerritory();
    const p = await partner([cc]);
    await drain();
    const lines: string[] = [];
    // Every call made on the shared logger (the handlers', the consumer's and the sweep's), at every level.
    const spies = (['debug', 'info', 'warn', 'error', 'appendKeys'] as const).map((method) =>
      vi.spyOn(logger, method).mockImplementation(((...args: unknown[]) => {
        lines.push(JSON.stringify(args, (_k, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack } : v)));
      }) as never),
    );
    const restore = [() => spies.forEach((s) => s.mockRestore())];
    const level = logger.getLevelName();
    logger.setLogLevel('DEBUG');
    try {
      const lead = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
      expect(lead.partnerId).toBe(p);
      await (await asPartner(p)).call('GET', `/leads/${lead.id}`);
      await vendor.call('POST', '/leads', { body: { ...leadBody(cc), country: 'XX' } });
      // A coordinate the table could not store: refused with the field path, whatever is logged.
      await vendor.call('POST', '/leads', { body: leadBody(cc, { coordinates: { lat: 1e-200, lon: 0 } }) });
      await vendor.call('POST', '/leads/batch', { body: { leads: [leadBody(cc), { contact: CONTACT }] } });
      await advance({ hours: 49 });
      await drain();
    } finally {
      logger.setLogLevel(level);
      for (const r of restore) r();
    }
    expect(lines.join('').length).toBeGreaterThan(0);
    for (const secret of Object.values(CONTACT)) expect(lines.join('')).not.toContain(secret);
  });
});

describe('isolation', () => {
  it("a partner user sees only leads offered to or owned by its organisation; anything else is 404, and answers nothing else's offers", async () => {
    const cc = freshTerritory();
    const mine = await partner([cc]);
    const other = await partner([freshTerritory()]);
    await drain();
    const lead = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
    expect(lead.partnerId).toBe(mine);
    const outsider = await asPartner(other);
    for (const [method, path, body] of [
      ['GET', `/leads/${lead.id}`, undefined],
      ['GET', `/leads/${lead.id}/notes`, undefined],
      ['POST', `/leads/${lead.id}/accept`, {}],
      ['POST', `/leads/${lead.id}/reject`, { reason: 'other', text: 'x' }],
      ['POST', `/leads/${lead.id}/status`, { status: 'contacted' }],
      ['POST', `/leads/${lead.id}/notes`, { text: 'x' }],
    ] as const) {
      expectProblem(await outsider.call(method, path, body === undefined ? {} : { body }), 404, 'not-found');
    }
    expect((await outsider.call('GET', '/leads')).body.items).toEqual([]);
    expect((await outsider.call('GET', `/leads?partnerId=${mine}`)).body.items).toEqual([]);
    expect((await vendor.call('GET', `/leads/${lead.id}`)).body.status).toBe('offered');
    const own = (await (await asPartner(mine)).call('GET', '/leads')).body.items;
    expect(own.map((l: { id: string }) => l.id)).toEqual([lead.id]);
    expect(own[0].contact).toBeNull();
  });
});

describe('load never exceeds capacity', () => {
  it(
    '200 leads routed concurrently into 5 partners of capacity 10: 50 offered, none above 10, 150 in the pool with the reason',
    async () => {
      const cc = freshTerritory();
      const ids = await Promise.all([1, 2, 3, 4, 5].map(() => partner([cc])));
      await drain();
      // 25 requests in flight at all times (each worker sends its next when its last one ends): every
      // routing races the others for the same 5 routing states, within the local API's 10 s per request.
      const results: Awaited<ReturnType<Caller['call']>>[] = [];
      let sent = 0;
      await Promise.all(
        Array.from({ length: 25 }, async () => {
          while (sent < 200) {
            sent++;
            results.push(await vendor.call('POST', '/leads', { body: leadBody(cc) }));
          }
        }),
      );
      expect(results.map((r) => r.status)).toEqual(Array(200).fill(201));
      const offered = results.filter((r) => r.body.status === 'offered');
      const pooled = results.filter((r) => r.body.status === 'unassigned');
      expect(offered).toHaveLength(50);
      expect(pooled).toHaveLength(150);
      for (const r of pooled) expect(r.body.pool.reason).toContain('no-candidates');
      const perPartner = new Map<string, number>();
      for (const r of offered) perPartner.set(r.body.partnerId, (perPartner.get(r.body.partnerId) ?? 0) + 1);
      for (const id of ids) {
        expect(perPartner.get(id)).toBe(10);
        expect(await loadOf(id)).toBe(10);
      }
      // Nothing lost: every lead is stored, once.
      const listed: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string; country: string }[]; nextCursor: string | null } } = await vendor.call(
          'GET',
          `/leads?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        );
        listed.push(...page.body.items.filter((l) => l.country === cc).map((l) => l.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(listed)).toEqual(new Set(results.map((r) => r.body.id)));
      expect(listed).toHaveLength(200);
      expect([...listed]).toEqual([...listed].sort().reverse());
    },
    HEAVY,
  );
});

describe('bounded candidate selection', () => {
  it(
    `reads ${WINDOW_PER_KEY} entries of a larger territory, least recently offered first, so every partner gets its turn`,
    async () => {
      const cc = freshTerritory();
      const ids: string[] = [];
      for (let i = 0; i < WINDOW_PER_KEY + 2; i++) ids.push(await partner([cc]));
      await drain();
      const offeredTo: string[] = [];
      for (let i = 0; i < ids.length; i++) {
        const lead = await vendor.call('POST', '/leads', { body: leadBody(cc) });
        expect(lead.status, lead.text).toBe(201);
        offeredTo.push(lead.body.partnerId as string);
        const decision = (await vendor.call('GET', `/leads/${lead.body.id}/routing`)).body.items[0];
        // One key (country × product line): one page of the window, never the whole territory.
        expect(decision.selection).toMatchObject({ windowPerKey: WINDOW_PER_KEY, read: WINDOW_PER_KEY, complete: false, exact: false });
        expect(decision.candidates).toHaveLength(WINDOW_PER_KEY);
      }
      // Identical partners: each offer moves its partner to the back of the index order, so the 12 leads reach the 12 partners once each.
      expect([...offeredTo].sort()).toEqual([...ids].sort());
    },
    HEAVY,
  );
});

describe('the candidate index converges on partners’ events', () => {
  it(
    'follows territory, specialisation, status, tier and capacity changes, and ignores duplicated and out-of-order events',
    async () => {
      const [a, b] = [freshTerritory(), freshTerritory()];
      const p = await partner([a]);
      await drain();
      expect(await indexed(a, 'networking')).toEqual([p]);

      const patch = async (body: Record<string, unknown>) => {
        const etag = (await vendor.call('GET', `/partners/${p}`)).headers.get('etag')!;
        const res = await vendor.call('PATCH', `/partners/${p}`, { body, headers: { 'if-match': etag } });
        expect(res.status, res.text).toBe(200);
        await drain();
      };
      await patch({ territories: [b] });
      expect([await indexed(a, 'networking'), await indexed(b, 'networking')]).toEqual([[], [p]]);
      await patch({ specialisations: ['security'] });
      expect([await indexed(b, 'networking'), await indexed(b, 'security')]).toEqual([[], [p]]);
      await patch({ tier: 'gold', leadCapacity: 3 });
      expect(await item(`LEAD#IDX#${b}#security`, p)).toMatchObject({ tier: 'gold', leadCapacity: 3 });
      expect(await item(`LEAD#PTR#${p}`, 'STATE')).toMatchObject({ capacity: 3 });

      expect((await vendor.call('POST', `/partners/${p}/suspend`, { body: { reason: 'Review' } })).status).toBe(200);
      await drain();
      expect(await item(`LEAD#IDX#${b}#security`, p)).toMatchObject({ status: 'suspended' });
      const whileSuspended = await vendor.call('POST', '/leads', { body: leadBody(b, { productLines: ['security'] }) });
      expect(whileSuspended.body.status).toBe('unassigned');
      expect((await vendor.call('GET', `/leads/${whileSuspended.body.id}/routing`)).body.items[0].excluded).toEqual([{ partnerId: p, reason: 'not-active' }]);
      expect((await vendor.call('POST', `/partners/${p}/reactivate`, { body: { reason: 'OK' } })).status).toBe(200);
      await drain();
      expect((await vendor.call('POST', '/leads', { body: leadBody(b, { productLines: ['security'] }) })).body.partnerId).toBe(p);

      // Every partners event so far, delivered again, oldest last: the index keeps the newest version.
      const history = t.stack.bus.published.filter(
        (e) => e.source === 'channelbase.partners' && (e.detail.data as { partner?: { id: string } }).partner?.id === p,
      );
      expect(history.length).toBeGreaterThanOrEqual(6);
      const { handler } = await import('../../functions/leads/candidates.ts');
      const asSqs = (events: typeof history) => ({ Records: events.map((e, i) => ({ messageId: `m${i}`, body: JSON.stringify(e) })) });
      await handler(asSqs([...history].reverse()) as never, {} as never);
      await handler(asSqs(history) as never, {} as never);
      expect([await indexed(a, 'networking'), await indexed(b, 'networking'), await indexed(b, 'security')]).toEqual([[], [], [p]]);
      expect(await item(`LEAD#IDX#${b}#security`, p)).toMatchObject({ status: 'active', tier: 'gold', leadCapacity: 3 });

      expect((await vendor.call('POST', `/partners/${p}/terminate`, { body: { reason: 'End' } })).status).toBe(200);
      await drain();
      expect(await indexed(b, 'security')).toEqual([]);
      await handler(asSqs(history) as never, {} as never);
      expect(await indexed(b, 'security')).toEqual([]);
    },
    HEAVY,
  );
});

describe('bad input writes nothing', () => {
  it.each([
    ['unknown field', { extra: 1 }, 'body.extra'],
    ['country not ISO 3166', { country: 'XX' }, 'body.country'],
    ['region of another country', { region: 'ES-MD' }, 'body.region'],
    ['latitude out of range', { coordinates: { lat: 95, lon: 0 } }, 'body.coordinates.lat'],
    ['no product line', { productLines: [] }, 'body.productLines'],
    ['bad e-mail', { contact: { name: 'A', email: 'nope' } }, 'body.contact.email'],
  ])('%s → 400 with the field path', async (_name, over, path) => {
    const before = await t.itemCount();
    expectProblem(await vendor.call('POST', '/leads', { body: leadBody('FR', over) }), 400, 'validation-failed', path);
    expect(await t.itemCount()).toBe(before);
  });

  it.each([
    ['a negative weight', { tier: -1 }, 'body.weights.tier'],
    ['all weights zero', { tier: 0, certification: 0, distance: 0, load: 0, acceptanceRate: 0, timeToAccept: 0, winRate: 0 }, 'body.weights'],
  ])('routing settings with %s → 400, nothing written', async (_name, weights, path) => {
    const current = await vendor.call('GET', '/programme/routing');
    const before = await t.itemCount();
    const body = { weights: { ...current.body.weights, ...weights }, offerSlaHours: 48, maxOffers: 3, staleDays: 7 };
    expectProblem(
      await vendor.call('PUT', '/programme/routing', { body, headers: { 'if-match': current.headers.get('etag')! } }),
      400,
      'validation-failed',
      path,
    );
    expect(await t.itemCount()).toBe(before);
  });

  it('settings are versioned with If-Match, and each decision records the version it used', async () => {
    const current = await vendor.call('GET', '/programme/routing');
    const body = { weights: current.body.weights, offerSlaHours: 24, maxOffers: 3, staleDays: 7 };
    const put = await vendor.call('PUT', '/programme/routing', { body, headers: { 'if-match': current.headers.get('etag')! } });
    expect(put.status, put.text).toBe(200);
    expectProblem(await vendor.call('PUT', '/programme/routing', { body, headers: { 'if-match': current.headers.get('etag')! } }), 412, 'precondition-failed');
    const cc = freshTerritory();
    await partner([cc]);
    await drain();
    const lead = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
    expect(lead.routingSettingsVersion).toBe(put.body.version);
    expect(Date.parse(lead.offer.expiresAt) - Date.parse(lead.offer.offeredAt)).toBe(24 * 3_600_000);
    const restore = { ...body, offerSlaHours: 48 };
    expect((await vendor.call('PUT', '/programme/routing', { body: restore, headers: { 'if-match': put.headers.get('etag')! } })).status).toBe(200);
  });
});

describe('batch intake', () => {
  it('gives each item its own result: created, duplicate (also within the batch) or invalid with field paths', async () => {
    const cc = freshTerritory();
    await partner([cc]);
    await drain();
    const existing = (await vendor.call('POST', '/leads', { body: leadBody(cc, { externalId: `b-${randomUUID()}` }) })).body;
    const ext = `b-${randomUUID()}`;
    const res = await vendor.call('POST', '/leads/batch', {
      body: {
        leads: [
          leadBody(cc, { externalId: ext }),
          leadBody(cc, { country: 'XX' }),
          leadBody(cc, { externalId: existing.externalId }),
          leadBody(cc, { externalId: ext }),
          { company: { name: 'Only a name' } },
          leadBody(cc),
        ],
      },
    });
    expect(res.status, res.text).toBe(200);
    const r = res.body.results;
    expect(r.map((x: { outcome: string }) => x.outcome)).toEqual(['created', 'invalid', 'duplicate', 'duplicate', 'invalid', 'created']);
    expect(r[1].errors.map((e: { path: string }) => e.path)).toEqual(['body.leads.1.country']);
    expect(r[2].leadId).toBe(existing.id);
    expect(r[3].leadId).toBe(r[0].leadId);
    expect(r[4].errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.leads.4.country', 'body.leads.4.productLines', 'body.leads.4.contact', 'body.leads.4.source']),
    );
    expect(res.body).toMatchObject({ created: 2, duplicates: 2, invalid: 2 });
    expect((await vendor.call('GET', `/leads/${r[0].leadId}`)).body.status).toBe('offered');
  });

  it(
    'takes 500 leads in one request, a body beyond the 64 KB of other routes',
    async () => {
      const cc = freshTerritory();
      const leads = Array.from({ length: 500 }, () => leadBody(cc, { route: false, externalId: `b5-${randomUUID()}` }));
      expect(JSON.stringify({ leads }).length).toBeGreaterThan(64 * 1024);
      const res = await vendor.call('POST', '/leads/batch', { body: { leads } });
      expect(res.status, res.text.slice(0, 300)).toBe(200);
      expect(res.body).toMatchObject({ created: 500, duplicates: 0, invalid: 0 });
      expect(new Set(res.body.results.map((r: { leadId: string }) => r.leadId)).size).toBe(500);
    },
    HEAVY,
  );

  it('refuses more than 500 items, writing nothing', async () => {
    const before = await t.itemCount();
    expectProblem(await vendor.call('POST', '/leads/batch', { body: { leads: Array(501).fill({}) } }), 400, 'validation-failed', 'body.leads');
    expect(await t.itemCount()).toBe(before);
  });
});
