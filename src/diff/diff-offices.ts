import { isSameOfficeName } from '../model/office-names.js';
import { LINE_TYPES, type DesiredState, type LiveState } from '../model/tenant.js';
import { isCompleteE911, isSameE911 } from '../model/e911.js';
import { change, type Change } from './types.js';

/**
 * Office changes: config offices missing live, live offices whose name is not the one config
 * gives (a manual rename: the API cannot rename an office; names compare as offices match,
 * trimmed and case-insensitively, `isSameOfficeName`), and purchased license counts that
 * differ from the desired `licenses` (a missing office counts as 0 purchased), and an E911 address
 * that differs from the complete one config declares (`isSameE911`). Live offices absent
 * from config are not managed.
 */
export function diffOffices(desired: DesiredState, live: LiveState): Change[] {
  const liveByKey = new Map(live.tenant.offices.map((o) => [o.key, o]));
  const changes: Change[] = [];
  for (const office of desired.tenant.offices) {
    const found = liveByKey.get(office.key);
    if (found === undefined) changes.push(change.createOffice(office));
    else if (!isSameOfficeName(found.name, office.name)) changes.push(change.renameOffice(office, found));
    for (const line of LINE_TYPES) {
      const want = office.licenses[line];
      if (want === undefined) continue;
      const have = found?.licenses[line] ?? 0;
      if (want !== have) changes.push(change.officeLicenses(office.key, line, want, have));
    }
    // An address not read (a read that failed is `incomplete_live_read`) is not compared; a new office gets it with `create_office`.
    const want = office.e911;
    if (found?.e911 !== undefined && want !== undefined && isCompleteE911(want) && !isSameE911(want, found.e911)) {
      changes.push(change.officeE911(office, found, found.e911, want));
    }
  }
  return changes;
}
