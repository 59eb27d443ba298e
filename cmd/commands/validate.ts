import { adviseConfig } from '../../src/config/advise.js';
import { loadConfig, resolveConfigPath } from '../../src/config/index.js';
import type { Io } from '../io.js';

/**
 * `dialform validate`: every problem at once as file:line:col, exit 1 if any; warnings about what
 * the config leaves unsaid go to stderr without changing the exit code.
 */
export async function runValidate(opts: { config?: string }, io: Io): Promise<number> {
  const desired = await loadConfig(resolveConfigPath(io.cwd, opts.config));
  const { offices, users } = desired.tenant;
  for (const line of adviseConfig(desired)) io.err(`${line}\n`);
  io.out(
    `Configuration is valid: ${offices.length} office${offices.length === 1 ? '' : 's'}, ` +
      `${users.length} user${users.length === 1 ? '' : 's'} in ${desired.files.length} file${desired.files.length === 1 ? '' : 's'}.\n`,
  );
  return 0;
}
