/**
 * Renders a `Status` (pure): text (the summary first, then the views asked for), one JSON
 * document, or one view as CSV (`render-status-csv.ts`).
 */
import { E911_COUNTRIES, formatE911 } from '../model/e911.js';
import { RESTORE_WINDOW_HOURS } from '../model/restore-window.js';
import { escapeInDocument, sanitizeForTerminal } from '../render/terminal-safe.js';
import type { DeletedUser, ReservedNumber, Status, StatusDifferences, StatusSummary, StatusUser } from './build-status.js';
import type { E911OfficeGap, E911UserGap, StatusE911 } from './e911-gaps.js';
import type { StatusDeskPhone, StatusRoom } from './rooms-view.js';

/** The views `status` can list row by row (`--view`); the summary always comes first in text. */
export const LISTED_VIEWS = ['users', 'numbers', 'deleted', 'e911', 'rooms'] as const;
export type ListedView = (typeof LISTED_VIEWS)[number];
/** What `--view` accepts: a listed view, `summary` (the counts alone) or `all` (every list). */
export const STATUS_VIEWS = ['summary', ...LISTED_VIEWS, 'all'] as const;
export type StatusView = (typeof STATUS_VIEWS)[number];

/**
 * Whether the E911 view is asked for (`--view e911` or `all`): only then are the offices'
 * addresses read (a request each), and only then does the summary count E911 gaps. A `--search`
 * alone does not read them.
 */
export function asksForE911(views: readonly StatusView[] | undefined): boolean {
  return views !== undefined && (views.includes('e911') || views.includes('all'));
}

/** Whether the rooms view is asked for (`--view rooms` or `all`): only then is the rooms list read. */
export function asksForRooms(views: readonly StatusView[] | undefined): boolean {
  return views !== undefined && (views.includes('rooms') || views.includes('all'));
}

/**
 * The JSON document of `dialform status --format json` (documented in docs/status.md): every view
 * and the summary, whatever `--view` says. C1 and bidi controls in live names are written as `\u`
 * escapes (`escapeInDocument`): the same data, shown safely.
 */
export function renderStatusJson(status: Status): string {
  return `${escapeInDocument(JSON.stringify(status, null, 2))}\n`;
}

/**
 * The summary, then the `lists` asked for as aligned rows, then the configuration's differences;
 * live names are sanitized for the terminal. Ends with a newline.
 */
export function renderStatusText(status: Status, options: { lists: readonly ListedView[] }): string {
  const sections: string[][] = [];
  if (status.incomplete.length > 0) {
    sections.push([`Warning: Dialpad could not be read completely (${status.incomplete.map(sanitizeForTerminal).join('; ')}); the views below may miss some entries.`]);
  }
  const searched = status.search === null ? '' : `, matching "${sanitizeForTerminal(status.search)}"`;
  sections.push(summaryLines(status.summary, searched));
  const lists = new Set(options.lists);
  if (lists.has('users')) sections.push(view(`Active or Pending Users (${status.users.length}${searched})`, status.users.map(userRow), none('no users', status)));
  if (lists.has('numbers')) {
    sections.push(view(`Reserved Numbers (${status.reserved_numbers.length}${searched})`, status.reserved_numbers.map(numberRow), none('the reserved pool is empty', status)));
  }
  if (lists.has('deleted')) {
    sections.push(view(`Deleted Users (${status.deleted_users.length}${searched})`, status.deleted_users.map(deletedRow), none('no users deleted in the last 72 h', status)));
  }
  if (lists.has('e911') && status.e911 !== null) sections.push(...e911Views(status.e911, searched, status));
  if (lists.has('rooms') && status.rooms !== null) sections.push(view(`Rooms (${status.rooms.length}${searched})`, status.rooms.map(roomRow), none('no rooms', status)));
  if (status.differences !== null) sections.push(differencesLines(status.differences));
  const read = [`Read from Dialpad at ${status.read_at}.`];
  if (lists.size < LISTED_VIEWS.length) read.push('List rows with --view users|numbers|deleted|e911|rooms|all; find a user, number or deleted user with --search TEXT.');
  sections.push(read);
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}

function none(empty: string, status: Status): string {
  return status.search === null ? empty : 'nothing matches';
}

/** Counts per state and office, the pool per office, the first restore deadline. */
function summaryLines(s: StatusSummary, searched: string): string[] {
  const u = s.users;
  const lines = [`Summary${searched}:`, `  Users: ${u.total} (${u.active} active, ${u.pending} pending, ${u.suspended} suspended)`];
  if (u.by_office.length > 0) {
    const rows = [['office', 'active', 'pending', 'suspended', 'total'], ...u.by_office.map((o) => [o.office, ...[o.active, o.pending, o.suspended, o.total].map(String)])];
    lines.push(...alignRows(rows, { right: true }).map((r) => `    ${r}`));
  }
  const pool = s.reserved_numbers.by_office.map((o) => `${o.office ?? 'no office'} ${o.count}`).join(', ');
  lines.push(`  Reserved numbers: ${s.reserved_numbers.total}${pool === '' ? '' : ` (${sanitizeForTerminal(pool)})`}`);
  const d = s.deleted_users;
  const first = d.closes_first === null ? '' : `; the first restore window closes at ${d.closes_first} (${d.hours_left ?? 0} h left)`;
  lines.push(`  Deleted users (restorable for ${RESTORE_WINDOW_HOURS} h): ${d.total}${first}`);
  if (s.e911 !== null) {
    lines.push(`  E911 gaps: ${s.e911.offices_without_address} office(s) with users and no complete address in Dialpad, ${s.e911.users_incomplete} user(s) with an incomplete own address`);
  }
  if (s.rooms !== null) lines.push(`  Rooms: ${s.rooms.total}`);
  return lines;
}

