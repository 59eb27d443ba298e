import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Problem } from '../errors.js';

/** One config file's text, before parsing. */
export interface ConfigSource {
  /** Path as shown in messages and `source` refs (relative to the working directory). */
  display: string;
  /** Absolute path, for resolving paths the file declares. */
  abs: string;
  text: string;
}

/** A parsed config file with the means to turn a path inside it into a line and column. */
export interface YamlFile {
  source: ConfigSource;
  doc: Document;
  lineCounter: LineCounter;
  /** The file's value as plain data; `undefined` when the file could not be read as a mapping. */
  data: Record<string, unknown> | undefined;
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
export function parseYamlFile(source: ConfigSource): { file: YamlFile; problems: Problem[]; empty: boolean } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const file: YamlFile = { source, doc, lineCounter, data: undefined };
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

/**
 * Problems for the parser's errors, at most `MAX_YAML_ERRORS` of them plus one line counting the
 * rest. Duplicate keys are named through one offset → key index, so reporting stays linear in the
 * file's size however many errors it has.
 */
function describeYamlErrors(doc: Document, lineCounter: LineCounter, display: string): Problem[] {
  const shown = doc.errors.slice(0, MAX_YAML_ERRORS);
  const keys = shown.some((e) => e.code === 'DUPLICATE_KEY') ? indexKeys(doc) : new Map<number, string>();
  const problems: Problem[] = shown.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return { file: display, line, col, message: describeYamlError(e.code, e.message, keys.get(e.pos[0])) };
  });
  const hidden = doc.errors.length - shown.length;
  const last = doc.errors[MAX_YAML_ERRORS];
  if (hidden > 0 && last) {
    const { line, col } = lineCounter.linePos(last.pos[0]);
    problems.push({ file: display, line, col, message: `${hidden} more YAML error${hidden === 1 ? '' : 's'} from here on, not listed: fix the ones above first` });
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

/** Offset → scalar key text for every mapping key in the document (to name duplicate keys). */
function indexKeys(doc: Document): Map<number, string> {
  const keys = new Map<number, string>();
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range) keys.set(pair.key.range[0], String(pair.key.value));
    },
  });
  return keys;
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

function positionOfNode(file: YamlFile, node: Node | null | undefined): Position {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = file.lineCounter.linePos(offset);
  return { file: file.source.display, line, col };
}

/**
 * Position of the deepest node that exists along `path` (a missing property points at its parent).
 * With `key`, points at that key inside the mapping found at `path` instead of at a value.
 */
export function locateInFile(file: YamlFile, path: readonly PathSegment[], key?: string): Position {
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
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair !== undefined && isScalar(pair.key)) at = pair.key;
  }
  return positionOfNode(file, at as Node);
}

/** The child at `seg` and the node to point at for it (the key when the value is empty). */
function childOf(node: unknown, seg: PathSegment): { node: unknown; pos: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
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
