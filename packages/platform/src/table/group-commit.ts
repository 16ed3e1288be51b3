import type { DomainEvent } from '@channelbase/core';
import { type Write, commit } from './commit.ts';

/** The most items DynamoDB takes in one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * The longest a submission waits for the group's other participants before it is committed
 * with whoever is waiting (a participant slow to reach its write must not hold the rest for long).
 */
export const GROUP_WAIT_MS = 100;

/** Commits writes and their events (as `commit` does, without audit entries). */
export type Committer = (writes: Write[], events?: DomainEvent[]) => Promise<void>;

/** Concurrent participants (the records of one SQS batch) whose commits share transactions. */
export interface CommitGroup {
  /** Commits as `commit` does: resolves once the writes are in, rejects with the error `commit` would raise. */
  readonly commit: Committer;
  /** A participant is done and will submit nothing more (call it whether the participant succeeded or not). */
  leave(): void;
}

interface Submission {
  writes: Write[];
  events: DomainEvent[];
  resolve(): void;
  reject(err: unknown): void;
}

type Item = Write['item'];

/** The table and key an item touches (every item of the single table is keyed by pk and sk). */
function keyOf(item: Item): string {
  const key = item.Put ? item.Put.Item : (item.Update ?? item.Delete ?? item.ConditionCheck)!.Key;
  const table = (item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck)!.TableName;
  return `${table}\u0000${String(key?.pk)}\u0000${String(key?.sk)}`;
}

/** A transaction being packed: its submissions, and what each key of it does (JSON of a ConditionCheck, '' otherwise). */
interface Pack {
  submissions: Submission[];
  writes: Write[];
  events: DomainEvent[];
  keys: Map<string, string>;
}

/**
 * Adds a submission to a pack if it fits: within the item limit, and touching no key the pack
 * touches already, except by the very same condition check (which the pack then makes once:
 * the period check every deal of a batch carries, say). DynamoDB refuses a transaction that
 * touches an item twice.
 */
function tryAdd(pack: Pack, s: Submission): boolean {
  const added: [string, string, Write][] = [];
  for (const w of s.writes) {
    const key = keyOf(w.item);
    const shape = w.item.ConditionCheck ? JSON.stringify(w.item) : '';
    const there = pack.keys.get(key) ?? added.find(([k]) => k === key)?.[1];
    if (there !== undefined) {
      if (shape !== '' && there === shape) continue;
      return false;
    }
    added.push([key, shape, w]);
  }
  if (pack.writes.length + pack.events.length + added.length + s.events.length > MAX_TRANSACTION_ITEMS) return false;
  for (const [key, shape, w] of added) {
    pack.keys.set(key, shape);
    pack.writes.push(w);
  }
  pack.events.push(...s.events);
  pack.submissions.push(s);
  return true;
}

/** The submissions packed into as few transactions as fit, in their order. */
function packed(submissions: readonly Submission[]): Pack[] {
  const packs: Pack[] = [];
  for (const s of submissions) {
    if (packs.some((p) => tryAdd(p, s))) continue;
    const pack: Pack = { submissions: [], writes: [], events: [], keys: new Map() };
    // A submission alone always goes in: commit then judges it as it would without the group.
    if (!tryAdd(pack, s)) {
      pack.submissions.push(s);
      pack.writes.push(...s.writes);
      pack.events.push(...s.events);
    }
    packs.push(pack);
  }
  return packs;
}

const settle = (s: Submission, done: Promise<void>): Promise<void> => done.then(s.resolve, s.reject);

/**
 * One pack's transaction. When it fails for any reason (one submission's condition, a conflict,
 * an event too large), each submission is committed on its own, so that each gets exactly the
 * outcome it would have had alone: a transaction is all or nothing, so nothing of the failed
 * one was written (and after an ambiguous failure that did write, the conditions of the
 * submissions' own commits decide).
 */
async function commitPack(pack: Pack): Promise<void> {
  const [only, ...others] = pack.submissions;
  if (only && others.length === 0) return settle(only, commit(only.writes, only.events));
  try {
    await commit(pack.writes, pack.events);
  } catch {
    await Promise.all(pack.submissions.map((s) => settle(s, commit(s.writes, s.events))));
    return;
  }
  for (const s of pack.submissions) s.resolve();
}

/**
 * Group commit: the commits of `participants` concurrent tasks gathered into shared
 * transactions. A submission waits until every participant still at work has submitted too (or
 * GROUP_WAIT_MS has passed); then the waiting ones are packed into transactions of up to 100
 * items and committed. DynamoDB Local's transactions cost about the same whether they carry 8
 * items or 50, so the records of a batch written together go several times faster than one
 * transaction each (test/bench/README.md, incentives). Each submission keeps its own outcome: a
 * shared transaction that fails is retried submission by submission.
 *
 * Every participant must `leave()` when it is done, or the others wait GROUP_WAIT_MS each round.
 */
export function commitGroup(participants: number): CommitGroup {
  let active = participants;
  let waiting: Submission[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const submissions = waiting;
    waiting = [];
    for (const pack of packed(submissions)) void commitPack(pack);
  };
  const check = () => {
    if (waiting.length === 0) return;
    if (waiting.length >= active) flush();
    else timer ??= setTimeout(flush, GROUP_WAIT_MS);
  };
  return {
    commit: (writes, events = []) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ writes, events, resolve, reject });
        check();
      }),
    leave: () => {
      active--;
      check();
    },
  };
}
