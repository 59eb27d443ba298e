import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { BugError, ConfigError, DialformError, UsageError, type DialformErrorCode, type Problem } from '../errors.js';
import { rememberE164Reads, type E164Read } from '../model/countries.js';
import type { DesiredState } from '../model/tenant.js';
import { listConfigPaths, loadConfig, loadConfigFiles } from './load-config.js';
import { loadConfigFromGit } from './load-from-git.js';
import { workerUrl } from '../worker-file.js';

/**
 * Configs smaller than this (all files, bytes) load on the calling thread: a worker loads the
 * config modules again before it starts (the example: 0.2 s in-thread, 2–2.8 s through a worker
 * at load average 11), which costs more than such a load blocks. A generated config takes about
 * 145 bytes per user, so this is about 7,000 users.
 */
export const WORKER_MIN_BYTES = 1024 * 1024;

/** Options of `loadConfigBeside`. */
export interface LoadBesideOptions {
  /** Default `WORKER_MIN_BYTES`; 0 loads every config in the worker (where there is one). */
  minBytes?: number;
}

/** What a load beside tells of where it ran. */
export interface LoadedBeside {
  /** `undefined` only for a git load whose path was not there at the revision. */
  desired: DesiredState | undefined;
  /** The thread the load ran on (`worker_threads.threadId`; 0 is the main thread). */
  threadId: number;
}

/**
 * `loadConfig(path)`, run in a worker thread where one can start (`locateConfigWorker`), so a
 * large config's parse and final assembly (schema, merge, rules, normalize: seconds at 50,000
 * users) never hold the event loop while a live read goes on beside it (issue 31). The worker runs
 * the very same `loadConfig`, so the result and every problem are the same: a failure comes back
 * as data and is thrown here as the same `ConfigError` / `UsageError`. Small configs, and any place
 * without the worker's file or where it cannot start, load on this thread as `loadConfig` does.
 */
export async function loadConfigBeside(path: string, options: LoadBesideOptions = {}): Promise<DesiredState> {
  const { desired } = await loadReportingThread({ kind: 'path', path: resolve(path) }, options);
  if (desired === undefined) throw new BugError(`the config worker sent no config for ${path}`);
  return desired;
}

/** `loadConfigFromGit(ref, path, cwd)` (`plan --base`), beside as `loadConfigBeside` is; sized by the work tree's config. */
export async function loadConfigFromGitBeside(ref: string, path: string, cwd: string, options: LoadBesideOptions = {}): Promise<DesiredState | undefined> {
  return (await loadReportingThread({ kind: 'git', ref, path, cwd }, options)).desired;
}

/** The load `request` asks for, saying which thread ran it (for tests and benchmarks). */
export async function loadReportingThread(request: LoadRequest, options: LoadBesideOptions = {}): Promise<LoadedBeside> {
  const entry = locateConfigWorker();
  if (entry === undefined) return { desired: await runLoad(request), threadId: 0 };
  const sized = await sizeConfig(request.kind === 'git' ? resolve(request.cwd, request.path) : request.path);
  // The files listed to size the config are the ones the load reads: it does not list them again.
  const listed = request.kind === 'path' && sized !== undefined ? { ...request, files: sized.files } : request;
  if ((sized?.bytes ?? 0) >= (options.minBytes ?? WORKER_MIN_BYTES)) {
    const reply = await runWorker(entry, listed);
    if (reply !== undefined) return { desired: await receiveReply(reply), threadId: reply.threadId };
  }
  return { desired: await runLoad(listed), threadId: 0 };
}

/** The load itself, on whichever thread calls it: the worker runs this too. */
export function runLoad(request: LoadRequest): Promise<DesiredState | undefined> {
  if (request.kind === 'git') return loadConfigFromGit(request.ref, request.path, request.cwd);
  return request.files === undefined ? loadConfig(request.path) : loadConfigFiles(request.files);
}

