import { load, Schema as JsYamlSchema, Type as JsYamlType, type State } from 'js-yaml';
import { LineCounter, type ScalarTag } from 'yaml';
import { CORE_TAGS, mayMatchCoreTag, resolveByTag } from './core-scalars.js';
import { readFlowList, type TreeNode } from './flow-list-yaml.js';
import type { ConfigSource, PathSegment, Position, YamlFile } from './yaml-file.js';

/**
 * The fast path of the config loader. `yaml` (the exact path, `parseYamlFile`) reads about 1 MB/s
 * — 6–9 s for a 50,000-user config, nearly all in its lexer and parser — while js-yaml reads the
 * same text some twenty times faster. js-yaml is used here only where it provably reads what
 * `yaml` would:
 *
 * - plain scalars are resolved by `yaml`'s own YAML 1.2 core-schema tags (same tests, same order,
 *   same values), so `no`/`on`/`yes` stay strings and `0o17` is 15 in both paths;
 * - anything whose meaning or checks differ between the two is left to the exact path: tags (`!`),
 *   anchors and aliases (the alias limits live in the exact path), tabs, `%` directives (`%YAML 1.1`
 *   changes the schema), a lone CR, a `__proto__` key, a key that is a list or mapping, a null or
 *   empty key, a top level that is not a mapping, a byte order mark past the start, nesting deeper than 20, a flow collection over several lines
 *   (`yaml` checks its indentation), and anything js-yaml rejects;
 * - the positions a valid config needs (each top-level key, each key and list item under one, i.e.
 *   the `source` of every office, user, company setting and reserved pool) come from js-yaml's
 *   node events, checked node by node against the values read;
 * - a users file in the shape `dialform import` writes is read before js-yaml, by `readFlowList`
 *   (flow-list-yaml.ts), a scanner for that narrow grammar; anything else it leaves to js-yaml.
 *
 * A file the fast path cannot vouch for returns `undefined` and is read by the exact path. The
 * loader also re-reads every file on the exact path as soon as a config has any problem, so every
 * problem's position comes from `yaml` (see `loadConfigSources`). test/unit/config-fast-path.test.ts
 * proves both paths agree on values and positions over the fuzz corpus and the fixtures.
 */
export function parseYamlFileFast(source: ConfigSource): YamlFile | undefined {
  const text = source.text;
  if (source.unreadable !== undefined || UNSAFE_TEXT.test(text) || text.indexOf('\ufeff', 1) !== -1) return undefined;
  // js-yaml drops a leading byte order mark before reading; `yaml` counts it in offsets.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const input = shift === 0 ? text : text.slice(shift);
  const read = readFlowList(input) ?? readWithJsYaml(text, input);
  if (read === undefined) return undefined;
  const { data, tree } = read;
  // Line starts are counted only when a position is asked for: a valid config asks for few or none.
  let lineCounter: LineCounter | undefined;
  const positionAt = (offset: number): Position => ({ file: source.display, ...(lineCounter ??= countLines(text)).linePos(offset + shift) });
  return { source, data, locate: (path, key) => positionAt(locateInTree(tree, path, key)) };
}

/** js-yaml's read of `text` (`input` without its byte order mark) with the located nodes, where it is safe. */
function readWithJsYaml(text: string, input: string): { data: Record<string, unknown>; tree: TreeNode } | undefined {
  const recorder = createRecorder(input);
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA, listener: recorder.listen });
  } catch {
    return undefined;
  }
  const root = recorder.root();
  if (recorder.unsafe() || root === undefined || !isPlainObject(data) || Object.keys(data).length === 0) return undefined;
  const tree = buildTree(root, 1, input);
  return tree === undefined ? undefined : { data, tree };
}

/**
 * Text the fast path leaves to the exact one (tags, anchors and aliases are found node by node,
 * see `createRecorder`): a tab (`yaml` refuses tabs
 * in indentation, where js-yaml lets some through), a `#` right after another character (`yaml`
 * refuses a comment glued to a token, js-yaml reads it as a comment), a list item whose content
 * is not on its own line (js-yaml does not check such items' columns as `yaml` does), a directive line, a CR that
 * does not start a CRLF (js-yaml breaks lines there, `yaml` does not), and `__proto__`. A byte
 * order mark after the first character (`yaml` skips one at a line start) is checked apart.
 */
const UNSAFE_TEXT = /\t|\S#|^ *-[ \r]*$|^%|\r(?!\n)|__proto__/m;

/** js-yaml's schema for plain scalars: `yaml`'s own core-schema tags, in `yaml`'s order. */
const CORE_SCHEMA = createCoreSchema();

