import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

const PAID: ReadonlySet<string> = new Set(['pro', 'enterprise']);

/**
 * License transfers and user moves need an Advanced/Premium plan (API `account_type` `pro` or
 * `enterprise`). An unknown account type is not judged.
 */
export function checkPlanTierRequired(ctx: RuleContext): Violation[] {
  const tier = ctx.live.tenant.company.accountType;
  if (tier === undefined || PAID.has(tier)) return [];
  return ctx.operations
    .filter((op) => op.kind === 'transfer_licenses' || op.kind === 'move_user')
    .map((op) => ({
      code: 'plan_tier_required' as const,
      severity: 'error' as const,
      message:
        `${op.summary}: the company's plan is "${tier}"; transferring licenses and users between offices needs ` +
        `an Advanced or Premium plan (API account_type pro or enterprise; Dialpad help, Manage Your Users). ` +
        `Upgrade the plan, or keep the ${op.kind === 'move_user' ? 'user in their office' : 'license counts as they are'}${at(op.source)}.`,
      operation_ids: [op.id],
    }));
}
