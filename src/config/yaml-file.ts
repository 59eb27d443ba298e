import { countOf } from '../plan/plural.js';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Problem } from '../errors.js';

/** One config file's text, before parsing. */
export interface ConfigSource {
  /** Path as shown in messages and `source` refs (relative to the working directory). */
  display: string;
  /** Absolute path, for resolving paths the file declares. */
  abs: string;
  text: string;
  /** Set when the file's bytes could not be decoded (then `text` is empty): reported as is. */
  unreadable?: Problem;
}

/**
 * A parsed config file with the means to turn a path inside it into a line and column. Read by
 * the exact path (`parseYamlFile`, an `ExactYamlFile`) or the fast path (`parseYamlFileFast`).
 */
export interface YamlFile {
  source: ConfigSource;
  /** The file's value as plain data; `undefined` when the file could not be read as a mapping. */
  data: Record<string, unknown> | undefined;
  /** Position of the node at `path` (or of `key` in the mapping there): see `locateInFile`. */
  locate(path: readonly PathSegment[], key?: string): Position;
}

/** A file read by `yaml`, which can locate any path in it. */
export interface ExactYamlFile extends YamlFile {
  doc: Document;
  lineCounter: LineCounter;
}

export interface Position {
  file: string;
  line: number;
  col: number;
}

export type PathSegment = string | number;

/**
 * Parses one file. Syntax errors, duplicate keys, an empty file and a non-mapping top level are
 * returned as problems (never thrown); `data` is set only when there are none. `empty` tells an
 * empty file (which declares nothing) from one whose content could not be read.
 */
export function parseYamlFile(source: ConfigSource): { file: ExactYamlFile; problems: Problem[]; empty: boolean } {
  const lineCounter = new LineCounter();
  // uniqueKeys: false because the parser's own check compares each key with every earlier key of its
  // mapping (quadratic: 20,000 keys took seconds); `findDuplicateKeys` does it with one index.
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const file: ExactYamlFile = { source, doc, lineCounter, data: undefined, locate: (path, key) => locateInDocument(file, path, key) };
  if (source.unreadable !== undefined) return { file, problems: [source.unreadable], empty: false };
  const problems = describeYamlErrors(doc, lineCounter, source.display);
  if (problems.length > 0) return { file, problems, empty: false };
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    problems.push({ file: source.display, line: 1, col: 1, message: 'file is empty: a config file is a mapping that starts with "version: 1"' });
    return { file, problems, empty: true };
  }
  if (!isMap(contents)) {
    const at = positionOfNode(file, contents);
    problems.push({ ...at, message: 'top level must be a mapping of keys (version, offices, users, …), not a list or a value' });
    return { file, problems, empty: false };
  }
  // A key that is itself a list or mapping (`? [a]: b`) has no meaning in a config, and toJS would
  // stringify it with a process warning: report it instead.
  for (const key of complexKeys(doc)) {
    problems.push({ ...positionOfNode(file, key), message: 'a key must be a plain word or string, not a list or mapping' });
  }
  for (const { node, tag } of unknownTags(doc)) {
    problems.push({ ...positionOfNode(file, node), message: `unknown YAML tag "${tag}": a config holds plain values only; remove the tag` });
  }
  if (problems.length > 0) return { file, problems, empty: false };
  try {
    file.data = doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
  } catch (error) {
    // Only aliases make toJS throw: one to an anchor that does not exist, or an alias bomb.
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({ ...positionOfNode(file, firstAlias(doc)), message: `YAML alias cannot be resolved: ${reason}` });
  }
  return { file, problems, empty: false };
}

/** A file this broken is best fixed from the top: report the first errors and count the rest. */
const MAX_YAML_ERRORS = 20;

/** A parser error, or a duplicate key found by `findDuplicateKeys`, at an offset in the text. */
interface YamlError {
  offset: number;
  code: string;
  message: string;
  key?: string;
}

/**
 * Problems for the parser's errors and the duplicate keys, in text order, at most
 * `MAX_YAML_ERRORS` of them plus one line counting the rest. Linear in the file's size however
 * many errors it has.
 */
function describeYamlErrors(doc: Document, lineCounter: LineCounter, display: string): Problem[] {
  const errors: YamlError[] = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], code: e.code, message: e.message })),
    ...findDuplicateKeys(doc).map((d) => ({ offset: d.offset, code: 'DUPLICATE_KEY', message: '', key: d.key })),
  ].sort((a, b) => a.offset - b.offset);
  const shown = errors.slice(0, MAX_YAML_ERRORS);
  const problems: Problem[] = shown.map((e) => {
    const { line, col } = lineCounter.linePos(e.offset);
    return { file: display, line, col, message: describeYamlError(e.code, e.message, e.key) };
  });
  const hidden = errors.length - shown.length;
  const last = errors[MAX_YAML_ERRORS];
  if (hidden > 0 && last) {
    const { line, col } = lineCounter.linePos(last.offset);
    problems.push({ file: display, line, col, message: `${countOf(hidden, 'more YAML error')} from here on, not listed: fix the ones above first` });
  }
  return problems;
}

