/**
 * How values, targets and reversibility are written for a reviewer. The words for each kind are
 * its entry's `describe` in `plan/kinds/`.
 */
import { compareStructuralValues, listStructuralValues } from '../plan/operation-identity.js';
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
    case 'room':
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

/** A structural value as a reviewer compares it: strings quoted (so `"M."` and `"M. "` differ visibly), `(none)` for absent. */
function quoteValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  return typeof value === 'string' ? JSON.stringify(value) : canonicalText(value);
}

const canonicalText = (value: unknown): string => (Array.isArray(value) ? `[${value.map(quoteValue).join(', ')}]` : JSON.stringify(value));

/**
 * A saved plan's operation described by what apply acts on (its kind, target and structural
 * values: `listStructuralValues`), never by its texts (`summary`, `notes`), which anyone could
 * have edited: `delete_user old@acme.com`, `update_user ada@acme.com (patch.first_name "Ada")`.
 */
export function describeByStructure(op: Operation): string {
  const values = [...listStructuralValues(op)].filter(([path]) => path !== 'target.type' && !path.startsWith('target.'));
  const fields = values.map(([path, value]) => `${path} ${quoteValue(value)}`);
  return `${op.kind} ${formatTarget(op.target)}${fields.length === 0 ? '' : ` (${fields.join(', ')})`}`;
}

/**
 * What differs between a saved operation and the fresh one in its place, value by value:
 * `patch.first_name: planned "Ada", now "Adah"`. Empty when only display text differs.
 */
export function describeDifferences(saved: Operation, fresh: Operation): string[] {
  return compareStructuralValues(saved, fresh).map((d) => `${d.path}: planned ${quoteValue(d.saved)}, now ${quoteValue(d.fresh)}`);
}
