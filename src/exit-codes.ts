/**
 * Process exit codes (DESIGN.md §5). `cmd/` returns these; display text that names an exit code
 * is built from them.
 */
export const EXIT = {
  /** Success; `plan`: no changes (or changes, without `--detailed-exitcode`). */
  ok: 0,
  /** An error: bad input, bad config, API failure, stale saved plan, apply refused or cancelled. */
  error: 1,
  /** `plan --detailed-exitcode`: changes present. */
  changes: 2,
  /** The plan is blocked by a rule. */
  blocked: 3,
  /** `apply` stopped part way or is waiting for a manual step: rerun to continue. */
  incomplete: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
