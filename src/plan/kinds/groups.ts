/** Entries for the kinds that create, rename or delete a group and change its operators. */
import { GROUP_LABELS, MAX_DEPARTMENT_OPERATORS, isAgentLicense } from '../../model/groups.js';
import type { SimState } from '../sim-state.js';
import type { GroupRef } from '../types.js';
import type { Failure, KindSpec } from './spec.js';
import { existingGroup, existingOffice, groupKey, isFailure, joinGroup, leaveGroup, licenseKey, liveUser, officeKey, poolNumber, userKey } from './sim-steps.js';
import { readGroup, readMembership } from './landed-reads.js';

const labelOf = (g: GroupRef): string => GROUP_LABELS[g.group_type];

/** The precondition of a change to a group itself: the group exists at this step. */
function checkGroupExists(sim: SimState, group: GroupRef): Failure | undefined {
  const found = existingGroup(sim, group.key);
  return isFailure(found) ? found : undefined;
}

export const createGroup: KindSpec<'create_group'> = {
  phase: () => 'create_group',
  bucket: 'create',
  manual: false,
  landed: (op, live) => readGroup(live, { ...op.group, id: undefined }) !== undefined,
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const office = existingOffice(sim, op.group.office.key);
    return isFailure(office) ? office : undefined;
  },
  apply(sim, op, fx) {
    fx.claims.push(officeKey(op.group.office.key));
    const group = sim.groups.get(op.group.key);
    if (group !== undefined) group.exists = true;
    fx.provides.push(groupKey(op.group.key));
  },
  wouldProvide: (op) => groupKey(op.group.key),
  placement: (op) => ({ office: op.group.office.key }),
  harm: () => undefined,
  describe: (op) => ({ marker: '+', action: `create ${labelOf(op.group)}`, details: [] }),
};

export const renameGroup: KindSpec<'rename_group'> = {
  phase: () => 'update',
  bucket: 'update',
  manual: false,
  landed: (op, live) => readGroup(live, op.target)?.name === op.name,
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check: (sim, op) => checkGroupExists(sim, op.target),
  apply(sim, op, fx) {
    fx.claims.push(groupKey(op.target.key));
    const group = sim.groups.get(op.target.key);
    if (group !== undefined) group.name = op.name;
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ office: op.target.office.key }),
  harm: () => undefined,
  describe: (op) => ({ marker: '~', action: `rename ${labelOf(op.target)}`, details: [] }),
};

/**
 * Final: the API has no restore. Its operators lose the membership; licenses are unchanged; its
 * numbers go to the reserved pool (as a deleted user's do), where an assign or a release may take
 * them later in the plan, and count under `policy.max_deletions` with it.
 */
export const deleteGroup: KindSpec<'delete_group'> = {
  phase: () => 'delete_group',
  bucket: 'delete',
  manual: false,
  landed: (op, live) => readGroup(live, op.target) === undefined,
  deletes: { counts: 'group', numbers: (op) => op.numbers_to_pool ?? [] },
  suspends: false,
  tieDetail: () => '',
  check: (sim, op) => checkGroupExists(sim, op.target),
  apply(sim, op, fx) {
    fx.claims.push(groupKey(op.target.key));
    const group = sim.groups.get(op.target.key);
    if (group !== undefined) {
      group.exists = false;
      group.operators.clear();
    }
    for (const n of op.numbers_to_pool ?? []) poolNumber(sim, n, op.target.office.key, fx);
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ office: op.target.office.key }),
  harm: () => undefined,
  describe: (op) => ({
    marker: '-',
    action: `delete ${labelOf(op.target)}`,
    details: op.numbers_to_pool === undefined ? [] : [`numbers sent to the reserved pool: ${op.numbers_to_pool.join(', ')}`],
  }),
};

/**
 * Needs the user and the group to exist; a department holds at most `MAX_DEPARTMENT_OPERATORS`.
 * A call-center operator holds an agent license: Dialpad would switch any other to `license_type`
 * (`AddCallCenterOperatorMessage`), so config requires one and the plan changes the license first
 * (`update_user`, where `insufficient_licenses` judges the line). A user without an agent license
 * at this step therefore waits for that change; the add itself switches nothing and claims no line.
 */
