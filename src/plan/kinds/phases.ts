/**
 * The ordering phases, earliest first. Ordering sorts operations by phase (frees before claims),
 * then runs, repeatedly, the first one whose precondition holds in the simulation. Each kind's
 * entry names its phase; the reason for each constraint is stated here, once.
 */
export const PHASES = [
  // Everything placed in a new office needs the office to exist.
  'create_office',
  // A group belongs to an office, and operators are added to groups that exist.
  'create_group',
  // Restorable only within the restore window (model/restore-window.ts): restore before anything else could take the account's email or numbers.
  'restore',
  // Leavers leave their groups before their deletion, so the plan shows it (Dialpad would drop
  // the memberships itself); a role change removes before it re-adds, freeing a department seat.
  'remove_operator',
  // Deleting a group drops its memberships; nothing later depends on it.
  'delete_group',
  // Frees the user's license line and sends their numbers to the pool for later claims.
  'delete',
  // A license change that claims no new line only frees one: a free, so early.
  'license_free',
  // Unassigns feed the pool before any assign takes from it (swaps step through the pool).
  'unassign',
  // Deleting a pending (never accepted) user deletes the numbers they still hold: after the
  // unassigns that move them to the pool first.
  'delete_pending',
  // Frees a line in the source office (a transfer out of it may wait for that) and claims one in the destination.
  'move',
  // Only unassigned licenses transfer: after frees in the source, before claims in the destination.
  'transfer',
  // Claims of a license line (new users, license changes that need a line): after every free and transfer.
  'license_claim',
  // Other field updates (names, admin rights, emails): after the claims, before numbers.
  'update',
  // Adds need the user and the group to exist; a call-center add needs the user's agent license,
  // which an explicit license change (`license_claim`) gives first.
  'add_operator',
  // A skill level is set on a membership that exists.
  'skill',
  // Number claims: after unassigns and deletes filled the pool, and after the user exists.
  'assign',
  // Reactivating claims a line (a suspended user may hold none): after every free and transfer.
  // Reactivate before suspending anyone, so active admins never dip in between.
  'reactivate',
  // Whether a suspension frees a line is not documented for the API, so it frees nothing here: last among API calls.
  'suspend',
  // Irreversible: only once every assign had its chance to take the number from the pool.
  'release',
  // Analytics and proxy grants need the user to exist and change nothing the rest depends on.
  'permissions',
] as const;

export type Phase = (typeof PHASES)[number];

/** Position of a phase in the order (lower runs earlier). */
export function phaseRank(phase: Phase): number {
  return PHASES.indexOf(phase);
}
