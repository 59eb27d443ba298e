/**
 * `--redact`: masks every email address and phone number in a plan before it is rendered, so a
 * plan can be posted where personal data must not appear (a public pull request, a ticket).
 * Redaction works on the Plan value, not on rendered text, so every renderer and every field
 * (targets, summaries, notes, messages, changes, pool, unverifiable) is covered the same way.
 */
import type { Plan } from '../plan/types.js';
import { mapStrings } from './map-strings.js';

const MASK = '•••';
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** E.164-like: `+` then 7–15 digits, optionally grouped by spaces or hyphens as people type them. */
const PHONE = /\+[1-9](?:[ -]?\d){6,14}/g;

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

/** Masks every email address and phone number inside a string. */
export function redactText(text: string): string {
  return text.replace(EMAIL, maskEmail).replace(PHONE, maskPhone);
}

/**
 * A copy of `plan` with every string value redacted (object keys, which are field names, are
 * kept). The result is for display only: apply must never be given a redacted plan.
 */
export function redactPlan(plan: Plan): Plan {
  return mapStrings(plan, redactText);
}
