import * as z from '@channelbase/core/kernel/zod';
import { SYSTEM_ACTOR, makeEvent } from '@channelbase/core';
import { type Payout, PayoutIssued } from '@channelbase/core/incentives';
import { commit, createWorkflowStep, done, next, runtimeClock as clock } from '@channelbase/platform';
import { AlreadyRecordedError } from './repository.ts';
import { type StoredStatement, getRun, putNewPayout, statementsOf } from './settlements.ts';

/** Payouts per transaction: each is two items (the payout and its PayoutIssued), under DynamoDB's 100. */
const PER_TRANSACTION = 25;
/** Statements read per step. */
const STATEMENTS_PER_STEP = 500;

const state = z.object({ runId: z.string(), after: z._default(z.string(), '') });
const started = z.object({ run: z.object({ id: z.string() }) });

const payoutOf = (s: StoredStatement): Payout => ({
  runId: s.runId,
  partnerId: s.partnerId,
  programmeId: s.programmeId,
  period: s.period,
  amountMinor: s.payableMinor,
  currency: s.currency,
  status: 'payable',
  paymentReference: null,
  paidAt: null,
});

/** Writes payouts with their events, once: a batch that meets one already written is retried payout by payout. */
async function issue(payouts: Payout[]): Promise<void> {
  const write = (batch: Payout[]) =>
    commit(
      batch.map(putNewPayout),
      batch.map((payout) => makeEvent(PayoutIssued, { payout }, { actor: SYSTEM_ACTOR, clock, partnerId: payout.partnerId })),
    );
  try {
    await write(payouts);
  } catch (err) {
    if (!(err instanceof AlreadyRecordedError)) throw err;
    for (const payout of payouts)
      await write([payout]).catch((e: unknown) => {
        if (!(e instanceof AlreadyRecordedError)) throw e;
      });
  }
}

/**
 * After approval: one payable payout and one PayoutIssued per partner whose statement pays
 * something, in partner order, a few hundred per step. Statements are never changed; the payout
 * holds what happens after (`paymentReference` and `paidAt`, which finance records with
 * `PUT /settlements/{id}/payouts/{partnerId}/payment`).
 */
async function payouts(raw: unknown) {
  const { runId, after } = state.parse(raw);
  const run = await getRun(runId);
  if (run.status !== 'approved') return done();
  let read = 0;
  let last = after;
  for await (const page of statementsOf(runId, after)) {
    const payable = page.filter((s) => s.payableMinor > 0).map(payoutOf);
    for (let i = 0; i < payable.length; i += PER_TRANSACTION) await issue(payable.slice(i, i + PER_TRANSACTION));
    read += page.length;
    last = page.at(-1)?.partnerId ?? last;
    if (read >= STATEMENTS_PER_STEP) return next('payouts', clock.now(), { runId, after: last });
  }
  return done();
}

export const handler = createWorkflowStep('incentives.payouts', {
  begin: (event) => next('payouts', clock.now(), { runId: started.parse(event.detail.data).run.id, after: '' }),
  steps: { payouts },
});
