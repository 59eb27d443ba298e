import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStaleLock, lockJournal, THIS_HOST, type LockHolder, type LockHost } from '../../src/apply/apply-lock.js';
import { DialformError } from '../../src/errors.js';

async function journalPath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'dialform-lock-')), 'journal.jsonl');
}

/** A host where only the pids in `alive` run, each since the given start. */
function hostWith(alive: Record<number, string>, name = 'runner-1'): LockHost {
  return { hostname: name, processStart: (pid) => alive[pid] };
}

const holder = (over: Partial<LockHolder> = {}): LockHolder => ({ pid: 4242, hostname: 'runner-1', started_at: '2026-12-05T20:00:00.000Z', process_start: '1000', ...over });

describe('the apply lock: one apply at a time per journal (issue 26 #4)', () => {
  it('two applies at once on one journal: the second refuses with apply_in_progress, naming the holder', async () => {
    const path = await journalPath();
    const host = hostWith({ 100: '5', 200: '6' });
    const first = await lockJournal(path, { host, pid: 100 });
    const second = lockJournal(path, { host, pid: 200 });
    await expect(second).rejects.toMatchObject({ code: 'apply_in_progress' });
    await expect(second).rejects.toThrow(/process 100 on runner-1 has held it since .*delete .*journal\.jsonl\.lock/);
    await first.release();
    const third = await lockJournal(path, { host, pid: 200 });
    expect(JSON.parse(await readFile(`${path}.lock`, 'utf8'))).toMatchObject({ pid: 200, hostname: 'runner-1', process_start: '6' });
    await third.release();
    await expect(readFile(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a lock a killed apply left behind is taken over: its process is gone, or its pid now names another process', async () => {
    const path = await journalPath();
    await writeFile(`${path}.lock`, JSON.stringify(holder({ pid: 300 })));
    const afterKill = await lockJournal(path, { host: hostWith({ 400: '9' }), pid: 400 });
    await afterKill.release();
    await writeFile(`${path}.lock`, JSON.stringify(holder({ pid: 300, process_start: '1000' })));
    const reused = await lockJournal(path, { host: hostWith({ 300: '2000', 400: '9' }), pid: 400 });
    expect(JSON.parse(await readFile(`${path}.lock`, 'utf8'))).toMatchObject({ pid: 400 });
    await reused.release();
  });

  it('a lock of another host, or one that names nobody, is never taken over', async () => {
    const path = await journalPath();
    await writeFile(`${path}.lock`, JSON.stringify(holder({ hostname: 'runner-2' })));
    await expect(lockJournal(path, { host: hostWith({ 400: '9' }), pid: 400 })).rejects.toThrow(/process 4242 on runner-2/);
    await writeFile(`${path}.lock`, 'not json');
    await expect(lockJournal(path, { host: hostWith({ 400: '9' }), pid: 400 })).rejects.toThrow(DialformError);
  });

  it('judges staleness by host, pid and process start', () => {
    const host = hostWith({ 4242: '1000' });
    expect(isStaleLock(holder(), host)).toBe(false);
    expect(isStaleLock(holder({ pid: 1 }), hostWith({}))).toBe(true);
    expect(isStaleLock(holder({ process_start: '999' }), host)).toBe(true);
    expect(isStaleLock(holder({ process_start: undefined }), host)).toBe(false);
    expect(isStaleLock(holder({ hostname: 'elsewhere' }), hostWith({}))).toBe(false);
  });

  it('this host sees this process alive, and a pid that cannot exist as gone', () => {
    expect(THIS_HOST.processStart(process.pid)).toBeDefined();
    expect(THIS_HOST.processStart(2 ** 22 + 17)).toBeUndefined();
  });
});
