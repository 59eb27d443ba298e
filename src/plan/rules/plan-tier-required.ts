import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

const PAID: ReadonlySet<string> = new Set(['pro', 'enterprise']);

/**
 * License transfers and user moves need an Advanced/Premium plan (API `account_type` `pro` or
 * `enterprise`). An unknown account type is not judged. A config that asserts
 * `company.account_type` is checked against live too (a warning: the plan tier is read-only
 * through the API, and the transfer/move errors above already block what depends on it).
 */
export function checkPlanTierRequired(ctx: RuleContext): Violation[] {
  const tier = ctx.live.tenant.company.accountType;
  const asserted = ctx.desired.tenant.company.accountType;
  const mismatch: Violation[] =
    asserted !== undefined && tier !== undefined && asserted !== tier
      ? [
          {
            code: 'plan_tier_required',
            severity: 'warning',
            message:
              `The config asserts company.account_type "${asserted}"${at(ctx.desired.tenant.company.source)}, but Dialpad ` +
              `reports "${tier}". The plan tier cannot be changed through the API: change it in Dialpad's billing ` +
              'settings (or with Dialpad support), or correct the config.',
            operation_ids: [],
          },
        ]
      : [];
  if (tier === undefined || PAID.has(tier)) return mismatch;
  return [...mismatch, ...ctx.operations
    .filter((op) => op.kind === 'transfer_licenses' || op.kind === 'move_user')
    .map((op) => ({
      code: 'plan_tier_required' as const,
      severity: 'error' as const,
      message:
        `${op.summary}: the company's plan is "${tier}"; transferring licenses and users between offices needs ` +
        `an Advanced or Premium plan (API account_type pro or enterprise; Dialpad help, Manage Your Users). ` +
        `Upgrade the plan, or keep the ${op.kind === 'move_user' ? 'user in their office' : 'license counts as they are'}${at(op.source)}.`,
      operation_ids: [op.id],
    }))];
}
