/**
 * Semantic rules for a group's settings (hours, routing, hold queue; docs/groups.md): what the
 * schema cannot say. Hours are valid times, each range ending after it starts, in order; fields
 * of the other group type are refused (a department has no announcements, a call center no
 * `auto_call_recording` in its PATCH); a department's queue holds at most 50; a routing target
 * named by config key is a declared group of that type.
 */
import type { Problem } from '../errors.js';
import { GROUP_CONFIG_KEY, GROUP_LABELS } from '../model/groups.js';
import { HOLD_COUNT, HOLD_QUEUE_FIELDS, HOURS_FIELDS, ROUTING_STATES, parseHours } from '../model/group-settings.js';
import type { GroupType } from '../model/tenant.js';
import type { MergedConfig } from './merge-files.js';
import { name, problemAt } from './problem-at.js';
import type { RawGroup } from './raw-types.js';

export function checkGroupSettings(config: MergedConfig): Problem[] {
  const problems: Problem[] = [];
  for (const type of ['department', 'call_center'] as const) {
    for (const [key, group] of Object.entries((config.raw[GROUP_CONFIG_KEY[type]] ?? {}) as Record<string, RawGroup | null>)) {
      if (typeof group !== 'object' || group === null) continue;
      const at = (...rest: (string | number)[]) => [GROUP_CONFIG_KEY[type], key, ...rest];
      for (const f of HOURS_FIELDS) {
        const hours = group[f];
        if (!Array.isArray(hours)) continue;
        const parsed = parseHours(hours);
        if ('problem' in parsed) problems.push(problemAt(config, at(f), `${name(config, at(f))}: ${parsed.problem}`));
      }
      if (type === 'call_center' && group.auto_call_recording !== undefined) {
        problems.push(problemAt(config, at('auto_call_recording'), `${name(config, at('auto_call_recording'))}: a call center's PATCH has no auto_call_recording (departments only)`));
      }
      problems.push(...checkHoldQueue(config, type, group, at('hold_queue')));
      for (const state of ROUTING_STATES) {
        const target = group.routing_options?.[state]?.target;
        for (const t of ['department', 'call_center'] as const) {
          const ref = target?.[t];
          if (ref === undefined) continue;
          const declared = Object.keys(config.raw[GROUP_CONFIG_KEY[t]] ?? {});
          if (declared.includes(ref)) continue;
          const path = at('routing_options', state, 'target', t);
          problems.push(
            problemAt(config, path, `${name(config, path)} "${ref}" is not a declared ${GROUP_LABELS[t]} (declared: ${declared.sort().join(', ') || 'none'}); name one config does not declare by its Dialpad id (${t}_id)`),
          );
        }
      }
    }
  }
  return problems;
}

function checkHoldQueue(config: MergedConfig, type: GroupType, group: RawGroup, path: (string | number)[]): Problem[] {
  const queue = group.hold_queue;
  if (typeof queue !== 'object' || queue === null) return [];
  const problems: Problem[] = [];
  const known = HOLD_QUEUE_FIELDS[type];
  for (const field of Object.keys(queue)) {
    if (known[field] === undefined) {
      problems.push(problemAt(config, [...path, field], `${name(config, [...path, field])}: a ${GROUP_LABELS[type]}'s hold_queue has no ${field} (it takes ${Object.keys(known).join(', ')})`));
    }
  }
  const count = queue['max_hold_count'];
  const range = HOLD_COUNT[type];
  if (typeof count === 'number' && (count < range.min || count > range.max)) {
    problems.push(problemAt(config, [...path, 'max_hold_count'], `${name(config, [...path, 'max_hold_count'])}: a ${GROUP_LABELS[type]}'s queue holds ${range.min} to ${range.max} calls`));
  }
  return problems;
}
