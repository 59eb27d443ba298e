import { fetchLive, type DialpadClient } from '../dialpad/index.js';
import type { DesiredState } from '../model/tenant.js';
import { planFromRead } from '../plan-against-live.js';
import { digestLive } from '../plan/digest.js';
import type { Operation, Plan } from '../plan/types.js';
import { identifyPlan, type Journal } from './journal.js';
import { identifyOperation, slotOfOperation } from './operation-identity.js';

/** How two lists of operations differ, by structural identity (`identifyOperation`). */
export interface Drift {
  /** Needed now, and in no form in the saved plan. */
  added: Operation[];
  /** In the saved plan, and no longer needed in any form. */
  gone: Operation[];
  /** The same step on the same object (`slotOfOperation`), with different contents. */
  changed: { saved: Operation; fresh: Operation }[];
}

/**
 * Whether a saved plan may still be applied to Dialpad as it is now.
 *
 * - `fresh`: go ahead. `done` counts the operations the journal shows done for this plan
 *   (more than 0: the plan is resumed, and those are skipped).
 * - `stale`: refuse. `drift` says how the operations needed now differ from the plan's; it is
 *   absent when there is no config to plan with, or it is not the config the plan was made from
 *   (then the difference would mix config edits with changes made in Dialpad).
 * - `unverifiable`: refuse. The plan was started before, so Dialpad is expected to differ from
 *   the state it was planned against, and there is no config (the plan's own) to tell its own
 *   writes from anyone else's.
 */
export type Freshness =
  | { status: 'fresh'; done: number }
  | { status: 'stale'; done: number; savedDigest: string; liveDigest: string; drift?: Drift }
  | { status: 'unverifiable'; done: number; reason: 'no_config' | 'other_config' };

/**
 * Reads Dialpad and the journal and judges the saved plan's freshness (`judgeFreshness`).
 * `desired` is the config, when one is available; `now` is when the fresh plan is made.
 */
export async function checkFreshness(input: {
  plan: Plan;
  journal: Journal;
  client: DialpadClient;
  desired?: DesiredState;
  now?: Date;
}): Promise<Freshness> {
  const { plan, desired } = input;
  const done = await input.journal.done(identifyPlan(plan));
  const read = await fetchLive(input.client);
  const liveDigest = digestLive(read);
  const resumed = plan.operations.some((op) => done.has(op.id));
  const needed = resumed || liveDigest !== plan.basis.live_digest;
  const fresh = needed && desired !== undefined ? planFromRead({ desired, read, now: input.now ?? new Date() }) : undefined;
  return judgeFreshness({ plan, done, liveDigest, fresh });
}

/**
 * The freshness rule (pure). `done` holds the ids the journal shows done for this plan,
 * `liveDigest` is the digest of a fresh read, and `fresh` is a plan of the config against that
 * read (absent without a config).
 *
 * - A plan nothing of which is done is fresh exactly when the live digest equals its basis.
 * - A resumed plan (some operations done) changed Dialpad itself, so the digest cannot decide.
 *   Instead the config is planned again, and the saved operations not yet done must be exactly
 *   the operations the fresh plan needs, compared by structural identity: one needed now and not
 *   in the plan, or in the plan and no longer needed, or needed with other contents, means
 *   someone else changed Dialpad, and the plan is stale. The one exception: a manual operation
 *   of the saved plan that is no longer needed was done by a person, which is what it asked for.
 *   An API write that landed but whose journal line was lost (a kill between the two) also shows
 *   as no longer needed; that is refused too, and planning again is the way on.
 * - A resumed plan without a config, or with a config other than the plan's (config digest),
 *   cannot be checked that way and is refused: the only other evidence, the live digest, is
 *   expected to differ, so going ahead would be a guess about someone else's changes.
 */
export function judgeFreshness(input: {
  plan: Plan;
  done: ReadonlySet<string>;
  liveDigest: string;
  fresh?: Plan;
}): Freshness {
  const { plan, liveDigest, fresh } = input;
  const done = plan.operations.filter((op) => input.done.has(op.id)).length;
  const sameConfig = fresh !== undefined && fresh.basis.config_digest === plan.basis.config_digest;
  const savedDigest = plan.basis.live_digest;

  if (done === 0) {
    if (liveDigest === savedDigest) return { status: 'fresh', done };
    if (!sameConfig) return { status: 'stale', done, savedDigest, liveDigest };
    return { status: 'stale', done, savedDigest, liveDigest, drift: compareOperations(plan.operations, fresh.operations) };
  }

  if (fresh === undefined) return { status: 'unverifiable', done, reason: 'no_config' };
  if (!sameConfig) return { status: 'unverifiable', done, reason: 'other_config' };
  const remaining = plan.operations.filter((op) => !input.done.has(op.id));
  const drift = compareOperations(remaining, fresh.operations);
  drift.gone = drift.gone.filter((op) => !op.manual);
  if (drift.added.length === 0 && drift.gone.length === 0 && drift.changed.length === 0) return { status: 'fresh', done };
  return { status: 'stale', done, savedDigest, liveDigest, drift };
}

/**
 * Matches `saved` against `fresh` as multisets: first operations with equal identities, then,
 * among the rest, operations in the same slot (in plan order) as `changed`; what is left is
 * `gone` (saved) or `added` (fresh). Each list keeps its plan's order.
 */
export function compareOperations(saved: readonly Operation[], fresh: readonly Operation[]): Drift {
  const freshIds = fresh.map(identifyOperation);
  const unmatched = new Map<string, number[]>();
  freshIds.forEach((id, index) => push(unmatched, id, index));
  const savedLeft = saved.filter((op) => unmatched.get(identifyOperation(op))?.shift() === undefined);
  const freshLeft = new Set([...unmatched.values()].flat());

  const bySlot = new Map<string, number[]>();
  for (const index of [...freshLeft].sort((a, b) => a - b)) push(bySlot, slotOfOperation(fresh[index] as Operation), index);
  const changed: Drift['changed'] = [];
  const gone: Operation[] = [];
  for (const op of savedLeft) {
    const match = bySlot.get(slotOfOperation(op))?.shift();
    if (match === undefined) {
      gone.push(op);
    } else {
      freshLeft.delete(match);
      changed.push({ saved: op, fresh: fresh[match] as Operation });
    }
  }
  return { added: fresh.filter((_, index) => freshLeft.has(index)), gone, changed };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
