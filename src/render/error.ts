/**
 * What to print for an error a command threw (DESIGN.md §5, docs/errors.md). Pure: `cmd/` catches,
 * writes `text` to stderr, `json` to stdout under `--format json`, and exits with `exitCode`.
 */
import { DialformError, formatProblem, type ErrorCode } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { sanitizeForTerminal, sanitizeLines } from './terminal-safe.js';

/** The JSON error document's `error` (docs/errors.md): the same facts as the text, sanitized alike. */
export interface ErrorDocument {
  code: ErrorCode;
  message: string;
  problems: { file: string; line: number; col: number; message: string }[];
}

/** What to print for an error, and the process exit code it means. */
export interface RenderedError {
  /** Complete stderr text, ending in a newline: `error <code>: message`, then any problems or stack. */
  text: string;
  /** Exactly one JSON document `{"error": ErrorDocument}` (2-space indent, trailing newline), for stdout. */
  json: string;
  exitCode: ExitCode;
}

/**
 * The most problems the text lists (the first, in the order found); it then says how many more.
 * A config with 100,000 mistakes (a generated file gone wrong) would otherwise print 100,000 lines
 * before the prompt returns; the JSON document lists them all, for scripts.
 */
export const MAX_LISTED_PROBLEMS = 200;

const BUG = 'dialform hit an unexpected error (a bug — please report it)';

/**
 * A `DialformError` is the user's or Dialpad's: its code and message, no stack; one with problems
 * counts them and lists each as `file:line:col: message` (the first `MAX_LISTED_PROBLEMS` in the text). Anything else (a `BugError`, a stray
 * exception) is a bug (`internal_error`) and says so, with the stack in the text only. Control
 * characters become visible escapes in both forms (the message and problems may quote a config,
 * a live name or Dialpad's answer); the API key never reaches an error's message (the client
 * scrubs what it keeps), and both forms are built from that one message.
 */
export function renderError(error: unknown): RenderedError {
  if (error instanceof DialformError) {
    const problems = error.problems.map((p) => ({ file: sanitizeForTerminal(p.file), line: p.line, col: p.col, message: sanitizeForTerminal(p.message) }));
    const count = problems.length;
    // The problems are the message of an error that has them (`ConfigError` joins them into it).
    const message = count === 0 ? sanitizeLines(error.message) : `${count} problem${count === 1 ? '' : 's'} found`;
    const shown = problems.slice(0, MAX_LISTED_PROBLEMS);
    const more = count - shown.length;
    const listed =
      shown.map((p) => `${formatProblem(p)}\n`).join('') +
      (more === 0 ? '' : `… and ${more} more problem${more === 1 ? '' : 's'} (--format json lists them all)\n`);
    return {
      text: `error ${error.code}: ${message}${count === 0 ? '' : ':'}\n${listed}`,
      json: renderDocument({ code: error.code, message, problems }),
      exitCode: error.exitCode,
    };
  }
  const summary = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const detail = error instanceof Error ? (error.stack ?? summary) : summary;
  return {
    text: `error internal_error: ${BUG}:\n${detail}\n`,
    json: renderDocument({ code: 'internal_error', message: `${BUG}: ${sanitizeLines(summary)}`, problems: [] }),
    exitCode: EXIT.error,
  };
}

function renderDocument(error: ErrorDocument): string {
  return `${JSON.stringify({ error }, null, 2)}\n`;
}
