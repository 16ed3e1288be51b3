import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { localClient } from '@channelbase/local';
import { adoptVocabulary } from '../../scripts/adopt-vocabulary.ts';
import { expectProblem, getItem } from '../reliability/helpers.ts';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';

const t = useStack();

const TIERS = [
  { key: 'platinum', name: 'Platinum' },
  { key: 'gold', name: 'Gold' },
  { key: 'silver', name: 'Silver' },
];
const LINES = [
  { key: 'networking', name: 'Networking' },
  { key: 'security', name: 'Security' },
];

async function put(caller: Caller, path: string, items: unknown[]) {
  const etag = (await caller.call('GET', path)).headers.get('etag')!;
  return caller.call('PUT', path, { body: { items }, headers: { 'if-match': etag } });
}

async function adopt() {
  const client = DynamoDBDocumentClient.from(localClient(t.stack.dynamoEndpoint));
  try {
    return await adoptVocabulary({ client, tableName: t.stack.tableName });
  } finally {
    client.destroy();
  }
}

// The tests run in order on one table: legacy partners first, then the adoption, then the lists.
describe('the programme vocabulary', () => {
  const legacy: { id: string; etag: string }[] = [];

  it('answers an empty list at version 0 until one is PUT, and accepts any key meanwhile (legacy mode)', async () => {
    const finance = await t.as('finance');
    for (const path of ['/programme/tiers', '/programme/product-lines']) {
      const res = await finance.call('GET', path);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], version: 0, updatedAt: null });
      expect(res.headers.get('etag')).toMatch(/^"(tiers|product-lines)\.v0"$/);
    }
    const admin = await t.as('vendor-admin');
    for (const body of [
      partnerBody({ legalName: 'Legacy Gold Ltd', tier: 'gold', specialisations: ['networking', 'voip'] }),
      partnerBody({ legalName: 'Legacy Bronze Ltd', tier: 'bronze' }),
    ]) {
      const res = await admin.call('POST', '/partners', { body });
      expect(res.status, res.text).toBe(201);
      legacy.push({ id: res.body.id, etag: res.headers.get('etag')! });
    }
  });

  it('refuses a first PUT until the migration has counted the partners, which lists the keys in use', async () => {
    const admin = await t.as('vendor-admin');
    expectProblem(await put(admin, '/programme/tiers', TIERS), 409, 'conflict');
    const first = await adopt();
    expect(first.partners).toBe(2);
    expect(first.usage.tiers).toEqual([
      { key: 'bronze', partners: 1, defined: false },
      { key: 'gold', partners: 1, defined: false },
    ]);
    expect(first.bodies.productLines.items).toEqual([
      { key: 'networking', name: 'Networking' },
      { key: 'voip', name: 'Voip' },
    ]);
    expect(await getItem(t.stack, 'VOCABULARY#USAGE', 'tier#gold')).toMatchObject({ count: 1 });
    // Idempotent: a second run writes the same counters.
    const second = await adopt();
    expect(second.usage).toEqual(first.usage);
    expect(await getItem(t.stack, 'VOCABULARY#USAGE', 'productLine#voip')).toMatchObject({ count: 1 });
  });

  it('refuses a first list that omits keys in use, naming the partners', async () => {
    const admin = await t.as('vendor-admin');
    const res = await put(admin, '/programme/tiers', TIERS);
    expectProblem(res, 409, 'conflict', `partners.${legacy[1]!.id}`);
    expect(res.body.detail).toContain("'bronze' (1 partner)");
    expect(res.body.errors).toContainEqual({ path: `partners.${legacy[1]!.id}`, message: "Legacy Bronze Ltd (tier 'bronze')" });
    expect(res.body.errors).toContainEqual({ path: 'keys.bronze', message: 'held by 1 partner' });
    const lines = await put(admin, '/programme/product-lines', LINES);
    expectProblem(lines, 409, 'conflict', `partners.${legacy[0]!.id}`);
    expect((await admin.call('GET', '/programme/tiers')).body.version).toBe(0);
  });

  it('replaces a list with If-Match: 200 with a new ETag, a stale ETag 412, a missing one 428', async () => {
    const admin = await t.as('vendor-admin');
    const read = await admin.call('GET', '/programme/tiers');
    const items = [...TIERS, { key: 'bronze', name: 'Bronze' }];
    const res = await admin.call('PUT', '/programme/tiers', { body: { items }, headers: { 'if-match': read.headers.get('etag')! } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ items, version: 1, updatedAt: expect.any(String) });
    expect(res.headers.get('etag')).toBe('"tiers.v1"');
    expect((await (await t.as('channel-manager')).call('GET', '/programme/tiers')).body).toEqual(res.body);
    const stale = await admin.call('PUT', '/programme/tiers', { body: { items: TIERS }, headers: { 'if-match': read.headers.get('etag')! } });
    expectProblem(stale, 412, 'precondition-failed');
    expectProblem(await admin.call('PUT', '/programme/tiers', { body: { items: TIERS } }), 428, 'precondition-required');
    const lines = await put(admin, '/programme/product-lines', [...LINES, { key: 'voip', name: 'Voice over IP' }]);
    expect(lines.status, lines.text).toBe(200);
  });

  it('refuses a partner on an undefined tier or specialisation with the field path, and accepts defined ones', async () => {
    const admin = await t.as('vendor-admin');
    const before = await t.itemCount();
    expectProblem(await admin.call('POST', '/partners', { body: partnerBody({ tier: 'diamond' }) }), 400, 'validation-failed', 'body.tier');
    expectProblem(
      await admin.call('POST', '/partners', { body: partnerBody({ tier: 'gold', specialisations: ['security', 'quantum'] }) }),
      400,
      'validation-failed',
      'body.specialisations.1',
    );
    expect(await t.itemCount()).toBe(before);
    const ok = await admin.call('POST', '/partners', { body: partnerBody({ legalName: 'Gold Two Ltd', tier: 'gold', specialisations: ['security'] }) });
    expect(ok.status, ok.text).toBe(201);
    expect(await getItem(t.stack, 'VOCABULARY#USAGE', 'tier#gold')).toMatchObject({ count: 2 });
    const patch = await admin.call('PATCH', `/partners/${ok.body.id}`, { body: { tier: 'diamond' }, headers: { 'if-match': ok.headers.get('etag')! } });
    expectProblem(patch, 400, 'validation-failed', 'body.tier');
  });

  it('moving a partner off a key updates the counters; a PATCH of other fields checks nothing', async () => {
    const admin = await t.as('vendor-admin');
    // Take bronze out of the list while nobody holds it, by moving the legacy partner first.
    const [, bronze] = legacy;
    const moved = await admin.call('PATCH', `/partners/${bronze!.id}`, { body: { tier: 'silver' }, headers: { 'if-match': bronze!.etag } });
    expect(moved.status, moved.text).toBe(200);
    expect(await getItem(t.stack, 'VOCABULARY#USAGE', 'tier#bronze')).toMatchObject({ count: 0 });
    const removed = await put(admin, '/programme/tiers', TIERS);
    expect(removed.status, removed.text).toBe(200);
    // The gold partner holds 'voip' (defined) and 'networking'; a PATCH of another field is not checked.
    const [gold] = legacy;
    const renamed = await admin.call('PATCH', `/partners/${gold!.id}`, { body: { displayName: 'Still Gold' }, headers: { 'if-match': gold!.etag } });
    expect(renamed.status, renamed.text).toBe(200);
  });

  it('refuses removing a key in use (409 naming the partners) but renaming its name is fine', async () => {
    const admin = await t.as('vendor-admin');
    const res = await put(
      admin,
      '/programme/tiers',
      TIERS.filter((x) => x.key !== 'gold'),
    );
    expectProblem(res, 409, 'conflict', 'keys.gold');
    expect(res.body.detail).toContain("'gold' (2 partners)");
    const named = res.body.errors.filter((e: { path: string }) => e.path.startsWith('partners.')).map((e: { message: string }) => e.message);
    expect(named.sort()).toEqual(["Gold Two Ltd (tier 'gold')", "Legacy Gold Ltd (tier 'gold')"]);
    const lines = await put(admin, '/programme/product-lines', [{ key: 'voip', name: 'Voice over IP' }]);
    expectProblem(lines, 409, 'conflict', 'keys.networking');
    expect(lines.body.errors).toContainEqual({ path: 'keys.security', message: 'held by 1 partner' });
    const rename = await put(
      admin,
      '/programme/tiers',
      TIERS.map((x) => (x.key === 'gold' ? { ...x, name: 'Gold Partner' } : x)),
    );
    expect(rename.status, rename.text).toBe(200);
    expect(rename.body.items[1]).toEqual({ key: 'gold', name: 'Gold Partner' });
  });

  it('publishes each change with the new list, its version and the keys added, removed and renamed', async () => {
    await t.stack.drain();
    const changes = t.stack.bus.published.filter((e) => e['detail-type'] === 'TiersChanged');
    expect(changes.map((e) => (e.detail.data as { version: number }).version)).toEqual([1, 2, 3]);
    expect(changes[0]).toMatchObject({ source: 'channelbase.partners', detail: { data: { added: ['platinum', 'gold', 'silver', 'bronze'], removed: [] } } });
    expect(changes[1]!.detail.data).toMatchObject({ items: TIERS, added: [], removed: ['bronze'], renamed: [] });
    expect(changes[2]!.detail.data).toMatchObject({ renamed: [{ key: 'gold', from: 'Gold', to: 'Gold Partner' }], reordered: false });
    expect(t.stack.bus.published.filter((e) => e['detail-type'] === 'ProductLinesChanged')).toHaveLength(1);
    expect(t.stack.bus.deadLetters).toEqual([]);
  });

  it('a PUT removing a key races a PATCH setting it: never both succeed', async () => {
    const admin = await t.as('vendor-admin');
    for (let round = 0; round < 8; round++) {
      const key = `race-${round}`;
      const added = await put(admin, '/programme/tiers', [...TIERS, { key, name: `Race ${round}` }]);
      expect(added.status, added.text).toBe(200);
      const p = await admin.call('POST', '/partners', { body: partnerBody({ tier: 'silver' }) });
      const listEtag = added.headers.get('etag')!;
      // One side starts a little later in each round, so that both orders (and true overlaps) occur.
      const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const [removal, patch] = await Promise.all([
        later(round % 2 ? 0 : round * 6).then(() => admin.call('PUT', '/programme/tiers', { body: { items: TIERS }, headers: { 'if-match': listEtag } })),
        later(round % 2 ? round * 6 : 0).then(() =>
          admin.call('PATCH', `/partners/${p.body.id}`, { body: { tier: key }, headers: { 'if-match': p.headers.get('etag')! } }),
        ),
      ]);
      const tiers = (await admin.call('GET', '/programme/tiers')).body.items.map((i: { key: string }) => i.key);
      const partner = (await admin.call('GET', `/partners/${p.body.id}`)).body;
      expect(tiers, `${removal.status} ${patch.status}`).toContain(partner.tier);
      // Never both: the loser is refused (the PATCH with 400 once it sees the new list, the PUT with 409 naming the partner).
      expect([removal.status, patch.status], `${removal.text} ${patch.text}`).not.toEqual([200, 200]);
      if (removal.status === 200) expect([400, 409]).toContain(patch.status);
      if (patch.status === 200) expect(removal.status).toBe(409);
      // The counter is exact: one partner on the race key, or none.
      const counter = await getItem(t.stack, 'VOCABULARY#USAGE', `tier#${key}`);
      expect(counter?.count ?? 0).toBe(partner.tier === key ? 1 : 0);
      if (partner.tier === key) {
        const back = await admin.call('PATCH', `/partners/${p.body.id}`, { body: { tier: 'silver' }, headers: { 'if-match': `"${p.body.id}.v2"` } });
        expect(back.status, back.text).toBe(200);
      }
      const cleanup = await put(admin, '/programme/tiers', TIERS);
      expect(cleanup.status, cleanup.text).toBe(200);
    }
  });
});
