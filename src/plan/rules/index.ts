import type { Violation } from '../types.js';
import { checkCountryChangeRequiresAck } from './country-change-requires-ack.js';
import { checkE911AddressIncomplete, checkE911AddressRequired } from './e911-address.js';
import { checkGroupIdNotFound } from './group-id-not-found.js';
import { checkRoomIdNotFound } from './room-id-not-found.js';
import { checkGroupLooksRenamed } from './group-looks-renamed.js';
import type { Rule, RuleContext } from './context.js';
import { checkIncompleteLiveRead } from './incomplete-live-read.js';
import { checkLastCompanyAdmin } from './last-company-admin.js';
import { checkLifecycleStateIgnored } from './lifecycle-state-ignored.js';
import { checkNumberConflict } from './number-conflict.js';
import { checkOfficeCountryMismatch } from './office-country-mismatch.js';
import { checkPendingUserNumberLoss } from './pending-user-number-loss.js';
import { checkPlanTierRequired } from './plan-tier-required.js';
import { checkPriceLevelMismatch } from './price-level-mismatch.js';
import { checkProtectedUser } from './protected-user.js';
import { checkRecentlyDeletedUser } from './recently-deleted-user.js';
import { checkRoutingTargetNotFound } from './routing-target-not-found.js';
import { checkRestoreWindowExpired } from './restore-window-expired.js';
import { checkTooManyDeletions } from './too-many-deletions.js';
import { checkTooManySuspensions } from './too-many-suspensions.js';

export type { Rule, RuleContext, Withheld } from './context.js';

/**
 * Every rule, in the order their violations are listed; after them, `reportBlocked` names each
 * blocked operation with its kind's failure (`insufficient_licenses`, `number_conflict`,
 * `department_operator_limit`, `pending_user_not_operator`), the codes no rule here needs to repeat.
 */
export const RULES: readonly Rule[] = [
  checkIncompleteLiveRead,
  checkOfficeCountryMismatch,
  checkPlanTierRequired,
  checkPriceLevelMismatch,
  checkCountryChangeRequiresAck,
  checkTooManyDeletions,
  checkTooManySuspensions,
  checkProtectedUser,
  checkNumberConflict,
  checkLastCompanyAdmin,
  checkRecentlyDeletedUser,
  checkPendingUserNumberLoss,
  checkRestoreWindowExpired,
  checkGroupIdNotFound,
  checkRoomIdNotFound,
  checkGroupLooksRenamed,
  checkRoutingTargetNotFound,
  checkLifecycleStateIgnored,
  checkE911AddressRequired,
  checkE911AddressIncomplete,
];

/** Runs every rule and returns their violations. */
export function runRules(ctx: RuleContext): Violation[] {
  return RULES.flatMap((rule) => rule(ctx));
}
