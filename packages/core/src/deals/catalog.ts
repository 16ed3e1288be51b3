import {
  DealApproved,
  DealConflictDetected,
  DealExpired,
  DealExtended,
  DealLost,
  DealRegistered,
  DealRejected,
  DealReviewEscalated,
  DealReviewReminder,
  DealRulesChanged,
  DealWon,
  DealWonReversed,
} from './events.ts';
import { DEFAULT_DEAL_RULES } from './model.ts';
import { exampleApprovedDeal as approved, exampleDeal as deal } from './examples.ts';

const by = { sub: 'cm-7', roles: ['channel-manager'] };
const released = { ...approved.protection!, running: false, releasedAt: '2027-02-10T12:00:00.000Z' };
const lines = [{ productLine: 'networking', amount: { amountMinor: 4_200_000, currency: 'EUR' } }];
const won = {
  outcome: 'won' as const,
  amount: lines[0]!.amount,
  lines,
  closeDate: '2027-02-10',
  reason: null,
  reversed: false,
  by: deal.registeredBy,
  at: '2027-02-10T12:00:00.000Z',
};
const review = { registrationId: deal.id, submittedAt: deal.submittedAt, reviewDueAt: deal.reviewDueAt! };

/** Each event of the context with the example data the catalogue publishes for it. */
export const dealsEventExamples = [
  { event: DealRegistered, data: { registration: deal } },
  {
    event: DealConflictDetected,
    data: {
      registrationId: deal.id,
      registeringPartnerId: deal.partnerId,
      matches: [
        {
          registrationId: 'deal_01JD41A0B1C2D3E4F5G6H7J8K9',
          partnerId: 'ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3C',
          status: 'approved',
          on: ['webDomain', 'legalName'],
          values: { webDomain: 'acmehealth.example', legalName: 'acme health' },
          productLines: ['networking'],
          submittedAt: '2026-11-20T10:00:00.000Z',
        },
      ],
    },
  },
  { event: DealApproved, data: { registration: approved } },
  {
    event: DealRejected,
    data: {
      registration: {
        ...deal,
        status: 'rejected',
        decision: { outcome: 'rejected', by, at: '2026-12-01T15:00:00.000Z', reason: 'Registered by another partner first', policy: null, rulesVersion: 0 },
        version: 2,
      },
      reason: 'Registered by another partner first',
    },
  },
  { event: DealReviewReminder, data: review },
  { event: DealReviewEscalated, data: review },
  {
    event: DealExtended,
    data: { registration: { ...approved, protection: { ...approved.protection!, expiresAt: '2027-03-31T15:00:00.000Z', extended: true }, version: 3 } },
  },
  {
    event: DealExpired,
    data: { registration: { ...approved, status: 'expired', protection: { ...released, releasedAt: '2027-03-01T15:00:00.000Z' }, version: 3 } },
  },
  {
    event: DealWon,
    data: {
      registrationId: deal.id,
      partnerId: deal.partnerId,
      secondPartner: deal.secondPartner,
      customer: { legalName: deal.customer.legalName, webDomain: deal.customer.webDomain, registrableDomain: 'acmehealth.example', country: 'GB' },
      lines,
      amount: lines[0]!.amount,
      closeDate: '2027-02-10',
      protectionRunning: true,
      leadId: null,
    },
  },
  {
    event: DealLost,
    data: {
      registration: {
        ...approved,
        status: 'lost',
        protection: released,
        closing: { ...won, outcome: 'lost', amount: null, lines: null, closeDate: null, reason: 'Customer chose a competitor' },
        version: 3,
      },
      reason: 'Customer chose a competitor',
    },
  },
  {
    event: DealWonReversed,
    data: {
      registrationId: deal.id,
      partnerId: deal.partnerId,
      secondPartner: deal.secondPartner,
      lines,
      amount: lines[0]!.amount,
      reason: 'Order cancelled by the customer',
    },
  },
  {
    event: DealRulesChanged,
    data: {
      rules: { ...DEFAULT_DEAL_RULES, reviewSlaDays: 3, updatedAt: '2026-11-30T08:00:00.000Z', version: 1 },
      changes: [{ field: 'reviewSlaDays', from: 2, to: 3 }],
    },
  },
] as const;
