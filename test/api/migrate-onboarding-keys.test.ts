import { DynamoDBDocumentClient, DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { localClient } from '@channelbase/local';
import { migrateOnboardingKeys } from '../../scripts/migrate-onboarding-keys.ts';
import { getItem } from '../reliability/helpers.ts';
import { applicationBody, publishAgreement } from '../support/onboarding.ts';
import { useStack } from '../support/stack.ts';

const t = useStack();

const KINDS = ['onboarding-settings', 'agreement', 'agreement-offer', 'onboarding-checklist'];

async function withClient<T>(run: (client: DynamoDBDocumentClient) => Promise<T>): Promise<T> {
  const client = DynamoDBDocumentClient.from(localClient(t.stack.dynamoEndpoint));
  try {
    return await run(client);
  } finally {
    client.destroy();
  }
}

const migrate = (dryRun = false) => withClient((client) => migrateOnboardingKeys({ client, tableName: t.stack.tableName, dryRun }));

/** Every item of the moved kinds, keyed `pk / sk` (a test-only scan). */
const onboardingItems = () =>
  withClient(async (client) => {
    const res = await client.send(
      new ScanCommand({
        TableName: t.stack.tableName,
        ConsistentRead: true,
        FilterExpression: '#k IN (:a, :b, :c, :d)',
        ExpressionAttributeNames: { '#k': 'kind' },
        ExpressionAttributeValues: { ':a': KINDS[0], ':b': KINDS[1], ':c': KINDS[2], ':d': KINDS[3] },
      }),
    );
    return Object.fromEntries((res.Items ?? []).map((i) => [`${i.pk} / ${i.sk}`, i]));
  });

/** Where release 0.1 kept each item (the inverse of the migration). */
function oldKeyOf(item: Record<string, unknown>): { pk: string; sk: string } {
  const pk = String(item.pk);
  const sk = String(item.sk);
  if (item.kind === 'onboarding-settings') return { pk: 'PROGRAMME', sk: 'ONBOARDING' };
  if (item.kind === 'agreement') return { pk: 'PROGRAMME', sk };
  const partnerPk = `PARTNER#${pk.slice('ONBOARDING#'.length)}`;
  if (item.kind === 'agreement-offer') return { pk: partnerPk, sk: `AGREEMENT#${sk.slice('OFFER#'.length)}` };
  return { pk: partnerPk, sk: 'ONBOARDING#CHECKLIST' };
}

describe('npm run migrate:onboarding-keys', () => {
  const ids = { accepted: '', offered: '', offeredAdmin: '', acceptedAdmin: '', agreement: '' };

  it('a table in the 0.1 layout: the API finds none of the old items', async () => {
    // Real items, made through the API, then put back where 0.1 kept them.
    const admin = await t.as('vendor-admin');
    const current = await admin.call('GET', '/programme/onboarding');
    const { updatedAt: _u, version: _v, ...settings } = current.body;
    const put = await admin.call('PUT', '/programme/onboarding', {
      body: { ...settings, allowedCountries: ['GB', 'IE'] },
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(put.status, put.text).toBe(200);
    ids.agreement = (await publishAgreement(admin)).id;
    const cm = await t.as('channel-manager');
    for (const which of ['accepted', 'offered'] as const) {
      const submitted = await t.applicant().call('POST', '/applications', { body: applicationBody() });
      expect(submitted.status, submitted.text).toBe(202);
      const approved = await cm.call('POST', `/applications/${submitted.body.id}/approve`);
      expect(approved.status, approved.text).toBe(200);
      ids[which] = approved.body.decision.partnerId;
      ids[`${which}Admin`] = approved.body.decision.adminUserId;
    }
    const acceptor = await t.as('partner-admin', { partnerId: ids.accepted, userId: ids.acceptedAdmin, sub: ids.acceptedAdmin });
    expect((await acceptor.call('POST', `/partners/${ids.accepted}/agreements/${ids.agreement}/accept`)).status).toBe(200);
    await t.stack.drain();

    const items = Object.values(await onboardingItems());
    expect(items.map((i) => i.kind).sort()).toEqual(['agreement', 'agreement-offer', 'agreement-offer', 'onboarding-checklist', 'onboarding-settings']);
    await withClient(async (client) => {
      for (const item of items) {
        await client.send(new PutCommand({ TableName: t.stack.tableName, Item: { ...item, ...oldKeyOf(item) } }));
        await client.send(new DeleteCommand({ TableName: t.stack.tableName, Key: { pk: item.pk, sk: item.sk } }));
      }
    });
    expect((await admin.call('GET', '/programme/onboarding')).body.version).toBe(0);
    expect((await admin.call('GET', '/programme/agreements')).body.items).toEqual([]);
    expect((await admin.call('GET', `/partners/${ids.offered}/agreements`)).body.items).toEqual([]);
    expect((await admin.call('GET', `/partners/${ids.accepted}/onboarding`)).status).toBe(404);
  });

  it('--dry-run reports each move and writes nothing', async () => {
    const before = await onboardingItems();
    const plan = await migrate(true);
    expect(plan.found).toBe(5);
    expect(plan.conflicts).toEqual([]);
    expect(plan.moves.every((m) => m.outcome === 'would-move')).toBe(true);
    expect(plan.moves).toContainEqual({
      kind: 'agreement-offer',
      from: { pk: `PARTNER#${ids.offered}`, sk: `AGREEMENT#${ids.agreement}` },
      to: { pk: `ONBOARDING#${ids.offered}`, sk: `OFFER#${ids.agreement}` },
      outcome: 'would-move',
    });
    expect(plan.moves).toContainEqual({
      kind: 'onboarding-settings',
      from: { pk: 'PROGRAMME', sk: 'ONBOARDING' },
      to: { pk: 'ONBOARDING#SETTINGS', sk: 'SETTINGS' },
      outcome: 'would-move',
    });
    expect(await onboardingItems()).toEqual(before);
  });

  it('moves every item to its new key, where the API reads it, and deletes the old one', async () => {
    const result = await migrate();
    expect(result.found).toBe(5);
    expect(result.moves.map((m) => m.outcome)).toEqual(Array(5).fill('moved'));
    for (const m of result.moves) expect(await getItem(t.stack, m.from.pk, m.from.sk)).toBeUndefined();

    const admin = await t.as('vendor-admin');
    const settings = await admin.call('GET', '/programme/onboarding');
    expect(settings.body).toMatchObject({ version: 1, allowedCountries: ['GB', 'IE'] });
    expect((await admin.call('GET', '/programme/agreements')).body.items).toEqual([expect.objectContaining({ id: ids.agreement })]);
    const offered = await admin.call('GET', `/partners/${ids.offered}/agreements`);
    expect(offered.body.items).toEqual([expect.objectContaining({ agreementId: ids.agreement, status: 'offered' })]);
    expect((await admin.call('GET', `/partners/${ids.accepted}/agreements`)).body.items).toEqual([
      expect.objectContaining({ agreementId: ids.agreement, status: 'accepted' }),
    ]);
    const checklist = await admin.call('GET', `/partners/${ids.accepted}/onboarding`);
    expect(checklist.status, checklist.text).toBe(200);
    expect(checklist.body.partnerId).toBe(ids.accepted);
  });

  it('a second run finds nothing and changes nothing', async () => {
    const before = await onboardingItems();
    const again = await migrate();
    expect(again).toEqual({ found: 0, moves: [], conflicts: [] });
    expect(await onboardingItems()).toEqual(before);
  });

  it('the migrated items take writes: the offered partner accepts its migrated offer, versioned as before', async () => {
    const partnerAdmin = await t.as('partner-admin', { partnerId: ids.offered, userId: ids.offeredAdmin, sub: ids.offeredAdmin });
    const accept = await partnerAdmin.call('POST', `/partners/${ids.offered}/agreements/${ids.agreement}/accept`);
    expect(accept.status, accept.text).toBe(200);
    expect((await partnerAdmin.call('GET', `/partners/${ids.offered}`)).body.status).toBe('active');
  });

  it('an old item whose new key holds a different record is left, and reported; an identical old copy is deleted', async () => {
    const settings = (await getItem(t.stack, 'ONBOARDING#SETTINGS', 'SETTINGS'))!;
    const offer = (await getItem(t.stack, `ONBOARDING#${ids.accepted}`, `OFFER#${ids.agreement}`))!;
    await withClient(async (client) => {
      await client.send(new PutCommand({ TableName: t.stack.tableName, Item: { ...settings, pk: 'PROGRAMME', sk: 'ONBOARDING', allowedCountries: ['FR'] } }));
      await client.send(new PutCommand({ TableName: t.stack.tableName, Item: { ...offer, pk: `PARTNER#${ids.accepted}`, sk: `AGREEMENT#${ids.agreement}` } }));
    });
    const result = await migrate();
    expect(result.moves.map((m) => [m.kind, m.outcome]).sort()).toEqual([
      ['agreement-offer', 'copy-removed'],
      ['onboarding-settings', 'conflict'],
    ]);
    expect(result.conflicts).toHaveLength(1);
    expect(await getItem(t.stack, 'PROGRAMME', 'ONBOARDING')).toMatchObject({ allowedCountries: ['FR'] });
    expect(await getItem(t.stack, 'ONBOARDING#SETTINGS', 'SETTINGS')).toEqual(settings);
    expect(await getItem(t.stack, `PARTNER#${ids.accepted}`, `AGREEMENT#${ids.agreement}`)).toBeUndefined();
  });
});
