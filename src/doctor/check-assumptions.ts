/**
 * The documented assumptions (docs/fidelity.md) one read of a company can confirm or contradict.
 * Pure: from the records as Dialpad sent them. Each check's `id` is the "revealed by" name
 * docs/fidelity.md gives it; a check the company gives no evidence for is `not_shown`.
 */
import type { ApiLineCounts, ApiUser } from '../dialpad/api-types.js';
import type { RawRead } from '../dialpad/read-raw.js';
import { officeIdOf } from '../dialpad/normalize-live.js';
import { countryOfNumber } from '../model/countries.js';
import { LINE_FIELD, lineOfLicense } from '../model/license-lines.js';
import { ACCOUNT_TYPES, USER_LICENSES } from '../model/tenant.js';
import type { AssumptionCheck } from './types.js';

/** What the checks read: the raw read, and the largest list page doctor was sent. */
export interface AssumptionInput {
  read: RawRead;
  /** Items on the fullest list page, and whether any list needed more than one page. */
  pages: { largest: number; paged: boolean };
}

type Check = (input: AssumptionInput) => Omit<AssumptionCheck, 'id' | 'assumption'>;

const confirmed = (detail: string) => ({ status: 'confirmed' as const, detail });
const contradicted = (detail: string) => ({ status: 'contradicted' as const, detail });
const notShown = (detail: string) => ({ status: 'not_shown' as const, detail });

/** Which line each user holds, per office id: active and pending users, and suspended ones apart. */
function countUserLines(users: readonly ApiUser[]): Map<string, { holding: Record<string, number>; suspended: Record<string, number> }> {
  const byOffice = new Map<string, { holding: Record<string, number>; suspended: Record<string, number> }>();
  for (const u of users) {
    const line = lineOfLicense(u.license ?? 'talk');
    if (line === undefined || u.office_id === undefined) continue;
    const field = LINE_FIELD[line];
    const entry = byOffice.get(String(u.office_id)) ?? { holding: {}, suspended: {} };
    byOffice.set(String(u.office_id), entry);
    if (u.state === 'active' || u.state === 'pending') entry.holding[field] = (entry.holding[field] ?? 0) + 1;
    if (u.state === 'suspended') entry.suspended[field] = (entry.suspended[field] ?? 0) + 1;
  }
  return byOffice;
}

/** `purchased − available` per line field: what holds a line (users, rooms, fax, extra numbers). */
function heldLines(plan: ApiLineCounts, available: ApiLineCounts): Record<string, number> {
  const held: Record<string, number> = {};
  for (const [field, value] of Object.entries(plan)) {
    const free = (available as Record<string, unknown>)[field];
    if (free !== undefined && free !== null) held[field] = Number(value) - Number(free);
  }
  return held;
}

