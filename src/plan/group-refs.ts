import type { DesiredState, LiveState } from '../model/tenant.js';
import type { OfficeBook } from './office-refs.js';
import type { GroupRef } from './types.js';

/**
 * Group references for operations: the config's name (the live one for a group absent from
 * config), the live id when the group exists. Keys are those of the keyed live read (`keyLiveGroups`).
 */
export function createGroupBook(desired: DesiredState, live: LiveState, offices: OfficeBook): (key: string) => GroupRef {
  const want = new Map((desired.tenant.groups ?? []).map((g) => [g.key, g]));
  const have = new Map((live.tenant.groups ?? []).map((g) => [g.key, g]));
  return (key) => {
    const group = want.get(key) ?? have.get(key);
    const id = have.get(key)?.id;
    const base = { group_type: group?.type ?? 'department', key, name: group?.name ?? key, office: offices.ref(group?.office ?? '') };
    return id === undefined ? base : { ...base, id };
  };
}
