/**
 * The shape of one operation kind's entry: everything the planner and the renderers need to know
 * about a kind beyond its fields. `kinds/index.ts` holds one entry per kind, checked with
 * `satisfies { [K in OperationKind]: KindSpec<K> }`, so a new kind cannot be half-added.
 */
import type { LiveState } from '../../model/tenant.js';
import type { SimState } from '../sim-state.js';
import type { OperationKind, OperationOf, PoolMovement, RuleCode } from '../types.js';
import type { Phase } from './phases.js';

/**
 * Why an operation cannot run now: a rule violation, or a wait for another object (a user or an
 * office this plan creates, a user's arrival in an office) named by its resource key. A wait the
 * plan may not satisfy names the rule broken when no blocked operation would provide the key
 * (`otherwise`); without it such a wait is a planner bug.
 */
export type Failure = { code: RuleCode; message: string } | { waitsFor: string; message: string; otherwise?: { code: RuleCode; message: string } };

/**
 * What one simulated step did. `claims`/`provides` are resource keys (`line:<office>:<line>`,
 * `number:<e164>`, `user:<email>`, `office:<key>`, `seat:<group>`, …) from which ordering derives each operation's
 * `after`; `pool` lists the numbers entering or leaving the reserved pool.
 */
export interface Effects {
  claims: string[];
  provides: string[];
  pool: Omit<PoolMovement, 'operation_id'>[];
}

/** Which of the plan's totals an operation counts in (`none`: only in `manual`, if manual). */
export type SummaryBucket = 'create' | 'update' | 'delete' | 'move' | 'none';

/** `+` create, `~` update/move/assign, `-` delete/unassign/release, `!` manual step. */
export type Marker = '+' | '~' | '-' | '!';

/** How a kind reads to a reviewer, beyond the planner's one-line `summary`. */
export interface KindDescription {
  marker: Marker;
  /** `move user`, `transfer licenses`, … */
  action: string;
  /** Facts carried by the kind's own fields that the summary does not already say. */
  details: string[];
}

/**
 * The office an operation is shown under: a fixed office key (`null`: none, the company's), the office the target user is in
 * once the step ran (`after`) or before it (`before`), or the office that owned a number.
 */
export type OfficePlacement = { office: string | null } | { user: 'after' | 'before' } | { number: string };

/**
 * Whether a person does the kind in Dialpad's UI (`false`: apply calls the API). A manual step is
 * `verifiedBy` `api` (apply reads Dialpad until it shows) or `operator` (no API shows it: a person
 * confirms it, `dialform confirm`); `rehearse` gives the commands that do a whole step on the
 * embedded emulator when planning with `--emulator`, in order (see `rehearsal.ts`): `ops` are the
 * step's operations (one, but for a bulk analytics or proxy step: one per user, each of which the
 * commands must cover), `config` the ` -c <path>` a command that needs the config repeats, or ''.
 */
export type Manual<K extends OperationKind> = false | ManualStep<K>;

/** How a manual kind's step is verified and rehearsed (see `Manual`). */
export interface ManualStep<K extends OperationKind> {
  verifiedBy: 'api' | 'operator';
  rehearse(ops: readonly OperationOf<K>[], config: string): string[];
}

/**
 * Whether an API kind's write already shows in `live`, a fresh read of Dialpad (keyed by live ids,
 * as `fetchLive` returns it; `landed-reads.ts` looks things up in it). Apply asks it only of an
 * operation the journal shows started and not finished (a kill mid-write): if it landed, sending
 * it again would fail or duplicate it. A kind whose read shows nothing of the write, or whose
 * write is an absolute value, answers `false`, and the write is sent again, harmlessly.
 */
export type Landed<K extends OperationKind> = (op: OperationOf<K>, live: LiveState) => boolean;

/**
 * What apply does with a kind: an API kind (`manual: false`) says how to tell its write landed
 * (`landed`); a manual kind never writes, so it is never in doubt (its executor reads Dialpad, or
 * the confirmations, each time) and has no such check. A kind that says neither fails to compile.
 */
export type Execution<K extends OperationKind> = { manual: false; landed: Landed<K> } | { manual: ManualStep<K>; landed?: never };

/**
 * What `too_many_deletions` counts a deletion as: a `user`, a `number`, a `group` or a `room` are gone for
 * good and are capped by `policy.max_deletions`; a `membership` (its role and skill level) comes
 * back with a re-add, so it is not counted.
 */
export type DeletedThing = 'user' | 'number' | 'group' | 'room' | 'membership';

/**
 * What running the kind deletes: `false`, or what it is counted as, and the numbers it takes out of
 * service with it (`numbers`: a deleted group's, which callers dial), counted by
 * `policy.max_deletions` too. Every kind that deletes is named by `incomplete_live_read` (a
 * partial read must not lead to it), whatever it counts as.
 */
export type Deletes<K extends OperationKind = OperationKind> = false | { counts: DeletedThing; numbers?(op: OperationOf<K>): readonly string[] };

/** The facts about a kind that the guards read by themselves: each kind must decide each one. */
export interface KindFacts {
  bucket: SummaryBucket;
  deletes: Deletes;
  /** Whether running the kind suspends a user (their phone stops): what `too_many_suspensions` counts. */
  suspends: boolean;
}

/** One kind's entry: its facts, how it plans, renders and is executed (`Execution`). */
export type KindSpec<K extends OperationKind> = KindBehaviour<K> & Execution<K>;

export interface KindBehaviour<K extends OperationKind> extends KindFacts {
  deletes: Deletes<K>;
  /** When ordering tries it (see `phases.ts` for the order and each phase's reason). */
  phase(op: OperationOf<K>, initial: SimState): Phase;
  /** Tie-break detail after target and kind (which number, which line), for a deterministic order. */
  tieDetail(op: OperationOf<K>): string;
  /**
   * What the operation changes, when that is narrower than its target (absent: the target itself).
   * Operations on one subject follow each other (`after`) in plan order; operations on different
   * subjects of one target depend on each other only through the resources they claim and provide,
   * so one waiting manual step does not hold back another that does not need it (issue 27 #2).
   */
  subject?(op: OperationOf<K>): string;
  /** Undefined when `op` can run in `sim` now, else why not. */
  check(sim: SimState, op: OperationOf<K>): Failure | undefined;
  /** Applies `op` (which `check` accepted) to `sim`, recording what it consumed, provided and pooled. */
  apply(sim: SimState, op: OperationOf<K>, fx: Effects): void;
  /** The resource a blocked `op` would have provided, so waits on it are blamed on its cause. */
  wouldProvide(op: OperationOf<K>): string | undefined;
  placement(op: OperationOf<K>): OfficePlacement;
  /** What `op` would take away from a user in `policy.protected`, given the state before the plan. */
  harm(op: OperationOf<K>, initial: SimState): string | undefined;
  describe(op: OperationOf<K>): KindDescription;
}

/**
 * What every kind that writes one absolute value shares (an E911 address, a caller ID, how a group
 * answers, a skill level): an update that deletes, suspends and provides nothing and harms nobody,
 * and is harmless to send again, so apply needs no landed check (`landed` answers `false`).
 */
export const ABSOLUTE_UPDATE = {
  phase: (): Phase => 'update',
  bucket: 'update',
  manual: false,
  landed: (): boolean => false,
  deletes: false,
  suspends: false,
  wouldProvide: (): undefined => undefined,
  harm: (): undefined => undefined,
} as const;
