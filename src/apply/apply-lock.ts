/**
 * One apply at a time per journal: a lock file beside it (`<journal>.lock`), holding who holds it.
 * A lock a killed process left behind is stale once its process is gone, so no kill leaves it
 * stuck: the holder is named by host, pid and the process's start time (on Linux, from
 * /proc/<pid>/stat, so a pid the system reused for another process does not count as the holder).
 */
import { readFileSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { DialformError } from '../errors.js';
import { sanitizeForTerminal } from '../render/terminal-safe.js';

/** What a lock file holds. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** When the lock was taken (ISO). */
  started_at: string;
  /** The holder process's start time as the OS records it (Linux: clock ticks after boot), when known. */
  process_start?: string;
}

/** The running process as the lock judges it: the host, and whether a pid is alive and since when. */
export interface LockHost {
  hostname: string;
  /** `undefined` when no such process exists; else its start time, or `''` when the OS does not say. */
  processStart(pid: number): string | undefined;
}

/** Linux's start time of `pid` (field 22 of /proc/<pid>/stat), `''` elsewhere; `undefined` when there is no such process. */
function readProcessStart(pid: number): string | undefined {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists, owned by someone else.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

export const THIS_HOST: LockHost = { hostname: hostname(), processStart: readProcessStart };

/**
 * Whether `holder` no longer holds its lock: it is of this host, and its process is gone or the
 * pid now names a process that started at another time. A lock of another host cannot be judged
 * from here and is never stale.
 */
export function isStaleLock(holder: LockHolder, host: LockHost): boolean {
  if (holder.hostname !== host.hostname) return false;
  const start = host.processStart(holder.pid);
  if (start === undefined) return true;
  return holder.process_start !== undefined && holder.process_start !== '' && start !== '' && start !== holder.process_start;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0 && typeof v.hostname === 'string' && typeof v.started_at === 'string') return v as LockHolder;
  } catch {}
  return undefined;
}

export interface ApplyLock {
  /** Removes the lock file, if it is still this one's. */
  release(): Promise<void>;
}

/**
 * Takes the lock of the journal at `journalPath`, or throws `apply_in_progress` naming the holder.
 * The file appears complete or not at all (written aside, then hard-linked into place, which fails
 * when one exists). A stale lock is removed, only if it is still the one judged stale, and taken.
 */
export async function lockJournal(journalPath: string, options: { host?: LockHost; pid?: number; now?: () => Date } = {}): Promise<ApplyLock> {
  const host = options.host ?? THIS_HOST;
  const pid = options.pid ?? process.pid;
  const path = `${journalPath}.lock`;
  const processStart = host.processStart(pid);
  const holder: LockHolder = {
    pid,
    hostname: host.hostname,
    started_at: (options.now ?? (() => new Date()))().toISOString(),
    ...(processStart === undefined || processStart === '' ? {} : { process_start: processStart }),
  };
  const text = `${JSON.stringify(holder)}\n`;
  const aside = `${path}.${pid}.${Date.now()}.tmp`;
  try {
    await writeFile(aside, text, { flag: 'wx' });
  } catch (e) {
    throw lockUnusable(path, e);
  }
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(aside, path);
        return { release: () => releaseLock(path, text) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw lockUnusable(path, e);
      }
      const found = await readFile(path, 'utf8').catch(() => undefined);
      if (found === undefined) continue; // released meanwhile: try again
      const other = parseHolder(found);
      if (other === undefined || !isStaleLock(other, host)) throw heldBy(path, journalPath, other);
      // Removed only if it is still the stale one (another run may have taken it over meanwhile).
      if ((await readFile(path, 'utf8').catch(() => undefined)) === found) await unlink(path).catch(() => undefined);
    }
    throw heldBy(path, journalPath, parseHolder((await readFile(path, 'utf8').catch(() => '')) ?? ''));
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

async function releaseLock(path: string, text: string): Promise<void> {
  if ((await readFile(path, 'utf8').catch(() => undefined)) === text) await unlink(path).catch(() => undefined);
}

function heldBy(path: string, journalPath: string, holder: LockHolder | undefined): DialformError {
  const who =
    holder === undefined
      ? `its lock file ${path} does not say by whom`
      : `process ${holder.pid} on ${sanitizeForTerminal(holder.hostname)} has held it since ${sanitizeForTerminal(holder.started_at)}`;
  return new DialformError(
    'apply_in_progress',
    `Refusing to apply: another apply is running with the journal ${journalPath} (${who}). ` +
      `Nothing was read or written. Run apply again once it has finished: it plans against what that apply did. ` +
      `If no apply is running (its machine went away), delete ${path}.`,
  );
}

function lockUnusable(path: string, error: unknown): DialformError {
  return new DialformError('journal_unusable', `cannot take the apply lock ${path}: ${(error as Error).message}. Pass --journal with a writable file path.`, {
    cause: error,
  });
}
