import { describe, expect, it } from 'vitest';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';
import { dealBody, inDays } from '../support/deals.ts';
import { expectProblem } from '../reliability/helpers.ts';

const t = useStack();

const eventsOf = (type: string, match: (data: never) => boolean = () => true) =>
  t.stack.bus.published.filter((e) => e['detail-type'] === type && match(e.detail.data as never));

async function partner(tier = 'gold') {
  const vendor = await t.as('vendor-admin');
  const res = await vendor.call('POST', '/partners', { body: partnerBody({ tier }) });
  expect(res.status, res.text).toBe(201);
  const id = res.body.id as string;
  return { id, sales: await t.as('partner-sales', { partnerId: id }) };
}

async function register(caller: Caller, body: unknown = dealBody()) {
  const res = await caller.call('POST', '/deals', { body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe('registering a deal', () => {
  it('stores a registration for the partner, waiting for review, and announces it', async () => {
    const p = await partner();
    const body = dealBody();
    const res = await p.sales.call('POST', '/deals', { body });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe(`/deals/${res.body.id}`);
    expect(res.body).toMatchObject({
      partnerId: p.id,
      status: 'submitted',
      verdict: 'no-conflict',
      customer: body.customer,
      protection: null,
      decision: null,
      version: 1,
    });
    expect(res.body.id).toMatch(/^deal_/);
    await t.stack.drain();
    expect(eventsOf('DealRegistered', (d: { registration: { id: string } }) => d.registration.id === res.body.id)).toHaveLength(1);
    const read = await p.sales.call('GET', `/deals/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(`"${res.body.id}.v1"`);
  });

  it('flags a registration matching another partner’s customer by registrable domain or normalised name, and tells the partner only the verdict', async () => {
    const [a, b, c] = [await partner(), await partner(), await partner()];
    const first = await register(a.sales, dealBody({ customer: { legalName: 'Zenith Health GmbH', webDomain: 'zenith-health.example' } }));
    const byDomain = await register(b.sales, dealBody({ customer: { legalName: 'Something Else', webDomain: 'eu.zenith-health.example' } }));
    const byName = await register(c.sales, dealBody({ customer: { legalName: 'ZENITH HEALTH Ltd.', webDomain: 'zenith-h.example' } }));
    expect([byDomain.status, byDomain.verdict]).toEqual(['under_review', 'possible-conflict']);
    expect([byName.status, byName.verdict]).toEqual(['under_review', 'possible-conflict']);
    // The partner's view carries nothing of the other partner.
    expect(JSON.stringify(byDomain)).not.toContain(a.id);
    expect(JSON.stringify(byDomain)).not.toContain(first.id);

    const check = await b.sales.call('POST', '/deals/conflict-check', {
      body: { customer: { legalName: 'Zenith Health', webDomain: 'zenith-health.example' }, productLines: ['networking'] },
    });
    expect(check.status, check.text).toBe(200);
    expect(check.body).toEqual({ verdict: 'possible-conflict' });
    const near = await b.sales.call('POST', '/deals/conflict-check', {
      body: { customer: { legalName: 'Zenith', webDomain: 'zenith.example' }, productLines: ['networking'] },
    });
    expect(near.body).toEqual({ verdict: 'no-conflict' });
    const otherLine = await b.sales.call('POST', '/deals/conflict-check', {
      body: { customer: { legalName: 'Zenith Health', webDomain: 'zenith-health.example' }, productLines: ['security'] },
    });
    expect(otherLine.body).toEqual({ verdict: 'no-conflict' });

    const cm = await t.as('channel-manager');
    const vendorView = await cm.call('GET', `/deals/${byDomain.id}/conflicts`);
    expect(vendorView.status).toBe(200);
    expect(vendorView.body.verdict).toBe('possible-conflict');
    expect(vendorView.body.matches).toEqual(
      expect.arrayContaining([expect.objectContaining({ registrationId: first.id, partnerId: a.id, on: ['webDomain'], productLines: ['networking'] })]),
    );
    expect(vendorView.body.matches).toHaveLength(1);
    const nameView = await cm.call('GET', `/deals/${byName.id}/conflicts`);
    expect(nameView.body.matches).toEqual([
      expect.objectContaining({ registrationId: first.id, partnerId: a.id, on: ['legalName'], values: { webDomain: null, legalName: 'zenith health' } }),
    ]);
    const vendorCheck = await cm.call('POST', '/deals/conflict-check', {
      body: { customer: { legalName: 'Zenith Health', webDomain: 'x.zenith-health.example' }, productLines: ['networking'] },
    });
    expect(vendorCheck.body.matches.map((m: { registrationId: string }) => m.registrationId)).toEqual(
      expect.arrayContaining([first.id, byDomain.id, byName.id]),
    );
    await t.stack.drain();
    const detected = eventsOf('DealConflictDetected', (d: { registrationId: string }) => d.registrationId === byDomain.id);
    expect(detected).toHaveLength(1);
    expect(detected[0]!.detail.partnerId).toBeUndefined();
  });

  it('a partner’s own registrations of a customer are no conflict', async () => {
    const a = await partner();
    const body = dealBody();
    await register(a.sales, body);
    expect((await register(a.sales, { ...body, description: 'second phase' })).verdict).toBe('no-conflict');
  });
});

describe('review: approve and reject', () => {
  it('approval grants the benefit and protection and records the rules version; a second approval is 409', async () => {
    const a = await partner();
    const deal = await register(a.sales);
    const cm = await t.as('channel-manager');
    const approved = await cm.call('POST', `/deals/${deal.id}/approve`, { body: {} });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      benefit: { extraDiscountPercent: 5, incentiveEligible: true },
      decision: { outcome: 'approved', policy: 'standard', rulesVersion: 0 },
    });
    expect(Date.parse(approved.body.protection.expiresAt) - Date.parse(approved.body.protection.startsAt)).toBe(90 * 86_400_000);
    expectProblem(await cm.call('POST', `/deals/${deal.id}/approve`, { body: {} }), 409, 'conflict');
    expectProblem(await cm.call('POST', `/deals/${deal.id}/reject`, { body: { reason: 'late' } }), 409, 'conflict');
  });

  it('approving a conflict while the other holds protection is 409; after rejecting it, the other is approved', async () => {
    const [a, b] = [await partner(), await partner()];
    const body = dealBody();
    const first = await register(a.sales, body);
    const second = await register(b.sales, { ...body, customer: { ...body.customer, webDomain: `www.${body.customer.webDomain}` } });
    const cm = await t.as('channel-manager');
    expect((await cm.call('POST', `/deals/${first.id}/approve`, { body: {} })).status).toBe(200);
    expectProblem(await cm.call('POST', `/deals/${second.id}/approve`, { body: {} }), 409, 'conflict');
    const rejected = await cm.call('POST', `/deals/${second.id}/reject`, { body: { reason: 'Registered by another partner first' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', decision: { outcome: 'rejected', reason: 'Registered by another partner first' } });
    await t.stack.drain();
    expect(eventsOf('DealRejected', (d: { registration: { id: string } }) => d.registration.id === second.id)).toHaveLength(1);
  });
});

describe('won and lost', () => {
  async function approved(p: { id: string; sales: Caller }, body: unknown = dealBody()) {
    const deal = await register(p.sales, body);
    const cm = await t.as('channel-manager');
    expect((await cm.call('POST', `/deals/${deal.id}/approve`, { body: {} })).status).toBe(200);
    return deal;
  }
  const win = { amount: { amountMinor: 480_000, currency: 'EUR' }, closeDate: inDays(0) };

  it('only the registering partner marks won, from approved, in the registration’s currency; DealWon carries what incentives need', async () => {
    const [a, b] = [await partner(), await partner()];
    const second = await partner();
    const submitted = await register(a.sales);
    expectProblem(await a.sales.call('POST', `/deals/${submitted.id}/won`, { body: win }), 409, 'conflict');
    const deal = await approved(a, dealBody({ secondPartner: { partnerId: second.id, role: 'distributor' } }));
    expectProblem(await b.sales.call('POST', `/deals/${deal.id}/won`, { body: win }), 404, 'not-found');
    expectProblem(await second.sales.call('POST', `/deals/${deal.id}/won`, { body: win }), 409, 'conflict');
    // The second partner sees the registration but neither closes nor extends it.
    expect((await second.sales.call('GET', `/deals/${deal.id}`)).status).toBe(200);
    expectProblem(await second.sales.call('POST', `/deals/${deal.id}/extend`), 409, 'conflict');
    expectProblem(
      await a.sales.call('POST', `/deals/${deal.id}/won`, { body: { ...win, amount: { amountMinor: 1, currency: 'USD' } } }),
      400,
      'validation-failed',
      'body.amount.currency',
    );
    expectProblem(
      await a.sales.call('POST', `/deals/${deal.id}/won`, { body: { ...win, amount: { amountMinor: 0, currency: 'EUR' } } }),
      400,
      'validation-failed',
      'body.amount.amountMinor',
    );
    const won = await a.sales.call('POST', `/deals/${deal.id}/won`, { body: win });
    expect(won.status, won.text).toBe(200);
    expect(won.body).toMatchObject({ status: 'won', protection: { running: false }, closing: { outcome: 'won', amount: win.amount } });
    await t.stack.drain();
    const [event] = eventsOf('DealWon', (d: { registrationId: string }) => d.registrationId === deal.id);
    expect(event!.detail.partnerId).toBe(a.id);
    expect(event!.detail.data).toEqual({
      registrationId: deal.id,
      partnerId: a.id,
      secondPartner: { partnerId: second.id, role: 'distributor' },
      customer: { legalName: deal.customer.legalName, webDomain: deal.customer.webDomain, registrableDomain: deal.customer.webDomain, country: 'GB' },
      lines: [{ productLine: 'networking', amount: win.amount }],
      amount: win.amount,
      closeDate: win.closeDate,
      protectionRunning: true,
      leadId: null,
    });
    // The customer is free again: another partner's registration is no conflict.
    expect((await register(b.sales, dealBody({ customer: deal.customer }))).verdict).toBe('no-conflict');
  });

  it('a vendor reverses a win to lost with DealWonReversed; lost releases protection', async () => {
    const a = await partner();
    const deal = await approved(a);
    expect((await a.sales.call('POST', `/deals/${deal.id}/won`, { body: win })).status).toBe(200);
    const cm = await t.as('channel-manager');
    expectProblem(await a.sales.call('POST', `/deals/${deal.id}/lost`, { body: { reason: 'oops' } }), 409, 'conflict');
    const reversed = await cm.call('POST', `/deals/${deal.id}/reverse-win`, { body: { reason: 'Order cancelled' } });
    expect(reversed.status, reversed.text).toBe(200);
    expect(reversed.body).toMatchObject({ status: 'lost', closing: { reversed: true, reason: 'Order cancelled', amount: win.amount } });
    expectProblem(await cm.call('POST', `/deals/${deal.id}/reverse-win`, { body: { reason: 'again' } }), 409, 'conflict');
    await t.stack.drain();
    const [event] = eventsOf('DealWonReversed', (d: { registrationId: string }) => d.registrationId === deal.id);
    expect(event!.detail.data).toMatchObject({
      partnerId: a.id,
      amount: win.amount,
      reason: 'Order cancelled',
      lines: [{ productLine: 'networking', amount: win.amount }],
    });

    const other = await approved(a);
    const lost = await a.sales.call('POST', `/deals/${other.id}/lost`, { body: { reason: 'Competitor' } });
    expect(lost.body).toMatchObject({ status: 'lost', protection: { running: false }, closing: { reason: 'Competitor', reversed: false } });
  });
});

describe('isolation', () => {
  it('a partner sees its own registrations, as registering or second partner; another partner’s are 404', async () => {
    const [a, b, c] = [await partner(), await partner(), await partner()];
    const own = await register(a.sales);
    const twoTier = await register(b.sales, dealBody({ secondPartner: { partnerId: a.id, role: 'reseller' } }));
    const foreign = await register(c.sales);
    expect((await a.sales.call('GET', `/deals/${twoTier.id}`)).status).toBe(200);
    expectProblem(await a.sales.call('GET', `/deals/${foreign.id}`), 404, 'not-found');
    expectProblem(await a.sales.call('GET', `/deals/deal_01ARZ3NDEKTSV4RRFFQ69G5FAV`), 404, 'not-found');
    for (const path of ['extend', 'won', 'lost']) {
      const body = path === 'won' ? { amount: { amountMinor: 1, currency: 'EUR' }, closeDate: inDays(0) } : path === 'lost' ? { reason: 'x' } : undefined;
      expectProblem(await a.sales.call('POST', `/deals/${foreign.id}/${path}`, body ? { body } : {}), 404, 'not-found');
    }
    const list = await a.sales.call('GET', '/deals');
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { id: string }) => d.id).sort()).toEqual([own.id, twoTier.id].sort());
    const page = await a.sales.call('GET', '/deals?limit=1');
    expect(page.body.items).toHaveLength(1);
    const next = await a.sales.call('GET', `/deals?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect([...page.body.items, ...next.body.items].map((d: { id: string }) => d.id).sort()).toEqual([own.id, twoTier.id].sort());
    expectProblem(await a.sales.call('GET', `/deals/${own.id}/conflicts`), 403, 'forbidden');
  });
});

describe('malformed input writes nothing', () => {
  it.each([
    ['no customer', (b: Record<string, unknown>) => ({ ...b, customer: undefined }), 'body.customer'],
    ['zero value', (b: Record<string, unknown>) => ({ ...b, value: { amountMinor: 0, currency: 'EUR' } }), 'body.value.amountMinor'],
    ['bad currency', (b: Record<string, unknown>) => ({ ...b, value: { amountMinor: 10, currency: 'euro' } }), 'body.value.currency'],
    ['past close date', (b: Record<string, unknown>) => ({ ...b, expectedCloseDate: '2020-01-01' }), 'body.expectedCloseDate'],
    ['no product line', (b: Record<string, unknown>) => ({ ...b, lines: [] }), 'body.lines'],
    ['bad domain', (b: Record<string, unknown>) => ({ ...b, customer: { ...(b.customer as object), webDomain: 'not a domain' } }), 'body.customer.webDomain'],
    ['unknown field', (b: Record<string, unknown>) => ({ ...b, status: 'approved' }), 'body.status'],
    [
      'second partner unknown',
      (b: Record<string, unknown>) => ({ ...b, secondPartner: { partnerId: 'ptr_01ARZ3NDEKTSV4RRFFQ69G5FAV', role: 'distributor' } }),
      'body.secondPartner.partnerId',
    ],
    [
      'second partner role',
      (b: Record<string, unknown>) => ({ ...b, secondPartner: { partnerId: 'ptr_01ARZ3NDEKTSV4RRFFQ69G5FAV', role: 'boss' } }),
      'body.secondPartner.role',
    ],
  ])('%s → 400 naming %s', async (_name, mutate, path) => {
    const a = await partner();
    const count = await t.itemCount();
    expectProblem(await a.sales.call('POST', '/deals', { body: mutate(dealBody()) }), 400, 'validation-failed', path);
    expect(await t.itemCount()).toBe(count);
  });

  it('a partner cannot register for another partner, nor a vendor without naming one', async () => {
    const [a, b] = [await partner(), await partner()];
    const count = await t.itemCount();
    expectProblem(await a.sales.call('POST', '/deals', { body: { ...dealBody(), partnerId: b.id } }), 400, 'validation-failed', 'body.partnerId');
    expectProblem(await (await t.as('channel-manager')).call('POST', '/deals', { body: dealBody() }), 400, 'validation-failed', 'body.partnerId');
    expect(await t.itemCount()).toBe(count);
  });

  it('deal rules: malformed rules are refused with field paths; a valid PUT needs If-Match and makes a new version', async () => {
    const admin = await t.as('vendor-admin');
    const current = await admin.call('GET', '/programme/deal-rules');
    expect(current.body).toMatchObject({ version: 0, reviewSlaDays: 2, protectionDays: 90, extensionDays: 30 });
    const { version: _v, updatedAt: _u, ...rules } = current.body;
    const etag = current.headers.get('etag')!;
    const count = await t.itemCount();
    for (const [patch, path] of [
      [{ reviewSlaDays: 0 }, 'body.reviewSlaDays'],
      [{ reminderAfterHours: 48 }, 'body.reminderAfterHours'],
      [{ autoApprove: { ...rules.autoApprove, thresholds: [{ amountMinor: -1, currency: 'EUR' }] } }, 'body.autoApprove.thresholds.0.amountMinor'],
      [{ benefit: { extraDiscountPercent: 101, incentiveEligible: true } }, 'body.benefit.extraDiscountPercent'],
    ] as const) {
      expectProblem(
        await admin.call('PUT', '/programme/deal-rules', { body: { ...rules, ...patch }, headers: { 'if-match': etag } }),
        400,
        'validation-failed',
        path,
      );
    }
    expect(await t.itemCount()).toBe(count);
    const put = await admin.call('PUT', '/programme/deal-rules', { body: { ...rules, reviewSlaDays: 3 }, headers: { 'if-match': etag } });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ version: 1, reviewSlaDays: 3 });
    expectProblem(await admin.call('PUT', '/programme/deal-rules', { body: rules, headers: { 'if-match': etag } }), 412, 'precondition-failed');
    const a = await partner();
    expect((await register(a.sales)).rulesVersion).toBe(1);
  });
});
