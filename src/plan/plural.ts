/** `1 user`, `2 users`: a count with its noun in the right number (regular English plurals only). */
export function countOf(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}
