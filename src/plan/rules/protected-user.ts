import { specOf } from '../kinds/index.js';
import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/** A user in `policy.protected` would be deleted, suspended, moved or lose admin rights. */
export function checkProtectedUser(ctx: RuleContext): Violation[] {
  const protectedEmails = new Set(ctx.desired.policy.protected.map((e) => e.toLowerCase()));
  const out: Violation[] = [];
  for (const op of ctx.operations) {
    if (op.target.type !== 'user' || !protectedEmails.has(op.target.email.toLowerCase())) continue;
    const harm = specOf(op).harm(op, ctx.trace.initial);
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
