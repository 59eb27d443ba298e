/**
 * `emulator snapshot --pseudonymize`: the same company with every person's name and email, the
 * company's, offices', groups' and rooms' names and every phone number replaced, consistently (one
 * original, one pseudonym, wherever it appears), so the twin still plans and behaves as the
 * company does and can be shared. Only the fields the fixture format names are kept (DESIGN.md §8):
 * anything else the API sent (display names, addresses, job titles, forwarding numbers) is dropped
 * rather than trusted to hold no personal data. Pure and deterministic for a given `seed`.
 */
import { BugError } from '../errors.js';
import { createPrng } from '../emulator/faults.js';
import type { Fixture, FixtureNumber, FixtureOffice, FixtureUser } from '../emulator/types.js';
import { countryOfNumber } from '../model/countries.js';
import { isInternalNumber } from '../model/international-move.js';

const COMPANY_FIELDS = ['id', 'account_type', 'country', 'state', 'office_count'] as const;
const OFFICE_FIELDS = ['id', 'country', 'state', 'is_primary_office', 'price_level', 'licenses', 'assigned_licenses'] as const;
const USER_FIELDS = ['id', 'office_id', 'state', 'license', 'is_super_admin', 'admin_office_ids', 'deleted_at', 'anonymized', 'analytics', 'proxy', 'company_id', 'country'] as const;
const NUMBER_FIELDS = ['status', 'office_id', 'target_id', 'target_type', 'area_code', 'type', 'unassigned_at', 'company_id'] as const;
const GROUP_FIELDS = ['id', 'office_id', 'state'] as const;
const ROOM_FIELDS = ['id', 'office_id', 'state', 'company_id'] as const;

/** Tries per number before keeping fewer of its leading digits. */
const TRIES = 200;

export function pseudonymizeFixture(fixture: Fixture, seed = 1): Fixture {
  const random = createPrng(seed);
  const originals = new Set(collectNumbers(fixture));
  const numbers = new Map<string, string>();
  const number = (n: string): string => {
    let p = numbers.get(n);
    if (p === undefined) {
      p = pseudonymNumber(n, random, (c) => originals.has(c) || usedNumbers.has(c));
      numbers.set(n, p);
      usedNumbers.add(p);
    }
    return p;
  };
  const usedNumbers = new Set<string>();
  const domains = new Map<string, string>();
  const emails = new Map<string, string>();
  const email = (e: string): string => {
    const key = e.toLowerCase();
    let p = emails.get(key);
    if (p === undefined) {
      const domain = key.split('@')[1] ?? '';
      const d = domains.get(domain) ?? `company${domains.size + 1}.example`;
      domains.set(domain, d);
      p = `user${emails.size + 1}@${d}`;
      emails.set(key, p);
    }
    return p;
  };
  const numbered = (list: readonly string[] | undefined) => (list === undefined ? {} : { phone_numbers: list.map(number) });

  const users: FixtureUser[] = fixture.users.map((u, i) => ({
    ...pick(u, USER_FIELDS),
    emails: u.emails.map(email),
    state: u.state,
    license: u.license,
    office_id: u.office_id,
    id: u.id,
    first_name: 'User',
    last_name: String(i + 1),
    ...numbered(u.phone_numbers),
  }));
  const offices: FixtureOffice[] = fixture.offices.map((o, i) => ({ ...pick(o, OFFICE_FIELDS), id: o.id, country: o.country, name: `Office ${i + 1}`, ...numbered(o.phone_numbers) }));
  const groups = (list: Fixture['departments'], noun: string) =>
    list?.map((g, i) => ({ ...pick(g, GROUP_FIELDS), id: g.id, office_id: g.office_id, operators: g.operators, name: `${noun} ${i + 1}`, ...numbered(g.phone_numbers) }));
  const out: Fixture = {
    company: { ...pick(fixture.company, COMPANY_FIELDS), id: fixture.company.id, account_type: fixture.company.account_type, name: 'Company' },
    offices,
    users,
    numbers: (fixture.numbers ?? []).map((n): FixtureNumber => ({
      ...pick(n, NUMBER_FIELDS),
      status: n.status,
      number: number(n.number),
      ...(typeof n['last_user_email'] === 'string' ? { last_user_email: email(n['last_user_email']) } : {}),
    })),
  };
  const departments = groups(fixture.departments, 'Department');
  const callCenters = groups(fixture.call_centers, 'Call center');
  if (departments !== undefined) out.departments = departments;
  if (callCenters !== undefined) out.call_centers = callCenters;
  if (fixture.rooms !== undefined) out.rooms = fixture.rooms.map((r, i) => ({ ...pick(r, ROOM_FIELDS), id: r.id, office_id: r.office_id, name: `Room ${i + 1}`, ...numbered(r.phone_numbers) }));
  for (const key of ['clock', 'number_assignment', 'license_changes', 'suspended_licenses', 'api_keys'] as const) if (fixture[key] !== undefined) Object.assign(out, { [key]: fixture[key] });
  return out;
}

/**
 * A number of the same country (by libphonenumber) and length that is no original and no pseudonym
 * given yet: its leading half kept (the country code and area), the rest drawn; an internal
 * number (`isInternalNumber`) stays internal, a public one public. Fewer digits are kept when an
 * area has no room left.
 */
function pseudonymNumber(original: string, random: () => number, taken: (candidate: string) => boolean): string {
  const digits = original.slice(1);
  const country = countryOfNumber(original);
  const internal = isInternalNumber(original);
  for (let keep = Math.ceil(digits.length / 2); keep >= 1; keep--) {
    for (let i = 0; i < TRIES; i++) {
      let candidate = `+${digits.slice(0, keep)}`;
      while (candidate.length < original.length) candidate += String(Math.floor(random() * 10));
      if (taken(candidate) || isInternalNumber(candidate) !== internal) continue;
      if (country === undefined || countryOfNumber(candidate) === country) return candidate;
    }
  }
  throw new BugError(`no pseudonym found for a number of ${country ?? 'unknown country'}`);
}

function collectNumbers(f: Fixture): string[] {
  return [
    ...(f.numbers ?? []).map((n) => n.number),
    ...f.users.flatMap((u) => u.phone_numbers ?? []),
    ...f.offices.flatMap((o) => o.phone_numbers ?? []),
    ...[...(f.departments ?? []), ...(f.call_centers ?? [])].flatMap((g) => g.phone_numbers ?? []),
    ...(f.rooms ?? []).flatMap((r) => r.phone_numbers ?? []),
  ];
}

function pick<T extends object, K extends keyof T & string>(record: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (record[k] !== undefined) out[k] = record[k];
  return out;
}
