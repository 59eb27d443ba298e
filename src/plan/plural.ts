/**
 * Words that agree with a count, the one home of dialform's plurals (regular English plurals
 * only). The `(s)` forms some CLI lines print are a choice of wording, not a plural made here.
 */

/** `user` for 1, else `users`. */
export function nounOf(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}

/** `1 user`, `2 users`: a count with its noun in the right number. */
export function countOf(n: number, noun: string): string {
  return `${n} ${nounOf(n, noun)}`;
}

/** `singular` for 1, else `plural`: a verb or word whose plural is not the noun's `s` (`was`/`were`, `goes`/`go`). */
export function agreeing(n: number, singular: string, plural: string): string {
  return n === 1 ? singular : plural;
}
