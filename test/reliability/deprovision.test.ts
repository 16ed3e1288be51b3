import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '@channelbase/core';
import { PartnerTerminated, statusChanges, terminatePartner } from '@channelbase/core/partners';
import { commit, runtimeClock as clock } from '@channelbase/platform';
import { deprovisionPartner } from '../../functions/partners/deprovision.ts';
import { getPartner, partnerKey, putPartner } from '../../functions/partners/repository.ts';
import { type Caller, partnerBody, useStack } from '../support/stack.ts';
import { getItem } from './helpers.ts';

const t = useStack();
const VENDOR = { sub: 'test-terminator', roles: ['vendor-admin'] };

/**
 * Terminates a partner as the terminate command does: the domain rule, its PartnerTerminated
 * event and audit entry, a versioned put (the API route is another change's).
 */
async function terminate(partnerId: string, reason: string): Promise<void> {
  const before = await getPartner(partnerId);
  const after = terminatePartner(before, reason, clock);
  const event = makeEvent(PartnerTerminated, { partner: after, reason }, { actor: VENDOR, clock, partnerId });
  await commit([putPartner(after, before.version)], [event], [{ pk: partnerKey(partnerId).pk, subject: partnerId, changes: statusChanges(before, after) }]);
}

async function partnerWithUsers(admin: Caller, n: number): Promise<{ partnerId: string; userIds: string[] }> {
  const partner = await admin.call('POST', '/partners', { body: partnerBody() });
  expect(partner.status).toBe(201);
  const userIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await admin.call('POST', `/partners/${partner.body.id}/users`, {
      body: { email: `term-${i}-${partner.body.id.slice(-6).toLowerCase()}@acme.example`, givenName: 'T', familyName: `User${i}`, roles: ['partner-user'] },
    });
    expect(res.status).toBe(201);
    userIds.push(res.body.id);
  }
  return { partnerId: partner.body.id, userIds };
}

const publishedFor = (partnerId: string, type: string) => t.stack.bus.published.filter((e) => e.detail.partnerId === partnerId && e['detail-type'] === type);

describe("a terminated partner's users are disabled", () => {
  // Promise: terminating a partner disables every one of its users (by the system, sessions revoked), announced and audited, and their identities follow.
  it('every active user is disabled by the system, with its PartnerUserUpdated event, audit entry and identity provisioned', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId, userIds } = await partnerWithUsers(admin, 3);
    // One user was disabled by a vendor before: it stays so, disabled by the vendor.
    const first = await admin.call('GET', `/partners/${partnerId}/users/${userIds[0]}`);
    const vendorDisabled = await admin.call('PATCH', `/partners/${partnerId}/users/${userIds[0]}`, {
      body: { status: 'disabled' },
      headers: { 'if-match': first.headers.get('etag')! },
    });
    expect(vendorDisabled.status).toBe(200);
    await t.stack.drain();

    await terminate(partnerId, 'contract ended');
    await t.stack.drain();
    expect(t.stack.bus.deadLetters).toEqual([]);

    expect(publishedFor(partnerId, 'PartnerTerminated')).toHaveLength(1);
    const users = (await admin.call('GET', `/partners/${partnerId}/users`)).body.items as {
      id: string;
      status: string;
      disabledBy: string;
      sessionsRevokedAt: string;
    }[];
    expect(users).toHaveLength(3);
    for (const user of users) {
      expect(user.status).toBe('disabled');
      expect(user.sessionsRevokedAt).toEqual(expect.any(String));
      expect(user.disabledBy).toBe(user.id === userIds[0] ? 'vendor' : 'system');
    }
    // One PartnerUserUpdated per user the termination disabled (after the vendor's own one), by the system.
    const bySystem = publishedFor(partnerId, 'PartnerUserUpdated').filter((e) => (e.detail.actor as { sub: string }).sub === 'system');
    expect(bySystem.map((e) => (e.detail.data as { user: { id: string } }).user.id).sort()).toEqual([userIds[1], userIds[2]].sort());
    for (const e of bySystem)
      expect(e.detail.data).toMatchObject({
        user: { status: 'disabled', disabledBy: 'system' },
        changes: [{ field: 'status', from: 'active', to: 'disabled' }],
      });

    const history = (await admin.call('GET', `/partners/${partnerId}/history?limit=50`)).body.items as {
      subject: string;
      action: string;
      actor: { sub: string };
    }[];
    for (const id of [userIds[1], userIds[2]]) {
      expect(history).toContainEqual(expect.objectContaining({ subject: id, action: 'PartnerUserUpdated', actor: expect.objectContaining({ sub: 'system' }) }));
    }
    // provision-identity consumed each disable: the identity records hold the disabled version.
    for (const user of users) {
      const stored = await admin.call('GET', `/partners/${partnerId}/users/${user.id}`);
      expect(await getItem(t.stack, `PARTNER#${partnerId}`, `IDENTITY#${user.id}`)).toMatchObject({
        provisionedVersion: stored.body.version,
        sessionsRevokedApplied: user.sessionsRevokedAt,
      });
    }
  });

  // Promise: a redelivered PartnerTerminated changes and announces nothing more.
  it('is idempotent: a redelivery (and a direct re-run, page by page) disables nobody again', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId } = await partnerWithUsers(admin, 3);
    await terminate(partnerId, 'fraud');
    await t.stack.drain();
    const [terminated] = publishedFor(partnerId, 'PartnerTerminated');
    const updatesBefore = publishedFor(partnerId, 'PartnerUserUpdated').length;
    expect(updatesBefore).toBe(3);
    const versionsBefore = ((await admin.call('GET', `/partners/${partnerId}/users`)).body.items as { version: number }[]).map((u) => u.version);

    const { handler } = (await import('../../functions/partners/deprovision.ts')) as { handler: (e: SQSEvent, c: Context) => Promise<SQSBatchResponse> };
    const record = {
      messageId: 'again',
      receiptHandle: 'again',
      body: JSON.stringify(terminated),
      attributes: { ApproximateReceiveCount: '2', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:deprovision-terminated',
      awsRegion: 'local',
    };
    const context = { functionName: 'deprovision-terminated', awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
    expect((await handler({ Records: [record, { ...record, messageId: 'again-2' }] }, context)).batchItemFailures).toEqual([]);
    expect(await deprovisionPartner(partnerId, 1)).toEqual({ disabled: [] });
    await t.stack.drain();
    expect(publishedFor(partnerId, 'PartnerUserUpdated')).toHaveLength(updatesBefore);
    expect(((await admin.call('GET', `/partners/${partnerId}/users`)).body.items as { version: number }[]).map((u) => u.version)).toEqual(versionsBefore);
  });

  it('pages through the users: with a page of one, every user is still disabled', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId, userIds } = await partnerWithUsers(admin, 3);
    const before = await getPartner(partnerId);
    // Terminated without its event, so that only this direct run disables the users.
    await commit([putPartner(terminatePartner(before, 'paging', clock), before.version)]);
    const { disabled } = await deprovisionPartner(partnerId, 1);
    expect(disabled.sort()).toEqual([...userIds].sort());
  });

  it('refuses to disable the users of a partner that is not terminated', async () => {
    const admin = await t.as('vendor-admin');
    const { partnerId } = await partnerWithUsers(admin, 1);
    await expect(deprovisionPartner(partnerId)).rejects.toThrow(/not terminated/);
  });
});
