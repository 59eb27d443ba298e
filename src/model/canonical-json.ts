/**
 * JSON with object keys sorted at every level and `undefined` members left out, so equal values
 * give equal text whatever order their keys were built in. Digests of the desired and live
 * tenants hash it.
 *
 * Built on `JSON.stringify`: most objects are already built with their keys in one fixed order,
 * and only those whose keys are out of order are copied sorted.
 *
 * `omit` names object keys to leave out at every level (e.g. `source`, where a value was declared).
 */
export function canonicalJson(value: unknown, options: { omit?: ReadonlySet<string> } = {}): string {
  const { omit } = options;
  return (
    JSON.stringify(value, function (this: unknown, key: string, member: unknown) {
      if (key !== '' && !Array.isArray(this) && omit?.has(key)) return undefined;
      return member !== null && typeof member === 'object' && !Array.isArray(member) ? sortedCopy(member) : member;
    }) ?? 'null'
  );
}

/** The object itself when its keys are in code-unit order, else a copy with sorted keys. */
function sortedCopy(value: object): object {
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      const copy: Record<string, unknown> = {};
      for (const key of keys.sort()) copy[key] = (value as Record<string, unknown>)[key];
      return copy;
    }
  }
  return value;
}
