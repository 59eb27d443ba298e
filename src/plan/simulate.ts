/**
 * Preconditions and effects of each operation kind on a `SimState`. `orderOperations` uses them
 * to find an order in which every step is possible; the rules read the resulting trace.
 */
import type { LineType } from '../model/tenant.js';
import { LICENSED_STATES, LINE_LABELS, lineOf, type SimOffice, type SimState, type SimUser } from './sim-state.js';
import type { Operation, RuleCode } from './types.js';
import { countOf } from './plural.js';

/**
 * Why an operation cannot run now: a rule violation, or a wait for another object (a user or an
 * office this plan creates) named by its resource key.
 */
export type Failure = { code: RuleCode; message: string } | { waitsFor: string; message: string };

/**
 * Resource keys an operation consumed and provided, so that ordering can name which earlier
 * operations each one depends on: `line:<office>:<line>`, `number:<e164>`, `user:<email>`, `office:<key>`.
 */
export interface Effects {
  claims: string[];
  provides: string[];
}

const lineKey = (office: string, line: LineType): string => `line:${office}:${line}`;
const userKey = (email: string): string => `user:${email}`;

function liveUser(sim: SimState, email: string): SimUser | Failure {
  const user = sim.users.get(email);
  if (user === undefined || user.state === 'deleted') {
    return { waitsFor: userKey(email), message: `${email} does not exist (yet) at this step` };
  }
  return user;
}

function existingOffice(sim: SimState, key: string): SimOffice | Failure {
  const office = sim.offices.get(key);
  if (office === undefined || !office.exists) return { waitsFor: `office:${key}`, message: `office ${key} does not exist (yet) at this step` };
  return office;
}

const isFailure = (x: object): x is Failure => 'message' in x && ('code' in x || 'waitsFor' in x);

function needLine(office: SimOffice, line: LineType | undefined, what: string): Failure | undefined {
  if (line === undefined || office.free[line] >= 1) return undefined;
  return {
    code: 'insufficient_licenses',
    message:
      `${what}: ${office.name} has no unassigned ${LINE_LABELS[line]} license at this step ` +
      `(${office.purchased[line]} purchased, 0 free). Only unassigned licenses can be assigned ` +
      `(Dialpad help: Manage Your Users › Transfer licenses). Raise licenses.${line} for ${office.key} in config ` +
      `so a transfer is planned, free one first, or buy licenses.`,
  };
}

