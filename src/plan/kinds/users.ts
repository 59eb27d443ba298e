/** Entries for the kinds that create, change, move, suspend, delete or restore a user. */
import { LINE_HOLDING, lineOfLicense } from '../../model/license-lines.js';
import type { UserState } from '../../model/tenant.js';
import type { SimState, SimUser } from '../sim-state.js';
import type { Failure, KindSpec } from './spec.js';
import type { NewNumber, OperationOf, UserTarget } from '../types.js';
import { arrivalKey, deleteNumbers, existingOffice, giveLine, isFailure, leaveGroup, licenseKey, liveUser, needLine, numberKey, officeKey, takeLine, toPool, userKey } from './sim-steps.js';
import { isSameOfficeName } from '../../model/office-names.js';
import { diffPhoneSettings, pickPhoneSettings } from '../../model/phone-settings.js';
import type { LiveState } from '../../model/tenant.js';
import { readUser } from './landed-reads.js';

export const createUser: KindSpec<'create_user'> = {
  phase: () => 'license_claim',
  bucket: 'create',
  manual: false,
  landed(op, live) {
    const user = readUser(live, { type: 'user', email: op.email });
    return user !== undefined && user.state !== 'deleted';
  },
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const office = existingOffice(sim, op.office.key);
    if (isFailure(office)) return office;
    return needLine(office, lineOfLicense(op.license), `create_user ${op.email}`);
  },
  apply(sim, op, fx) {
    fx.claims.push(userKey(op.target.email), officeKey(op.office.key));
    sim.users.set(op.email, {
      email: op.email, office: op.office.key, license: op.license, state: 'active', companyAdmin: false, adminOffices: [], numbers: [],
    });
    takeLine(sim, op.office.key, lineOfLicense(op.license), fx);
    fx.provides.push(userKey(op.email));
  },
  wouldProvide: (op) => userKey(op.email),
  placement: (op) => ({ office: op.office.key }),
  harm: () => undefined,
  describe: (op) => ({ marker: '+', action: 'create user', details: [`${op.first_name} ${op.last_name}`] }),
};

/** Whether a license change frees a line only (early) or needs one (a claim, late); else a plain update. */
function updatePhase(op: OperationOf<'update_user'>, initial: SimState) {
  const user = initial.users.get(op.target.email);
  const to = op.patch.license;
  if (to === undefined || user === undefined) return 'update' as const;
  return lineOfLicense(to) === undefined || lineOfLicense(to) === lineOfLicense(user.license) ? ('license_free' as const) : ('license_claim' as const);
}

export const updateUser: KindSpec<'update_user'> = {
  phase: updatePhase,
  bucket: 'update',
  manual: false,
  landed: hasUpdateLanded,
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const user = liveUser(sim, op.target.email);
    if (isFailure(user)) return user;
    for (const ref of op.patch.admin_offices ?? []) {
      const office = existingOffice(sim, ref.key);
      if (isFailure(office)) return office;
    }
    const license = op.patch.license;
    const line = license === undefined ? undefined : lineOfLicense(license);
    if (line === undefined || line === lineOfLicense(user.license)) return undefined;
    const office = existingOffice(sim, user.office);
    if (isFailure(office)) return office;
    return needLine(office, line, `update_user ${user.email} license ${user.license} → ${license}`);
  },
  apply(sim, op, fx) {
    fx.claims.push(userKey(op.target.email));
    const user = sim.users.get(op.target.email);
    if (user === undefined) return;
    const license = op.patch.license;
    if (license !== undefined && lineOfLicense(license) !== lineOfLicense(user.license)) {
      if (holdsLine(user)) giveLine(sim, user.office, lineOfLicense(user.license), fx);
      takeLine(sim, user.office, lineOfLicense(license), fx);
    }
    if (license !== undefined) user.license = license;
    if (op.patch.is_super_admin !== undefined) user.companyAdmin = op.patch.is_super_admin;
    if (op.patch.admin_offices !== undefined) user.adminOffices = op.patch.admin_offices.map((o) => o.key).sort();
    if (license !== undefined) fx.provides.push(licenseKey(op.target.email));
  },
  wouldProvide: (op) => (op.patch.license === undefined ? undefined : licenseKey(op.target.email)),
  placement: () => ({ user: 'after' }),
  harm(op, initial) {
    const before = initial.users.get(op.target.email);
    if (before === undefined) return undefined;
    if (op.patch.is_super_admin === false && before.companyAdmin) return 'lose company admin';
    const after = op.patch.admin_offices?.map((o) => o.key);
    const lost = after === undefined ? [] : before.adminOffices.filter((k) => !after.includes(k));
    return lost.length > 0 ? `lose office admin of ${lost.join(', ')}` : undefined;
  },
  describe: () => ({ marker: '~', action: 'update user', details: [] }),
};