/**
 * One js-yaml type per core tag (js-yaml keeps one type per tag name), each trying `yaml`'s tests
 * for that tag in `yaml`'s order; the tags come in `yaml`'s order too (null, bool, int, float), so a
 * plain scalar gets the first tag `yaml` would give it, resolved by `yaml`'s own function.
 */
function createCoreSchema(): JsYamlSchema {
  const byName = new Map<string, (ScalarTag & { test: RegExp })[]>();
  for (const tag of CORE_TAGS) byName.set(tag.tag, [...(byName.get(tag.tag) ?? []), tag]);
  const types = [...byName].map(([name, tags]) => {
    // js-yaml calls `construct` right after a `resolve` that returned true, for the same text.
    let matched: ScalarTag | undefined;
    return new JsYamlType(name, {
      kind: 'scalar',
      resolve: (data: unknown) => {
        matched = typeof data === 'string' && mayMatchCoreTag(data) ? tags.find((t) => t.test.test(data)) : undefined;
        return matched !== undefined;
      },
      construct: (data: string) => {
        const tag = matched?.test?.test(data) === true ? matched : tags.find((t) => t.test.test(data));
        return tag === undefined ? undefined : resolveByTag(tag, data);
      },
    });
  });
  return new JsYamlSchema({ implicit: types, explicit: [] });
}

/** js-yaml's state as its listener sees it (the typings leave out `tag` and `anchor`). */
type ListenerState = State & { anchor: string | null; tag: string | null };

/** A node as js-yaml composed it, kept for the top three levels (root, its keys and values, theirs). */
interface Frame {
  open: number;
  close: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

const KEPT_DEPTH = 3;

/** Deeper than any config needs; deeper nesting is left to the exact path (and its limits). */
const MAX_DEPTH = 20;

/**
 * Listens to js-yaml's node events: keeps the frames of the top levels and marks the read unsafe
 * for a tag (`!`), an anchor (`&`) or an alias (`*`) at the start of a node, nesting deeper than `MAX_DEPTH`, a collection used as a key or
 * spread over several lines in flow style, or a mapping with a `null` key (js-yaml's reading of a
 * null or empty key; `yaml` reads it as `""`).
 */
function createRecorder(input: string) {
  const opens: number[] = [];
  const stack: (Frame | undefined)[] = [];
  let top: Frame | undefined;
  let unsafe = false;
  // A node can start with a tag, an anchor or an alias only in a text holding one of their indicators.
  const mayHoldIndicator = /[!&*]/.test(input);
  const listen = (event: 'open' | 'close', raw: State): void => {
    const state = raw as ListenerState;
    if (event === 'open') {
      opens.push(state.position);
      stack.push(stack.length < KEPT_DEPTH ? { open: state.position, close: 0, kind: null, result: undefined, children: [] } : undefined);
      return;
    }
    const depth = stack.length;
    const frame = stack.pop();
    const open = opens.pop() ?? 0;
    if (state.anchor !== null || depth > MAX_DEPTH) unsafe = true;
    else if (mayHoldIndicator) {
      const first = isSpace(input[open]) ? input[skipSeparation(input, open)] : input[open];
      if (first === '!' || first === '&' || first === '*') unsafe = true;
    }
    if (state.kind === 'mapping' || state.kind === 'sequence') {
      const parentOpen = opens[opens.length - 1];
      if (isFollowedByColon(input, state.position) || isMultiLineFlow(input, open, state.position)) unsafe = true;
      if (isAtKeyPosition(input, open, parentOpen)) unsafe = true;
      if (state.kind === 'mapping' ? hasNullKey(state.result) : (state.result as unknown[]).some(hasNullKey)) unsafe = true;
    }
    if (frame === undefined) return;
    frame.close = state.position;
    frame.kind = state.kind;
    frame.result = state.result;
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.children.push(frame);
    else if (stack.length === 0) top = frame;
  };
  return { listen, root: () => top, unsafe: () => unsafe };
}

/**
 * Whether the collection opened at `open` and ending at `end` is a flow collection (`[…]`, `{…}`)
 * spread over several lines: `yaml` checks the indentation of its continuation lines, js-yaml does not.
 */
function isMultiLineFlow(input: string, open: number, end: number): boolean {
  const start = skipSeparation(input, open);
  const first = input[start];
  if (first !== '[' && first !== '{') return false;
  const newline = input.indexOf('\n', start);
  return newline !== -1 && newline < end;
}

/**
 * Whether the node opened at `open` sits where only a key can: after an explicit-key `?`, or as an
 * entry of a flow mapping (after its `{` or a `,`). Used for collections, which `yaml` refuses as keys.
 */
function isAtKeyPosition(input: string, open: number, parentOpen: number | undefined): boolean {
  let i = skipSeparation(input, open) - 1;
  while (i >= 0 && (input[i] === ' ' || input[i] === '\t' || input[i] === '\n' || input[i] === '\r')) i--;
  const before = input[i];
  if (before === '?') return true;
  if (before !== '{' && before !== ',') return false;
  return parentOpen !== undefined && input[skipSeparation(input, parentOpen)] === '{';
}

/**
 * Whether `value` is a mapping with the key js-yaml gives a null or empty key. A flow sequence's
 * `[key: value]` entries are mappings js-yaml builds without node events, hence the check on items.
 */
function hasNullKey(value: unknown): boolean {
  return isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, 'null');
}