function describeYamlError(code: string, message: string, key: string | undefined): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return `duplicate key${key === undefined ? '' : ` "${key}"`}: a key may appear only once in a mapping`;
    case 'MULTIPLE_DOCS':
      return 'more than one YAML document ("---") in one file: put each in its own file';
    default:
      return `YAML syntax error: ${message}`;
  }
}

/**
 * Every scalar key that repeats an earlier key of the same mapping (compared by value, as the
 * parser's `uniqueKeys` does: `1` and `"1"` differ), with its offset: one pass, one set per mapping.
 */
export function findDuplicateKeys(doc: Document): { offset: number; key: string }[] {
  const duplicates: { offset: number; key: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) duplicates.push({ offset: pair.key.range?.[0] ?? 0, key: String(pair.key.value) });
        else seen.add(pair.key.value);
      }
    },
  });
  return duplicates;
}

const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/**
 * The first pair of `map` for each scalar key, by the key's text; built once per mapping (the
 * parsed document is never changed), so locating every key of a mapping is linear, not quadratic.
 */
export function keyIndexOf(map: YAMLMap): Map<string, Pair> {
  let index = keyIndexes.get(map);
  if (index === undefined) {
    index = new Map();
    for (const pair of map.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (!index.has(key)) index.set(key, pair);
    }
    keyIndexes.set(map, index);
  }
  return index;
}

/** Mapping keys that are not scalars (aliases to scalars count as scalars). */
function complexKeys(doc: Document): Node[] {
  const keys: Node[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && typeof pair.key === 'object' && (isMap(pair.key) || isSeq(pair.key))) keys.push(pair.key as Node);
    },
  });
  return keys;
}

/** Tags a config may spell out: the YAML 1.2 core schema's, and the non-specific `!`. */
const CORE_TAGS = new Set(['!', ...['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`)]);

/**
 * Nodes with an explicit tag outside the core schema (`!custom`, `!!js/function`, `!!binary`), which
 * the parser would otherwise read as plain strings or as values no config field takes.
 */
function unknownTags(doc: Document): { node: Node; tag: string }[] {
  const found: { node: Node; tag: string }[] = [];
  visit(doc, {
    Node(_, node) {
      const tag = node.tag;
      if (tag === undefined || CORE_TAGS.has(tag)) return;
      const shown = tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag.startsWith('!') ? tag : `!<${tag}>`;
      found.push({ node, tag: shown });
    },
  });
  return found;
}

/** The first alias in the document, to point at when aliases cannot be resolved. */
function firstAlias(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Alias(_, alias) {
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}

function positionOfNode(file: ExactYamlFile, node: Node | null | undefined): Position {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = file.lineCounter.linePos(offset);
  return { file: file.source.display, line, col };
}

/**
 * Position of the deepest node that exists along `path` (a missing property points at its parent).
 * With `key`, points at that key inside the mapping found at `path` instead of at a value.
 */
export function locateInFile(file: YamlFile, path: readonly PathSegment[], key?: string): Position {
  return file.locate(path, key);
}

function locateInDocument(file: ExactYamlFile, path: readonly PathSegment[], key?: string): Position {
  let node: unknown = file.doc.contents;
  let at: unknown = node;
  for (const seg of path) {
    const next = childOf(node, seg);
    if (next === undefined) break;
    at = next.pos;
    node = next.node;
    if (node === null) break;
  }
  if (key !== undefined && isMap(node)) {
    const pair = keyIndexOf(node).get(key);
    if (pair !== undefined) at = pair.key;
  }
  return positionOfNode(file, at as Node);
}

/** The child at `seg` and the node to point at for it (the key when the value is empty). */
function childOf(node: unknown, seg: PathSegment): { node: unknown; pos: unknown } | undefined {
  if (isMap(node)) {
    const pair = keyIndexOf(node).get(String(seg));
    if (pair === undefined) return undefined;
    const value = pair.value;
    if (value === null || (isScalar(value) && (value.range == null || value.range[0] === value.range[1]))) return { node: null, pos: pair.key };
    return { node: value, pos: value };
  }
  if (isSeq(node)) {
    const item = node.items[Number(seg)];
    return item === undefined ? undefined : { node: item, pos: item };
  }
  return undefined;
}