export const addOperator: KindSpec<'add_operator'> = {
  phase: () => 'add_operator',
  bucket: 'update',
  manual: false,
  landed: (op, live) => readMembership(live, op.target, op.group)?.role === op.role,
  deletes: false,
  suspends: false,
  tieDetail: (op) => op.group.key,
  check(sim, op) {
    const user = liveUser(sim, op.target.email);
    if (isFailure(user)) return user;
    const group = existingGroup(sim, op.group.key);
    if (isFailure(group)) return group;
    if (user.state === 'pending') return pendingOperator(user.email, op.group);
    if (group.type === 'department' && !group.operators.has(user.email) && group.operators.size >= MAX_DEPARTMENT_OPERATORS) {
      return departmentFull(op.group, group.operators.size);
    }
    if (op.group.group_type === 'call_center' && !isAgentLicense(user.license)) {
      return { waitsFor: licenseKey(user.email), message: `${user.email} holds license ${user.license}, not an agent license` };
    }
    return undefined;
  },
  apply(sim, op, fx) {
    fx.claims.push(userKey(op.target.email), groupKey(op.group.key));
    if (op.group.group_type === 'call_center') fx.claims.push(licenseKey(op.target.email));
    joinGroup(sim, op.group.key, op.target.email, fx);
  },
  wouldProvide: () => undefined,
  placement: () => ({ user: 'after' }),
  harm: () => undefined,
  describe: () => ({ marker: '+', action: 'add operator', details: [] }),
};

/** Dialpad adds only active and suspended users as operators; an invitee must accept first. */
function pendingOperator(email: string, group: GroupRef): Failure {
  return {
    code: 'pending_user_not_operator',
    message:
      `${email} is pending (invited, not yet accepted): Dialpad adds only active or suspended users to a ${GROUP_LABELS[group.group_type]} ` +
      `(${group.name}). Plan again once they accept the invitation, or leave ${group.name} out of their entry until then.`,
  };
}

function departmentFull(group: GroupRef, count: number): Failure {
  return {
    code: 'department_operator_limit',
    message:
      `department ${group.name} already has ${count} operators at this step; Dialpad allows at most ${MAX_DEPARTMENT_OPERATORS} ` +
      `(help: Assign Operators to Departments). Remove someone from it in config, or use a call center.`,
  };
}

/** Removes the membership, freeing a department seat; no license changes or is released (the OpenAPI says so). */
export const removeOperator: KindSpec<'remove_operator'> = {
  phase: () => 'remove_operator',
  bucket: 'update',
  manual: false,
  landed: (op, live) => readMembership(live, op.target, op.group) === undefined,
  deletes: { counts: 'membership' },
  suspends: false,
  tieDetail: (op) => op.group.key,
  check: (sim, op) => existence(sim, op.target.email, op.group.key),
  apply(sim, op, fx) {
    fx.claims.push(userKey(op.target.email), groupKey(op.group.key));
    leaveGroup(sim, op.group.key, op.target.email, fx);
  },
  wouldProvide: () => undefined,
  placement: () => ({ user: 'before' }),
  harm: () => undefined,
  describe: () => ({ marker: '-', action: 'remove operator', details: [] }),
};

export const setSkill: KindSpec<'set_skill'> = {
  phase: () => 'skill',
  bucket: 'update',
  manual: false,
  // The read carries no skill levels; the PATCH is an absolute value, repeated harmlessly.
  landed: () => false,
  deletes: false,
  suspends: false,
  tieDetail: (op) => op.group.key,
  check: (sim, op) => existence(sim, op.target.email, op.group.key),
  apply(_sim, op, fx) {
    fx.claims.push(userKey(op.target.email), groupKey(op.group.key));
  },
  wouldProvide: () => undefined,
  placement: () => ({ user: 'after' }),
  harm: () => undefined,
  describe: () => ({ marker: '~', action: 'set skill', details: [] }),
};

function existence(sim: SimState, email: string, group: string): Failure | undefined {
  const user = liveUser(sim, email);
  if (isFailure(user)) return user;
  const g = existingGroup(sim, group);
  return isFailure(g) ? g : undefined;
}
