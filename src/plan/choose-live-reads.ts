/**
 * Phase 2 of a plan's live read (pure): from the config and phase 1 (company, offices, users, the
 * reserved pool), which per-office license reads and which single-number reads the plan needs.
 * See "Reading Dialpad" in docs/architecture.md.
 */
import type { FollowUpReads, OfficeLicenseReads } from '../dialpad/fetch-live.js';
import { LINE_HOLDING, lineOfLicense } from '../model/license-lines.js';
import { keyLive } from '../model/groups.js';
import { keyLiveOffices } from '../model/match-offices.js';
import { listSkillReads } from '../diff/diff-groups.js';
import { GONE_STATES, matchUsers } from '../model/match-users.js';
import { GROUP_TYPES, type DesiredState, type GroupType, type LineCounts, type LiveState, type User, type UserState } from '../model/tenant.js';
import { compareCodeUnits } from '../model/compare.js';
import { isCompleteE911 } from '../model/e911.js';

/** States in which an account surely holds a line of its office (`LINE_HOLDING`). */
const HOLDING: ReadonlySet<UserState> = new Set((Object.keys(LINE_HOLDING) as UserState[]).filter((s) => LINE_HOLDING[s] === 'yes'));

/**
 * Whether the desired user may take a line in their desired office that the live account does
 * not hold there now: a create, a move in, a license change, a restore or a reactivation. A
 * superset on purpose (a dated joiner not due yet counts too): reading an office too many costs a
 * request, one too few would plan against capacity never read.
 */
function mayClaimLine(user: User, live: User | undefined, liveOffice: string | undefined): boolean {
  if (user.state === 'deleted' || lineOfLicense(user.license) === undefined) return false;
  if (live === undefined || liveOffice !== user.office) return true;
  if (lineOfLicense(live.license) !== lineOfLicense(user.license)) return true;
  // A restore (whatever state follows), or a reactivation; a suspension takes nothing.
  return GONE_STATES.has(live.state) || (HOLDING.has(user.state) && !HOLDING.has(live.state));
}

/** Whether config gives the user more than one number, one of which they do not hold now: it may take an additional-number line. */
function mayTakeAdditionalNumber(user: User, live: User | undefined): boolean {
  const wanted = user.numbers ?? [];
  return wanted.length > 1 && wanted.some((n) => !(live?.numbers ?? []).includes(n));
}

/**
 * The reads phase 2 makes for a plan of `desired` against `phaseOne` (the id-keyed phase-1 read):
 *
 * - an office's purchased licenses (`plan`) when config declares `licenses:` for it, or when a
 *   user may claim a line there (`mayClaimLine`); its `available_licenses` as well for the latter,
 *   and for a declaring office only when its purchased count of a declared line turns out above
 *   the declared one (it then gives licenses up in a transfer). Available licenses are read, not
 *   derived from purchased minus the users read: lines held by what users are not (conference
 *   rooms, room phones, fax lines) count against them too, and the API shows those nowhere else;
 * - `GET /numbers/{number}` for each number a config user lists that no user read holds and the
 *   pool does not hold: it is someone else's (an office line, a call center) or not the company's;
 * - a call-center member's skill level where config declares one or the role changes
 *   (`listSkillReads`: skill levels are not in `group_details`);
 * - `GET /users?email=` for a sample of the config users no live user matches, and
 *   `GET /departments?name_search=` (`/callcenters`) for a sample of the config groups no live
 *   group matches (the plan's creates; `sampleCreates`): one found that its list did not bring
 *   shows that list ended early;
 * - the E911 address of each office and user whose config declares one (`listE911Reads`);
 * - every room (`GET /rooms`) when config has a `rooms:` section, and the licenses of each office a
 *   config room is in (it may be created there; rooms are read in this phase, so a superset).
 *
 * Offices and numbers come out sorted, so the same inputs give the same requests in the same order.
 */
export function choosePlanReads(desired: DesiredState, phaseOne: LiveState): FollowUpReads {
  const live = keyLive(phaseOne, desired);
  const { pairs } = matchUsers(desired, live);
  const claimed = new Set<string>();
  for (const { user, live: found } of pairs) {
    if (mayClaimLine(user, found, found?.office)) claimed.add(user.office);
    // A number beyond the first takes an additional-number line (the sim judges it by available_licenses).
    if (mayTakeAdditionalNumber(user, found)) claimed.add(user.office);
    // A restore takes its line where the deleted account is, before any move to config's office.
    if (found !== undefined && GONE_STATES.has(found.state) && user.state !== 'deleted') claimed.add(found.office);
  }
  // A room may be created there (rooms are read beside these reads, so which ones is not known yet): a superset, as above.
  for (const room of desired.tenant.rooms ?? []) claimed.add(room.office);
  const offices = listOfficeReads(desired, live, (key) => claimed.has(key));

  const held = new Set(live.tenant.users.flatMap((u) => u.numbers ?? []));
  for (const n of live.tenant.numbers) held.add(n.number);
  const numbers = new Set(desired.tenant.users.flatMap((u) => (u.numbers ?? []).filter((n) => !held.has(n))));
  const skills = listSkillReads(pairs, live);
  const emails = sampleCreates(pairs.flatMap((p) => (p.live === undefined && p.user.state !== 'deleted' ? [p.user.email] : [])));
  const groupNames = listGroupLookups(desired, live);
  const e911 = listE911Reads(desired, live, pairs);
  // Caller IDs are not in the user read: one request per user whose config declares one.
  const callerIds = pairs.flatMap((p) => (p.user.callerId !== undefined && p.live?.id !== undefined && !GONE_STATES.has(p.live.state) ? [p.live.id] : []));
  return {
    offices,
    numbers: [...numbers].sort(compareCodeUnits),
    ...(skills.length === 0 ? {} : { skills }),
    ...(emails.length === 0 ? {} : { emails }),
    ...(groupNames.length === 0 ? {} : { groupNames }),
    ...(e911.offices.length + e911.users.length === 0 ? {} : { e911 }),
    ...(callerIds.length === 0 ? {} : { callerIds }),
    ...(desired.tenant.rooms === undefined ? {} : { rooms: true }),
  };
}

