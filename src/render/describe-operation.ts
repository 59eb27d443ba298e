/**
 * How values, targets and reversibility are written for a reviewer. The words for each kind are
 * its entry's `describe` in `plan/kinds/`.
 */
import type { Operation, Target } from '../plan/types.js';

/** Display text for a field value: `(none)` for absent, null or empty. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(formatValue).join(', ');
  return JSON.stringify(value);
}

export function formatTarget(target: Target): string {
  switch (target.type) {
    case 'user':
      return target.email;
    case 'office':
      return target.name;
    case 'number':
      return target.number;
    case 'group':
      return target.name;
    case 'company':
      return target.name ?? 'the company';
    default: {
      const _never: never = target;
      return _never;
    }
  }
}

export function formatReversible(reversible: Operation['reversible']): string | undefined {
  if (reversible === 'yes') return undefined;
  if (reversible === 'no') return 'irreversible';
  return `reversible ${reversible}`;
}

/** True when the operation grants or removes admin rights. */
export function changesAdminRights(op: Operation): boolean {
  if (op.kind === 'update_user' && (op.patch.is_super_admin !== undefined || op.patch.admin_offices !== undefined)) {
    return true;
  }
  return op.changes.some((c) => /admin/i.test(c.field));
}
