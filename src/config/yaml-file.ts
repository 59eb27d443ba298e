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
  const problems: Problem[] = doc.errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return { file: source.display, line, col, message: describeYamlError(e.code, e.message, keyAt(doc, e.pos[0])) };
  });
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
  file.data = doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
  return { file, problems, empty: false };
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

/** The scalar key that starts at `offset`, if any (to name a duplicate key). */
function keyAt(doc: Document, offset: number): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        found = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
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
