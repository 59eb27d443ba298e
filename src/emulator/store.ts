/**
 * The emulator's mutable state (fixture-shaped), its clock, and the number-pool primitives that
 * every route shares. Business rules that span objects live in `rules.ts`.
 */
import { createHash } from 'node:crypto';
import { notFound } from './http-failure.js';
import { isStillRestorable } from '../model/restore-window.js';
import { getAreaCode, isNumberInCountry, mintNumber } from './phone.js';
import { GROUP_KINDS, GROUP_KIND_LIST, findKindOfTargetType, isLiveGroup, listGroups } from './groups.js';
import type { Fixture, FixtureGroup, FixtureNumber, FixtureOffice, FixtureRoom, FixtureUser, GroupKind } from './types.js';

const ID_BASE = 5_000_000_000_000_000n;

/** Naive ISO-8601 without zone, as the API writes timestamps (`2021-06-20T19:18:00`). */
export function formatApiTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

/** Parses an ISO time; one without a zone is UTC. NaN when unparsable. */
export function parseIsoTime(text: string): number {
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/i.test(text) || !text.includes('T') ? text : `${text}Z`);
}

export class Store {
  state: Fixture;
  /** Bumped by every mutation; the server compares it to decide whether to persist. */
  version = 0;
  private readonly initial: Fixture;
  private readonly baseNow: () => Date;
  private offsetMs = 0;
  private initialOffsetMs = 0;

  constructor(fixture: Fixture, baseNow: () => Date) {
    this.baseNow = baseNow;
    this.initial = structuredClone(fixture);
    this.state = structuredClone(fixture);
    if (fixture.clock) this.offsetMs = parseIsoTime(fixture.clock) - baseNow().getTime();
    this.initialOffsetMs = this.offsetMs;
    delete this.state.clock;
  }

  /**
   * Takes `fixture` as the current state and clock, as a restart on it would (another process
   * changed the state file this store serves); `reset` still goes back to the first fixture.
   * Does not count as a mutation: nothing needs writing back.
   */
  load(fixture: Fixture): void {
    this.state = structuredClone(fixture);
    this.offsetMs = fixture.clock ? parseIsoTime(fixture.clock) - this.baseNow().getTime() : 0;
    delete this.state.clock;
    this.views.clear();
  }

  /** The emulator clock: the real (or injected) clock shifted by the fixture's `clock` and console moves. */
  now(): Date {
    return new Date(this.baseNow().getTime() + this.offsetMs);
  }

  setClock(to: Date): void {
    this.offsetMs = to.getTime() - this.baseNow().getTime();
    this.touch();
  }

  /** Back to the fixture the emulator was created with. */
  reset(): void {
    this.state = structuredClone(this.initial);
    delete this.state.clock;
    this.offsetMs = this.initialOffsetMs;
    this.touch();
  }

  /**
   * The state as a fixture. `clock` is written only when the emulator clock was moved off the real
   * one, so a persisted state resumes at that time; otherwise real time keeps running between runs.
   */
  snapshot(): Fixture {
    const snap = structuredClone(this.state);
    if (this.offsetMs !== 0) snap.clock = this.now().toISOString();
    return snap;
  }

  touch(): void {
    this.version += 1;
  }

  private readonly views = new Map<string, { version: number; source: readonly unknown[]; view: readonly unknown[] }>();

  /**
   * `derive(items)`, cached under `name` until the next mutation (or until `items` is another
   * array): list endpoints page through large companies one request at a time, and a page must
   * cost about its own size, not the company's.
   */
  private cachedView<T, V>(name: string, items: readonly T[], derive: (items: readonly T[]) => readonly V[]): readonly V[] {
    const cached = this.views.get(name);
    if (cached && cached.version === this.version && cached.source === items) return cached.view as readonly V[];
    const view = derive(items);
    this.views.set(name, { version: this.version, source: items, view });
    return view;
  }

