import { Document, isMap, isPair, isScalar, isSeq, visit, type Pair, type YAMLMap } from 'yaml';
import { pickImportableSettings } from '../model/phone-settings.js';
import { isValidE164 } from '../model/countries.js';
import { escapeInDocument, needsDocumentEscape } from '../render/terminal-safe.js';
import type { RawConfig, RawE911Address, RawGroup, RawOffice, RawUser } from '../config/raw-types.js';
import { isCompleteE911, isSameE911 } from '../model/e911.js';
import { LINE_KINDS } from '../model/license-lines.js';
import { LINE_TYPES, type E911Address, type Group, type GroupType, type LifecycleOwner, type LineType, type LiveState, type Office, type User } from '../model/tenant.js';
import { compareCodeUnits } from '../model/compare.js';
import { membershipsOf } from '../model/groups.js';
import { rawGroupSettings } from './render-group-settings.js';
import { commentDeskPhones, rawRooms } from './import-rooms.js';
import type { ApiDeskPhone } from '../dialpad/client-deskphones.js';

/** One file `import` writes, relative to the output directory. */
export interface ImportedFile {
  path: string;
  text: string;
}

export interface ImportResult {
  files: ImportedFile[];
  /** Users not written as managed users: deleted or cancelled accounts. */
  skipped: { email: string; state: string }[];
  offices: number;
  users: number;
}

const MAIN_FILE = 'dialform.yaml';
const PRICE_LEVEL_NOTE =
  ' price_level: FILL ME IN — not visible through the API (Company Settings › Billing shows it).\n' +
  ' Licenses transfer, and users move abroad, only between offices of the same price level.';
const USERS_NOTE =
  ' Analytics (Charting Data) and proxy access are not visible through the API either:\n' +
  ' add `analytics: true` / `proxy: true` to the users who have them.';

/**
 * Turns live state into config files that describe it: `dialform.yaml` (company, policy,
 * offices, the reserved pool, departments and call centers) and `users/<office>.yaml` per office,
 * each user with the groups they operate in (skill levels are not read, so not written). Pure: the command writes
 * the files. Planning the result against the same live state gives no changes.
 *
 * `schemaPath(file)` is the `$schema` modeline target as seen from that file. `lifecycle`, when
 * given (`import --lifecycle`), is written as `policy.lifecycle`: Dialpad's API does not say
 * whether users come from an identity provider (SCIM), so import cannot tell by itself.
 */
