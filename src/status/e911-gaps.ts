/**
 * `status --view e911`: where an emergency call may carry no dispatchable location. Offices in a
 * country where Dialpad requires an E911 address (`E911_COUNTRIES`, the list the rule
 * `e911_address_required` judges config by) that have users and no complete address in Dialpad,
 * and people whose own address is incomplete: as config declares it (the rule
 * `e911_address_incomplete`: it is never sent) or as Dialpad holds it, where it was read.
 *
 * No read of an office or a user brings its address, so the view costs one request per office in
 * such a country with users (`readForE911Status`), and is read only when asked for; no user's
 * address is read for it (10,000 users would be 10,000 requests): a user's is known only where
 * the plan's own read already reads it (config declares one).
 */
import { compareCodeUnits } from '../model/compare.js';
import { E911_COUNTRIES, missingE911Fields } from '../model/e911.js';
import type { DesiredState, E911Address, LiveState } from '../model/tenant.js';
import type { FollowUpReads, LiveReadScope } from '../dialpad/fetch-live.js';
import type { StatusSearch } from './search-status.js';

/** An office in an E911 country, with users, whose address in Dialpad is missing or incomplete. */
export interface E911OfficeGap {
  office: string;
  /** Upper-case ISO country. */
  country: string;
  /** Its users in state active, pending or suspended: each may place an emergency call from there. */
  users: number;
  /** What Dialpad holds (`null`: no address at all). PII: `--redact` masks it. */
  e911_address: Partial<E911Address> | null;
  /** The fields Dialpad requires that it lacks. */
  missing: string[];
}

/** A person whose own E911 address is incomplete. */
export interface E911UserGap {
  email: string;
  name: string;
  office: string;
  /** The incomplete address. PII: `--redact` masks it. */
  e911_address: Partial<E911Address>;
  missing: string[];
  /** `config`: declared so in `users[].e911` (never sent); `dialpad`: so in Dialpad (read because config declares one). */
  declared_in: 'config' | 'dialpad';
}

export interface StatusE911 {
  offices: E911OfficeGap[];
  users: E911UserGap[];
}

const SHOWN_STATES = new Set(['active', 'pending', 'suspended']);

/** Live ids of the offices (id-keyed, as `fetchLive` reads them) in an E911 country with users: what the view reads. */
export function listE911StatusReads(phaseOne: LiveState): string[] {
  const staffed = new Set(phaseOne.tenant.users.filter((u) => SHOWN_STATES.has(u.state)).map((u) => u.office));
  return phaseOne.tenant.offices
    .flatMap((o) => (o.id !== undefined && E911_COUNTRIES.has(o.country) && staffed.has(o.key) ? [o.id] : []))
    .sort(compareCodeUnits);
}

/** `scope` plus the office addresses the view needs (those `scope` reads already are not asked twice). */
export function readForE911Status(scope: LiveReadScope): LiveReadScope {
  return {
    ...scope,
    followUp: async (phaseOne): Promise<FollowUpReads> => {
      const reads = await scope.followUp(phaseOne);
      const offices = [...new Set([...(reads.e911?.offices ?? []), ...listE911StatusReads(phaseOne)])].sort(compareCodeUnits);
      return { ...reads, e911: { offices, users: reads.e911?.users ?? [] } };
    },
  };
}

/**
 * The gaps in `live` (read with `readForE911Status`) and `desired` (when there is a config),
 * filtered by `matches`. An office whose address was not read (the read failed: `incomplete` says
 * so) is not listed: its gap is unknown.
 */
export function findE911Gaps(input: { live: LiveState; desired?: DesiredState; matches: StatusSearch; officeOf: (key: string) => string }): StatusE911 {
  const { live, desired, matches, officeOf } = input;
  const users = live.tenant.users.filter((u) => SHOWN_STATES.has(u.state));
  const offices = live.tenant.offices.flatMap((o): E911OfficeGap[] => {
    const staff = users.filter((u) => u.office === o.key).length;
    if (!E911_COUNTRIES.has(o.country) || staff === 0 || o.e911 === undefined) return [];
    const missing = missingE911Fields(o.e911);
    if (missing.length === 0) return [];
    return [{ office: o.name, country: o.country, users: staff, e911_address: Object.keys(o.e911).length === 0 ? null : { ...o.e911 }, missing }];
  });

  const gaps = new Map<string, E911UserGap>();
  const configOffices = new Map((desired?.tenant.offices ?? []).map((o) => [o.key, o]));
  for (const u of desired?.tenant.users ?? []) {
    const office = configOffices.get(u.office);
    if (u.e911 === undefined || u.state === 'deleted' || office === undefined || !E911_COUNTRIES.has(office.country)) continue;
    const missing = missingE911Fields(u.e911);
    if (missing.length > 0) gaps.set(u.email.toLowerCase(), { email: u.email, name: fullName(u), office: office.name, e911_address: { ...u.e911 }, missing, declared_in: 'config' });
  }
  const liveOffices = new Map(live.tenant.offices.map((o) => [o.key, o]));
  for (const u of users) {
    // An empty read is the office's missing address (a user without their own reads the office's), listed above.
    if (u.e911 === undefined || Object.keys(u.e911).length === 0 || gaps.has(u.email.toLowerCase())) continue;
    if (!E911_COUNTRIES.has(liveOffices.get(u.office)?.country ?? '')) continue;
    const missing = missingE911Fields(u.e911);
    if (missing.length > 0) gaps.set(u.email.toLowerCase(), { email: u.email, name: fullName(u), office: officeOf(u.office), e911_address: { ...u.e911 }, missing, declared_in: 'dialpad' });
  }
  return {
    offices: offices.filter((g) => matches({ fields: [g.office, g.country, 'e911'], numbers: [] })).sort((a, b) => compareCodeUnits(a.office, b.office)),
    users: [...gaps.values()].filter((g) => matches({ fields: [g.email, g.name, g.office, 'e911'], numbers: [] })).sort((a, b) => compareCodeUnits(a.email, b.email)),
  };
}

function fullName(u: { firstName: string; lastName: string }): string {
  return `${u.firstName} ${u.lastName}`.trim();
}
