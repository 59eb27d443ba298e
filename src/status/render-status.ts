/** Renders a `Status` (pure): a terminal table per view, or one JSON document. */
import { RESTORE_WINDOW_HOURS } from '../model/restore-window.js';
import { escapeInDocument, sanitizeForTerminal } from '../render/terminal-safe.js';
import type { DeletedUser, ReservedNumber, Status, StatusDifferences, StatusUser } from './build-status.js';

/**
 * The JSON document of `dialform status --format json` (documented in docs/status.md). C1 and bidi
 * controls in live names are written as `\u` escapes (`escapeInDocument`): the same data, shown safely.
 */
export function renderStatusJson(status: Status): string {
  return `${escapeInDocument(JSON.stringify(status, null, 2))}\n`;
}

/** The three views as aligned text; live names are sanitized for the terminal. Ends with a newline. */
export function renderStatusText(status: Status): string {
  const sections: string[][] = [];
  if (status.incomplete.length > 0) {
    sections.push([`Warning: Dialpad could not be read completely (${status.incomplete.map(sanitizeForTerminal).join('; ')}); the views below may miss some entries.`]);
  }
  const searched = status.search === null ? '' : `, matching "${sanitizeForTerminal(status.search)}"`;
  sections.push(view(`Active or Pending Users (${status.users.length}${searched})`, status.users.map(userRow), 'no users'));
  sections.push(view(`Reserved Numbers (${status.reserved_numbers.length})`, status.reserved_numbers.map(numberRow), 'the reserved pool is empty'));
  sections.push(view(`Deleted Users (${status.deleted_users.length})`, status.deleted_users.map(deletedRow), 'no users deleted in the last 72 h'));
  if (status.differences !== null) sections.push(differencesLines(status.differences));
  sections.push([`Read from Dialpad at ${status.read_at}.`]);
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
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
  return [u.email, u.name, u.office, u.license, u.state, u.permissions.join(', ') || '-', u.numbers.join(', ') || '-'];
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

/** A title and aligned rows (each cell sanitized), or a dash line when there are none. */
function view(title: string, rows: string[][], none: string): string[] {
  if (rows.length === 0) return [`${title}:`, `  (${none})`];
  const cells = rows.map((r) => r.map(sanitizeForTerminal));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return [`${title}:`, ...cells.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`)];
}
