/**
 * Keeping the API key out of what dialform prints and stores when a server (Dialpad, a proxy, a
 * misconfigured endpoint) echoes it back in an error body.
 *
 * Covered:
 * - the key as sent, in any letter case (`createKeyScrubber`);
 * - URL-encoded (`encodeURIComponent`, hex digits in either case);
 * - base64 and base64url, alone or inside a longer encoded string (`Bearer <key>`, `user:<key>`):
 *   each of the three byte alignments is matched, minus the characters shared with its neighbours;
 * - split across lines or spaces, or cut short, only heuristically: `boundMessage` removes every
 *   token-like run (24+ characters of letters, digits and `+/=_-%`, with both letters and digits,
 *   that is not a plain path of words and numbers), so pieces of a long random key go too.
 *
 * Not covered: a key cut into pieces shorter than 24 characters, or encoded some other way (hex,
 * double URL-encoding, reversed). `boundMessage` keeps only the first `max` characters, so what
 * is kept of any body is small.
 */

export const REDACTED = '[REDACTED]';

/** Forms shorter than this are not scrubbed: they would match ordinary text. */
const MIN_FORM_LENGTH = 8;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The base64 characters that depend only on `key`, for `key` at byte offset 0, 1 and 2 of the encoded data. */
function base64Forms(key: string): string[] {
  const bytes = Buffer.from(key, 'utf8');
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
    const skip = Math.ceil((offset * 8) / 6);
    const tail = (offset + bytes.length) % 3 === 0 ? 0 : 1;
    const form = encoded.slice(skip, encoded.length - tail);
    forms.push(form, form.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/** Every form of `key` to scrub: raw, URL-encoded, base64 and base64url. */
function keyForms(key: string): string[] {
  const forms = new Set([key, encodeURIComponent(key), ...base64Forms(key)]);
  return [...forms].filter((f) => f.length >= MIN_FORM_LENGTH).sort((a, b) => b.length - a.length);
}

/** A function replacing every form of `key` (case-insensitively) with `[REDACTED]`. */
export function createKeyScrubber(key: string): (text: string) => string {
  const forms = key === '' ? [] : keyForms(key);
  if (forms.length === 0) return (text) => (key === '' ? text : text.split(key).join(REDACTED));
  const pattern = new RegExp(forms.map(escapeRegExp).join('|'), 'gi');
  return (text) => text.replace(pattern, REDACTED);
}

const TOKEN_RUN = /[A-Za-z0-9+/=_%-]{24,}/g;

/** A path of words and numbers (`/api/v2/users/5712345678901234`) is not a token. */
function isTokenLike(run: string): boolean {
  if (!/[A-Za-z]/.test(run) || !/\d/.test(run)) return false;
  return !run.split('/').every((segment) => /^[A-Za-z_-]*$/.test(segment) || /^\d*$/.test(segment));
}

/**
 * `text` made safe to show and store: token-like runs removed, whitespace and control characters
 * collapsed to single spaces (one line), cut to `max` characters (with `…`). Scrub the key first,
 * on the whole text, so a key is never cut in half before it is found.
 */
export function boundMessage(text: string, max = 300): string {
  const stripped = text.replace(TOKEN_RUN, (run) => (isTokenLike(run) ? REDACTED : run));
  const oneLine = stripped.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
