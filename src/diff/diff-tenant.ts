import type { DesiredState, LiveState } from '../model/tenant.js';
import type { UnfinishedMove } from '../journal-types.js';
import { diffGroups } from './diff-groups.js';
import { diffGroupSettingsOf } from './diff-group-settings.js';
import { diffNumbers } from './diff-numbers.js';
import { diffOffices } from './diff-offices.js';
import { diffRooms } from './diff-rooms.js';
import { diffUsers, findPartWayMoves } from './diff-users.js';
import { matchOwnedUsers } from './owned-users.js';
import { indexPlanInputs, type PlanIndex } from './plan-index.js';
import type { Change } from './types.js';

/**
 * Everything that differs between config and Dialpad, as data. Pure: no safety decisions here —
 * the planner orders the changes and the rules judge them. `now` is the planning machine's clock,
 * used for `starts_on`/`leaves_on` only when Dialpad sent no `Date` (`LiveState.readAt`). `index`:
 * `indexPlanInputs` of these inputs, when the caller has it already (the planner uses it too).
 * `unfinished`: the journal's moves that give a new number, started and never seen done
 * (`readUnfinishedMoves`), what no read of Dialpad shows.
 */
export function diffTenant(
  desired: DesiredState,
  live: LiveState,
  now?: Date,
  index: PlanIndex = indexPlanInputs(desired, live),
  unfinished: readonly UnfinishedMove[] = [],
): Change[] {
  // Users and numbers are diffed over the same match: made once (a scan of every user on both sides).
  const owned = matchOwnedUsers(desired, live, now, index.match);
  const users = diffUsers(desired, live, now, owned, findPartWayMoves(unfinished, index.liveNumbers));
  return [
    ...diffOffices(desired, live),
    ...users,
    ...diffNumbers(desired, live, now, owned, index.liveNumbers),
    ...diffGroups(desired, live, users, owned.pairs),
    ...diffGroupSettingsOf(desired, live),
    ...diffRooms(desired, live),
  ];
}
