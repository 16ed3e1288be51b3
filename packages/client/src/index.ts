/**
 * @channelbase/client: the Channelbase API for portal frontends. openapi-fetch over the types
 * generated from openapi.json (./schema.ts), with this API's habits: an Idempotency-Key on every
 * POST (reused on retry), ETags returned by reads and taken by updates, cursor pages as an async
 * iterator, and problem answers as a typed error.
 */
import createClient, { type Client } from 'openapi-fetch';
import { type RetryOptions, type TransportOptions, channelbaseFetch } from './fetch.ts';
import { ChannelbaseProblemError } from './problem.ts';
import type { components, paths } from './schema.ts';

export { ChannelbaseProblemError, PROBLEM_TYPE_BASE, isProblem, type Problem } from './problem.ts';
export type { FetchLike, RetryOptions } from './fetch.ts';
export type { components, operations, paths } from './schema.ts';

type Schemas = components['schemas'];
export type Partner = Schemas['Partner'];
export type CreatePartner = Schemas['CreatePartner'];
export type UpdatePartner = Schemas['UpdatePartner'];
export type PartnerUser = Schemas['PartnerUser'];
export type AddPartnerUser = Schemas['AddPartnerUser'];
export type Application = Schemas['Application'];
export type SubmitApplication = Schemas['SubmitApplication'];
export type ApplicationReceipt = Schemas['ApplicationReceipt'];
export type ApproveApplication = Schemas['ApproveApplication'];
export type RejectApplication = Schemas['RejectApplication'];
export type Agreement = Schemas['Agreement'];
export type PublishAgreement = Schemas['PublishAgreement'];
export type AgreementOffer = Schemas['AgreementOffer'];
export type PartnerChangeRequest = Schemas['PartnerChangeRequest'];

/** Ids are typed by kind (from the id patterns of openapi.json): a `ptr_…` is no `usr_…`. */
export type PartnerId = `ptr_${string}`;
export type UserId = `usr_${string}`;
export type AgreementId = `agr_${string}`;
export type ApplicationId = `app_${string}`;

/** A representation with the version tag to send back in If-Match. */
export interface Versioned<T> {
  data: T;
  etag: string;
}

