import { RESTORE_WINDOW_HOURS } from '../../model/restore-window.js';
import type { OperationOf, Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * A config user whose email belongs to a deleted account still listed by the API (so inside the
 * restore window, `RESTORE_WINDOW_HOURS`): the plan restores that account (manual) rather than creating a new one.
 */
export function checkRecentlyDeletedUser(ctx: RuleContext): Violation[] {
  return ctx.operations
    .filter((op): op is OperationOf<'restore_user'> => op.kind === 'restore_user')
    .map((op) => {
      const email = op.target.email;
      const deletedAt = ctx.live.tenant.users.find((u) => u.email === email && u.state === 'deleted')?.deletedAt;
      return {
        code: 'recently_deleted_user' as const,
        severity: 'warning' as const,
        message:
          `${email}${at(op.source)} was deleted${deletedAt === undefined ? '' : ` at ${deletedAt}`} and is still restorable, so ` +
          `the plan restores the account (manual: Admin Settings › Users › Deleted Users) instead of creating a new one, ` +
          `which would lose their history. Deleted users can be restored for ${RESTORE_WINDOW_HOURS} h only; after that their data is anonymized ` +
          `(Dialpad help, Manage Your Users). Restore it before that, or remove the entry if the account should stay deleted.`,
        operation_ids: [op.id],
      };
    });
}
