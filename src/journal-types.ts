/**
 * The apply journal's records: the one home of their types, below `apply/` (which writes and reads
 * them), `status/` (which joins them with saved plans) and `plan/` (pending restores), so none of
 * those imports another for a type. Type-only: reading and writing the journal is `apply/journal.ts`.
 */
import type { OperationKind } from './plan/types.js';

/**
 * The apply journal: JSON lines, appended (and flushed by the OS) as they happen, so a crashed or
 * killed apply can be rerun and skip what is done. Before each API write a `started` line records
 * the intent; after it, `done`, `failed` (Dialpad refused it: it did not land) or `in_doubt` (the
 * answer was lost and the read that would have settled it failed too, e.g. a 503 on both). An
 * operation whose last line is `started` (cut off mid-write by a kill) or `in_doubt` may or may
 * not have landed: the rerun of the plan reads Dialpad to find out before sending it again. Lines
 * name the plan they belong to; lines of other plans are ignored.
 *
 * A manual step's lifecycle is journalled too (docs/manual-steps.md): `waiting` each time apply
 * finds it not done yet, then `done` once Dialpad's API shows it (verified) or its confirmation is
 * on record (`dialform confirm`). A plan with a `waiting` line has been started, so a later run
 * resumes it; a restore still `waiting` is what lets the next plan say its window expired.
 */
export interface JournalEntry {
  plan: string;
  op: string;
  kind: OperationKind;
  status: 'started' | 'done' | 'failed' | 'in_doubt' | 'waiting';
  /** When, by Dialpad's clock (the `Date` of its latest answer) when it sent one, else this machine's. */
  at: string;
  /**
   * The user the operation acts on (their email), on every operation whose target is a user: the
   * user a `restore_user` brings back or a `create_user` creates (`readPendingRestores`), the user
   * a `delete_user` deletes (`status`'s Deleted Users).
   */
  subject?: string;
  /**
   * On `done` lines: the numbers the operation sent to the reserved pool and the user each came
   * from (the plan's pool movements), so `status` can say who a reserved number was last for.
   */
  to_pool?: { number: string; from: string }[];
  /**
   * The failure's message, as stored: one line of at most `MAX_JOURNAL_ERROR` characters with
   * token-like runs removed (`boundMessage`); never a raw response body.
   */
  error?: string;
  /** On a `done` line: the write landed, but Dialpad did something else than the plan predicted, and apply stopped (`Surprise.message`). */
  surprise?: string;
  /** The fingerprint of the reviewed plan this operation is part of (`ApplyOptions.reviewed`). */
  reviewed?: string;
  /** The operation's identity digest (`digestOperation`): which reviewed operation it is. */
  identity?: string;
  /**
   * On every line of a `move_user` that gives the user a new number (`new_number`): the offices it
   * moves them between, by config key. A stop after the move and before the number leaves the user
   * in `to` without one, which no read of Dialpad can tell from a user who never had one; from
   * these lines a later plan finishes the move (`readUnfinishedMoves`).
   */
  owes_number?: { from: string; to: string };
}

/**
 * The start of an apply of a reviewed plan (a plan nothing of which was journalled before): its
 * fingerprint and its operations' identity digests (`digestOperation`), in order. A later run
 * that expects this fingerprint may finish what is left of it (`readReviewedRemaining`). Holds
 * no personal data: digests only.
 */
export interface PlanStartedEntry {
  record: 'plan_started';
  plan: string;
  fingerprint: string;
  operations: string[];
  at: string;
}

/**
 * A complete apply's config, for refusing an older one later (`checkConfigOrder`): the git commit
 * the config was at (clean, in a git work tree) and its digest. Only written when the commit is known.
 */
export interface AppliedConfigEntry {
  record: 'applied_config';
  plan: string;
  commit: string;
  config_digest: string;
  at: string;
}

/**
 * An international move apply started and never saw done that gives the user a new number: the
 * user's email (lower-cased) and the offices, by config key (`JournalEntry.owes_number`).
 */
export interface UnfinishedMove {
  email: string;
  from: string;
  to: string;
}

/** A restore apply waited for and never saw done: the user's email and when it was last waited for. */
export interface PendingRestore {
  email: string;
  since: string;
}
