/**
 * What dialform's own records know of the past that Dialpad's API does not show: when a number
 * entered the reserved pool and who held it, when a user was deleted. The apply journal records
 * which operation of which plan was done and when; the saved plan says what each operation did.
 * Joining the two (pure) gives these facts for every plan passed in.
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
 * The pool entries and deletions of `plans` that `entries` (journal lines) show done, each with
 * the time it was journalled. `identify` is the journal's plan identity (`identifyPlan`).
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

/** The latest of each key, by time (ISO strings compare in order). */
export function latestBy<T extends { at: string }>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const latest = new Map<string, T>();
  for (const item of items) {
    const seen = latest.get(keyOf(item));
    if (seen === undefined || seen.at < item.at) latest.set(keyOf(item), item);
  }
  return latest;
}
