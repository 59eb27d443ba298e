/**
 * Text that reaches a terminal (or a pull-request comment) from outside — live names, emails,
 * Dialpad's error messages — may carry control characters: an ANSI or OSC escape can clear the
 * screen, retitle the window or recolour what follows, and a carriage return or newline inside a
 * value can overwrite or fake a line. `sanitizeForTerminal` shows each such character as a
 * visible escape instead (`\x1b`, `\n`, `\u202e`), so the output says exactly what the value holds.
 */

/** C0 controls, DEL, C1 controls, the Unicode line/paragraph separators and bidi overrides/isolates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character (newlines included) replaced by a visible escape. */
export function sanitizeForTerminal(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Multi-line text of our own (an error listing problems): each line sanitized, the line breaks kept. */
export function sanitizeLines(text: string): string {
  return text.split('\n').map(sanitizeForTerminal).join('\n');
}

/**
 * DEL, the C1 controls, the line/paragraph separators and the bidi overrides and isolates: what a
 * JSON or YAML writer leaves raw, though it is invisible or reorders text in an editor, a review
 * diff or a terminal (a right-to-left override can make `evil` read as `live`).
 */
const INVISIBLE_IN_DOCUMENTS = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** True when `text` holds a character `escapeInDocument` escapes. */
export function needsDocumentEscape(text: string): boolean {
  return new RegExp(INVISIBLE_IN_DOCUMENTS.source).test(text);
}

/**
 * `text` (JSON, or YAML whose strings holding such characters are all double-quoted) with each
 * character of `INVISIBLE_IN_DOCUMENTS` written as a `\uXXXX` escape. In such text these
 * characters can only stand inside strings, where the escape means the same character: the
 * document parses to the same data.
 */
export function escapeInDocument(text: string): string {
  return text.replace(INVISIBLE_IN_DOCUMENTS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