/**
 * Whether the user's line is certainly theirs (`LINE_HOLDING` yes). Only then does an operation
 * that ends their hold free it: a line that may already be free (a suspended user's) is never
 * counted as freed a second time.
 */
/** Whether every field of an update's patch shows in `live` (its `landed`). */
function hasUpdateLanded(op: OperationOf<'update_user'>, live: LiveState): boolean {
  const user = readUser(live, op.target);
  if (user === undefined) return false;
  const { patch } = op;
  const officeIds = (keys: readonly string[]) => keys.map((key) => live.tenant.offices.find((o) => o.key === key)?.id ?? key).sort();
  return (
    (patch.first_name === undefined || patch.first_name === user.firstName) &&
    (patch.last_name === undefined || patch.last_name === user.lastName) &&
    (patch.license === undefined || patch.license === user.license) &&
    (patch.is_super_admin === undefined || patch.is_super_admin === user.admin.company) &&
    (patch.emails === undefined || patch.emails[0].toLowerCase() === user.email) &&
    diffPhoneSettings(pickPhoneSettings(patch), user.settings).length === 0 &&
    (patch.admin_offices === undefined ||
      (patch.admin_offices.every((o) => o.id !== undefined) &&
        JSON.stringify(patch.admin_offices.map((o) => o.id ?? '').sort()) === JSON.stringify(officeIds(user.admin.offices))))
  );
}

function holdsLine(user: SimUser): boolean {
  return LINE_HOLDING[user.state] === 'yes';
}

/** Whether going to `state` claims a line: the user holds one afterwards and may hold none now. */
function claimsLine(user: SimUser, state: UserState): boolean {
  return LINE_HOLDING[state] === 'yes' && !holdsLine(user);
}

/**
 * A change of `state` between active and suspended: the user must exist. A suspension frees no
 * line (whether Dialpad frees one is not documented for the API); a reactivation claims one
 * (Dialpad's SCIM FAQ: a suspended user "will no longer consume a user license").
 */
function stateChange<K extends 'suspend_user' | 'reactivate_user'>(input: {
  state: 'suspended' | 'active';
  phase: 'suspend' | 'reactivate';
  /** Counted by `too_many_suspensions`. */
  suspends: boolean;
  harm: string | undefined;
  action: string;
}): KindSpec<K> {
  return {
    phase: () => input.phase,
    bucket: 'update',
    manual: false,
    landed: (op: { target: UserTarget }, live) => readUser(live, op.target)?.state === input.state,
    deletes: false,
    suspends: input.suspends,
    tieDetail: () => '',
    check(sim, op: { target: UserTarget }) {
      const user = liveUser(sim, op.target.email);
      if (isFailure(user)) return user;
      if (!claimsLine(user, input.state)) return undefined;
      const office = existingOffice(sim, user.office);
      if (isFailure(office)) return office;
      return needLine(office, lineOfLicense(user.license), `${input.action} ${user.email} (a suspended user may hold no license)`);
    },
    apply(sim, op: { target: UserTarget }, fx) {
      fx.claims.push(userKey(op.target.email));
      const user = sim.users.get(op.target.email);
      if (user === undefined) return;
      if (claimsLine(user, input.state)) takeLine(sim, user.office, lineOfLicense(user.license), fx);
      user.state = input.state;
    },
    wouldProvide: () => undefined,
    placement: () => ({ user: 'after' }),
    harm: () => input.harm,
    describe: () => ({ marker: '~', action: input.action, details: [] }),
  };
}

