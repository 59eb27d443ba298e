import type { Violation } from '../types.js';
import type { RuleContext } from './context.js';

const isActiveAdmin = (u: { state: string; companyAdmin: boolean }): boolean => u.state === 'active' && u.companyAdmin;

/**
 * After the plan at least one active company admin must remain (only company admins can do the
 * manual steps, and only they can manage the company). Judged when the live company has one.
 */
export function checkLastCompanyAdmin(ctx: RuleContext): Violation[] {
  const before: string[] = [];
  for (const u of ctx.trace.initial.users.values()) if (isActiveAdmin(u)) before.push(u.email);
  if (before.length === 0) return [];
  for (const u of ctx.trace.final.users.values()) if (isActiveAdmin(u)) return [];
  const culprits = ctx.operations.filter(
    (op) =>
      op.target.type === 'user' &&
      before.includes(op.target.email) &&
      (op.kind === 'delete_user' || op.kind === 'suspend_user' || (op.kind === 'update_user' && op.patch.is_super_admin === false)),
  );
  return [
    {
      code: 'last_company_admin',
      severity: 'error',
      message:
        `After the plan no active company admin would remain (today: ${before.join(', ')}). Dialpad needs a Company Admin ` +
        `to manage the company and to do manual steps. Keep admin: company on at least one active user in config.`,
      operation_ids: culprits.map((op) => op.id),
    },
  ];
}
