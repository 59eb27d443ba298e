/** Entries for the kinds that move a number between a user and the reserved pool, or release it. */
import { foreignNumberCountry } from '../../model/international-move.js';
import { at } from '../rules/context.js';
import type { SimState, SimUser } from '../sim-state.js';
import type { OperationOf } from '../types.js';
import type { Failure, KindSpec } from './spec.js';
import { arrivalKey, isFailure, liveUser, needLine, numberKey, takeLine, toPool, userKey } from './sim-steps.js';
import { readUser } from './landed-reads.js';

/**
 * An assign of a number the user's office cannot hold (`foreignNumberCountry`) waits for the
 * user's move to its country; without one it is a `number_conflict`, which the rule of that name
 * reports from config (this `otherwise` only names the code). Also keeps an assign after the
 * international move it depends on.
 */
function checkCountry(sim: SimState, user: SimUser, number: string): Failure | undefined {
  const office = sim.offices.get(user.office);
  if (office === undefined) return undefined;
  const country = foreignNumberCountry(number, office.country, sim.numberCountry(number));
  if (country === undefined) return undefined;
  const message = `assign_number ${number} to ${user.email}: a ${country} number, and their office ${office.name} is in ${office.country.toUpperCase()} at this step`;
  return {
    waitsFor: arrivalKey(user.email),
    message,
    otherwise: { code: 'number_conflict', message: `${message}; Dialpad assigns numbers in the office's country. Use a ${office.country.toUpperCase()} number.` },
  };
}

/**
 * A number beyond a user's first takes an additional-number line of their office
 * (`PlanProto.additional_number_lines`: "each number beyond the first on any target",
 * dialpad-api.md §4.3), as `insufficient_licenses`.
 */
function checkAdditionalLine(sim: SimState, user: SimUser, number: string): Failure | undefined {
  const office = sim.offices.get(user.office);
  if (office === undefined || user.numbers.length === 0) return undefined;
  return needLine(office, 'additional_numbers', `assign_number ${number} to ${user.email}, beside ${user.numbers.join(', ')}`);
}

export const assignNumber: KindSpec<'assign_number'> = {
  phase: () => 'assign',
  bucket: 'update',
  manual: false,
  landed(op, live) {
    const numbers = readUser(live, op.target)?.numbers ?? [];
    return op.primary ? numbers[0] === op.number : numbers.includes(op.number);
  },
  deletes: false,
  suspends: false,
  tieDetail: (op) => op.number,
  check(sim, op) {
    const user = liveUser(sim, op.target.email);
    if (isFailure(user)) return user;
    const country = checkCountry(sim, user, op.number);
    if (country !== undefined) return country;
    if (sim.pool.has(op.number)) return checkAdditionalLine(sim, user, op.number);
    const holder = [...sim.users.values()].find((u) => u.numbers.includes(op.number));
    if (holder !== undefined) return { code: 'number_conflict', message: describeHeldElsewhere(sim, op, holder.email) };
    return {
      code: 'number_conflict',
      message:
        `assign_number ${op.number} to ${user.email}: the number is not in the reserved pool at this step, and Dialpad assigns only numbers from the pool (see number_conflict in docs/rules.md). ` +
        'No user holds it: it is not a number of this company, or it belongs to an office, department or call center. ' +
        'Add it to the company in Dialpad (or free it there) first, or remove it from config.',
    };
  },
  apply(sim, op, fx) {
    // After the user's move, when there is one (an international move needs them without numbers).
    fx.claims.push(userKey(op.target.email), arrivalKey(op.target.email));
    const user = sim.users.get(op.target.email);
    if (user === undefined) return;
    sim.pool.delete(op.number);
    if (user.numbers.length > 0) takeLine(sim, user.office, 'additional_numbers', fx);
    user.numbers = op.primary ? [op.number, ...user.numbers] : [...user.numbers, op.number];
    fx.claims.push(numberKey(op.number));
    fx.pool.push({ number: op.number, direction: 'out', user: user.email, office: user.office });
  },
  wouldProvide: () => undefined,
  placement: () => ({ user: 'after' }),
  harm: () => undefined,
  describe: (op) => ({ marker: '~', action: 'assign number', details: [`${op.number}${op.primary ? ' (primary)' : ''}`] }),
};

/** Why a number another user holds cannot be assigned (config leaves the holder's numbers alone, or the holder is not in config), and the ways out. */
function describeHeldElsewhere(sim: SimState, op: OperationOf<'assign_number'>, holder: string): string {
  const inConfig = sim.config.has(holder);
  const why = inConfig
    ? `${holder} holds it and their entry has no numbers: list, so config does not manage their numbers`
    : `${holder} holds it and is not in config (policy.unmanaged_users is ${sim.config.unmanagedUsers}), so they keep it`;
  const fix = inConfig ? `Add numbers: to ${holder}'s entry without it` : `Add ${holder} to config with numbers: that leave it out`;
  return (
    `${op.summary}: ${why}, and the number would have two owners. Dialpad assigns only numbers in the reserved pool ` +
    `(see number_conflict in docs/rules.md). ${fix}, or remove it here${at(op.source)}.`
  );
}

export const unassignNumber: KindSpec<'unassign_number'> = {
  phase: () => 'unassign',
  bucket: 'update',
  manual: false,
  landed: (op, live) => !(readUser(live, op.target)?.numbers ?? []).includes(op.number),
  deletes: false,
  suspends: false,
  tieDetail: (op) => op.number,
  check(sim, op) {
    const user = liveUser(sim, op.target.email);
    if (isFailure(user)) return user;
    if (user.numbers.includes(op.number)) return undefined;
    return { code: 'number_conflict', message: `unassign_number ${op.number}: ${user.email} does not hold it at this step` };
  },
  apply(sim, op, fx) {
    fx.claims.push(userKey(op.target.email));
    const user = sim.users.get(op.target.email);
    if (user !== undefined) toPool(sim, user, [op.number], user.office, fx);
  },
  wouldProvide: () => undefined,
  placement: () => ({ user: 'after' }),
  harm: () => undefined,
  describe: (op) => ({ marker: '-', action: 'unassign number', details: [`${op.number} goes to the reserved pool`] }),
};

/** Irreversible: the number goes back to Dialpad. */
export const releaseNumber: KindSpec<'release_number'> = {
  phase: () => 'release',
  bucket: 'delete',
  manual: false,
  // The read holds the pool and each user's numbers (phase 1), not every number: a number that
  // left the pool for a user was not released.
  landed: (op, live) => !live.tenant.numbers.some((n) => n.number === op.number) && !live.tenant.users.some((u) => u.numbers?.includes(op.number)),
  deletes: { counts: 'number', numbers: (op) => [op.number] },
  suspends: false,
  tieDetail: (op) => op.number,
  check(sim, op) {
    if (sim.pool.has(op.number)) return undefined;
    return { code: 'number_conflict', message: `release_number ${op.number}: the number is not in the reserved pool at this step` };
  },
  apply(sim, op, fx) {
    sim.pool.delete(op.number);
    fx.claims.push(numberKey(op.number));
    fx.pool.push({ number: op.number, direction: 'released' });
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ number: op.number }),
  harm: () => undefined,
  describe: (op) => ({ marker: '-', action: 'release number', details: [`${op.number} is given back to Dialpad`] }),
};
