import { compareCodeUnits } from './compare.js';

/**
 * Dialpad ids are int64 sent as decimal strings: two numeric ids compare as numbers ("9" before
 * "10"), anything else (and numerically equal spellings such as "07" and "7") by code units, so
 * the order is total and the same everywhere.
 */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const d = BigInt(a) - BigInt(b);
    if (d !== 0n) return d < 0n ? -1 : 1;
  }
  return compareCodeUnits(a, b);
}