export const suspendUser = stateChange<'suspend_user'>({ state: 'suspended', phase: 'suspend', suspends: true, harm: 'be suspended', action: 'suspend user' });
export const reactivateUser = stateChange<'reactivate_user'>({ state: 'active', phase: 'reactivate', suspends: false, harm: undefined, action: 'reactivate user' });

/** Takes a line in the destination, frees the user's line in the source (`holdsLine`); an international move pools numbers. */
export const moveUser: KindSpec<'move_user'> = {
  phase: () => 'move',
  bucket: 'move',
  manual: false,
  landed(op, live) {
    const user = readUser(live, op.target);
    const office = live.tenant.offices.find((o) => o.key === user?.office);
    const arrived = office !== undefined && (op.to.id === undefined ? isSameOfficeName(office.name, op.to.name) : office.id === op.to.id);
    if (!arrived || op.new_number === undefined) return arrived;
    // Arrived without the number it gets is part way: running it again finishes it.
    const named = op.new_number.number;
    const held = (user?.numbers ?? []).filter((n) => !op.numbers_to_pool.includes(n));
    return named === undefined ? held.length > 0 : held.includes(named);
  },
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const user = liveUser(sim, op.target.email);
    if (isFailure(user)) return user;
    const office = existingOffice(sim, op.to.key);
    if (isFailure(office)) return office;
    // A user already there (a move finished part way: only its number is left) holds a line there already.
    const arriving = user.office !== op.to.key;
    return (arriving ? needLine(office, lineOfLicense(user.license), `move_user ${user.email} to ${op.to.name}`) : undefined) ?? checkNewNumber(sim, op);
  },
  apply(sim, op, fx) {
    fx.claims.push(userKey(op.target.email));
    const user = sim.users.get(op.target.email);
    if (user === undefined) return;
    fx.claims.push(officeKey(op.to.key));
    if (user.office !== op.to.key) {
      if (holdsLine(user)) giveLine(sim, user.office, lineOfLicense(user.license), fx);
      takeLine(sim, op.to.key, lineOfLicense(user.license), fx);
    }
    // Pooled under the office the user leaves (Dialpad keeps a pool number's office).
    toPool(sim, user, op.numbers_to_pool, op.from.key, fx);
    user.office = op.to.key;
    const named = op.new_number?.number;
    if (named !== undefined) {
      sim.pool.delete(named);
      user.numbers = [named, ...user.numbers];
      fx.claims.push(numberKey(named));
      fx.pool.push({ number: named, direction: 'out', user: user.email, office: op.to.key });
    }
    fx.provides.push(arrivalKey(op.target.email));
  },
  wouldProvide: (op) => arrivalKey(op.target.email),
  // Shown where the user arrives.
  placement: (op) => ({ office: op.to.key }),
  harm: (op) => `be moved from ${op.from.name} to ${op.to.name}`,
  describe: (op) => ({
    marker: '~',
    action: 'move user',
    details: [
      ...(op.numbers_to_pool.length > 0 ? [`numbers sent to the reserved pool, under ${op.from.name}: ${op.numbers_to_pool.join(', ')}`] : []),
      ...(op.new_number === undefined ? [] : [describeNewNumber(op.new_number)]),
    ],
  }),
};

/**
 * The number the move gives the user must be the one the plan names: a named pool number still in
 * the pool at this step; a provisioned one only while the pool holds no number of its country,
 * since Dialpad takes a number it chooses from the reserved pool first (API reference of
 * assign_number) and would hand out a number config keeps or gives someone.
 */
function checkNewNumber(sim: SimState, op: OperationOf<'move_user'>): Failure | undefined {
  const n = op.new_number;
  if (n === undefined) return undefined;
  if (n.number !== undefined) {
    if (sim.pool.has(n.number)) return undefined;
    return { code: 'number_conflict', message: `move_user ${op.target.email}: ${n.number}, the number they get, is not in the reserved pool at this step` };
  }
  const pooled = [...sim.pool].filter((x) => sim.numberCountry(x) === n.country).sort();
  if (pooled.length === 0) return undefined;
  const shown = pooled.slice(0, 5).join(', ') + (pooled.length > 5 ? ` and ${pooled.length - 5} more` : '');
  return {
    code: 'no_safe_new_number',
    message:
      `move_user ${op.target.email} to ${op.to.name}: config lists no numbers for them, and the reserved pool holds ${n.country} numbers at this step ` +
      `that config does not leave free (${shown}: kept in reserved_numbers.keep, given to someone, or sent to the pool by this plan). Dialpad takes a number it chooses from the reserved pool first ` +
      `(API reference of assign_number), so it would hand them one of those. List the number they should get under numbers: in their entry ` +
      `(one of these, taking it out of reserved_numbers.keep), or move them in Dialpad and choose a new number there (see no_safe_new_number in docs/rules.md).`,
  };
}