export interface ChannelbaseClientOptions extends TransportOptions {
  /** The API's root URL (the stage URL in AWS, the local stack's URL locally). */
  baseUrl: string;
  /** A fixed access token; or `getToken`, called for each request (a refreshing session). */
  token?: string;
  getToken?: () => string | undefined | Promise<string | undefined>;
  /** The fetch to send with (default: globalThis.fetch). */
  fetch?: TransportOptions['fetch'];
  /** Resend on a network error, a 5xx or a 409 request-in-progress (reads and POSTs only); `false` turns it off. */
  retry?: RetryOptions | false;
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of an openapi-fetch answer, or a ChannelbaseProblemError for an error answer. */
export function unwrap<T>(result: Result<T>): T {
  if (result.error !== undefined || !result.response.ok) throw ChannelbaseProblemError.from(result.error, result.response);
  return result.data as T;
}

function versioned<T>(result: Result<T>): Versioned<T> {
  const data = unwrap(result);
  const etag = result.response.headers.get('etag');
  if (!etag) throw new Error(`${result.response.url}: the answer carries no ETag`);
  return { data, etag };
}

/** GET paths that answer a cursor page: `{ items, nextCursor }`. */
type PageOf<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never;
export type PagedPath = { [P in keyof paths]: PageOf<P> extends { items: unknown[]; nextCursor: string | null } ? P : never }[keyof paths];
export type PageItem<P extends PagedPath> = PageOf<P> extends { items: (infer I)[] } ? I : never;
type GetParams<P extends PagedPath> = paths[P] extends { get: { parameters: infer Q } } ? Q : never;
/** The path's parameters and its query without the cursor (the iterator follows it). */
export type PaginateOptions<P extends PagedPath> = Pick<GetParams<P>, 'path' & keyof GetParams<P>> & {
  query?: Omit<NonNullable<GetParams<P> extends { query?: infer Q } ? Q : never>, 'cursor'>;
};
type PaginateArgs<P extends PagedPath> = GetParams<P> extends { path: object } ? [options: PaginateOptions<P>] : [options?: PaginateOptions<P>];

/** What `partners.update` did: applied (`data`, `etag`), or turned into a change request awaiting a vendor's decision. */
export type PartnerUpdate = (Versioned<Partner> & { changeRequest?: undefined }) | { changeRequest: PartnerChangeRequest; data?: undefined; etag?: undefined };

export type ChannelbaseClient = Client<paths> & ReturnType<typeof helpers>;

function helpers(api: Client<paths>) {
  const partners = {
    create: async (body: CreatePartner, options: { idempotencyKey?: string } = {}): Promise<Partner> =>
      unwrap(await api.POST('/partners', { body, params: { header: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {} } })),
    get: async (id: PartnerId): Promise<Versioned<Partner>> => versioned(await api.GET('/partners/{id}', { params: { path: { id } } })),
    /**
     * PATCHes with If-Match: a stale ETag answers 412 (ChannelbaseProblemError `precondition-failed`).
     * Applied: the partner and its new ETag. A partner admin's change of identity fields (legal name,
     * tax id, web domain, country) is not applied but becomes a change request that a vendor role
     * decides (202): then `changeRequest` is set and `data` is not (the other fields of the patch
     * did apply; read the partner again for them).
     */
    update: async (id: PartnerId, patch: UpdatePartner, options: { etag: string }): Promise<PartnerUpdate> => {
      const result = await api.PATCH('/partners/{id}', { params: { path: { id }, header: { 'If-Match': options.etag } }, body: patch });
      if (result.response.status === 202) return { changeRequest: unwrap(result) as PartnerChangeRequest };
      return versioned(result) as Versioned<Partner>;
    },
    /** Reads the partner, then PATCHes what `change` makes of it, with the ETag of that read. */
    modify: async (id: PartnerId, change: (current: Partner) => UpdatePartner): Promise<PartnerUpdate> => {
      const current = await partners.get(id);
      return partners.update(id, change(current.data), { etag: current.etag });
    },
    users: {
      add: async (partnerId: PartnerId, body: AddPartnerUser): Promise<PartnerUser> =>
        unwrap(await api.POST('/partners/{id}/users', { params: { path: { id: partnerId } }, body })),
      get: async (partnerId: PartnerId, userId: UserId): Promise<Versioned<PartnerUser>> =>
        versioned(await api.GET('/partners/{id}/users/{userId}', { params: { path: { id: partnerId, userId } } })),
    },
    agreements: {
      /** The partner's agreement offers. */
      list: async (partnerId: PartnerId): Promise<AgreementOffer[]> =>
        unwrap(await api.GET('/partners/{id}/agreements', { params: { path: { id: partnerId } } })).items,
      accept: async (partnerId: PartnerId, agreementId: AgreementId): Promise<AgreementOffer> =>
        unwrap(await api.POST('/partners/{id}/agreements/{agreementId}/accept', { params: { path: { id: partnerId, agreementId } } })),
    },
  };
  const applications = {
    /** Anonymous: no token needed (the route is throttled per source address). */
    submit: async (body: SubmitApplication): Promise<ApplicationReceipt> => unwrap(await api.POST('/applications', { body })),
    get: async (id: ApplicationId): Promise<Versioned<Application>> => versioned(await api.GET('/applications/{id}', { params: { path: { id } } })),
    approve: async (id: ApplicationId, body: ApproveApplication = {}): Promise<Application> =>
      unwrap(await api.POST('/applications/{id}/approve', { params: { path: { id } }, body })),
    reject: async (id: ApplicationId, body: RejectApplication): Promise<Application> =>
      unwrap(await api.POST('/applications/{id}/reject', { params: { path: { id } }, body })),
  };
  const programme = {
    publishAgreement: async (body: PublishAgreement): Promise<Agreement> => unwrap(await api.POST('/programme/agreements', { body })),
  };

  /**
   * Every item of a cursor-paged list, page after page (`limit` in the query sets the page size).
   * @example for await (const partner of client.paginate('/partners', { query: { status: 'active' } })) ...
   */
  async function* paginate<P extends PagedPath>(path: P, ...[options]: PaginateArgs<P>): AsyncGenerator<PageItem<P>, void, undefined> {
    const { query, ...rest } = (options ?? {}) as { query?: Record<string, unknown>; path?: Record<string, unknown> };
    let cursor: string | null | undefined;
    do {
      // One generic GET for all paged paths: their types are checked at the call of paginate.
      const get = api.GET as unknown as (path: string, init: { params: object }) => Promise<Result<{ items: PageItem<P>[]; nextCursor: string | null }>>;
      const page = unwrap(await get(path, { params: { ...rest, query: { ...query, ...(cursor ? { cursor } : {}) } } }));
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  return { partners, applications, programme, paginate, unwrap };
}

/** The openapi-fetch client of the API (GET, POST... typed by openapi.json) with the helpers. */
export function createChannelbaseClient(options: ChannelbaseClientOptions): ChannelbaseClient {
  const api = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/$/, ''), fetch: channelbaseFetch(options) });
  return Object.assign(api, helpers(api));
}
