/**
 * A live group's settings as config writes them (hours as ranges, targets by config key or email),
 * so that import → plan is empty. What config cannot say as read is left out, and so unmanaged: a
 * day whose times are not in order, a value outside the spec's range, a routing state without
 * `action` and `try_dial_operators`, a target of a kind config does not name (an office, a room).
 */
import { HOLD_COUNT, HOLD_QUEUE_FIELDS, HOLD_SECONDS, HOURS_FIELDS, RING_SECONDS, formatHourRanges, groupTypeOfTarget, parseHours, type RoutingRule } from '../model/group-settings.js';
import type { Group, User } from '../model/tenant.js';
import type { RawGroup, RawHoldQueue, RawRoutingRule } from '../config/raw-types.js';

type RawSettings = Omit<RawGroup, 'name' | 'office' | 'id' | 'allow_new_group' | 'owners'>;

export function rawGroupSettings(g: Group, groups: readonly Group[], groupKeys: ReadonlyMap<string, string>, users: readonly User[]): RawSettings {
  const s = g.settings;
  if (s === undefined) return {};
  const out: RawSettings = {};
  for (const f of HOURS_FIELDS) {
    const hours = s[f];
    if (hours === undefined) continue;
    const ranges = formatHourRanges(hours);
    if (hours.length % 2 === 0 && 'hours' in parseHours(ranges)) out[f] = ranges;
  }
  if (s.hours_on !== undefined) out.hours_on = s.hours_on;
  if (s.ring_seconds !== undefined && s.ring_seconds >= RING_SECONDS.min && s.ring_seconds <= RING_SECONDS.max) out.ring_seconds = s.ring_seconds;
  if (g.type === 'department' && s.auto_call_recording !== undefined) out.auto_call_recording = s.auto_call_recording;
  const queue = Object.entries(s.hold_queue ?? {}).filter(([field, v]) => HOLD_QUEUE_FIELDS[g.type][field] !== undefined && v !== undefined && inRange(g, field, v));
  if (queue.length > 0) out.hold_queue = Object.fromEntries(queue) as RawHoldQueue;
  const open = s.routing_options?.open;
  const closed = s.routing_options?.closed;
  const rules = [open, closed].map((r) => (r === undefined ? undefined : rawRule(r, groups, groupKeys, users)));
  if (rules[0] !== undefined && rules[1] !== undefined) out.routing_options = { open: rules[0], closed: rules[1] };
  return out;
}

function inRange(g: Group, field: string, v: number | boolean | string): boolean {
  if (typeof v !== 'number') return true;
  if (field === 'max_hold_count') return v >= HOLD_COUNT[g.type].min && v <= HOLD_COUNT[g.type].max;
  if (field === 'max_hold_seconds') return v >= HOLD_SECONDS.min && v <= HOLD_SECONDS.max;
  return v >= 1;
}

function rawRule(r: RoutingRule, groups: readonly Group[], groupKeys: ReadonlyMap<string, string>, users: readonly User[]): RawRoutingRule | undefined {
  if (r.action === undefined || r.try_dial_operators === undefined) return undefined;
  const target = rawTarget(r, groups, groupKeys, users);
  return {
    action: r.action,
    try_dial_operators: r.try_dial_operators,
    ...(r.operator_routing === undefined ? {} : { operator_routing: r.operator_routing }),
    ...(target === undefined ? {} : { target }),
  };
}

function rawTarget(r: RoutingRule, groups: readonly Group[], groupKeys: ReadonlyMap<string, string>, users: readonly User[]): RawRoutingRule['target'] {
  const t = r.target;
  if (t?.id === undefined) return undefined;
  const type = groupTypeOfTarget(t.type);
  if (type !== undefined) {
    const found = groups.find((g) => g.type === type && g.id === t.id);
    const key = found === undefined ? undefined : groupKeys.get(found.key);
    if (key === undefined) return type === 'department' ? { department_id: t.id } : { call_center_id: t.id };
    return type === 'department' ? { department: key } : { call_center: key };
  }
  if (t.type === 'user') {
    const user = users.find((u) => u.id === t.id);
    return user === undefined ? { user_id: t.id } : { user: user.email };
  }
  return undefined;
}
