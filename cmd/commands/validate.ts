import { countOf } from '../../src/plan/plural.js';
import { relative, resolve } from 'node:path';
import { adviseConfig } from '../../src/config/advise.js';
import { loadConfig, resolveConfigPath } from '../../src/config/index.js';
import { loadFixture } from '../../src/emulator/index.js';
import { UsageError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import type { Io } from '../io.js';

/**
 * `dialform validate`: every problem at once as file:line:col, exit 1 if any; warnings about what
 * the config leaves unsaid go to stderr without changing the exit code. With `--emulator`, the
 * fixture the emulator would start from is checked too.
 */
export async function runValidate(opts: { config?: string; emulator?: boolean | string }, io: Io): Promise<number> {
  const desired = await loadConfig(resolveConfigPath(io.cwd, opts.config));
  for (const line of adviseConfig(desired)) io.err(`${line}\n`);
  const { offices, users, groups = [] } = desired.tenant;
  const files = desired.files.length;
  // Groups are named only when the config has some, so the line reads as before otherwise.
  const grouped = groups.length === 0 ? '' : `, ${countOf(groups.length, 'group')}`;
  io.out(`Configuration is valid: ${countOf(offices.length, 'office')}, ${countOf(users.length, 'user')}${grouped} in ${countOf(files, 'file')}.\n`);
  if (opts.emulator !== undefined && opts.emulator !== false) {
    const fixture = typeof opts.emulator === 'string' ? resolve(io.cwd, opts.emulator) : desired.emulatorFixture;
    if (!fixture) throw new UsageError('--emulator without a FIXTURE needs `emulator: { fixture: … }` in the config');
    const company = await loadFixture(fixture);
    io.out(`Emulator fixture is valid: ${relative(io.cwd, fixture)} (${company.users.length} users).\n`);
  }
  return EXIT.ok;
}