export function renderImport(
  live: LiveState,
  opts: { schemaPath: (file: string) => string; lifecycle?: LifecycleOwner; e911?: boolean; deskPhones?: ReadonlyMap<string, readonly ApiDeskPhone[]> },
): ImportResult {
  const tenant = live.tenant;
  const keys = assignOfficeKeys(tenant.offices);
  const groupKeys = assignGroupKeys(tenant.groups ?? []);
  // Pending (invited) users are written with `state: pending`, so a later `unmanaged_users: delete`
  // never deletes them (and their numbers, for good) by accident.
  const managed = tenant.users.filter((u) => u.state === 'active' || u.state === 'suspended' || u.state === 'pending');
  const skipped = tenant.users
    .filter((u) => !managed.includes(u))
    .map((u) => ({ email: u.email, state: u.state }));
  const pool = tenant.numbers.filter((n) => n.status === 'available' && !n.targetId).map((n) => n.number).sort();

  const roomKeys = assignKeys([...(tenant.rooms ?? [])], 'room');
  const main: RawConfig = {
    version: 1,
    ...(tenant.company.accountType ? { company: { account_type: tenant.company.accountType } } : {}),
    policy: { unmanaged_users: 'ignore', ...(opts.lifecycle === undefined ? {} : { lifecycle: opts.lifecycle }) },
    offices: Object.fromEntries(tenant.offices.map((o) => [keys.get(o.key)!, rawOffice(o, opts.e911 === true)])),
    reserved_numbers: { keep: pool, release_unlisted: false },
    ...rawGroups(tenant.groups ?? [], keys, groupKeys, tenant.users),
    ...rawRooms(tenant.rooms, keys, roomKeys),
  };
  const mainDoc = new Document(main);
  mainDoc.commentBefore = ` yaml-language-server: $schema=${opts.schemaPath(MAIN_FILE)}\n Written by \`dialform import\`. Users are in users/*.yaml, one file per office.`;
  for (const office of tenant.offices) {
    const pair = officeNode(mainDoc, keys.get(office.key)!);
    if (pair && isScalar(pair.key) && office.priceLevel === undefined) pair.key.commentBefore = PRICE_LEVEL_NOTE;
  }
  if (opts.deskPhones !== undefined) commentDeskPhones(mainDoc, roomKeys, opts.deskPhones);

  const files: ImportedFile[] = [{ path: MAIN_FILE, text: toText(mainDoc) }];
  for (const office of tenant.offices) {
    const key = keys.get(office.key)!;
    const users = managed.filter((u) => u.office === office.key);
    if (users.length === 0) continue;
    const path = `users/${key}.yaml`;
    const doc = new Document({ users: users.map((u) => rawUser(u, keys, groupKeys, opts.e911 === true ? office.e911 : undefined)) });
    // One line per user: a change to a user is a one-line diff in review.
    const list = doc.get('users', true);
    if (isSeq(list)) for (const item of list.items) if (isMap(item)) item.flow = true;
    doc.commentBefore = ` yaml-language-server: $schema=${opts.schemaPath(path)}\n Users of ${office.name}.\n${USERS_NOTE}`;
    files.push({ path, text: toText(doc) });
  }
  return { files, skipped, offices: tenant.offices.length, users: managed.length };
}

/** Config keys from office names: `Acme New York` → `acme-new-york`, made unique deterministically. */
export function assignOfficeKeys(offices: Office[]): Map<string, string> {
  return assignKeys(offices, 'office');
}

/** Config keys from group names, unique across departments and call centers (users name groups by key alone). */
function assignGroupKeys(groups: Group[]): Map<string, string> {
  return assignKeys(groups, 'group');
}

function assignKeys(items: { key: string; id?: string; name: string }[], fallback: string): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const office of [...items].sort((a, b) => compareCodeUnits(a.id ?? a.key, b.id ?? b.key) || compareCodeUnits(a.key, b.key))) {
    const base = slug(office.name) || fallback;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    keys.set(office.key, key);
  }
  return keys;
}

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The license kinds import writes for an office: the Dialpad user licenses always (so the imported
 * counts are managed from the start), Ai Meetings and add-on kinds where the office has bought some
 * (a kind left out stays unmanaged, rather than ten zero counts per office).
 */
function importedLines(office: Office): LineType[] {
  return LINE_TYPES.filter((line) => LINE_KINDS[line].category === 'Dialpad' || (office.licenses[line] ?? 0) > 0);
}

/**
 * An office; with `e911` (`import --with e911`) its E911 address as read, when Dialpad has a
 * complete one (an incomplete one is left out: config would refuse it, and the rules say so).
 */
function rawOffice(office: Office, e911: boolean): RawOffice {
  const licenses = Object.fromEntries(importedLines(office).map((line) => [line, office.licenses[line] ?? 0]));
  return {
    name: office.name,
    ...(office.id ? { id: office.id } : {}),
    country: office.country,
    ...(office.priceLevel !== undefined ? { price_level: office.priceLevel } : {}),
    licenses,
    ...(e911 && office.e911 !== undefined && isCompleteE911(office.e911) ? { e911: rawE911(office.e911) } : {}),
  };
}

/** An address as config writes it, `address2` only when it says something. */
function rawE911(a: E911Address): RawE911Address {
  return { address: a.address, ...(a.address2 === undefined ? {} : { address2: a.address2 }), city: a.city, state: a.state, zip: a.zip, country: a.country };
}