  /** `items` sorted by `compare` on `keyOf`, cached until the next mutation (`cachedView`). */
  sortedView<T>(name: string, items: readonly T[], keyOf: (t: T) => string, compare: (a: string, b: string) => number): readonly T[] {
    return this.cachedView(`sorted:${name}`, items, (all) => [...all].sort((a, b) => compare(keyOf(a), keyOf(b))));
  }

  getUser(id: string): FixtureUser {
    const u = this.state.users.find((x) => x.id === id);
    if (!u) throw notFound(`user ${id} not found`);
    return u;
  }

  getOffice(id: string): FixtureOffice {
    const o = this.state.offices.find((x) => x.id === id);
    if (!o) throw notFound(`office ${id} not found`);
    return o;
  }

  findOffice(id: string): FixtureOffice | undefined {
    return this.state.offices.find((x) => x.id === id);
  }

  getNumber(number: string): FixtureNumber {
    const n = this.state.numbers.find((x) => x.number === number);
    if (!n) throw notFound(`number ${number} not found`);
    return n;
  }

  /** The department or call center `id`; 404 when there is none of that kind, or it was deleted. */
  getGroup(kind: GroupKind, id: string): FixtureGroup {
    const g = listGroups(this.state, kind).find((x) => x.id === id && isLiveGroup(x));
    if (!g) throw notFound(`${GROUP_KINDS[kind].label} ${id} not found`);
    return g;
  }

  /** The room `id`; 404 when there is none. */
  getRoom(id: string): FixtureRoom {
    const r = (this.state.rooms ?? []).find((x) => x.id === id);
    if (!r) throw notFound(`room ${id} not found`);
    return r;
  }

  /** A fresh 16-digit id, above every id in use (offices, users, groups and rooms, deleted ones too, share one id space). */
  mintId(): string {
    let max = ID_BASE;
    const groups = GROUP_KIND_LIST.flatMap((k) => listGroups(this.state, k.kind));
    for (const x of [...this.state.users, ...this.state.offices, ...groups, ...(this.state.rooms ?? [])]) {
      if (/^\d+$/.test(x.id) && BigInt(x.id) > max) max = BigInt(x.id);
    }
    return String(max + 1n);
  }

  /** The reserved pool: company numbers with status `available` and no target. */
  isInPool(n: FixtureNumber): boolean {
    return n.status === 'available' && n.target_id === undefined;
  }

  /** Gives `n` to `user`; `primary` puts it first in the user's numbers. */
  attachNumber(n: FixtureNumber, user: FixtureUser, primary: boolean): void {
    n.status = 'user';
    n.target_type = 'user';
    n.target_id = user.id;
    delete n.last_user_email;
    delete n.unassigned_at;
    n.office_id = user.office_id;
    const list = (user.phone_numbers ??= []).filter((x) => x !== n.number);
    user.phone_numbers = primary ? [n.number, ...list] : [...list, n.number];
    this.touch();
  }

  /**
   * Unassigns `n` from whatever holds it and leaves it in the reserved pool, noting who it was
   * last for and when (Admin Settings › Reserved Numbers shows both; the API does not).
   */
  detachNumber(n: FixtureNumber): void {
    if (n.target_type === 'user' && n.target_id !== undefined) {
      const u = this.state.users.find((x) => x.id === n.target_id);
      if (u) u.phone_numbers = (u.phone_numbers ?? []).filter((x) => x !== n.number);
      const email = u?.emails[0];
      if (email !== undefined && n.target_id !== undefined) {
        n.last_user_email = email;
        n.unassigned_at = this.now().toISOString();
      }
    }
    if (n.target_type === 'office' && n.target_id !== undefined) {
      const o = this.findOffice(n.target_id);
      if (o?.phone_numbers) o.phone_numbers = o.phone_numbers.filter((x) => x !== n.number);
    }
    if (n.target_type === 'room' && n.target_id !== undefined) {
      const r = (this.state.rooms ?? []).find((x) => x.id === n.target_id);
      if (r?.phone_numbers) r.phone_numbers = r.phone_numbers.filter((x) => x !== n.number);
    }
    const kind = findKindOfTargetType(n.target_type);
    if (kind && n.target_id !== undefined) {
      const g = listGroups(this.state, kind.kind).find((x) => x.id === n.target_id);
      if (g?.phone_numbers) g.phone_numbers = g.phone_numbers.filter((x) => x !== n.number);
    }
    n.status = 'available';
    delete n.target_id;
    delete n.target_type;
    this.touch();
  }

