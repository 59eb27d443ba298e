/**
 * The simulation's copy of the company: what the rules and the ordering need to know at each
 * step of a plan. Built from live state (plus the price levels declared in config), then changed
 * op by op by `applyOperation`.
 */
import { indexLiveNumbers } from '../diff/live-numbers.js';
import type { PlanIndex } from '../diff/plan-index.js';
import { indexNumberCountries } from '../model/countries.js';
import { LINE_HOLDING, isHeldByUsers, lineOfLicense } from '../model/license-lines.js';
import { indexUsersByEmail } from '../model/match-users.js';
import {
  LINE_TYPES,
  type AccountType,
  type DesiredState,
  type GroupType,
  type LineType,
  type LiveState,
  type UnmanagedUsersPolicy,
  type UserLicense,
  type UserState,
} from '../model/tenant.js';

export interface SimOffice {
  key: string;
  name: string;
  country: string;
  priceLevel?: string;
  /** False for a config office until its `create_office` runs. */
  exists: boolean;
  purchased: Record<LineType, number>;
  /** Purchased and not assigned: what creates, moves in and transfers out can use. */
  free: Record<LineType, number>;
}

export interface SimUser {
  email: string;
  office: string;
  license: UserLicense;
  state: UserState;
  companyAdmin: boolean;
  /** Read-only, as `numbers`: a step replaces the list, never changes it in place, so states and the read can share it. */
  adminOffices: readonly string[];
  /** E.164, primary first. */
  numbers: readonly string[];
}

/** A department or call center in the simulation. */
export interface SimGroup {
  key: string;
  type: GroupType;
  name: string;
  /** False for a config group until its `create_group` runs, and after a `delete_group`. */
  exists: boolean;
  /** Emails (the plan's keys) of the users operating in it, whatever their role. */
  operators: Set<string>;
}

/** A room in the simulation. */
export interface SimRoom {
  key: string;
  office: string;
  /** False for a config room until its `create_room` runs, and after a `delete_room`. */
  exists: boolean;
  /** E.164, primary first. */
  numbers: string[];
}

export interface SimState {
  accountType?: AccountType;
  /** Rooms by room key (empty when config has no `rooms:` section: they were not read). */
  rooms: Map<string, SimRoom>;
  offices: Map<string, SimOffice>;
  /** Departments and call centers by group key. */
  groups: Map<string, SimGroup>;
  /** Keyed by the email the plan uses (the desired email when `previous_emails` matched). */
  users: Map<string, SimUser>;
  /** The reserved pool: company numbers with no target. */
  pool: Set<string>;
  /** The country a number belongs to (`indexNumberCountries`: a pool number's office, else its own); fixed for the plan. */
  numberCountry: (number: string) => string | undefined;
  /**
   * What config says of users: whether it has an entry for an email (for the messages that name a
   * way out), the office it puts them in (where a step is shown), and its policy for the rest.
   */
  config: { has(email: string): boolean; officeOf(email: string): string | undefined; unmanagedUsers: UnmanagedUsersPolicy };
}

/**
 * States counted as holding a line when free lines must be derived from users (no
 * `available_licenses`): every state that may hold one (`LINE_HOLDING` yes or unknown), so free
 * lines are never over-counted.
 */
const LICENSED_STATES: ReadonlySet<UserState> = new Set(
  (Object.keys(LINE_HOLDING) as UserState[]).filter((s) => LINE_HOLDING[s] !== 'no'),
);

function zeroLines(): Record<LineType, number> {
  return Object.fromEntries(LINE_TYPES.map((line) => [line, 0])) as Record<LineType, number>;
}

function freeWithoutApi(purchased: Record<LineType, number>): Record<LineType, number> {
  return Object.fromEntries(LINE_TYPES.map((line) => [line, isHeldByUsers(line) ? purchased[line] : 0])) as Record<LineType, number>;
}

/**
 * A fresh simulation state. `aliases` maps a live email to the desired email that replaces it
 * (`previous_emails`), so every op finds its user under one key.
 */
