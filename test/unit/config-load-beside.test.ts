import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { threadId as testThreadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { decodeLoadFailure, encodeLoadFailure, loadConfigBeside, loadReportingThread, locateConfigWorker } from '../../src/config/load-config-beside.js';
import { BugError, DialformError } from '../../src/errors.js';
import { isUnreadE164 } from '../../src/model/countries.js';

const listed = vi.hoisted(() => ({ dirs: [] as string[] }));

vi.mock('../../src/config/list-config-files.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/config/list-config-files.js')>();
  return {
    ...actual,
    listConfigFiles: (...args: Parameters<typeof actual.listConfigFiles>) => {
      listed.dirs.push(args[0]);
      return actual.listConfigFiles(...args);
    },
  };
});

/** A config of `users` users in one US office, in files of 2,000 users, each with a number of its own. */
async function writeGeneratedConfig(dir: string, users: number, firstNumber: number): Promise<string> {
  await mkdir(join(dir, 'users'), { recursive: true });
  const head = ['version: 1', 'company:', '  account_type: enterprise', 'offices:', '  hq:', '    name: HQ', '    country: US', '    licenses:', `      talk: ${users}`, ''];
  await writeFile(join(dir, 'dialform.yaml'), head.join('\n'));
  for (let file = 0; file * 2_000 < users; file++) {
    const lines = ['users:'];
    for (let i = file * 2_000; i < Math.min(users, (file + 1) * 2_000); i++) {
      const number = `+1415${String(firstNumber + i * 37).padStart(7, '0')}`;
      lines.push(`  - { email: u${i}@corp.example, first_name: Ada, last_name: User${i}, office: hq, license: talk, numbers: [ "${number}" ] }`);
    }
    await writeFile(join(dir, 'users', `part-${String(file).padStart(2, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
  return dir;
}

/** How `promise` failed: the error's class, code, exit code, message and problems. */
async function describeFailure(promise: Promise<unknown>): Promise<unknown> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof DialformError)) throw new Error(`expected a DialformError, got ${String(e)}`);
  return { name: e.name, code: e.code, exitCode: e.exitCode, message: e.message, problems: e.problems };
}

/** Every object and array in `value` reached twice, or of another class than Object or Array. */
function findNotTree(value: unknown, path = '', seen = new Set<object>()): string[] {
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return [`${path}: a ${typeof value}`];
  if (value === null || typeof value !== 'object') return [];
  if (seen.has(value)) return [`${path}: reached twice`];
  seen.add(value);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== Array.prototype) return [`${path}: an instance`];
  return Object.keys(value).flatMap((key) => findNotTree((value as Record<string, unknown>)[key], `${path}/${key}`, seen));
}

const CONFIGS = [
  'examples/acme',
  'examples/support-hours',
  'test/golden/call-center-hours-change/config.yaml',
  'test/golden/room-created-with-pool-number/config.yaml',
  'test/golden/profile-with-user-override/config.yaml',
];

describe('loadConfigBeside: the config load in a worker thread (issue 31)', () => {
  let dir: string;
  let generated: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dialform-beside-'));
    generated = await writeGeneratedConfig(join(dir, 'generated'), 5_000, 2_000_000);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('finds its worker when running from source', () => {
    expect(locateConfigWorker()?.file.pathname).toMatch(/\/src\/config\/load-config-worker\.ts$/);
  });

  it('loads the examples, golden configs and a generated config in a worker, deeply equal to loadConfig', async () => {
    for (const path of [...CONFIGS, generated]) {
      const beside = await loadReportingThread({ kind: 'path', path: resolve(path) }, { minBytes: 0 });
      expect(beside.threadId, path).not.toBe(testThreadId);
      expect(beside.desired, path).toStrictEqual(await loadConfig(path));
    }
  });

  it('brings back the worker’s reads of the config’s numbers, so the plan parses none of them again', async () => {
    const fresh = await writeGeneratedConfig(join(dir, 'fresh-numbers'), 2_500, 5_000_000);
    const desired = await loadConfigBeside(fresh, { minBytes: 0 });
    const numbers = desired.tenant.users.flatMap((u) => u.numbers ?? []);
    expect(numbers).toHaveLength(2_500);
    expect(numbers.filter(isUnreadE164)).toEqual([]);
  });

  it('throws the same ConfigError (same problems, file:line:col, exit code) and UsageError as loadConfig', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad);
    await writeFile(join(bad, 'dialform.yaml'), 'version: 1\noffices:\n  hq: { name: HQ, country: US, colour: blue }\nusers:\n  - { email: a@x.example, office: nowhere, numbers: ["+1000"] }\n');
    await writeFile(join(bad, 'broken.yaml'), 'users: [ { email: b@x.example\n');
    const cases = [bad, join(dir, 'missing'), join(dir, 'generated', 'users', 'part-00.yaml')];
    for (const path of cases) {
      const inThread = await describeFailure(loadConfig(path));
      expect(await describeFailure(loadConfigBeside(path, { minBytes: 0 })), path).toStrictEqual(inThread);
    }
    expect(await describeFailure(loadConfigBeside(bad, { minBytes: 0 }))).toMatchObject({ name: 'ConfigError', code: 'config_invalid', exitCode: 1, problems: expect.arrayContaining([expect.objectContaining({ file: expect.stringMatching(/bad\/broken\.yaml$/), line: 2, col: 1 })]) });
  });

  it('carries any other DialformError by code, and an unexpected error as a BugError saying where it came from', () => {
    const other = decodeLoadFailure(encodeLoadFailure(new DialformError('file_unusable', 'cannot read x', { problems: [{ file: 'x', line: 1, col: 2, message: 'm' }] })));
    expect(other).toMatchObject({ code: 'file_unusable', message: 'cannot read x', problems: [{ file: 'x', line: 1, col: 2, message: 'm' }] });
    const bug = decodeLoadFailure(encodeLoadFailure(new TypeError('x is undefined')));
    expect(bug).toBeInstanceOf(BugError);
    expect(bug.message).toBe('loading the config in a worker: x is undefined');
    expect(bug.stack).toContain('TypeError: x is undefined');
    expect(decodeLoadFailure(encodeLoadFailure('thrown string')).message).toBe('loading the config in a worker: thrown string');
  });

  it('leaves a small config on the calling thread: a worker costs more than it saves', async () => {
    const { threadId } = await loadReportingThread({ kind: 'path', path: resolve('examples/acme') });
    expect(threadId).toBe(0);
  });

  it('lists a config directory once: the files it sized are the files it reads', async () => {
    const acme = resolve('examples/acme');
    listed.dirs.length = 0;
    const desired = await loadConfigBeside(acme);
    expect(listed.dirs).toEqual([acme]);
    expect(desired).toStrictEqual(await loadConfig(acme));
  });

  it('sends a desired state that is a tree of plain data, which a structured clone and slicing keep whole', async () => {
    for (const path of [...CONFIGS, generated]) expect(findNotTree(await loadConfig(path)), path).toEqual([]);
  });

  it('keeps the event loop turning while a large config loads: no stretch of main-thread CPU over 150 ms', async () => {
    const large = await writeGeneratedConfig(join(dir, 'large'), 20_000, 3_000_000);
    // CPU of this thread (Linux: /proc/thread-self, 10 ms ticks), not wall time: a loaded machine
    // delays timers without this thread running.
    const cpuMs = (): number => {
      const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) * 10;
    };
    let longest = 0;
    let last = cpuMs();
    const probe = setInterval(() => {
      const now = cpuMs();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    try {
      const { desired, threadId } = await loadReportingThread({ kind: 'path', path: large });
      expect(desired?.tenant.users).toHaveLength(20_000);
      expect(threadId).not.toBe(testThreadId);
    } finally {
      clearInterval(probe);
    }
    longest = Math.max(longest, cpuMs() - last);
    expect(longest).toBeLessThan(150);
  });
});
