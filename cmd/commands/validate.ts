import { countOf } from '../../src/plan/plural.js';
import { relative, resolve } from 'node:path';
import { adviseConfig } from '../../src/config/advise.js';
import { readConfirmed } from '../../src/config/confirmed-record.js';
import { loadConfig, resolveConfigPath } from '../../src/config/index.js';
import { UsageError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import type { Io } from '../io.js';

/**
 * `dialform validate`: every problem at once as file:line:col, exit 1 if any; warnings about what
 * the config leaves unsaid go to stderr without changing the exit code. The confirmations file
 * kept with the config is read as `plan` reads it, so one that `plan` would refuse (malformed, or
 * not a regular file) fails here too. With `--emulator`, the fixture the emulator would start from
 * is checked too. `--format json` prints one document, `{"valid": true, "files", "offices",
 * "users", "groups", "rooms", "warnings"}` (the same warnings, as lines; and `"emulator_fixture": {"file",
 * "users"}` with `--emulator`); a failure prints the error document instead (docs/errors.md).
 * `plan` prints the same warnings (`adviseConfig`, their one home).
 */
export async function runValidate(opts: { config?: string; emulator?: boolean | string; format?: 'text' | 'json' }, io: Io): Promise<number> {
  const configPath = resolveConfigPath(io.cwd, opts.config);
  const desired = await loadConfig(configPath);
  await readConfirmed(configPath);
  const warnings = adviseConfig(desired);
  for (const line of warnings) io.err(`${line}\n`);
  const { offices, users, groups = [], rooms = [] } = desired.tenant;
  const files = desired.files.length;
  let fixture: { file: string; users: number } | undefined;
  if (opts.emulator !== undefined && opts.emulator !== false) {
    const path = typeof opts.emulator === 'string' ? resolve(io.cwd, opts.emulator) : desired.emulatorFixture;
    if (!path) throw new UsageError('--emulator without a FIXTURE needs `emulator: { fixture: … }` in the config');
    fixture = { file: relative(io.cwd, path), users: (await (await import('../../src/emulator/fixture.js')).loadFixture(path)).users.length };
  }
  if (opts.format === 'json') {
    const result = { valid: true, files, offices: offices.length, users: users.length, groups: groups.length, rooms: rooms.length, warnings, ...(fixture ? { emulator_fixture: fixture } : {}) };
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  // Groups and rooms are named only when the config has some, so the line reads as before otherwise.
  const grouped = groups.length === 0 ? '' : `, ${countOf(groups.length, 'group')}`;
  const roomed = rooms.length === 0 ? '' : `, ${countOf(rooms.length, 'room')}`;
  io.out(`Configuration is valid: ${countOf(offices.length, 'office')}, ${countOf(users.length, 'user')}${grouped}${roomed} in ${countOf(files, 'file')}.\n`);
  if (fixture) io.out(`Emulator fixture is valid: ${fixture.file} (${fixture.users} users).\n`);
  return EXIT.ok;
}
