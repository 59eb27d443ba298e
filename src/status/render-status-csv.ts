/**
 * `status --format csv` (pure): one view as CSV (RFC 4180: a header row, CRLF line ends, a cell
 * quoted when it holds a comma, a quote or a line end), for a spreadsheet. Live names come from
 * Dialpad, where anyone who can edit a name can write `=HYPERLINK(…)`: a cell a spreadsheet would
 * read as a formula (starting `=`, `@`, `-`, `+`, a tab or a carriage return) is written with a
 * leading `'`, except a phone number (`+` and digits), which stays as it is.
 */
import { formatE911 } from '../model/e911.js';
import type { Status } from './build-status.js';
import { describeStatusDeskPhone, type ListedView } from './render-status.js';

/** The views CSV can hold, one per document. */
export type CsvView = 'summary' | ListedView;

export function renderStatusCsv(status: Status, view: CsvView): string {
  return `${rowsOf(status, view)
    .map((row) => row.map(toCell).join(','))
    .join('\r\n')}\r\n`;
}

function rowsOf(status: Status, view: CsvView): (string | number | null)[][] {
  switch (view) {
    case 'summary':
      return [['office', 'active', 'pending', 'suspended', 'total'], ...status.summary.users.by_office.map((o) => [o.office, o.active, o.pending, o.suspended, o.total])];
    case 'users': {
      // The desk phones column only with `--with deskphones` (then every row has the field).
      const phones = status.users.some((u) => u.deskphones !== undefined);
      return [
        ['email', 'name', 'office', 'license', 'state', 'permissions', 'numbers', ...(phones ? ['deskphones'] : [])],
        ...status.users.map((u) => [
          u.email, u.name, u.office, u.license, u.state, u.permissions.join('; '), u.numbers.join('; '),
          ...(phones ? [u.deskphones?.map(describeStatusDeskPhone).join('; ') ?? null] : []),
        ]),
      ];
    }
    case 'numbers':
      return [['number', 'office', 'last_for', 'unassigned_at'], ...status.reserved_numbers.map((n) => [n.number, n.office, n.last_for, n.unassigned_at])];
    case 'deleted':
      return [
        ['email', 'name', 'office', 'deleted_at', 'restorable_until', 'hours_left'],
        ...status.deleted_users.map((d) => [d.email, d.name, d.office, d.deleted_at, d.restorable_until, d.hours_left]),
      ];
    case 'e911': {
      const gaps = status.e911 ?? { offices: [], users: [] };
      return [
        ['type', 'office', 'country', 'users', 'email', 'name', 'missing', 'address', 'declared_in'],
        ...gaps.offices.map((g) => ['office', g.office, g.country, g.users, null, null, g.missing.join('; '), g.e911_address === null ? null : formatE911(g.e911_address), 'dialpad']),
        ...gaps.users.map((g) => ['user', g.office, null, null, g.email, g.name, g.missing.join('; '), formatE911(g.e911_address), g.declared_in]),
      ];
    }
    case 'rooms':
      return [['name', 'office', 'numbers', 'deskphones'], ...(status.rooms ?? []).map((r) => [r.name, r.office, r.numbers.join('; '), r.deskphones?.map(describeStatusDeskPhone).join('; ') ?? null])];
    default: {
      const _never: never = view;
      return _never;
    }
  }
}

const FORMULA_START = /^[=@+\-\t\r]/;
const PHONE = /^\+\d+$/;

/** A cell: empty for null, defused when a spreadsheet would read it as a formula, quoted when needed. */
function toCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) && !PHONE.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
