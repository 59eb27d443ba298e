import { GROUP_CONFIG_KEY, GROUP_LABELS, membershipsOf } from '../../model/groups.js';
import type { Group } from '../../model/tenant.js';
import type { OperationOf, Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

type Deletion = OperationOf<'delete_group'>;
type Creation = OperationOf<'create_group'>;

/**
 * Whether a deleted live group and a created config group look like one group renamed, the one
 * home of that heuristic (docs/rules.md, `group_looks_renamed`): the same type, the same office,
 * and the same operators — the users operating in the live group before the plan are exactly the
 * users config makes operators of the new one (both may be none). A name is what a rename changes,
 * so it is not compared; nor are roles (a rename keeps them, but a config may not say them yet).
 */
function looksRenamed(deleted: Deletion, created: Creation, operators: { before: ReadonlySet<string>; wanted: ReadonlySet<string> }): boolean {
  if (deleted.target.group_type !== created.group.group_type || deleted.target.office.key !== created.group.office.key) return false;
  return operators.before.size === operators.wanted.size && [...operators.before].every((email) => operators.wanted.has(email));
}

/**
 * A group renamed in Dialpad (or in config without its `id` pinned) no longer matches its config
 * entry by name: under `unmanaged_groups: delete` the plan would delete it, sending its numbers to
 * the reserved pool, and create an empty namesake, with apply then seeing config satisfied. Each
 * create that looks like a rename of a deletion in the same plan (`looksRenamed`) is blocked,
 * naming both, until config pins the live group's id (a `rename_group` instead) or acknowledges
 * the group as new (`allow_new_group: true` on its entry).
 */
export function checkGroupLooksRenamed(ctx: RuleContext): Violation[] {
  const deletions = ctx.operations.filter((op): op is Deletion => op.kind === 'delete_group');
  if (deletions.length === 0) return [];
  const entries = new Map((ctx.desired.tenant.groups ?? []).map((g) => [g.key, g]));
  const out: Violation[] = [];
  for (const created of ctx.operations) {
    if (created.kind !== 'create_group') continue;
    const entry = entries.get(created.group.key);
    if (entry === undefined || entry.allowNewGroup === true) continue;
    const wanted = listWantedOperators(ctx, entry);
    const lookalikes = deletions.filter((deleted) => looksRenamed(deleted, created, { before: listOperatorsBefore(ctx, deleted), wanted }));
    for (const deleted of lookalikes) out.push(describeLookalike(ctx, entry, created, deleted, [...wanted].sort()));
  }
  return out;
}

/** The users operating in the deleted group before the plan (the simulation's initial state), lower-cased. */
function listOperatorsBefore(ctx: RuleContext, deleted: Deletion): Set<string> {
  return new Set([...(ctx.trace.initial.groups.get(deleted.target.key)?.operators ?? [])].map((e) => e.toLowerCase()));
}

/** The users config makes operators of `group` (leavers aside), lower-cased. */
function listWantedOperators(ctx: RuleContext, group: Group): Set<string> {
  return new Set(
    ctx.desired.tenant.users
      .filter((u) => u.state !== 'deleted' && (membershipsOf(u, group.type) ?? []).some((m) => m.group === group.key))
      .map((u) => u.email.toLowerCase()),
  );
}

function describeLookalike(ctx: RuleContext, entry: Group, created: Creation, deleted: Deletion, operators: string[]): Violation {
  const label = GROUP_LABELS[entry.type];
  const path = `${GROUP_CONFIG_KEY[entry.type]}.${entry.key}`;
  const who = operators.length === 0 ? 'no operators' : `the same operators (${operators.join(', ')})`;
  return {
    code: 'group_looks_renamed',
    severity: 'error',
    message:
      `${label} ${entry.name}${at(entry.source)} would be created while ${label} ${deleted.target.name} (id ${deleted.target.id ?? '?'}) ` +
      `in office ${entry.office} is deleted, and both have ${who}: it looks like one group renamed (in Dialpad, or in config without its id). ` +
      `${describeLoss(ctx, deleted.numbers_to_pool ?? [])} To keep that group and rename it to ${entry.name}, pin its id (${path}.id: "${deleted.target.id ?? ''}"); ` +
      `if ${entry.name} is a new group, say so with allow_new_group: true on ${path}.`,
    operation_ids: [deleted.id, created.id].sort((a, b) => Number(a.slice(3)) - Number(b.slice(3))),
  };
}

/** What the deletion takes: the group itself, and where its numbers end (the pool, or released by this plan). */
function describeLoss(ctx: RuleContext, numbers: readonly string[]): string {
  if (numbers.length === 0) return 'Deleting it cannot be undone.';
  const released = new Set(ctx.operations.flatMap((op) => (op.kind === 'release_number' ? [op.number] : [])));
  const where = numbers.every((n) => released.has(n)) ? 'be released to Dialpad, for good' : numbers.some((n) => released.has(n)) ? 'leave it (to the reserved pool, some then released to Dialpad)' : 'go to the reserved pool, where callers reach no one';
  const its = numbers.length === 1 ? `its number ${numbers[0]}` : `its numbers ${numbers.join(', ')}`;
  return `Deleting it cannot be undone, and ${its} would ${where}.`;
}
