/**
 * `--redact`: masks every email address, phone number, person's name and E911 address in a plan before it is
 * rendered, so a plan can be posted where personal data must not appear (a public pull request,
 * a ticket, an uploaded artifact). Redaction works on the Plan value, not on rendered text, so
 * every renderer and every field (targets, summaries, notes, messages, changes, pool,
 * unverifiable) is covered the same way. `createRedactor` is the one entry point for anything
 * else that prints live data (`status --redact`).
 *
 * A masked email or name keeps what a reviewer needs to tell values apart: a first letter or the
 * initials, and a short tag (`a•••@•••~3f9a`, `M.~c01d`), the same for the same value and
 * different for different ones, so `first_name: M.~c01d → M.~7e42` reads as the change it is. A
 * plain hash would let anyone with a list of candidate names or addresses (a staff page, the
 * company's email pattern) test which of them a plan holds: short values have little entropy. So
 * the tag is keyed (HMAC-SHA256, its first 4 hex digits) with a secret the redacted output does
 * not contain: for a plan, its live digest (a hash of the whole company as Dialpad returned it,
 * which an outsider cannot compute), which a redacted plan replaces by a digest of it. Tags are
 * stable for one state of Dialpad (re-running a plan on a pull request keeps them) and change when
 * Dialpad does. Phone numbers keep their country prefix and last two digits, and no tag.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Plan } from '../plan/types.js';
import { canonicalJson } from '../model/canonical-json.js';
import { mapStrings } from './map-strings.js';

const MASK = '•••';
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** E.164-like: `+` then 7–15 digits, optionally grouped by spaces or hyphens as people type them. */
const PHONE = /\+[1-9](?:[ -]?\d){6,14}/g;
/** The plan fields (and `changes[].field` values) that hold a person's name. */
const NAME_FIELDS = new Set(['first_name', 'last_name']);
/** Hex digits of a value's tag: enough to tell apart the values of one change or one screen. */
const TAG_LENGTH = 4;
/** The plan fields that hold an E911 address (an office's, a person's; a created office's `spec`). */
const ADDRESS_FIELD = 'e911_address';
/**
 * The parts of an address that place it (street, suite, city, zip); state and country alone
 * place no one, and masking every `US` or `CA` would garble the rest of the plan.
 */
const ADDRESS_PARTS = ['address', 'address2', 'city', 'zip'] as const;

/** A keyed tag function: `~` and the first hex digits of HMAC-SHA256(key, value). */
type Tagger = (value: string) => string;

function createTagger(secret: string): Tagger {
  const key = createHash('sha256').update(`dialform redaction key\u0000${secret}`).digest();
  return (value) => `~${createHmac('sha256', key).update(value).digest('hex').slice(0, TAG_LENGTH)}`;
}

/** `ada@acme.com` → `a•••@•••` (and its tag, given a tagger): keeps the first letter so a reviewer can tell rows apart. */
export function maskEmail(email: string, tag?: Tagger): string {
  return `${email.charAt(0)}${MASK}@${MASK}${tag?.(email) ?? ''}`;
}

/** `+442071234567` → `+44•••••••67`: keeps the country prefix and the last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const hidden = Math.max(digits.length - 4, 1);
  return `+${digits.slice(0, 2)}${'•'.repeat(hidden)}${digits.slice(2 + hidden)}`;
}

/**
 * `805ec0a1b2c3` → `805ec0••••••` (and its tag, given a tagger): keeps the first three octets, the
 * maker's prefix (the desk phone's `type` names the maker anyway), and hides the device's own.
 */
export function maskMac(mac: string, tag?: Tagger): string {
  const hex = mac.replace(/[^0-9A-Fa-f]/g, '');
  return `${hex.slice(0, 6)}${'•'.repeat(Math.max(hex.length - 6, 1))}${tag?.(mac.toLowerCase()) ?? ''}`;
}

/** `Guido` → `G.`, `van Rossum` → `v. R.`: initials (a redactor adds the name's tag). */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => `${[...word][0] ?? ''}.`)
    .join(' ');
}
/**
 * A function that masks the `addresses` given (E911 address parts) and the `macs` (desk phones'
 * MAC addresses, `maskMac`), every email address and phone number inside a string, then every name in
 * `names` (whole words only, longest first, so `van Rossum` is masked before `Rossum`). Emails go
 * first so a name inside an address is never half-masked. `secret` keys the tags of emails and
 * names (see above): something the output does not contain and an outsider cannot guess (for a
 * plan, `redactionSecretOf`; for another view of a live read, e.g. its `digestLive`).
 */
export function createRedactor(options: { secret: string; names?: readonly string[]; addresses?: readonly string[]; macs?: readonly string[] }): (text: string) => string {
  const index = indexNames(options.names ?? []);
  const tag = createTagger(options.secret);
  // Masked once here, then by plain replacement: the MAC addresses, then the address parts.
  const literals = [
    ...[...new Set(options.macs ?? [])].filter((m) => m !== '').map((mac): Literal => [mac, maskMac(mac, tag)]),
    ...(options.addresses ?? []).map((part): Literal => [part, MASK]),
  ];
  return (text) => maskNames(maskLiterals(text, literals).replace(EMAIL, (email) => maskEmail(email, tag)).replace(PHONE, maskPhone), index, tag);
}

/** A value to mask wherever it occurs, and its mask. */
type Literal = readonly [value: string, mask: string];

/** Every occurrence of each value by its mask, in order (address parts come longest first, so a street is masked before a city inside it). */
function maskLiterals(text: string, literals: readonly Literal[]): string {
  let out = text;
  for (const [value, mask] of literals) if (out.includes(value)) out = out.split(value).join(mask);
  return out;
}

