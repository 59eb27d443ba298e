/**
 * The one place that orders a plan, and the one simulation of it: list scheduling over a copy of
 * the live state. Operations are sorted by their kind's phase (frees before claims); then,
 * repeatedly, the first operation whose precondition holds in the simulated state runs. When none
 * holds, the rest are blocked and each reports the rule it breaks. Deterministic: ties break by
 * target key. Each step's effects are recorded as it runs, and the display facts derived from
 * them here (`office_key`, the pool movements) are never recomputed by a second replay.
 */
import { applyOperation, checkOperation, phaseRank, specOf, type Failure } from './kinds/index.js';
import { BugError } from '../errors.js';
import { cloneSimState, type SimState } from './sim-state.js';
import type { Operation, PoolMovement, RuleCode, Target } from './types.js';

/** An operation that could not run at any position, and why (the rule it breaks). */
export interface BlockedOperation {
  id: string;
  code: RuleCode;
  message: string;
}

export interface OrderResult {
  /** Final order, ids, `after` and `office_key` assigned: runnable ones first, then the blocked ones. */
  operations: Operation[];
  blocked: BlockedOperation[];
  /** The live state before the plan. */
  initial: SimState;
  /** The state after every runnable operation. */
  final: SimState;
  /** Every number entering or leaving the reserved pool, step by step. */
  pool: PoolMovement[];
}

/** Where the inputs (not the simulation) place things, for display. */
export interface Placement {
  /** The office config puts a user in (a blocked step never ran: it is shown there). */
  desiredOffice(email: string): string | undefined;
  /** The office a live number belongs to. */
  numberOffice(number: string): string | undefined;
}

function targetKey(t: Target): string {
  switch (t.type) {
    case 'user':
      return t.email;
    case 'office':
      return t.key;
    case 'number':
      return t.number;
    case 'group':
      return `group:${t.key}`;
    case 'room':
      return `room:${t.key}`;
    case 'company':
      return 'company';
  }
}

function tieKey(op: Operation): string {
  return `${targetKey(op.target)}\u0000${op.kind}\u0000${specOf(op).tieDetail(op)}`;
}

/** What `op` changes: its kind's `subject`, else its whole target. */
function subjectOf(op: Operation): string {
  const spec = specOf(op);
  return spec.subject === undefined ? `target:${JSON.stringify(op.target)}` : spec.subject(op);
}

/** The email of a user target, else undefined. */
function userOf(op: Operation): string | undefined {
  return op.target.type === 'user' ? op.target.email : undefined;
}

/** Display only: the office an operation is shown under (see `KindSpec.placement`). */
function officeKeyOf(op: Operation, step: { before?: string; after?: string; blocked: boolean }, place: Placement): string | null {
  const placement = specOf(op).placement(op);
  if ('office' in placement) return placement.office;
  if ('number' in placement) return place.numberOffice(placement.number) ?? null;
  const email = userOf(op);
  const desired = email === undefined ? undefined : place.desiredOffice(email);
  if (step.blocked) return desired ?? step.before ?? null;
  return (placement.user === 'before' ? step.before : step.after ?? desired) ?? null;
}

/**
 * Names the root cause of a wait: the blocked operation that would have provided what this one
 * waits for, so a blocked step is never shown as runnable before the step it depends on. A wait
 * no blocked operation would satisfy is the rule its `otherwise` names (an assign of a number of
 * another country, with no move of its user into that country blocked); without one it means the
 * planner made an operation on an object that does not exist: a bug, not a rule to act on.
 */
function resolveFailure(f: Failure, blocked: Map<string, { op: Operation; failure: Failure }>, depth = 0): { code: RuleCode; message: string } {
  if ('code' in f) return f;
  const provider = blocked.get(f.waitsFor);
  if (provider === undefined && f.otherwise !== undefined) return f.otherwise;
  if (provider === undefined || depth >= 8) {
    throw new BugError(`ordering found no operation that provides ${f.waitsFor} (${f.message})`);
  }
  const root = resolveFailure(provider.failure, blocked, depth + 1);
  return { code: root.code, message: `${f.message}: waits for ${provider.op.id} (${provider.op.summary}), which is blocked` };
}

