import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * Every `DialformError` code, with the exit code `cmd/` uses for it (DESIGN.md §5). Codes are
 * stable snake_case: scripts may match on them.
 */
export const ERROR_CODES = {
  /** Bad command-line usage or a missing input file (`UsageError`). */
  usage: EXIT.error,
  /** The config has problems (`ConfigError`, with every problem). */
  config_invalid: EXIT.error,
  /** No API key in DIALPAD_API_KEY or --api-key-file. */
  api_key_missing: EXIT.error,
  /** The API URL cannot be parsed or is not usable. */
  api_url_invalid: EXIT.error,
  /** A plain http:// API URL to a host that is not loopback. */
  api_url_insecure: EXIT.error,
  /** Dialpad answered with an error or could not be reached (`ApiError`). */
  api_error: EXIT.error,
  /** Dialpad could not be read completely, so nothing that needs all of it was done. */
  live_read_incomplete: EXIT.error,
  /** A saved plan file is missing, unreadable or not a valid plan. */
  plan_file_invalid: EXIT.error,
  /** A plan file could not be written. */
  plan_file_write_failed: EXIT.error,
  /** A saved plan no longer matches Dialpad's live state. */
  plan_stale: EXIT.error,
  /** A saved plan asks for operations its config does not, or its ids and names disagree (edited). */
  plan_untrusted: EXIT.error,
  /** The apply journal cannot be read or appended to (a directory, a device, no permission). */
  journal_unusable: EXIT.error,
  /** The config's git commit is older than (an ancestor of) the one the journal last recorded as applied. */
  config_older_than_applied: EXIT.error,
  /**
   * A file the user names or commits (config, plan, fixture, key file, confirmations) is missing, unreadable,
   * not a regular file (a link to a device or a FIFO) or over its size limit (`readUserFile`).
   */
  file_unusable: EXIT.error,
  /** The confirmations file kept with the config (`dialform-confirmed.json`) cannot be read or is malformed. */
  confirmed_invalid: EXIT.error,
  /** `dialform confirm` was given a step that is not pending, or one apply verifies through the API. */
  step_not_confirmable: EXIT.error,
  /** The plan is blocked by a rule and is not applied. */
  plan_blocked: EXIT.blocked,
  /** An office to create has no `create:` block with Dialpad's billing fields. */
  office_spec_missing: EXIT.error,
  /** An office an operation refers to does not exist in Dialpad. */
  office_not_found: EXIT.error,
  /** A user an operation refers to does not exist in Dialpad. */
  user_not_found: EXIT.error,
  group_not_found: EXIT.error,
  /** The emulator fixture (or its saved state) cannot be used (`FixtureError`). */
  fixture_invalid: EXIT.error,
  /** The embedded emulator has no state and no fixture to seed it from. */
  emulator_fixture_missing: EXIT.error,
  /** `emulator serve` cannot listen on the address and port asked for (in use, not permitted). */
  emulator_listen_failed: EXIT.error,
  /** `emulator do` was refused: the step is not possible in the emulated company (Dialpad's rules). */
  emulator_step_refused: EXIT.error,
} as const satisfies Record<string, ExitCode>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * A user's mistake or Dialpad's failure, with a stable `code`; only `cmd/` catches, prints and
 * exits. A thrown value that is not a `DialformError` (such as a `BugError`) is a bug and is
 * reported as one.
 */
export class DialformError extends Error {
  readonly code: ErrorCode;
  /** Process exit code `cmd/` uses for this error: `ERROR_CODES[code]`. */
  readonly exitCode: ExitCode;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = ERROR_CODES[code];
  }
}

/**
 * A programming error: a broken invariant, never the user's or Dialpad's doing. Deliberately not a
 * `DialformError`, so apply never journals it as an operation's failure and `cmd/` reports it as
 * a bug, with its stack.
 */
export class BugError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BugError';
  }
}

/** A problem in the user's input at a place in a file. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
  /** JSON pointer into the merged config, when there is one. */
  path?: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

/** Bad config: carries every problem found, reported together. */
export class ConfigError extends DialformError {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super('config_invalid', problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

/** Bad command-line usage or a missing input file. */
export class UsageError extends DialformError {
  constructor(message: string) {
    super('usage', message);
  }
}
