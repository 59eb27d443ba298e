import { ROUTING_STATES, declaresSettings, diffGroupSettings, groupTypeOfTarget, makeTargetBook, patchGroupSettings, type GroupSettings, type TargetBook } from '../model/group-settings.js';
import type { DesiredState, LiveState } from '../model/tenant.js';
import { change, type Change } from './types.js';

/**
 * How config's groups answer against the read (`model/group-settings.ts`): one change per group
 * whose written settings differ, the group created in this plan included (set after its create).
 * A group pinning an id Dialpad does not have is left out, as `diffGroups` leaves it. Pure.
 */
export function diffGroupSettingsOf(desired: DesiredState, live: LiveState): Change[] {
  const book = makeTargetBook(desired, live);
  const liveGroups = new Map(book.liveGroups.map((g) => [g.key, g]));
  const changes: Change[] = [];
  for (const group of desired.tenant.groups ?? []) {
    if (!declaresSettings(group.settings)) continue;
    const found = liveGroups.get(group.key);
    if (found === undefined && group.id !== undefined) continue;
    const have = found?.settings ?? {};
    const fields = diffGroupSettings(group.settings, have, book);
    if (fields.length === 0) continue;
    changes.push(change.groupSettings({ group, ...(found === undefined ? {} : { live: found }), fields, patch: keyTargets(patchGroupSettings(group.settings, have, fields), book) }));
  }
  return changes;
}

/** Group targets named by a Dialpad id get the read's key of that group (apply resolves groups by key); one the read lacks keeps its id only. */
function keyTargets(patch: GroupSettings, book: TargetBook): GroupSettings {
  const routing = patch.routing_options;
  if (routing === undefined) return patch;
  const keyed = Object.fromEntries(
    ROUTING_STATES.map((s) => {
      const rule = routing[s] ?? {};
      const t = rule.target;
      const type = t === undefined ? undefined : groupTypeOfTarget(t.type);
      const found = t?.key === undefined && type !== undefined ? book.liveGroups.find((g) => g.type === type && g.id === t?.id) : undefined;
      return [s, found === undefined || t === undefined ? rule : { ...rule, target: { ...t, key: found.key } }];
    }),
  );
  return { ...patch, routing_options: keyed };
}
