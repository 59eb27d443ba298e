/**
 * How a department or call center answers, as the OpenAPI describes the fields of
 * `UpdateDepartmentMessage` / `UpdateCallCenterMessage` (and their create messages): hours as a
 * flat list of "HH:MM" times in order, `hold_queue` of the kind's own fields and ranges,
 * `routing_options` with both states, each with `action` and `try_dial_operators`, and a target
 * that exists. Re-stated here on purpose, apart from the planner's `model/group-settings.ts`: the
 * emulator models Dialpad, so a planner mistake shows as a refused apply.
 */
import { GROUP_KIND_LIST, isLiveGroup, listGroups } from './groups.js';
import { badRequest } from './http-failure.js';
import type { Fixture, GroupKind } from './types.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => `${d}_hours`);
const ACTIONS = ['bridge_target', 'company_directory', 'department', 'directory', 'disabled', 'extension', 'menu', 'message', 'operator', 'person', 'scripted_ivr', 'voicemail'];
const TARGET_TYPES = ['callcenter', 'callrouter', 'channel', 'coachinggroup', 'contact', 'contactgroup', 'department', 'office', 'room', 'staffgroup', 'unknown', 'user'];
const OPERATOR_ROUTINGS = ['fixedorder', 'longestidle', 'mostskilled', 'random', 'roundrobin', 'simultaneous'];
const DTMF = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];

type FieldRule = { type: 'boolean' } | { type: 'integer'; min: number; max: number } | { type: 'dtmf' };
/** `HoldQueueDepartment` and `HoldQueueCallCenter`: "Choose from 1-50" / "1-1000" calls, "30s to 18000s". */
const HOLD_QUEUE: Record<GroupKind, Record<string, FieldRule>> = {
  departments: {
    allow_queuing: { type: 'boolean' },
    max_hold_count: { type: 'integer', min: 1, max: 50 },
    max_hold_seconds: { type: 'integer', min: 30, max: 18000 },
  },
  call_centers: {
    allow_queue_callback: { type: 'boolean' },
    announce_position: { type: 'boolean' },
    announcement_interval_seconds: { type: 'integer', min: 1, max: Number.MAX_SAFE_INTEGER },
    max_hold_count: { type: 'integer', min: 1, max: 1000 },
    max_hold_seconds: { type: 'integer', min: 30, max: 18000 },
    queue_callback_dtmf: { type: 'dtmf' },
    queue_callback_threshold: { type: 'integer', min: 1, max: Number.MAX_SAFE_INTEGER },
    queue_escape_dtmf: { type: 'dtmf' },
    stay_in_queue_after_closing: { type: 'boolean' },
    unattended_queue: { type: 'boolean' },
  },
};

/** Checks the settings `body` carries and returns them as stored (int64 fields as decimal strings); throws 400 on the first wrong one. */
export function readGroupSettings(state: Fixture, body: Record<string, unknown>, kind: GroupKind): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const day of DAYS) {
    const v = body[day];
    if (v === undefined || v === null) continue;
    out[day] = readHours(day, v);
  }
  if (body['hours_on'] !== undefined && body['hours_on'] !== null) out['hours_on'] = readBoolean('hours_on', body['hours_on']);
  if (body['auto_call_recording'] !== undefined && body['auto_call_recording'] !== null) out['auto_call_recording'] = readBoolean('auto_call_recording', body['auto_call_recording']);
  const queue = body['hold_queue'];
  if (queue !== undefined && queue !== null) out['hold_queue'] = readHoldQueue(queue, kind);
  const routing = body['routing_options'];
  if (routing !== undefined && routing !== null) out['routing_options'] = readRouting(state, routing);
  return out;
}

