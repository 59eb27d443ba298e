import type { ConfigOwners } from '../model/config-owners.js';
import type { Plan } from '../plan/types.js';
import { describeOutsideReach, findOutsideReach } from './blast-radius.js';
import type { PlanScope } from './scope-plan.js';

/**
 * The trailer of a scoped plan (pure): the scope, and each operation that reaches outside it with
 * the owners whose approval it needs too (`findOutsideReach`).
 */
export function renderScopeReach(plan: Plan, scope: PlanScope, owners: ConfigOwners): string {
  const outside = describeOutsideReach(findOutsideReach(plan.operations, scope.offices, owners));
  const head = `Scoped plan: office ${scope.offices.join(', office ')} only; it cannot be applied (apply plans the whole config).\n`;
  if (outside.length === 0) return `\n${head}Every operation stays inside the scope.\n`;
  return `\n${head}Operations that reach outside the scope need those owners' approval too:\n${outside.map((l) => `  ${l}\n`).join('')}`;
}
