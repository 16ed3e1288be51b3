import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '@channelbase/core';
import {
  type Agreement,
  type AgreementOffer,
  type Application,
  type ApplicationStatus,
  type Checklist,
  DEFAULT_ONBOARDING_SETTINGS,
  type OnboardingSettings,
  type OpenApplicationScope,
  type OpenApplicationSlot,
  agreementOfferSchema,
  agreementSchema,
  applicationSchema,
  checklistSchema,
  onboardingSettingsSchema,
} from '@channelbase/core/onboarding';
import { type Page, type Write, dynamo, partitionKey, queryPages, queryPrefix, tableName, versionedPut } from '@channelbase/platform';
import type { OrgKeyOn } from '../partners/index.ts';

/**
 * The onboarding context's keys in the single table (docs/data-model.md lists each pattern):
 *   application         pk APPLICATION#<id>   sk APPLICATION      gsi1 APPLICATION / <id>;  gsi2 APPLICATION#STATUS#<status> / <id>
 *   onboarding settings pk ONBOARDING#SETTINGS     sk SETTINGS
 *   agreement           pk ONBOARDING#AGREEMENTS   sk AGREEMENT#<version, 6 digits>   (the highest is current)
 *   agreement offer     pk ONBOARDING#<partnerId>  sk OFFER#<agreementId>
 *   checklist           pk ONBOARDING#<partnerId>  sk CHECKLIST
 *   open-application place  pk APPLICATION#OPEN#<domain|source>#<value>  sk SLOT#<nn>   (the caps on open applications)
 *   review sweep cursor pk APPLICATION#SWEEP      sk CURSOR           (where the last review sweep stopped)
 * Onboarding owns the APPLICATION# and ONBOARDING# prefixes; partners' records (and the organisation
 * identity keys of the duplicate check) are reached only through functions/partners/index.ts.
 */
export const applicationKey = (id: string) => ({ pk: `APPLICATION#${id}`, sk: 'APPLICATION' });
export const SETTINGS_KEY = { pk: 'ONBOARDING#SETTINGS', sk: 'SETTINGS' };
const AGREEMENTS_PK = 'ONBOARDING#AGREEMENTS';
export const agreementKey = (version: number) => ({ pk: AGREEMENTS_PK, sk: `AGREEMENT#${String(version).padStart(6, '0')}` });
const partnerPk = (partnerId: string) => `ONBOARDING#${partnerId}`;
export const offerKey = (partnerId: string, agreementId: string) => ({ pk: partnerPk(partnerId), sk: `OFFER#${agreementId}` });
export const checklistKey = (partnerId: string) => ({ pk: partnerPk(partnerId), sk: 'CHECKLIST' });

async function get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item;
}

// ---- applications ----

/** A place an application holds under a cap on open applications. */
export interface HeldSlot {
  scope: OpenApplicationScope;
  value: string;
  slot: number;
}

/**
 * The application item; `heldKeys` and `heldSlots` (internal) list the identity keys and the
 * places under the open-application caps it holds, to release or hand on.
 */
function applicationItem(a: Application, heldKeys: [OrgKeyOn, string][], heldSlots: readonly HeldSlot[] = []) {
  return {
    ...a,
    ...applicationKey(a.id),
    kind: 'application',
    heldKeys: heldKeys.map(([on, value]) => ({ on, value })),
    heldSlots,
    gsi1pk: 'APPLICATION',
    gsi1sk: a.id,
    gsi2pk: `APPLICATION#STATUS#${a.status}`,
    gsi2sk: a.id,
  };
}

export interface StoredApplication {
  application: Application;
  heldKeys: [OrgKeyOn, string][];
  heldSlots: HeldSlot[];
}

export function putNewApplication(a: Application, heldKeys: [OrgKeyOn, string][], heldSlots: readonly HeldSlot[] = []): Write {
  return { item: { Put: { TableName: tableName(), Item: applicationItem(a, heldKeys, heldSlots), ConditionExpression: 'attribute_not_exists(pk)' } } };
}

