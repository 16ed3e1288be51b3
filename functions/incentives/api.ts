import { ConflictError, PreconditionFailedError, ValidationError, makeEvent } from '@channelbase/core';
import {
  type IncentiveProgrammeInput,
  IncentiveProgrammeCreated,
  IncentiveProgrammeVersioned,
  type Payout,
  PayoutPaid,
  SettlementApproved,
  type SettlementRun,
  approveRun,
  csvCell,
  newProgramme,
  periodOf,
  recordPayment,
  reviseProgramme,
  unknownVocabulary,
} from '@channelbase/core/incentives';
import {
  type HttpResult,
  assertPartnerAccess,
  commit,
  created,
  createApiHandler,
  etagOf,
  expectedVersion,
  json,
  ok,
  runtimeClock as clock,
} from '@channelbase/platform';
import * as partners from '../partners/index.ts';
import { getProgramme, getProgrammeVersion, listProgrammes, partnerLedger, putProgrammeVersion } from './repository.ts';
import { startSettlement } from './commands.ts';
import { type StoredStatement, getPayout, getRun, listRuns, partnerStatements, payoutsOf, putPaid, putRun, runStatements } from './settlements.ts';
import { incentivesRoutes } from './wiring.ts';

const withEtag = (p: { id: string; version: number }) => ({ etag: etagOf(p) });

/** A statement as answered: approved once its run is, a draft until then. */
const statementView = (s: StoredStatement, run: SettlementRun | undefined) => ({ ...s, status: run?.status === 'approved' ? 'approved' : 'draft' });

const PAYOUT_COLUMNS = ['runId', 'programmeId', 'period', 'partnerId', 'amountMinor', 'currency', 'status', 'paymentReference', 'paidAt'] as const;

