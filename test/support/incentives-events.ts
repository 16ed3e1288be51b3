import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { newId } from '@channelbase/core';

/**
 * Deals' events as incentives' accrual queue receives them (EventBridge's envelope in an SQS
 * record), for tests that drive the accrual consumer directly: many deals, redeliveries, any order.
 */
export function dealEvent(detailType: 'DealWon' | 'DealWonReversed', eventId: string, partnerId: string, data: Record<string, unknown>): SQSEvent {
  const event = {
    version: '0',
    id: randomUUID(),
    source: 'channelbase.deals',
    'detail-type': detailType,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'local',
    resources: [],
    detail: { eventId, occurredAt: new Date().toISOString(), partnerId, actor: { sub: 'test', roles: ['partner-sales'] }, data },
  };
  const messageId = randomUUID();
  return {
    Records: [
      {
        messageId,
        receiptHandle: messageId,
        body: JSON.stringify(event),
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:local:000000000000:incentive-accrual',
        awsRegion: 'local',
      },
    ],
  };
}

/** A DealWon's data: one networking line (or the lines given), EUR, protected. */
export function wonData(d: {
  dealId?: string;
  partnerId: string;
  amountMinor?: number;
  closeDate: string;
  lines?: { productLine: string; amountMinor: number }[];
  secondPartner?: { partnerId: string; role: 'distributor' | 'reseller' | 'referral' } | null;
}) {
  const lines = (d.lines ?? [{ productLine: 'networking', amountMinor: d.amountMinor ?? 0 }]).map((l) => ({
    productLine: l.productLine,
    amount: { amountMinor: l.amountMinor, currency: 'EUR' },
  }));
  const amountMinor = lines.reduce((s, l) => s + l.amount.amountMinor, 0);
  return {
    registrationId: d.dealId ?? newId('deal'),
    partnerId: d.partnerId,
    secondPartner: d.secondPartner ?? null,
    customer: { legalName: 'Customer Ltd', webDomain: 'customer.example', registrableDomain: 'customer.example', country: 'GB' },
    lines,
    amount: { amountMinor, currency: 'EUR' },
    closeDate: d.closeDate,
    protectionRunning: true,
    leadId: null,
  };
}

const context = { functionName: 'incentive-accrual', awsRequestId: 'test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/** The accrual consumer's handler, loaded after the stack set the Lambda environment. */
export async function accrualHandler(): Promise<(e: SQSEvent) => Promise<SQSBatchResponse>> {
  const { handler } = (await import('../../functions/incentives/accrual.ts')) as { handler: (e: SQSEvent, c: Context) => Promise<SQSBatchResponse> };
  return (e) => handler(e, context);
}

/** Delivers a DealWon per deal to the accrual consumer, in order; fails on any batch item failure. */
export async function wonEvents(deals: Parameters<typeof wonData>[0][]): Promise<void> {
  const deliver = await accrualHandler();
  for (const d of deals) {
    const data = wonData(d);
    const result = await deliver(dealEvent('DealWon', newId('event'), d.partnerId, data));
    if (result.batchItemFailures.length) throw new Error(`accrual failed for ${data.registrationId}`);
  }
}
