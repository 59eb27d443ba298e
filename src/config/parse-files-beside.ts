import { Worker } from 'node:worker_threads';
import { BugError } from '../errors.js';
import { workerUrl } from '../worker-file.js';
import { parseYamlFileFast } from './fast-yaml-file.js';
import type { ConfigSource, PathSegment, Position, YamlFile } from './yaml-file.js';

/**
 * Configs smaller than this (all files' text, in UTF-16 code units) are parsed on the main thread
 * only: starting the worker and loading the YAML modules in it costs more than it saves.
 */
export const PARSE_BESIDE_MIN_CHARS = 1_000_000;

/** What the worker is sent: the files, and one claim per file (0 free, 1 main thread, 2 worker). */
export interface ParseRequest {
  sources: ConfigSource[];
  claims: SharedArrayBuffer;
}

/**
 * One file read by the worker: its data when the fast path vouched for it, and the positions a
 * valid config asks for (see `listLocated`) as keys and `line, col` pairs.
 */
export interface FileReadBeside {
  index: number;
  data?: Record<string, unknown>;
  keys?: string[];
  at?: Int32Array;
}

/** Parses some files of a config in a worker thread while the main thread parses the others. */
export interface FileParser {
  /** Claims file `i` for the main thread: false when the worker has it (then `take` it). */
  claim(i: number): boolean;
  /**
   * The worker's reading of file `i`, or `undefined` when the main thread must read it: the fast
   * path could not vouch for it, or the worker failed.
   */
  take(i: number): Promise<YamlFile | undefined>;
  /** Ends the worker; how many files it read, and its thread id. */
  close(): Promise<{ inWorker: number; threadId?: number }>;
}

/**
 * A parser whose worker takes files from the last one down while the main thread takes them from
 * the first one up (each claim is an atomic compare-and-swap), so neither waits for the other
 * until they meet. `undefined` when the config is small, has one file, or there is no built
 * worker file (TypeScript under a test runner, the action's single-file bundle): the caller
 * parses every file itself, with the same result.
 */
export function startFileParser(sources: readonly ConfigSource[], minChars = PARSE_BESIDE_MIN_CHARS): FileParser | undefined {
  if (sources.length < 2 || sources.reduce((n, s) => n + s.text.length, 0) < minChars) return undefined;
  const file = workerUrl('parse-files-worker');
  if (file === undefined) return undefined;
  let worker: Worker;
  try {
    worker = new Worker(file);
  } catch {
    return undefined;
  }
  const claims = new SharedArrayBuffer(sources.length * Int32Array.BYTES_PER_ELEMENT);
  const claimed = new Int32Array(claims);
  const reads = new Map<number, FileReadBeside>();
  const waiting = new Map<number, (read: FileReadBeside | undefined) => void>();
  let failed = false;
  let inWorker = 0;
  let threadId: number | undefined;
  const fail = (): void => {
    failed = true;
    for (const [i, settle] of waiting) settle(reads.get(i));
    waiting.clear();
  };
  worker.on('message', (read: FileReadBeside & { threadId: number }) => {
    threadId = read.threadId;
    inWorker++;
    reads.set(read.index, read);
    waiting.get(read.index)?.(read);
    waiting.delete(read.index);
  });
  worker.on('error', fail);
  worker.on('exit', fail);
  worker.postMessage({ sources: [...sources], claims } satisfies ParseRequest);
  return {
    claim: (i) => Atomics.compareExchange(claimed, i, 0, 1) !== 2,
    async take(i) {
      const read = reads.get(i) ?? (failed ? undefined : await new Promise<FileReadBeside | undefined>((resolve) => waiting.set(i, resolve)));
      return read?.data === undefined ? undefined : restoreFile(sources[i] as ConfigSource, read);
    },
    async close() {
      await worker.terminate();
      return { inWorker, threadId };
    },
  };
}

/** File `i` read by the fast path, as the worker sends it. */
export function readFileBeside(sources: readonly ConfigSource[], i: number): FileReadBeside {
  const file = parseYamlFileFast(sources[i] as ConfigSource);
  if (file?.data === undefined) return { index: i };
  const located = listLocated(file.data);
  const at = new Int32Array(located.length * 2);
  located.forEach(([path, key], n) => {
    const { line, col } = file.locate(path, key);
    at[2 * n] = line;
    at[2 * n + 1] = col;
  });
  return { index: i, data: file.data, keys: located.map(([path, key]) => locationKey(path, key)), at };
}

/**
 * The places a valid config's `source` refs and merge come from: each top-level key and its
 * value, and each key or item under one and its value. Any other place is found by reading the
 * file again on the main thread (only a config with a problem asks, and it is read again anyway).
 */
function listLocated(data: Record<string, unknown>): [PathSegment[], string | undefined][] {
  const located: [PathSegment[], string | undefined][] = [];
  for (const top of Object.keys(data)) {
    located.push([[], top], [[top], undefined]);
    const value = data[top];
    if (Array.isArray(value)) for (const i of value.keys()) located.push([[top, i], undefined]);
    else if (value !== null && typeof value === 'object') for (const key of Object.keys(value)) located.push([[top], key], [[top, key], undefined]);
  }
  return located;
}

function locationKey(path: readonly PathSegment[], key: string | undefined): string {
  const at = path.join('\u0000');
  return key === undefined ? at : `${at}\u0001${key}`;
}

/** The worker's reading as a `YamlFile`: positions from its table, any other read here on demand. */
function restoreFile(source: ConfigSource, read: FileReadBeside): YamlFile {
  const index = new Map((read.keys ?? []).map((k, n) => [k, n]));
  const at = read.at ?? new Int32Array(0);
  let again: YamlFile | undefined;
  return {
    source,
    data: read.data,
    locate(path, key): Position {
      const n = index.get(locationKey(path, key));
      if (n !== undefined) return { file: source.display, line: at[2 * n] as number, col: at[2 * n + 1] as number };
      again ??= parseYamlFileFast(source);
      if (again === undefined) throw new BugError(`the fast path no longer reads ${source.display}`);
      return again.locate(path, key);
    },
  };
}
