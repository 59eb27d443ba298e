import { RESTORE_WINDOW_HOURS } from '../../model/restore-window.js';
import type { OperationOf, Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * A user whose restore apply waited for (its journal) is created anew: the restore window passed
 * while it waited, and Dialpad anonymized the deleted account. A new account does not have the
 * old one's history, so this is never a silent switch: an error until the user entry says
 * `allow_new_account: true`, then a warning that says what is lost.
 */
export function checkRestoreWindowExpired(ctx: RuleContext): Violation[] {
  const pending = new Map((ctx.pendingRestores ?? []).map((p) => [p.email.toLowerCase(), p]));
  // No restore pending (the usual case): nothing to judge, and no index of every config user to build.
  if (pending.size === 0) return [];
  const desired = new Map(ctx.desired.tenant.users.map((u) => [u.email.toLowerCase(), u]));
  return ctx.operations
    .filter((op): op is OperationOf<'create_user'> => op.kind === 'create_user' && pending.has(op.email.toLowerCase()))
    .map((op) => {
      const email = op.email.toLowerCase();
      const since = pending.get(email)?.since ?? '';
      const allowed = desired.get(email)?.allowNewAccount === true;
      const lost =
        `${op.email}${at(op.source)} was to be restored (apply waited for the manual restore, last at ${since}), but the ` +
        `account is no longer restorable: deleted users can be restored for ${RESTORE_WINDOW_HOURS} h only, then Dialpad ` +
        'anonymizes them (Dialpad help, Manage Your Users). Creating a new account instead loses the old one’s history.';
      return allowed
        ? { code: 'restore_window_expired' as const, severity: 'warning' as const, message: `${lost} The entry says allow_new_account: true, so the plan creates a new account.`, operation_ids: [op.id] }
        : {
            code: 'restore_window_expired' as const,
            severity: 'error' as const,
            message: `${lost} To create a new account anyway, add allow_new_account: true to the entry; to leave them deleted, remove the entry.`,
            operation_ids: [op.id],
          };
    });
}
