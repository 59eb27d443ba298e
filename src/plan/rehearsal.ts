/**
 * Rehearsal with `--emulator`: each manual step's instructions also name the `dialform emulator do`
 * command that does the step on the embedded emulator, addressed as the instructions address it
 * (office config keys, emails), so plan → apply (waits) → do the step → apply converges on one
 * machine. Display only (operation `notes`). The commands are each manual kind's `rehearse`.
 */
import { specOf } from './kinds/index.js';
import type { Operation } from './types.js';

export interface Rehearsal {
  /** The `-c` argument as given on the command line, repeated where the step needs the config. */
  config?: string;
}

/**
 * The commands that do a manual step in rehearsal, in order (`dialform emulator do …`, then for a
 * step no API shows, `dialform confirm …`, as apply waits for it with Dialpad too); empty for an
 * API operation.
 */
export function describeRehearsalCommands(op: Operation, rehearsal: Rehearsal): string[] {
  const manual = specOf(op).manual;
  return manual === false ? [] : manual.rehearse(op, rehearsal.config === undefined ? '' : ` -c ${rehearsal.config}`);
}

/** `op` with the rehearsal commands added to its notes, when it is a manual step. */
export function addRehearsalNote(op: Operation, rehearsal: Rehearsal): Operation {
  const commands = describeRehearsalCommands(op, rehearsal);
  if (commands.length === 0) return op;
  return { ...op, notes: [...op.notes, `Rehearsing with --emulator: do it with ${commands.map((c) => `\`${c}\``).join(', then ')}.`] };
}
