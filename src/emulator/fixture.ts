/**
 * Fixture loading: parse (YAML or JSON; JSON is read by the YAML parser so positions work for both),
 * check the structure with JSON Schema, normalize to the state shape, then check references and
 * license accounting. Every problem is reported at once with file:line:col; bad input never
 * throws anything but a `FixtureError`.
 */
import { readUserText, UserFileError } from '../read-user-file.js';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument, isAlias, isNode, visit, type Document } from 'yaml';
import type { Problem } from '../errors.js';
import { FixtureError } from './fixture-error.js';
import { checkFixture } from './check-fixture.js';
import { fixtureSchema } from './fixture-schema.js';
import { normalizeFixture } from './normalize-fixture.js';
import type { Fixture } from './types.js';

/** Aliases expanded per fixture at most: a fixture needs none, and a few nested ones would expand exponentially. */
const MAX_ALIAS_COUNT = 100;

let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  if (!validator) {
    // The shipped schema is checked against the 2020-12 meta-schema once, by test/unit/schemas-meta-valid.test.ts,
    // not at every run: that check is about half of compiling it, in every CLI process.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, validateSchema: false });
    validator = ajv.compile(fixtureSchema);
  }
  return validator;
}

/** A located problem: `path` is a JSON pointer into the fixture. */
export interface PathProblem {
  path: string;
  message: string;
}

function describeSchemaError(e: ErrorObject): PathProblem {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { path: e.instancePath, message: `missing required field "${String(params['missingProperty'])}"` };
  if (e.keyword === 'additionalProperties') {
    return { path: `${e.instancePath}/${String(params['additionalProperty'])}`, message: `unknown field "${String(params['additionalProperty'])}"` };
  }
  if (e.keyword === 'enum') {
    return { path: e.instancePath, message: `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
  }
  if (e.keyword === 'false schema') return { path: e.instancePath, message: 'is derived by the emulator and cannot be written in a fixture' };
  if (e.keyword === 'anyOf') return { path: e.instancePath, message: 'must be a non-negative integer or a string of digits' };
  return { path: e.instancePath, message: e.message ?? 'is invalid' };
}

function locate(doc: Document, lc: LineCounter, pointer: string): { line: number; col: number } {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  // Walk down to the deepest existing node: a missing field points at its parent.
  for (let n = parts.length; n >= 0; n--) {
    const node = doc.getIn(parts.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

/**
 * The document as plain data, aliases expanded. An alias to no anchor (or to one defined after
 * it), or more aliases than `MAX_ALIAS_COUNT` expands to (an alias bomb), is a `FixtureError` at
 * the alias, where `toJS` alone would throw a bare `ReferenceError`.
 */
function toPlainData(doc: Document, lc: LineCounter, name: string): unknown {
  const anchors = new Set<string>();
  let firstAlias: { line: number; col: number } | undefined;
  let unresolved: Problem | undefined;
  visit(doc, (_key, node) => {
    if (isNode(node) && node.anchor !== undefined) anchors.add(node.anchor);
    if (!isAlias(node)) return undefined;
    const pos = lc.linePos(node.range?.[0] ?? 0);
    firstAlias ??= pos;
    if (anchors.has(node.source)) return undefined;
    unresolved = { file: name, ...pos, message: `alias *${node.source} refers to no anchor defined before it` };
    return visit.BREAK;
  });
  if (unresolved !== undefined) throw new FixtureError([unresolved]);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    const pos = firstAlias ?? { line: 1, col: 1 };
    throw new FixtureError([{ file: name, ...pos, message: `too many YAML aliases (at most ${MAX_ALIAS_COUNT} expansions): write the values out` }]);
  }
}

/**
 * Parses and validates fixture text. `name` is the file name used in problem messages.
 * Throws `FixtureError` (code `fixture_invalid`) listing every problem.
 */
export function parseFixture(text: string, name: string): Fixture {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new FixtureError(
      doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return { file: name, line: pos.line, col: pos.col, message: e.message.split('\n')[0] ?? e.code };
      }),
    );
  }
  const raw = toPlainData(doc, lc, name);
  return checkData(raw, (p) => ({ file: name, ...locate(doc, lc, p.path), message: `${p.path || '/'}: ${p.message}`, path: p.path }));
}

/**
 * `parseFixture` of data that has no text (a fixture a program generated): the same schema and
 * state checks, each problem at line 1 of `name` with its JSON pointer. Parsing the data's JSON
 * with positions was most of a generated 100,000-user fixture's cost.
 */
export function checkFixtureData(data: unknown, name: string): Fixture {
  // Through JSON, as its text would be read: a copy, without `undefined` fields.
  return checkData(JSON.parse(JSON.stringify(data)) as unknown, (p) => ({ file: name, line: 1, col: 1, message: `${p.path || '/'}: ${p.message}`, path: p.path }));
}

function checkData(raw: unknown, toProblem: (p: PathProblem) => Problem): Fixture {
  const validate = getValidator();
  if (!validate(raw)) {
    throw new FixtureError((validate.errors ?? []).map(describeSchemaError).map(toProblem));
  }
  const fixture = normalizeFixture(raw as Record<string, unknown>);
  const problems = checkFixture(fixture);
  if (problems.length > 0) throw new FixtureError(problems.map(toProblem));
  return fixture;
}

/** Reads and validates a fixture file (JSON or YAML). */
export async function loadFixture(path: string): Promise<Fixture> {
  let text: string;
  try {
    text = await readUserText(path, { what: 'fixture' });
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    throw new FixtureError([{ file: path, line: 1, col: 1, message: `cannot read fixture: ${e.problem}` }]);
  }
  return parseFixture(text, path);
}
