import type { DesiredState, LiveState } from '../model/tenant.js';
import { diffNumbers } from './diff-numbers.js';
import { diffOffices } from './diff-offices.js';
import { diffUsers } from './diff-users.js';
import type { Change } from './types.js';

/**
 * Everything that differs between config and Dialpad, as data. Pure: no safety decisions here —
 * the planner orders the changes and the rules judge them.
 */
export function diffTenant(desired: DesiredState, live: LiveState): Change[] {
  return [...diffOffices(desired, live), ...diffUsers(desired, live), ...diffNumbers(desired, live)];
}