/** Payouts as CSV: a header row, then one row per payout, every cell neutralised against formula injection. */
function payoutsCsv(runId: string, payouts: readonly Payout[]): HttpResult {
  const rows = [PAYOUT_COLUMNS.join(','), ...payouts.map((p) => PAYOUT_COLUMNS.map((c) => csvCell(p[c])).join(','))];
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="payouts-${runId}.csv"` },
    body: `${rows.join('\r\n')}\r\n`,
  };
}

/**
 * Every product line and tier a programme names must be in the programme's vocabularies (a list
 * never defined accepts any well-formed key, as for partners and deals). Read before the write:
 * a key removed from a vocabulary afterwards leaves existing programmes as they are.
 */
async function assertVocabulary(input: IncentiveProgrammeInput): Promise<void> {
  const [lines, tiers] = await Promise.all([partners.getVocabulary('productLines'), partners.getVocabulary('tiers')]);
  const keys = (list: partners.VocabularyList) => (list.version === 0 ? null : new Set(list.items.map((i) => i.key)));
  const issues = unknownVocabulary(input, keys(lines), keys(tiers));
  if (issues.length) throw new ValidationError('The programme names product lines or tiers the programme does not define', issues);
}

export const handler = createApiHandler(
  incentivesRoutes,
  {
    async listIncentivePrograms({ query }) {
      return ok(await listProgrammes(query.limit, query.cursor));
    },

    async createIncentiveProgram({ body, principal }) {
      await assertVocabulary(body);
      const programme = newProgramme(body, principal, clock);
      await commit(putProgrammeVersion(programme), [makeEvent(IncentiveProgrammeCreated, { programme }, { actor: principal, clock })]);
      return created(programme, `/incentive-programs/${programme.id}`, withEtag(programme));
    },

    async getIncentiveProgram({ params, query }) {
      // The ETag is always the current version's: the one a PUT must name, whichever version was read.
      const [current, asked] = await Promise.all([
        getProgramme(params.id),
        query.version === undefined ? undefined : getProgrammeVersion(params.id, query.version),
      ]);
      return ok(asked ?? current, withEtag(current));
    },

    async putIncentiveProgram({ params, body, headers, principal }) {
      const version = expectedVersion(headers['if-match'], params.id);
      const before = await getProgramme(params.id);
      if (before.version !== version) throw new PreconditionFailedError('The programme was changed since you read it; GET it again and retry');
      if (body.currency !== before.currency || body.cadence !== before.cadence)
        throw new ValidationError('A programme keeps its currency and cadence: create a new programme instead', [
          ...(body.currency !== before.currency ? [{ path: 'body.currency', message: `must stay ${before.currency}` }] : []),
          ...(body.cadence !== before.cadence ? [{ path: 'body.cadence', message: `must stay ${before.cadence}` }] : []),
        ]);
      await assertVocabulary(body);
      const programme = reviseProgramme(before, body, principal, clock);
      await commit(putProgrammeVersion(programme), [
        makeEvent(IncentiveProgrammeVersioned, { programme, previousVersion: before.version }, { actor: principal, clock }),
      ]);
      return ok(programme, withEtag(programme));
    },

    async getPartnerLedger({ params, query, principal }) {
      assertPartnerAccess(principal, params.id);
      await partners.getPartner(params.id);
      const period = query.period ?? periodOf(clock.now().toISOString().slice(0, 10), 'monthly');
      const page = await partnerLedger(params.id, period, query.limit, query.cursor);
      return ok({ partnerId: params.id, period, ...page });
    },

    async getPartnerStatements({ params, query, principal }) {
      assertPartnerAccess(principal, params.id);
      await partners.getPartner(params.id);
      const page = await partnerStatements(params.id, query.limit, query.cursor);
      const runs = new Map(await Promise.all([...new Set(page.items.map((s) => s.runId))].map(async (id) => [id, await getRun(id)] as const)));
      // A partner sees what finance approved; a draft may still change if a run is redone.
      const items = page.items.map((s) => statementView(s, runs.get(s.runId))).filter((s) => principal.isVendor || s.status === 'approved');
      return ok({ items, nextCursor: page.nextCursor });
    },

    async startSettlement({ body, principal }) {
      const { run, created: isNew } = await startSettlement(body.programmeId, body.period, principal, false);
      return isNew ? created(run, `/settlements/${run.id}`) : json(200, run, { location: `/settlements/${run.id}` });
    },

    async listSettlements({ query }) {
      return ok(await listRuns(query.limit, query.cursor));
    },

    async getSettlement({ params }) {
      return ok(await getRun(params.id));
    },

    async listSettlementStatements({ params, query }) {
      const run = await getRun(params.id);
      const page = await runStatements(run.id, query.limit, query.cursor);
      return ok({ items: page.items.map((s) => statementView(s, run)), nextCursor: page.nextCursor });
    },

    async approveSettlement({ params, principal }) {
      for (;;) {
        const approved = approveRun(await getRun(params.id), principal, clock);
        try {
          await commit([putRun(approved)], [makeEvent(SettlementApproved, { run: approved }, { actor: principal, clock })]);
          return ok(approved);
        } catch (err) {
          // A concurrent approval changed the run: read it again (approveRun then says it is approved).
          if (!(err instanceof PreconditionFailedError)) throw err;
        }
      }
    },

    async listSettlementPayouts({ params, headers }) {
      const run = await getRun(params.id);
      if (run.status !== 'approved') throw new ConflictError('Payouts exist once finance has approved the run');
      const payouts: Payout[] = [];
      for await (const page of payoutsOf(run.id)) payouts.push(...page);
      if ((headers.accept ?? '').includes('text/csv')) return payoutsCsv(run.id, payouts);
      return ok({ runId: run.id, items: payouts });
    },

    async recordPayoutPayment({ params, body, principal }) {
      const run = await getRun(params.id);
      if (run.status !== 'approved') throw new ConflictError('Payouts exist once finance has approved the run');
      for (;;) {
        const { payout, changed } = recordPayment(await getPayout(run.id, params.partnerId), body.reference, clock);
        if (!changed) return ok(payout);
        try {
          await commit([putPaid(payout)], [makeEvent(PayoutPaid, { payout }, { actor: principal, clock, partnerId: payout.partnerId })]);
          return ok(payout);
        } catch (err) {
          // Paid meanwhile by a concurrent request: read it again (recordPayment then decides).
          if (!(err instanceof PreconditionFailedError)) throw err;
        }
      }
    },
  },
  { partnerAccess: partners.readAccess },
);
