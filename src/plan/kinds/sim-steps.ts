/**
 * Building blocks the kind entries share to check and apply their step on a `SimState`: finding
 * the user or office a step needs (or the wait for it), and moving license lines and numbers.
 */
import type { LineType } from '../../model/tenant.js';
import { LINE_LABELS } from '../../model/license-lines.js';
import type { SimGroup, SimOffice, SimState, SimUser } from '../sim-state.js';
import type { Effects, Failure } from './spec.js';

export const lineKey = (office: string, line: LineType): string => `line:${office}:${line}`;
export const userKey = (email: string): string => `user:${email}`;
export const officeKey = (key: string): string => `office:${key}`;
export const numberKey = (number: string): string => `number:${number}`;
export const groupKey = (key: string): string => `group:${key}`;
/** An office's purchased count of one line: the subject of the manual steps that change it (`KindSpec.subject`). */
export const licenseCountKey = (office: string, line: LineType): string => `licenses:${office}:${line}`;
/**
 * A seat in a department (Dialpad caps one at `MAX_DEPARTMENT_OPERATORS`): provided by whatever
 * takes an operator out of it, claimed by every add, so an add runs after the removals the
 * simulation counted on to make room (as lines do for licenses).
 */
export const seatKey = (group: string): string => `seat:${group}`;
/** Provided by a change of a user's license: what a call-center add of a user without an agent license waits for. */
export const licenseKey = (email: string): string => `license:${email}`;
/** Provided by a user's move: what an assign of a number of the destination's country waits for. */
export const arrivalKey = (email: string): string => `arrival:${email}`;

export function isFailure(x: object): x is Failure {
  return 'message' in x && ('code' in x || 'waitsFor' in x);
}

/** The user, unless they do not exist (yet) at this step. */
export function liveUser(sim: SimState, email: string): SimUser | Failure {
  const user = sim.users.get(email);
  if (user === undefined || user.state === 'deleted') {
    return { waitsFor: userKey(email), message: `${email} does not exist (yet) at this step` };
  }
  return user;
}

/** The office, unless it does not exist (yet) at this step. */
export function existingOffice(sim: SimState, key: string): SimOffice | Failure {
  const office = sim.offices.get(key);
  if (office === undefined || !office.exists) return { waitsFor: officeKey(key), message: `office ${key} does not exist (yet) at this step` };
  return office;
}

/** The group, unless it does not exist (yet, or any more) at this step. */
export function existingGroup(sim: SimState, key: string): SimGroup | Failure {
  const group = sim.groups.get(key);
  if (group === undefined || !group.exists) return { waitsFor: groupKey(key), message: `group ${key} does not exist (yet) at this step` };
  return group;
}

/** `insufficient_licenses` unless `office` has an unassigned `line` (no line needed: fine). */
export function needLine(office: SimOffice, line: LineType | undefined, what: string): Failure | undefined {
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

export function takeLine(sim: SimState, office: string, line: LineType | undefined, fx: Effects): void {
  const o = sim.offices.get(office);
  if (o === undefined || line === undefined) return;
  o.free[line] -= 1;
  fx.claims.push(lineKey(office, line));
}

export function giveLine(sim: SimState, office: string, line: LineType | undefined, fx: Effects): void {
  const o = sim.offices.get(office);
  if (o === undefined || line === undefined) return;
  o.free[line] += 1;
  fx.provides.push(lineKey(office, line));
}

/** `email` joins `group` (an existing one): in a department, this takes a seat. */
export function joinGroup(sim: SimState, group: string, email: string, fx: Effects): void {
  const g = sim.groups.get(group);
  if (g === undefined) return;
  if (g.type === 'department' && !g.operators.has(email)) fx.claims.push(seatKey(group));
  g.operators.add(email);
}

/** `email` leaves `group` (if in it): in a department, this frees a seat. */
export function leaveGroup(sim: SimState, group: string, email: string, fx: Effects): void {
  const g = sim.groups.get(group);
  if (g === undefined || !g.operators.delete(email)) return;
  if (g.type === 'department') fx.provides.push(seatKey(group));
}

/** Sends `numbers` from `user` to the reserved pool; `office` is the one they are recorded under. */
export function toPool(sim: SimState, user: SimUser, numbers: string[], office: string, fx: Effects): void {
  for (const n of numbers) {
    // Each number beyond the first holds an additional-number line of the user's office.
    if (user.numbers.includes(n) && user.numbers.length > 1) giveLine(sim, user.office, 'additional_numbers', fx);
    user.numbers = user.numbers.filter((m) => m !== n);
    poolNumber(sim, n, office, fx, user.email);
  }
}

/** Puts `number` in the reserved pool, where a later step may claim it; `user`: who held it, when a user did. */
export function poolNumber(sim: SimState, number: string, office: string, fx: Effects, user?: string): void {
  sim.pool.add(number);
  fx.provides.push(numberKey(number));
  fx.pool.push({ number, direction: 'in', ...(user === undefined ? {} : { user }), office });
}

/** The numbers `user` holds leave the company with them (a pending user's deletion): not pooled. */
export function deleteNumbers(user: SimUser, fx: Effects): void {
  for (const n of user.numbers) {
    fx.claims.push(numberKey(n));
    fx.pool.push({ number: n, direction: 'released', user: user.email, office: user.office });
  }
  user.numbers = [];
}
