/**
 * The planner: changes → operations → simulated order → rules → `Plan`. Pure and synchronous:
 * `now` is passed in.
 */
import type { Change } from '../diff/types.js';
import { listEmailAliases } from '../model/match-users.js';
import { dialpadClock, type DesiredState, type GroupType, type LiveList, type LiveState, type User } from '../model/tenant.js';
import { KINDS } from './kinds/index.js';
import { planPermissionChanges } from './permission-changes.js';
import type { ConfirmedGrant } from '../model/confirmed-grants.js';
import { operationsFromChange } from './from-changes.js';
import { createOfficeBook } from './office-refs.js';
import { createGroupBook } from './group-refs.js';
import { createRoomBook } from './room-operations.js';
import { orderOperations } from './order.js';
import { reportBlocked } from './report-blocked.js';
import { runRules, type Withheld } from './rules/index.js';
import { GROUP_LABELS } from '../model/groups.js';
import { settleReversibility } from './reversibility.js';
import { indexPlanInputs, type PlanIndex } from '../diff/plan-index.js';
import { indexLifecycleOwners } from '../diff/owned-users.js';
import { indexNumberCountries } from '../model/countries.js';
import { createSimState } from './sim-state.js';
import { addRehearsalNotes, type Rehearsal } from './rehearsal.js';
import { planTransfers } from './transfers.js';
import { fingerprintPlan } from './fingerprint.js';
import { operation } from './operations.js';
import { PLAN_FORMAT_VERSION, type Operation, type Plan, type PlanSummary, type Violation } from './types.js';
import type { PendingRestore } from '../journal-types.js';
import { compareCodeUnits } from '../model/compare.js';
import { DEFAULT_TIME_ZONE } from '../model/lifecycle-dates.js';

export interface BuildPlanInput {
  desired: DesiredState;
  live: LiveState;
  changes: Change[];
  now: Date;
  /** The config at a git base ref: what analytics/proxy declarations are compared with when there are no confirmations. */
  base?: DesiredState;
  /** The confirmations file's entries (`undefined`: the config has none): what analytics/proxy declarations are compared with. */
  confirmed?: readonly ConfirmedGrant[];
  /** Restores apply waited for and never saw done (its journal), for `restore_window_expired`. */
  pendingRestores?: readonly PendingRestore[];
  configDigest: string;
  liveDigest: string;
  /** Planning against the embedded emulator: manual steps also name their `dialform emulator do` command. */
  rehearsal?: Rehearsal;
  /** `indexPlanInputs(desired, live)`, when the caller has it already (it diffed with it). */
  index?: PlanIndex;
}

/**
 * A partial read must not lead to deleting or suspending users, releasing numbers or deleting
 * groups that may only be unread, nor to creating users or groups again that a partial list
 * (`partialLists`) may only not have brought: each such change, as `incomplete_live_read` names
 * it (the list of `Withheld` it goes in, and its name there), else `undefined`. Every change kind
 * decides (a new one fails to compile until it does); whatever is planned, `incomplete_live_read`
 * still names each operation whose kind deletes (`KINDS[kind].deletes`).
 */
function nameWithheld(c: Change, live: LiveState): [keyof Withheld, string] | undefined {
  if (live.incomplete.length === 0) return undefined;
  const partial = new Set(live.partialLists ?? []);
  switch (c.kind) {
    case 'delete_user':
    case 'suspend_user':
      // An offboarded entry (`state: deleted`) names a user that was read: only the policy's acts are held back.
      return c.user === undefined ? ['users', c.live.email] : undefined;
    case 'release_number':
      return ['numbers', c.number.number];
    case 'delete_group':
      // A group absent from a partial read's lists may only be unread.
      return ['groups', `${GROUP_LABELS[c.live.type]} ${c.live.name}`];
    // A create of what a partial list may only not have brought would make a duplicate.
    case 'create_user':
      return partial.has('users') ? ['creates', `user ${c.user.email}`] : undefined;
    case 'create_group':
      return partial.has(GROUP_LIST[c.group.type]) ? ['creates', `${GROUP_LABELS[c.group.type]} ${c.group.name}`] : undefined;
    // A membership to remove was read (on its user); the rest adds or changes what config declares.
    case 'remove_operator':
    case 'create_office':
    case 'rename_office':
    case 'office_licenses':
    case 'await_provisioning':
    case 'schedule_lifecycle':
    case 'restore_user':
    case 'update_user':
    case 'move_user':
    case 'reactivate_user':
    case 'user_numbers':
    case 'rename_group':
    case 'group_settings':
    case 'add_operator':
    case 'set_skill':
    case 'office_e911':
    case 'user_e911':
    case 'set_caller_id':
    case 'rename_room':
    case 'room_numbers':
      return undefined;
    case 'delete_room':
      // A room absent from a partial read's list may only be unread.
      return ['rooms', `room ${c.live.name}`];
    case 'create_room':
      return partial.has('rooms') ? ['creates', `room ${c.room.name}`] : undefined;
    default: {
      const _never: never = c;
      return _never;
    }
  }
}

