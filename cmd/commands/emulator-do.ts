import { resolve } from 'node:path';
import { loadConfig, resolveConfigPath } from '../../src/config/index.js';
import { performOnSavedState, type EmulatorStep, type OfficeSelector } from '../../src/emulator/index.js';
import { UsageError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import { ACCOUNT_TYPES, LINE_TYPES, USER_LICENSES, type AccountType, type LineType } from '../../src/model/tenant.js';
import type { Io } from '../io.js';
import { EMULATOR_STATE } from '../target.js';

/** What `emulator do <step>` was given, before offices are resolved through the config. */
export type StepRequest =
  | { kind: 'transfer_licenses'; from: string; to: string; line: string; count: number }
  | { kind: 'restore_user'; email: string }
  | { kind: 'rename_office'; office: string; name: string }
  | { kind: 'buy_licenses' | 'cancel_licenses'; office: string; line: string; count: number }
  | { kind: 'change_account_type'; accountType: string }
  | { kind: 'analytics' | 'proxy'; emails: string[]; enabled: boolean }
  | { kind: 'scim_create'; email: string; office: string; license: string; firstName?: string; lastName?: string }
  | { kind: 'scim_suspend'; email: string };

/**
 * `dialform emulator do STEP …`: does a plan's manual step on the embedded emulator's saved state
 * (`.dialform/emulator-state.json`), addressed as the plan's instructions address it: offices by
 * config key, users by email. Exit 0 done, 1 refused (with Dialpad's reason).
 */
export async function runEmulatorDo(request: StepRequest, opts: { config?: string }, io: Io): Promise<number> {
  const step = await resolveStep(request, opts, io);
  const done = await performOnSavedState(resolve(io.cwd, EMULATOR_STATE), step);
  io.out(`${done}\n`);
  return EXIT.ok;
}

/** The request with office keys resolved through the config. */
async function resolveStep(request: StepRequest, opts: { config?: string }, io: Io): Promise<EmulatorStep> {
  switch (request.kind) {
    case 'transfer_licenses':
      return resolveTransfer(request, opts, io);
    case 'scim_create':
      return resolveScimCreate(request, opts, io);
    case 'rename_office':
      return { kind: 'rename_office', office: (await readOfficeSelectors(opts, io))(request.office), name: request.name };
    case 'buy_licenses':
    case 'cancel_licenses':
      return { kind: request.kind, office: (await readOfficeSelectors(opts, io))(request.office), line: checkLine(request.line), count: request.count };
    case 'change_account_type':
      if (!(ACCOUNT_TYPES as readonly string[]).includes(request.accountType)) throw new UsageError(`the plan tier must be one of ${ACCOUNT_TYPES.join(', ')}, not "${request.accountType}"`);
      return { kind: 'change_account_type', accountType: request.accountType as AccountType };
    case 'restore_user':
    case 'analytics':
    case 'proxy':
    case 'scim_suspend':
      return request;
    default: {
      const _never: never = request;
      return _never;
    }
  }
}

function checkLine(line: string): LineType {
  if (!(LINE_TYPES as readonly string[]).includes(line)) throw new UsageError(`--kind must be one of ${LINE_TYPES.join(', ')}, not "${line}"`);
  return line as LineType;
}

/** Office keys → the names (or pinned ids) the config gives them; the line name checked. */
async function resolveTransfer(request: Extract<StepRequest, { kind: 'transfer_licenses' }>, opts: { config?: string }, io: Io): Promise<EmulatorStep> {
  const line = checkLine(request.line);
  const office = await readOfficeSelectors(opts, io);
  return { kind: 'transfer_licenses', from: office(request.from), to: office(request.to), line, count: request.count };
}

/**
 * An identity provider's create: the office key resolved through the config, the license checked,
 * names from the email's local part (`ada.lovelace@` → Ada Lovelace) unless given.
 */
async function resolveScimCreate(request: Extract<StepRequest, { kind: 'scim_create' }>, opts: { config?: string }, io: Io): Promise<EmulatorStep> {
  if (!(USER_LICENSES as readonly string[]).includes(request.license)) {
    throw new UsageError(`--license must be one of ${USER_LICENSES.join(', ')}, not "${request.license}"`);
  }
  const office = await readOfficeSelectors(opts, io);
  const [first = request.email, ...rest] = (request.email.split('@')[0] ?? request.email).split(/[._-]+/).filter((p) => p !== '');
  const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  return {
    kind: 'scim_create',
    email: request.email,
    office: office(request.office),
    license: request.license,
    firstName: request.firstName ?? capitalize(first),
    lastName: request.lastName ?? (rest.length === 0 ? capitalize(first) : rest.map(capitalize).join(' ')),
  };
}

/** Office key → the name (or pinned id) the config gives it; a key the config lacks is a usage error. */
async function readOfficeSelectors(opts: { config?: string }, io: Io): Promise<(key: string) => OfficeSelector> {
  const desired = await loadConfig(resolveConfigPath(io.cwd, opts.config));
  return (key) => {
    const found = desired.tenant.offices.find((o) => o.key === key);
    if (found === undefined) {
      throw new UsageError(`office "${key}" is not declared in the config (declared: ${desired.tenant.offices.map((o) => o.key).join(', ') || 'none'})`);
    }
    return found.id === undefined ? { name: found.name } : { name: found.name, id: found.id };
  };
}
