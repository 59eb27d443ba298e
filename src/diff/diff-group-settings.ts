import { declaresSettings, diffGroupSettings, makeTargetBook, patchGroupSettings } from '../model/group-settings.js';
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
    changes.push(change.groupSettings({ group, ...(found === undefined ? {} : { live: found }), fields, patch: patchGroupSettings(group.settings, have, fields) }));
  }
  return changes;
}
