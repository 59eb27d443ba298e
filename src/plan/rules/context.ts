import type { DesiredState, LiveState } from '../../model/tenant.js';
import type { OfficeBook } from '../office-refs.js';
import type { OrderResult } from '../order.js';
import type { UnbalancedLicenses } from '../transfers.js';
import type { Operation, PendingRestore, Violation } from '../types.js';

/** Everything a rule may read. Rules are pure: they return violations and change nothing. */
export interface RuleContext {
  desired: DesiredState;
  live: LiveState;
  /** The plan's operations in final order, ids assigned. */
  operations: Operation[];
  /** The simulation: initial and final state, and the operations no order could make possible. */
  trace: OrderResult;
  book: OfficeBook;
  /** License counts that transfers cannot reach. */
  unbalanced: UnbalancedLicenses[];
  /** Live users the unmanaged-users policy would have deleted or suspended, held back by a partial read. */
  withheld: string[];
  /** Pool numbers `release_unlisted` would have released, held back by a partial read. */
  withheldNumbers?: string[];
  /** Restores apply waited for and never saw done (its journal). */
  pendingRestores?: readonly PendingRestore[];
}

export type Rule = (ctx: RuleContext) => Violation[];

/** ` (users/eng.yaml:14)` when the source is a config position, else ''. */
export function at(source: string | undefined): string {
  return source === undefined || source === 'unmanaged' || source === 'config' ? '' : ` (${source})`;
}