/** The list a group type is read in. */
const GROUP_LIST: Record<GroupType, LiveList> = { department: 'departments', call_center: 'call_centers' };

/**
 * The changes a partial read holds back, named by list and sorted, and those it keeps: the
 * withheld ones (`nameWithheld`) and what only a withheld create would make possible (numbers and
 * memberships of a user not created, operators of a group not created).
 */
function withholdChanges(changes: readonly Change[], live: LiveState): { kept: Change[]; withheld: Withheld } {
  const withheld: Withheld = { users: [], numbers: [], groups: [], rooms: [], creates: [] };
  const users = new Set<string>();
  const groups = new Set<string>();
  const rooms = new Set<string>();
  const held = changes.filter((c) => {
    const named = nameWithheld(c, live);
    if (named === undefined) return false;
    withheld[named[0]].push(named[1]);
    if (c.kind === 'create_user') users.add(c.user.email);
    if (c.kind === 'create_group') groups.add(c.group.key);
    if (c.kind === 'create_room') rooms.add(c.room.key);
    return true;
  });
  for (const list of Object.values(withheld)) list.sort(compareCodeUnits);
  const dependsOnHeld = (c: Change): boolean =>
    ((c.kind === 'user_numbers' || c.kind === 'add_operator' || c.kind === 'user_e911') && c.live === undefined && users.has(c.user.email)) ||
    ((c.kind === 'add_operator' || c.kind === 'group_settings') && groups.has(c.group.key)) ||
    (c.kind === 'room_numbers' && rooms.has(c.room.key));
  return { kept: changes.filter((c) => !held.includes(c) && !dependsOnHeld(c)), withheld };
}

/** A plan's totals, counted from its operations' kinds (`bucket`, `manual`) and blocked by an error violation. */
export function summarizePlan(operations: readonly Operation[], violations: readonly Violation[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, delete: 0, move: 0, manual: 0, blocked: false };
  for (const op of operations) {
    if (op.manual) summary.manual += 1;
    const bucket = KINDS[op.kind].bucket;
    if (bucket !== 'none') summary[bucket] += 1;
  }
  summary.blocked = violations.some((v) => v.severity === 'error');
  return summary;
}

