/**
 * The console's read-only view of departments and call centers and how each answers (issue 32):
 * hours as the Dialpad UI lists them, the ring time, the queue and where calls go in and out of
 * hours, from the state as the API shows it.
 */
import { GROUP_KIND_LIST, isLiveGroup, listGroups } from './groups.js';
import type { Fixture } from './types.js';

export interface ConsoleGroup {
  id: string;
  /** "department" or "call center". */
  type: string;
  name: string;
  office_id: string;
  /** "24/7", or per day "Mon 08:00-18:00" (closed days left out; "closed" when none is open). */
  hours: string;
  ring_seconds: string | null;
  /** `field: value` pairs of the hold queue, sorted. */
  hold_queue: string;
  /** e.g. "open: voicemail, dial operators first · closed: department → department 81". */
  routing: string;
}

const DAYS: [string, string][] = [
  ['monday_hours', 'Mon'], ['tuesday_hours', 'Tue'], ['wednesday_hours', 'Wed'], ['thursday_hours', 'Thu'],
  ['friday_hours', 'Fri'], ['saturday_hours', 'Sat'], ['sunday_hours', 'Sun'],
];

export function listConsoleGroups(state: Fixture): ConsoleGroup[] {
  return GROUP_KIND_LIST.flatMap((kind) =>
    listGroups(state, kind.kind)
      .filter(isLiveGroup)
      .map((g) => ({
        id: g.id,
        type: kind.label,
        name: g.name,
        office_id: g.office_id,
        hours: describeHours(g),
        ring_seconds: g['ring_seconds'] === undefined ? null : String(g['ring_seconds']),
        hold_queue: Object.entries((g['hold_queue'] ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}: ${String(v)}`).join(', '),
        routing: describeRouting(g['routing_options']),
      })),
  );
}

function describeHours(g: Record<string, unknown>): string {
  if (g['hours_on'] !== true) return '24/7';
  const days = DAYS.flatMap(([field, label]) => {
    const times = Array.isArray(g[field]) ? (g[field] as string[]) : [];
    const ranges: string[] = [];
    for (let i = 0; i + 1 < times.length; i += 2) ranges.push(`${times[i]}-${times[i + 1]}`);
    return ranges.length === 0 ? [] : [`${label} ${ranges.join(', ')}`];
  });
  return days.length === 0 ? 'closed' : days.join('; ');
}

function describeRouting(v: unknown): string {
  if (typeof v !== 'object' || v === null) return '';
  return (['open', 'closed'] as const)
    .flatMap((state) => {
      const r = (v as Record<string, Record<string, unknown> | undefined>)[state];
      if (r === undefined) return [];
      const target = r['action_target_id'] === undefined ? '' : ` → ${String(r['action_target_type'])} ${String(r['action_target_id'])}`;
      return [`${state}: ${String(r['action'])}${target}${r['try_dial_operators'] === true ? ', dial operators first' : ''}`];
    })
    .join(' · ');
}