/** Undefined when `op` can run in `sim` now, else why not. */
export function checkOperation(sim: SimState, op: Operation): Failure | undefined {
  switch (op.kind) {
    case 'create_office':
      return undefined;
    case 'release_number':
      if (sim.pool.has(op.number)) return undefined;
      return { code: 'number_conflict', message: `release_number ${op.number}: the number is not in the reserved pool at this step` };
    case 'create_user': {
      const office = existingOffice(sim, op.office.key);
      if (isFailure(office)) return office;
      return needLine(office, lineOf(op.license), `create_user ${op.email}`);
    }
    case 'restore_user': {
      const user = sim.users.get(op.target.type === 'user' ? op.target.email : '');
      if (user === undefined) return undefined;
      const office = existingOffice(sim, user.office);
      if (isFailure(office)) return office;
      return needLine(office, lineOf(user.license), `restore_user ${user.email}`);
    }
    case 'update_user': {
      const user = liveUser(sim, emailOf(op));
      if (isFailure(user)) return user;
      for (const ref of op.patch.admin_offices ?? []) {
        const office = existingOffice(sim, ref.key);
        if (isFailure(office)) return office;
      }
      const license = op.patch.license;
      const line = license === undefined ? undefined : lineOf(license);
      if (line === undefined || line === lineOf(user.license)) return undefined;
      const office = existingOffice(sim, user.office);
      if (isFailure(office)) return office;
      return needLine(office, line, `update_user ${user.email} license ${user.license} → ${license}`);
    }
    case 'move_user': {
      const user = liveUser(sim, emailOf(op));
      if (isFailure(user)) return user;
      const office = existingOffice(sim, op.to.key);
      if (isFailure(office)) return office;
      return needLine(office, lineOf(user.license), `move_user ${user.email} to ${op.to.name}`);
    }
    case 'transfer_licenses': {
      const from = existingOffice(sim, op.from.key);
      if (isFailure(from)) return from;
      const to = existingOffice(sim, op.to.key);
      if (isFailure(to)) return to;
      if (from.free[op.line] >= op.count) return undefined;
      return {
        code: 'insufficient_licenses',
        message:
          `transfer_licenses ${op.count} ${LINE_LABELS[op.line]} ${op.from.name} → ${op.to.name}: ${op.from.name} has only ` +
          `${countOf(from.free[op.line], `unassigned ${LINE_LABELS[op.line]} license`)} at this step and only unassigned licenses ` +
          `transfer (Dialpad help: Manage Your Users › Transfer licenses). Free licenses in ${op.from.name} (delete, move or ` +
          `change the license of users there) or lower the transfer by changing licenses.${op.line} in config.`,
      };
    }
    case 'assign_number': {
      const user = liveUser(sim, emailOf(op));
      if (isFailure(user)) return user;
      if (sim.pool.has(op.number)) return undefined;
      return {
        code: 'number_conflict',
        message: `assign_number ${op.number} to ${user.email}: the number is not in the reserved pool at this step ` +
          `(assign takes numbers from the pool: dialpad-api.md §5.3). Unassign it from its holder in config first.`,
      };
    }
    case 'unassign_number': {
      const user = liveUser(sim, emailOf(op));
      if (isFailure(user)) return user;
      if (user.numbers.includes(op.number)) return undefined;
      return { code: 'number_conflict', message: `unassign_number ${op.number}: ${user.email} does not hold it at this step` };
    }
    case 'delete_user':
    case 'suspend_user':
    case 'reactivate_user':
    case 'grant_analytics':
    case 'revoke_analytics':
    case 'grant_proxy':
    case 'revoke_proxy': {
      const user = liveUser(sim, emailOf(op));
      return isFailure(user) ? user : undefined;
    }
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

function emailOf(op: Operation): string {
  return op.target.type === 'user' ? op.target.email : '';
}

function takeLine(sim: SimState, office: string, line: LineType | undefined, fx: Effects): void {
  const o = sim.offices.get(office);
  if (o === undefined || line === undefined) return;
  o.free[line] -= 1;
  fx.claims.push(lineKey(office, line));
}

function giveLine(sim: SimState, office: string, line: LineType | undefined, fx: Effects): void {
  const o = sim.offices.get(office);
  if (o === undefined || line === undefined) return;
  o.free[line] += 1;
  fx.provides.push(lineKey(office, line));
}

function toPool(sim: SimState, user: SimUser, numbers: string[], fx: Effects): void {
  for (const n of numbers) {
    user.numbers = user.numbers.filter((m) => m !== n);
    sim.pool.add(n);
    fx.provides.push(`number:${n}`);
  }
}

/** Applies `op` to `sim` (which `checkOperation` accepted) and reports what it consumed and provided. */
export function applyOperation(sim: SimState, op: Operation): Effects {
  const fx: Effects = { claims: [], provides: [] };
  const email = emailOf(op);
  const user = sim.users.get(email);
  if (email !== '') fx.claims.push(userKey(email));
  switch (op.kind) {
    case 'create_office': {
      const office = sim.offices.get(op.office.key);
      if (office !== undefined) office.exists = true;
      fx.provides.push(`office:${op.office.key}`);
      break;
    }
    case 'create_user':
      fx.claims.push(`office:${op.office.key}`);
      sim.users.set(op.email, {
        email: op.email, office: op.office.key, license: op.license, state: 'active', companyAdmin: false, adminOffices: [], numbers: [],
      });
      takeLine(sim, op.office.key, lineOf(op.license), fx);
      fx.provides.push(userKey(op.email));
      break;
    case 'restore_user':
      if (user === undefined) break;
      user.state = 'active';
      takeLine(sim, user.office, lineOf(user.license), fx);
      fx.provides.push(userKey(email));
      break;
    case 'update_user': {
      if (user === undefined) break;
      const license = op.patch.license;
      if (license !== undefined && lineOf(license) !== lineOf(user.license)) {
        giveLine(sim, user.office, lineOf(user.license), fx);
        takeLine(sim, user.office, lineOf(license), fx);
      }
      if (license !== undefined) user.license = license;
      if (op.patch.is_super_admin !== undefined) user.companyAdmin = op.patch.is_super_admin;
      if (op.patch.admin_offices !== undefined) user.adminOffices = op.patch.admin_offices.map((o) => o.key).sort();
      break;
    }
    case 'suspend_user':
      if (user !== undefined) user.state = 'suspended';
      break;
    case 'reactivate_user':
      if (user !== undefined) user.state = 'active';
      break;
    case 'move_user':
      if (user === undefined) break;
      fx.claims.push(`office:${op.to.key}`);
      giveLine(sim, user.office, lineOf(user.license), fx);
      takeLine(sim, op.to.key, lineOf(user.license), fx);
      toPool(sim, user, op.numbers_to_pool, fx);
      user.office = op.to.key;
      break;
    case 'delete_user':
      if (user === undefined) break;
      if (LICENSED_STATES.has(user.state)) giveLine(sim, user.office, lineOf(user.license), fx);
      toPool(sim, user, [...user.numbers], fx);
      user.state = 'deleted';
      user.companyAdmin = false;
      user.adminOffices = [];
      break;
    case 'transfer_licenses': {
      const from = sim.offices.get(op.from.key);
      const to = sim.offices.get(op.to.key);
      if (from === undefined || to === undefined) break;
      from.purchased[op.line] -= op.count;
      from.free[op.line] -= op.count;
      to.purchased[op.line] += op.count;
      to.free[op.line] += op.count;
      fx.claims.push(lineKey(op.from.key, op.line), `office:${op.to.key}`);
      fx.provides.push(lineKey(op.to.key, op.line));
      break;
    }
    case 'assign_number':
      if (user === undefined) break;
      sim.pool.delete(op.number);
      user.numbers = op.primary ? [op.number, ...user.numbers] : [...user.numbers, op.number];
      fx.claims.push(`number:${op.number}`);
      break;
    case 'unassign_number':
      if (user !== undefined) toPool(sim, user, [op.number], fx);
      break;
    case 'release_number':
      sim.pool.delete(op.number);
      fx.claims.push(`number:${op.number}`);
      break;
    case 'grant_analytics':
    case 'revoke_analytics':
    case 'grant_proxy':
    case 'revoke_proxy':
      break;
    default: {
      const _never: never = op;
      return _never;
    }
  }
  return fx;
}
