import { ConflictError, type DomainEvent, type FieldProblem, PreconditionFailedError, ValidationError, diffFields, makeEvent } from '@channelbase/core';
import {
  type CreateLeadInput,
  type Lead,
  LeadAccepted,
  LeadCreated,
  type LeadConversion,
  type LeadNote,
  LeadRejected,
  LeadStatusChanged,
  type LeadViewer,
  type RoutingSettings,
  RoutingSettingsChanged,
  acceptLead,
  changeLeadStatus,
  createLeadSchema,
  dealRegistrationOf,
  isConverted,
  isRoutable,
  leadSummary,
  leadView,
  newLead,
  redacted,
  rejectLead,
  routingSettingsInputSchema,
  withDeal,
} from '@channelbase/core/leads';
import { newId } from '@channelbase/core';
import {
  type Principal,
  type Write,
  commit,
  created,
  createApiHandler,
  etagOf,
  expectedVersion,
  ok,
  retryOnStale,
  runtimeClock as clock,
  zodProblems,
} from '@channelbase/platform';
import * as deals from '../deals/index.ts';
import * as partners from '../partners/index.ts';
import {
  getLead,
  getSettings,
  getState,
  getVocabularyCopy,
  leadOfExternalId,
  listDecisions,
  listLeads,
  listNotes,
  putLead,
  putNewLead,
  putNote,
  putSettings,
  releaseCapacity,
} from './repository.ts';
import { routeLead } from './routing.ts';
import { leadsRoutes } from './wiring.ts';

const SETTINGS_ID = 'routing-settings';
const SETTINGS_FIELDS = Object.keys(routingSettingsInputSchema.shape) as (keyof typeof routingSettingsInputSchema.shape)[];
const withEtag = (lead: { id: string; version: number }) => ({ etag: etagOf(lead) });

/** Another request claimed the externalId between our read and our write. */
class DuplicateExternalIdError extends Error {}

const viewerOf = (p: Principal): LeadViewer => ({
  sub: p.sub,
  roles: p.roles,
  isVendor: p.isVendor,
  ...(p.partnerId ? { partnerId: p.partnerId } : {}),
  ...(p.userId ? { userId: p.userId } : {}),
});

/** A vendor role answering an offer acts for the partner it is offered to. */
const onBehalf = (viewer: LeadViewer, lead: Lead): LeadViewer => (viewer.isVendor && lead.offer ? { ...viewer, partnerId: lead.offer.partnerId } : viewer);

/** Product lines must be keys of the programme's list (leads' copy from ProductLinesChanged); before a list exists every key is accepted. */
async function undefinedProductLines(
  input: Pick<CreateLeadInput, 'productLines'>,
  prefix: string,
  list: { keys: string[]; version: number } | undefined = undefined,
): Promise<FieldProblem[]> {
  list ??= await getVocabularyCopy('PRODUCT_LINES');
  if (list.version === 0) return [];
  return input.productLines.flatMap((key, i) =>
    list.keys.includes(key)
      ? []
      : [{ path: `${prefix}productLines.${i}`, message: `'${key}' is not a product line of the programme (GET /programme/product-lines)` }],
  );
}

type Intake = { outcome: 'created' | 'duplicate'; lead: Lead };

/**
 * Takes one valid lead in: an existing externalId returns its lead; otherwise the lead is created
 * and routed in one transaction (or only created with `route: false`).
 */
async function intake(input: CreateLeadInput, principal: Principal, known?: RoutingSettings): Promise<Intake> {
  if (input.externalId) {
    const existing = await leadOfExternalId(input.externalId);
    if (existing) return { outcome: 'duplicate', lead: existing };
  }
  const lead = newLead(input, clock);
  const ctx = { actor: principal, clock };
  const duplicate = () => new DuplicateExternalIdError();
  try {
    if (!input.route) {
      const settings = known ?? (await getSettings());
      await commit(putNewLead(lead, settings, duplicate), [makeEvent(LeadCreated, { lead: leadSummary(lead) }, ctx)]);
      return { outcome: 'created', lead };
    }
    const routed = await routeLead(lead, lead, 'created', {
      actor: principal,
      ...(known ? { settings: known } : {}),
      create: { duplicate },
      carried: { writes: [], events: [makeEvent(LeadCreated, { lead: leadSummary(lead) }, ctx)] },
    });
    return { outcome: 'created', lead: routed.lead };
  } catch (err) {
    if (!(err instanceof DuplicateExternalIdError)) throw err;
    const existing = await leadOfExternalId(input.externalId!);
    if (!existing) throw new ConflictError('The externalId is being taken in by another request; retry');
    return { outcome: 'duplicate', lead: existing };
  }
}