/** Whether the next thing after `at` (past spaces, line breaks and comments) is a `:` indicator. */
function isFollowedByColon(input: string, at: number): boolean {
  const next = skipSeparation(input, at);
  return input[next] === ':';
}

/** The offset of the first character at or after `at` that is not a space, line break or comment. */
function skipSeparation(input: string, at: number): number {
  let i = at;
  while (i < input.length) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#' && (i === 0 || isSpace(input[i - 1]))) {
      const end = input.indexOf('\n', i);
      i = end === -1 ? input.length : end;
    } else break;
  }
  return i;
}

/**
 * The tree of located nodes under `frame`, or `undefined` when the frames do not match the values
 * read one for one (a construct whose events this does not model): then the file takes the exact path.
 */
function buildTree(frame: Frame, depth: number, input: string): TreeNode | undefined {
  const start = skipSeparation(input, frame.open);
  // js-yaml reads past the end of a text without a final line break (it appends one).
  const node: TreeNode = { start, empty: frame.result === null && start >= Math.min(frame.close, input.length) };
  if (depth >= KEPT_DEPTH) return node;
  if (frame.kind === 'sequence') {
    const values = frame.result as unknown[];
    if (frame.children.length !== values.length) return undefined;
    const items: TreeNode[] = [];
    for (const [i, child] of frame.children.entries()) {
      if (!Object.is(child.result, values[i])) return undefined;
      const item = buildTree(child, depth + 1, input);
      if (item === undefined) return undefined;
      items.push(item);
    }
    node.items = items;
  } else if (frame.kind === 'mapping') {
    const values = frame.result as Record<string, unknown>;
    const count = Object.keys(values).length;
    if (frame.children.length !== 2 * count) return undefined;
    const keys = new Map<string, { key: number; value: TreeNode }>();
    for (let i = 0; i < frame.children.length; i += 2) {
      const keyFrame = frame.children[i] as Frame;
      const valueFrame = frame.children[i + 1] as Frame;
      const key = String(keyFrame.result);
      if (keys.has(key) || !Object.prototype.hasOwnProperty.call(values, key) || !Object.is(values[key], valueFrame.result)) return undefined;
      const value = buildTree(valueFrame, depth + 1, input);
      if (value === undefined) return undefined;
      keys.set(key, { key: skipSeparation(input, keyFrame.open), value });
    }
    node.keys = keys;
  }
  return node;
}

/**
 * The offset `locateInFile` would give for `path` (and `key`) in the exact document, for the levels
 * kept; deeper paths stop at the deepest kept node (only problems point there, and any problem
 * sends the config through the exact path).
 */
function locateInTree(tree: TreeNode, path: readonly PathSegment[], key?: string): number {
  let node: TreeNode | undefined = tree;
  let at = tree.start;
  for (const seg of path) {
    if (node === undefined) break;
    if (node.keys !== undefined) {
      const entry = node.keys.get(String(seg));
      if (entry === undefined) break;
      if (entry.value.empty) {
        at = entry.key;
        node = undefined;
        break;
      }
      at = entry.value.start;
      node = entry.value;
    } else if (node.items !== undefined) {
      const item: TreeNode | undefined = node.items[Number(seg)];
      if (item === undefined) break;
      at = item.start;
      node = item;
    } else break;
  }
  if (key !== undefined && node?.keys !== undefined) {
    const entry = node.keys.get(key);
    if (entry !== undefined) at = entry.key;
  }
  return at;
}

/** Line starts as `yaml`'s parser reports them: offset 0 and after every LF (a CRLF ends at its LF). */
function countLines(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return counter;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
