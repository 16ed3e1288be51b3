import { randomUUID } from 'node:crypto';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { localClient } from '@channelbase/local';
import { logger } from '@channelbase/platform';
import { WINDOW_PER_KEY } from '@channelbase/core/leads';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';
import { answers, examBody } from '../support/training.ts';
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
const COUNTRIES = [
  'FR',
  'ES',
  'IT',
  'NL',
  'BE',
  'PL',
  'SE',
  'NO',
  'DK',
  'FI',
  'PT',
  'IE',
  'CZ',
  'HU',
  'RO',
  'GR',
  'BG',
  'HR',
  'SK',
  'SI',
  'EE',
  'LV',
  'LT',
  'LU',
  'MT',
  'CY',
  'IS',
  'CH',
  'AT',
  'JP',
];
let nextCountry = 0;
const freshTerritory = () => {
  const cc = COUNTRIES[nextCountry++];
  if (!cc) throw new Error('test/reliability/leads.test.ts: add countries to COUNTRIES (one per test that needs its own)');
  return cc;
};

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

/** A close date 60 days after the stack's clock (deals require one in the future). */
const closeDate = () => new Date(t.stack.clock.now().getTime() + 60 * 86_400_000).toISOString().slice(0, 10);

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
    expect(cert).toMatchObject({ points: 0, note: 'no current accreditation or active staff certification in networking' });

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
        body: { status: 'converted', deal: { expectedCloseDate: closeDate(), description: 'Brewery network refresh' } },
      });
      expect(converted.body, converted.text).toMatchObject({ status: 'converted', dealRegistrationId: expect.stringMatching(/^deal_/) });
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