/** Builds the ordered, rule-checked plan. A blocked plan still lists every operation. */
export function buildPlan(input: BuildPlanInput): Plan {
  const { desired, live, now } = input;
  const { index = indexPlanInputs(desired, live) } = input;
  const book = createOfficeBook(desired, live);
  const liveNumbers = index.liveNumbers;

  const { kept: changes, withheld } = withholdChanges(input.changes, live);
  const licenseChanges = changes.flatMap((c) => (c.kind === 'office_licenses' ? [c] : []));
  const transfers = planTransfers(licenseChanges, book);
  const released = new Set(changes.flatMap((c) => (c.kind === 'release_number' ? [c.number.number] : [])));
  // Only an international move of a user whose numbers config leaves alone asks (a scan and a sort of every number).
  const numbersNotToTake = computeOnce(() => [...new Set([...desired.reservedNumbers.keep, ...desired.tenant.users.flatMap((u) => u.numbers ?? []), ...released])].sort(compareCodeUnits));
  // One context for every change: the number-country index memoizes parses across them.
  const numberCountry = indexNumberCountries(live);
  const spareNumbers = live.tenant.numbers
    .filter((n) => n.status === 'available' && n.targetId === undefined)
    .map((n) => n.number)
    .sort(compareCodeUnits);
  const context = { book, dialpadNow: dialpadClock(live) ?? now, liveNumbers, numbersNotToTake, numberCountry, spareNumbers, groupRef: createGroupBook(desired, live, book), roomRef: createRoomBook(desired, live, book), released };
  const drafts = [
    ...changes.flatMap((c) => operationsFromChange(c, context)),
    ...transfers,
    ...planPermissionChanges(desired, { confirmed: input.confirmed, base: input.base }),
    ...planAccountTypeChange(desired, live),
  ];

  const matched = index.match;
  const initial = createSimState(desired, live, listEmailAliases(matched), numberCountry, index);
  // Where a number is shown: the office Dialpad lists it under (the pool, single number reads),
  // else the office of the user holding it (the read does not list users' numbers one by one).
  // Built when an operation first asks (one on a number), as it takes every live user's numbers.
  const numberOffice = computeOnce(() => {
    const offices = new Map<string, string>();
    for (const u of live.tenant.users) for (const n of liveNumbers(u)) offices.set(n, u.office);
    for (const n of live.tenant.numbers) if (n.office !== undefined) offices.set(n.number, n.office);
    return offices;
  });
  const trace = orderOperations(drafts, initial, {
    desiredOffice: initial.config.officeOf,
    numberOffice: (number) => numberOffice().get(number),
  });
  const violations = runRules({
    desired,
    live,
    operations: trace.operations,
    trace,
    book,
    withheld,
    pendingRestores: input.pendingRestores ?? [],
    userMatch: matched,
  });
  violations.push(...reportBlocked(trace.blocked, violations));

  const rehearsal = input.rehearsal;
  const settled = settleReversibility({ operations: trace.operations, pool: trace.pool, live });
  const operations = rehearsal === undefined ? settled : addRehearsalNotes(settled, rehearsal);
  const untouched = listUntouchedUnmanaged(matched.unmanaged, operations);
  const ownerOf = indexLifecycleOwners(desired);
  const external = untouched.filter((u) => ownerOf(u) === 'external').length;
  const waiting = changes
    .flatMap((c) => (c.kind === 'await_provisioning' ? [{ email: c.user.email, source: c.user.source ?? 'config' }] : []))
    .sort((a, b) => compareCodeUnits(a.email, b.email));
  const zone = desired.policy.timeZone ?? DEFAULT_TIME_ZONE;
  const scheduled = changes
    .flatMap((c) => (c.kind === 'schedule_lifecycle' ? [{ email: c.user.email, action: c.action, on: c.on, time_zone: zone, source: c.user.source ?? 'config' }] : []))
    .sort((a, b) => compareCodeUnits(a.on, b.on) || compareCodeUnits(a.email, b.email));
  return {
    format_version: PLAN_FORMAT_VERSION,
    created_at: now.toISOString(),
    basis: { config_digest: input.configDigest, live_digest: input.liveDigest },
    fingerprint: fingerprintPlan({ basis: { config_digest: input.configDigest }, operations }),
    summary: summarizePlan(operations, violations),
    operations,
    violations,
    pool: trace.pool,
    // Always empty now (see `Plan.unverifiable`).
    unverifiable: [],
    offices: listOfficeNames(desired, live),
    ...(untouched.length === 0 ? {} : { unmanaged_users: { policy: desired.policy.unmanagedUsers, count: untouched.length, ...(external === 0 ? {} : { external }) } }),
    ...(waiting.length === 0 ? {} : { waiting_for_provisioning: waiting }),
    ...(scheduled.length === 0 ? {} : { scheduled }),
  };
}

/** `compute`'s result, computed at the first call only. */
function computeOnce<T>(compute: () => T): () => T {
  let result: { value: T } | undefined;
  return () => (result ??= { value: compute() }).value;
}

/** A plan tier config asserts that Dialpad does not report: a manual step (no API changes it). An unread tier is not judged. */
function planAccountTypeChange(desired: DesiredState, live: LiveState): Operation[] {
  const to = desired.tenant.company.accountType;
  const from = live.tenant.company.accountType;
  if (to === undefined || from === undefined || to === from) return [];
  const name = live.tenant.company.name;
  return [operation.changeAccountType({ from, to, ...(name === undefined ? {} : { name }), source: desired.tenant.company.source ?? 'config' })];
}

/** Live users absent from config that no operation of the plan touches (the policy leaves them, or they are already as it wants). */
function listUntouchedUnmanaged(unmanaged: readonly User[], operations: Operation[]): User[] {
  const touched = new Set(operations.flatMap((op) => (op.target.type === 'user' ? [op.target.email.toLowerCase()] : [])));
  return unmanaged.filter((u) => !touched.has(u.email.toLowerCase()));
}

/** Desired offices first (their names are what the config says), then live ones not in config. */
function listOfficeNames(desired: DesiredState, live: LiveState): { key: string; name: string }[] {
  const names = new Map<string, string>();
  for (const office of [...desired.tenant.offices, ...live.tenant.offices]) {
    if (!names.has(office.key)) names.set(office.key, office.name);
  }
  return [...names].map(([key, name]) => ({ key, name })).sort((a, b) => compareCodeUnits(a.key, b.key));
}