/** The two E911 lists: offices without a complete address, people with an incomplete own one. */
function e911Views(e911: StatusE911, searched: string, status: Status): string[][] {
  const countries = [...E911_COUNTRIES].join(', ');
  return [
    view(`E911: offices with users and no complete address (${e911.offices.length}${searched}; required in ${countries})`, e911.offices.map(officeGapRow), none('none', status)),
    view(`E911: users with an incomplete own address (${e911.users.length}${searched})`, e911.users.map(userGapRow), none('none', status)),
  ];
}

function officeGapRow(g: E911OfficeGap): string[] {
  const held = g.e911_address === null ? 'no address' : `${formatE911(g.e911_address)}, lacks ${g.missing.join(', ')}`;
  return [g.office, g.country, `${g.users} user(s)`, held];
}

function userGapRow(g: E911UserGap): string[] {
  return [g.email, g.name, g.office, `${formatE911(g.e911_address)}, lacks ${g.missing.join(', ')} (${g.declared_in === 'config' ? 'as config declares it: not sent' : 'in Dialpad'})`];
}

/** The config against Dialpad: matched, or how many operations and which manual steps wait. */
function differencesLines(d: StatusDifferences): string[] {
  if (d.operations === 0 && !d.blocked) return ['Configuration: Dialpad matches it.'];
  const blocked = d.blocked ? '; blocked by a rule' : '';
  const lines = [`Configuration: Dialpad differs from it in ${d.operations} operation(s)${blocked}; \`dialform plan\` shows them (fingerprint ${d.fingerprint}).`];
  if (d.manual_steps.length > 0) {
    lines.push(`Manual steps waiting for a person in Dialpad (${d.manual_steps.length}):`);
    for (const s of d.manual_steps) lines.push(`  ! ${sanitizeForTerminal(s.summary)}  [${sanitizeForTerminal(s.step)}]`);
  }
  return lines;
}

function userRow(u: StatusUser): string[] {
  const row = [u.email, u.name, u.office, u.license, u.state, u.permissions.join(', ') || '-', u.numbers.join(', ') || '-'];
  return u.deskphones === undefined ? row : [...row, describeDeskPhones(u.deskphones)];
}

function roomRow(r: StatusRoom): string[] {
  return [r.name, r.office, r.numbers.join(', ') || '-', describeDeskPhones(r.deskphones)];
}

/** A room's or user's desk phones in one cell (`null`: their read failed). */
function describeDeskPhones(phones: readonly StatusDeskPhone[] | null): string {
  return phones === null ? 'desk phones: not read' : phones.length === 0 ? 'no desk phone' : phones.map(describeStatusDeskPhone).join('; ');
}

/** `Table phone (yealink, T54W, 805ec0a1b2c3, +14155550160)`. */
export function describeStatusDeskPhone(d: StatusDeskPhone): string {
  const details = [d.type, d.model, d.mac_address, d.number].filter((x): x is string => x !== null && x !== '');
  return `${d.name}${details.length === 0 ? '' : ` (${details.join(', ')})`}`;
}

function numberRow(n: ReservedNumber): string[] {
  const last = n.last_for === null ? 'last for: unknown' : `last for ${n.last_for}, unassigned ${n.unassigned_at ?? 'at an unknown time'}`;
  return [n.number, n.office ?? '-', last];
}

function deletedRow(d: DeletedUser): string[] {
  const left =
    d.restorable_until === null
      ? `deleted at an unknown time: restorable for at most ${RESTORE_WINDOW_HOURS} h from the deletion`
      : `restorable until ${d.restorable_until} (${d.hours_left ?? 0} h left)`;
  return [d.email, d.name, d.office, left];
}

/** A title and aligned rows, or a dash line when there are none. */
function view(title: string, rows: string[][], empty: string): string[] {
  if (rows.length === 0) return [`${title}:`, `  (${empty})`];
  return [`${title}:`, ...alignRows(rows, { right: false }).map((r) => `  ${r}`)];
}

/** Rows with each cell sanitized and padded to its column's width (numbers right-aligned); the last cell unpadded. */
function alignRows(rows: string[][], options: { right: boolean }): string[] {
  const cells = rows.map((r) => r.map(sanitizeForTerminal));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) =>
    r
      .map((c, i) => {
        if (options.right && i > 0) return c.padStart(widths[i]!);
        return i === r.length - 1 ? c : c.padEnd(widths[i]!);
      })
      .join('  '),
  );
}
