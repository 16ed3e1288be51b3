import { describe, expect, it } from 'vitest';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';
import { approvedFor } from '../support/deals.ts';
import { exampleProgrammeInput } from '../support/incentives.ts';
import { expectProblem } from '../reliability/helpers.ts';

const t = useStack();

const eventsOf = (type: string, match: (data: never) => boolean = () => true) =>
  t.stack.bus.published.filter((e) => e['detail-type'] === type && match(e.detail.data as never));

async function partner(overrides: Record<string, unknown> = {}) {
  const vendor = await t.as('vendor-admin');
  const res = await vendor.call('POST', '/partners', { body: partnerBody(overrides) });
  expect(res.status, res.text).toBe(201);
  const id = res.body.id as string;
  return { id, sales: await t.as('partner-sales', { partnerId: id }) };
}

/** A deal of `p` approved by the vendor and won by the partner: the registration id. */
async function won(p: { id: string; sales: Caller }, amountMinor: number, closeDate: string) {
  const vendor = await t.as('vendor-admin');
  const id = await approvedFor(vendor, p.id);
  const res = await p.sales.call('POST', `/deals/${id}/won`, { body: { amount: { amountMinor, currency: 'EUR' }, closeDate } });
  expect(res.status, res.text).toBe(200);
  await t.stack.drain();
  return id;
}

const thisMonth = () => new Date().toISOString().slice(0, 7);
const today = () => new Date().toISOString().slice(0, 10);

describe('incentive programmes', () => {
  it('creates a programme, keeps every version, and answers the one asked for', async () => {
    const admin = await t.as('vendor-admin');
    const body = exampleProgrammeInput();
    const res = await admin.call('POST', '/incentive-programs', { body });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ ...body, version: 1 });
    expect(res.body.id).toMatch(/^prg_/);
    expect(res.headers.get('location')).toBe(`/incentive-programs/${res.body.id}`);
    const id = res.body.id as string;

    const stale = res.headers.get('etag')!;
    const v2 = await admin.call('PUT', `/incentive-programs/${id}`, {
      body: { ...body, effectiveFrom: '2027-07-01', minimumPayoutMinor: 5_000 },
      headers: { 'if-match': stale },
    });
    expect(v2.status, v2.text).toBe(200);
    expect(v2.body).toMatchObject({ id, version: 2, effectiveFrom: '2027-07-01', minimumPayoutMinor: 5_000 });
    // The ETag read before version 2 no longer matches: nothing is written.
    const again = await admin.call('PUT', `/incentive-programs/${id}`, { body, headers: { 'if-match': stale } });
    expectProblem(again, 412, 'precondition-failed');

    const finance = await t.as('finance');
    const current = await finance.call('GET', `/incentive-programs/${id}`);
    expect([current.status, current.body.version, current.headers.get('etag')]).toEqual([200, 2, `"${id}.v2"`]);
    const first = await finance.call('GET', `/incentive-programs/${id}?version=1`);
    expect([first.status, first.body.version, first.body.minimumPayoutMinor]).toEqual([200, 1, 0]);
    expect((await finance.call('GET', `/incentive-programs/${id}?version=3`)).status).toBe(404);

    const list = await finance.call('GET', '/incentive-programs?limit=200');
    expect(list.body.items.filter((p: { id: string }) => p.id === id)).toMatchObject([{ version: 2 }]);
    await t.stack.drain();
    expect(eventsOf('IncentiveProgrammeCreated', (d: { programme: { id: string } }) => d.programme.id === id)).toHaveLength(1);
    expect(eventsOf('IncentiveProgrammeVersioned', (d: { programme: { id: string } }) => d.programme.id === id)).toMatchObject([
      { detail: { data: { previousVersion: 1, programme: { version: 2 } } } },
    ]);
  });

  it('refuses malformed programmes with the path of each field, writing nothing', async () => {
    const admin = await t.as('vendor-admin');
    const lines = await admin.call('GET', '/programme/product-lines');
    const put = await admin.call('PUT', '/programme/product-lines', {
      body: {
        items: [
          { key: 'networking', name: 'Networking' },
          { key: 'security', name: 'Security' },
        ],
      },
      headers: { 'if-match': lines.headers.get('etag')! },
    });
    expect(put.status, put.text).toBe(200);
    const before = await t.itemCount();
    const accelerator = (brackets: unknown) => ({ kind: 'accelerator', id: 'acc', targetMinor: 1_000_000, brackets });

    const overlapping = await admin.call('POST', '/incentive-programs', {
      body: exampleProgrammeInput({
        rules: [
          accelerator([
            { fromPercent: 0, upToPercent: 100, rateBp: 0 },
            { fromPercent: 90, upToPercent: 120, rateBp: 100 },
            { fromPercent: 130, upToPercent: null, rateBp: 200 },
          ]),
        ] as never,
      }),
    });
    expectProblem(overlapping, 400, 'validation-failed', 'body.rules.0.brackets.1.fromPercent');
    expect(JSON.stringify(overlapping.body)).toContain('body.rules.0.brackets.2.fromPercent');

    const negative = await admin.call('POST', '/incentive-programs', {
      body: exampleProgrammeInput({ rules: [{ kind: 'rebate', id: 'r', rates: [{ productLine: null, tier: null, rateBp: -50 }] }] }),
    });
    expectProblem(negative, 400, 'validation-failed', 'body.rules.0.rates.0.rateBp');

    const unknownLine = await admin.call('POST', '/incentive-programs', {
      body: exampleProgrammeInput({
        rules: [{ kind: 'spiff', id: 's', productLine: 'storage', amountMinor: 100, from: '2027-01-01', until: '2027-12-31' }],
      }),
    });
    expectProblem(unknownLine, 400, 'validation-failed', 'body.rules.0.productLine');
    expect(await t.itemCount()).toBe(before);
  });

  it('is for vendor roles: partner users cannot read or change programmes', async () => {
    const p = await partner();
    expect((await p.sales.call('GET', '/incentive-programs')).status).toBe(403);
    expect((await (await t.as('channel-manager')).call('POST', '/incentive-programs', { body: exampleProgrammeInput() })).status).toBe(403);
  });
});

