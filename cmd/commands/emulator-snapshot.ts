import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { loadOptionalConfig } from '../../src/config/index.js';
import { readRaw } from '../../src/dialpad/read-raw.js';
import { parseFixture } from '../../src/emulator/index.js';
import { DialformError, UsageError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import { buildSnapshotFixture } from '../../src/snapshot/build-fixture.js';
import { pseudonymizeFixture } from '../../src/snapshot/pseudonymize.js';
import type { Io } from '../io.js';
import { openTarget, type ConnectionOptions } from '../target.js';

export interface SnapshotCommandOptions extends ConnectionOptions {
  config?: string;
  out?: string;
  pseudonymize?: boolean;
  force?: boolean;
}

/**
 * `dialform emulator snapshot`: reads the company (GETs only) into an emulator fixture, written to
 * `-o FILE` (YAML for `.yaml`/`.yml`, else JSON) or stdout. The fixture is checked as the emulator
 * would load it before it is written; an existing file is overwritten only with `--force`, and
 * never through a symbolic link. What neither the API nor the config shows goes to stderr.
 */
export async function runEmulatorSnapshot(opts: SnapshotCommandOptions, io: Io): Promise<number> {
  const found = await loadOptionalConfig(io.cwd, opts.config);
  const target = await openTarget(opts, io, found?.desired);
  let built;
  try {
    const read = await readRaw(target.client, { numbers: 'all', skills: true, rooms: true });
    if (read.incomplete.length > 0) {
      throw new DialformError('live_read_incomplete', `Dialpad could not be read completely (${read.incomplete.join('; ')}); nothing was written. Try again.`);
    }
    const readAt = (target.client.serverTime() ?? new Date()).toISOString();
    built = buildSnapshotFixture(read, { ...(found?.desired === undefined ? {} : { desired: found.desired }), readAt });
  } finally {
    await target.close();
  }
  const fixture = opts.pseudonymize ? pseudonymizeFixture(built.fixture) : built.fixture;
  const yaml = opts.out !== undefined && /\.ya?ml$/i.test(opts.out);
  const text = yaml ? stringify(fixture, { lineWidth: 0 }) : `${JSON.stringify(fixture, null, 2)}\n`;
  parseFixture(text, opts.out === undefined ? 'snapshot.json' : basename(opts.out));
  if (opts.out === undefined) io.out(text);
  else await writeOnce(resolve(io.cwd, opts.out), text, opts.force === true, relative(io.cwd, resolve(io.cwd, opts.out)));
  const users = fixture.users.length;
  const pool = (fixture.numbers ?? []).filter((n) => n.status === 'available').length;
  io.err(
    `Snapshot of ${target.label}${opts.pseudonymize ? ' (pseudonymized)' : ''}: ${fixture.offices.length} office(s), ${users} user(s), ` +
      `${(fixture.numbers ?? []).length} number(s) (${pool} in the reserved pool), ${(fixture.departments ?? []).length} department(s), ` +
      `${(fixture.call_centers ?? []).length} call center(s), ${(fixture.rooms ?? []).length} room(s)${opts.out === undefined ? '' : ` in ${opts.out}`}.\n`,
  );
  for (const note of built.unknown) io.err(`  unknown: ${note}\n`);
  if (opts.out !== undefined) io.err(`Rehearse on it with: dialform plan --emulator ${opts.out} --emulator-reset\n`);
  return EXIT.ok;
}

async function writeOnce(path: string, text: string, force: boolean, shown: string): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (force ? constants.O_TRUNC : constants.O_EXCL);
  let handle;
  try {
    handle = await open(path, flags, 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${shown} exists; nothing was written. Pass --force to overwrite.`);
    if (code === 'ELOOP') throw new UsageError(`${shown} is a symbolic link; nothing was written.`);
    throw new DialformError('file_unusable', `cannot write ${shown}: ${(err as Error).message}`);
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}
