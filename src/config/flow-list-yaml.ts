import { mayMatchCoreTag, resolvePlainScalar } from './core-scalars.js';

/** A located node: where it starts, whether it is empty, and its entries (top levels only). */
export interface TreeNode {
  start: number;
  empty: boolean;
  keys?: Map<string, { key: number; value: TreeNode }>;
  items?: TreeNode[];
}

/** What `readFlowList` reads: the file's value and the located nodes `locateInTree` walks. */
export interface FlowListRead {
  data: Record<string, unknown>;
  tree: TreeNode;
}

/**
 * The shape `dialform import` writes a users file in, read without a YAML parser: comment and blank
 * lines, one top-level key alone on its line, then one flow mapping per list item
 * (`  - { email: a@b.example, first_name: Ada, numbers: ["+12125550100"] }`), comment and blank
 * lines between items. js-yaml reads such a file at about 10 MB/s; this reads it several times
 * faster, as a users file is nearly all of a large config's bytes.
 *
 * Only a narrow grammar is accepted, one that both YAML parsers read the same way: keys of
 * lower-case letters, digits and `_`; values that are double-quoted strings without escapes, plain
 * scalars of letters, digits and `@._+-/()'` and inner spaces (resolved by `resolvePlainScalar`, `yaml`'s
 * core-schema tags), or flow lists of those. Anything else, anywhere in the text, answers
 * `undefined` and the file is read by js-yaml (`parseYamlFileFast`) or `yaml`. `input` has passed
 * `parseYamlFileFast`'s text checks (no tab, no lone CR, no `__proto__`, no `#` glued to a token).
 */
export function readFlowList(input: string): FlowListRead | undefined {
  const items: Record<string, unknown>[] = [];
  const itemNodes: TreeNode[] = [];
  let key: string | undefined;
  let keyAt = 0;
  let listAt = -1;
  let indent = -1;
  for (let at = 0; at < input.length; ) {
    const newline = input.indexOf('\n', at);
    const end = newline === -1 ? input.length : newline;
    const lineEnd = end > at && input.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const first = skipSpaces(input, at, lineEnd);
    const c = input.charCodeAt(first);
    if (first === lineEnd || (c === 0x23 && SKIPPED_LINE.test(input.slice(at, lineEnd)))) {
      // a blank line, or a comment alone on its line
    } else if (key === undefined) {
      const match = KEY_LINE.exec(input.slice(at, lineEnd));
      if (match === null || mayMatchCoreTag(match[1] as string)) return undefined;
      key = match[1] as string;
      keyAt = at;
    } else {
      // `- {` … `}`, alone on the line; what lies between is checked by `readFlowMapping`.
      let close = lineEnd - 1;
      while (close > first && input.charCodeAt(close) === 0x20) close--;
      const dash = first - at;
      if (c !== 0x2d || input.charCodeAt(first + 1) !== 0x20 || input.charCodeAt(first + 2) !== 0x7b || close <= first + 2 || input.charCodeAt(close) !== 0x7d) return undefined;
      if (indent !== -1 && dash !== indent) return undefined;
      const item = readFlowMapping(input, first + 3, close);
      if (item === undefined) return undefined;
      if (indent === -1) listAt = first;
      indent = dash;
      items.push(item);
      itemNodes.push({ start: first + 2, empty: false });
    }
    at = end + 1;
  }
  if (key === undefined || items.length === 0) return undefined;
  const list: TreeNode = { start: listAt, empty: false, items: itemNodes };
  const tree: TreeNode = { start: keyAt, empty: false, keys: new Map([[key, { key: keyAt, value: list }]]) };
  return { data: { [key]: items }, tree };
}

