/**
 * One error base with a stable `code`; only `cmd/` catches, prints and exits. A thrown value that
 * is not a `DialformError` is a bug and is reported as one.
 */
export class DialformError extends Error {
  /** Stable snake_case code, e.g. `config_invalid`, `api_error`. */
  readonly code: string;
  /** Process exit code `cmd/` uses for this error (DESIGN.md §5). */
  readonly exitCode: number;

  constructor(code: string, message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
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