/** Records a decision or reminder; only if nobody changed the application since it was read. */
export function putApplication(a: Application, heldKeys: [OrgKeyOn, string][], expectedVersion: number, heldSlots: readonly HeldSlot[] = []): Write {
  return {
    ...versionedPut(applicationItem(a, heldKeys, heldSlots), expectedVersion, 'application'),
    onConditionFailed: () => new ConflictError('The application was changed or decided by another request; read it again'),
  };
}

export async function getApplication(id: string): Promise<StoredApplication> {
  const item = await get(applicationKey(id));
  if (!item) throw new NotFoundError('Application not found');
  const held = (item.heldKeys as { on: OrgKeyOn; value: string }[] | undefined) ?? [];
  return {
    application: applicationSchema.parse(item),
    heldKeys: held.map((k) => [k.on, k.value]),
    heldSlots: (item.heldSlots as HeldSlot[] | undefined) ?? [],
  };
}

// ---- the review sweep: every pending application, oldest first, page by page ----

const SWEEP_CURSOR_KEY = { pk: 'APPLICATION#SWEEP', sk: 'CURSOR' };

/** One page of pending applications from the status index (oldest first: ids are ULIDs); `next` continues it. */
export async function pendingApplications(
  limit: number,
  start?: Record<string, unknown>,
): Promise<{ items: StoredApplication[]; next: Record<string, unknown> | undefined }> {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': 'APPLICATION#STATUS#pending' },
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const items = (res.Items ?? []).map((item) => {
    const held = (item.heldKeys as { on: OrgKeyOn; value: string }[] | undefined) ?? [];
    return {
      application: applicationSchema.parse(item),
      heldKeys: held.map((k): [OrgKeyOn, string] => [k.on, k.value]),
      heldSlots: (item.heldSlots as HeldSlot[] | undefined) ?? [],
    };
  });
  return { items, next: res.LastEvaluatedKey };
}

/** Where the last sweep stopped for lack of time; undefined: start from the oldest. */
export async function sweepCursor(): Promise<Record<string, unknown> | undefined> {
  const item = await get(SWEEP_CURSOR_KEY);
  return (item?.next as Record<string, unknown> | undefined) ?? undefined;
}

export async function saveSweepCursor(next: Record<string, unknown> | undefined): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...SWEEP_CURSOR_KEY, kind: 'review-sweep-cursor', ...(next ? { next } : {}) } }));
}

// ---- caps on open applications: one item per place, per registrable domain and per source ----

const slotPk = (scope: OpenApplicationScope, value: string) => partitionKey(`APPLICATION#OPEN#${scope}#`, value);
export const slotKey = (scope: OpenApplicationScope, value: string, slot: number) => ({
  pk: slotPk(scope, value),
  sk: `SLOT#${String(slot).padStart(2, '0')}`,
});

/** The places held under one cap (strongly consistent; at most the cap's few items). */
export async function readSlots(scope: OpenApplicationScope, value: string): Promise<OpenApplicationSlot[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slot)',
      ExpressionAttributeValues: { ':pk': slotPk(scope, value), ':slot': 'SLOT#' },
      ConsistentRead: true,
    }),
  );
  return Items.map((i) => ({ slot: i.slot as number, applicationId: i.applicationId as string, expiresAt: i.expiresAt as string }));
}

/**
 * Takes a place for an application: only if nobody holds it or its holder's review window has
 * closed (`now`), so concurrent submissions never hold more places than the cap; the one that
 * loses the race fails its transaction (`taken`) and plans again.
 */
export function takeSlot(held: HeldSlot, applicationId: string, expiresAt: Date, now: Date, taken: () => Error): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...slotKey(held.scope, held.value, held.slot), kind: 'open-application-slot', ...held, applicationId, expiresAt: expiresAt.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      },
    },
    onConditionFailed: taken,
  };
}

/** Gives a place up (a decision, the expiry); only while this application still holds it. */
export function releaseSlot(held: HeldSlot, applicationId: string): Write {
  return {
    item: {
      Delete: {
        TableName: tableName(),
        Key: slotKey(held.scope, held.value, held.slot),
        ConditionExpression: 'applicationId = :me',
        ExpressionAttributeValues: { ':me': applicationId },
      },
    },
    onConditionFailed: () => new ConflictError('The application was changed or decided by another request; read it again'),
  };
}

