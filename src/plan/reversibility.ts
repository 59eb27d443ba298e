/**
 * Reversibility that tells the truth: an operation is `no` where any part of what it does cannot
 * be undone, even when its kind alone could be (a deleted user can be restored, but not a number
 * the same plan released). Decided once, after ordering, from what the simulation recorded; each
 * finder names the operations it makes irreversible and why, and the reason is added to the
 * operation's notes so a reviewer reads it. Pure.
 *
 * To add a case, add a finder to `IRREVERSIBLE_PARTS`.
 */
import type { LiveState } from '../model/tenant.js';
import type { Operation, PoolMovement } from './types.js';

/** What a finder reads: the ordered operations, the pool movements the simulation recorded, and the live state planned against. */
export interface ReversibilityContext {
  operations: readonly Operation[];
  pool: readonly PoolMovement[];
  /** Keyed by the config's offices, as the planner sees it (e.g. which users are pending). */
  live: LiveState;
}

/** Operation id → why part of it cannot be undone. */
export type IrreversibleParts = Map<string, string>;

export type IrreversibleFinder = (ctx: ReversibilityContext) => IrreversibleParts;

/** A deleted user's number that the same plan releases does not come back with a restore. */
export const findReleasedNumbersOfDeletedUsers: IrreversibleFinder = ({ operations, pool }) => {
  const released = new Map(operations.flatMap((op) => (op.kind === 'release_number' ? [[op.number, op.id] as const] : [])));
  const parts: IrreversibleParts = new Map();
  for (const op of operations) {
    if (op.kind !== 'delete_user') continue;
    const lost = pool.filter((p) => p.operation_id === op.id && p.direction === 'in' && released.has(p.number));
    if (lost.length === 0) continue;
    const list = lost.map((p) => `${p.number} (released by ${released.get(p.number)})`).join(', ');
    parts.set(op.id, `Irreversible as planned: a restore would bring the account back, but not ${list}; a released number goes back to Dialpad.`);
  }
  return parts;
};

/**
 * A deleted user's number that the same plan gives to someone else does not come back with a
 * restore either: Dialpad restores the account, and the number stays with its new holder.
 */
export const findReassignedNumbersOfDeletedUsers: IrreversibleFinder = ({ operations, pool }) => {
  const parts: IrreversibleParts = new Map();
  for (const op of operations) {
    if (op.kind !== 'delete_user') continue;
    const pooled = new Set(pool.filter((p) => p.operation_id === op.id && p.direction === 'in').map((p) => p.number));
    const given = pool.filter((p) => p.direction === 'out' && pooled.has(p.number) && p.user !== undefined && p.user !== op.target.email);
    if (given.length === 0) continue;
    const list = given.map((p) => `${p.number} (given to ${p.user ?? ''} by ${p.operation_id})`).join(', ');
    parts.set(op.id, `Irreversible as planned: a restore would bring the account back, but not ${list}; the number stays with its new holder.`);
  }
  return parts;
};

/** The numbers the simulation recorded as deleted by operation `id` itself (`released` by a delete: a pending user's). */
export function numbersDeletedWith(pool: readonly PoolMovement[], id: string): string[] {
  return pool.filter((p) => p.operation_id === id && p.direction === 'released').map((p) => p.number);
}

/**
 * Dialpad deletes a pending (invited, never accepted) user's numbers with them, at once: no pool,
 * no restore (help center, Add & Remove Team Members). The simulation records those numbers as
 * `released` by the delete itself.
 */
const findNumbersDeletedWithPendingUsers: IrreversibleFinder = ({ operations, pool }) => {
  const parts: IrreversibleParts = new Map();
  for (const op of operations) {
    if (op.kind !== 'delete_user') continue;
    const lost = numbersDeletedWith(pool, op.id);
    if (lost.length === 0) continue;
    parts.set(op.id, `Irreversible: ${op.target.email} is pending (invited, never accepted); Dialpad deletes ${lost.join(', ')} with them at once (no reserved pool, no restore).`);
  }
  return parts;
};

export const IRREVERSIBLE_PARTS: readonly IrreversibleFinder[] = [findReleasedNumbersOfDeletedUsers, findReassignedNumbersOfDeletedUsers, findNumbersDeletedWithPendingUsers];

/** The operations with `reversible: 'no'` and the reason noted wherever a finder found an irreversible part. */
export function settleReversibility(ctx: ReversibilityContext, finders: readonly IrreversibleFinder[] = IRREVERSIBLE_PARTS): Operation[] {
  const reasons = new Map<string, string[]>();
  for (const find of finders) {
    for (const [id, reason] of find(ctx)) reasons.set(id, [...(reasons.get(id) ?? []), reason]);
  }
  return ctx.operations.map((op) => {
    const why = reasons.get(op.id);
    return why === undefined ? op : { ...op, reversible: 'no' as const, notes: [...op.notes, ...why] };
  });
}
