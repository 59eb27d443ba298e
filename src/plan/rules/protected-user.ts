import type { Operation, Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/** What `op` would take away from a protected user, or undefined. */
function harmOf(op: Operation, ctx: RuleContext): string | undefined {
  switch (op.kind) {
    case 'delete_user': return 'be deleted';
    case 'suspend_user': return 'be suspended';
    case 'move_user': return `be moved from ${op.from.name} to ${op.to.name}`;
    case 'update_user': {
      if (op.target.type !== 'user') return undefined;
      const before = ctx.trace.initial.users.get(op.target.email);
      if (before === undefined) return undefined;
      if (op.patch.is_super_admin === false && before.companyAdmin) return 'lose company admin';
      const after = op.patch.admin_offices?.map((o) => o.key);
      const lost = after === undefined ? [] : before.adminOffices.filter((k) => !after.includes(k));
      return lost.length > 0 ? `lose office admin of ${lost.join(', ')}` : undefined;
    }
    default:
      return undefined;
  }
}

/** A user in `policy.protected` would be deleted, suspended, moved or lose admin rights. */
export function checkProtectedUser(ctx: RuleContext): Violation[] {
  const protectedEmails = new Set(ctx.desired.policy.protected.map((e) => e.toLowerCase()));
  const out: Violation[] = [];
  for (const op of ctx.operations) {
    if (op.target.type !== 'user' || !protectedEmails.has(op.target.email.toLowerCase())) continue;
    const harm = harmOf(op, ctx);
    if (harm === undefined) continue;
    out.push({
      code: 'protected_user',
      severity: 'error',
      message:
        `${op.kind} ${op.target.email}: the plan would have this protected user ${harm} (policy.protected). ` +
        (op.source === 'unmanaged'
          ? `They are not in config and policy.unmanaged_users is ${ctx.desired.policy.unmanagedUsers}: add their entry back, or remove them from policy.protected first.`
          : `Change their config entry${at(op.source)} back, or remove them from policy.protected first.`),
      operation_ids: [op.id],
    });
  }
  return out;
}