export function createSimState(
  desired: DesiredState,
  live: LiveState,
  aliases: Map<string, string>,
  numberCountry: SimState['numberCountry'] = indexNumberCountries(live),
  index: Pick<PlanIndex, 'liveByEmail' | 'liveNumbers'> = { liveByEmail: indexUsersByEmail(live.tenant.users), liveNumbers: indexLiveNumbers(live) },
): SimState {
  const offices = new Map<string, SimOffice>();
  const desiredOffices = new Map(desired.tenant.offices.map((o) => [o.key, o]));
  for (const office of live.tenant.offices) {
    const declared = desiredOffices.get(office.key);
    const purchased = zeroLines();
    for (const line of LINE_TYPES) purchased[line] = office.licenses[line] ?? 0;
    const priceLevel = declared?.priceLevel ?? office.priceLevel;
    offices.set(office.key, {
      key: office.key,
      name: office.name,
      country: office.country,
      ...(priceLevel === undefined ? {} : { priceLevel }),
      exists: true,
      purchased,
      // Without available_licenses: purchased minus the users holding a line (below) for the kinds
      // users hold; nothing for the others, whose holders dialform does not read (never over-promise).
      free: office.available === undefined ? freeWithoutApi(purchased) : { ...zeroLines(), ...office.available },
    });
  }
  for (const office of desired.tenant.offices) {
    if (offices.has(office.key)) continue;
    offices.set(office.key, {
      key: office.key,
      name: office.name,
      country: office.country,
      ...(office.priceLevel === undefined ? {} : { priceLevel: office.priceLevel }),
      exists: false,
      purchased: zeroLines(),
      free: zeroLines(),
    });
  }

  const groups = new Map<string, SimGroup>();
  for (const g of live.tenant.groups ?? []) groups.set(g.key, { key: g.key, type: g.type, name: g.name, exists: true, operators: new Set() });
  for (const g of desired.tenant.groups ?? []) {
    if (!groups.has(g.key)) groups.set(g.key, { key: g.key, type: g.type, name: g.name, exists: false, operators: new Set() });
  }
  const numbersOf = index.liveNumbers;
  const availableRead = new Set(live.tenant.offices.flatMap((o) => (o.available === undefined ? [] : [o.key])));
  const users = new Map<string, SimUser>();
  // One pass over the accounts, one per email as the differ matched it (a live account wins over a
  // deleted one), with `forEach`: no entry array per user, and no list or lookup per user for
  // what a company does not have (aliases, groups).
  index.liveByEmail.forEach((user, liveEmail) => {
    const email = aliases.size === 0 ? liveEmail : (aliases.get(liveEmail) ?? liveEmail);
    users.set(email, {
      email,
      office: user.office,
      license: user.license,
      state: user.state,
      companyAdmin: user.admin.company,
      adminOffices: user.admin.offices,
      numbers: numbersOf(user),
    });
    const office = offices.get(user.office);
    const line = lineOfLicense(user.license);
    // Without `available_licenses`, free = purchased minus the users holding a line.
    if (office !== undefined && line !== undefined && LICENSED_STATES.has(user.state)) {
      if (!availableRead.has(user.office)) office.free[line] -= 1;
    }
    if (groups.size === 0 || user.state === 'deleted' || user.state === 'cancelled') return;
    for (const m of user.departments ?? []) groups.get(m.group)?.operators.add(email);
    for (const m of user.callCenters ?? []) groups.get(m.group)?.operators.add(email);
  });
  const rooms = new Map<string, SimRoom>();
  for (const r of live.tenant.rooms ?? []) rooms.set(r.key, { key: r.key, office: r.office, exists: true, numbers: [...(r.numbers ?? [])] });
  for (const r of desired.tenant.rooms ?? []) if (!rooms.has(r.key)) rooms.set(r.key, { key: r.key, office: r.office, exists: false, numbers: [] });
  // Every entry's office by lower-cased email: one scan of config's users serves both questions.
  const configured = new Map<string, string>();
  for (const u of desired.tenant.users) configured.set(u.email.toLowerCase(), u.office);
  const pool = new Set(
    live.tenant.numbers.filter((n) => n.status === 'available' && n.targetId === undefined).map((n) => n.number),
  );
  return {
    ...(live.tenant.company.accountType === undefined ? {} : { accountType: live.tenant.company.accountType }),
    offices,
    groups,
    rooms,
    users,
    pool,
    numberCountry,
    config: { has: (email) => configured.has(email.toLowerCase()), officeOf: (email) => configured.get(email.toLowerCase()), unmanagedUsers: desired.policy.unmanagedUsers },
  };
}

/**
 * A copy whose changes (`applyOperation`) leave the original as it was, so a rule can replay or
 * inspect without touching it: every mutable part is copied; a user's lists are read-only, shared.
 */
export function cloneSimState(sim: SimState): SimState {
  // Map by map with `forEach`: no entry array per user, twice, as spreading the maps made.
  const offices = new Map<string, SimOffice>();
  sim.offices.forEach((o, k) => offices.set(k, { ...o, purchased: { ...o.purchased }, free: { ...o.free } }));
  const groups = new Map<string, SimGroup>();
  sim.groups.forEach((g, k) => groups.set(k, { ...g, operators: new Set(g.operators) }));
  const rooms = new Map<string, SimRoom>();
  sim.rooms.forEach((r, k) => rooms.set(k, { ...r, numbers: [...r.numbers] }));
  const users = new Map<string, SimUser>();
  sim.users.forEach((u, k) => users.set(k, { ...u }));
  return {
    ...(sim.accountType === undefined ? {} : { accountType: sim.accountType }),
    offices,
    groups,
    rooms,
    users,
    pool: new Set(sim.pool),
    numberCountry: sim.numberCountry,
    config: sim.config,
  };
}
