/**
 * A group read's settings (`DepartmentProto`, `CallCenterProto`) as the model holds them
 * (`model/group-settings.ts`). The record's top-level fields are checked by `response-shape.ts`;
 * inside `hold_queue` and `routing_options` a field of the wrong type is left out, as if unset
 * (a field config manages then differs, and the plan writes it).
 */
import { HOLD_QUEUE_FIELDS, HOURS_FIELDS, ROUTING_STATES, type GroupSettings, type HoldQueue, type RoutingRule } from '../model/group-settings.js';
import type { GroupType } from '../model/tenant.js';
import type { ApiDepartment } from './api-types.js';

export function readGroupSettings(g: ApiDepartment, type: GroupType): GroupSettings | undefined {
  const out: GroupSettings = {};
  for (const f of HOURS_FIELDS) {
    const v = g[f];
    if (Array.isArray(v)) out[f] = v.filter((x): x is string => typeof x === 'string');
  }
  if (typeof g['hours_on'] === 'boolean') out.hours_on = g['hours_on'];
  const ring = toInteger(g['ring_seconds']);
  if (ring !== undefined) out.ring_seconds = ring;
  if (type === 'department' && typeof g['auto_call_recording'] === 'boolean') out.auto_call_recording = g['auto_call_recording'];
  const queue = readHoldQueue(g['hold_queue'], type);
  if (queue !== undefined) out.hold_queue = queue;
  const routing = g['routing_options'];
  if (isObject(routing)) {
    const rules = Object.fromEntries(ROUTING_STATES.flatMap((s) => (isObject(routing[s]) ? [[s, readRule(routing[s])]] : [])));
    if (Object.keys(rules).length > 0) out.routing_options = rules;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function readHoldQueue(v: unknown, type: GroupType): HoldQueue | undefined {
  if (!isObject(v)) return undefined;
  const out: HoldQueue = {};
  for (const [field, kind] of Object.entries(HOLD_QUEUE_FIELDS[type])) {
    const x = v[field];
    const value = kind === 'integer' ? toInteger(x) : kind === 'boolean' ? (typeof x === 'boolean' ? x : undefined) : typeof x === 'string' ? x : undefined;
    if (value !== undefined) out[field] = value;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function readRule(v: Record<string, unknown>): RoutingRule {
  const id = toInteger(v['action_target_id']);
  const type = v['action_target_type'];
  return {
    ...(typeof v['action'] === 'string' ? { action: v['action'] } : {}),
    ...(typeof v['try_dial_operators'] === 'boolean' ? { try_dial_operators: v['try_dial_operators'] } : {}),
    ...(typeof v['operator_routing'] === 'string' ? { operator_routing: v['operator_routing'] } : {}),
    ...(id !== undefined && typeof type === 'string' ? { target: { type, id: String(id) } } : {}),
  };
}

/** An int64 sent as a JSON integer or a decimal string (safe integers only). */
function toInteger(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