/** Names by their first word, longest first; names of one character are initials already. */
type NameIndex = Map<string, string[]>;

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function indexNames(names: readonly string[]): NameIndex {
  const index: NameIndex = new Map();
  for (const name of new Set(names.map((n) => n.trim()))) {
    const first = name.match(WORD)?.[0];
    if ([...name].length < 2 || first === undefined || !name.startsWith(first)) continue;
    index.set(first, [...(index.get(first) ?? []), name].sort((a, b) => b.length - a.length));
  }
  return index;
}

/**
 * One pass over the words of `text`, looking each up by its first word: linear in the text
 * whatever the number of names (a plan of thousands of users stays fast, unlike one regex
 * alternation of every name).
 */
function maskNames(text: string, index: NameIndex, tag: Tagger): string {
  if (index.size === 0) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    if (m.index < last) continue;
    const found = index.get(m[0])?.find((n) => text.startsWith(n, m.index) && !WORD_CHAR.test(text.charAt(m.index + n.length)));
    if (found === undefined) continue;
    out += text.slice(last, m.index) + maskName(found) + tag(found);
    last = m.index + found.length;
  }
  return out + text.slice(last);
}

/**
 * The address parts a plan carries: those of every `e911_address` value (an E911 operation's,
 * a created office's `spec`), and the one-line addresses (`formatE911`) of the `e911_address`
 * changes, whole (the old address is shown nowhere else). Any other document that keeps its
 * addresses under `e911_address` (`status`'s E911 view) is read the same way.
 */
export function collectAddresses(plan: Plan | object): string[] {
  const parts = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    // A change of an address shows both on one line, the old one nowhere else.
    if (record.field === ADDRESS_FIELD) for (const side of [record.from, record.to]) if (typeof side === 'string' && side !== '(none)') parts.add(side);
    for (const [key, v] of Object.entries(record)) {
      if (key === ADDRESS_FIELD && v !== null && typeof v === 'object') {
        for (const part of ADDRESS_PARTS) {
          const text = (v as Record<string, unknown>)[part];
          if (typeof text === 'string' && text.trim() !== '') parts.add(text.trim());
        }
      } else walk(v);
    }
  };
  walk(plan);
  return [...parts].sort((a, b) => b.length - a.length);
}

/**
 * Every person's name the plan carries: the values of `first_name` / `last_name` fields (a
 * created user, an update's patch) and the `from`/`to` of changes to those fields (a live name
 * being replaced). These are the only places a plan holds names; every other string that shows
 * one (summaries, details) is built from them.
 */
export function collectNames(plan: Plan): string[] {
  const names: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.field === 'string' && NAME_FIELDS.has(record.field)) {
      for (const side of [record.from, record.to]) if (typeof side === 'string') names.push(side);
    }
    for (const [key, v] of Object.entries(record)) {
      if (NAME_FIELDS.has(key) && typeof v === 'string') names.push(v);
      else walk(v);
    }
  };
  walk(plan);
  return names;
}

/** The secret a plan's tags are keyed with: its live digest, which its redacted form does not contain. */
export function redactionSecretOf(plan: Plan): string {
  return plan.basis.live_digest;
}

/**
 * A copy of `plan` with every string value redacted (object keys, which are field names, are
 * kept), but for the fingerprint, kept as it is, and the live digest, replaced by a digest of it
 * (it keys the tags). A change whose two sides mask alike though they differ (two numbers with
 * the same ends) has ` (changed)` added to its `to`, so it never reads as no change. The result
 * is for display only: apply must never be given a redacted plan.
 */
export function redactPlan(plan: Plan): Plan {
  const redact = planRedactor(plan);
  const redacted = mapStrings(plan, redact);
  const operations = redacted.operations.map((op, i) => {
    const raw = plan.operations[i]?.changes ?? [];
    const changes = op.changes.map((c, j) => {
      const before = raw[j];
      const differs = before !== undefined && canonicalJson(before.from ?? null) !== canonicalJson(before.to ?? null);
      const alike = canonicalJson(c.from ?? null) === canonicalJson(c.to ?? null);
      return differs && alike ? { ...c, to: markChanged(c.to) } : c;
    });
    return { ...op, changes };
  }) as Plan['operations'];
  const live = redactLiveDigest(plan.basis.live_digest);
  // The fingerprint holds no personal data, and must stay what the reviewer compares with.
  return { ...redacted, operations, basis: { ...redacted.basis, live_digest: live }, fingerprint: plan.fingerprint };
}

/**
 * What a redacted output shows for a live digest: a digest of it, so the key of its tags
 * (`redactionSecretOf`) is never printed next to them.
 */
export function redactLiveDigest(digest: string): string {
  return `sha256:${createHash('sha256').update(`dialform redacted live digest\u0000${digest}`).digest('hex')}`;
}

/** A redacted `to` (a string or a list: only those can mask alike while differing) with ` (changed)` added. */
function markChanged(to: unknown): unknown {
  if (typeof to === 'string') return `${to} (changed)`;
  if (Array.isArray(to) && to.length > 0) return [...to.slice(0, -1), `${String(to.at(-1))} (changed)`];
  return to;
}

/** What `redactPlan` does to each string of `plan` (names and tags from the plan itself). */
export function planRedactor(plan: Plan): (text: string) => string {
  return createRedactor({ secret: redactionSecretOf(plan), names: collectNames(plan), addresses: collectAddresses(plan) });
}
