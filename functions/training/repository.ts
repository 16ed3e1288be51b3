import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, PreconditionFailedError } from '@channelbase/core';
import {
  type AccreditationRules,
  type AttemptSlot,
  type Certification,
  type Course,
  type Exam,
  type Holder,
  type PartnerAccreditations,
  type StoredAttempt,
  accreditationRulesSchema,
  certificationSchema,
  courseSchema,
  examSchema,
  partnerAccreditationsSchema,
} from '@channelbase/core/training';
import { type Page, type Write, dynamo, partitionKey, queryAll, queryPages, sortKey, tableName, versionedPut } from '@channelbase/platform';

/**
 * The training context's keys in the single table (docs/data-model.md lists each pattern):
 *   course          pk TRAINING#COURSE#<crs>              sk COURSE        gsi1 TRAINING#COURSES / <id>
 *   exam            pk TRAINING#EXAM#<exm>                sk EXAM          gsi1 TRAINING#EXAMS / <id>
 *   attempt         pk TRAINING#ATTEMPTS#<exm>#<user>     sk ATTEMPT#<att>   (the draw with its keys: never answered)
 *   attempt slot    pk TRAINING#ATTEMPTS#<exm>#<user>     sk SLOT#<nn>       (the attempt limit: one item per allowed attempt)
 *   certification   pk TRAINING#PARTNER#<ptr>             sk CERT#<user>#<key>   gsi1 TRAINING#CERTS / <crt>; gsi2 TRAINING#CERTS#ACTIVE / <expiresAt>#<crt> while active
 *   holder          pk TRAINING#PARTNER#<ptr>             sk HOLDER#<user>   (what partners' events say of the user)
 *   accreditations  pk TRAINING#PARTNER#<ptr>             sk ACCREDITATION   gsi1 TRAINING#PARTNERS / <ptr>
 *   rules           pk TRAINING#RULES                     sk CURRENT
 * Training owns the TRAINING# prefix; partners' records are reached only through functions/partners/index.ts.
 */
const COURSES = 'TRAINING#COURSES';
const EXAMS = 'TRAINING#EXAMS';
const CERTS = 'TRAINING#CERTS';
export const ACTIVE_CERTS = 'TRAINING#CERTS#ACTIVE';
const PARTNERS = 'TRAINING#PARTNERS';
export const courseKey = (id: string) => ({ pk: `TRAINING#COURSE#${id}`, sk: 'COURSE' });
export const examKey = (id: string) => ({ pk: `TRAINING#EXAM#${id}`, sk: 'EXAM' });
const attemptsPk = (examId: string, userId: string) => partitionKey(`TRAINING#ATTEMPTS#${examId}#`, userId);
export const attemptKey = (examId: string, userId: string, attemptId: string) => ({ pk: attemptsPk(examId, userId), sk: `ATTEMPT#${attemptId}` });
const slotKey = (examId: string, userId: string, slot: number) => ({ pk: attemptsPk(examId, userId), sk: `SLOT#${String(slot).padStart(2, '0')}` });
const partnerPk = (partnerId: string) => `TRAINING#PARTNER#${partnerId}`;
export const certificationKey = (partnerId: string, userId: string, key: string) => ({ pk: partnerPk(partnerId), sk: sortKey('CERT#', `${userId}#${key}`) });
const holderKey = (partnerId: string, userId: string) => ({ pk: partnerPk(partnerId), sk: sortKey('HOLDER#', userId) });
export const accreditationKey = (partnerId: string) => ({ pk: partnerPk(partnerId), sk: 'ACCREDITATION' });
const RULES_KEY = { pk: 'TRAINING#RULES', sk: 'CURRENT' };

async function get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item;
}

const newItem = (item: Record<string, unknown>, what: string): Write => ({
  item: { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => new ConflictError(`The ${what} exists already`),
});

function listIndex<T>(
  pk: string,
  limit: number,
  cursor: string | undefined,
  parse: (i: Record<string, unknown>) => T,
  filter?: { expr: string; values: Record<string, unknown> },
): Promise<Page<T>> {
  return queryPages(
    {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(filter?.values ?? {}) },
      ...(filter ? { FilterExpression: filter.expr } : {}),
      ScanIndexForward: false,
    },
    limit,
    `training:${pk}:${JSON.stringify(filter?.values ?? {})}`,
    cursor,
    parse,
    (item) => ({ pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk }),
  );
}

// ---- courses ----

const courseItem = (c: Course) => ({ ...c, ...courseKey(c.id), kind: 'course', gsi1pk: COURSES, gsi1sk: c.id });
export const putNewCourse = (c: Course): Write => newItem(courseItem(c), 'course');
export const putCourse = (c: Course, expectedVersion: number): Write => versionedPut(courseItem(c), expectedVersion, 'course');

export async function getCourse(id: string): Promise<Course> {
  const item = await get(courseKey(id));
  if (!item) throw new NotFoundError('Course not found');
  return courseSchema.parse(item);
}

export const listCourses = (limit: number, cursor?: string) => listIndex(COURSES, limit, cursor, (i) => courseSchema.parse(i));

