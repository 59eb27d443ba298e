import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

const PAID: ReadonlySet<string> = new Set(['pro', 'enterprise']);

/**
 * License transfers and user moves need an Advanced/Premium plan (API `account_type` `pro` or
 * `enterprise`). An unknown account type is not judged. A config asserting
 * another `company.account_type` than Dialpad reports is a manual step (`change_account_type`);
 * until it is done, transfers and moves are judged by the tier Dialpad reports.
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
