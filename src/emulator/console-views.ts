/**
 * `GET /_emulator/views`: what the console page shows, Admin Settings as the help article lays it
 * out. The three user views are `dialform status`'s own (`buildStatus`), built from the state as
 * the API shows it (the wire protos, normalized as the client normalizes them) plus what Dialpad's
 * web UI knows and its API does not: when each user was deleted, and who each reserved number was
 * last for and when. Added for the page's forms: ids, the no-API permissions, offices with their
 * price levels, licenses and E911 addresses, each user's phone settings, caller ID (and the numbers
 * they may present) and own E911 address, the company's plan and the emulator clock. The page
 * edits these through the API's own handlers (`POST /_emulator/api`), as Dialpad's UI would.
 */
import { normalizeLive } from '../dialpad/normalize-live.js';
import type { ApiLineCounts, ApiNumber, ApiOffice, ApiUser } from '../dialpad/api-types.js';
import { E911_COUNTRIES } from '../model/e911.js';
import { LINE_KINDS } from '../model/license-lines.js';
import { compareCodeUnits } from '../model/compare.js';
import { buildStatus, type Status } from '../status/build-status.js';
import type { History } from '../status/history.js';
import { getAvailable, getPurchased } from './licenses.js';
import { listCallerIdChoices } from './routes-caller-id.js';
import { listConsoleGroups, type ConsoleGroup } from './console-groups.js';
import type { Store } from './store.js';
import type { FixtureUser, LineField } from './types.js';
import { toAvailableLicensesProto, toNumberProto, toOfficeProto, toPlanProto, toUserProto } from './wire.js';

/** A user the console can act on, by the email the views show. */
export interface ConsoleUser {
  id: string;
  email: string;
  state: string;
  office_id: string;
  analytics: boolean;
  proxy: boolean;
  /** Admin of their own office (the bulk "add admin" action). */
  office_admin: boolean;
  admin_office_ids: string[];
  company_admin: boolean;
  /** The fields `PATCH /users/{id}` takes beside names and admin; `null`/empty where Dialpad has none. */
  phone: ConsolePhoneSettings;
  /** The number they present (`blocked`, or their primary number when none was set), and what they may present. */
  caller_id: { current: string | null; choices: { number: string; held_by: 'user' | 'office' | 'group'; name?: string }[] };
  /** Their own E911 address; `null`: they use their office's. */
  e911: ConsoleAddress | null;
}

export interface ConsolePhoneSettings {
  extension: string | null;
  job_title: string | null;
  forwarding_numbers: string[];
  /** `null`: never set (Dialpad's default applies). */
  international_dialing_enabled: boolean | null;
}

/** An E911 address as the emulator keeps it (`address`, `address2`, `city`, `state`, `zip`, `country`). */
export type ConsoleAddress = Record<string, string>;

export interface ConsoleOffice {
  id: string;
  name: string;
  /** Upper-case ISO country. */
  country: string;
  price_level: string | null;
  purchased: Record<LineField, number>;
  available: Record<LineField, number>;
  /** The office's E911 address; `null`: none. */
  e911: ConsoleAddress | null;
}

export interface ConsoleViews {
  now: string;
  company: { name: string; account_type: string };
  status: Status;
  /** Keyed by lower-case email; deleted users under `deleted:<email>`. */
  users: Record<string, ConsoleUser>;
  offices: ConsoleOffice[];
  /** Every license kind, as Company Settings › Licenses names and groups them (`LINE_KINDS`). */
  license_kinds: { field: LineField; label: string; category: string }[];
  /** Where Dialpad requires an E911 address (`E911_COUNTRIES`), for the page's note. */
  e911_countries: string[];
  /** Departments and call centers, and how each answers (`listConsoleGroups`). */
  groups: ConsoleGroup[];
  /** The rooms (Admin Settings › Rooms), each holding a room license of its office; sorted by name. */
  rooms: { id: string; name: string; office_id: string; numbers: string[] }[];
}

