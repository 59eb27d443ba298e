/**
 * How a department or call center answers: the fields their `PATCH` takes in the OpenAPI
 * (`UpdateDepartmentMessage`, `UpdateCallCenterMessage`) that dialform manages, with the spec's
 * names and shapes, on both sides of the diff. Config writes hours as "HH:MM-HH:MM" ranges
 * (`parseHours`); everywhere else they are the API's flat list (`["08:00", "18:00"]`). A field
 * config does not write is neither compared nor sent (hold-queue and routing fields one by one).
 */
import type { DesiredState, Group, GroupType, LiveState } from './tenant.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type HoursField = `${Weekday}_hours`;
export const HOURS_FIELDS: readonly HoursField[] = WEEKDAYS.map((d): HoursField => `${d}_hours`);

/** `RoutingOptionsInner.action`. */
export const ROUTING_ACTIONS = [
  'bridge_target', 'company_directory', 'department', 'directory', 'disabled', 'extension',
  'menu', 'message', 'operator', 'person', 'scripted_ivr', 'voicemail',
] as const;
/** `RoutingOptionsInner.operator_routing`. */
export const OPERATOR_ROUTINGS = ['fixedorder', 'longestidle', 'mostskilled', 'random', 'roundrobin', 'simultaneous'] as const;

/**
 * `ring_seconds`: "Choose from 10 seconds to 45 seconds"; hold queue: `max_hold_seconds` "30s to
 * 18000s", `max_hold_count` "1-50" (departments) or "1-1000" (call centers). The emulator
 * re-states them on purpose (src/emulator/group-settings.ts).
 */
export const RING_SECONDS = { min: 10, max: 45 } as const;
export const HOLD_SECONDS = { min: 30, max: 18000 } as const;
export const HOLD_COUNT: Record<GroupType, { min: number; max: number }> = { department: { min: 1, max: 50 }, call_center: { min: 1, max: 1000 } };

/** `HoldQueueDepartment` and `HoldQueueCallCenter` fields, by JSON type. */
export const HOLD_QUEUE_FIELDS: Record<GroupType, Readonly<Record<string, 'integer' | 'boolean' | 'dtmf'>>> = {
  department: { allow_queuing: 'boolean', max_hold_count: 'integer', max_hold_seconds: 'integer' },
  call_center: {
    allow_queue_callback: 'boolean',
    announce_position: 'boolean',
    announcement_interval_seconds: 'integer',
    max_hold_count: 'integer',
    max_hold_seconds: 'integer',
    queue_callback_dtmf: 'dtmf',
    queue_callback_threshold: 'integer',
    queue_escape_dtmf: 'dtmf',
    stay_in_queue_after_closing: 'boolean',
    unattended_queue: 'boolean',
  },
};
/** Hold-queue fields by name (`HOLD_QUEUE_FIELDS`); undefined: not set. */
export type HoldQueue = { [field: string]: number | boolean | string | undefined };

/**
 * Where a routing rule sends calls (`action_target_type` + `action_target_id`). `type` is the API's
 * (`department`, `callcenter`, `user`, or another it names); desired: `key` (a config group key,
 * or a user's email) or `id` (a Dialpad object config does not manage); live: `id`.
 */
export interface RoutingTarget {
  type: string;
  key?: string;
  id?: string;
}

/** `RoutingOptionsInner`, without the DTMF menu (not managed). */
export interface RoutingRule {
  action?: string;
  try_dial_operators?: boolean;
  operator_routing?: string;
  target?: RoutingTarget;
}

export interface GroupSettings {
  monday_hours?: string[];
  tuesday_hours?: string[];
  wednesday_hours?: string[];
  thursday_hours?: string[];
  friday_hours?: string[];
  saturday_hours?: string[];
  sunday_hours?: string[];
  hours_on?: boolean;
  ring_seconds?: number;
  /** Departments only (`UpdateDepartmentMessage.auto_call_recording`). */
  auto_call_recording?: boolean;
  hold_queue?: HoldQueue;
  /** Config gives both `open` and `closed` (the spec requires both in a PATCH). */
  routing_options?: { open?: RoutingRule; closed?: RoutingRule };
}

export const ROUTING_STATES = ['open', 'closed'] as const;
const SCALAR_FIELDS = ['hours_on', 'ring_seconds', 'auto_call_recording'] as const;
const RULE_FIELDS = ['action', 'try_dial_operators', 'operator_routing'] as const;

/**
 * Config's "08:00-12:00" ranges as the API's flat list (["08:00", "12:00"]), or a message: each
 * time HH:MM (00:00–23:59, or 24:00 as an end), each range ending after it starts, ranges in
 * order and not overlapping. `[]` is a day the group is closed.
 */
