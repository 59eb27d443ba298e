/**
 * How apply carries out the group kinds, and whether each one's write shows in a fresh read
 * (`LANDED`, see `execute-operation.ts`). Groups created earlier in the same run have no id in the
 * plan: they are resolved by type, name and office and remembered.
 */
import { DialformError } from '../errors.js';
import { groupNameOf, liveGroupKey, membershipsOf } from '../model/groups.js';
import { liveOfficeKey } from '../model/match-offices.js';
import type { LiveState, User } from '../model/tenant.js';
import type { GroupRef, OfficeRef, OperationOf, UserTarget } from '../plan/types.js';
import type { ApplyApi, OperationOutcome } from './types.js';
import { toWireSettings } from './wire-group-settings.js';

type GroupKind = 'create_group' | 'rename_group' | 'delete_group' | 'add_operator' | 'remove_operator' | 'set_skill' | 'update_group_settings';

/** What the group executors need of apply's context. */
export interface GroupExecution {
  api: ApplyApi;
  groupIds: Map<string, string>;
  resolveUser(target: UserTarget): Promise<string>;
  resolveOffice(ref: OfficeRef): Promise<string>;
}

const DONE: OperationOutcome = { status: 'done' };

export const GROUP_EXECUTORS: { [K in GroupKind]: (op: OperationOf<K>, ctx: GroupExecution) => Promise<OperationOutcome> } = {
  // Always a new group: adopting a live one of the same name would let a later `delete_group` of
  // that live group delete what this created; one of that name found right before the write
  // stops the operation (`group_exists`, see `createGroup`). A create already sent (a resumed
  // run) is settled by `LANDED.create_group`, an ambiguous answer by the client's `confirmCreateGroup`.
  async create_group(op, ctx) {
    const officeId = await ctx.resolveOffice(op.group.office);
    const { id } = await ctx.api.createGroup({ type: op.group.group_type, name: op.group.name, officeId });
    ctx.groupIds.set(op.group.key, id);
    return DONE;
  },
  async rename_group(op, ctx) {
    await ctx.api.renameGroup(op.target.group_type, await resolveGroup(op.target, ctx), op.name);
    return DONE;
  },
  async delete_group(op, ctx) {
    await ctx.api.deleteGroup(op.target.group_type, await resolveGroup(op.target, ctx));
    return DONE;
  },
  async add_operator(op, ctx) {
    const [groupId, userId] = [await resolveGroup(op.group, ctx), await ctx.resolveUser(op.target)];
    await ctx.api.addOperator({
      type: op.group.group_type,
      groupId,
      userId,
      role: op.role,
      ...(op.skill_level === undefined ? {} : { skillLevel: op.skill_level }),
      ...(op.license_type === undefined ? {} : { licenseType: op.license_type }),
    });
    return DONE;
  },
  async remove_operator(op, ctx) {
    await ctx.api.removeOperator(op.group.group_type, await resolveGroup(op.group, ctx), await ctx.resolveUser(op.target));
    return DONE;
  },
  async update_group_settings(op, ctx) {
    const id = await resolveGroup(op.target, ctx);
    await ctx.api.updateGroupSettings(op.target.group_type, id, await toWireSettings(op.settings, (ref) => resolveGroup(ref, ctx), ctx.resolveUser));
    return DONE;
  },
  async set_skill(op, ctx) {
    await ctx.api.setSkill(await resolveGroup(op.group, ctx), await ctx.resolveUser(op.target), op.skill_level);
    return DONE;
  },
};

async function resolveGroup(ref: GroupRef, ctx: GroupExecution): Promise<string> {
  const known = ctx.groupIds.get(ref.key) ?? ref.id;
  if (known !== undefined) return known;
  // A group created by this plan (possibly in an earlier run of it): found by type, name and office.
  const found = await ctx.api.findGroupByName(ref.group_type, ref.name, await ctx.resolveOffice(ref.office));
  if (found === undefined) throw new DialformError('group_not_found', `${ref.group_type.replace('_', ' ')} "${ref.name}" does not exist in Dialpad`);
  ctx.groupIds.set(ref.key, found);
  return found;
}

/** The live group a reference names: by id when the plan knows it, else by type and name. */
function liveGroupOf(live: LiveState, ref: GroupRef) {
  const groups = live.tenant.groups ?? [];
  if (ref.id !== undefined) return groups.find((g) => g.key === liveGroupKey(ref.group_type, ref.id as string) || g.id === ref.id);
  const name = groupNameOf(ref.name);
  // The office as the id-keyed read names it, when the plan knows its id (an office created in the run has none).
  const office = ref.office.id === undefined ? undefined : liveOfficeKey(ref.office.id);
  return groups.find((g) => g.type === ref.group_type && groupNameOf(g.name) === name && (office === undefined || g.office === office));
}

function membershipOf(live: LiveState, user: User | undefined, ref: GroupRef) {
  const group = liveGroupOf(live, ref);
  if (user === undefined || group === undefined) return undefined;
  return (membershipsOf(user, ref.group_type) ?? []).find((m) => m.group === group.key);
}

type FindUser = (live: LiveState, target: UserTarget) => User | undefined;

/** Whether each group kind's write shows in `live` (the fresh read, keyed by live ids). */
export function createGroupLanded(findUser: FindUser): { [K in GroupKind]: (op: OperationOf<K>, live: LiveState) => boolean } {
  return {
    create_group: (op, live) => liveGroupOf(live, { ...op.group, id: undefined } as GroupRef) !== undefined,
    rename_group: (op, live) => liveGroupOf(live, op.target)?.name === op.name,
    delete_group: (op, live) => liveGroupOf(live, op.target) === undefined,
    add_operator: (op, live) => membershipOf(live, findUser(live, op.target), op.group)?.role === op.role,
    remove_operator: (op, live) => membershipOf(live, findUser(live, op.target), op.group) === undefined,
    // The read carries no skill levels; the PATCH is an absolute value, repeated harmlessly.
    set_skill: () => false,
    // The PATCH is absolute per field, so sending it again is harmless.
    update_group_settings: () => false,
  };
}
