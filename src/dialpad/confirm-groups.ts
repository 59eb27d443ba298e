/**
 * Re-reads that settle an ambiguous group write (see `confirm-writes.ts` for the contract: the
 * write's result if it took effect, `undefined` if not, a throw if the re-read fails).
 */
import { groupNameOf } from '../model/groups.js';
import { ApiError } from './api-error.js';
import type { ApiCreateGroup, ApiDepartment, ApiUser, Int64 } from './api-types.js';
import type { GroupEndpoints, GroupPath } from './client-groups.js';

/** A create took effect if a group of the kind with this name exists in this office now. */
export async function confirmCreateGroup(client: Pick<GroupEndpoints, 'listGroups'>, kind: GroupPath, body: ApiCreateGroup): Promise<ApiDepartment | undefined> {
  const wanted = groupNameOf(body.name);
  const groups = await client.listGroups(kind);
  return groups.find((g) => groupNameOf(g.name ?? '') === wanted && String(g.office_id) === String(body.office_id));
}

/** A delete took effect if the group is gone. */
export async function confirmDeleteGroup(client: Pick<GroupEndpoints, 'getGroup'>, kind: GroupPath, id: Int64): Promise<unknown> {
  try {
    await client.getGroup(kind, id);
    return undefined;
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'not_found') return { id };
    throw err;
  }
}

/** An add (`present`) or a removal took effect if the user's `group_details` now shows it. */
export async function confirmOperator(
  client: { getUser(id: Int64): Promise<ApiUser> },
  i: { groupId: Int64; userId: Int64; present: boolean },
): Promise<unknown> {
  const user = await client.getUser(i.userId);
  const member = (user.group_details ?? []).some((g) => String(g.group_id) === String(i.groupId));
  return member === i.present ? user : undefined;
}
