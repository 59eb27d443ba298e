import { E911_COUNTRIES, isCompleteE911, missingE911Fields } from '../../model/e911.js';
import type { DesiredState, Office } from '../../model/tenant.js';
import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * Whether the config manages E911 at all (some office or user declares `e911`). The two rules
 * below judge only such a config: one written before E911 was managed stays as it planned.
 */
function managesE911(desired: DesiredState): boolean {
  return desired.tenant.offices.some((o) => o.e911 !== undefined) || desired.tenant.users.some((u) => u.e911 !== undefined);
}

/** The complete address config gives `office`: its `e911`, or the one its `create:` block sends. */
function declaredAddress(office: Office): boolean {
  return (office.e911 !== undefined && isCompleteE911(office.e911)) || office.create?.e911_address !== undefined;
}

/**
 * An office in a country where Dialpad requires an E911 address (`E911_COUNTRIES`) with users
 * config manages but no complete address in config: a call to emergency services from there must
 * carry a dispatchable location (Kari's Law and RAY BAUM'S Act in the US, like duties elsewhere).
 */
export function checkE911AddressRequired(ctx: RuleContext): Violation[] {
  if (!managesE911(ctx.desired)) return [];
  return ctx.desired.tenant.offices.flatMap((office): Violation[] => {
    if (!E911_COUNTRIES.has(office.country) || declaredAddress(office)) return [];
    const users = ctx.desired.tenant.users.filter((u) => u.office === office.key && u.state !== 'deleted');
    if (users.length === 0) return [];
    const emails = new Set(users.map((u) => u.email));
    const missing = office.e911 === undefined ? 'no e911 address' : `an incomplete e911 address (no ${missingE911Fields(office.e911).join(', ')})`;
    return [
      {
        code: 'e911_address_required',
        severity: 'error',
        message:
          `Office ${office.key} (${office.name}) is in ${office.country}, where Dialpad requires an E911 address, and config manages ` +
          `${users.length === 1 ? 'a user' : `${users.length} users`} there, but gives it ${missing}${at(office.source)}. ` +
          `A call to emergency services must carry a dispatchable location: add offices.${office.key}.e911 with address, city, state, zip and country.`,
        operation_ids: ctx.operations.filter((op) => op.office_key === office.key || (op.target.type === 'user' && emails.has(op.target.email))).map((op) => op.id),
      },
    ];
  });
}

/**
 * A user whose own declared address lacks a field Dialpad requires: it is not sent (the PUT would
 * be refused), so the person keeps the address Dialpad has for them. A warning: nothing is
 * changed wrongly, but what config says is not what they get.
 */
export function checkE911AddressIncomplete(ctx: RuleContext): Violation[] {
  const offices = new Map(ctx.desired.tenant.offices.map((o) => [o.key, o]));
  return ctx.desired.tenant.users.flatMap((user): Violation[] => {
    if (user.e911 === undefined || user.state === 'deleted' || isCompleteE911(user.e911)) return [];
    const office = offices.get(user.office);
    if (office === undefined || !E911_COUNTRIES.has(office.country)) return [];
    return [
      {
        code: 'e911_address_incomplete',
        severity: 'warning',
        message:
          `${user.email}'s own E911 address${at(user.source)} has no ${missingE911Fields(user.e911).join(', ')}, which Dialpad requires; ` +
          `it is not sent, and they keep the address Dialpad has for them (their office ${office.name} is in ${office.country}, where an ` +
          'emergency call must carry a dispatchable location). Complete users[].e911, or remove it to use the office\'s.',
        operation_ids: [],
      },
    ];
  });
}
