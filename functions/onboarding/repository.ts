import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '@channelbase/core';
import {
  type Agreement,
  type AgreementOffer,
  type Application,
  type ApplicationStatus,
  type Checklist,
  DEFAULT_ONBOARDING_SETTINGS,
  type OnboardingSettings,
  agreementOfferSchema,
  agreementSchema,
  applicationSchema,
  checklistSchema,
  onboardingSettingsSchema,
} from '@channelbase/core/onboarding';
import { type Page, type Write, dynamo, queryPages, queryPrefix, tableName, versionedPut } from '@channelbase/platform';
import type { OrgKeyOn } from '../partners/index.ts';

/**
 * The onboarding context's keys in the single table (docs/data-model.md lists each pattern):
 *   application         pk APPLICATION#<id>   sk APPLICATION      gsi1 APPLICATION / <id>;  gsi2 APPLICATION#STATUS#<status> / <id>
 *   onboarding settings pk ONBOARDING#SETTINGS     sk SETTINGS
 *   agreement           pk ONBOARDING#AGREEMENTS   sk AGREEMENT#<version, 6 digits>   (the highest is current)
 *   agreement offer     pk ONBOARDING#<partnerId>  sk OFFER#<agreementId>
 *   checklist           pk ONBOARDING#<partnerId>  sk CHECKLIST
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

/** The application item; `heldKeys` (internal) lists the identity keys it holds, to release or hand on. */
function applicationItem(a: Application, heldKeys: [OrgKeyOn, string][]) {
  return {
    ...a,
    ...applicationKey(a.id),
    kind: 'application',
    heldKeys: heldKeys.map(([on, value]) => ({ on, value })),
    gsi1pk: 'APPLICATION',
    gsi1sk: a.id,
    gsi2pk: `APPLICATION#STATUS#${a.status}`,
    gsi2sk: a.id,
  };
}

export interface StoredApplication {
  application: Application;
  heldKeys: [OrgKeyOn, string][];
}

export function putNewApplication(a: Application, heldKeys: [OrgKeyOn, string][]): Write {
  return { item: { Put: { TableName: tableName(), Item: applicationItem(a, heldKeys), ConditionExpression: 'attribute_not_exists(pk)' } } };
}

/** Records a decision or reminder; only if nobody changed the application since it was read. */
export function putApplication(a: Application, heldKeys: [OrgKeyOn, string][], expectedVersion: number): Write {
  return {
    ...versionedPut(applicationItem(a, heldKeys), expectedVersion, 'application'),
    onConditionFailed: () => new ConflictError('The application was changed or decided by another request; read it again'),
  };
}

export async function getApplication(id: string): Promise<StoredApplication> {
  const item = await get(applicationKey(id));
  if (!item) throw new NotFoundError('Application not found');
  const held = (item.heldKeys as { on: OrgKeyOn; value: string }[] | undefined) ?? [];
  return { application: applicationSchema.parse(item), heldKeys: held.map((k) => [k.on, k.value]) };
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