/** How to start the config worker: its module, and the TypeScript loader to register first, if any. */
export interface ConfigWorkerEntry {
  file: URL;
  /** `tsx/esm/api`'s URL when `file` is TypeScript (running from source: tests, benchmarks). */
  tsx?: string;
}

/**
 * The config worker's module: built, `workerUrl('load-config-worker')` (dist/cmd/); from
 * source, `load-config-worker.ts` with tsx registered in the worker (a worker does not inherit the
 * parent's `--import tsx`, nor a test runner's transform). `undefined` where neither is there (the
 * action's single-file bundle) or tsx cannot be found: the load then runs on the calling thread.
 * A bundle that ships the worker as its own file points here.
 */
export function locateConfigWorker(): ConfigWorkerEntry | undefined {
  const built = workerUrl('load-config-worker');
  if (built !== undefined) return { file: built };
  const source = new URL('./load-config-worker.ts', import.meta.url);
  if (!existsSync(source)) return undefined;
  const tsx = resolveTsxEsmApi();
  return tsx === undefined ? undefined : { file: source, tsx };
}

/**
 * `tsx/esm/api`'s ESM entry, from tsx's own `exports` (`require.resolve` would give its CommonJS
 * entry, which cannot register the hooks in a worker); `undefined` when tsx is not installed.
 */
function resolveTsxEsmApi(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
    const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
    return pathToFileURL(join(dirname(manifest), exports['./esm/api']?.import.default ?? '')).href;
  } catch {
    return undefined;
  }
}

/**
 * What the worker is given: `loadConfig` of an absolute path (of its `files`, when already listed by
 * `listConfigPaths`), or `loadConfigFromGit`'s arguments.
 */
export type LoadRequest = { kind: 'path'; path: string; files?: string[] } | { kind: 'git'; ref: string; path: string; cwd: string };

/** What the worker posts back: the loaded config in parts (`packLoaded`), or the failure. */
export type LoadReply = { threadId: number } & ({ parts: Uint8Array[] } | { failure: LoadFailure });

/**
 * Users per part, and numbers per part. Receiving a part blocks the main thread while it is
 * deserialized (2–20 ms for 2,000 users), and the loop turns between parts: 50,000 users received
 * whole blocked it for 0.5 s, delaying a page of the read beside it by as much.
 */
const USERS_PER_PART = 2_000;
const NUMBERS_PER_PART = 20_000;

/** One part of a loaded config, each serialized (`v8.serialize`, a structured clone) on its own. */
type LoadedPart =
  | { kind: 'head'; desired: DesiredState }
  | { kind: 'users'; users: DesiredState['tenant']['users'] }
  | { kind: 'e164'; numbers: string[]; reads: E164Read[] };

/**
 * `desired` (its users left out of the head and sent in slices) and libphonenumber's reads, as
 * serialized parts. A desired state is a tree of plain data — no object is reached twice, no class
 * instances (test/unit/config-load-beside.test.ts) — so slicing it changes nothing.
 */
export function packLoaded(desired: DesiredState, e164: { numbers: string[]; reads: E164Read[] }): Uint8Array[] {
  const { users } = desired.tenant;
  const parts: LoadedPart[] = [{ kind: 'head', desired: { ...desired, tenant: { ...desired.tenant, users: [] } } }];
  for (let i = 0; i < users.length; i += USERS_PER_PART) parts.push({ kind: 'users', users: users.slice(i, i + USERS_PER_PART) });
  for (let i = 0; i < e164.numbers.length; i += NUMBERS_PER_PART) {
    parts.push({ kind: 'e164', numbers: e164.numbers.slice(i, i + NUMBERS_PER_PART), reads: e164.reads.slice(i, i + NUMBERS_PER_PART) });
  }
  return parts.map((part) => {
    const bytes = serialize(part);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  });
}

/** What to transfer (not copy) with `parts`: copying 14 MB of them (50,000 users) blocked the receiver 0.4 s. */
export function listTransfers(parts: readonly Uint8Array[]): ArrayBuffer[] {
  return [...new Set(parts.map((p) => p.buffer as ArrayBuffer))];
}

