/** Entries for the kinds that act on an office: creating one, and transferring licenses into one. */
import { LINE_LABELS } from '../../model/license-lines.js';
import { countOf } from '../plural.js';
import type { KindSpec } from './spec.js';
import { existingOffice, isFailure, licenseCountKey, lineKey, officeKey } from './sim-steps.js';
import { isSameOfficeName } from '../../model/office-names.js';

export const createOffice: KindSpec<'create_office'> = {
  phase: () => 'create_office',
  bucket: 'create',
  manual: false,
  landed: (op, live) => live.tenant.offices.some((o) => isSameOfficeName(o.name, op.office.name)),
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  // Dialpad's POST /api/v2/offices requires billing details only config can give: without them
  // the step would fail at apply, so the plan is blocked instead (issue 27 #3).
  check(_sim, op) {
    if (op.spec !== undefined) return undefined;
    return {
      code: 'office_create_missing',
      message:
        `create office ${op.office.name} (${op.office.key}): Dialpad has no office by this name, and its config entry` +
        `${op.source === 'config' ? '' : ` (${op.source})`} has no \`create:\` block with the billing details Dialpad requires to create one ` +
        `(POST /api/v2/offices: currency, plan period, billing address, …). Add offices.${op.office.key}.create (docs/config.md), ` +
        `or, if the office exists in Dialpad under another name, point the entry at it by its name or its \`id\`.`,
    };
  },
  apply(sim, op, fx) {
    const office = sim.offices.get(op.office.key);
    if (office !== undefined) office.exists = true;
    fx.provides.push(officeKey(op.office.key));
  },
  wouldProvide: (op) => officeKey(op.office.key),
  placement: (op) => ({ office: op.office.key }),
  harm: () => undefined,
  describe: (op) => ({ marker: '+', action: 'create office', details: [`country: ${op.country}`] }),
};

/** Manual (a purchase): done in Company Settings › Licenses; apply waits until the office has them. */
export const buyLicenses: KindSpec<'buy_licenses'> = {
  // Like a transfer: licenses arrive before the claims that need them.
  phase: () => 'transfer',
  bucket: 'none',
  manual: {
    verifiedBy: 'api',
    rehearse: (ops, config) => ops.map((op) => `dialform emulator do buy-licenses ${op.target.key} --kind ${op.line} --count ${op.count}${config}`),
  },
  deletes: false,
  suspends: false,
  tieDetail: (op) => op.line,
  subject: (op) => licenseCountKey(op.target.key, op.line),
  check(sim, op) {
    const office = existingOffice(sim, op.target.key);
    return isFailure(office) ? office : undefined;
  },
  apply(sim, op, fx) {
    const office = sim.offices.get(op.target.key);
    if (office === undefined) return;
    office.purchased[op.line] += op.count;
    office.free[op.line] += op.count;
    fx.claims.push(officeKey(op.target.key));
    fx.provides.push(lineKey(op.target.key, op.line));
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ office: op.target.key }),
  harm: () => undefined,
  describe: (op) => ({
    marker: '!',
    action: 'buy licenses',
    details: [`apply waits until ${op.target.name} has ${countOf(op.purchased_after, `${LINE_LABELS[op.line]} license`)}`],
  }),
};

/**
 * Manual: licenses more than config asks for that no office takes; cancelling them is up to
 * Dialpad's billing (no API cancels licenses). Like a transfer's source side, only unassigned
 * licenses go, so it waits for the frees before it; apply waits until the office has no more.
 */
