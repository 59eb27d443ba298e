import { resolve } from 'node:path';
import { loadConfig, resolveConfigPath } from '../../src/config/index.js';
import { performOnSavedState, type ManualStep, type OfficeSelector } from '../../src/emulator/index.js';
import { UsageError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import { LINE_TYPES, type LineType } from '../../src/model/tenant.js';
import type { Io } from '../io.js';
import { EMULATOR_STATE } from '../target.js';

/** What `emulator do <step>` was given, before offices are resolved through the config. */
export type StepRequest =
  | { kind: 'transfer_licenses'; from: string; to: string; line: string; count: number }
  | { kind: 'restore_user'; email: string }
  | { kind: 'analytics' | 'proxy'; emails: string[]; enabled: boolean };

/**
 * `dialform emulator do STEP …`: does a plan's manual step on the embedded emulator's saved state
 * (`.dialform/emulator-state.json`), addressed as the plan's instructions address it: offices by
 * config key, users by email. Exit 0 done, 1 refused (with Dialpad's reason).
 */
export async function runEmulatorDo(request: StepRequest, opts: { config?: string }, io: Io): Promise<number> {
  const step = request.kind === 'transfer_licenses' ? await resolveTransfer(request, opts, io) : request;
  const done = await performOnSavedState(resolve(io.cwd, EMULATOR_STATE), step);
  io.out(`${done}\n`);
  return EXIT.ok;
}

/** Office keys → the names (or pinned ids) the config gives them; the line name checked. */
async function resolveTransfer(request: Extract<StepRequest, { kind: 'transfer_licenses' }>, opts: { config?: string }, io: Io): Promise<ManualStep> {
  if (!(LINE_TYPES as readonly string[]).includes(request.line)) {
    throw new UsageError(`--kind must be one of ${LINE_TYPES.join(', ')}, not "${request.line}"`);
  }
  const desired = await loadConfig(resolveConfigPath(io.cwd, opts.config));
  const office = (key: string): OfficeSelector => {
    const found = desired.tenant.offices.find((o) => o.key === key);
    if (found === undefined) {
      throw new UsageError(`office "${key}" is not declared in the config (declared: ${desired.tenant.offices.map((o) => o.key).join(', ') || 'none'})`);
    }
    return found.id === undefined ? { name: found.name } : { name: found.name, id: found.id };
  };
  return { kind: 'transfer_licenses', from: office(request.from), to: office(request.to), line: request.line as LineType, count: request.count };
}
