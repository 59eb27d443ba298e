/**
 * What dialform's own records know of the past that Dialpad's API does not show: when a number
 * entered the reserved pool and who held it, when a user was deleted. The apply journal records
 * which operation was done and when, whom it acted on and which numbers it pooled from whom
 * (`readJournalHistory`); older journal lines name only the operation, and the saved plan says
 * what it did (`joinHistory`). Pure.
 */
import type { JournalEntry } from '../journal-types.js';
import type { Plan } from '../plan/types.js';

export interface PoolEntry {
  number: string;
  /** The user who held it last (the journal's plan says so). */
  user: string;
  /** When the operation that pooled it was journalled done. */
  at: string;
}

export interface DeletionEntry {
  email: string;
  at: string;
}

export interface History {
  pooled: PoolEntry[];
  deleted: DeletionEntry[];
}

/**
 * The deletions and pool entries the journal itself records (`subject`, `to_pool` on `done`
 * lines): what every apply since the journal carried them did, with no saved plan needed.
 */
export function readJournalHistory(entries: readonly JournalEntry[]): History {
  const history: History = { pooled: [], deleted: [] };
  for (const e of entries) {
    if (e.status !== 'done') continue;
    if (e.kind === 'delete_user' && typeof e.subject === 'string') history.deleted.push({ email: e.subject.toLowerCase(), at: e.at });
    for (const p of e.to_pool ?? []) history.pooled.push({ number: p.number, user: p.from, at: e.at });
  }
  return history;
}

/**
 * The pool entries and deletions of `plans` that `entries` (journal lines) show done, each with
 * the time it was journalled. `identify` is the journal's plan identity (`identifyPlan`). For
 * journal lines written before they carried their subject (`readJournalHistory`).
 */
export function joinHistory(input: { plans: readonly Plan[]; entries: readonly JournalEntry[]; identify: (plan: Plan) => string }): History {
  const doneAt = new Map<string, string>();
  for (const e of input.entries) if (e.status === 'done') doneAt.set(`${e.plan}\u0000${e.op}`, e.at);
  const history: History = { pooled: [], deleted: [] };
  for (const plan of input.plans) {
    const id = input.identify(plan);
    for (const op of plan.operations) {
      const at = doneAt.get(`${id}\u0000${op.id}`);
      if (at === undefined) continue;
      if (op.kind === 'delete_user') history.deleted.push({ email: op.target.email.toLowerCase(), at });
      // The pool movements the plan's simulation recorded for this operation: who held each number.
      for (const p of plan.pool) {
        if (p.operation_id === op.id && p.direction === 'in' && p.user !== undefined) history.pooled.push({ number: p.number, user: p.user, at });
      }
    }
  }
  return history;
}

/** Both histories as one (`latestBy` picks the latest of each number and user). */
export function mergeHistories(...histories: readonly History[]): History {
  return { pooled: histories.flatMap((h) => h.pooled), deleted: histories.flatMap((h) => h.deleted) };
}

/** The latest of each key, by time (ISO strings compare in order). */
export function latestBy<T extends { at: string }>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const latest = new Map<string, T>();
  for (const item of items) {
    const seen = latest.get(keyOf(item));
    if (seen === undefined || seen.at < item.at) latest.set(keyOf(item), item);
  }
  return latest;
}
