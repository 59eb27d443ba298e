import { createHash } from 'node:crypto';
import { appendFile, mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DialformError } from '../errors.js';
import { readUserText, UserFileError } from '../read-user-file.js';
import { boundMessage } from '../dialpad/scrub-secret.js';
import type { Plan } from '../plan/types.js';
import type { AppliedConfigEntry, JournalEntry, PendingRestore, PlanStartedEntry, UnfinishedMove } from '../journal-types.js';

/** What the journal shows of one plan. */
export interface JournalProgress {
  /** Operations recorded as done. */
  done: Set<string>;
  /** Operations started and neither done nor failed since, or ended in doubt: their write may have landed. */
  inDoubt: Set<string>;
  /** Manual steps apply found not done yet, and has not seen done since. */
  waiting: Set<string>;
}

/** The most characters of an error message the journal keeps. */
const MAX_JOURNAL_ERROR = 500;

/** A stable identity for a plan: its basis and operations, not its rendering. */
export function identifyPlan(plan: Plan): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ basis: plan.basis, created_at: plan.created_at, ops: plan.operations }));
  return hash.digest('hex').slice(0, 16);
}

export interface Journal {
  /**
   * Makes sure entries can be appended (creating the file and its directory), so that an
   * unusable journal is refused before the first write rather than after it. Throws
   * `DialformError('journal_unusable')`.
   */
  prepare(): Promise<void>;
  progress(planId: string): Promise<JournalProgress>;
  /** Restores waited for and never seen done (`readPendingRestores`). */
  pendingRestores(): Promise<PendingRestore[]>;
  /** Moves that give a new number, started and never seen done (`readUnfinishedMoves`). */
  unfinishedMoves(): Promise<UnfinishedMove[]>;
  record(entry: JournalEntry): Promise<void>;
  /** The last config recorded as applied, if any. */
  lastAppliedConfig(): Promise<AppliedConfigEntry | undefined>;
  recordAppliedConfig(entry: AppliedConfigEntry): Promise<void>;
  recordPlanStarted(entry: PlanStartedEntry): Promise<void>;
  /** What is left of the last apply of the reviewed plan with this fingerprint (`readReviewedRemaining`). */
  reviewedRemaining(fingerprint: string): Promise<string[] | undefined>;
}

function isPlanStarted(value: unknown): value is PlanStartedEntry {
  const v = value as Partial<PlanStartedEntry> | null;
  return typeof v === 'object' && v !== null && v.record === 'plan_started' && typeof v.fingerprint === 'string' && Array.isArray(v.operations);
}

/**
 * The identity digests of the operations of the reviewed plan `fingerprint` that the journal does
 * not show done since its last start (`PlanStartedEntry`), whichever plan run did them (each
 * operation entry names the reviewed plan it is part of, `reviewed`); `undefined` when no apply
 * of that plan ever started. A list, not a set: a plan may hold two operations alike.
 */
export function readReviewedRemaining(lines: readonly unknown[], fingerprint: string): string[] | undefined {
  const start = lines.findLastIndex((l) => isPlanStarted(l) && l.fingerprint === fingerprint);
  if (start < 0) return undefined;
  const remaining = [...(lines[start] as PlanStartedEntry).operations];
  for (const line of lines.slice(start + 1)) {
    const entry = line as Partial<JournalEntry> & { record?: unknown };
    if (entry.record !== undefined || entry.reviewed !== fingerprint || entry.status !== 'done') continue;
    const at = remaining.indexOf(entry.identity ?? '');
    if (at >= 0) remaining.splice(at, 1);
  }
  return remaining;
}

/** A line read back is an applied-config record only with a well-formed commit and time. */
function isAppliedConfig(value: unknown): value is AppliedConfigEntry {
  const v = value as Partial<AppliedConfigEntry> | null;
  return (
    typeof v === 'object' && v !== null && v.record === 'applied_config' && typeof v.commit === 'string' && /^[0-9a-f]{40,64}$/.test(v.commit) && typeof v.at === 'string'
  );
}

/** The progress of `planId` from entries in the order written. */
export function readProgress(entries: Iterable<JournalEntry>, planId: string): JournalProgress {
  const last = new Map<string, JournalEntry['status']>();
  for (const entry of entries) if (entry.plan === planId && entry.op !== undefined) last.set(entry.op, entry.status);
  const progress: JournalProgress = { done: new Set(), inDoubt: new Set(), waiting: new Set() };
  for (const [op, status] of last) {
    if (status === 'done') progress.done.add(op);
    if (status === 'started' || status === 'in_doubt') progress.inDoubt.add(op);
    if (status === 'waiting') progress.waiting.add(op);
  }
  return progress;
}

/**
 * Restores apply waited for and never saw done, across every plan (by the user's email,
 * lower-cased): the user's last restore or create entry is a restore `waiting`. A restore seen
 * done ends the wait; so does a create of that user done since (the choice of a new account).
 */
export function readPendingRestores(entries: Iterable<JournalEntry>): PendingRestore[] {
  const last = new Map<string, JournalEntry>();
  for (const entry of entries) {
    const settles = entry.kind === 'restore_user' || (entry.kind === 'create_user' && entry.status === 'done');
    if (settles && typeof entry.subject === 'string') last.set(entry.subject.toLowerCase(), entry);
  }
  return [...last].filter(([, e]) => e.kind === 'restore_user' && e.status === 'waiting').map(([email, e]) => ({ email, since: e.at }));
}

