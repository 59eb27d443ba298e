import { displayPath, loadConfig, resolveConfigPath } from '../../src/config/index.js';
import { mergeConfirmed, readConfirmed, writeConfirmed } from '../../src/config/confirmed-record.js';
import { EXIT } from '../../src/exit-codes.js';
import { confirmSteps, listPendingConfirmations } from '../../src/plan/confirm-steps.js';
import type { Io } from '../io.js';

export interface ConfirmOptions {
  config?: string;
}

/**
 * `dialform confirm [STEP…]`: records, in the confirmations file kept with the config, that the
 * named analytics or proxy steps (which no API shows) are done in Dialpad. Without STEP, lists the
 * steps waiting for confirmation. Reads no API: it records an operator's statement. Exit 0, or 1
 * for a step that is not waiting for confirmation.
 */
export async function runConfirm(steps: string[], opts: ConfirmOptions, io: Io): Promise<number> {
  const path = resolveConfigPath(io.cwd, opts.config);
  const desired = await loadConfig(path);
  const record = await readConfirmed(path);
  if (steps.length === 0) {
    const pending = listPendingConfirmations(desired, record.grants);
    if (pending.length === 0) io.out('Nothing is waiting for confirmation.\n');
    for (const p of pending) io.out(`${p.step}: ${p.emails.join(', ')}\n`);
    return EXIT.ok;
  }
  const added = confirmSteps({ desired, confirmed: record.grants, names: steps, at: new Date() });
  await writeConfirmed(record.path, mergeConfirmed(record.grants ?? [], added));
  for (const g of added) io.out(`confirmed ${g.step} for ${g.email} (${g.attribute}: ${g.value})\n`);
  io.err(
    `Recorded ${added.length} confirmation(s) in ${displayPath(record.path)}. Commit it with the config ` +
      '(it is how later runs, CI included, know these steps are done).\n',
  );
  return EXIT.ok;
}
