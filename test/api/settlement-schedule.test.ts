import { describe, expect, it } from 'vitest';
import { nextCronTick } from '@channelbase/local';
import { partnerBody, useStack } from '../support/stack.ts';
import { exampleProgrammeInput } from '../support/incentives.ts';
import { wonEvents } from '../support/incentives-events.ts';

const t = useStack();

describe('the settlement schedule', () => {
  it('ticks at 02:00 UTC on the 1st (or every day at the hour), never at once', () => {
    const at = (iso: string) => new Date(nextCronTick({ minute: 0, hour: 2, dayOfMonth: 1 }, Date.parse(iso))).toISOString();
    expect(at('2027-01-15T10:00:00Z')).toBe('2027-02-01T02:00:00.000Z');
    expect(at('2027-02-01T01:59:59Z')).toBe('2027-02-01T02:00:00.000Z');
    expect(at('2027-02-01T02:00:00Z')).toBe('2027-03-01T02:00:00.000Z');
    expect(at('2027-12-31T23:00:00Z')).toBe('2028-01-01T02:00:00.000Z');
    expect(new Date(nextCronTick({ minute: 30, hour: 4, dayOfMonth: null }, Date.parse('2027-03-10T05:00:00Z'))).toISOString()).toBe(
      '2027-03-11T04:30:00.000Z',
    );
  });

  it('starts the run of the month that just closed for every programme, once, and the run computes its statements', async () => {
    const admin = await t.as('vendor-admin');
    const programme = await admin.call('POST', '/incentive-programs', { body: exampleProgrammeInput() });
    const partner = await admin.call('POST', '/partners', { body: partnerBody() });
    await t.stack.drain();
    const now = t.stack.clock.now();
    const month = now.toISOString().slice(0, 7);
    await wonEvents([{ partnerId: partner.body.id as string, amountMinor: 200_000, closeDate: now.toISOString().slice(0, 10) }]);

    // To 02:01 UTC on the 1st of next month: the schedule's tick.
    const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 2, 1);
    t.stack.clock.advance({ ms: next - now.getTime() });
    await t.stack.drain();
    t.stack.clock.advance({ minutes: 2 });
    await t.stack.drain();

    const finance = await t.as('finance');
    const list = await finance.call('GET', '/settlements');
    expect(list.status, list.text).toBe(200);
    const runs = list.body.items as {
      programmeId: string;
      period: string;
      status: string;
      startedBy: { kind: string };
    }[];
    const mine = runs.filter((r) => r.programmeId === programme.body.id);
    expect(mine).toMatchObject([{ period: month, status: 'awaiting-approval', startedBy: { kind: 'schedule' } }]);
    // Started by the schedule: any finance user approves it.
    const approved = await finance.call('POST', `/settlements/${(mine[0] as unknown as { id: string }).id}/approve`);
    expect(approved.status, approved.text).toBe(200);

    // The next day's drain (no tick) changes nothing: one run per programme and period.
    t.stack.clock.advance({ days: 1 });
    await t.stack.drain();
    expect(
      ((await (await t.as('finance')).call('GET', '/settlements')).body.items as { programmeId: string }[]).filter((r) => r.programmeId === programme.body.id),
    ).toHaveLength(1);
  });
});
