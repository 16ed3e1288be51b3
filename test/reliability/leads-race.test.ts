import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ManualClock } from '@channelbase/core';
import { type LocalStack, localClient, startLocalStack } from '@channelbase/local';
import { partnerBody, request, stopAndDropTable } from '../support/stack.ts';

/**
 * Accepting an offer at the very instant its SLA expires. The clock of this file's stack stands
 * still (it moves only when the test moves it), so the acceptances and the lead sweep run at
 * exactly `expiresAt`, where both are allowed: the conditional writes on the lead's version must
 * let exactly one of them win for each lead, and the partner's load must count only the winners.
 */
const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
const T0 = new Date('2026-12-01T10:00:00.000Z');
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `test-${randomUUID()}`,
    port: 0,
    clock: new ManualClock({ now: () => new Date(T0) }),
  });
});
afterAll(() => (stack ? stopAndDropTable(stack) : undefined));

const caller = async (roles: string[], partnerId?: string) => {
  const token = await stack.token({ sub: `race-${randomUUID().slice(0, 8)}`, roles: roles as never, ...(partnerId ? { partnerId } : {}) });
  return (method: string, path: string, body?: unknown) => request(stack.url, token, method, path, body === undefined ? {} : { body });
};

describe('acceptance racing the SLA expiry', () => {
  it('at the instant the SLA ends, each lead is either accepted or expired, never both; load counts the accepted only', async () => {
    let vendor = await caller(['vendor-admin']);
    const p = await vendor('POST', '/partners', {
      ...partnerBody({ status: 'active', territories: ['LU'], specialisations: ['networking'], leadCapacity: 50 }),
    });
    expect(p.status, p.text).toBe(201);
    await stack.drain();
    const body = {
      company: { name: 'Race AG' },
      country: 'LU',
      productLines: ['networking'],
      contact: { name: 'R A', email: 'r@race.example' },
      source: 'race',
    };
    const leads = await Promise.all(Array.from({ length: 12 }, () => vendor('POST', '/leads', body)));
    expect(leads.map((l) => l.body.status)).toEqual(Array(12).fill('offered'));
    const expiresAt = leads[0]!.body.offer.expiresAt as string;

    stack.clock.advance({ ms: Date.parse(expiresAt) - T0.getTime() });
    expect(stack.clock.now().toISOString()).toBe(expiresAt);
    vendor = await caller(['vendor-admin']);
    const partner = await caller(['partner-admin'], p.body.id);
    // Each lead as the sweep read it from the due index, then the sweep's step and the acceptance at once.
    const { getLead } = await import('../../functions/leads/repository.ts');
    const { sweepLead } = await import('../../functions/leads/sweep.ts');
    const read = await Promise.all(leads.map((l) => getLead(l.body.id as string)));
    const raced = await Promise.all(
      read.map((lead, i) =>
        i % 2
          ? Promise.all([partner('POST', `/leads/${lead.id}/accept`, {}), sweepLead(lead, undefined)])
          : // The sweep's step a little ahead (it reads more before it writes), so that both orders occur; the assertions hold for either.
            Promise.all([sweepLead(lead, undefined), later(i * 8).then(() => partner('POST', `/leads/${lead.id}/accept`, {}))]).then(
              ([s, a]) => [a, s] as const,
            ),
      ),
    );
    const answers = raced.map(([a]) => a);
    for (const [a, swept] of raced) expect(swept === 'changed').toBe(a.status !== 200);
    // The sweep proper finds nothing more to do.
    await stack.drain();

    let accepted = 0;
    for (const [i, l] of leads.entries()) {
      const after = (await vendor('GET', `/leads/${l.body.id}`)).body;
      const expired = stack.bus.published.filter((e) => e['detail-type'] === 'LeadOfferExpired' && (e.detail.data as { leadId: string }).leadId === l.body.id);
      const acceptedEvents = stack.bus.published.filter(
        (e) => e['detail-type'] === 'LeadAccepted' && (e.detail.data as { lead: { id: string } }).lead.id === l.body.id,
      );
      if (answers[i]!.status === 200) {
        accepted++;
        expect([after.status, expired.length, acceptedEvents.length]).toEqual(['accepted', 0, 1]);
      } else {
        // 409 if it lost the write; 404 if the expiry had committed first (the lead is no longer offered to this partner).
        expect([404, 409], answers[i]!.text).toContain(answers[i]!.status);
        // Expired, and with no other candidate the lead went to the pool.
        expect([after.status, expired.length, acceptedEvents.length]).toEqual(['unassigned', 1, 0]);
      }
    }
    const client = localClient(stack.dynamoEndpoint);
    const { Item } = await client.send(
      new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: `LEAD#PTR#${p.body.id}` }, sk: { S: 'STATE' } }, ConsistentRead: true }),
    );
    client.destroy();
    expect(unmarshall(Item!).load).toBe(accepted);
  });
});
