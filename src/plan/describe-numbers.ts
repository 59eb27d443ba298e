/** Display texts of where numbers go, for operations' notes (pure; `operationsFromChange`). */
import { agreeing } from './plural.js';

/** Display: what an international move leaves the user holding (the pooled numbers are the op's own field). */
export function describeNumbersAfterMove(m: { email: string; fromCountry: string; toCountry: string; held: readonly string[]; via: string; wanted: string[] | undefined; picked: string | undefined }): string {
  const head = `International move (${m.fromCountry} → ${m.toCountry}), the license stays the same: `;
  if (m.via === 'move_office') return `${head}${m.email} only has internal +1803 numbers, which Dialpad keeps (${m.held.join(', ')}).`;
  if (m.wanted === undefined) {
    return m.picked === undefined
      ? `${head}${m.email} then holds a new ${m.toCountry} number Dialpad provisions (the reserved pool holds no ${m.toCountry} number config leaves free; Dialpad would take one from the pool first).`
      : `${head}${m.email} then holds ${m.picked}, a reserved-pool ${m.toCountry} number config neither keeps nor gives anyone (list numbers: in their entry to choose another).`;
  }
  if (m.wanted.length === 0) return `${head}${m.email} then holds no number (config lists none).`;
  return `${head}${m.email} then holds exactly what config lists: ${m.wanted.join(', ')} (assigned after the move).`;
}

/** `+1… goes to the reserved pool` / `+1…, +1… go to the reserved pool`. */
export function describePooled(numbers: readonly string[]): string {
  return `${numbers.join(', ')} ${agreeing(numbers.length, 'goes', 'go')} to the reserved pool`;
}

/** Where a deleted group's numbers end: the reserved pool, and for some released to Dialpad by this plan. */
export function describeGroupNumbers(numbers: readonly string[], released: ReadonlySet<string>): string[] {
  if (numbers.length === 0) return [];
  const gone = numbers.filter((n) => released.has(n));
  return [
    `${describePooled([...numbers])}: callers reach no one there, and ${agreeing(numbers.length, 'it counts', 'each counts')} under policy.max_deletions.`,
    ...(gone.length === 0 ? [] : [`Then released to Dialpad (reserved_numbers.release_unlisted), for good: ${gone.join(', ')}.`]),
  ];
}
