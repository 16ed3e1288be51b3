import { describe, expect, it } from 'vitest';
import { ManualClock } from '../kernel/clock.ts';
import { exampleProgramme } from './examples.ts';
import { type Payout, approveRun, csvCell, lastDayOf, recordPayment, startRun, statementsDone, ZERO_TOTALS } from './runs.ts';

const clockAt = (iso: string) => new ManualClock({ now: () => new Date(iso) });
const finance = (sub: string) => ({ sub, roles: ['finance'] });

describe('settlement runs', () => {
  it('start only once the period is over, under the version in force on its last day', () => {
    const v2 = { ...exampleProgramme, version: 2, effectiveFrom: '2027-02-15', rules: exampleProgramme.rules.slice(0, 1) };
    const run = startRun([exampleProgramme, v2], '2027-02', { actor: finance('u1'), bySchedule: false }, clockAt('2027-03-01T02:00:00Z'));
    expect(run).toMatchObject({ period: '2027-02', programmeVersion: 2, status: 'running', startedBy: { kind: 'user', sub: 'u1' } });
    expect(startRun([exampleProgramme], '2027-01', { actor: finance('u1'), bySchedule: false }, clockAt('2027-03-01T02:00:00Z')).programmeVersion).toBe(1);
    expect(() => startRun([exampleProgramme], '2027-03', { actor: finance('u1'), bySchedule: true }, clockAt('2027-03-31T23:59:59Z'))).toThrow(/not over/);
    expect(() => startRun([exampleProgramme], '2026-12', { actor: finance('u1'), bySchedule: true }, clockAt('2027-03-01T00:00:00Z'))).toThrow(/No version/);
    expect(lastDayOf('2028-02', 'monthly')).toBe('2028-02-29');
    expect(lastDayOf('2027-Q4', 'quarterly')).toBe('2027-12-31');
  });

  it('are approved by finance only, by someone other than who started them by hand, once their statements are written', () => {
    const clock = clockAt('2027-03-01T02:00:00Z');
    const byHand = startRun([exampleProgramme], '2027-02', { actor: finance('starter'), bySchedule: false }, clock);
    expect(() => approveRun(byHand, finance('other'), clock)).toThrow(/still computing/);
    const waiting = statementsDone(byHand, ZERO_TOTALS, clock);
    expect(() => approveRun(waiting, finance('starter'), clock)).toThrow(/someone else/);
    expect(() => approveRun(waiting, { sub: 'admin', roles: ['vendor-admin'] }, clock)).toThrow(/Only finance/);
    const approved = approveRun(waiting, finance('other'), clock);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'other', version: 3 });
    expect(() => approveRun(approved, finance('third'), clock)).toThrow(/approved already/);
    // A run the schedule started: any finance user approves it.
    const scheduled = statementsDone(
      startRun([exampleProgramme], '2027-02', { actor: { sub: 'system', roles: ['system'] }, bySchedule: true }, clock),
      ZERO_TOTALS,
      clock,
    );
    expect(approveRun(scheduled, finance('system'), clock).status).toBe('approved');
  });
});

describe('CSV cells', () => {
  it('neutralise what a spreadsheet would run as a formula, and quote what would break the row', () => {
    expect(csvCell('=HYPERLINK("http://x.example","y")')).toBe(`"'=HYPERLINK(""http://x.example"",""y"")"`);
    for (const lead of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}1`).replaceAll('"', '')).toBe(`'${lead}1`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(125_000)).toBe('125000');
    expect(csvCell(null)).toBe('');
    expect(csvCell('ptr_01JD3ZY4K6M8P0R2T4V6X8Z0AB')).toBe('ptr_01JD3ZY4K6M8P0R2T4V6X8Z0AB');
  });

  it('record a payment once: the same reference again changes nothing, another one is refused', () => {
    const payable: Payout = {
      runId: 'stl_1',
      partnerId: 'ptr_1',
      programmeId: 'prg_1',
      period: '2027-02',
      amountMinor: 12_345,
      currency: 'EUR',
      status: 'payable',
      paymentReference: null,
      paidAt: null,
    };
    const clock = clockAt('2027-03-05T09:00:00Z');
    const paid = recordPayment(payable, 'SEPA-1', clock);
    expect(paid).toEqual({ payout: { ...payable, status: 'paid', paymentReference: 'SEPA-1', paidAt: '2027-03-05T09:00:00.000Z' }, changed: true });
    expect(recordPayment(paid.payout, 'SEPA-1', clockAt('2027-03-06T09:00:00Z'))).toEqual({ payout: paid.payout, changed: false });
    expect(() => recordPayment(paid.payout, 'SEPA-2', clock)).toThrow(/reference SEPA-1/);
  });
});
