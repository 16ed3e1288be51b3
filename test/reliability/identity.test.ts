import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type DomainEvent, makeEvent } from '@channelbase/core';
import { type Partner, type PartnerUser, PartnerUserAdded, PartnerUserUpdated, newPartnerUser, updatePartnerUser } from '@channelbase/core/partners';
import { commit, runtimeClock as clock } from '@channelbase/platform';
import { CognitoDirectory } from '../../functions/partners/identity.ts';
import { provisionIdentityConsumer } from '../../functions/partners/provision-identity.ts';
import { getUser, partnerKey, putNewUser, putUser } from '../../functions/partners/repository.ts';
import { FakeCognito, seeded } from '../support/cognito.ts';
import { partnerBody, useStack } from '../support/stack.ts';
import { getItem } from './helpers.ts';

const t = useStack();
const VENDOR = { sub: 'test-vendor-admin', roles: ['vendor-admin'] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const context = { functionName: 'provision-identity', awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/** The bus event an SQS subscription receives for a committed domain event. */
const busEvent = (e: DomainEvent) => ({
  version: '0',
  id: randomUUID(),
  source: e.source,
  'detail-type': e.detailType,
  time: e.detail.occurredAt,
  detail: e.detail,
});

/** One SQS batch; Powertools' BatchProcessor handles its records in parallel. */
const batch = (events: DomainEvent[]): SQSEvent => ({
  Records: events.map((e) => {
    const messageId = randomUUID();
    return {
      messageId,
      receiptHandle: messageId,
      body: JSON.stringify(busEvent(e)),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:provision-identity',
      awsRegion: 'local',
    };
  }),
});

async function createPartner(): Promise<Partner> {
  const admin = await t.as('vendor-admin');
  const res = await admin.call('POST', '/partners', { body: partnerBody() });
  expect(res.status).toBe(201);
  return res.body as Partner;
}

type Step = 'add' | 'disable' | 'demote';
const STEPS: Step[] = ['add', 'disable', 'demote'];
const ORDERS: Step[][] = [
  ['add', 'disable', 'demote'],
  ['add', 'demote', 'disable'],
  ['disable', 'add', 'demote'],
  ['disable', 'demote', 'add'],
  ['demote', 'add', 'disable'],
  ['demote', 'disable', 'add'],
];

/**
 * A user is added as partner admin, disabled, then demoted to partner user: three commits (with
 * their events) a few milliseconds apart, as the API makes them. Resolves each step's event once
 * it is committed.
 */
function writeUser(partner: Partner, random: () => number, steps: Step[] = STEPS) {
  const added = newPartnerUser(
    partner,
    { email: `conv-${randomUUID().slice(0, 8)}@acme.example`, givenName: 'Ada', familyName: 'Admin', roles: ['partner-admin', 'partner-user'] },
    clock,
  );
  const committed = new Map<Step, Promise<DomainEvent>>();
  let user: PartnerUser = added;
  let previous: Promise<unknown> = Promise.resolve();
  for (const step of steps) {
    const done = previous.then(async () => {
      if (step !== 'add') await sleep(random() * 15);
      const before = user;
      if (step === 'add') {
        const event = makeEvent(PartnerUserAdded, { user: added }, { actor: VENDOR, clock, partnerId: partner.id });
        await commit(putNewUser(added), [event], [{ pk: partnerKey(partner.id).pk, subject: added.id, changes: [{ field: '*', from: null, to: added }] }]);
        return event;
      }
      const next = updatePartnerUser(before, step === 'disable' ? { status: 'disabled' } : { roles: ['partner-user'] }, VENDOR, clock, partner);
      user = next.user;
      const event = makeEvent(PartnerUserUpdated, { user: next.user, changes: next.changes }, { actor: VENDOR, clock, partnerId: partner.id });
      await commit([putUser(next.user, before.version)], [event], [{ pk: partnerKey(partner.id).pk, subject: added.id, changes: next.changes }]);
      return event;
    });
    committed.set(step, done);
    previous = done;
  }
  return { userId: added.id, committed, written: previous };
}

/**
 * Delivers each step's event in the given order, each as soon as it is committed and the one
 * before it in the order was handed over: twice in one batch (handled in parallel) and once more
 * a little later to another consumer instance, all concurrently.
 */
async function deliver(order: Step[], committed: Map<Step, Promise<DomainEvent>>, directory: CognitoDirectory, random: () => number) {
  const results: Promise<SQSBatchResponse>[] = [];
  for (const step of order) {
    const event = await committed.get(step)!;
    // A consumer instance per invocation, as Lambda runs concurrent batches in separate instances.
    results.push(provisionIdentityConsumer(directory)(batch([event, event]), context));
    results.push(sleep(random() * 25).then(() => provisionIdentityConsumer(directory)(batch([event]), context)));
  }
  for (const result of await Promise.all(results)) expect(result.batchItemFailures).toEqual([]);
}

async function expectCognitoAsStored(cognito: FakeCognito, stored: PartnerUser) {
  const identity = cognito.users.get(stored.id);
  expect(identity, 'the Cognito user exists').toBeDefined();
  expect({ enabled: identity!.enabled, groups: [...identity!.groups].sort() }).toEqual({
    enabled: stored.status === 'active',
    groups: [...stored.roles].sort(),
  });
  expect(identity!.attributes).toEqual({
    email: stored.email,
    email_verified: 'true',
    given_name: stored.givenName,
    family_name: stored.familyName,
    'custom:partnerId': stored.partnerId,
  });
  if (stored.sessionsRevokedAt === null) expect(identity!.signOuts).toEqual([]);
  else {
    // Refresh tokens issued before the revocation are dead: a global sign-out came after it.
    expect(identity!.signOuts.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...identity!.signOuts)).toBeGreaterThanOrEqual(Date.parse(stored.sessionsRevokedAt));
  }
  expect(await getItem(t.stack, `PARTNER#${stored.partnerId}`, `IDENTITY#${stored.id}`)).toMatchObject({
    provisionedVersion: stored.version,
    sessionsRevokedApplied: stored.sessionsRevokedAt,
  });
}

describe('identity provisioning converges on the stored user', () => {
  // Promise: add, disable and demote delivered in every order and with duplicates; Cognito's state always ends as the stored user says.
  for (const [n, order] of ORDERS.entries()) {
    it(`delivered ${order.join(', ')} (with duplicates, concurrently): Cognito ends disabled, partner-user only, signed out`, async () => {
      const partner = await createPartner();
      for (const round of [1, 2, 3]) {
        const random = seeded(1000 * n + round);
        const cognito = new FakeCognito(random);
        const directory = new CognitoDirectory('pool-test', cognito);
        const { userId, committed, written } = writeUser(partner, random);
        await Promise.all([written, deliver(order, committed, directory, random)]);
        const stored = await getUser(partner.id, userId);
        expect(stored).toMatchObject({ status: 'disabled', roles: ['partner-user'], version: 3 });
        await expectCognitoAsStored(cognito, stored);
        // Three distinct events, each counted once however often it came.
        expect(await getItem(t.stack, `PARTNER#${partner.id}`, `IDENTITY#${userId}`)).toMatchObject({ provisionCount: 3 });
      }
    });
  }

  it('a user only added (duplicates, concurrently) is enabled, in its groups, never signed out', async () => {
    const partner = await createPartner();
    const random = seeded(7);
    const cognito = new FakeCognito(random);
    const directory = new CognitoDirectory('pool-test', cognito);
    const { userId, committed, written } = writeUser(partner, random, ['add']);
    await Promise.all([written, deliver(['add', 'add'], committed, directory, random)]);
    const stored = await getUser(partner.id, userId);
    expect(stored).toMatchObject({ status: 'active', version: 1, sessionsRevokedAt: null });
    await expectCognitoAsStored(cognito, stored);
  });

  it('a redelivery of an event already provisioned makes no Cognito call', async () => {
    const partner = await createPartner();
    const cognito = new FakeCognito(seeded(11), 0);
    const directory = new CognitoDirectory('pool-test', cognito);
    const { committed, written } = writeUser(partner, Math.random, ['add']);
    await written;
    const event = await committed.get('add')!;
    await provisionIdentityConsumer(directory)(batch([event]), context);
    const calls = cognito.calls.length;
    expect(calls).toBeGreaterThan(0);
    await provisionIdentityConsumer(directory)(batch([event]), context);
    expect(cognito.calls.length).toBe(calls);
  });
});
