/**
 * GitHub Actions expressions (`${{ … }}`), evaluated as the runner does, for the part action.yml
 * uses: literals, context paths (`inputs.plan-file`, `steps.run.outputs.run-id`, `a['b']`), `!`,
 * `==` `!=` `<` `<=` `>` `>=`, `&&` `||` (which return an operand, so `a || 'default'` works),
 * parentheses, and the functions `format`, `contains`, `startsWith`, `endsWith`, `toJSON`,
 * `fromJSON`, `hashFiles` and the status checks `success`, `failure`, `always`, `cancelled`.
 * Semantics from docs.github.com "Evaluate expressions": a missing property is null; `==` on two
 * strings ignores case; operands of different types compare as numbers; null, false, 0, '' and NaN
 * are falsy; in `${{ }}` interpolation null is ''. (The npm package @actions/expressions implements
 * the language fully but is not installed here; this covers what action.yml uses, tested in
 * test/unit/actions-expressions.test.ts.)
 */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface ExpressionFunctions {
  /** `hashFiles(…patterns)`: '' when no file matches. */
  hashFiles(patterns: string[]): string;
  /** The job status so far, for `success()` / `failure()`. */
  status(): 'success' | 'failure';
}

type Token = { kind: 'str'; value: string } | { kind: 'num'; value: number } | { kind: 'id'; value: string } | { kind: 'op'; value: string };

const TOKEN = /\s*(?:'((?:[^']|'')*)'|(\d+(?:\.\d+)?|0x[0-9a-fA-F]+)|(==|!=|<=|>=|&&|\|\||[!<>().,[\]*])|([A-Za-z_][\w-]*))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (!/^\s*$/.test(source.slice(TOKEN.lastIndex))) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new Error(`cannot read the expression at ${JSON.stringify(source.slice(at))}`);
    if (m[1] !== undefined) tokens.push({ kind: 'str', value: m[1].replace(/''/g, "'") });
    else if (m[2] !== undefined) tokens.push({ kind: 'num', value: Number(m[2]) });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', value: m[3] });
    else tokens.push({ kind: 'id', value: m[4] ?? '' });
  }
  return tokens;
}

export function isTruthy(value: Value): boolean {
  return !(value === null || value === false || value === 0 || value === '' || Number.isNaN(value));
}

function toNumber(value: Value): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return NaN;
}

/** Value as `${{ }}` interpolation and `format()` print it. */
export function toText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

function compare(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toUpperCase();
    const y = b.toUpperCase();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (typeof a === 'object' && a !== null) return a === b ? 0 : NaN;
  const x = toNumber(a);
  const y = toNumber(b);
  return x === y ? 0 : x < y ? -1 : x > y ? 1 : NaN;
}

function property(object: Value, key: string): Value {
  if (object === null || typeof object !== 'object') return null;
  if (Array.isArray(object)) return /^\d+$/.test(key) ? (object[Number(key)] ?? null) : null;
  const found = Object.keys(object).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? null : (object[found] ?? null);
}