function readHours(field: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.length % 2 !== 0) throw badRequest(`${field} must be a list of opening and closing times, in pairs`);
  let last = -1;
  for (const t of v) {
    const m = typeof t === 'string' ? /^(\d\d):(\d\d)$/.exec(t) : null;
    const minutes = m === null ? Number.NaN : Number(m[1]) * 60 + Number(m[2]);
    if (m === null || Number(m[2]) > 59 || minutes > 24 * 60) throw badRequest(`${field}: ${JSON.stringify(t)} is not a time HH:MM`);
    if (minutes <= last) throw badRequest(`${field}: times must be in increasing order`);
    last = minutes;
  }
  return [...(v as string[])];
}

function readBoolean(field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw badRequest(`${field} must be a boolean`);
  return v;
}

function readInteger(field: string, v: unknown, min: number, max: number): string {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw badRequest(`${field} must be an integer from ${min} to ${max}`);
  return String(n);
}

function readHoldQueue(v: unknown, kind: GroupKind): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badRequest('hold_queue must be an object');
  const rules = HOLD_QUEUE[kind];
  const out: Record<string, unknown> = {};
  for (const [field, x] of Object.entries(v)) {
    const rule = rules[field];
    if (rule === undefined) throw badRequest(`hold_queue.${field} is not a field of ${kind === 'departments' ? 'HoldQueueDepartment' : 'HoldQueueCallCenter'}`);
    if (x === null) continue;
    if (rule.type === 'boolean') out[field] = readBoolean(`hold_queue.${field}`, x);
    else if (rule.type === 'integer') out[field] = readInteger(`hold_queue.${field}`, x, rule.min, rule.max);
    else if (typeof x === 'string' && DTMF.includes(x)) out[field] = x;
    else throw badRequest(`hold_queue.${field} must be one of ${DTMF.join(' ')}`);
  }
  return out;
}

function readRouting(state: Fixture, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badRequest('routing_options must be an object');
  const o = v as Record<string, unknown>;
  return { open: readRule(state, 'open', o['open']), closed: readRule(state, 'closed', o['closed']) };
}

function readRule(state: Fixture, which: string, v: unknown): Record<string, unknown> {
  const at = `routing_options.${which}`;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badRequest(`${at} is required (an object)`);
  const r = v as Record<string, unknown>;
  if (typeof r['action'] !== 'string' || !ACTIONS.includes(r['action'])) throw badRequest(`${at}.action is required, one of ${ACTIONS.join(', ')}`);
  const out: Record<string, unknown> = { action: r['action'], try_dial_operators: readBoolean(`${at}.try_dial_operators`, r['try_dial_operators']) };
  const routing = r['operator_routing'];
  if (routing !== undefined && routing !== null) {
    if (typeof routing !== 'string' || !OPERATOR_ROUTINGS.includes(routing)) throw badRequest(`${at}.operator_routing must be one of ${OPERATOR_ROUTINGS.join(', ')}`);
    out['operator_routing'] = routing;
  }
  const [type, id] = [r['action_target_type'], r['action_target_id']];
  if (id !== undefined && id !== null) {
    if (typeof type !== 'string' || !TARGET_TYPES.includes(type)) throw badRequest(`${at}.action_target_type must be one of ${TARGET_TYPES.join(', ')}`);
    const target = readInteger(`${at}.action_target_id`, id, 1, Number.MAX_SAFE_INTEGER);
    if (!targetExists(state, type, target)) throw badRequest(`${at}.action_target_id: ${type} ${target} does not exist`);
    Object.assign(out, { action_target_type: type, action_target_id: target });
  }
  if (r['dtmf'] !== undefined && r['dtmf'] !== null) out['dtmf'] = structuredClone(r['dtmf']);
  return out;
}

/** Groups and users are modelled; a target of another type is taken on trust. */
function targetExists(state: Fixture, type: string, id: string): boolean {
  const kind = GROUP_KIND_LIST.find((k) => k.groupType === type);
  if (kind !== undefined) return listGroups(state, kind.kind).some((g) => g.id === id && isLiveGroup(g));
  if (type === 'user') return state.users.some((u) => u.id === id && !u.anonymized && u.state !== 'deleted');
  return true;
}
