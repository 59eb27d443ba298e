/**
 * The text and exit code for an error a command threw (DESIGN.md §5). Pure: `cmd/` catches,
 * writes `text` to stderr and exits with `exitCode`.
 */
import { ConfigError, DialformError, formatProblem } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { sanitizeForTerminal, sanitizeLines } from './terminal-safe.js';

/** What to print for an error, and the process exit code it means. */
export interface RenderedError {
  /** Complete stderr text, ending in a newline. */
  text: string;
  exitCode: ExitCode;
}

/**
 * A `DialformError` is the user's or Dialpad's: its message, no stack (a `ConfigError` lists
 * every problem and counts them), control characters shown as visible escapes. Anything else
 * (a `BugError`, a stray exception) is a bug and says so, with the stack.
 */
export function renderError(error: unknown): RenderedError {
  if (error instanceof ConfigError) {
    const count = error.problems.length;
    const problems = `${error.problems.map((p) => sanitizeForTerminal(formatProblem(p))).join('\n')}\n`;
    return { text: `${problems}${count} problem${count === 1 ? '' : 's'} found.\n`, exitCode: error.exitCode };
  }
  if (error instanceof DialformError) {
    return { text: `error: ${sanitizeLines(error.message)}\n`, exitCode: error.exitCode };
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { text: `dialform hit an unexpected error (a bug — please report it):\n${detail}\n`, exitCode: EXIT.error };
}
