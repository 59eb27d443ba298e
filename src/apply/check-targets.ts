import type { Group, LiveState } from '../model/tenant.js';
import type { Operation } from '../plan/types.js';

/**
 * A live id in a saved operation that is not the object the operation names: a user id whose
 * live user has another email (or none has that id), an office id that is not the live office
 * the config key stands for. `names` is what the plan shows; `found` is what the id is in Dialpad.
 */
export interface TargetMismatch {
  operation: Operation;
  /** JSON pointer of the reference inside the operation (`/target`, `/to`, `/patch/admin_offices/0`). */
  at: string;
  names: string;
  found: string;
}

/**
 * Checks every live id in `operations` against `live` (the fresh read, keyed by the config's
 * offices): a reference `{ id, email }` is a user and the live user with that id must be the one
 * that email names: its own email, or the config email it is matched to through `previous_emails`
 * (`aliases`, live email → config email: a plan changing an email names the user by the new one
 * while Dialpad still holds the old). A reference `{ id, key, name }` is an office and the live office with that id must be
 * the one the config key `key` matched. Apply acts on ids and shows emails and names, so the two
 * must agree, or a plan could show one object and change another. A reference `{ id, group_type, key }`
 * is a department or call center, checked the same way against the live groups. References without an id (an
 * object the plan creates) are resolved by email or name when applied and are not checked here.
 * Generic over kinds, like `identifyOperation`: a new kind's references are checked without listing them.
 */
export function checkTargets(operations: readonly Operation[], live: LiveState, aliases: ReadonlyMap<string, string> = new Map()): TargetMismatch[] {
  const users = new Map(live.tenant.users.flatMap((u) => (u.id === undefined ? [] : [[u.id, u] as const])));
  const offices = new Map(live.tenant.offices.flatMap((o) => (o.id === undefined ? [] : [[o.id, o] as const])));
  const officeByKey = new Map(live.tenant.offices.map((o) => [o.key, o]));
  const groups = new Map<string, Group>((live.tenant.groups ?? []).flatMap((g) => (g.id === undefined ? [] : [[`${g.type}\u0000${g.id}`, g] as const])));
  const mismatches: TargetMismatch[] = [];

  const visit = (operation: Operation, value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(operation, item, `${at}/${i}`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const ref = value as Record<string, unknown>;
    // The operation itself has an `id` (its place in the plan) and, for create_user, an `email`.
    const isRef = value !== operation;
    if (isRef && typeof ref.id === 'string' && typeof ref.group_type === 'string' && typeof ref.key === 'string') {
      // A department or call center: the live group with that id must be the one the key matched.
      const group = groups.get(`${ref.group_type}\u0000${ref.id}`);
      if (group?.key !== ref.key) {
        const found = group === undefined ? `no live ${String(ref.group_type).replace('_', ' ')}` : `the live group "${group.name}"`;
        mismatches.push({ operation, at, names: `${String(ref.group_type).replace('_', ' ')} "${String(ref.name)}" (id ${ref.id})`, found: `id ${ref.id} is ${found}` });
      }
    } else if (isRef && typeof ref.id === 'string' && typeof ref.email === 'string') {
      const user = users.get(ref.id);
      const named = ref.email.toLowerCase();
      if (user === undefined || (user.email !== named && aliases.get(user.email) !== named)) {
        const found = user === undefined ? 'no live user' : `the live user ${user.email}`;
        mismatches.push({ operation, at, names: `user ${ref.email} (id ${ref.id})`, found: `id ${ref.id} is ${found}` });
      }
    } else if (isRef && typeof ref.id === 'string' && typeof ref.key === 'string' && typeof ref.name === 'string') {
      const office = offices.get(ref.id);
      if (office?.key !== ref.key) {
        const found = office === undefined ? 'no live office' : `the live office "${office.name}"`;
        const keyed = officeByKey.get(ref.key);
        const expected = keyed?.id === undefined ? '' : `; "${ref.name}" is office ${keyed.id}`;
        mismatches.push({ operation, at, names: `office "${ref.name}" (id ${ref.id})`, found: `id ${ref.id} is ${found}${expected}` });
      }
    }
    for (const [field, inner] of Object.entries(ref)) {
      // `changes` is display (from → to values), not a reference apply acts on.
      if (field === 'changes' && value === operation) continue;
      if (typeof inner === 'object' && inner !== null) visit(operation, inner, `${at}/${field}`);
    }
  };
  for (const op of operations) visit(op, op, '');
  return mismatches;
}