/** `then holds +1… from the reserved pool` or `then holds a new US number Dialpad provisions, never +1…` (the list cut at five). */
function describeNewNumber(n: NewNumber): string {
  if (n.number !== undefined) return `then holds ${n.number}, from the reserved pool`;
  const shown = n.excluding.slice(0, 5).join(', ');
  const never = n.excluding.length === 0 ? '' : `, never ${shown}${n.excluding.length > 5 ? ` or ${n.excluding.length - 5} more` : ''}`;
  return `then holds a new ${n.country} number Dialpad provisions${never}`;
}

/**
 * Frees the user's line (`holdsLine`) and pools their numbers; restorable for a while (see
 * `reversible`). A pending user's numbers are deleted with them instead (Dialpad help, Add &
 * Remove Team Members: a pending user's number is deleted at once and cannot be restored),
 * recorded as `released`.
 */
export const deleteUser: KindSpec<'delete_user'> = {
  phase: (op, initial) => (initial.users.get(op.target.email)?.state === 'pending' ? 'delete_pending' : 'delete'),
  bucket: 'delete',
  manual: false,
  landed(op, live) {
    const user = readUser(live, op.target);
    return user === undefined || user.state === 'deleted';
  },
  deletes: { counts: 'user' },
  suspends: false,
  tieDetail: () => '',
  check: (sim, op) => existenceOf(sim, op.target.email),
  apply(sim, op, fx) {
    fx.claims.push(userKey(op.target.email));
    const user = sim.users.get(op.target.email);
    if (user === undefined) return;
    if (holdsLine(user)) giveLine(sim, user.office, lineOfLicense(user.license), fx);
    if (user.state === 'pending') deleteNumbers(user, fx);
    else toPool(sim, user, [...user.numbers], user.office, fx);
    user.state = 'deleted';
    // Dialpad drops a deleted user's memberships (the plan removes them first anyway).
    for (const group of sim.groups.keys()) leaveGroup(sim, group, user.email, fx);
    user.companyAdmin = false;
    user.adminOffices = [];
  },
  wouldProvide: () => undefined,
  // Shown under the office the user leaves.
  placement: () => ({ user: 'before' }),
  harm: () => 'be deleted',
  describe: () => ({ marker: '-', action: 'delete user', details: [] }),
};

/** Manual: done in Admin Settings › Deleted Users; apply waits until the account is back. */
export const restoreUser: KindSpec<'restore_user'> = {
  phase: () => 'restore',
  bucket: 'none',
  manual: { verifiedBy: 'api', rehearse: (ops) => ops.map((op) => `dialform emulator do restore-user ${op.target.email}`) },
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const user = sim.users.get(op.target.email);
    if (user === undefined) return undefined;
    const office = existingOffice(sim, user.office);
    if (isFailure(office)) return office;
    return needLine(office, lineOfLicense(user.license), `restore_user ${user.email}`);
  },
  apply(sim, op, fx) {
    fx.claims.push(userKey(op.target.email));
    const user = sim.users.get(op.target.email);
    if (user === undefined) return;
    user.state = 'active';
    takeLine(sim, user.office, lineOfLicense(user.license), fx);
    fx.provides.push(userKey(op.target.email));
  },
  wouldProvide: (op) => userKey(op.target.email),
  placement: () => ({ user: 'after' }),
  harm: () => undefined,
  describe: () => ({ marker: '!', action: 'restore user', details: [] }),
};

function existenceOf(sim: SimState, email: string) {
  const user = liveUser(sim, email);
  return isFailure(user) ? user : undefined;
}
