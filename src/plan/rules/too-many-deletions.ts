import type { Violation } from '../types.js';
import type { RuleContext } from './context.js';
import { countOf } from '../plural.js';

/**
 * The limits that apply when config sets none, so a careless config (a users file left out)
 * cannot delete a company. As octoDNS refuses to delete more than 30 % of at least 10 records
 * without `--force`, the share applies from 10 active users; as Microsoft Entra's provisioning
 * quarantines a sync above 500 deletions, so does the count.
 */
const DEFAULT_DELETION_LIMITS = { maxDeletions: 500, maxDeletionPercent: 30, percentFromActiveUsers: 10 } as const;

/**
 * Guards against mass deletion. `policy.max_deletions` bounds user deletions, number releases
 * and group deletions together (all permanent, a group at once: the API cannot restore one); `policy.max_deletion_percent` bounds user
 * deletions as a share of live active users. Unset, each has its default
 * (`DEFAULT_DELETION_LIMITS`; the share's only from 10 active users).
 */
export function checkTooManyDeletions(ctx: RuleContext): Violation[] {
  const limits = deletionLimits(ctx);
  const maxDeletions = limits.maxDeletions.value;
  const maxDeletionPercent = limits.maxDeletionPercent?.value;
  const deletes = ctx.operations.filter((op) => op.kind === 'delete_user');
  const releases = ctx.operations.filter((op) => op.kind === 'release_number');
  const groups = ctx.operations.filter((op) => op.kind === 'delete_group');
  const out: Violation[] = [];
  const total = deletes.length + releases.length + groups.length;
  const checks = [
    ...(deletes.length > 0 ? [`Check that config lists everyone it should (policy.unmanaged_users is ${ctx.desired.policy.unmanagedUsers}).`] : []),
    ...(releases.length > 0 ? ['Check that reserved_numbers.keep lists every pool number to keep (released numbers are lost).'] : []),
    ...(groups.length > 0 ? [`Check that config lists every department and call centre to keep (policy.unmanaged_groups is delete; a deleted group cannot be restored).`] : []),
  ];
  if (total > maxDeletions) {
    out.push({
      code: 'too_many_deletions',
      severity: 'error',
      message:
        `The plan deletes ${countOf(deletes.length, 'user')}${groups.length > 0 ? ` and ${countOf(groups.length, 'group')}` : ''} and releases ${countOf(releases.length, 'number')} (${total}), more than ` +
        `policy.max_deletions (${maxDeletions}${limits.maxDeletions.isDefault ? ', the default' : ''}). ${checks.join(' ')} If the change is intended, raise policy.max_deletions for it.`,
      operation_ids: [...deletes, ...releases, ...groups].map((op) => op.id),
    });
  }
  const active = limits.active;
  if (maxDeletionPercent !== undefined && deletes.length > 0) {
    const percent = active === 0 ? 100 : (deletes.length * 100) / active;
    if (percent > maxDeletionPercent) {
      out.push({
        code: 'too_many_deletions',
        severity: 'error',
        message:
          `The plan deletes ${deletes.length} of ${countOf(active, 'active user')} (${percent.toFixed(1)}%), more than ` +
          `policy.max_deletion_percent (${maxDeletionPercent}%${limits.maxDeletionPercent?.isDefault === true ? ', the default' : ''}). Check that config lists everyone it should, or raise ` +
          `policy.max_deletion_percent for this change.`,
        operation_ids: deletes.map((op) => op.id),
      });
    }
  }
  return out;
}

interface Limit {
  value: number;
  isDefault: boolean;
}

/** The limits in force: config's, else the defaults (the share's only from enough active users). */
function deletionLimits(ctx: RuleContext): { maxDeletions: Limit; maxDeletionPercent?: Limit; active: number } {
  const { maxDeletions, maxDeletionPercent } = ctx.desired.policy;
  const active = ctx.live.tenant.users.filter((u) => u.state === 'active').length;
  const percent: Limit | undefined =
    maxDeletionPercent !== undefined
      ? { value: maxDeletionPercent, isDefault: false }
      : active >= DEFAULT_DELETION_LIMITS.percentFromActiveUsers
        ? { value: DEFAULT_DELETION_LIMITS.maxDeletionPercent, isDefault: true }
        : undefined;
  return {
    maxDeletions: maxDeletions === undefined ? { value: DEFAULT_DELETION_LIMITS.maxDeletions, isDefault: true } : { value: maxDeletions, isDefault: false },
    ...(percent === undefined ? {} : { maxDeletionPercent: percent }),
    active,
  };
}