export function parseHours(ranges: readonly string[]): { hours: string[] } | { problem: string } {
  const hours: string[] = [];
  let last = -1;
  for (const range of ranges) {
    const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(range);
    if (m === null) return { problem: `"${range}" is not a range HH:MM-HH:MM` };
    const [from, to] = [minutesOf(m[1], m[2]), minutesOf(m[3], m[4])];
    if (from === undefined || to === undefined || from >= 24 * 60) return { problem: `"${range}" holds a time that is not one of the day` };
    if (to <= from) return { problem: `"${range}" ends before it starts` };
    if (from <= last) return { problem: `"${range}" starts before the range before it ends: list ranges in order, apart` };
    last = to;
    hours.push(`${m[1]}:${m[2]}`, `${m[3]}:${m[4]}`);
  }
  return { hours };
}

function minutesOf(h: string | undefined, m: string | undefined): number | undefined {
  const [hh, mm] = [Number(h), Number(m)];
  if (mm > 59 || hh > 24 || (hh === 24 && mm !== 0)) return undefined;
  return hh * 60 + mm;
}

/** The API's flat list as config writes it: ["08:00", "18:00"] → ["08:00-18:00"]. */
export function formatHourRanges(hours: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < hours.length; i += 2) out.push(`${hours[i]}-${hours[i + 1]}`);
  return out;
}

/** A day's hours in a plan: "08:00-12:00, 13:00-18:00", or "closed". */
export function formatHours(hours: readonly string[] | undefined): string | undefined {
  if (hours === undefined) return undefined;
  return hours.length === 0 ? 'closed' : formatHourRanges(hours).join(', ');
}

/** How routing targets read and resolve: the live groups and users, and config's groups by key. */
export interface TargetBook {
  groups: readonly Group[];
  liveGroups: readonly Group[];
  /** The first user (live ones first: they carry ids, then config's) with this email. */
  userByEmail(email: string | undefined): TargetUser | undefined;
  /** The first user with this Dialpad id (`undefined`: the first without one, as `===` finds it). */
  userById(id: string | undefined): TargetUser | undefined;
}

/** A user a routing target may name. */
export interface TargetUser {
  email: string;
  id?: string;
}

/**
 * The groups and users routing targets name, from both sides. The users' lookups are built when a
 * target first asks (most companies route to groups, and a plan of 50,000 users makes two books).
 */
export function makeTargetBook(desired: DesiredState, live: LiveState): TargetBook {
  let lookups: { byEmail: Map<string, TargetUser>; byId: Map<string | undefined, TargetUser> } | undefined;
  const index = () => {
    if (lookups !== undefined) return lookups;
    const built = { byEmail: new Map<string, TargetUser>(), byId: new Map<string | undefined, TargetUser>() };
    const add = (u: TargetUser): void => {
      if (!built.byEmail.has(u.email)) built.byEmail.set(u.email, u);
      if (!built.byId.has(u.id)) built.byId.set(u.id, u);
    };
    for (const u of live.tenant.users) add(u.id === undefined ? { email: u.email } : { email: u.email, id: u.id });
    for (const u of desired.tenant.users) add({ email: u.email });
    return (lookups = built);
  };
  return {
    groups: desired.tenant.groups ?? [],
    liveGroups: live.tenant.groups ?? [],
    userByEmail: (email) => (email === undefined ? undefined : index().byEmail.get(email)),
    userById: (id) => index().byId.get(id),
  };
}

const GROUP_TARGET_TYPE: Record<GroupType, string> = { department: 'department', call_center: 'callcenter' };

/** The group type an API target type names, if a group. */
export function groupTypeOfTarget(type: string): GroupType | undefined {
  return type === 'department' ? 'department' : type === 'callcenter' ? 'call_center' : undefined;
}

export function targetTypeOfGroup(type: GroupType): string {
  return GROUP_TARGET_TYPE[type];
}

/** A target's identity for comparing: its Dialpad id where known, else its config key. */
function identifyTarget(t: RoutingTarget | undefined, book: TargetBook): string | undefined {
  if (t === undefined) return undefined;
  if (t.id !== undefined) return `${t.type}#${t.id}`;
  const id = groupTypeOfTarget(t.type) !== undefined ? book.liveGroups.find((g) => g.key === t.key)?.id : book.userByEmail(t.key)?.id;
  return id === undefined ? `${t.type}:${t.key ?? ''}` : `${t.type}#${id}`;
}

/** A target as a reviewer reads it: `department "Sales"`, a user's email, or `office #12`. */
export function describeTarget(t: RoutingTarget | undefined, book: TargetBook): string | undefined {
  if (t === undefined) return undefined;
  const type = groupTypeOfTarget(t.type);
  if (type !== undefined) {
    const group = t.key !== undefined ? (book.groups.find((g) => g.key === t.key) ?? book.liveGroups.find((g) => g.key === t.key)) : book.liveGroups.find((g) => g.type === type && g.id === t.id);
    const label = type === 'department' ? 'department' : 'call center';
    return group === undefined ? `${label} #${t.id ?? t.key ?? '?'}` : `${label} "${group.name}"`;
  }
  if (t.type === 'user') return t.key ?? book.userById(t.id)?.email ?? `user #${t.id ?? '?'}`;
  return `${t.type} #${t.id ?? '?'}`;
}