/**
 * Moves that give the user a new number (`owes_number`) apply started and never saw done, across
 * every plan (by the user's email, lower-cased): the user's last `move_user` line carries
 * `owes_number` and is not `done`. Any later move of the user seen done ends it.
 */
export function readUnfinishedMoves(entries: Iterable<JournalEntry>): UnfinishedMove[] {
  const last = new Map<string, JournalEntry>();
  for (const entry of entries) if (entry.kind === 'move_user' && typeof entry.subject === 'string') last.set(entry.subject.toLowerCase(), entry);
  return [...last].flatMap(([email, e]) => (e.owes_number !== undefined && e.status !== 'done' ? [{ email, from: e.owes_number.from, to: e.owes_number.to }] : []));
}

function unusable(path: string, error: unknown): DialformError {
  const reason =
    error instanceof UserFileError ? error.problem : (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
  return new DialformError('journal_unusable', `cannot use the apply journal ${path}: ${reason}. Pass --journal with a writable file path.`, {
    cause: error,
  });
}

/** Every line of the journal that parses as JSON, in the order written (none when there is no file). */
async function readLines(path: string): Promise<unknown[]> {
  let text: string;
  try {
    // A journal grows with every apply, so its limit is well above the default.
    text = await readUserText(path, { what: 'apply journal', maxBytes: 1024 * 1024 * 1024 });
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    if (e.reason === 'missing') return [];
    throw unusable(path, e);
  }
  const lines: unknown[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      lines.push(JSON.parse(line));
    } catch {
      continue; // a line cut short by a kill: the operation it described is re-checked
    }
  }
  return lines;
}

/** The operation lines of the journal (not the applied-config records); none when there is no file. */
export async function readEntries(path: string): Promise<JournalEntry[]> {
  return (await readLines(path)).filter((l) => (l as { record?: unknown }).record === undefined) as JournalEntry[];
}

/** A journal in a JSON-lines file (created with its directory by `prepare`). */
export function openJournal(path: string): Journal {
  return {
    async prepare() {
      try {
        await mkdir(dirname(path), { recursive: true });
        const info = await stat(path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
        if (info !== undefined && !info.isFile()) {
          const what = info.isDirectory() ? 'a directory' : 'not a regular file (a device, socket or pipe)';
          throw new DialformError('journal_unusable', `cannot use the apply journal ${path}: it is ${what}. Pass --journal with a file path.`);
        }
        await (await open(path, 'a')).close();
      } catch (e) {
        throw e instanceof DialformError ? e : unusable(path, e);
      }
    },
    async progress(planId) {
      return readProgress(await readEntries(path), planId);
    },
    async pendingRestores() {
      return readPendingRestores(await readEntries(path));
    },
    async unfinishedMoves() {
      return readUnfinishedMoves(await readEntries(path));
    },
    async lastAppliedConfig() {
      return (await readLines(path)).filter(isAppliedConfig).at(-1);
    },
    async recordAppliedConfig(entry) {
      try {
        await appendFile(path, `${JSON.stringify(entry)}\n`);
      } catch (e) {
        throw unusable(path, e);
      }
    },
    async recordPlanStarted(entry) {
      try {
        await appendFile(path, `${JSON.stringify(entry)}\n`);
      } catch (e) {
        throw unusable(path, e);
      }
    },
    async reviewedRemaining(fingerprint) {
      return readReviewedRemaining(await readLines(path), fingerprint);
    },
    async record(entry) {
      const stored = entry.error === undefined ? entry : { ...entry, error: boundMessage(entry.error, MAX_JOURNAL_ERROR) };
      try {
        await appendFile(path, `${JSON.stringify(stored)}\n`);
      } catch (e) {
        throw unusable(path, e);
      }
    },
  };
}

/** A journal kept in memory (`entries`) for the life of the process and never written to disk (for tests). */
export function memoryJournal(
  entries: JournalEntry[] = [],
  applied: AppliedConfigEntry[] = [],
): Journal & { entries: JournalEntry[]; applied: AppliedConfigEntry[]; started: { entry: PlanStartedEntry; at: number }[] } {
  /** Each start with the number of operation entries written before it (their relative order). */
  const started: { entry: PlanStartedEntry; at: number }[] = [];
  return {
    entries,
    applied,
    started,
    async recordPlanStarted(entry) {
      started.push({ entry, at: entries.length });
    },
    async reviewedRemaining(fingerprint) {
      const lines: unknown[] = [];
      let next = 0;
      for (const [i, entry] of entries.entries()) {
        while (next < started.length && started[next]!.at <= i) lines.push(started[next++]!.entry);
        lines.push(entry);
      }
      lines.push(...started.slice(next).map((s) => s.entry));
      return readReviewedRemaining(lines, fingerprint);
    },
    async lastAppliedConfig() {
      return applied.at(-1);
    },
    async recordAppliedConfig(entry) {
      applied.push(entry);
    },
    async prepare() {},
    async progress(planId) {
      return readProgress(entries, planId);
    },
    async pendingRestores() {
      return readPendingRestores(entries);
    },
    async unfinishedMoves() {
      return readUnfinishedMoves(entries);
    },
    async record(entry) {
      entries.push(entry);
    },
  };
}
