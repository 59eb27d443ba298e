import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { boundMessage } from '../dialpad/scrub-secret.js';
import type { Plan } from '../plan/types.js';

/**
 * The apply journal: one JSON line per operation outcome, appended (and flushed by the OS) as soon
 * as the outcome is known, so a crashed or killed apply can be rerun and skip what is done.
 * Lines name the plan they belong to; lines of other plans are ignored.
 */
export interface JournalEntry {
  plan: string;
  op: string;
  kind: string;
  status: 'done' | 'failed';
  at: string;
  /**
   * The failure's message, as stored: one line of at most `MAX_JOURNAL_ERROR` characters with
   * token-like runs removed (`boundMessage`); never a raw response body.
   */
  error?: string;
}

/** The most characters of an error message the journal keeps. */
export const MAX_JOURNAL_ERROR = 500;

/** A stable identity for a plan: its basis and operations, not its rendering. */
export function identifyPlan(plan: Plan): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ basis: plan.basis, created_at: plan.created_at, ops: plan.operations }));
  return hash.digest('hex').slice(0, 16);
}

export interface Journal {
  /** Ids of the operations of `planId` recorded as done. */
  done(planId: string): Promise<Set<string>>;
  record(entry: JournalEntry): Promise<void>;
}

/** A journal in a JSON-lines file (created with its directory on first write). */
export function openJournal(path: string): Journal {
  return {
    async done(planId) {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
        throw e;
      }
      const ids = new Set<string>();
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        let entry: JournalEntry;
        try {
          entry = JSON.parse(line) as JournalEntry;
        } catch {
          continue; // a line cut short by a kill: the operation it described is re-checked
        }
        if (entry.plan === planId && entry.status === 'done') ids.add(entry.op);
      }
      return ids;
    },
    async record(entry) {
      await mkdir(dirname(path), { recursive: true });
      const stored = entry.error === undefined ? entry : { ...entry, error: boundMessage(entry.error, MAX_JOURNAL_ERROR) };
      await appendFile(path, `${JSON.stringify(stored)}\n`);
    },
  };
}

/** A journal kept in memory (`entries`) for the life of the process and never written to disk (for tests). */
export function memoryJournal(): Journal & { entries: JournalEntry[] } {
  const entries: JournalEntry[] = [];
  return {
    entries,
    async done(planId) {
      return new Set(entries.filter((e) => e.plan === planId && e.status === 'done').map((e) => e.op));
    },
    async record(entry) {
      entries.push(entry);
    },
  };
}
