import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * An office whose `country` in config is not the country Dialpad gives it. The planner judges
 * numbers (`number_conflict`) and international moves (`country_change_requires_ack`,
 * `price_level_mismatch`, which numbers go to the pool) by config's country, so a wrong one would
 * silently mislead it; and no API call changes an office's country. An office Dialpad reads
 * without a country is not judged.
 */
export function checkOfficeCountryMismatch(ctx: RuleContext): Violation[] {
  const liveByKey = new Map(ctx.live.tenant.offices.map((o) => [o.key, o]));
  return ctx.desired.tenant.offices.flatMap((office): Violation[] => {
    const found = liveByKey.get(office.key);
    if (found === undefined || found.country === '' || found.country === office.country) return [];
    return [
      {
        code: 'office_country_mismatch',
        severity: 'error',
        message:
          `Office ${office.key} (${found.name}) has country ${office.country} in config${at(office.source)}, but Dialpad gives it ` +
          `${found.country}. dialform judges numbers and international moves by the office's country, and Dialpad's API cannot ` +
          `change an office's country: set offices.${office.key}.country to ${found.country} in config (or, if the office is ` +
          'meant to be another one, point the entry at it by name or id).',
        operation_ids: ctx.operations.filter((op) => op.office_key === office.key).map((op) => op.id),
      },
    ];
  });
}