describe('a converted lead registers its deal', () => {
  /** A lead of a partner of its own, accepted by it. */
  async function acceptedLead(over: Record<string, unknown> = {}) {
    const cc = freshTerritory();
    const p = await partner([cc]);
    await drain();
    const lead = (await vendor.call('POST', '/leads', { body: leadBody(cc, over) })).body;
    expect(lead.partnerId).toBe(p);
    const admin = await asPartner(p);
    expect((await admin.call('POST', `/leads/${lead.id}/accept`, { body: {} })).status).toBe(200);
    return { p, lead, admin };
  }
  const dealsOfLead = async (leadId: string) => {
    const all: { id: string; leadId: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string; leadId: string | null }[]; nextCursor: string | null } } = await vendor.call(
        'GET',
        `/deals?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return all.filter((d) => d.leadId === leadId);
  };

  it('registers the deal through deals, links it both ways, and converting again answers the same deal', async () => {
    const { p, lead, admin } = await acceptedLead();
    const deal = {
      expectedCloseDate: closeDate(),
      description: 'Brewery network refresh, 3 sites',
      lines: [{ productLine: 'networking', products: ['Edge X2'] }],
    };
    const converted = await admin.call('POST', `/leads/${lead.id}/status`, { body: { status: 'converted', deal } });
    expect(converted.status, converted.text).toBe(200);
    expect(converted.body).toMatchObject({ status: 'converted', dealRegistrationId: expect.stringMatching(/^deal_/) });
    const dealId = converted.body.dealRegistrationId as string;
    const read = await vendor.call('GET', `/deals/${dealId}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body).toMatchObject({
      leadId: lead.id,
      partnerId: p,
      customer: { legalName: lead.company.name, webDomain: 'lead-co.example', country: lead.country },
      contact: { name: CONTACT.name, email: CONTACT.email },
      value: { amountMinor: 2_500_000, currency: 'EUR' },
      lines: [{ productLine: 'networking', products: ['Edge X2'] }],
      expectedCloseDate: deal.expectedCloseDate,
    });
    expect(await item(`LEAD#PTR#${p}`, 'STATE')).toMatchObject({ load: 0, won: 1 });

    // Again (a retry): the same lead and deal; nothing registered, no place given back twice.
    const again = await admin.call('POST', `/leads/${lead.id}/status`, { body: { status: 'converted', deal } });
    expect(again.status, again.text).toBe(200);
    expect(again.body.dealRegistrationId).toBe(dealId);
    expect((await dealsOfLead(lead.id)).map((d) => d.id)).toEqual([dealId]);
    expect(await item(`LEAD#PTR#${p}`, 'STATE')).toMatchObject({ load: 0, won: 1 });
    await drain();
    const changed = leadEvents().filter((e) => e['detail-type'] === 'LeadStatusChanged' && (e.detail.data as { leadId: string }).leadId === lead.id);
    expect(changed.map((e) => (e.detail.data as { dealRegistrationId: string }).dealRegistrationId)).toEqual([dealId]);
  });

  it('two conversions at once register one deal, and both answer it', async () => {
    const { p, lead, admin } = await acceptedLead();
    const body = { status: 'converted', deal: { expectedCloseDate: closeDate(), description: 'Twice at once' } };
    const answers = await Promise.all([admin.call('POST', `/leads/${lead.id}/status`, { body }), vendor.call('POST', `/leads/${lead.id}/status`, { body })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const ids = (await dealsOfLead(lead.id)).map((d) => d.id);
    expect(ids).toHaveLength(1);
    expect(answers.map((a) => a.body.dealRegistrationId)).toEqual([ids[0], ids[0]]);
    expect(await item(`LEAD#PTR#${p}`, 'STATE')).toMatchObject({ load: 0, won: 1 });
  });

  it('links a registration that exists without the lead’s side, registering no second deal', async () => {
    const { p, lead, admin } = await acceptedLead();
    const { registerFromLead } = await import('../../functions/deals/index.ts');
    const registration = {
      customer: { legalName: lead.company.name, webDomain: 'lead-co.example', country: lead.country },
      contact: { name: CONTACT.name, email: CONTACT.email },
      lines: [{ productLine: 'networking', products: [] }],
      value: { amountMinor: 2_500_000, currency: 'EUR' },
      expectedCloseDate: closeDate(),
      description: 'Registered before the lead knew',
    };
    const orphan = await registerFromLead({ leadId: lead.id, partnerId: p, registration, actor: { sub: 'test', roles: ['system'] } });
    const converted = await admin.call('POST', `/leads/${lead.id}/status`, {
      body: { status: 'converted', deal: { expectedCloseDate: closeDate(), description: 'Converted' } },
    });
    expect(converted.status, converted.text).toBe(200);
    expect(converted.body).toMatchObject({ status: 'converted', dealRegistrationId: orphan.id });
    expect((await vendor.call('GET', `/leads/${lead.id}`)).body.dealRegistrationId).toBe(orphan.id);
    expect((await dealsOfLead(lead.id)).map((d) => d.id)).toEqual([orphan.id]);
    expect(await item(`LEAD#PTR#${p}`, 'STATE')).toMatchObject({ load: 0, won: 1 });
  });

  it('answers 400 naming body.deal.<field> when the registration lacks what it needs, writing nothing', async () => {
    const { lead, admin } = await acceptedLead({ estimatedValue: undefined, company: { name: 'No Domain GmbH' } });
    const before = await t.itemCount();
    const convert = (deal: unknown) =>
      admin.call('POST', `/leads/${lead.id}/status`, { body: { status: 'converted', ...(deal === undefined ? {} : { deal }) } });
    expectProblem(await convert(undefined), 400, 'validation-failed', 'body.deal');
    expectProblem(await convert({ description: 'x' }), 400, 'validation-failed', 'body.deal.expectedCloseDate');
    const missing = await convert({ expectedCloseDate: closeDate(), description: 'x' });
    expectProblem(missing, 400, 'validation-failed', 'body.deal.value');
    expectProblem(missing, 400, 'validation-failed', 'body.deal.customer.webDomain');
    const complete = {
      expectedCloseDate: closeDate(),
      description: 'x',
      value: { amountMinor: 100, currency: 'EUR' },
      customer: { webDomain: 'nodomain.example' },
    };
    expectProblem(await convert({ ...complete, expectedCloseDate: '2020-01-01' }), 400, 'validation-failed', 'body.deal.expectedCloseDate');
    expectProblem(await convert({ ...complete, lines: [{ productLine: 'Not A Key' }] }), 400, 'validation-failed', 'body.deal.lines.0.productLine');
    expectProblem(
      await admin.call('POST', `/leads/${lead.id}/status`, { body: { status: 'contacted', deal: complete } }),
      400,
      'validation-failed',
      'body.deal',
    );
    expect(await t.itemCount()).toBe(before);
    const ok = await convert(complete);
    expect(ok.status, ok.text).toBe(200);
  });
});

