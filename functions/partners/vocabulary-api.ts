import { ConflictError, PreconditionFailedError, ValidationError, makeEvent } from '@channelbase/core';
import {
  MAX_REMOVED_KEYS,
  ProductLinesChanged,
  TiersChanged,
  VOCABULARIES,
  type VocabularyItem,
  type VocabularyKind,
  type VocabularyList,
  diffVocabulary,
  inUseProblems,
  isUnchanged,
} from '@channelbase/core/partners';
import { type Principal, type RouteImplementations, commit, etagOf, expectedVersion, ok, runtimeClock as clock } from '@channelbase/platform';
import { countersAdopted, getVocabulary, getVocabularyState, keyIsFree, listPk, namePartners, putList, usageCounts } from './vocabulary.ts';
import type { vocabularyRoutes } from './wiring.ts';

const EVENTS = { tiers: TiersChanged, productLines: ProductLinesChanged } as const;
const etag = (kind: VocabularyKind, list: VocabularyList) => ({ etag: etagOf({ id: VOCABULARIES[kind].id, version: list.version }) });

/** A condition of the PUT's transaction failed: something changed since the read; decide again. */
class ReadAgain extends Error {}
const readAgain = () => new ReadAgain();

async function getList(kind: VocabularyKind) {
  const list = await getVocabulary(kind);
  return ok(list, etag(kind, list));
}

/**
 * Replaces a list. Refused (409, naming partners) when it would leave a partner on an undefined
 * key: a key removed while its usage counter is above 0, or (first PUT) a key in use left out.
 * Exact under concurrency: the transaction checks each removed key's counter is still 0, and the
 * list's version (before the first PUT: its count of legacy-mode writes), which every partner
 * write that gains a key checks or bumps in its own transaction.
 */
async function putVocabulary(kind: VocabularyKind, items: VocabularyItem[], ifMatch: string | undefined, principal: Principal) {
  const { id } = VOCABULARIES[kind];
  const version = expectedVersion(ifMatch, id);
  for (let attempt = 1; attempt <= 5; attempt++) {
    const state = await getVocabularyState(kind);
    const before = state.list;
    if (before.version !== version) throw new PreconditionFailedError(`The ${id} were changed since you read them; GET them again and retry`);
    const diff = diffVocabulary(before.items, items);
    if (version > 0 && isUnchanged(diff)) return ok(before, etag(kind, before));
    if (version === 0 && !(await countersAdopted())) {
      throw new ConflictError(
        'Partners exist whose tiers and specialisations are not counted yet: run `npm run migrate:vocabulary` once (it lists the keys in use), then PUT the list',
      );
    }
    const counts = await usageCounts(kind);
    const keep = new Set(items.map((i) => i.key));
    // The first list must name every key in use; later ones may not drop a key in use.
    const dropped = version === 0 ? [...counts.keys()].filter((k) => !keep.has(k)) : diff.removed;
    const inUse = dropped.map((key) => ({ key, count: counts.get(key) ?? 0 })).filter((k) => k.count > 0);
    if (inUse.length) {
      const { detail, errors } = inUseProblems(kind, await namePartners(kind, inUse));
      throw new ConflictError(detail, errors);
    }
    if (diff.removed.length > MAX_REMOVED_KEYS) {
      throw new ValidationError(`One change may remove at most ${MAX_REMOVED_KEYS} keys; remove them in several changes`, [
        { path: 'body.items', message: `removes ${diff.removed.length} keys` },
      ]);
    }
    const list: VocabularyList = { items, version: version + 1, updatedAt: clock.now().toISOString() };
    const event = makeEvent(EVENTS[kind], { ...list, updatedAt: list.updatedAt!, ...diff }, { actor: principal, clock });
    const changes = [
      ...diff.added.map((k) => ({ field: `items.${k}`, from: null, to: items.find((i) => i.key === k)!.name })),
      ...diff.removed.map((k) => ({ field: `items.${k}`, from: before.items.find((i) => i.key === k)!.name, to: null })),
      ...diff.renamed.map((r) => ({ field: `items.${r.key}`, from: r.from, to: r.to })),
      ...(diff.reordered ? [{ field: 'order', from: before.items.map((i) => i.key), to: items.map((i) => i.key) }] : []),
    ];
    try {
      await commit(
        [putList(kind, list, state, readAgain), ...(version > 0 ? diff.removed.map((key) => keyIsFree(kind, key, readAgain)) : [])],
        [event],
        [{ pk: listPk(kind), subject: id, changes }],
      );
      return ok(list, etag(kind, list));
    } catch (err) {
      if (!(err instanceof ReadAgain)) throw err;
    }
  }
  throw new ConflictError(`Partners are being changed while the ${id} change; retry`);
}

/** The four routes of the programme vocabulary (spread into the partners API's implementations). */
export const vocabularyApi: RouteImplementations<typeof vocabularyRoutes> = {
  getTiers: () => getList('tiers'),
  putTiers: ({ body, headers, principal }) => putVocabulary('tiers', body.items, headers['if-match'], principal),
  getProductLines: () => getList('productLines'),
  putProductLines: ({ body, headers, principal }) => putVocabulary('productLines', body.items, headers['if-match'], principal),
};
