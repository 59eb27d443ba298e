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
 * step no API shows, `dialform confirm …`, as apply waits for it with Dialpad too); empty for API
 * operations. `ops` are the step's operations, all of one kind (a bulk analytics or proxy step has
 * one per user): the commands do all of them.
 */
export function describeRehearsalCommands(ops: readonly Operation[], rehearsal: Rehearsal): string[] {
  const [first] = ops;
  if (first === undefined) return [];
  const manual = specOf(first).manual;
  return manual === false ? [] : manual.rehearse(ops, rehearsal.config === undefined ? '' : ` -c ${rehearsal.config}`);
}

/**
 * `operations` with the rehearsal commands added to each manual step's notes: every operation of
 * a step gets the commands for the whole step (apply prints one operation's instructions for a
 * bulk step, and following them must do the step, not one user of it).
 */
export function addRehearsalNotes(operations: readonly Operation[], rehearsal: Rehearsal): Operation[] {
  const steps = new Map<string, Operation[]>();
  for (const op of operations) if (op.step !== undefined) steps.set(op.step.id, [...(steps.get(op.step.id) ?? []), op]);
  return operations.map((op) => {
    // An operation outside a step (a rename of an office, a license transfer) is a step of its own.
    const commands = describeRehearsalCommands(op.step === undefined ? [op] : (steps.get(op.step.id) ?? [op]), rehearsal);
    if (commands.length === 0) return op;
    return { ...op, notes: [...op.notes, `Rehearsing with --emulator: do it with ${commands.map((c) => `\`${c}\``).join(', then ')}.`] };
  });
}