describe('certification weighs in routing, from training’s events', () => {
  it(
    'a certification issued to a partner user wins it the next lead, with the reason in the breakdown; its expiry takes that away',
    async () => {
      const cc = freshTerritory();
      const [low, high] = [await partner([cc]), await partner([cc])].sort() as [string, string];
      // A user of the partner that would lose a tie (ids order equal scores of never-offered partners) passes an exam.
      const tag = randomUUID().slice(0, 8);
      const user = await vendor.call('POST', `/partners/${high}/users`, {
        body: { email: `cert-${tag}@example.com`, givenName: 'Cert', familyName: tag, roles: ['partner-sales'] },
      });
      expect(user.status, user.text).toBe(201);
      await drain();
      const exam = await vendor.call('POST', '/exams', { body: examBody({ certification: { key: `net-${tag}`, name: 'Net', validityMonths: 1 } }) });
      expect(exam.status, exam.text).toBe(201);
      const me = await t.as('partner-sales', { partnerId: high, userId: user.body.id, sub: user.body.id });
      const attempt = (await me.call('POST', `/exams/${exam.body.id}/attempts`)).body;
      const passed = await me.call('POST', `/exams/${exam.body.id}/attempts/${attempt.id}/submit`, { body: answers(attempt) });
      expect(passed.body.result, passed.text).toMatchObject({ passed: true });
      await drain();

      const certTerm = (decision: { candidates: { partnerId: string; breakdown: { input: string }[] }[] }, id: string) =>
        decision.candidates.find((c) => c.partnerId === id)!.breakdown.find((b) => b.input === 'certification');
      const first = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
      expect(first.partnerId).toBe(high);
      const decided = (await vendor.call('GET', `/leads/${first.id}/routing`)).body.items[0];
      expect(certTerm(decided, high)).toMatchObject({ value: 1, points: 2, note: 'certified in networking (1 active certification of its staff)' });
      expect(certTerm(decided, low)).toMatchObject({ value: 0, points: 0, note: 'no current accreditation or active staff certification in networking' });

      // Delivered again and out of order (the issue after the state it led to): nothing changes.
      const { handler } = await import('../../functions/leads/candidates.ts');
      const issued = t.stack.bus.published.filter(
        (e) => e['detail-type'] === 'CertificationIssued' && (e.detail.data as { certification: { partnerId: string } }).certification.partnerId === high,
      );
      expect(issued).toHaveLength(1);
      await handler({ Records: [...issued, ...issued].map((e, i) => ({ messageId: `c${i}`, body: JSON.stringify(e) })) } as never, {} as never);
      expect((await item(`LEAD#PTR#${high}`, 'STATE'))?.certified).toEqual([
        { productLine: 'networking', accreditations: [], certifications: 1, until: expect.any(String) },
      ]);

      // A month on, training's daily sweep expires the certification: it no longer counts.
      await advance({ days: 32 });
      await drain();
      expect(
        t.stack.bus.published.some(
          (e) => e['detail-type'] === 'CertificationExpired' && (e.detail.data as { certification: { partnerId: string } }).certification.partnerId === high,
        ),
      ).toBe(true);
      expect((await item(`LEAD#PTR#${high}`, 'STATE'))?.certified).toEqual([]);
      // The old expiry's redelivery of the issue cannot bring it back (the expired version is newer).
      await handler({ Records: issued.map((e, i) => ({ messageId: `d${i}`, body: JSON.stringify(e) })) } as never, {} as never);
      expect((await item(`LEAD#PTR#${high}`, 'STATE'))?.certified).toEqual([]);
      const second = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
      const again = (await vendor.call('GET', `/leads/${second.id}/routing`)).body.items[0];
      expect(certTerm(again, high)).toMatchObject({ value: 0, points: 0 });
    },
    HEAVY,
  );
});

