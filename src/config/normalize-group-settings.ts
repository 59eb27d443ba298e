/** A group entry's settings (hours, routing, hold queue) as the model holds them (`model/group-settings.ts`). */
import { HOURS_FIELDS, ROUTING_STATES, parseHours, type GroupSettings, type RoutingRule, type RoutingTarget } from '../model/group-settings.js';
import type { Group } from '../model/tenant.js';
import type { Fields } from './normalize.js';
import type { RawGroup, RawRoutingRule } from './raw-types.js';

type SettingKey = Exclude<keyof RawGroup, 'name' | 'office' | 'id' | 'allow_new_group' | 'owners'>;
const READ = { ignored: 'read together into Group.settings by normalizeGroupSettings' } as const;

/** The group fields `normalizeGroupSettings` reads, for the normalizer's field table. */
export const GROUP_SETTINGS_FIELDS: Fields<Pick<RawGroup, SettingKey>, Group> = {
  monday_hours: READ,
  tuesday_hours: READ,
  wednesday_hours: READ,
  thursday_hours: READ,
  friday_hours: READ,
  saturday_hours: READ,
  sunday_hours: READ,
  hours_on: READ,
  ring_seconds: READ,
  auto_call_recording: READ,
  hold_queue: READ,
  routing_options: READ,
};

/** The settings the entry writes (hours as the API's flat list), or `undefined` when it writes none. Validated before (`checkGroupSettings`). */
export function normalizeGroupSettings(raw: RawGroup): GroupSettings | undefined {
  const out: GroupSettings = {};
  for (const f of HOURS_FIELDS) {
    const v = raw[f];
    if (v === undefined) continue;
    const parsed = parseHours(v);
    if ('hours' in parsed) out[f] = parsed.hours;
  }
  if (raw.hours_on !== undefined) out.hours_on = raw.hours_on;
  if (raw.ring_seconds !== undefined) out.ring_seconds = raw.ring_seconds;
  if (raw.auto_call_recording !== undefined) out.auto_call_recording = raw.auto_call_recording;
  if (raw.hold_queue !== undefined) out.hold_queue = Object.fromEntries(Object.entries(raw.hold_queue));
  const routing = raw.routing_options;
  if (routing !== undefined) out.routing_options = Object.fromEntries(ROUTING_STATES.map((s) => [s, normalizeRule(routing[s])]));
  return Object.keys(out).length === 0 ? undefined : out;
}

function normalizeRule(raw: RawRoutingRule): RoutingRule {
  const target = normalizeTarget(raw.target);
  return {
    action: raw.action,
    try_dial_operators: raw.try_dial_operators,
    ...(raw.operator_routing === undefined ? {} : { operator_routing: raw.operator_routing }),
    ...(target === undefined ? {} : { target }),
  };
}

/** Config's one-key target as the API's type with a key (config key, email) or a Dialpad id. */
export function normalizeTarget(t: RawRoutingRule['target']): RoutingTarget | undefined {
  if (t === undefined) return undefined;
  if (t.department !== undefined) return { type: 'department', key: t.department };
  if (t.call_center !== undefined) return { type: 'callcenter', key: t.call_center };
  if (t.user !== undefined) return { type: 'user', key: t.user.toLowerCase() };
  if (t.department_id !== undefined) return { type: 'department', id: t.department_id };
  if (t.call_center_id !== undefined) return { type: 'callcenter', id: t.call_center_id };
  if (t.user_id !== undefined) return { type: 'user', id: t.user_id };
  return undefined;
}
