/**
 * Deterministic company generator for benchmarks and scale tests: N users across M offices in
 * several countries, with numbers, a reserved pool, deleted users and admins. The same options
 * always give the same fixture (a seeded PRNG, no clock).
 *
 * The fixture uses the emulator's format (DESIGN.md §8): the API's own response shapes with ids as
 * strings, plus the emulator-only office `price_level` and `licenses`, and user `deleted_at`.
 */
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { createPrng } from '../src/emulator/faults.js';

export interface GenerateOptions {
  users: number;
  offices: number;
  seed?: number;
  /** Fraction of extra users that are deleted (within the 72 h window). Default 0.01. */
  deletedFraction?: number;
  /** Reserved-pool numbers per office. Default 3. */
  poolPerOffice?: number;
  /**
   * Room for new hires: `count` more talk lines in office `office` (an index), so a config that
   * adds that many users there plans them without `insufficient_licenses`.
   */
  hires?: { office: number; count: number };
}

/** The fixture as plain JSON data. */
export interface GeneratedFixture {
  clock: string;
  company: Record<string, unknown>;
  offices: Record<string, unknown>[];
  users: Record<string, unknown>[];
  numbers: Record<string, unknown>[];
}

/**
 * `local`: the first subscriber number of each area (its length is the area's); numbers count up
 * from it. Chosen so the numbers are valid in their country (dialform's config accepts no other).
 */
const COUNTRIES = [
  { code: 'us', prefix: '+1', areas: ['415', '212', '312', '206', '512'], local: { default: 5550000 }, tz: 'US/Pacific', e911: { state: 'ca', zip: '94105' } },
  { code: 'gb', prefix: '+44', areas: ['20', '161', '131'], local: { '20': 79460000, default: 4960000 }, tz: 'Europe/London', e911: { state: '', zip: 'EC2A 1AF' } },
  { code: 'de', prefix: '+49', areas: ['30', '89', '40'], local: { default: 12340000 }, tz: 'Europe/Berlin', e911: { state: '', zip: '10115' } },
  { code: 'fr', prefix: '+33', areas: ['1', '4'], local: { default: 12340000 }, tz: 'Europe/Paris', e911: { state: '', zip: '75001' } },
  { code: 'ca', prefix: '+1', areas: ['416', '604'], local: { default: 5550000 }, tz: 'America/Toronto', e911: { state: 'on', zip: 'M5H 2N2' } },
  { code: 'au', prefix: '+61', areas: ['2', '3'], local: { default: 12340000 }, tz: 'Australia/Sydney', e911: { state: 'nsw', zip: '2000' } },
] as const;

const FIRST = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim', 'Sophie', 'Margaret'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Lee', 'Wilson', 'Hamilton'];
const COMPANY_ID = '5000000000000001';

export function officeId(index: number): string {
  return String(6100000000000001 + index);
}

export function userId(index: number): string {
  return String(7200000000000001 + index);
}

/** The i-th user's email: stable, so configs can be derived from the same index. */
export function userEmail(index: number): string {
  return `user${String(index).padStart(6, '0')}@bigco.example`;
}