describe('accreditation facts converge', () => {
  it('keeps the later of AccreditationGranted and AccreditationLost, whatever order and however often they come', async () => {
    const cc = freshTerritory();
    const p = await partner([cc]);
    await drain();
    const { handler } = await import('../../functions/leads/candidates.ts');
    const accreditation = { key: 'networking-gold', name: 'Networking Gold', productLine: 'networking', requirements: [], missing: [], atRisk: null };
    const event = (type: string, granted: boolean, occurredAt: string, eventId: string) => ({
      id: randomUUID(),
      source: 'channelbase.training',
      'detail-type': type,
      time: occurredAt,
      detail: {
        eventId,
        occurredAt,
        partnerId: p,
        actor: { sub: 'system', roles: ['system'] },
        data: { partnerId: p, accreditation: { ...accreditation, granted, since: null }, rulesVersion: 1 },
      },
    });
    const granted = event('AccreditationGranted', true, '2026-12-01T10:00:00.000Z', 'evt_01JD000000000000000000000A');
    const lost = event('AccreditationLost', false, '2026-12-01T09:00:00.000Z', 'evt_01JD000000000000000000000B');
    const deliver = (...events: unknown[]) =>
      handler({ Records: events.map((e, i) => ({ messageId: `a${i}`, body: JSON.stringify(e) })) } as never, {} as never);
    await deliver(granted, lost, lost, granted);
    const lines = [{ productLine: 'networking', accreditations: ['networking-gold'], certifications: 0, until: null }];
    expect((await item(`LEAD#PTR#${p}`, 'STATE'))?.certified).toEqual(lines);
    const lead = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
    const decision = (await vendor.call('GET', `/leads/${lead.id}/routing`)).body.items[0];
    expect(decision.candidates[0].breakdown.find((b: { input: string }) => b.input === 'certification')).toMatchObject({
      value: 1,
      note: 'certified in networking (accreditation networking-gold)',
    });
    await deliver(event('AccreditationLost', false, '2026-12-01T11:00:00.000Z', 'evt_01JD000000000000000000000C'));
    expect((await item(`LEAD#PTR#${p}`, 'STATE'))?.certified).toEqual([]);
  });
});