/** The console's views of `store` now, the users filtered by `search` as `dialform status --search` filters them. */
export function buildConsoleViews(store: Store, search: string | undefined): ConsoleViews {
  const state = store.state;
  // As `GET /users?state=all` lists them: anonymized users are gone from the API.
  const listed = state.users.filter((u) => u.anonymized !== true);
  const tenant = normalizeLive({
    company: { ...state.company },
    offices: state.offices.map((o) => ({
      office: toOfficeProto(o) as ApiOffice,
      plan: toPlanProto(o) as ApiLineCounts,
      available: toAvailableLicensesProto(store, o) as ApiLineCounts,
    })),
    users: listed.map((u) => toUserProto(store, u) as ApiUser),
    numbers: state.numbers.map((n) => toNumberProto(store, n) as ApiNumber),
  });
  const history: History = {
    pooled: state.numbers.flatMap((n) =>
      store.isInPool(n) && n.last_user_email !== undefined && n.unassigned_at !== undefined ? [{ number: n.number, user: n.last_user_email, at: n.unassigned_at }] : [],
    ),
    deleted: listed.flatMap((u) => (u.state === 'deleted' && u.deleted_at !== undefined && u.emails[0] !== undefined ? [{ email: u.emails[0].toLowerCase(), at: u.deleted_at }] : [])),
  };
  const status = buildStatus({ live: { tenant, incomplete: [] }, now: store.now(), history, ...(search === undefined ? {} : { search }) });

  const users: Record<string, ConsoleUser> = {};
  for (const u of listed) {
    const email = u.emails[0]?.toLowerCase();
    if (email === undefined) continue;
    users[u.state === 'deleted' ? `deleted:${email}` : email] = {
      id: u.id,
      email,
      state: u.state,
      office_id: u.office_id,
      analytics: u.analytics === true,
      proxy: u.proxy === true,
      office_admin: (u.admin_office_ids ?? []).includes(u.office_id),
      admin_office_ids: [...(u.admin_office_ids ?? [])],
      company_admin: u.is_super_admin === true,
      phone: readPhoneSettings(u),
      caller_id: readCallerId(store, u),
      e911: u.e911_address === undefined ? null : { ...u.e911_address },
    };
  }
  return {
    now: store.now().toISOString(),
    company: { name: state.company.name, account_type: state.company.account_type },
    status,
    users,
    offices: state.offices.map((o) => ({
      id: o.id,
      name: o.name,
      country: o.country.toUpperCase(),
      price_level: o.price_level ?? null,
      purchased: getPurchased(o),
      available: getAvailable(state, o),
      e911: o['e911_address'] === undefined ? null : { ...(o['e911_address'] as ConsoleAddress) },
    })),
    license_kinds: Object.values(LINE_KINDS).map((k) => ({ field: k.field, label: k.label, category: k.category })),
    e911_countries: [...E911_COUNTRIES],
    groups: listConsoleGroups(state),
    rooms: (state.rooms ?? [])
      .map((r) => ({ id: r.id, name: r.name, office_id: r.office_id, numbers: [...(r.phone_numbers ?? [])] }))
      .sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.id, b.id)),
  };
}

function readPhoneSettings(u: FixtureUser): ConsolePhoneSettings {
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  const forwarding = u['forwarding_numbers'];
  const intl = u['international_dialing_enabled'];
  return {
    extension: text(u['extension']),
    job_title: text(u['job_title']),
    forwarding_numbers: Array.isArray(forwarding) ? forwarding.filter((n): n is string => typeof n === 'string') : [],
    international_dialing_enabled: typeof intl === 'boolean' ? intl : null,
  };
}

/** As `GET /users/{id}/caller_id` answers: the caller ID set, else the primary number; the choices `POST` accepts. */
function readCallerId(store: Store, u: FixtureUser): ConsoleUser['caller_id'] {
  const c = listCallerIdChoices(store, u);
  const choices: ConsoleUser['caller_id']['choices'] = [
    ...c.phoneNumbers.map((number) => ({ number, held_by: 'user' as const })),
    ...(c.officeMainLine === undefined ? [] : [{ number: c.officeMainLine, held_by: 'office' as const }]),
    ...c.groups.map((g) => ({ number: g.caller_id, held_by: 'group' as const, name: g.display_name })),
  ];
  return { current: u.caller_id ?? c.phoneNumbers[0] ?? null, choices };
}
