/**
 * The manual steps of a plan, done on an emulator's state the way the plan's instructions name
 * them (emails, offices by name or id, license line names), not by the console's numeric ids:
 * what `dialform emulator do` runs on the embedded emulator's saved state. Each step goes through
 * the same business rules as the console (`rules.ts`); a step Dialpad would refuse is refused.
 */
import { DialformError } from '../errors.js';
import { LINE_FIELD } from '../model/license-lines.js';
import { officeNameKey } from '../model/office-names.js';
import type { AccountType, LineType } from '../model/tenant.js';
import { HttpFailure } from './http-failure.js';
import { getAvailable, getPurchased } from './licenses.js';
import { addUser, restoreUser, transferLicenses } from './rules.js';
import { digestEmail, type Store } from './store.js';
import { RESTORE_WINDOW_HOURS } from '../model/restore-window.js';
import type { FixtureOffice, FixtureUser } from './types.js';

/** An office as config knows it: by its name, or by the live id config pins. */
export interface OfficeSelector {
  name: string;
  id?: string;
}

/**
 * One step `dialform emulator do` performs on the emulator (not the plan's `ManualStep`, which is
 * a manual operation's record in a plan).
 */
export type EmulatorStep =
  | { kind: 'transfer_licenses'; from: OfficeSelector; to: OfficeSelector; line: LineType; count: number }
  | { kind: 'restore_user'; email: string }
  /** Admin Settings › Offices › office › Office settings: the office name (no API renames an office). */
  | { kind: 'rename_office'; office: OfficeSelector; name: string }
  /** Company Settings › Licenses: buy licenses of a line for an office (no API buys licenses). */
  | { kind: 'buy_licenses'; office: OfficeSelector; line: LineType; count: number }
  /** Company Settings › Licenses (billing): cancel unassigned licenses of a line in an office (no API cancels licenses). */
  | { kind: 'cancel_licenses'; office: OfficeSelector; line: LineType; count: number }
  /** Dialpad's billing: change the company's plan tier (no API changes it). */
  | { kind: 'change_account_type'; accountType: AccountType }
  | { kind: 'analytics' | 'proxy'; emails: string[]; enabled: boolean }
  /**
   * What an identity provider does through SCIM (docs/lifecycle.md), for rehearsing
   * `lifecycle: external`: create an active user in an office, or suspend one.
   */
  | { kind: 'scim_create'; email: string; office: OfficeSelector; license: string; firstName: string; lastName: string }
  | { kind: 'scim_suspend'; email: string };

/**
 * Performs `step` on `store`; returns one line saying what was done. Throws
 * `emulator_step_refused` when an office or user cannot be found or Dialpad's rules forbid it.
 */
export function performManualStep(store: Store, step: EmulatorStep): string {
  try {
    return perform(store, step);
  } catch (error) {
    if (error instanceof HttpFailure) throw new DialformError('emulator_step_refused', `${describeStep(step)}: ${error.message}`);
    throw error;
  }
}