/**
 * The desired state from `packLoaded`'s parts (`undefined` from none: a git load found nothing),
 * yielding to the event loop before each; keeps the number reads.
 */
async function unpackLoaded(parts: readonly Uint8Array[]): Promise<DesiredState | undefined> {
  let desired: DesiredState | undefined;
  for (const bytes of parts) {
    await yieldToEventLoop();
    const part = deserialize(bytes) as LoadedPart;
    switch (part.kind) {
      case 'head':
        desired = part.desired;
        break;
      case 'users':
        desired?.tenant.users.push(...part.users);
        break;
      case 'e164':
        rememberE164Reads(part.numbers, part.reads);
        break;
      default: {
        const _never: never = part;
        throw new BugError(`unknown part ${JSON.stringify(_never)}`);
      }
    }
  }
  return desired;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A failure of `loadConfig`, as data a structured clone carries. */
export type LoadFailure =
  | { kind: 'config'; problems: Problem[] }
  | { kind: 'usage'; message: string }
  | { kind: 'dialform'; code: DialformErrorCode; message: string; problems: Problem[] }
  | { kind: 'bug'; message: string; stack?: string };

/** `e` (thrown by `loadConfig` in the worker) as data. */
export function encodeLoadFailure(e: unknown): LoadFailure {
  if (e instanceof ConfigError) return { kind: 'config', problems: [...e.problems] };
  if (e instanceof UsageError) return { kind: 'usage', message: e.message };
  if (e instanceof DialformError) return { kind: 'dialform', code: e.code, message: e.message, problems: [...e.problems] };
  return e instanceof Error ? { kind: 'bug', message: e.message, ...(e.stack === undefined ? {} : { stack: e.stack }) } : { kind: 'bug', message: String(e) };
}

/** The error `loadConfig` threw in the worker, as the same class with the same message. */
export function decodeLoadFailure(failure: LoadFailure): Error {
  switch (failure.kind) {
    case 'config':
      return new ConfigError(failure.problems);
    case 'usage':
      return new UsageError(failure.message);
    case 'dialform':
      return new DialformError(failure.code, failure.message, { problems: failure.problems });
    case 'bug': {
      const bug = new BugError(`loading the config in a worker: ${failure.message}`);
      if (failure.stack !== undefined) bug.stack = failure.stack;
      return bug;
    }
    default: {
      const _never: never = failure;
      return _never;
    }
  }
}

function receiveReply(reply: LoadReply): Promise<DesiredState | undefined> {
  if ('failure' in reply) throw decodeLoadFailure(reply.failure);
  return unpackLoaded(reply.parts);
}

/** The worker's reply, or `undefined` when it could not start or ended without one. */
function runWorker(entry: ConfigWorkerEntry, request: LoadRequest): Promise<LoadReply | undefined> {
  return new Promise((settle) => {
    let worker: Worker;
    try {
      worker = startWorker(entry, request);
    } catch {
      settle(undefined);
      return;
    }
    worker.once('message', (reply: LoadReply) => {
      settle(reply);
      void worker.terminate();
    });
    worker.once('error', () => settle(undefined));
    worker.once('exit', () => settle(undefined));
  });
}

function startWorker(entry: ConfigWorkerEntry, request: LoadRequest): Worker {
  if (entry.tsx === undefined) return new Worker(entry.file, { workerData: request });
  const boot = `import(${JSON.stringify(entry.tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.file.href)}); })`;
  return new Worker(boot, { eval: true, workerData: request });
}

/**
 * The config's files (as `loadConfig` lists them) and their size in bytes; `undefined` when they
 * cannot be listed or sized (then the load says why).
 */
async function sizeConfig(path: string): Promise<{ files: string[]; bytes: number } | undefined> {
  try {
    const files = await listConfigPaths(resolve(path));
    const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
    return { files, bytes: sizes.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}
