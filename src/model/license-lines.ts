/**
 * How Dialpad counts licenses: every license kind an office buys (its API field in `PlanProto` /
 * `AvailableLicensesProto`, what an admin calls it, and under which of the help article's three
 * license types it is transferred), which kind a user license consumes, and whether a user in a
 * given state holds one. Both sides of dialform — the config loader, the live reader, apply, the
 * planner's simulation, import — and the emulator read these tables, never their own.
 */
import type { LineType, UserLicense, UserState } from './tenant.js';

/**
 * The help article's license types: Company Settings › Licenses › "Choose the type of license
 * you'd like to transfer: Dialpad, Ai Meetings, Add-on" (Manage Your Users › Transfer licenses).
 */
export type LicenseCategory = 'Dialpad' | 'Ai Meetings' | 'Add-on';

export interface LineKind {
  /** The count's field in `PlanProto` and `AvailableLicensesProto` (dialpad-api.md §4.3). */
  field: `${string}_lines`;
  /** What an admin calls one license of this kind, singular ("Talk", "Toll-free room"). */
  label: string;
  /** The license type to choose in Company Settings › Licenses to transfer this kind. */
  category: LicenseCategory;
}

/**
 * Every license kind, keyed by its config name. Consumption per the OpenAPI field descriptions:
 * Talk/Sell/Contact Center by users (`LICENSE_LINE`); `uberconference_lines` "when a direct number
 * is allocated for a User's uberconference room" (Dialpad Meetings, now Ai Meetings); additional
 * numbers "for each number after the first" on any target; rooms by "a new room with a dedicated
 * number"; fax by "a fax number assigned to a user, office, department etc."; each toll-free
 * variant likewise with a toll-free number.
 */
export const LINE_KINDS = {
  talk: { field: 'talk_lines', label: 'Talk', category: 'Dialpad' },
  sell: { field: 'sell_lines', label: 'Sell', category: 'Dialpad' },
  contact_center: { field: 'contact_center_lines', label: 'Contact Center', category: 'Dialpad' },
  ai_meetings: { field: 'uberconference_lines', label: 'Ai Meetings', category: 'Ai Meetings' },
  toll_free_ai_meetings: { field: 'tollfree_uberconference_lines', label: 'Toll-free Ai Meetings', category: 'Ai Meetings' },
  additional_numbers: { field: 'additional_number_lines', label: 'Additional number', category: 'Add-on' },
  toll_free_additional_numbers: { field: 'tollfree_additional_number_lines', label: 'Toll-free additional number', category: 'Add-on' },
  rooms: { field: 'room_lines', label: 'Room', category: 'Add-on' },
  toll_free_rooms: { field: 'tollfree_room_lines', label: 'Toll-free room', category: 'Add-on' },
  fax: { field: 'fax_lines', label: 'Fax', category: 'Add-on' },
} as const satisfies Record<LineType, LineKind>;

/**
 * The license of a user that names none: config's default for an entry without `license:`, and
 * how a user Dialpad lists without one is read (Dialpad gives a new user a Talk license).
 */
export const DEFAULT_USER_LICENSE: UserLicense = 'talk';

/**
 * Which office line a user license consumes. Dialpad does not document the mapping; this is the
 * plausible one from dialpad-api.md §4.3 (`talk`→talk_lines, `agents`→sell_lines,
 * `lite_support_agents`→contact_center_lines). Licenses not listed consume no managed line.
 */
export const LICENSE_LINE: Partial<Record<UserLicense, LineType>> = {
  talk: 'talk',
  agents: 'sell',
  lite_support_agents: 'contact_center',
};

/** The API field (`PlanProto`, `AvailableLicensesProto`) counting each line type. */
export const LINE_FIELD = Object.fromEntries(Object.entries(LINE_KINDS).map(([line, kind]) => [line, kind.field])) as {
  [L in LineType]: (typeof LINE_KINDS)[L]['field'];
};

/** What an admin calls each line type (Admin Settings, the help article). */
export const LINE_LABELS: Record<LineType, string> = Object.fromEntries(
  Object.entries(LINE_KINDS).map(([line, kind]) => [line, kind.label]),
) as Record<LineType, string>;

/**
 * Whether dialform sees what holds this line type: users, for the kinds a user license consumes.
 * Other kinds are held by conference rooms, room phones, fax and extra numbers, which dialform does
 * not read; without `available_licenses` none of those can be counted as unassigned.
 */
export function isHeldByUsers(line: LineType): boolean {
  return Object.values(LICENSE_LINE).includes(line);
}

/** The managed line a license consumes; `undefined` for licenses that consume none (or unknown ones). */
export function lineOfLicense(license: string): LineType | undefined {
  return Object.hasOwn(LICENSE_LINE, license) ? LICENSE_LINE[license as UserLicense] : undefined;
}

/**
 * Whether a user in each state holds their license line, as far as Dialpad documents it.
 * `suspended` is `unknown`: Dialpad's SCIM FAQ says a user suspended through SCIM (Okta) "will no
 * longer consume a user license", but nothing says the same of `PATCH /users/{id}` `state:
 * suspended`, and nothing says what reactivating needs (docs/rules.md, "Suspended users and
 * licenses"). The planner reads `unknown` the safe way round: counted as held when counting free
 * lines, never counted as freed by an operation, and reactivating one claims a line.
 */
export const LINE_HOLDING: Record<UserState, 'yes' | 'no' | 'unknown'> = {
  active: 'yes',
  pending: 'yes',
  suspended: 'unknown',
  deleted: 'no',
  cancelled: 'no',
};
