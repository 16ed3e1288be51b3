/// <reference types="vite/client" />
import type { Role } from '@channelbase/core';
import type { RouteSpec } from '@channelbase/platform';
import type { Caller } from './stack.ts';

/**
 * What the authorisation matrix (test/reliability/authorization.test.ts) needs from each
 * context: one `functions/<ctx>/authorization.samples.ts` beside the wiring, whose default
 * export is `MatrixSamples` for that context's routes. The matrix finds the files by name; a
 * new context adds its file and edits nothing central.
 */

/** A partner made by onboarding, and the ids of its objects that the paths name. */
export interface Org {
  id: string;
  /** A partner-user a vendor added (what `/users/{userId}` routes read and change). */
  userId: string;
  /** The partner-admin user the approval created (`decision.adminUserId`): partner-admin tokens are this user. */
  adminUserId: string;
  /** The agreement offered at approval (accepted while making the fixture). */
  agreementId: string;
  /** The manual item of its checklist. */
  itemId: string;
  /** The application it was approved from. */
  applicationId: string;
}

/** What samples may use: callers, the matrix's organisations and makers of fresh objects. */
export interface MatrixFixtures {
  /** A vendor-admin. */
  vendor: Caller;
  /** The organisation on which vendor roles are shown to reach every route. */
  vendorOrg: Org;
  /** The programme's onboarding settings the matrix put (its checklist has a `manual` item). */
  onboardingSettings: unknown;
  /** A valid body for `POST /partners` (fresh names). */
  partnerBody(): unknown;
  /** A valid body for `POST /applications` (fresh names). */
  applicationBody(): unknown;
  /** Submits a fresh application; its id. */
  submitApplication(): Promise<string>;
  /** Creates a fresh partner (as the vendor); its id. */
  freshPartner(): Promise<string>;
  /** Delivers every pending event and runs what is due (the local stack's `drain`): read models built from events catch up. */
  drain(): Promise<unknown>;
  /** A caller with these roles (a fresh user). */
  as(roles: Role | Role[]): Promise<Caller>;
  /** Moves the stack's clock on (a workflow's wait falls due at the next drain). */
  advanceClock(minutes: number): void;
}

/** Operation ids are the wiring's `operationId`s. */
type OperationId = string;

export interface MatrixSamples {
  /**
   * A valid request body per operation of the context (undefined: the route takes none), or a promise of one. Every
   * route must be listed: a route missing here fails the matrix, so a new route needs a sample.
   */
  bodies: Record<OperationId, ((fixtures: MatrixFixtures) => unknown) | undefined>;
  /**
   * The value of path parameters, by the collection they sit under (`partners.userId` for
   * `/partners/{id}/users/{userId}`), for the parameters this context introduces; one context
   * may use another's (each key is given once, by one file). A parameter missing from every file
   * fails the matrix. `caller`, when given, is who will send the request: an object only its creator may act on
   * (an exam attempt) is made by that caller.
   */
  pathParams?: Record<string, (org: Org, route: RouteSpec, fixtures: MatrixFixtures, caller?: Caller) => string | Promise<string>>;
  /** Routes of the context deliberately open to every role (else the matrix expects some role to get 403). */
  openToEveryRole?: readonly OperationId[];
  /** Routes of the context deliberately closed to vendor-admin (partner-only). */
  partnerOnly?: readonly OperationId[];
  /** Vendor routes deliberately closed to vendor-admin: a separation of duties (approving a settlement is finance's alone). */
  separatedFromVendorAdmin?: readonly OperationId[];
}

/** Every context's samples, by the folder they sit in (`functions/<ctx>/`): the context's name. */
export function contextSamples(): Record<string, MatrixSamples> {
  const files = import.meta.glob<MatrixSamples>('../../functions/*/authorization.samples.ts', { eager: true, import: 'default' });
  return Object.fromEntries(Object.entries(files).map(([path, samples]) => [/functions\/([^/]+)\/authorization\.samples\.ts$/.exec(path)![1]!, samples]));
}