/** A blank line, or a comment alone on its line. */
const SKIPPED_LINE = /^ *(?:#.*)?$/;
/** The one top-level key, alone on its line. */
const KEY_LINE = /^([a-z_][a-z0-9_]*): *$/;

/** Character classes of the grammar, by char code (below 0x250): key, plain scalar, quoted string. */
const KEY_CHAR = 1;
const PLAIN_CHAR = 2;
const QUOTED_CHAR = 4;
const CLASSES = (() => {
  const classes = new Uint8Array(0x250);
  const mark = (codes: Iterable<number>, bit: number): void => {
    for (const c of codes) classes[c] = (classes[c] as number) | bit;
  };
  const range = (from: string, to: string): number[] => Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, i) => from.charCodeAt(0) + i);
  const chars = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
  mark([...range('a', 'z'), ...range('0', '9'), ...chars('_')], KEY_CHAR);
  mark([...range('a', 'z'), ...range('A', 'Z'), ...range('0', '9'), ...chars("@._+-/()' "), ...range('\u00c0', '\u024f')], PLAIN_CHAR);
  mark([...range(' ', '~'), ...range('\u00c0', '\u024f')].filter((c) => c !== 0x22 && c !== 0x5c), QUOTED_CHAR);
  return classes;
})();

function isClass(code: number, bit: number): boolean {
  return code < 0x250 && ((CLASSES[code] as number) & bit) !== 0;
}

/** A plain scalar starts with a letter or digit (no indicator, no sign, no dot). */
function isPlainStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || (code >= 0xc0 && code < 0x250);
}

/** The mapping between `from` and `to` in `line` (inside its braces), or `undefined` outside the grammar. */
function readFlowMapping(line: string, from: number, to: number): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let at = skipSpaces(line, from, to);
  if (at === to) return out;
  for (;;) {
    const keyStart = at;
    const first = line.charCodeAt(at);
    if (!((first >= 0x61 && first <= 0x7a) || first === 0x5f)) return undefined;
    while (at < to && isClass(line.charCodeAt(at), KEY_CHAR)) at++;
    const key = line.slice(keyStart, at);
    if (mayMatchCoreTag(key) || Object.prototype.hasOwnProperty.call(out, key)) return undefined;
    if (line.charCodeAt(at) !== 0x3a || line.charCodeAt(at + 1) !== 0x20) return undefined;
    at = skipSpaces(line, at + 1, to);
    let value: unknown;
    if (line.charCodeAt(at) === 0x5b) {
      const list: unknown[] = [];
      at = skipSpaces(line, at + 1, to);
      if (line.charCodeAt(at) !== 0x5d) {
        for (;;) {
          const end = readScalar(line, at, to);
          if (end === -1) return undefined;
          list.push(scalarRead);
          at = skipSpaces(line, end, to);
          const c = line.charCodeAt(at);
          if (c === 0x5d) break;
          if (c !== 0x2c) return undefined;
          at = skipSpaces(line, at + 1, to);
        }
      }
      at++;
      value = list;
    } else {
      const end = readScalar(line, at, to);
      if (end === -1) return undefined;
      value = scalarRead;
      at = end;
    }
    out[key] = value;
    at = skipSpaces(line, at, to);
    if (at === to) return out;
    if (line.charCodeAt(at) !== 0x2c) return undefined;
    at = skipSpaces(line, at + 1, to);
  }
}

/** The value `readScalar` read last (returned beside its end without allocating a pair per scalar). */
let scalarRead: unknown;

/**
 * Reads a double-quoted string without escapes, or a plain scalar, at `at` (before `to`) into
 * `scalarRead`; returns where it ends, or -1 outside the grammar.
 */
function readScalar(line: string, at: number, to: number): number {
  if (line.charCodeAt(at) === 0x22) {
    let i = at + 1;
    while (i < to && isClass(line.charCodeAt(i), QUOTED_CHAR)) i++;
    if (i >= to || line.charCodeAt(i) !== 0x22) return -1;
    scalarRead = line.slice(at + 1, i);
    return i + 1;
  }
  if (at >= to || !isPlainStart(line.charCodeAt(at))) return -1;
  let i = at + 1;
  let end = i;
  while (i < to && isClass(line.charCodeAt(i), PLAIN_CHAR)) {
    if (line.charCodeAt(i) !== 0x20) end = i + 1;
    i++;
  }
  scalarRead = resolvePlainScalar(line.slice(at, end));
  return end;
}

function skipSpaces(text: string, at: number, to: number): number {
  let i = at;
  while (i < to && text.charCodeAt(i) === 0x20) i++;
  return i;
}
