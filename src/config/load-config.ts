import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ConfigError, UsageError, type Problem } from '../errors.js';
import { readUserFile, UserFileError } from '../read-user-file.js';
import type { DesiredState } from '../model/tenant.js';
import { dropInvalid } from './drop-invalid.js';
import { checkVersionDeclared, mergeFiles, type MergedConfig } from './merge-files.js';
import { normalizeConfig } from './normalize.js';
import { applyProfiles } from './profiles.js';
import { checkSemantics, checkSemanticsAsync, type SemanticOptions } from './semantic-rules.js';
import { validateFileSchema } from './validate-schema.js';
import { parseYamlFileFast } from './fast-yaml-file.js';
import { parseYamlFile, type ConfigSource, type YamlFile } from './yaml-file.js';
import { checkStrings, escapeControl } from './check-strings.js';
import { decodeUtf8 } from './decode-text.js';
import { listConfigFiles } from './list-config-files.js';
import { createNumberReader, START_NOW_BYTES } from '../model/read-numbers-beside.js';

const DEFAULT_FILE = 'dialform.yaml';
const DEFAULT_DIR = 'dialform';

/**
 * The config path to load: `given` (the `-c PATH` option) if set; else, when `./dialform.yaml`
 * exists, the directory holding it — the whole config, so files beside it (`users/*.yaml`) are
 * never left out, which would plan their users' deletion; else `./dialform/`. Throws
 * `UsageError` naming what was looked for.
 */
export function resolveConfigPath(cwd: string, given?: string): string {
  if (given !== undefined) {
    const path = resolve(cwd, given);
    if (!existsSync(path)) throw new UsageError(`config not found: ${given} does not exist`);
    return path;
  }
  const found = findDefaultConfigPath(cwd);
  if (found === undefined) throw new UsageError(`no config found: looked for ./${DEFAULT_FILE} and ./${DEFAULT_DIR}/ in ${cwd}; pass -c PATH`);
  return found;
}

function findDefaultConfigPath(cwd: string): string | undefined {
  if (existsSync(join(cwd, DEFAULT_FILE))) return resolve(cwd);
  if (existsSync(join(cwd, DEFAULT_DIR))) return join(cwd, DEFAULT_DIR);
  return undefined;
}

/**
 * For commands whose config is optional (`apply FILE`, `status`): the config `given`, or at the
 * default place; `undefined` only when none was given and there is none at the default place. A
 * config that is there but cannot be read or has problems still throws. `load` loads it
 * (`loadConfigBeside` where a live read goes on beside).
 */
export async function loadOptionalConfig(cwd: string, given?: string, load: (path: string) => Promise<DesiredState> = loadConfig): Promise<{ desired: DesiredState; path: string } | undefined> {
  if (given === undefined && findDefaultConfigPath(cwd) === undefined) return undefined;
  const path = resolveConfigPath(cwd, given);
  return { desired: await load(path), path };
}

/**
 * Loads a config file, or a directory of `*.yaml`/`*.yml` files (see `listConfigFiles`: recursive,
 * sorted by path, following symbolic links), into the desired state. Throws `ConfigError` with
 * every problem found, or `UsageError` when the path cannot be read.
 */
export async function loadConfig(path: string): Promise<DesiredState> {
  return loadConfigFiles(await listConfigPaths(resolve(path)));
}

/** `loadConfig` of the files `listConfigPaths` gave (read in that order). */
export async function loadConfigFiles(files: readonly string[]): Promise<DesiredState> {
  const sources: ConfigSource[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readUserFile(file, { what: 'config file' });
    } catch (e) {
      throw e instanceof UserFileError ? new UsageError(`cannot read ${displayPath(file)}: ${e.problem}`) : e;
    }
    sources.push(decodeSource(displayPath(file), file, bytes));
  }
  return loadConfigSourcesAsync(sources, { checkFixture: true });
}

/** A source for `bytes`; invalid UTF-8 makes it `unreadable`, at the first bad byte. */
export function decodeSource(display: string, abs: string, bytes: Uint8Array): ConfigSource {
  const decoded = decodeUtf8(bytes);
  if ('text' in decoded) return { display, abs, text: decoded.text };
  const { line, col, byte } = decoded.invalid;
  const hex = byte.toString(16).padStart(2, '0');
  return { display, abs, text: '', unreadable: { file: display, line, col, message: `not valid UTF-8 (byte 0x${hex}): save the file as UTF-8` } };
}

/** How files are read: `fast` where it can vouch for the file (see `parseYamlFileFast`), else `exact`. */
export type YamlParser = 'fast' | 'exact';

/** Options for loading: the semantic rules' and, for tests and benchmarks, the parser to start with. */
export interface LoadOptions extends SemanticOptions {
  /** Default `fast`. `exact` reads every file with `yaml`, as any config with a problem is read. */
  parser?: YamlParser;
}

