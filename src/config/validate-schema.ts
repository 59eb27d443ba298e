import type { Problem } from '../errors.js';
import { getConfigValidator, type ErrorObject } from './schema.js';
import { locateInFile, type PathSegment, type YamlFile } from './yaml-file.js';

/**
 * Validates one parsed file against the config schema and turns each ajv error into a problem
 * worded for an admin, pointing at the offending node (the key, for unknown and misnamed keys).
 */
export function validateFileSchema(file: YamlFile): Problem[] {
  const validate = getConfigValidator();
  if (validate(file.data)) return [];
  // `if` only says which branch failed; the branch's own errors say how (a membership written as a role or as `{ role, skill }`).
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'propertyNames' && e.keyword !== '$ref' && e.keyword !== 'if');
  const problems = errors.map((e) => describeError(file, e));
  return dedupeProblems(problems).sort((a, b) => a.line - b.line || a.col - b.col);
}

/** Splits a JSON pointer into path segments (numbers for array indexes are kept as strings). */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The JSON pointer to `path`, as problems carry it (`/` for the whole file): the inverse of `splitPointer`. */
export function joinPointer(path: readonly PathSegment[]): string {
  return `/${path.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** `users[3].office`, `offices.hq.country`; numeric segments under a list become `[n]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

function describeError(file: YamlFile, e: ErrorObject): Problem {
  const path = splitPointer(e.instancePath);
  const where = formatPath(path);
  const subject = where === '' ? '' : `${where} `;
  const params = e.params as Record<string, unknown>;
  const base = { file: file.source.display, path: e.instancePath || '/' };

  if (typeof e.propertyName === 'string') {
    const key = e.propertyName;
    return {
      ...base,
      ...locateInFile(file, path, key),
      message: `key "${key}" in ${where} must start with a lower-case letter or digit and use only a-z, 0-9, "_" and "-"`,
    };
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = knownKeysOf(e.parentSchema);
      const guess = suggest(key, known);
      const hint = guess === undefined ? ` (allowed: ${known.join(', ')})` : ` (did you mean "${guess}"?)`;
      return { ...base, ...locateInFile(file, path, key), message: `unknown property "${key}"${where === '' ? '' : ` in ${where}`}${hint}` };
    }
    case 'required':
      return {
        ...base,
        ...locateInFile(file, path),
        message: `${where === '' ? 'file' : where} is missing required property "${String(params.missingProperty)}"`,
      };
    default:
      return { ...base, ...locateInFile(file, path), message: `${subject}${describeValueError(e)}` };
  }
}

const KNOWN_KEYS = new WeakMap<object, readonly string[]>();

/** The keys a schema object declares, one list per schema object (so `suggest` can remember its guesses). */
function knownKeysOf(schema: unknown): readonly string[] {
  if (schema === null || typeof schema !== 'object') return [];
  let keys = KNOWN_KEYS.get(schema);
  if (keys === undefined) KNOWN_KEYS.set(schema, (keys = Object.keys((schema as { properties?: Record<string, unknown> }).properties ?? {})));
  return keys;
}

function describeValueError(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const wanted = String(params.type);
      const key = splitPointer(e.instancePath).at(-1);
      const hint =
        wanted === 'string' && (typeof e.data === 'number' || typeof e.data === 'boolean')
          ? ' (put the value in quotes)'
          : wanted === 'array' && e.data === null && key !== undefined
            ? ` (for an empty list write ${key}: [])`
            : '';
      return `must be ${TYPE_NAMES[wanted] ?? wanted}, not ${describeData(e.data)}${hint}`;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = String(e.data);
      if (allowed.includes(value.toUpperCase())) return `"${value}" must be written in upper case: "${value.toUpperCase()}"`;
      if (allowed.length > 12) {
        return `"${value}" is not one of the ${allowed.length} accepted values (ISO 3166 alpha-2 codes such as US, GB, DE; full list in docs/config.md)`;
      }
      return `must be one of: ${allowed.join(', ')}`;
    }
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'format':
      return `"${String(e.data)}" is not a valid ${params.format === 'email' ? 'email address' : String(params.format)}`;
    case 'pattern':
      return `"${String(e.data)}" ${PATTERN_HINTS[String(params.pattern)] ?? `must match ${String(params.pattern)}`}`;
    case 'minimum':
      return `must be ${String(params.limit)} or more`;
    case 'maximum':
      return `must be ${String(params.limit)} or less`;
    case 'minLength':
      return 'must not be empty';
    default:
      return e.message ?? `is invalid (${e.keyword})`;
  }
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

const PATTERN_HINTS: Record<string, string> = {
  '^[0-9]+$': 'must be a live id made of digits, e.g. "124"',
};

function describeData(data: unknown): string {
  if (data === null) return 'empty';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `"${data}"`;
  return String(data);
}

/** Guesses already made, per list of known keys: a generated file repeats one misspelt key on every entry. */
const SUGGESTIONS = new WeakMap<readonly string[], Map<string, string | undefined>>();

function suggest(key: string, known: readonly string[]): string | undefined {
  let guesses = SUGGESTIONS.get(known);
  if (guesses === undefined) SUGGESTIONS.set(known, (guesses = new Map()));
  if (!guesses.has(key)) guesses.set(key, guessKey(key, known));
  return guesses.get(key);
}

function guessKey(key: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.line}:${p.col}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