  /** Unassigns `n` and gives it back to Dialpad: it leaves the company. */
  releaseNumber(n: FixtureNumber): void {
    this.detachNumber(n);
    this.state.numbers = this.state.numbers.filter((x) => x !== n);
  }

  /**
   * A number Dialpad chooses for a user in `country`. With `number_assignment: pool_first` (the
   * default): a reserved-pool number of that country (the country of the office it is pooled
   * under, else its own; matching `areaCode` when given) when there is one, else a newly
   * provisioned one. With `provision`: always a newly provisioned one. With `foreign`: a newly
   * provisioned one of another country (CA for a US office, else US).
   */
  takeNumber(officeCountry: string, areaCode?: string): FixtureNumber {
    const foreign = this.state.number_assignment === 'foreign';
    const country = foreign ? (officeCountry.toUpperCase() === 'US' ? 'CA' : 'US') : officeCountry;
    const inCountry = (n: FixtureNumber): boolean => {
      const office = n.office_id === undefined ? undefined : this.findOffice(n.office_id);
      return office === undefined ? isNumberInCountry(n.number, country) : office.country.toUpperCase() === country.toUpperCase();
    };
    const pool = this.state.number_assignment !== 'pool_first' && this.state.number_assignment !== undefined ? [] : this.state.numbers.filter((n) => this.isInPool(n) && inCountry(n));
    const pooled = areaCode ? pool.find((n) => getAreaCode(n.number) === areaCode) : pool[0];
    if (pooled) return pooled;
    const number = mintNumber(country, new Set(this.state.numbers.map((n) => n.number)), areaCode);
    const n: FixtureNumber = { number, status: 'available', type: 'local' };
    const area = getAreaCode(number);
    if (area) n.area_code = area;
    this.state.numbers.push(n);
    this.touch();
    return n;
  }

  /** Whether `user`'s deletion is still inside the restore window at `nowMs`; without `deleted_at`, never. */
  isInRestoreWindow(user: FixtureUser, nowMs = this.now().getTime()): boolean {
    const at = user.deleted_at === undefined ? Number.NEGATIVE_INFINITY : parseIsoTime(user.deleted_at);
    return isStillRestorable(at, nowMs);
  }

  /**
   * Anonymizes deleted users whose restore window has passed: their emails and names are
   * replaced, so they no longer match by email, and lists stop showing them. Every API request
   * sweeps, so it looks only at the deleted users not yet anonymized (`cachedView`), not at all.
   */
  sweepDeletedUsers(): void {
    const now = this.now().getTime();
    const pending = this.cachedView('sweep', this.state.users, (users) => users.filter((u) => u.state === 'deleted' && !u.anonymized));
    for (const u of pending) {
      if (u.state !== 'deleted' || u.anonymized) continue;
      if (this.isInRestoreWindow(u, now)) continue;
      const former = u.emails[0];
      if (former !== undefined) u.anonymized_email_sha256 = digestEmail(former);
      u.emails = [`deleted-user-${u.id}@anonymized.invalid`];
      u.first_name = 'Deleted';
      u.last_name = 'User';
      for (const k of ['display_name', 'job_title', 'location', 'image_url', 'forwarding_numbers', 'extension']) delete u[k];
      u.anonymized = true;
      this.touch();
    }
  }
}

/** The digest an anonymized user keeps of its former email (`anonymized_email_sha256`). */
export function digestEmail(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('hex');
}
