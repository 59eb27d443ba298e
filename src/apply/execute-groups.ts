/**
 * How apply carries out the group kinds (whether each one's write shows in a fresh read is the
 * kind's `landed`, in `plan/kinds/groups.ts`). Groups created earlier in the same run have no id in the
 * plan: they are resolved by type, name and office and remembered.
 */
import { DialformError } from '../errors.js';
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
  // run) is settled by the kind's `landed` (`plan/kinds/groups.ts`), an ambiguous answer by the client's `confirmCreateGroup`.
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
