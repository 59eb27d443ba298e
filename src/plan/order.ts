/**
 * The one place that orders a plan: list scheduling over a simulation of the live state.
 * Operations are sorted by a phase priority that puts frees before claims; then, repeatedly, the
 * first operation whose preconditions hold in the simulated state runs. When none holds, the rest
 * are blocked and each reports the rule it breaks. Deterministic: ties break by target key.
 */
import { cloneSimState, lineOf, type SimState } from './sim-state.js';
import { applyOperation, checkOperation, type Failure } from './simulate.js';
import type { Operation, RuleCode } from './types.js';

/** An operation that could not run at any position, and why (the rule it breaks). */
export interface BlockedOperation {
  id: string;
  code: RuleCode;
  message: string;
}

export interface OrderResult {
  /** Final order, ids `op-1…` assigned, runnable ones first, then the blocked ones. */
  operations: Operation[];
  blocked: BlockedOperation[];
  /** The live state before the plan. */
  initial: SimState;
  /** The state after every runnable operation. */
  final: SimState;
}

/** Lower runs earlier. `sim` is the state before the plan (a license change frees or claims by it). */
function phaseOf(op: Operation, sim: SimState): number {
  switch (op.kind) {
    // Everything placed in a new office needs the office to exist.
    case 'create_office': return 0;
    // Restorable for 72 h only: restore before anything else could take the account's email or numbers.
    case 'restore_user': return 1;
    // Frees the user's license line and sends their numbers to the pool for later claims.
    case 'delete_user': return 2;
    case 'update_user': {
      const user = sim.users.get(op.target.type === 'user' ? op.target.email : '');
      const to = op.patch.license;
      if (to === undefined || user === undefined) return 8;
      // A license change that claims no line only frees one: a free, so early.
      // One that claims a line is a claim: after every free and transfer.
      return lineOf(to) === undefined || lineOf(to) === lineOf(user.license) ? 3 : 7;
    }
    // Unassigns feed the pool before any assign takes from it (swaps step through the pool).
    case 'unassign_number': return 4;
    // Frees a line in the source office (a transfer out of it may wait for that) and claims one in the destination.
    case 'move_user': return 5;
    // Only unassigned licenses transfer: after frees in the source, before claims in the destination.
    case 'transfer_licenses': return 6;
    // Claims: after every free and transfer.
    case 'create_user': return 7;
    // Number claims: after unassigns and deletes filled the pool, and after the user exists.
    case 'assign_number': return 9;
    // Reactivate before suspending anyone, so active admins never dip in between.
    case 'reactivate_user': return 10;
    // Suspended users keep their license in Dialpad, so a suspension frees nothing: it goes last among API calls.
    case 'suspend_user': return 11;
    // Irreversible: only once every assign had its chance to take the number from the pool.
    case 'release_number': return 12;
    // Class-3 manual grants need the user to exist and change nothing the rest depends on.
    case 'grant_analytics':
    case 'revoke_analytics':
    case 'grant_proxy':
    case 'revoke_proxy': return 13;
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

function tieKey(op: Operation): string {
  const t = op.target;
  const target = t.type === 'user' ? t.email : t.type === 'office' ? t.key : t.type === 'number' ? t.number : '';
  const detail =
    op.kind === 'assign_number' || op.kind === 'unassign_number' || op.kind === 'release_number'
      ? op.number
      : op.kind === 'transfer_licenses'
        ? `${op.line}:${op.from.key}`
        : '';
  return `${target}\u0000${op.kind}\u0000${detail}`;
}

/** What a blocked operation would have provided had it run (for blaming waits on it). */
function wouldProvide(op: Operation): string | undefined {
  if (op.kind === 'create_user') return `user:${op.email}`;
  if (op.kind === 'restore_user' && op.target.type === 'user') return `user:${op.target.email}`;
  if (op.kind === 'create_office') return `office:${op.office.key}`;
  return undefined;
}

function resolveFailure(f: Failure, blocked: Map<string, { op: Operation; failure: Failure }>, depth = 0): { code: RuleCode; message: string } {
  if ('code' in f) return f;
  const provider = blocked.get(f.waitsFor);
  if (provider !== undefined && depth < 8) {
    const root = resolveFailure(provider.failure, blocked, depth + 1);
    return { code: root.code, message: `${f.message}: waits for ${provider.op.id} (${provider.op.summary}), which is blocked` };
  }
  return { code: 'insufficient_licenses', message: f.message };
}

/** Orders `drafts` (ids unset) by simulating them on a copy of `initial`. */
export function orderOperations(drafts: Operation[], initial: SimState): OrderResult {
  const sim = cloneSimState(initial);
  const pending = drafts
    .map((op) => ({ op, phase: phaseOf(op, initial), key: tieKey(op) }))
    .sort((a, b) => a.phase - b.phase || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.op);

  const done: Operation[] = [];
  const providers = new Map<string, string[]>();
  const lastOnTarget = new Map<string, string>();
  for (;;) {
    const index = pending.findIndex((op) => checkOperation(sim, op) === undefined);
    if (index < 0) break;
    const [picked] = pending.splice(index, 1);
    if (picked === undefined) break;
    const id = `op-${done.length + 1}`;
    const fx = applyOperation(sim, picked);
    const after = new Set<string>();
    for (const key of fx.claims) for (const p of providers.get(key) ?? []) after.add(p);
    const targetKey = JSON.stringify(picked.target);
    const previous = lastOnTarget.get(targetKey);
    if (previous !== undefined) after.add(previous);
    lastOnTarget.set(targetKey, id);
    for (const key of fx.provides) providers.set(key, [...(providers.get(key) ?? []), id]);
    done.push({ ...picked, id, after: [...after].sort((a, b) => Number(a.slice(3)) - Number(b.slice(3))) });
  }

  const stuck = pending.map((op, i) => ({ op: { ...op, id: `op-${done.length + i + 1}` }, failure: checkOperation(sim, op) }));
  const byProvided = new Map<string, { op: Operation; failure: Failure }>();
  for (const s of stuck) {
    const key = wouldProvide(s.op);
    if (key !== undefined && s.failure !== undefined) byProvided.set(key, { op: s.op, failure: s.failure });
  }
  const blocked: BlockedOperation[] = [];
  for (const s of stuck) {
    const failure = s.failure ?? { code: 'insufficient_licenses' as const, message: `${s.op.summary}: could not be ordered` };
    blocked.push({ id: s.op.id, ...resolveFailure(failure, byProvided) });
  }
  return { operations: [...done, ...stuck.map((s) => s.op)], blocked, initial, final: sim };
}