/** One file's parse: the file, its YAML problems, and whether it was read by the exact path. */
interface ParsedSource {
  file: YamlFile;
  problems: Problem[];
  empty: boolean;
  exact: boolean;
}

/**
 * Parses, validates, merges and normalizes config sources (in the order given). All problems are
 * collected at once: YAML problems and schema problems for every file, merge conflicts, and the
 * semantic rules, which run on the parts that passed the schema (see `dropInvalid`) but not at all
 * when a file could not be parsed, since its offices and users are unknown.
 *
 * Files are read by the fast path where it can vouch for them. A config with any problem is read
 * again by the exact path (files already read exactly are kept), so every problem's position — and
 * any position a message quotes — comes from `yaml`; a valid config's positions (each `source`) come
 * from whichever path read its file, and the two agree (test/unit/config-fast-path.test.ts).
 */
export function loadConfigSources(all: readonly ConfigSource[], options: LoadOptions): DesiredState {
  const { sources, parsed: first } = leaveOutFixtures(all, all.map((_, i) => parseAt(all, i, options)));
  const assembled = assembleFirstReading(first, options) ?? assembleConfig(first.map((_, i) => parseAt(sources, i, options, first)), options);
  return finishLoad(sources, assembled);
}

/**
 * `loadConfigSources` that yields to the event loop between files, so a large config can load beside
 * network reads without holding the loop for more than one file's parse (or the final assembly).
 */
export async function loadConfigSourcesAsync(all: readonly ConfigSource[], options: LoadOptions): Promise<DesiredState> {
  const firstOfAll: ParsedSource[] = [];
  // The numbers of each file are read by libphonenumber in a worker while the next file is parsed.
  const numbers = createNumberReader({ startNow: all.reduce((bytes, s) => bytes + s.text.length, 0) >= START_NOW_BYTES });
  for (const i of all.keys()) {
    await yieldToEventLoop();
    const parsed = parseAt(all, i, options);
    numbers.addFrom(parsed.file.data);
    firstOfAll.push(parsed);
  }
  const { sources, parsed: first } = leaveOutFixtures(all, firstOfAll);
  // Schema, merge and most rules ask about no number: they run while the worker finishes.
  let settling: Promise<unknown> | undefined;
  const settle = (): Promise<unknown> => (settling ??= numbers.settle());
  const structure = first.some((p) => p.problems.length > 0) ? undefined : assembleStructure(first);
  const firstReading = structure === undefined ? undefined : acceptFirstReading(first, await checkAssembledAsync(structure, options, settle));
  await settle();
  const parseAll = async (previous: readonly ParsedSource[]): Promise<ParsedSource[]> => {
    const parsed: ParsedSource[] = [];
    for (const i of sources.keys()) {
      if (previous?.[i]?.exact !== true) await yieldToEventLoop();
      parsed.push(parseAt(sources, i, options, previous));
    }
    return parsed;
  };
  return finishLoad(sources, firstReading ?? assembleConfig(await parseAll(first), options));
}

/**
 * `sources` (and their first parses) without the emulator fixture the config names
 * (`emulator.fixture`, relative to the file declaring it): a YAML fixture kept beside the config
 * (`live.yaml`, docs/emulator.md) is the emulator's data, not config. Only the file the config
 * names is left out, so a config file is never skipped for what it looks like.
 */
function leaveOutFixtures(sources: readonly ConfigSource[], parsed: readonly ParsedSource[]): { sources: ConfigSource[]; parsed: ParsedSource[] } {
  const fixtures = new Set<string>();
  for (const p of parsed) {
    const emulator = p.file.data?.emulator;
    const fixture = emulator !== null && typeof emulator === 'object' ? (emulator as Record<string, unknown>).fixture : undefined;
    if (typeof fixture === 'string' && fixture !== '') fixtures.add(resolve(dirname(p.file.source.abs), fixture));
  }
  const kept = [...sources.keys()].filter((i) => !fixtures.has(resolve((sources[i] as ConfigSource).abs)));
  return { sources: kept.map((i) => sources[i] as ConfigSource), parsed: kept.map((i) => parsed[i] as ParsedSource) };
}

/**
 * File `i` read by `options.parser` (fast by default); on a second reading (`previous` given), read
 * exactly unless it already was.
 */
function parseAt(sources: readonly ConfigSource[], i: number, options: LoadOptions, previous?: readonly ParsedSource[]): ParsedSource {
  const done = previous?.[i];
  if (done?.exact === true) return done;
  return parseSource(sources[i] as ConfigSource, previous === undefined ? (options.parser ?? 'fast') : 'exact');
}

/**
 * The config assembled from a first reading, or `undefined` when it must be read again exactly: a
 * YAML problem in any file, or any problem at all in a config not read wholly by the exact path.
 */
