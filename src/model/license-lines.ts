/**
 * How Dialpad counts licenses: which office line each user license consumes, and which API field
 * (`PlanProto` / `AvailableLicensesProto`) counts each line type. Both sides of dialform — the live
 * reader, apply, the planner's simulation — and the emulator read these maps, never their own.
 */
import type { LineType, UserLicense } from './tenant.js';

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

/** The API field (`PlanProto`, `AvailableLicensesProto`) counting each managed line type. */
export const LINE_FIELD = {
  talk: 'talk_lines',
  sell: 'sell_lines',
  contact_center: 'contact_center_lines',
} as const satisfies Record<LineType, `${string}_lines`>;

/** What an admin calls each managed line type (Admin Settings, the help article). */
export const LINE_LABELS: Record<LineType, string> = { talk: 'Talk', sell: 'Sell', contact_center: 'Contact Center' };

/** The API field name of a managed line type, e.g. `talk_lines`. */
export type LineFieldName = (typeof LINE_FIELD)[LineType];

/** The managed line a license consumes; `undefined` for licenses that consume none (or unknown ones). */
export function lineOfLicense(license: string): LineType | undefined {
  return Object.hasOwn(LICENSE_LINE, license) ? LICENSE_LINE[license as UserLicense] : undefined;
}
