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

/** The `dialform emulator do …` command for a manual step; undefined for an API operation. */
export function describeRehearsalCommand(op: Operation, rehearsal: Rehearsal): string | undefined {
  const email = op.target.type === 'user' ? op.target.email : '';
  switch (op.kind) {
    case 'transfer_licenses': {
      const config = rehearsal.config === undefined ? '' : ` -c ${rehearsal.config}`;
      return `dialform emulator do transfer-licenses --from ${op.from.key} --to ${op.to.key} --kind ${op.line} --count ${op.count}${config}`;
    }
    case 'restore_user':
      return `dialform emulator do restore-user ${email}`;
    case 'grant_analytics':
      return `dialform emulator do grant-analytics ${email}`;
    case 'revoke_analytics':
      return `dialform emulator do revoke-analytics ${email}`;
    case 'grant_proxy':
      return `dialform emulator do grant-proxy ${email}`;
    case 'revoke_proxy':
      return `dialform emulator do revoke-proxy ${email}`;
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
      return undefined;
    default: {
      const _never: never = op;
      return _never;
    }
  }
}

/** `op` with the rehearsal command added to its notes, when it is a manual step. */
export function addRehearsalNote(op: Operation, rehearsal: Rehearsal): Operation {
  const command = describeRehearsalCommand(op, rehearsal);
  return command === undefined ? op : { ...op, notes: [...op.notes, `Rehearsing with --emulator: do it with \`${command}\`.`] };
}
