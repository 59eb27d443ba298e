import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * Every error code dialform prints, with the exit code `cmd/` uses for it (DESIGN.md §5). Codes
 * are stable snake_case: scripts may match on them. Each is printed as `error <code>: message`,
 * and under `--format json` as `{"error": {"code", "message", "problems"}}` (docs/errors.md, which
 * has a row for each).
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
  /** A saved plan was given without the config it was made from (`-c`), so it cannot be checked. */
  plan_config_missing: EXIT.error,
  /** A saved plan was given with a config other than the one it was made from (the config digest differs). */
  plan_config_mismatch: EXIT.error,
  /** A saved plan asks for operations its config does not, or its ids and names disagree (edited). */
  plan_untrusted: EXIT.error,
  /**
   * `apply --expect-fingerprint`: the plan apply would carry out is not the reviewed one (its
   * fingerprint differs, and it does not finish a started apply of the reviewed plan). Nothing
   * was written.
   */
  plan_changed: EXIT.error,
  /** `codeowners --check`: the CODEOWNERS file is not what the config's owners call for. */
  codeowners_stale: EXIT.error,
  /** The apply journal cannot be read or appended to (a directory, a device, no permission). */
  journal_unusable: EXIT.error,
  /**
   * Another apply holds the journal's lock (`<journal>.lock`): one apply at a time per journal.
   * Nothing was read or written. A lock whose process is gone is taken over, never stuck.
   */
  apply_in_progress: EXIT.error,
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
  /** `apply` asked for confirmation on a terminal and got no `yes`: nothing was changed. */
  apply_cancelled: EXIT.error,
  /** The plan is blocked by a rule and is not applied. */
  plan_blocked: EXIT.blocked,
  /** An office to create has no `create:` block with Dialpad's billing fields. */
  office_spec_missing: EXIT.error,
  /** An office an operation refers to does not exist in Dialpad. */
  office_not_found: EXIT.error,
  /** A user an operation refers to does not exist in Dialpad. */
  user_not_found: EXIT.error,
  /**
   * A department or call center to create already exists under its name in its office (created
   * since the plan's read, e.g. by another apply): nothing was created.
   */
  group_exists: EXIT.error,
  /** A department or call center an operation refers to does not exist in Dialpad. */
  group_not_found: EXIT.error,
  room_exists: EXIT.error,
  room_not_found: EXIT.error,
  /** The emulator fixture (or its saved state) cannot be used (`FixtureError`). */
  fixture_invalid: EXIT.error,
  /** The embedded emulator has no state and no fixture to seed it from. */
  emulator_fixture_missing: EXIT.error,
  /** `emulator serve` cannot listen on the address and port asked for (in use, not permitted). */
  emulator_listen_failed: EXIT.error,
  /** `emulator do` was refused: the step is not possible in the emulated company (Dialpad's rules). */
  emulator_step_refused: EXIT.error,
  /**
   * A bug in dialform, never the user's or Dialpad's doing: a `BugError` or any exception that is
   * not a `DialformError`. Only `renderError` uses it; no `DialformError` carries it.
   */
  internal_error: EXIT.error,
} as const satisfies Record<string, ExitCode>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes a `DialformError` may carry: all but `internal_error`, which is a bug's. */
export type DialformErrorCode = Exclude<ErrorCode, 'internal_error'>;

/**
 * A user's mistake or Dialpad's failure, with a stable `code`; only `cmd/` catches, prints and
 * exits. A thrown value that is not a `DialformError` (such as a `BugError`) is a bug and is
 * reported as one.
 */
export class DialformError extends Error {
  readonly code: DialformErrorCode;
  /** Process exit code `cmd/` uses for this error: `ERROR_CODES[code]`. */
  readonly exitCode: ExitCode;
  /**
   * Each problem at its place in a file (a config's, a fixture's), reported one per line and as
   * `problems` in the JSON error document; empty when the error is not about places in files.
   */
  readonly problems: readonly Problem[];

  constructor(code: DialformErrorCode, message: string, options: { cause?: unknown; problems?: readonly Problem[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = ERROR_CODES[code];
    this.problems = options.problems ?? [];
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
  declare readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super('config_invalid', problems.map(formatProblem).join('\n'), { problems });
  }
}

/** Bad command-line usage or a missing input file. */
export class UsageError extends DialformError {
  constructor(message: string) {
    super('usage', message);
  }
}