/** Applications, newest first, optionally of one status. */
export function listApplications(status: ApplicationStatus | undefined, limit: number, cursor?: string): Promise<Page<Application>> {
  const index = status ? 'gsi2' : 'gsi1';
  return queryPages(
    {
      TableName: tableName(),
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${index}pk` },
      ExpressionAttributeValues: { ':pk': status ? `APPLICATION#STATUS#${status}` : 'APPLICATION' },
      ScanIndexForward: false,
    },
    limit,
    `applications:${status ?? '*'}`,
    cursor,
    (item) => applicationSchema.parse(item),
    (item) => ({ pk: item.pk, sk: item.sk, [`${index}pk`]: item[`${index}pk`], [`${index}sk`]: item[`${index}sk`] }),
  );
}

// ---- programme settings and agreements ----

export async function getSettings(): Promise<OnboardingSettings> {
  const item = await get(SETTINGS_KEY);
  return item ? onboardingSettingsSchema.parse(item) : DEFAULT_ONBOARDING_SETTINGS;
}

/** Replaces the settings if they are still at the version the caller read (0: the defaults). */
export function putSettings(s: OnboardingSettings, expectedVersion: number): Write {
  const item = { ...s, ...SETTINGS_KEY, kind: 'onboarding-settings' };
  if (expectedVersion > 0) return versionedPut(item, expectedVersion, 'onboarding settings');
  return {
    item: { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    onConditionFailed: () => new ConflictError('The settings were changed since you read them; GET them again and retry'),
  };
}

export async function currentAgreement(): Promise<Agreement | undefined> {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': AGREEMENTS_PK, ':sk': 'AGREEMENT#' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = res.Items?.[0];
  return item ? agreementSchema.parse(item) : undefined;
}

/** Publishes an agreement version; two publishers of the same version: one wins, the other gets 409. */
export function putAgreement(a: Agreement): Write {
  return {
    item: {
      Put: { TableName: tableName(), Item: { ...a, ...agreementKey(a.agreementVersion), kind: 'agreement' }, ConditionExpression: 'attribute_not_exists(pk)' },
    },
    onConditionFailed: () => new ConflictError('Another agreement version was published at the same time; read the agreements again'),
  };
}

export function listAgreements(limit: number, cursor?: string): Promise<Page<Agreement>> {
  return queryPrefix(AGREEMENTS_PK, 'AGREEMENT#', (item) => agreementSchema.parse(item), { limit, cursor, newestFirst: true });
}

// ---- offers and checklist (under the partner) ----

const offerItem = (o: AgreementOffer) => ({ ...o, ...offerKey(o.partnerId, o.agreementId), kind: 'agreement-offer' });

export function putOffer(o: AgreementOffer, expectedVersion?: number): Write {
  return expectedVersion === undefined
    ? { item: { Put: { TableName: tableName(), Item: offerItem(o), ConditionExpression: 'attribute_not_exists(pk)' } } }
    : versionedPut(offerItem(o), expectedVersion, 'agreement offer');
}

export async function getOffer(partnerId: string, agreementId: string): Promise<AgreementOffer> {
  const item = await get(offerKey(partnerId, agreementId));
  if (!item) throw new NotFoundError('Agreement not found');
  return agreementOfferSchema.parse(item);
}

export function listOffers(partnerId: string, limit: number, cursor?: string): Promise<Page<AgreementOffer>> {
  return queryPrefix(partnerPk(partnerId), 'OFFER#', (item) => agreementOfferSchema.parse(item), { limit, cursor, newestFirst: true });
}

const checklistItem = (c: Checklist) => ({ ...c, ...checklistKey(c.partnerId), kind: 'onboarding-checklist' });

export function putChecklist(c: Checklist, expectedVersion?: number): Write {
  return expectedVersion === undefined
    ? { item: { Put: { TableName: tableName(), Item: checklistItem(c), ConditionExpression: 'attribute_not_exists(pk)' } } }
    : versionedPut(checklistItem(c), expectedVersion, 'onboarding checklist');
}

export async function findChecklist(partnerId: string): Promise<Checklist | undefined> {
  const item = await get(checklistKey(partnerId));
  return item ? checklistSchema.parse(item) : undefined;
}