export function generateFixture(opts: GenerateOptions): GeneratedFixture {
  const random = createPrng(opts.seed ?? 1);
  const officeCount = Math.max(1, opts.offices);
  const perOffice = Math.ceil(opts.users / officeCount);
  const offices = [];
  const users = [];
  const numbers = [];
  let serial = 0;
  // Unique by the running serial; a number outside the country's valid ranges is skipped.
  const nextNumber = (country: (typeof COUNTRIES)[number], officeIndex: number) => {
    const area = country.areas[officeIndex % country.areas.length]!;
    const first: number = (country.local as Record<string, number>)[area] ?? country.local.default;
    for (;;) {
      serial += 1;
      const number = `${country.prefix}${area}${first + serial}`;
      if (isValidPhoneNumber(number)) return { number, area };
    }
  };

  for (let o = 0; o < officeCount; o++) {
    const country = COUNTRIES[o % COUNTRIES.length]!;
    const id = officeId(o);
    const main = nextNumber(country, o);
    offices.push({
      id,
      office_id: id,
      name: `Office ${String(o + 1).padStart(2, '0')} ${country.code.toUpperCase()}`,
      country: country.code,
      timezone: country.tz,
      is_primary_office: o === 0,
      state: 'active',
      phone_numbers: [main.number],
      e911_address: { address: `${o + 1} Main St`, address2: '', city: 'City', country: country.code, ...country.e911 },
      price_level: 'premium',
      // Filled in once the users are drawn: what they hold plus headroom.
      licenses: { talk_lines: '0', sell_lines: '0', contact_center_lines: '2' },
    });
    numbers.push(numberRecord(main.number, main.area, id, 'office', id, 'office'));
    for (let p = 0; p < (opts.poolPerOffice ?? 3); p++) {
      const spare = nextNumber(country, o);
      numbers.push(numberRecord(spare.number, spare.area, id, 'available'));
    }
  }

  for (let i = 0; i < opts.users; i++) {
    const officeIndex = Math.min(officeCount - 1, Math.floor(i / perOffice));
    const country = COUNTRIES[officeIndex % COUNTRIES.length]!;
    const oid = officeId(officeIndex);
    const id = userId(i);
    const agent = random() < 0.2;
    const phone = nextNumber(country, officeIndex);
    const first = FIRST[Math.floor(random() * FIRST.length)]!;
    const last = LAST[Math.floor(random() * LAST.length)]!;
    const firstOfOffice = i % perOffice === 0;
    users.push({
      id,
      company_id: COMPANY_ID,
      office_id: oid,
      first_name: first,
      last_name: last,
      display_name: `${first} ${last}`,
      emails: [userEmail(i)],
      phone_numbers: [phone.number],
      license: agent ? 'agents' : 'talk',
      state: 'active',
      country: country.code,
      is_admin: i === 0 || firstOfOffice,
      is_super_admin: i === 0,
      ...(firstOfOffice ? { admin_office_ids: [oid] } : {}),
      date_added: '2024-03-01T09:00:00',
    });
    numbers.push(numberRecord(phone.number, phone.area, oid, 'user', id, 'user'));
  }

  // Enough licenses for every active user plus 5 spare of each line type, counted from the draw.
  for (const [index, office] of offices.entries()) {
    const held = users.filter((u) => u.office_id === office.id);
    const agents = held.filter((u) => u.license === 'agents').length;
    const hires = opts.hires?.office === index ? opts.hires.count : 0;
    office.licenses = { talk_lines: String(held.length - agents + 5 + hires), sell_lines: String(agents + 5), contact_center_lines: '2' };
  }

  const deleted = Math.floor(opts.users * (opts.deletedFraction ?? 0.01));
  for (let d = 0; d < deleted; d++) {
    const i = opts.users + d;
    users.push({
      id: userId(i),
      company_id: COMPANY_ID,
      office_id: officeId(d % officeCount),
      first_name: 'Former',
      last_name: `Employee ${d}`,
      display_name: `Former Employee ${d} (deactivated)`,
      emails: [userEmail(i)],
      license: 'talk',
      state: 'deleted',
      deleted_at: '2026-11-25T12:00:00Z',
    });
  }

  return {
    clock: '2026-11-26T09:00:00Z',
    company: {
      id: COMPANY_ID,
      name: 'BigCo',
      domain: 'bigco.example',
      country: 'us',
      admin_email: 'it@bigco.example',
      office_count: String(officeCount),
      state: 'active',
      account_type: 'enterprise',
    },
    offices,
    users,
    numbers: numbers.sort((a, b) => String(a.number).localeCompare(String(b.number))),
  };
}

function numberRecord(
  number: string,
  area: string,
  office: string,
  status: string,
  targetId?: string,
  targetType?: string,
): Record<string, unknown> {
  return {
    number,
    area_code: area,
    company_id: COMPANY_ID,
    office_id: office,
    status,
    ...(targetId ? { target_id: targetId, target_type: targetType } : {}),
    type: 'local',
  };
}
