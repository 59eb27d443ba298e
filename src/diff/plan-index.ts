import { indexUsersByEmail, matchUsers, type UserMatch } from '../model/match-users.js';
import type { DesiredState, LiveState, User } from '../model/tenant.js';
import { indexLiveNumbers } from './live-numbers.js';

/**
 * The lookups the differ, the simulation and the rules each make over the same config and read:
 * built once per plan (`planFromRead`) rather than once per stage, as each is a scan of every
 * user. Every stage also builds it itself when not given one, so each stays callable alone.
 */
export interface PlanIndex {
  /** Live users by lower-cased email (`indexUsersByEmail`). */
  liveByEmail: ReadonlyMap<string, User>;
  /** Each config user with the live account it stands for (`matchUsers`). */
  match: UserMatch;
  /** The numbers a live user holds (`indexLiveNumbers`). */
  liveNumbers: (user: User) => readonly string[];
}

export function indexPlanInputs(desired: DesiredState, live: LiveState): PlanIndex {
  const liveByEmail = indexUsersByEmail(live.tenant.users);
  return { liveByEmail, match: matchUsers(desired, live, liveByEmail), liveNumbers: indexLiveNumbers(live) };
}
