import type { Violation } from '../types.js';
import type { RuleContext } from './context.js';

/**
 * From the simulation: adds to a department that holds `MAX_DEPARTMENT_OPERATORS` operators at
 * every position the add could take (help article "Assign Operators to Departments": "Up to 25
 * operators can be assigned to a Department"). Config refuses more than 25 members it declares;
 * this catches operators config does not manage (users whose `departments:` is absent).
 */
export function checkDepartmentOperatorLimit(ctx: RuleContext): Violation[] {
  return ctx.trace.blocked
    .filter((b) => b.code === 'department_operator_limit')
    .map((b) => ({ code: 'department_operator_limit', severity: 'error', message: b.message, operation_ids: [b.id] }));
}
