/**
 * Keeping the API key out of what dialform prints and stores when a server (Dialpad, a proxy, a
 * misconfigured endpoint) echoes it back in an error body.
 *
 * Covered:
 * - the key as sent, in any letter case (`createKeyScrubber`);
 * - URL-encoded (`encodeURIComponent`, hex digits in either case);
 * - base64 and base64url, alone or inside a longer encoded string (`Bearer <key>`, `user:<key>`):
 *   each of the three byte alignments is matched, minus the characters shared with its neighbours;
 * - with invisible characters between its characters (NUL, zero-width spaces and joiners, soft
 *   hyphens, direction marks, the byte-order mark), raw or written as an escape (`\u200b`, `\x00`,
 *   `\0`) or an HTML entity, and with any of its characters written as an HTML entity (`&#115;`,
 *   `&#x73;`): a config key or value that hides the key this way, quoted in a message, is found;
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

/** Characters that show nothing, so they can sit inside a key unseen: NUL, soft hyphen, zero-width and direction marks, word joiners, BOM. */
const INVISIBLE_CODES = [0x0, 0xad, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff];

/** Hex and decimal spellings of code point `code` as an HTML numeric entity (the `;` optional, as browsers read it). */
function entityPattern(code: number): string {
  return `&#0*${code};?|&#x0*${code.toString(16)};?`;
}

/** One invisible character: raw, as a `\u`/`\x`/`\0` escape (how messages show it), or as an HTML entity. */
const INVISIBLE = `(?:${INVISIBLE_CODES.map((code) => {
  const hex = code.toString(16).padStart(4, '0');
  const forms = [`\\u${hex}`, `\\\\u0*${code.toString(16)}`, `\\\\u\\{0*${code.toString(16)}\\}`, entityPattern(code)];
  if (code <= 0xff) forms.push(`\\\\x${code.toString(16).padStart(2, '0')}`);
  if (code === 0) forms.push('\\\\0');
  return forms.join('|');
}).join('|')}|&(?:shy|zwsp|zwnj|zwj|lrm|rlm|nobreak|ZeroWidthSpace);)`;

/** `key` with any run of invisible characters allowed between its characters, and each character also as an HTML entity. */
function disguisedKeyPattern(key: string): string {
  return [...key].map((c) => `(?:${escapeRegExp(c)}|${entityPattern(c.codePointAt(0) ?? 0)})`).join(`${INVISIBLE}*`);
}

/** A function replacing every form of `key` (case-insensitively) with `[REDACTED]`. */
export function createKeyScrubber(key: string): (text: string) => string {
  const forms = key === '' ? [] : keyForms(key);
  if (forms.length === 0) return (text) => (key === '' ? text : text.split(key).join(REDACTED));
  const pattern = new RegExp([disguisedKeyPattern(key), ...forms.map(escapeRegExp)].join('|'), 'gi');
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
