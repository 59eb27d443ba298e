import type { DesiredState, LiveState } from '../../model/tenant.js';
import type { UserMatch } from '../../model/match-users.js';
import type { OfficeBook } from '../office-refs.js';
import type { OrderResult } from '../order.js';
import type { PendingRestore } from '../../journal-types.js';
import type { Operation, Violation } from '../types.js';

/** Everything a rule may read. Rules are pure: they return violations and change nothing. */
export interface RuleContext {
  desired: DesiredState;
  live: LiveState;
  /** The plan's operations in final order, ids assigned. */
  operations: Operation[];
  /** The simulation: initial and final state, and the operations no order could make possible. */
  trace: OrderResult;
  book: OfficeBook;
  /** What a partial read held back from the plan (`isWithheld`), each list sorted. */
  withheld: Withheld;
  /** Restores apply waited for and never saw done (its journal). */
  pendingRestores?: readonly PendingRestore[];
  /** `matchUsers(desired, live)`, made once for the whole plan. */
  userMatch: UserMatch;
}

/**
 * The changes a partial read holds back, named: live users the unmanaged-users policy would have
 * deleted or suspended (emails), pool numbers `release_unlisted` would have released, groups
 * `unmanaged_groups: delete` would have deleted (`<type label> <name>`), and creates of users and
 * groups whose list is partial (`user <email>`, `<type label> <name>`).
 */
export interface Withheld {
  users: string[];
  numbers: string[];
  groups: string[];
  /** Rooms `unmanaged_rooms: delete` would have deleted (`room <name>`). */
  rooms: string[];
  creates: string[];
}

export type Rule = (ctx: RuleContext) => Violation[];

/** ` (users/eng.yaml:14)` when the source is a config position, else ''. */
export function at(source: string | undefined): string {
  return source === undefined || source === 'unmanaged' || source === 'config' ? '' : ` (${source})`;
}