/** Every course (curricula are short lists; a partner's view is filtered by role). */
export async function allCourses(): Promise<Course[]> {
  const out: Course[] = [];
  for await (const page of queryAll({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': COURSES },
    ScanIndexForward: false,
  }))
    out.push(...page.map((i) => courseSchema.parse(i)));
  return out;
}

// ---- exams ----

const examItem = (e: Exam) => ({ ...e, ...examKey(e.id), kind: 'exam', gsi1pk: EXAMS, gsi1sk: e.id });
export const putNewExam = (e: Exam): Write => newItem(examItem(e), 'exam');
export const putExam = (e: Exam, expectedVersion: number): Write => versionedPut(examItem(e), expectedVersion, 'exam');

export async function getExam(id: string): Promise<Exam> {
  const item = await get(examKey(id));
  if (!item) throw new NotFoundError('Exam not found');
  return examSchema.parse(item);
}

export const listExams = (limit: number, cursor?: string) => listIndex(EXAMS, limit, cursor, (i) => examSchema.parse(i));

// ---- attempts and their slots ----

const attemptItem = (a: StoredAttempt) => ({ ...a, ...attemptKey(a.examId, a.userId, a.id), kind: 'exam-attempt' });

/** A candidate's attempts at one exam and the slots they hold: one consistent Query of one partition. */
export async function readAttempts(examId: string, userId: string): Promise<{ attempts: StoredAttempt[]; slots: AttemptSlot[] }> {
  const attempts: StoredAttempt[] = [];
  const slots: AttemptSlot[] = [];
  for await (const page of queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': attemptsPk(examId, userId) },
    ConsistentRead: true,
  })) {
    for (const item of page) {
      if (item.kind === 'attempt-slot') slots.push({ slot: item.slot as number, attemptId: item.attemptId as string, startedAt: item.startedAt as string });
      else attempts.push(storedAttempt(item));
    }
  }
  return { attempts, slots };
}

function storedAttempt(item: Record<string, unknown>): StoredAttempt {
  const { pk: _pk, sk: _sk, kind: _kind, ...rest } = item;
  return rest as unknown as StoredAttempt;
}

export async function getAttempt(examId: string, userId: string, attemptId: string): Promise<StoredAttempt> {
  const item = await get(attemptKey(examId, userId, attemptId));
  if (!item) throw new NotFoundError('Attempt not found');
  return storedAttempt(item);
}

/** A slot is taken only if nobody holds it or its attempt started before `freeBefore` (a period ago). */
export function takeSlot(examId: string, userId: string, slot: number, attemptId: string, startedAt: string, freeBefore: Date, taken: () => Error): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...slotKey(examId, userId, slot), kind: 'attempt-slot', slot, attemptId, startedAt },
        ConditionExpression: 'attribute_not_exists(pk) OR startedAt <= :free',
        ExpressionAttributeValues: { ':free': freeBefore.toISOString() },
      },
    },
    onConditionFailed: taken,
  };
}

export const putNewAttempt = (a: StoredAttempt): Write => newItem(attemptItem(a), 'attempt');

/** Records the graded attempt: only while it is still `started` at the version read, so it is graded once. */
export function putGradedAttempt(a: StoredAttempt, expectedVersion: number, lost: () => Error): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: attemptItem(a),
        ConditionExpression: '#v = :v AND #s = :started',
        ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
        ExpressionAttributeValues: { ':v': expectedVersion, ':started': 'started' },
      },
    },
    onConditionFailed: lost,
  };
}

// ---- certifications ----

const certificationItem = (c: Certification) => ({
  ...c,
  ...certificationKey(c.partnerId, c.userId, c.key),
  kind: 'certification',
  gsi1pk: CERTS,
  gsi1sk: c.id,
  ...(c.status === 'active' ? { gsi2pk: ACTIVE_CERTS, gsi2sk: `${c.expiresAt}#${c.id}` } : {}),
});

export const putCertification = (c: Certification, expectedVersion?: number): Write =>
  expectedVersion === undefined ? newItem(certificationItem(c), 'certification') : versionedPut(certificationItem(c), expectedVersion, 'certification');

export async function findCertification(partnerId: string, userId: string, key: string): Promise<Certification | undefined> {
  const item = await get(certificationKey(partnerId, userId, key));
  return item ? certificationSchema.parse(item) : undefined;
}

/** Certifications of one partner (and user), or of every partner (filtered by user), newest first. */
export function listCertifications(
  filters: { partnerId?: string | undefined; userId?: string | undefined },
  limit: number,
  cursor?: string,
): Promise<Page<Certification>> {
  const parse = (i: Record<string, unknown>) => certificationSchema.parse(i);
  if (filters.partnerId) {
    return queryPages(
      {
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': partnerPk(filters.partnerId), ':sk': filters.userId ? sortKey('CERT#', `${filters.userId}#`) : 'CERT#' },
      },
      limit,
      `certifications:${filters.partnerId}:${filters.userId ?? '*'}`,
      cursor,
      parse,
      (item) => ({ pk: item.pk, sk: item.sk }),
    );
  }
  return listIndex(CERTS, limit, cursor, parse, filters.userId ? { expr: 'userId = :u', values: { ':u': filters.userId } } : undefined);
}