describe('the ledger', () => {
  it("accrues a won deal's rebate and SPIFF, explained, and reverses them exactly when the win is reversed", async () => {
    const admin = await t.as('vendor-admin');
    const programme = await admin.call('POST', '/incentive-programs', { body: exampleProgrammeInput() });
    expect(programme.status, programme.text).toBe(201);
    const p = await partner({ tier: 'gold' });
    await t.stack.drain();
    const dealId = await won(p, 400_000, today());

    const ledger = await p.sales.call('GET', `/partners/${p.id}/ledger?period=${thisMonth()}`);
    expect(ledger.status, ledger.text).toBe(200);
    const mine = ledger.body.items.filter((e: { programmeId: string }) => e.programmeId === programme.body.id);
    // Gold: 3 % of 400,000 = 12,000, and the networking SPIFF of 10,000.
    expect(mine.map((e: { ruleId: string; amountMinor: number }) => [e.ruleId, e.amountMinor]).sort()).toEqual([
      ['core-rebate', 12_000],
      ['networking-spiff', 10_000],
    ]);
    const rebate = mine.find((e: { ruleId: string }) => e.ruleId === 'core-rebate');
    expect(rebate).toMatchObject({ kind: 'accrual', dealId, programmeVersion: 1, period: thisMonth(), currency: 'EUR', reverses: null });
    expect(rebate.explanation.arithmetic).toBe('400000 × 3.00 % = 12000 (half-even)');
    expect(eventsOf('IncentiveAccrued', (d: { dealId: string }) => d.dealId === dealId)).toHaveLength(programmeCount(ledger.body.items));

    const reversed = await admin.call('POST', `/deals/${dealId}/reverse-win`, { body: { reason: 'Booked twice' } });
    expect(reversed.status, reversed.text).toBe(200);
    await t.stack.drain();
    const after = await p.sales.call('GET', `/partners/${p.id}/ledger?period=${thisMonth()}`);
    const entries = after.body.items as { id: string; kind: string; amountMinor: number; reverses: string | null; balanceMinor: number }[];
    for (const original of entries.filter((e) => e.kind === 'accrual')) {
      const reversal = entries.filter((e) => e.reverses === original.id);
      expect(reversal).toMatchObject([{ kind: 'reversal', amountMinor: -original.amountMinor }]);
    }
    expect(entries.at(-1)!.balanceMinor).toBe(0);
    expect(eventsOf('IncentiveReversed', (d: { dealId: string }) => d.dealId === dealId).length).toBeGreaterThan(0);
  });

  it('pages with the running balance carried across pages', async () => {
    const admin = await t.as('vendor-admin');
    expect((await admin.call('POST', '/incentive-programs', { body: exampleProgrammeInput() })).status).toBe(201);
    const p = await partner();
    await t.stack.drain();
    for (const amount of [100_000, 200_000]) await won(p, amount, today());
    const all = await p.sales.call('GET', `/partners/${p.id}/ledger`);
    expect(all.body.period).toBe(thisMonth());
    const total = (all.body.items as { amountMinor: number }[]).reduce((s, e) => s + e.amountMinor, 0);
    expect(all.body.items.at(-1).balanceMinor).toBe(total);

    const seen: { balanceMinor: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { balanceMinor: number }[]; nextCursor: string | null } } = await p.sales.call(
        'GET',
        `/partners/${p.id}/ledger?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((e) => e.balanceMinor)).toEqual(all.body.items.map((e: { balanceMinor: number }) => e.balanceMinor));
  });

  it("shows a partner its own ledger only: another partner's is 404, as for one that does not exist", async () => {
    const [a, b] = [await partner(), await partner()];
    expect((await a.sales.call('GET', `/partners/${a.id}/ledger`)).status).toBe(200);
    expectProblem(await b.sales.call('GET', `/partners/${a.id}/ledger`), 404, 'not-found');
    expectProblem(await (await t.as('finance')).call('GET', '/partners/ptr_01ARZ3NDEKTSV4RRFFQ69G5FAV/ledger'), 404, 'not-found');
    expect((await (await t.as('finance')).call('GET', `/partners/${a.id}/ledger`)).status).toBe(200);
    expectProblem(await a.sales.call('GET', `/partners/${a.id}/ledger?period=2027-13`), 400, 'validation-failed', 'query.period');
  });
});

/** How many programmes credited entries in a ledger page (one IncentiveAccrued per deal, programme and partner). */
function programmeCount(items: { programmeId: string }[]): number {
  return new Set(items.map((e) => e.programmeId)).size;
}
