import type { Violation } from '../types.js';
import type { RuleContext } from './context.js';
import { countOf } from '../plural.js';

/**
 * Guards against mass deletion. `policy.max_deletions` bounds user deletions plus number
 * releases (both are permanent after a while); `policy.max_deletion_percent` bounds user
 * deletions as a share of live active users.
 */
export function checkTooManyDeletions(ctx: RuleContext): Violation[] {
  const { maxDeletions, maxDeletionPercent } = ctx.desired.policy;
  const deletes = ctx.operations.filter((op) => op.kind === 'delete_user');
  const releases = ctx.operations.filter((op) => op.kind === 'release_number');
  const out: Violation[] = [];
  const total = deletes.length + releases.length;
  const checks = [
    ...(deletes.length > 0 ? [`Check that config lists everyone it should (policy.unmanaged_users is ${ctx.desired.policy.unmanagedUsers}).`] : []),
    ...(releases.length > 0 ? ['Check that reserved_numbers.keep lists every pool number to keep (released numbers are lost).'] : []),
  ];
  if (maxDeletions !== undefined && total > maxDeletions) {
    out.push({
      code: 'too_many_deletions',
      severity: 'error',
      message:
        `The plan deletes ${countOf(deletes.length, 'user')} and releases ${countOf(releases.length, 'number')} (${total}), more than ` +
        `policy.max_deletions (${maxDeletions}). ${checks.join(' ')} If the change is intended, raise policy.max_deletions for it.`,
      operation_ids: [...deletes, ...releases].map((op) => op.id),
    });
  }
  const active = ctx.live.tenant.users.filter((u) => u.state === 'active').length;
  if (maxDeletionPercent !== undefined && deletes.length > 0) {
    const percent = active === 0 ? 100 : (deletes.length * 100) / active;
    if (percent > maxDeletionPercent) {
      out.push({
        code: 'too_many_deletions',
        severity: 'error',
        message:
          `The plan deletes ${deletes.length} of ${countOf(active, 'active user')} (${percent.toFixed(1)}%), more than ` +
          `policy.max_deletion_percent (${maxDeletionPercent}%). Check that config lists everyone it should, or raise ` +
          `policy.max_deletion_percent for this change.`,
        operation_ids: deletes.map((op) => op.id),
      });
    }
  }
  return out;
}