function perform(store: Store, step: EmulatorStep): string {
  switch (step.kind) {
    case 'transfer_licenses': {
      const from = findOffice(store, step.from);
      const to = findOffice(store, step.to);
      transferLicenses(store, from, to, LINE_FIELD[step.line], step.count);
      return `Transferred ${step.count} ${step.line} license(s) from ${from.name} to ${to.name}.`;
    }
    case 'restore_user': {
      // As Dialpad would by now: a user past the window is anonymized before it is looked for.
      store.sweepDeletedUsers();
      if (wasAnonymized(store, step.email)) {
        throw new HttpFailure(400, `the ${RESTORE_WINDOW_HOURS}-hour restore window passed: Dialpad anonymized the deleted account, so it can no longer be restored`);
      }
      const user = findUser(store, step.email, (u) => u.state === 'deleted' && u.anonymized !== true);
      restoreUser(store, user);
      return `Restored ${step.email}.`;
    }
    case 'rename_office': {
      const office = findOffice(store, step.office);
      const before = office.name;
      office.name = step.name;
      store.touch();
      return `Renamed office ${before} to ${step.name}.`;
    }
    case 'buy_licenses': {
      const office = findOffice(store, step.office);
      const field = LINE_FIELD[step.line];
      office.licenses = { ...office.licenses, [field]: (office.licenses?.[field] ?? 0) + step.count };
      store.touch();
      return `Bought ${step.count} ${step.line} license(s) for ${office.name}.`;
    }
    case 'change_account_type': {
      const before = store.state.company.account_type;
      store.state.company.account_type = step.accountType;
      store.touch();
      return `Changed the company's plan tier from ${before ?? '(none)'} to ${step.accountType}.`;
    }
    case 'cancel_licenses': {
      const office = findOffice(store, step.office);
      const field = LINE_FIELD[step.line];
      // Only unassigned licenses can be cancelled.
      const available = getAvailable(store.state, office)[field];
      if (available < step.count) throw new HttpFailure(400, `${office.name} has only ${available} unassigned ${step.line} license(s)`);
      office.licenses = { ...office.licenses, [field]: getPurchased(office)[field] - step.count };
      store.touch();
      return `Cancelled ${step.count} ${step.line} license(s) of ${office.name}.`;
    }
    case 'analytics':
    case 'proxy': {
      // All or nothing, like the bulk checkbox action: every user is found before any changes.
      const users = step.emails.map((email) => findUser(store, email, (u) => u.state !== 'deleted' && u.state !== 'cancelled'));
      for (const user of users) user[step.kind] = step.enabled;
      store.touch();
      return `${step.enabled ? 'Granted' : 'Revoked'} ${step.kind === 'analytics' ? 'analytics' : 'proxy access'} ${step.enabled ? 'to' : 'from'} ${step.emails.join(', ')}.`;
    }
    case 'scim_create': {
      const office = findOffice(store, step.office);
      addUser(store, { email: step.email.toLowerCase(), office, license: step.license, firstName: step.firstName, lastName: step.lastName });
      return `Created ${step.email} in ${office.name} (${step.license}), as the identity provider would through SCIM.`;
    }
    case 'scim_suspend': {
      const user = findUser(store, step.email, (u) => u.state === 'active' || u.state === 'pending');
      user.state = 'suspended';
      store.touch();
      return `Suspended ${step.email}, as the identity provider would through SCIM.`;
    }
    default: {
      const _never: never = step;
      return _never;
    }
  }
}

function describeStep(step: EmulatorStep): string {
  switch (step.kind) {
    case 'transfer_licenses':
      return `transfer ${step.count} ${step.line} license(s) from ${step.from.name} to ${step.to.name}`;
    case 'restore_user':
      return `restore ${step.email}`;
    case 'rename_office':
      return `rename office ${step.office.name} to ${step.name}`;
    case 'change_account_type':
      return `change the plan tier to ${step.accountType}`;
    case 'cancel_licenses':
      return `cancel ${step.count} ${step.line} license(s) of ${step.office.name}`;
    case 'buy_licenses':
      return `buy ${step.count} ${step.line} license(s) for ${step.office.name}`;
    case 'analytics':
    case 'proxy':
      return `${step.enabled ? 'grant' : 'revoke'} ${step.kind} for ${step.emails.join(', ')}`;
    case 'scim_create':
      return `create ${step.email} in ${step.office.name} (SCIM)`;
    case 'scim_suspend':
      return `suspend ${step.email} (SCIM)`;
    default: {
      const _never: never = step;
      return _never;
    }
  }
}

/** The office with the pinned id, else the one with the name (as `match-offices` matches them). */
function findOffice(store: Store, selector: OfficeSelector): FixtureOffice {
  const found =
    selector.id === undefined
      ? store.state.offices.find((o) => officeNameKey(o.name) === officeNameKey(selector.name))
      : store.findOffice(selector.id);
  if (found === undefined) throw new HttpFailure(404, `no office ${selector.id === undefined ? `named "${selector.name}"` : `with id ${selector.id}`} in the emulated company`);
  return found;
}

/** The user with `email` as primary email (case-insensitive) among those `eligible`. */
/** Whether a deleted user of `email` was anonymized (the window passed) and no user of it is left. */
function wasAnonymized(store: Store, email: string): boolean {
  const wanted = email.toLowerCase();
  if (store.state.users.some((u) => u.emails[0]?.toLowerCase() === wanted)) return false;
  const digest = digestEmail(wanted);
  return store.state.users.some((u) => u.anonymized === true && u.anonymized_email_sha256 === digest);
}

function findUser(store: Store, email: string, eligible: (u: FixtureUser) => boolean): FixtureUser {
  const wanted = email.toLowerCase();
  const found = store.state.users.find((u) => eligible(u) && u.emails[0]?.toLowerCase() === wanted);
  if (found === undefined) {
    const other = store.state.users.find((u) => u.emails[0]?.toLowerCase() === wanted);
    throw new HttpFailure(404, other === undefined ? `no user ${email} in the emulated company` : `${email} is ${other.state}`);
  }
  return found;
}