/** `departments:` and `call_centers:`, each group pinned by its live id (a rename is then an update), with how it answers (`rawGroupSettings`). */
function rawGroups(groups: Group[], offices: Map<string, string>, keys: Map<string, string>, users: readonly User[]): Pick<RawConfig, 'departments' | 'call_centers'> {
  const section = (type: GroupType): Record<string, RawGroup> | undefined => {
    const of = groups.filter((g) => g.type === type).sort((a, b) => compareCodeUnits(keys.get(a.key) ?? '', keys.get(b.key) ?? ''));
    if (of.length === 0) return undefined;
    return Object.fromEntries(
      of.map((g) => [
        keys.get(g.key) ?? g.key,
        { name: g.name, office: offices.get(g.office) ?? g.office, ...(g.id === undefined ? {} : { id: g.id }), ...rawGroupSettings(g, groups, keys, users) },
      ]),
    );
  };
  const departments = section('department');
  const callCenters = section('call_center');
  return { ...(departments === undefined ? {} : { departments }), ...(callCenters === undefined ? {} : { call_centers: callCenters }) };
}

/**
 * A user's memberships of one kind, by group key; absent when they have none, which leaves that
 * kind unmanaged for them (write `departments: {}` to keep a user out of every department).
 */
function rawMemberships<R extends string>(user: User, type: GroupType, keys: Map<string, string>): Record<string, R> | undefined {
  const held = membershipsOf(user, type);
  if (held === undefined || held.length === 0) return undefined;
  return Object.fromEntries(held.map((m) => [keys.get(m.group) ?? m.group, m.role as R]));
}

/**
 * A user; `officeE911` is their office's address when import reads E911 (`--with e911`): the
 * user's own is written only where it differs from it (a person working elsewhere), so an office
 * address changed later is not pinned on every user.
 */
function rawUser(user: User, keys: Map<string, string>, groupKeys: Map<string, string>, officeE911?: Partial<E911Address>): RawUser {
  const e911 = officeE911 !== undefined && user.e911 !== undefined && isCompleteE911(user.e911) && !isSameE911(user.e911, officeE911) ? rawE911(user.e911) : undefined;
  const departments = rawMemberships<'admin' | 'operator'>(user, 'department', groupKeys);
  const callCenters = rawMemberships<'admin' | 'operator' | 'supervisor'>(user, 'call_center', groupKeys);
  const ownOffice = user.admin.offices.includes(user.office);
  const otherOffices = user.admin.offices.filter((o) => o !== user.office).map((o) => keys.get(o) ?? o);
  const admin = user.admin.company ? 'company' : ownOffice ? 'office' : undefined;
  return {
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    office: keys.get(user.office) ?? user.office,
    license: user.license,
    ...(admin ? { admin } : {}),
    ...(user.admin.company && ownOffice ? { admin_offices: [keys.get(user.office)!, ...otherOffices] } : {}),
    ...(!(user.admin.company && ownOffice) && otherOffices.length ? { admin_offices: otherOffices } : {}),
    ...(user.state === 'suspended' || user.state === 'pending' ? { state: user.state } : {}),
    numbers: user.numbers ?? [],
    ...(departments === undefined ? {} : { departments }),
    ...(callCenters === undefined ? {} : { call_centers: callCenters }),
    ...(e911 === undefined ? {} : { e911 }),
    ...pickImportableSettings(user.settings),
    ...(user.callerId !== undefined && (user.callerId === 'blocked' || isValidE164(user.callerId)) ? { caller_id: user.callerId } : {}),
  };
}

function officeNode(doc: Document, key: string): Pair | undefined {
  const offices = doc.get('offices', true);
  if (!isMap(offices)) return undefined;
  return (offices as YAMLMap).items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

/**
 * The file's text. A string (key or value) holding a C1 or bidi control is double-quoted, so that
 * `escapeInDocument` can write each such character as a `\u` escape (the same value once parsed);
 * in a comment, the escape is shown as written.
 */
function toText(doc: Document): string {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && needsDocumentEscape(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return escapeInDocument(doc.toString({ lineWidth: 0, flowCollectionPadding: true }));
}