/** One differing field: `field` as the plan names it (`monday_hours`, `hold_queue.max_hold_count`, `routing_options.closed.action`). */
export interface SettingChange {
  field: string;
  from?: unknown;
  to: unknown;
}

/**
 * The fields config writes whose live value differs, for display (hours as ranges, targets
 * described). `live` is the read group's settings, `{}` for a group this plan creates.
 */
export function diffGroupSettings(want: GroupSettings, have: GroupSettings, book: TargetBook): SettingChange[] {
  const out: SettingChange[] = [];
  for (const f of HOURS_FIELDS) {
    // Protobuf's JSON mapping leaves an empty list out: a day the read does not carry is closed.
    const [w, h] = [want[f], have[f] ?? []];
    if (w !== undefined && !sameList(w, h)) out.push(withFrom(f, formatHours(h), formatHours(w)));
  }
  for (const f of SCALAR_FIELDS) {
    const w = want[f];
    if (w !== undefined && w !== have[f]) out.push(withFrom(f, have[f], w));
  }
  for (const [k, w] of Object.entries(want.hold_queue ?? {})) {
    const h = have.hold_queue?.[k];
    if (w !== h) out.push(withFrom(`hold_queue.${k}`, h, w));
  }
  for (const state of ROUTING_STATES) {
    const w = want.routing_options?.[state];
    if (w === undefined) continue;
    const h = have.routing_options?.[state];
    for (const k of RULE_FIELDS) {
      if (w[k] !== undefined && w[k] !== h?.[k]) out.push(withFrom(`routing_options.${state}.${k}`, h?.[k], w[k]));
    }
    if (w.target !== undefined && identifyTarget(w.target, book) !== identifyTarget(h?.target, book)) {
      out.push(withFrom(`routing_options.${state}.target`, describeTarget(h?.target, book), describeTarget(w.target, book)));
    }
  }
  return out;
}

function withFrom(field: string, from: unknown, to: unknown): SettingChange {
  return from === undefined ? { field, to } : { field, from, to };
}

function sameList(a: readonly string[], b: readonly string[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * What the `PATCH` sends for the fields that differ: a whole day's hours and each scalar as
 * config writes it; `hold_queue` and `routing_options` as the live object with config's fields
 * over it (so what config does not write stays as it is; both routing states always, as the spec
 * requires). Targets are left as config names them, for apply to resolve to ids.
 */
export function patchGroupSettings(want: GroupSettings, have: GroupSettings, changed: readonly SettingChange[]): GroupSettings {
  const top = new Set(changed.map((c) => c.field.split('.')[0]));
  const out: GroupSettings = {};
  for (const f of [...HOURS_FIELDS, ...SCALAR_FIELDS]) {
    if (top.has(f)) (out as Record<string, unknown>)[f] = want[f];
  }
  if (top.has('hold_queue')) out.hold_queue = { ...(have.hold_queue ?? {}), ...(want.hold_queue ?? {}) };
  if (top.has('routing_options')) {
    const merge = (s: (typeof ROUTING_STATES)[number]): RoutingRule => ({ ...(have.routing_options?.[s] ?? {}), ...(want.routing_options?.[s] ?? {}) });
    out.routing_options = { open: merge('open'), closed: merge('closed') };
  }
  return out;
}

/** Whether config writes any setting of this group. */
export function declaresSettings(s: GroupSettings | undefined): s is GroupSettings {
  return s !== undefined && Object.keys(s).length > 0;
}

/**
 * The routing targets config names that neither config nor Dialpad has: a group or user given by
 * Dialpad id that the read does not show (a group pinned by a config entry counts as config's),
 * or a user email that no config entry or live user has. Config group keys are checked at load.
 */
export function listMissingTargets(group: Group, book: TargetBook): { state: string; target: RoutingTarget }[] {
  const out: { state: string; target: RoutingTarget }[] = [];
  for (const state of ROUTING_STATES) {
    const t = group.settings?.routing_options?.[state]?.target;
    if (t !== undefined && !targetExists(t, book)) out.push({ state, target: t });
  }
  return out;
}

function targetExists(t: RoutingTarget, book: TargetBook): boolean {
  const type = groupTypeOfTarget(t.type);
  if (type !== undefined) {
    if (t.key !== undefined) return book.groups.some((g) => g.key === t.key) || book.liveGroups.some((g) => g.key === t.key);
    return book.liveGroups.some((g) => g.type === type && g.id === t.id);
  }
  if (t.type === 'user') return t.key !== undefined ? book.userByEmail(t.key) !== undefined : book.userById(t.id) !== undefined;
  return true;
}
