import type { ApplyApi } from '../apply/types.js';
import { BugError, DialformError } from '../errors.js';
import { GROUP_LABELS, groupNameOf } from '../model/groups.js';
import { compareIds } from '../model/ids.js';
import type { GroupType } from '../model/tenant.js';
import type { DialpadClient } from './client.js';
import type { GroupPath } from './client-groups.js';

type GroupApplyApi = Pick<ApplyApi, 'createGroup' | 'findGroupByName' | 'renameGroup' | 'updateGroupSettings' | 'deleteGroup' | 'addOperator' | 'removeOperator' | 'setSkill'>;

const PATH: Record<GroupType, GroupPath> = { department: 'departments', call_center: 'callcenters' };

/** The group writes apply makes; each labelled with the object, so a failure names the operation. */
export function createGroupApplyApi(client: DialpadClient): GroupApplyApi {
  const api: GroupApplyApi = {
    // Looked up by name right before the write: a group another run (or a person) created since
    // the plan's read is not created twice. Adopting it instead would let this plan change (and
    // a later plan delete) a group nobody reviewed it creating.
    async createGroup({ type, name, officeId }) {
      const existing = await api.findGroupByName(type, name, officeId);
      if (existing !== undefined) {
        throw new DialformError(
          'group_exists',
          `create ${GROUP_LABELS[type]} "${name}": Dialpad already has one of that name in office ${officeId} (id ${existing}), which the plan's read did not show (created since, e.g. by another apply). Nothing was created; plan again.`,
        );
      }
      const group = await client.createGroup(PATH[type], { name, office_id: officeId }, { label: `create ${GROUP_LABELS[type]} "${name}"` });
      return { id: String(group.id) };
    },
    async findGroupByName(type, name, officeId) {
      const wanted = groupNameOf(name);
      const ids = (await client.listGroups(PATH[type]))
        .filter((g) => g.id !== undefined && groupNameOf(g.name ?? '') === wanted && (officeId === undefined || String(g.office_id) === officeId))
        .map((g) => String(g.id))
        .sort(compareIds);
      return ids[0];
    },
    async renameGroup(type, id, name) {
      await client.renameGroup(PATH[type], id, name, { label: `rename ${GROUP_LABELS[type]} ${id} to "${name}"` });
    },
    async updateGroupSettings(type, id, body) {
      await client.updateGroup(PATH[type], id, body, { label: `change how ${GROUP_LABELS[type]} ${id} answers` });
    },
    async deleteGroup(type, id) {
      await client.deleteGroup(PATH[type], id, { label: `delete ${GROUP_LABELS[type]} ${id}` });
    },
    async addOperator({ type, groupId, userId, role, skillLevel, licenseType }) {
      const label = `add user ${userId} to ${GROUP_LABELS[type]} ${groupId} as ${role}`;
      if (type === 'department') {
        // Config and the planner allow departments only their roles (`GROUP_ROLES`).
        if (role === 'supervisor') throw new BugError(`${label}: departments have no supervisor role`);
        await client.addDepartmentOperator(groupId, { operator_id: userId, operator_type: 'user', role }, { label });
        return;
      }
      const license = licenseType === 'agents' || licenseType === 'lite_support_agents' ? { license_type: licenseType } : {};
      await client.addCallCenterOperator(groupId, { user_id: userId, role, ...(skillLevel === undefined ? {} : { skill_level: skillLevel }), ...license }, { label });
    },
    async removeOperator(type, groupId, userId) {
      await client.removeOperator(PATH[type], groupId, userId, { label: `remove user ${userId} from ${GROUP_LABELS[type]} ${groupId}` });
    },
    async setSkill(callCenterId, userId, skillLevel) {
      await client.setOperatorSkill(callCenterId, userId, skillLevel, { label: `set skill of user ${userId} in call center ${callCenterId} to ${skillLevel}` });
    },
  };
  return api;
}