const CHECKS: Record<string, { assumption: string; check: Check }> = {
  ids_as_strings: {
    assumption: 'int64 ids arrive as JSON strings (dialpad-api.md §1.6); a safe JSON integer is read too',
    check: ({ read }) => {
      const ids = [...read.offices.map((o) => o.id ?? o.office_id), ...read.users.map((u) => u.id)].filter((id) => id !== undefined);
      if (ids.length === 0) return notShown('no office or user id was read');
      const numbers = ids.filter((id) => typeof id === 'number').length;
      return numbers === 0 ? confirmed(`${ids.length} ids, all strings`) : contradicted(`${numbers} of ${ids.length} ids are JSON numbers (read while below 2^53)`);
    },
  },
  office_country_lowercase: {
    assumption: 'offices name their country in lower case, ISO 3166 alpha-2 (dialpad-api.md §1.6)',
    check: ({ read }) => {
      const countries = read.offices.map((o) => o.country).filter((c): c is string => typeof c === 'string');
      if (countries.length === 0) return notShown('no office country was read');
      const odd = countries.filter((c) => !/^[a-z]{2}$/.test(c));
      return odd.length === 0 ? confirmed(`${countries.length} offices`) : contradicted(`${odd.length} of ${countries.length} offices name it otherwise (${[...new Set(odd)].slice(0, 3).join(', ')})`);
    },
  },
  account_type_known: {
    assumption: `account_type is one of ${ACCOUNT_TYPES.join(', ')} (CompanyProto)`,
    check: ({ read }) => {
      const t = read.company.account_type;
      if (t === undefined) return notShown('the company read has no account_type');
      return (ACCOUNT_TYPES as readonly string[]).includes(t) ? confirmed(`"${t}"`) : contradicted(`"${t}" is not a tier dialform knows`);
    },
  },
  user_license_known: {
    assumption: `each user's license is one of the documented values (${USER_LICENSES.join(', ')})`,
    check: ({ read }) => {
      const licenses = read.users.map((u) => u.license).filter((l): l is NonNullable<typeof l> => l !== undefined);
      if (licenses.length === 0) return notShown('no user license was read');
      const odd = [...new Set(licenses.filter((l) => !(USER_LICENSES as readonly string[]).includes(l)))];
      return odd.length === 0 ? confirmed(`${licenses.length} users`) : contradicted(`unknown license values: ${odd.join(', ')}`);
    },
  },
  pool_numbers_have_no_target: {
    assumption: 'the reserved pool is the numbers with status "available" and no target (dialpad-api.md §4.4, inferred)',
    check: ({ read }) => {
      const pool = read.numbers.filter((n) => n.status === 'available');
      if (pool.length === 0) return notShown('the reserved pool is empty');
      const targeted = pool.filter((n) => n.target_id !== undefined).length;
      return targeted === 0 ? confirmed(`${pool.length} pool numbers, none with a target`) : contradicted(`${targeted} of ${pool.length} "available" numbers name a target`);
    },
  },
  available_within_purchased: {
    assumption: 'an office never has more unassigned licenses of a kind than it bought (plan vs available_licenses)',
    check: ({ read }) => {
      const over: string[] = [];
      for (const [id, plan] of read.plans) {
        const free = read.available.get(id);
        if (free === undefined) continue;
        for (const [field, held] of Object.entries(heldLines(plan, free))) if (held < 0) over.push(`office ${id} ${field}`);
      }
      if (read.available.size === 0) return notShown('no office licenses were read');
      return over.length === 0 ? confirmed(`${read.available.size} offices`) : contradicted(`more available than purchased: ${over.slice(0, 3).join(', ')}`);
    },
  },
  user_license_lines: {
    assumption: 'active and pending users hold one line each of the kind their license maps to (talk→talk_lines, agents→sell_lines, lite_support_agents→contact_center_lines; not documented)',
    check: ({ read }) => {
      const lines = countUserLines(read.users);
      const short: string[] = [];
      let compared = 0;
      for (const [id, plan] of read.plans) {
        const free = read.available.get(id);
        if (free === undefined) continue;
        const held = heldLines(plan, free);
        for (const [field, users] of Object.entries(lines.get(id)?.holding ?? {})) {
          compared++;
          if ((held[field] ?? 0) < users) short.push(`office ${id}: ${users} users on ${field}, ${held[field] ?? 0} held`);
        }
      }
      if (compared === 0) return notShown('no office with users holding a line had its licenses read');
      return short.length === 0 ? confirmed(`${compared} office lines hold at least their users`) : contradicted(short.slice(0, 3).join('; '));
    },
  },
  suspended_users_free_lines: {
    assumption: 'a suspended user holds no line (Dialpad says so for SCIM only; for the API it is unknown, and the planner counts them as holding one)',
    check: ({ read }) => {
      const lines = countUserLines(read.users);
      let suspended = 0;
      for (const [id, plan] of read.plans) {
        const free = read.available.get(id);
        const users = lines.get(id);
        if (free === undefined || users === undefined) continue;
        const held = heldLines(plan, free);
        for (const [field, count] of Object.entries(users.suspended)) {
          suspended += count;
          if ((held[field] ?? 0) < (users.holding[field] ?? 0) + count) return confirmed(`office ${id}: fewer ${field} held than active, pending and suspended users`);
        }
      }
      return notShown(suspended === 0 ? 'no suspended user with a line in an office whose licenses were read' : 'every office holds enough lines for its suspended users too (rooms, fax or extra numbers may hold them)');
    },
  },
  deleted_users_listed: {
    assumption: 'a deleted user is listed under state=all with their email while they can be restored (recently_deleted_user)',
    check: ({ read }) => {
      const deleted = read.users.filter((u) => u.state === 'deleted');
      if (deleted.length === 0) return notShown('no deleted user was listed');
      const withEmail = deleted.filter((u) => (u.emails ?? []).length > 0).length;
      return withEmail > 0 ? confirmed(`${withEmail} of ${deleted.length} deleted users still carry an email`) : notShown(`${deleted.length} deleted users, none with an email (anonymized)`);
    },
  },
  user_numbers_in_office_country: {
    assumption: "a user's numbers are of their office's country (number_conflict; country by libphonenumber)",
    check: ({ read }) => {
      const country = new Map(read.offices.map((o) => [officeIdOf(o) ?? '', String(o.country ?? '').toUpperCase()]));
      let numbers = 0;
      const foreign: string[] = [];
      for (const u of read.users) {
        if (u.state === 'deleted') continue;
        for (const n of u.phone_numbers ?? []) {
          numbers++;
          const c = countryOfNumber(n);
          if (c !== undefined && c !== country.get(String(u.office_id))) foreign.push(`${n} (${c}) in a ${country.get(String(u.office_id)) ?? '?'} office`);
        }
      }
      if (numbers === 0) return notShown('no user holds a number');
      return foreign.length === 0 ? confirmed(`${numbers} numbers`) : contradicted(`${foreign.length} of ${numbers}: ${foreign.slice(0, 3).join(', ')}`);
    },
  },
  page_size_100: {
    assumption: 'list pages hold up to 100 records (the default page size is undocumented; the read budget assumes 100)',
    check: ({ pages }) => {
      if (!pages.paged) return notShown(`no list needed a second page (largest page: ${pages.largest})`);
      return pages.largest === 100 ? confirmed('full pages hold 100') : contradicted(`full pages hold ${pages.largest}`);
    },
  },
};

/** Every assumption check, in a stable order. */
export function checkAssumptions(input: AssumptionInput): AssumptionCheck[] {
  return Object.entries(CHECKS).map(([id, { assumption, check }]) => ({ id, assumption, ...check(input) }));
}

/** The ids docs/fidelity.md may name as "revealed by" a doctor check. */
export const ASSUMPTION_CHECK_IDS: readonly string[] = Object.keys(CHECKS);