/** Runs `work` over items with at most `n` at a time, keeping the order of results. */
async function mapLimited<T, R>(items: readonly T[], n: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

/** A partner user may act on a lead it owns; a vendor role on any. */
function assertOwnerOrVendor(lead: Lead, viewer: LeadViewer): void {
  leadView(lead, viewer);
  if (!viewer.isVendor && (lead.status === 'offered' || lead.partnerId !== viewer.partnerId)) {
    throw new ConflictError('Accept the lead first: notes are shared with the partner that owns it');
  }
}

export const handler = createApiHandler(
  leadsRoutes,
  {
    async createLead({ body, principal }) {
      const problems = await undefinedProductLines(body, 'body.');
      if (problems.length) throw new ValidationError('Unknown product lines', problems);
      const { outcome, lead } = await intake(body, principal);
      return outcome === 'created' ? created(lead, `/leads/${lead.id}`, withEtag(lead)) : ok(lead, withEtag(lead));
    },

    async createLeadBatch({ body, principal }) {
      // Each item on its own: validation (field paths under body.leads.<i>), then intake; the
      // product-line list and the settings are read once for the batch.
      const [lines, settings] = await Promise.all([getVocabularyCopy('PRODUCT_LINES'), getSettings()]);
      const parsed = await Promise.all(
        body.leads.map(async (item, i) => {
          const res = createLeadSchema.safeParse(item);
          if (!res.success) return { errors: zodProblems(res.error, `body.leads.${i}`) };
          const problems = await undefinedProductLines(res.data, `body.leads.${i}.`, lines);
          return problems.length ? { errors: problems } : { input: res.data };
        }),
      );
      // The same externalId twice in one batch: the later items are duplicates of the first.
      const firstOf = new Map<string, number>();
      parsed.forEach((p, i) => {
        const ext = p.input?.externalId;
        if (ext && !firstOf.has(ext)) firstOf.set(ext, i);
      });
      const firsts = await mapLimited(parsed, 16, async (p, i) => {
        if (!p.input) return undefined;
        const ext = p.input.externalId;
        if (ext && firstOf.get(ext) !== i) return undefined;
        return intake(p.input, principal, settings);
      });
      const results = parsed.map((p, i) => {
        if (!p.input) return { index: i, outcome: 'invalid' as const, leadId: null, status: null, errors: p.errors ?? [] };
        const ext = p.input.externalId;
        const mine = ext && firstOf.get(ext) !== i ? firsts[firstOf.get(ext)!] : firsts[i];
        const outcome = mine && (mine === firsts[i] ? mine.outcome : 'duplicate');
        return { index: i, outcome: outcome ?? 'duplicate', leadId: mine?.lead.id ?? null, status: mine?.lead.status ?? null, errors: [] };
      });
      return ok({
        results,
        created: results.filter((r) => r.outcome === 'created').length,
        duplicates: results.filter((r) => r.outcome === 'duplicate').length,
        invalid: results.filter((r) => r.outcome === 'invalid').length,
      });
    },

    async listLeads({ query, principal }) {
      const viewer = viewerOf(principal);
      if (!viewer.isVendor && query.partnerId && query.partnerId !== viewer.partnerId) return ok({ items: [], nextCursor: null });
      const partnerId = viewer.isVendor ? query.partnerId : viewer.partnerId;
      const page = await listLeads({ status: query.status, partnerId }, query.limit, query.cursor);
      return ok({ ...page, items: page.items.map((l) => leadView(l, viewer)) });
    },

    async getLead({ params, principal }) {
      const lead = leadView(await getLead(params.id), viewerOf(principal));
      return ok(lead, withEtag(lead));
    },

    acceptLead: ({ params, body, principal }) =>
      retryOnStale(async () => {
        const before = await getLead(params.id);
        const viewer = onBehalf(viewerOf(principal), before);
        leadView(before, viewer);
        const now = clock.now();
        const lead = acceptLead(before, viewer, body.assignedUserId, now);
        const partnerId = lead.partnerId!;
        if (body.assignedUserId) {
          const { user } = await partners.readAccess(partnerId, body.assignedUserId);
          if (user?.status !== 'active') {
            throw new ValidationError('No such active user in this partner', [
              { path: 'body.assignedUserId', message: 'is not an active user of the partner' },
            ]);
          }
        }
        const [settings, state] = await Promise.all([getSettings(), getState(partnerId)]);
        const seconds = Math.round((now.getTime() - Date.parse(before.offer!.offeredAt)) / 1000);
        await commit(
          [
            putLead(lead, before.version, settings),
            releaseCapacity(partnerId, state, now, { release: false, outcome: { at: now.toISOString(), outcome: 'accepted', seconds } }),
          ],
          [
            makeEvent(
              LeadAccepted,
              { lead: leadSummary(lead), partnerId, acceptedAt: lead.acceptedAt!, assignedUserId: lead.assignedUserId, secondsToAccept: seconds },
              { actor: principal, clock, partnerId },
            ),
          ],
        );
        return ok(lead, withEtag(lead));
      }),

    rejectLead: ({ params, body, principal }) =>
      retryOnStale(async () => {
        const before = await getLead(params.id);
        const viewer = onBehalf(viewerOf(principal), before);
        leadView(before, viewer);
        const now = clock.now();
        const { lead: freed, partnerId } = rejectLead(before, viewer, now);
        const state = await getState(partnerId);
        const carried = {
          writes: [releaseCapacity(partnerId, state, now, { release: true, outcome: { at: now.toISOString(), outcome: 'rejected' } })] as Write[],
          events: [makeEvent(LeadRejected, { leadId: before.id, partnerId, reason: body.reason, text: body.text }, { actor: principal, clock, partnerId })],
        };
        const routed = await routeLead(before, freed, 'rejected', { actor: principal, carried });
        // The partner that declined no longer sees where the lead went.
        return ok(principal.isVendor ? routed.lead : redacted({ ...freed, partnerId: null }));
      }),

    changeLeadStatus: ({ params, body, principal }) =>
      retryOnStale(async () => {
        const before = await getLead(params.id);
        const viewer = viewerOf(principal);
        leadView(before, viewer);
        // Converting again (a retry): the lead as it is, naming the deal its conversion registered.
        if (body.status === 'converted' && isConverted(before)) return ok(before, withEtag(before));
        const now = clock.now();
        const lead = changeLeadStatus(before, body, viewer, now);
        const partnerId = lead.partnerId!;
        const settings = await getSettings();
        const state = lead.status === 'converted' || lead.status === 'lost' ? await getState(partnerId) : undefined;
        /** The lead's side of the change: its write, the place given back, the note, LeadStatusChanged. */
        const side = (next: Lead) => {
          const writes: Write[] = [putLead(next, before.version, settings)];
          if (next.status === 'converted' || next.status === 'lost') {
            writes.push(releaseCapacity(partnerId, state, now, { release: true, ...(next.status === 'converted' ? { won: 1 } : { lost: 1 }) }));
          }
          if (body.note) writes.push(putNote(noteOf(next.id, body.note, principal, now), newId('event', now)));
          const data = {
            leadId: next.id,
            partnerId,
            from: before.status,
            to: body.status,
            reason: body.reason ?? null,
            dealRegistrationId: next.dealRegistrationId,
          };
          return { writes, events: [makeEvent(LeadStatusChanged, data, { actor: principal, clock, partnerId })] };
        };
        if (lead.status !== 'converted') {
          const { writes, events } = side(lead);
          await commit(writes, events);
          return ok(lead, withEtag(lead));
        }
        const converted = await convert(before, lead, body.deal!, principal, side);
        return ok(converted, withEtag(converted));
      }),

    addLeadNote: ({ params, body, principal }) =>
      retryOnStale(async () => {
        const before = await getLead(params.id);
        assertOwnerOrVendor(before, viewerOf(principal));
        const now = clock.now();
        const note = noteOf(before.id, body.text, principal, now);
        // A note is an update: it restarts the lead's stale period.
        const touched = { ...before, updatedAt: now.toISOString(), version: before.version + 1 };
        await commit([putLead(touched, before.version, await getSettings()), putNote(note, newId('event', now))]);
        return created(note, `/leads/${before.id}/notes`);
      }),

    async listLeadNotes({ params, query, principal }) {
      const lead = await getLead(params.id);
      const viewer = viewerOf(principal);
      leadView(lead, viewer);
      if (!viewer.isVendor && lead.status === 'offered') return ok({ items: [], nextCursor: null });
      return ok(await listNotes(lead.id, query.limit, query.cursor));
    },

    routeLead: ({ params, principal }) =>
      retryOnStale(async () => {
        const before = await getLead(params.id);
        if (!isRoutable(before)) throw new ConflictError(`The lead is ${before.status}: only a new lead or one in the vendor pool is routed again`);
        const { lead } = await routeLead(before, { ...before, offerCount: 0 }, 'manual', { actor: principal });
        return ok(lead, withEtag(lead));
      }),

    async getLeadRouting({ params, query }) {
      await getLead(params.id);
      return ok(await listDecisions(params.id, query.limit, query.cursor));
    },

    async getRoutingSettings() {
      const settings = await getSettings();
      return ok(settings, withEtag({ id: SETTINGS_ID, version: settings.version }));
    },

    async putRoutingSettings({ body, principal, headers }) {
      const version = expectedVersion(headers['if-match'], SETTINGS_ID);
      const before = await getSettings();
      if (before.version !== version) throw new PreconditionFailedError('The routing settings were changed since you read them; GET them again and retry');
      const settings = { ...body, updatedAt: clock.now().toISOString(), version: version + 1 };
      const changes = diffFields(before, settings, SETTINGS_FIELDS);
      await commit([putSettings(settings, version)], [makeEvent(RoutingSettingsChanged, { version: settings.version, changes }, { actor: principal, clock })]);
      return ok(settings, withEtag({ id: SETTINGS_ID, version: settings.version }));
    },
  },
  { partnerAccess: partners.readAccess },
);

/**
 * Registers the converted lead's deal through deals' public module, the lead's side (converted,
 * naming the deal; the place given back; LeadStatusChanged) committed in the registration's
 * transaction. registerFromLead answers an existing registration of the lead without committing
 * that side (a second conversion at once, or a registration made without it): then the lead is
 * read again, and if it does not name the deal yet it is made to, conditioned on the version
 * read, so a retry always ends with one deal and the lead linked to it.
 */
async function convert(
  before: Lead,
  lead: Lead,
  conversion: LeadConversion,
  principal: Principal,
  side: (next: Lead) => { writes: Write[]; events: DomainEvent[] },
): Promise<Lead> {
  const registration = dealRegistrationOf(before, conversion);
  const partnerId = lead.partnerId!;
  let offered: string | undefined;
  const deal = await deals
    .registerFromLead({
      leadId: lead.id,
      partnerId,
      registration,
      actor: principal,
      with: (dealId) => {
        offered = dealId;
        return side(withDeal(lead, dealId));
      },
    })
    .catch((err: unknown) => {
      // Deals names the fields of its own request (body.lines.0.productLine): here they are under body.deal.
      if (err instanceof ValidationError)
        throw new ValidationError(
          err.message,
          err.errors.map((e) => ({ ...e, path: e.path.replace(/^body\./, 'body.deal.') })),
        );
      throw err;
    });
  if (offered === deal.id) return withDeal(lead, deal.id);
  const current = await getLead(lead.id);
  if (current.dealRegistrationId === deal.id) return current;
  if (deal.partnerId !== partnerId) throw new ConflictError("The lead already became another partner's deal registration");
  // The registration exists without the lead's side: commit it now (412 and a fresh read if the lead changed).
  const linked = withDeal(lead, deal.id);
  const { writes, events } = side(linked);
  await commit(writes, events);
  return linked;
}

function noteOf(leadId: string, text: string, principal: Principal, now: Date): LeadNote {
  return {
    leadId,
    at: now.toISOString(),
    author: { sub: principal.sub, roles: principal.roles, partnerId: principal.partnerId ?? null },
    side: principal.isVendor ? 'vendor' : 'partner',
    text,
  };
}