/** Orders `drafts` (ids unset) by simulating them on a copy of `initial`. */
/**
 * Display: a `numbers` change shows the user's whole list before and after the step, as the
 * simulation has it, so a second number reads `+353…1 → +353…1, +353…2`, not `(none) → +353…2`.
 */
function showNumbers(changes: Operation['changes'], before: string[] | undefined, after: string[] | undefined): Operation['changes'] {
  if (before === undefined || after === undefined) return changes;
  return changes.map((c) => (c.field === 'numbers' ? { field: 'numbers', from: before, to: after } : c));
}

export function orderOperations(drafts: Operation[], initial: SimState, place: Placement): OrderResult {
  const sim = cloneSimState(initial);
  const pending = drafts
    .map((op) => ({ op, phase: phaseRank(specOf(op).phase(op, initial)), key: tieKey(op) }))
    .sort((a, b) => a.phase - b.phase || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.op);

  const done: Operation[] = [];
  const pool: PoolMovement[] = [];
  const providers = new Map<string, string[]>();
  /** The last operation ordered on each subject (`KindSpec.subject`, else the target): the next one follows it. */
  const lastOnSubject = new Map<string, string>();
  const officeOf = (op: Operation) => {
    const email = userOf(op);
    return email === undefined ? undefined : sim.users.get(email)?.office;
  };
  const numbersOf = (op: Operation) => {
    const email = userOf(op);
    return email === undefined ? undefined : [...(sim.users.get(email)?.numbers ?? [])];
  };
  for (;;) {
    const index = pending.findIndex((op) => checkOperation(sim, op) === undefined);
    if (index < 0) break;
    const [picked] = pending.splice(index, 1);
    if (picked === undefined) break;
    const id = `op-${done.length + 1}`;
    const before = officeOf(picked);
    const numbersBefore = numbersOf(picked);
    const fx = applyOperation(sim, picked);
    const after = new Set<string>();
    for (const key of fx.claims) for (const p of providers.get(key) ?? []) after.add(p);
    const subject = subjectOf(picked);
    const previous = lastOnSubject.get(subject);
    if (previous !== undefined) after.add(previous);
    lastOnSubject.set(subject, id);
    for (const key of fx.provides) providers.set(key, [...(providers.get(key) ?? []), id]);
    for (const movement of fx.pool) pool.push({ ...movement, operation_id: id });
    done.push({
      ...picked,
      changes: showNumbers(picked.changes, numbersBefore, numbersOf(picked)),
      id,
      after: [...after].sort((a, b) => Number(a.slice(3)) - Number(b.slice(3))),
      office_key: officeKeyOf(picked, { before, after: officeOf(picked), blocked: false }, place),
    });
  }

  const stuck = pending.map((op, i) => {
    const failure = checkOperation(sim, op);
    if (failure === undefined) throw new BugError(`${op.kind} ${targetKey(op.target)} can run but was not ordered`);
    const before = officeOf(op);
    const placed = { ...op, id: `op-${done.length + i + 1}`, after: [], office_key: officeKeyOf(op, { before, blocked: true }, place) };
    return { op: placed, failure };
  });
  const byProvided = new Map<string, { op: Operation; failure: Failure }>();
  for (const s of stuck) {
    const key = specOf(s.op).wouldProvide(s.op);
    if (key !== undefined) byProvided.set(key, s);
  }
  const blocked = stuck.map((s) => ({ id: s.op.id, ...resolveFailure(s.failure, byProvided) }));
  return { operations: [...done, ...stuck.map((s) => s.op)], blocked, initial, final: sim, pool };
}