/**
 * The E911 addresses the plan compares: of each live office and live user whose config declares a
 * complete one (an incomplete one is never sent: `e911_address_incomplete`). No other read brings
 * them, so each costs one request and an undeclared one none. Sorted ids.
 */
function listE911Reads(desired: DesiredState, live: LiveState, pairs: readonly { user: User; live?: User }[]): { offices: string[]; users: string[] } {
  const declared = new Set(desired.tenant.offices.filter((o) => o.e911 !== undefined && isCompleteE911(o.e911)).map((o) => o.key));
  const offices = live.tenant.offices.flatMap((o) => (o.id !== undefined && declared.has(o.key) ? [o.id] : []));
  const users = pairs.flatMap(({ user, live: found }) =>
    found?.id !== undefined && user.state !== 'deleted' && !GONE_STATES.has(found.state) && user.e911 !== undefined && isCompleteE911(user.e911) ? [found.id] : [],
  );
  return { offices: offices.sort(compareCodeUnits), users: users.sort(compareCodeUnits) };
}

/**
 * Name lookups of the groups the plan would create (config groups no live group matched; a pinned
 * id not read is `group_id_not_found`, not a create): up to `CREATE_LOOKUPS` of each type.
 */
function listGroupLookups(desired: DesiredState, live: LiveState): { type: GroupType; name: string }[] {
  const matched = new Set((live.tenant.groups ?? []).map((g) => g.key));
  const creates = (desired.tenant.groups ?? []).filter((g) => g.id === undefined && !matched.has(g.key));
  return GROUP_TYPES.flatMap((type) => sampleCreates(creates.filter((g) => g.type === type).map((g) => g.name)).map((name) => ({ type, name })));
}

/**
 * How many would-be creates of each kind (users, departments, call centers) are looked up. A list
 * that ended early makes creates of records it did not bring: a few lookups spread over the
 * creates find that (each lost record is one more chance), and the cost stays bounded (each
 * request is 50 ms at Dialpad's 20 per second).
 */
export const CREATE_LOOKUPS = 3;

/** Up to `CREATE_LOOKUPS` of `keys` (emails, names), spread evenly over them in sorted order (the same config picks the same). */
function sampleCreates(keys: readonly string[]): string[] {
  const sorted = [...new Set(keys)].sort(compareCodeUnits);
  if (sorted.length <= CREATE_LOOKUPS) return sorted;
  return Array.from({ length: CREATE_LOOKUPS }, (_, i) => sorted[Math.floor((i * (sorted.length - 1)) / (CREATE_LOOKUPS - 1))] as string);
}

/**
 * The part of `choosePlanReads` that needs only the offices (`offices`: a read of them alone):
 * the `plan` of each office that declares `licenses:`, with its conditional `available_licenses`.
 * Asked as soon as the offices are in, so those reads run beside the user pages.
 */
export function chooseDeclaredOfficeReads(desired: DesiredState, offices: LiveState): FollowUpReads {
  return { offices: listOfficeReads(desired, keyLiveOffices(offices, desired.tenant.offices), () => false), numbers: [] };
}

/**
 * Per live office (a config one, or one config does not list, keyed `id:<id>`): `available`
 * always where `claimed`, else on the counts config declares for it; sorted by id.
 */
function listOfficeReads(desired: DesiredState, live: LiveState, claimed: (key: string) => boolean): OfficeLicenseReads[] {
  const declaredOf = new Map(desired.tenant.offices.map((o) => [o.key, o.licenses as Partial<LineCounts>]));
  const offices: OfficeLicenseReads[] = [];
  for (const office of live.tenant.offices) {
    if (office.id === undefined) continue;
    const declared = declaredOf.get(office.key) ?? {};
    if (claimed(office.key)) offices.push({ id: office.id, available: true });
    else if (Object.keys(declared).length > 0) offices.push({ id: office.id, available: { ...declared } });
  }
  return offices.sort((a, b) => compareCodeUnits(a.id, b.id));
}