/** Active certifications expiring before `until`, soonest first, a page at a time (the expiry sweep). */
export async function expiringCertifications(until: Date, limit: number, start?: Record<string, unknown>) {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :until',
      ExpressionAttributeValues: { ':pk': ACTIVE_CERTS, ':until': `${until.toISOString()}~` },
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return { items: (res.Items ?? []).map((i) => certificationSchema.parse(i)), next: res.LastEvaluatedKey };
}

// ---- what accreditation reads of one partner: its certifications, holders and state, in one partition ----

export interface PartnerTrainingFacts {
  certifications: Certification[];
  holders: Map<string, Holder>;
  state: (PartnerAccreditations & { terminated: boolean; version: number }) | undefined;
}

export async function readPartnerFacts(partnerId: string): Promise<PartnerTrainingFacts> {
  const facts: PartnerTrainingFacts = { certifications: [], holders: new Map(), state: undefined };
  for await (const page of queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': partnerPk(partnerId) },
    ConsistentRead: true,
  })) {
    for (const item of page) {
      if (item.kind === 'certification') facts.certifications.push(certificationSchema.parse(item));
      else if (item.kind === 'training-holder')
        facts.holders.set(item.userId as string, {
          userId: item.userId as string,
          roles: item.roles as string[],
          status: item.status as Holder['status'],
          version: item.version as number,
        });
      else if (item.kind === 'partner-accreditations')
        facts.state = { ...partnerAccreditationsSchema.parse(item), terminated: item.terminated === true, version: item.version as number };
    }
  }
  return facts;
}

/**
 * What partners' events say of a user, kept only if newer than what is stored (events may come
 * in any order; a record taken from a token at a pass has version 0, so any event replaces it).
 */
export function putHolder(partnerId: string, h: Holder): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...holderKey(partnerId, h.userId), kind: 'training-holder', partnerId, ...h },
        ConditionExpression: 'attribute_not_exists(pk) OR #v < :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': h.version },
      },
    },
    onConditionFailed: () => new StaleHolderError(),
  };
}

/** The holder record existed at a newer version: nothing to change. */
export class StaleHolderError extends Error {}

/** At a pass: the candidate's holder record from its token, unless partners' events already gave one. */
export function holderFromToken(partnerId: string, userId: string, roles: string[]): Write {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: holderKey(partnerId, userId),
        UpdateExpression:
          'SET kind = :k, partnerId = :p, userId = :u, #r = if_not_exists(#r, :r), #s = if_not_exists(#s, :active), #v = if_not_exists(#v, :zero)',
        ExpressionAttributeNames: { '#r': 'roles', '#s': 'status', '#v': 'version' },
        ExpressionAttributeValues: { ':k': 'training-holder', ':p': partnerId, ':u': userId, ':r': roles, ':active': 'active', ':zero': 0 },
      },
    },
  };
}

const accreditationItem = (a: PartnerAccreditations, terminated: boolean, version: number) => ({
  ...a,
  ...accreditationKey(a.partnerId),
  kind: 'partner-accreditations',
  terminated,
  version,
  gsi1pk: PARTNERS,
  gsi1sk: a.partnerId,
});

/** The partner's accreditation state, conditioned on the version read (0: none yet). */
export function putAccreditations(a: PartnerAccreditations, terminated: boolean, expectedVersion: number): Write {
  const item = accreditationItem(a, terminated, expectedVersion + 1);
  if (expectedVersion > 0) return versionedPut(item, expectedVersion, 'accreditation state');
  // Another evaluation stored the first state meanwhile: evaluate again on what it stored.
  return { ...newItem(item, 'accreditation state'), onConditionFailed: () => new PreconditionFailedError('The accreditation state was stored meanwhile') };
}

/** Partners training holds anything for (their accreditation state), a page at a time: a rules change re-evaluates each. */
export async function trainingPartners(start?: Record<string, unknown>): Promise<{ ids: string[]; next: Record<string, unknown> | undefined }> {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': PARTNERS },
      Limit: 100,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return { ids: (res.Items ?? []).map((i) => i.partnerId as string), next: res.LastEvaluatedKey };
}

// ---- accreditation rules ----

export async function getRules(): Promise<AccreditationRules> {
  const item = await get(RULES_KEY);
  return item ? accreditationRulesSchema.parse(item) : { items: [], updatedAt: null, version: 0 };
}

export function putRules(r: AccreditationRules, expectedVersion: number): Write {
  const item = { ...r, ...RULES_KEY, kind: 'accreditation-rules' };
  if (expectedVersion > 0) return versionedPut(item, expectedVersion, 'accreditation rules');
  return {
    ...newItem(item, 'accreditation rules'),
    onConditionFailed: () => new PreconditionFailedError('The accreditation rules were changed since you read them; GET them again and retry'),
  };
}
