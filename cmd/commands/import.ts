import { join, relative, resolve } from 'node:path';
import { findConfigSchemaPath, readConfigSchema } from '../../src/config/schema.js';
import { chooseSchemaReference } from '../../src/import/schema-reference.js';
import { fetchLive } from '../../src/dialpad/index.js';
import { readRoomDeskPhones } from '../../src/dialpad/read-deskphones.js';
import type { ImportExtra } from '../../src/import/import-extras.js';
import { chooseImportReads } from '../../src/import/import-reads.js';
import { DialformError } from '../../src/errors.js';
import { EXIT } from '../../src/exit-codes.js';
import { renderImport } from '../../src/import/render-import.js';
import { writeImportFiles } from '../../src/import/write-import.js';
import type { LifecycleOwner } from '../../src/model/tenant.js';
import type { Io } from '../io.js';
import { openTarget, type ConnectionOptions } from '../target.js';

/**
 * `dialform import -o DIR`: writes config files describing the live company. Refuses to overwrite
 * any existing file unless `--force`, and to write through a symbolic link at all, checking all of
 * them before writing any (`writeImportFiles`).
 */
export async function runImport(opts: ConnectionOptions & { outDir: string; force?: boolean; lifecycle?: LifecycleOwner; with?: ImportExtra[] }, io: Io): Promise<number> {
  const extras = opts.with ?? [];
  const e911 = extras.includes('e911');
  const outDir = resolve(io.cwd, opts.outDir);
  const target = await openTarget(opts, io);
  let result;
  try {
    const read = await fetchLive(target.client, chooseImportReads(extras));
    // `--with deskphones`: one read per room, written as comments.
    const deskPhones = extras.includes('deskphones') ? await readRoomDeskPhones(target.client, read.tenant.rooms ?? []) : undefined;
    const live = deskPhones === undefined ? read : { ...read, incomplete: [...read.incomplete, ...deskPhones.incomplete] };
    if (live.incomplete.length > 0) {
      throw new DialformError('live_read_incomplete', `Dialpad could not be read completely (${live.incomplete.join('; ')}); nothing was written. Try again.`);
    }
    const schemaPath = findConfigSchemaPath();
    const schemaId = String(readConfigSchema().$id);
    result = renderImport(live, {
      schemaPath: (file) => chooseSchemaReference({ file: join(outDir, file), schemaPath, schemaId }),
      ...(opts.lifecycle === undefined ? {} : { lifecycle: opts.lifecycle }),
      e911,
      ...(deskPhones === undefined ? {} : { deskPhones: deskPhones.byRoom }),
    });
  } finally {
    await target.close();
  }

  await writeImportFiles(outDir, result.files, { cwd: io.cwd, force: opts.force });

  const shown = relative(io.cwd, outDir) || '.';
  io.out(`Imported ${result.offices} office(s) and ${result.users} user(s) into ${shown}/:\n`);
  for (const file of result.files) io.out(`  ${join(shown, file.path)}\n`);
  if (result.skipped.length > 0) {
    io.out(`Skipped ${result.skipped.length} user(s) that are deleted or cancelled:\n`);
    for (const s of result.skipped) io.out(`  ${s.email} (${s.state})\n`);
  }
  io.out(`Fill in each office's price_level, then check with: dialform plan -c ${shown}\n`);
  return EXIT.ok;
}