describe('a partner that leaves takes no lead with it', () => {
  const asSqs = (events: unknown[]) => ({ Records: events.map((e, i) => ({ messageId: `m${i}`, body: JSON.stringify(e) })) });
  const partnerEvents = (type: string, partnerId: string) =>
    t.stack.bus.published.filter((e) => e['detail-type'] === type && (e.detail.data as { partner?: { id: string } }).partner?.id === partnerId);
  const leadsOf = async (ids: string[]) => Promise.all(ids.map(async (id) => (await vendor.call('GET', `/leads/${id}`)).body));

  it(
    'termination: open offers are withdrawn and offered to the next candidate, accepted leads return to the pool, capacities stay exact, and the event again changes nothing',
    async () => {
      const cc = freshTerritory();
      const leaving = await partner([cc]);
      await drain();
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const lead = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
        expect(lead.partnerId).toBe(leaving);
        ids.push(lead.id as string);
      }
      const admin = await asPartner(leaving);
      for (const id of ids.slice(2)) expect((await admin.call('POST', `/leads/${id}/accept`, { body: {} })).status).toBe(200);
      expect((await admin.call('POST', `/leads/${ids[3]}/status`, { body: { status: 'contacted' } })).status).toBe(200);
      expect(await loadOf(leaving)).toBe(4);
      const next = await partner([cc]);
      await drain();

      expect((await vendor.call('POST', `/partners/${leaving}/terminate`, { body: { reason: 'Contract ended' } })).status).toBe(200);
      await drain();
      const after = await leadsOf(ids);
      for (const lead of after.slice(0, 2)) {
        expect(lead).toMatchObject({ status: 'offered', partnerId: next, offerCount: 2 });
        expect(lead.declined).toEqual([{ partnerId: leaving, outcome: 'withdrawn', at: expect.any(String) }]);
        const decision = (await vendor.call('GET', `/leads/${lead.id}/routing`)).body.items[0];
        expect(decision).toMatchObject({ trigger: 'withdrawn', outcome: 'offered', partnerId: next });
      }
      for (const lead of after.slice(2)) {
        expect(lead).toMatchObject({
          status: 'unassigned',
          partnerId: null,
          assignedUserId: null,
          pool: { reason: expect.stringContaining('partner-terminated') },
        });
        expect(lead.declined.map((d: { partnerId: string; outcome: string }) => [d.partnerId, d.outcome])).toEqual([[leaving, 'withdrawn']]);
      }
      expect(await loadOf(leaving)).toBe(0);
      expect(await loadOf(next)).toBe(2);
      const ofLeads = (type: string) =>
        leadEvents().filter(
          (e) =>
            e['detail-type'] === type &&
            ids.includes(((e.detail.data as { leadId?: string; lead?: { id: string } }).leadId ?? (e.detail.data as { lead: { id: string } }).lead?.id)!),
        );
      expect(ofLeads('LeadOfferWithdrawn').map((e) => (e.detail.data as { reason: string }).reason)).toEqual([
        expect.stringContaining('partner-terminated'),
        expect.stringContaining('partner-terminated'),
      ]);
      expect(ofLeads('LeadReturnedToPool').map((e) => (e.detail.data as { fromPartnerId?: string }).fromPartnerId)).toEqual([leaving, leaving]);

      // A vendor routes a returned lead again: the terminated partner is no candidate.
      const rerouted = await vendor.call('POST', `/leads/${ids[2]}/route`);
      expect(rerouted.body).toMatchObject({ status: 'offered', partnerId: next });
      expect(await loadOf(next)).toBe(3);

      // PartnerTerminated delivered twice more: no lead, load or event changes.
      await drain();
      const snapshot = JSON.stringify(await leadsOf(ids));
      const published = t.stack.bus.published.length;
      const { handler } = await import('../../functions/leads/candidates.ts');
      const terminated = partnerEvents('PartnerTerminated', leaving);
      expect(terminated).toHaveLength(1);
      await handler(asSqs([...terminated, ...terminated]) as never, {} as never);
      await drain();
      expect(JSON.stringify(await leadsOf(ids))).toBe(snapshot);
      expect([await loadOf(leaving), await loadOf(next)]).toEqual([0, 3]);
      expect(t.stack.bus.published.length).toBe(published);
    },
    HEAVY,
  );

  it(
    'suspension: open offers are withdrawn and routed on, accepted leads stay (read-only to the partner); a suspension redelivered after the reactivation withdraws nothing',
    async () => {
      const cc = freshTerritory();
      const held = await partner([cc]);
      await drain();
      const offered = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
      const accepted = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
      expect((await (await asPartner(held)).call('POST', `/leads/${accepted.id}/accept`, { body: {} })).status).toBe(200);
      const other = await partner([cc]);
      await drain();

      expect((await vendor.call('POST', `/partners/${held}/suspend`, { body: { reason: 'Review' } })).status).toBe(200);
      await drain();
      const [o, a] = await leadsOf([offered.id, accepted.id]);
      expect(o).toMatchObject({ status: 'offered', partnerId: other, declined: [{ partnerId: held, outcome: 'withdrawn' }] });
      expect(a).toMatchObject({ status: 'accepted', partnerId: held });
      expect([await loadOf(held), await loadOf(other)]).toEqual([1, 1]);
      expect((await (await asPartner(held)).call('GET', `/leads/${accepted.id}`)).status).toBe(200);
      expectProblem(await (await asPartner(held)).call('POST', `/leads/${accepted.id}/status`, { body: { status: 'contacted' } }), 403, 'partner-suspended');

      expect((await vendor.call('POST', `/partners/${held}/reactivate`, { body: { reason: 'OK' } })).status).toBe(200);
      await drain();
      // `other` is at 1 of 10, `held` at 1 of 10: a lead that only `held` serves.
      const etag = (await vendor.call('GET', `/partners/${other}`)).headers.get('etag')!;
      expect((await vendor.call('PATCH', `/partners/${other}`, { body: { territories: ['US'] }, headers: { 'if-match': etag } })).status).toBe(200);
      await drain();
      const fresh = (await vendor.call('POST', '/leads', { body: leadBody(cc) })).body;
      expect(fresh.partnerId).toBe(held);
      const { handler } = await import('../../functions/leads/candidates.ts');
      await handler(asSqs(partnerEvents('PartnerSuspended', held)) as never, {} as never);
      await drain();
      expect((await vendor.call('GET', `/leads/${fresh.id}`)).body).toMatchObject({ status: 'offered', partnerId: held });
      expect(await loadOf(held)).toBe(2);
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
