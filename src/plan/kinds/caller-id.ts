import type { CallerIdChoice } from '../../model/tenant.js';
import { ABSOLUTE_UPDATE, type KindSpec } from './spec.js';
import { isFailure, liveUser, userKey } from './sim-steps.js';

/** `+14155550177 (group Support)`: a number a user may present, and who holds it. */
function describeChoice(c: CallerIdChoice): string {
  return `${c.number} (${c.heldBy === 'group' ? `group ${c.name ?? '?'}` : c.heldBy === 'office' ? "their office's main line" : 'their own'})`;
}

/** Who holds `number` among what the user may present, for the plan to say; undefined: no one. */
export function findCallerIdHolder(choices: readonly CallerIdChoice[], number: string): CallerIdChoice | undefined {
  return choices.find((c) => c.number === number);
}

/**
 * `POST /users/{id}/caller_id`. A caller ID is `blocked` or a number the user, their office or one
 * of their groups holds, as the caller-ID read shows (`choices`); any other is refused
 * (`caller_id_not_held`) with what the user may present. Nothing else in the plan uses it.
 */
export const setCallerId: KindSpec<'set_caller_id'> = {
  ...ABSOLUTE_UPDATE,
  tieDetail: () => 'caller_id',
  check(sim, op) {
    const user = liveUser(sim, op.target.email);
    if (isFailure(user)) return user;
    if (op.caller_id === 'blocked' || findCallerIdHolder(op.choices, op.caller_id) !== undefined) return undefined;
    const may = op.choices.length === 0 ? 'no number (only blocked)' : op.choices.map(describeChoice).join(', ');
    return {
      code: 'caller_id_not_held',
      message:
        `${op.target.email}'s caller_id ${op.caller_id} is not a number they, their office or one of their groups holds, so Dialpad refuses it. ` +
        `They may present: ${may}. Write one of those or blocked${op.source === 'config' ? '' : ` (${op.source})`}, or give the number to them or to one of their groups first.`,
    };
  },
  apply(_sim, op, fx) {
    fx.claims.push(userKey(op.target.email));
  },
  placement: () => ({ user: 'after' }),
  describe: (op) => {
    const holder = findCallerIdHolder(op.choices, op.caller_id);
    return { marker: '~', action: 'set caller ID', details: holder === undefined ? [] : [`held by: ${describeChoice(holder)}`] };
  },
};