function assembleFirstReading(first: readonly ParsedSource[], options: LoadOptions): Assembled | undefined {
  if (first.some((p) => p.problems.length > 0)) return undefined;
  return acceptFirstReading(first, assembleConfig(first, options));
}

/** `result` of a first reading free of YAML problems, or `undefined` when it must be read again exactly. */
function acceptFirstReading(first: readonly ParsedSource[], result: Assembled): Assembled | undefined {
  return result.problems.length === 0 || first.every((p) => p.exact) ? result : undefined;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function parseSource(source: ConfigSource, parser: YamlParser): ParsedSource {
  if (parser === 'fast') {
    const file = parseYamlFileFast(source);
    if (file !== undefined) return { file, problems: [], empty: false, exact: false };
  }
  return { ...parseYamlFile(source), exact: true };
}

interface Assembled {
  problems: Problem[];
  merged: MergedConfig;
}

/** Schema, merge and semantic problems of parsed files, and the merged config. */
function assembleConfig(parsed: readonly ParsedSource[], options: SemanticOptions): Assembled {
  return checkAssembled(assembleStructure(parsed), options);
}

/** Schema and merge problems of parsed files and the merged config: the part that reads no number. */
interface Structure extends Assembled {
  /** Whether the semantic rules run: every file parsed, and there is at least one. */
  checkable: boolean;
  parsedFiles: YamlFile[];
}

function assembleStructure(parsed: readonly ParsedSource[]): Structure {
  const problems: Problem[] = [];
  const parsedFiles: YamlFile[] = [];
  let unreadable = false;
  for (const p of parsed) {
    if (p.problems.length > 0) {
      problems.push(...p.problems);
      unreadable ||= !p.empty;
      continue;
    }
    const structural = validateFileSchema(p.file);
    const schemaProblems = [...structural, ...checkStrings(p.file, new Set(structural.map((x) => x.path ?? '/')))];
    problems.push(...schemaProblems);
    parsedFiles.push(dropInvalid(p.file, schemaProblems));
  }
  const { merged: files, problems: mergeProblems } = mergeFiles(parsedFiles);
  const { merged, problems: profileProblems } = applyProfiles(files);
  problems.push(...mergeProblems, ...profileProblems);
  return { problems, merged, checkable: !unreadable && parsedFiles.length > 0, parsedFiles };
}

/** `checkAssembled`, with `beforeNumbers` awaited before the first rule that asks about a number. */
async function checkAssembledAsync({ problems, merged, checkable, parsedFiles }: Structure, options: SemanticOptions, beforeNumbers: () => Promise<unknown>): Promise<Assembled> {
  if (!checkable) return { problems, merged };
  return { problems: [...problems, ...checkVersionDeclared(parsedFiles), ...(await checkSemanticsAsync(merged, options, beforeNumbers))], merged };
}

/** `structure` with the semantic rules' problems (these ask libphonenumber about numbers). */
function checkAssembled({ problems, merged, checkable, parsedFiles }: Structure, options: SemanticOptions): Assembled {
  if (!checkable) return { problems, merged };
  return { problems: [...problems, ...checkVersionDeclared(parsedFiles), ...checkSemantics(merged, options)], merged };
}

/** Throws `ConfigError` with every problem, or returns the normalized desired state. */
function finishLoad(sources: readonly ConfigSource[], { problems, merged }: Assembled): DesiredState {
  // Messages may echo values from the config: escape control characters so each stays one line.
  if (problems.length > 0) throw new ConfigError(sortProblems(problems, sources).map((p) => ({ ...p, message: escapeControl(p.message) })));
  return normalizeConfig(
    merged,
    sources.map((s) => s.abs),
  );
}

/**
 * Orders problems by file (in load order), then line and column; stable for equal positions. A
 * problem found more than once (in a profile, once per user entry naming it) is kept once.
 */
function sortProblems(problems: Problem[], sources: readonly ConfigSource[]): Problem[] {
  const order = new Map(sources.map((s, i) => [s.display, i]));
  const rank = (p: Problem): number => order.get(p.file) ?? sources.length;
  const seen = new Set<string>();
  const once = problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.col}:${p.message}`;
    return !seen.has(key) && (seen.add(key), true);
  });
  return once.sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.col - b.col);
}

/** Path relative to the working directory, as the user would type it. */
export function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel === '' ? '.' : rel.split('\\').join('/');
}

/** The files of config `abs` (itself, or a directory's `listConfigFiles`); throws `UsageError` when there are none. */
export async function listConfigPaths(abs: string): Promise<string[]> {
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new UsageError(`config not found: ${displayPath(abs)} does not exist`);
  }
  if (!isDir) return [abs];
  const files = await listConfigFiles(abs, displayPath);
  if (files.length === 0) throw new UsageError(`config directory ${displayPath(abs)} holds no *.yaml or *.yml files`);
  return files;
}