/** Evaluates one expression (the text inside `${{ }}` or an `if:`) against `contexts`. */
export function evaluate(source: string, contexts: Record<string, Value>, fns: ExpressionFunctions): Value {
  const tokens = tokenize(source);
  let i = 0;
  const peek = (value: string): boolean => tokens[i]?.kind === 'op' && tokens[i]?.value === value;
  const expect = (value: string): void => {
    if (!peek(value)) throw new Error(`expected ${value} in ${source}`);
    i += 1;
  };

  const callFunction = (name: string, args: Value[]): Value => {
    switch (name.toLowerCase()) {
      case 'format':
        return toText(args[0] ?? null).replace(/\{(\d+)\}/g, (_, n: string) => toText(args[Number(n) + 1] ?? null));
      case 'contains': {
        const [hay, needle] = [args[0] ?? null, args[1] ?? null];
        if (Array.isArray(hay)) return hay.some((v) => compare(v, needle) === 0);
        return toText(hay).toLowerCase().includes(toText(needle).toLowerCase());
      }
      case 'startswith':
        return toText(args[0] ?? null).toLowerCase().startsWith(toText(args[1] ?? null).toLowerCase());
      case 'endswith':
        return toText(args[0] ?? null).toLowerCase().endsWith(toText(args[1] ?? null).toLowerCase());
      case 'tojson':
        return JSON.stringify(args[0] ?? null, null, 2);
      case 'fromjson':
        return JSON.parse(toText(args[0] ?? null)) as Value;
      case 'hashfiles':
        return fns.hashFiles(args.map(toText));
      case 'success':
        return fns.status() === 'success';
      case 'failure':
        return fns.status() === 'failure';
      case 'always':
        return true;
      case 'cancelled':
        return false;
      default:
        throw new Error(`unknown function ${name} in ${source}`);
    }
  };

  const primary = (): Value => {
    const t = tokens[i++];
    if (!t) throw new Error(`unexpected end of ${source}`);
    if (t.kind === 'str' || t.kind === 'num') return t.value;
    if (t.kind === 'op' && t.value === '(') {
      const v = or();
      expect(')');
      return v;
    }
    if (t.kind !== 'id') throw new Error(`unexpected ${t.value} in ${source}`);
    if (t.value === 'true' || t.value === 'false') return t.value === 'true';
    if (t.value === 'null') return null;
    if (peek('(')) {
      i += 1;
      const args: Value[] = [];
      while (!peek(')')) {
        args.push(or());
        if (!peek(')')) expect(',');
      }
      i += 1;
      return callFunction(t.value, args);
    }
    let value = property(contexts as Value, t.value);
    for (;;) {
      if (peek('.')) {
        i += 1;
        const key = tokens[i++];
        if (key?.kind !== 'id') throw new Error(`expected a property name in ${source}`);
        value = property(value, key.value);
      } else if (peek('[')) {
        i += 1;
        const key = or();
        expect(']');
        value = property(value, toText(key));
      } else return value;
    }
  };
  const unary = (): Value => {
    if (peek('!')) {
      i += 1;
      return !isTruthy(unary());
    }
    return primary();
  };
  const comparison = (): Value => {
    let left = unary();
    for (;;) {
      const op = tokens[i];
      if (op?.kind !== 'op' || !['==', '!=', '<', '<=', '>', '>='].includes(op.value)) return left;
      i += 1;
      const c = compare(left, unary());
      left = { '==': c === 0, '!=': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[op.value] ?? false;
    }
  };
  const and = (): Value => {
    let left = comparison();
    while (peek('&&')) {
      i += 1;
      const right = comparison();
      left = isTruthy(left) ? right : left;
    }
    return left;
  };
  function or(): Value {
    let left = and();
    while (peek('||')) {
      i += 1;
      const right = and();
      left = isTruthy(left) ? left : right;
    }
    return left;
  }

  const result = or();
  if (i !== tokens.length) throw new Error(`unexpected ${JSON.stringify(tokens[i])} in ${source}`);
  return result;
}

/** A string with `${{ … }}` parts, interpolated (a value that is one whole expression keeps its type in `if:` only). */
export function interpolate(text: string, contexts: Record<string, Value>, fns: ExpressionFunctions): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => toText(evaluate(expr, contexts, fns)));
}

/** An `if:` condition as the runner reads it: `${{ }}` optional, and `success() && (…)` unless it calls a status function. */
export function evaluateCondition(condition: string | undefined, contexts: Record<string, Value>, fns: ExpressionFunctions): boolean {
  if (condition === undefined || condition.trim() === '') return fns.status() === 'success';
  const bare = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const guarded = /\b(success|failure|always|cancelled)\s*\(/i.test(bare) ? bare : `success() && (${bare})`;
  return isTruthy(evaluate(guarded, contexts, fns));
}
