/**
 * A deep copy of a plain JSON value with `f` applied to every string value (object keys, which
 * are field names, are kept). Renderers use it to mask (`redact.ts`) and to neutralise control
 * characters (`terminal-safe.ts`) in every field of a plan at once.
 */
export function mapStrings<T>(value: T, f: (text: string) => string): T {
  return mapValue(value, f) as T;
}

function mapValue(value: unknown, f: (text: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapValue(v, f));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapValue(v, f);
    return out;
  }
  return value;
}
