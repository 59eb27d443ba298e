/**
 * `--redact`: masks every email address, phone number, person's name and E911 address in a plan before it is
 * rendered, so a plan can be posted where personal data must not appear (a public pull request,
 * a ticket, an uploaded artifact). Redaction works on the Plan value, not on rendered text, so
 * every renderer and every field (targets, summaries, notes, messages, changes, pool,
 * unverifiable) is covered the same way.
 */
import type { Plan } from '../plan/types.js';
import { mapStrings } from './map-strings.js';

const MASK = '•••';
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** E.164-like: `+` then 7–15 digits, optionally grouped by spaces or hyphens as people type them. */
const PHONE = /\+[1-9](?:[ -]?\d){6,14}/g;
/** The plan fields (and `changes[].field` values) that hold a person's name. */
const NAME_FIELDS = new Set(['first_name', 'last_name']);
/** The plan fields that hold an E911 address (an office's, a person's; a created office's `spec`). */
const ADDRESS_FIELD = 'e911_address';
/**
 * The parts of an address that place it (street, suite, city, zip); state and country alone
 * place no one, and masking every `US` or `CA` would garble the rest of the plan.
 */
const ADDRESS_PARTS = ['address', 'address2', 'city', 'zip'] as const;

/** `ada@acme.com` → `a•••@•••`: keeps the first letter so a reviewer can tell rows apart. */
export function maskEmail(email: string): string {
  return `${email.charAt(0)}${MASK}@${MASK}`;
}

/** `+442071234567` → `+44•••••••67`: keeps the country prefix and the last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const hidden = Math.max(digits.length - 4, 1);
  return `+${digits.slice(0, 2)}${'•'.repeat(hidden)}${digits.slice(2 + hidden)}`;
}

/** `Guido` → `G.`, `van Rossum` → `v. R.`: initials, so a reviewer can still tell rows apart. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => `${[...word][0] ?? ''}.`)
    .join(' ');
}

/**
 * Masks every email address and phone number inside a string, then every name in `names` (whole
 * words only, longest first, so `van Rossum` is masked before `Rossum`). Emails go first so a
 * name inside an address is never half-masked.
 */
export function redactText(text: string, names: readonly string[] = []): string {
  return redactWith(text, indexNames(names));
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
function maskNames(text: string, index: NameIndex): string {
  if (index.size === 0) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    if (m.index < last) continue;
    const found = index.get(m[0])?.find((n) => text.startsWith(n, m.index) && !WORD_CHAR.test(text.charAt(m.index + n.length)));
    if (found === undefined) continue;
    out += text.slice(last, m.index) + maskName(found);
    last = m.index + found.length;
  }
  return out + text.slice(last);
}

function redactWith(text: string, index: NameIndex, addresses: readonly string[] = []): string {
  return maskNames(maskAddresses(text, addresses).replace(EMAIL, maskEmail).replace(PHONE, maskPhone), index);
}

/** Every occurrence of each address part (longest first, so a street is masked before a city inside it) as `•••`. */
function maskAddresses(text: string, parts: readonly string[]): string {
  let out = text;
  for (const part of parts) if (out.includes(part)) out = out.split(part).join(MASK);
  return out;
}

/**
 * The address parts the plan carries: those of every `e911_address` value (an E911 operation's,
 * a created office's `spec`), and the one-line addresses (`formatE911`) of the `e911_address`
 * changes, whole (the old address is shown nowhere else).
 */
export function collectAddresses(plan: Plan): string[] {
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

/**
 * A copy of `plan` with every string value redacted (object keys, which are field names, are
 * kept), but for the fingerprint, kept as it is. The result is for display only: apply must never
 * be given a redacted plan.
 */
export function redactPlan(plan: Plan): Plan {
  // The fingerprint holds no personal data, and must stay what the reviewer compares with.
  return { ...mapStrings(plan, planRedactor(plan)), fingerprint: plan.fingerprint };
}

/** What `redactPlan` does to each string of `plan`, for a caller that maps the strings once anyway. */
export function planRedactor(plan: Plan): (text: string) => string {
  const index = indexNames(collectNames(plan));
  const addresses = collectAddresses(plan);
  return (text) => redactWith(text, index, addresses);
}