export const cancelLicenses: KindSpec<'cancel_licenses'> = {
  phase: () => 'transfer',
  bucket: 'none',
  manual: {
    verifiedBy: 'api',
    rehearse: (ops, config) => ops.map((op) => `dialform emulator do cancel-licenses ${op.target.key} --kind ${op.line} --count ${op.count}${config}`),
  },
  deletes: false,
  suspends: false,
  tieDetail: (op) => op.line,
  subject: (op) => licenseCountKey(op.target.key, op.line),
  check(sim, op) {
    const office = existingOffice(sim, op.target.key);
    if (isFailure(office)) return office;
    if (office.free[op.line] >= op.count) return undefined;
    const label = LINE_LABELS[op.line];
    return {
      code: 'insufficient_licenses',
      message:
        `cancel_licenses ${op.count} ${label} ${op.target.name}: ${op.target.name} has only ` +
        `${countOf(office.free[op.line], `unassigned ${label} license`)} at this step, and only unassigned licenses can be cancelled. ` +
        `Config asks for ${countOf(op.purchased_after, `${label} license`)} there but users there hold more: raise licenses.${op.line} ` +
        `for ${op.target.key}, or free licenses there (delete, move or change the license of users).`,
    };
  },
  apply(sim, op, fx) {
    const office = sim.offices.get(op.target.key);
    if (office === undefined) return;
    office.purchased[op.line] -= op.count;
    office.free[op.line] -= op.count;
    fx.claims.push(lineKey(op.target.key, op.line));
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ office: op.target.key }),
  harm: () => undefined,
  describe: (op) => ({
    marker: '!',
    action: 'cancel licenses',
    details: [`apply waits until ${op.target.name} has ${countOf(op.purchased_after, `${LINE_LABELS[op.line]} license`)}`],
  }),
};

/** Manual: the API cannot rename an office; apply waits until Dialpad shows the new name. */
export const renameOffice: KindSpec<'rename_office'> = {
  phase: () => 'update',
  bucket: 'update',
  manual: {
    verifiedBy: 'api',
    rehearse: (ops, config) => ops.map((op) => `dialform emulator do rename-office ${op.target.key} --name ${JSON.stringify(op.name)}${config}`),
  },
  deletes: false,
  suspends: false,
  tieDetail: () => '',
  check(sim, op) {
    const office = existingOffice(sim, op.target.key);
    return isFailure(office) ? office : undefined;
  },
  apply(_sim, op, fx) {
    fx.claims.push(officeKey(op.target.key));
  },
  wouldProvide: () => undefined,
  placement: (op) => ({ office: op.target.key }),
  harm: () => undefined,
  describe: (op) => ({ marker: '!', action: 'rename office', details: [`apply waits until Dialpad calls it ${op.name}`] }),
};

/** Manual: done in Company Settings › Licenses; apply waits until the destination has them. */
export const transferLicenses: KindSpec<'transfer_licenses'> = {
  phase: () => 'transfer',
  bucket: 'none',
  manual: {
    verifiedBy: 'api',
    rehearse: (ops, config) => ops.map((op) => `dialform emulator do transfer-licenses --from ${op.from.key} --to ${op.to.key} --kind ${op.line} --count ${op.count}${config}`),
  },
  deletes: false,
  suspends: false,
  tieDetail: (op) => `${op.line}:${op.from.key}`,
  // The destination's count of this line, which apply verifies: a transfer of another line waits for nothing of it.
  subject: (op) => licenseCountKey(op.to.key, op.line),
  check(sim, op) {
    const from = existingOffice(sim, op.from.key);
    if (isFailure(from)) return from;
    const to = existingOffice(sim, op.to.key);
    if (isFailure(to)) return to;
    if (from.free[op.line] >= op.count) return undefined;
    const label = LINE_LABELS[op.line];
    return {
      code: 'insufficient_licenses',
      message:
        `transfer_licenses ${op.count} ${label} ${op.from.name} → ${op.to.name}: ${op.from.name} has only ` +
        `${countOf(from.free[op.line], `unassigned ${label} license`)} at this step and only unassigned licenses ` +
        `transfer (Dialpad help: Manage Your Users › Transfer licenses). Free licenses in ${op.from.name} (delete, move or ` +
        `change the license of users there) or lower the transfer by changing licenses.${op.line} in config.`,
    };
  },
  apply(sim, op, fx) {
    const from = sim.offices.get(op.from.key);
    const to = sim.offices.get(op.to.key);
    if (from === undefined || to === undefined) return;
    from.purchased[op.line] -= op.count;
    from.free[op.line] -= op.count;
    to.purchased[op.line] += op.count;
    to.free[op.line] += op.count;
    fx.claims.push(lineKey(op.from.key, op.line), officeKey(op.to.key));
    fx.provides.push(lineKey(op.to.key, op.line));
  },
  wouldProvide: () => undefined,
  // Shown where the licenses arrive.
  placement: (op) => ({ office: op.to.key }),
  harm: () => undefined,
  describe: (op) => ({
    marker: '!',
    action: 'transfer licenses',
    details: [`apply waits until ${op.to.name} has ${countOf(op.to_purchased_after, `${LINE_LABELS[op.line]} license`)}`],
  }),
};
