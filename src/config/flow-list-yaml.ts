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
 * scalars of letters, digits and `@._+-/()'` and inner spaces (resolved by `resolvePlain`, `yaml`'s
 * core-schema tags), or flow lists of those. Anything else, anywhere in the text, answers
 * `undefined` and the file is read by js-yaml (`parseYamlFileFast`) or `yaml`. `input` has passed
 * `parseYamlFileFast`'s text checks (no tab, no lone CR, no `__proto__`, no `#` glued to a token).
 */
export function readFlowList(input: string, resolvePlain: (text: string) => unknown, isTagged: (text: string) => boolean): FlowListRead | undefined {
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
    const line = input.slice(at, lineEnd);
    if (!SKIPPED_LINE.test(line)) {
      if (key === undefined) {
        const match = KEY_LINE.exec(line);
        if (match === null || isTagged(match[1] as string)) return undefined;
        key = match[1] as string;
        keyAt = at;
      } else {
        const dash = line.indexOf('-');
        if (dash === -1 || (indent !== -1 && dash !== indent) || !ITEM_LINE.test(line)) return undefined;
        const open = line.indexOf('{', dash);
        const item = readFlowMapping(line, open + 1, line.lastIndexOf('}'), resolvePlain, isTagged);
        if (item === undefined) return undefined;
        if (indent === -1) listAt = at + dash;
        indent = dash;
        items.push(item);
        itemNodes.push({ start: at + open, empty: false });
      }
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
/** A list item holding one flow mapping, alone on its line. */
const ITEM_LINE = /^ *- \{.*\} *$/;

const KEY = /[a-z_][a-z0-9_]*/y;
const COLON = /: +/y;
const SEPARATOR = / *, */y;
const CLOSE = / *$/y;
const QUOTED = /"([ !#-[\]-~\u00c0-\u024f]*)"/y;
const PLAIN = /[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9@._+\-/()' \u00c0-\u024f]*[A-Za-z0-9@._+\-/()'\u00c0-\u024f])?/y;
const LIST_OPEN = /\[ */y;
const LIST_NEXT = / *(,|\]) */y;

/** The mapping between `from` and `to` in `line` (inside its braces), or `undefined` outside the grammar. */
function readFlowMapping(
  line: string,
  from: number,
  to: number,
  resolvePlain: (text: string) => unknown,
  isTagged: (text: string) => boolean,
): Record<string, unknown> | undefined {
  const inner = line.slice(from, to);
  const out: Record<string, unknown> = {};
  let at = skipSpaces(inner, 0);
  if (at === inner.length) return out;
  for (;;) {
    KEY.lastIndex = at;
    const key = KEY.exec(inner)?.[0];
    if (key === undefined || isTagged(key) || Object.prototype.hasOwnProperty.call(out, key)) return undefined;
    COLON.lastIndex = at + key.length;
    if (!COLON.test(inner)) return undefined;
    at = COLON.lastIndex;
    let value: unknown;
    if (inner[at] === '[') {
      LIST_OPEN.lastIndex = at;
      LIST_OPEN.test(inner);
      at = LIST_OPEN.lastIndex;
      const list: unknown[] = [];
      if (inner[at] === ']') at++;
      else {
        for (;;) {
          const scalar = readScalar(inner, at, resolvePlain);
          if (scalar === undefined) return undefined;
          list.push(scalar.value);
          LIST_NEXT.lastIndex = scalar.end;
          const next = LIST_NEXT.exec(inner);
          if (next === null) return undefined;
          if (next[1] === ']') {
            at = scalar.end + next[0].trimEnd().length;
            break;
          }
          at = LIST_NEXT.lastIndex;
        }
      }
      value = list;
    } else {
      const scalar = readScalar(inner, at, resolvePlain);
      if (scalar === undefined) return undefined;
      value = scalar.value;
      at = scalar.end;
    }
    out[key] = value;
    CLOSE.lastIndex = at;
    if (CLOSE.test(inner)) return out;
    SEPARATOR.lastIndex = at;
    if (!SEPARATOR.test(inner)) return undefined;
    at = SEPARATOR.lastIndex;
  }
}

/** A double-quoted string without escapes, or a plain scalar, at `at`. */
function readScalar(text: string, at: number, resolvePlain: (text: string) => unknown): { value: unknown; end: number } | undefined {
  if (text[at] === '"') {
    QUOTED.lastIndex = at;
    const match = QUOTED.exec(text);
    return match === null ? undefined : { value: match[1], end: QUOTED.lastIndex };
  }
  PLAIN.lastIndex = at;
  const match = PLAIN.exec(text);
  return match === null ? undefined : { value: resolvePlain(match[0]), end: PLAIN.lastIndex };
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (text[i] === ' ') i++;
  return i;
}
