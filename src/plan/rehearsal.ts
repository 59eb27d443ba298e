/**
 * Rehearsal with `--emulator`: each manual step's instructions also name the `dialform emulator do`
 * command that does the step on the embedded emulator, addressed as the instructions address it
 * (office config keys, emails), so plan → apply (waits) → do the step → apply converges on one
 * machine. Display only (operation `notes`).
 */
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
  const email = op.target.type === 'user' ? op.target.email : '';
  const config = rehearsal.config === undefined ? '' : ` -c ${rehearsal.config}`;
  switch (op.kind) {
    case 'transfer_licenses':
      return [`dialform emulator do transfer-licenses --from ${op.from.key} --to ${op.to.key} --kind ${op.line} --count ${op.count}${config}`];
    case 'restore_user':
      return [`dialform emulator do restore-user ${email}`];
    case 'rename_office':
      return [`dialform emulator do rename-office ${op.target.key} --name ${JSON.stringify(op.name)}${config}`];
    case 'buy_licenses':
      return [`dialform emulator do buy-licenses ${op.target.key} --kind ${op.line} --count ${op.count}${config}`];
    case 'grant_analytics':
    case 'revoke_analytics':
    case 'grant_proxy':
    case 'revoke_proxy':
      return [`dialform emulator do ${op.kind.replace('_', '-')} ${email}`, `dialform confirm ${op.kind}:${email}${config}`];
    case 'create_office':
    case 'create_user':
    case 'update_user':
    case 'suspend_user':
    case 'reactivate_user':
    case 'move_user':
    case 'delete_user':
    case 'assign_number':
    case 'unassign_number':
    case 'release_number':
    case 'create_group':
    case 'rename_group':
    case 'delete_group':
    case 'add_operator':
    case 'remove_operator':
    case 'set_skill':
      return [];
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

/** `op` with the rehearsal commands added to its notes, when it is a manual step. */
export function addRehearsalNote(op: Operation, rehearsal: Rehearsal): Operation {
  const commands = describeRehearsalCommands(op, rehearsal);
  if (commands.length === 0) return op;
  return { ...op, notes: [...op.notes, `Rehearsing with --emulator: do it with ${commands.map((c) => `\`${c}\``).join(', then ')}.`] };
}
