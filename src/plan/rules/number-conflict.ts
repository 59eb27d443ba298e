import { foreignNumberCountry } from '../../model/international-move.js';
import type { Violation } from '../types.js';
import { at, type RuleContext } from './context.js';

/**
 * Numbers config cannot have: one number wanted by two owners (two users, or a user and
 * `reserved_numbers.keep`), and a number outside its user's office country (`foreignNumberCountry`).
 * Assigns the simulation could not satisfy (the number never reaches the pool, e.g. its holder's
 * numbers are unmanaged) are errors of this code too, from `assign_number`'s precondition.
 */
export function checkNumberConflict(ctx: RuleContext): Violation[] {
  const out: Violation[] = [];
  // Only the numbers wanted twice are listed, sorted and reported: each number's first owner is kept
  // alone, and a list is made only for a number a second owner wants (not one per number: 50,000 lists).
  // Owners are named (email and position) only for the numbers reported, not for every number.
  type Owner = { email: string; source?: string };
  const first = new Map<string, Owner>();
  const shared = new Map<string, Owner[]>();
  const addOwner = (n: string, owner: Owner) => {
    const one = first.get(n);
    if (one === undefined) first.set(n, owner);
    else {
      const who = shared.get(n);
      if (who === undefined) shared.set(n, [one, owner]);
      else who.push(owner);
    }
  };
  // One pass over config's users: the owners of each number, and each number's country against
  // its user's office (reported after the numbers wanted twice).
  const countryOf = ctx.trace.initial.numberCountry;
  const foreign: { number: string; message: string }[] = [];
  for (const user of ctx.desired.tenant.users) {
    if (user.numbers === undefined || user.numbers.length === 0) continue;
    const country = ctx.book.country(user.office).toUpperCase();
    for (const n of user.numbers) {
      addOwner(n, user);
      const numberCountry = foreignNumberCountry(n, country, countryOf(n));
      if (numberCountry === undefined) continue;
      foreign.push({
        number: n,
        message:
          `${n} for ${user.email}${at(user.source)} is ${withArticle(numberCountry)} number but their office ${ctx.book.ref(user.office).name} ` +
          `is in ${country}; Dialpad assigns numbers in the office's country (an international move replaces them). ` +
          `List a ${country} number, or put the user in an office in ${numberCountry}.`,
      });
    }
  }
  const keep = { email: 'reserved_numbers.keep', source: ctx.desired.reservedNumbers.source };
  // The keep list is an owner only of numbers some user wants too.
  for (const n of ctx.desired.reservedNumbers.keep) if (first.has(n)) addOwner(n, keep);
  const opsFor = (number: string) =>
    ctx.operations.filter((op) => (op.kind === 'assign_number' || op.kind === 'release_number') && op.number === number).map((op) => op.id);
  const conflicts = [...shared];
  for (const [number, who] of conflicts.sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push({
      code: 'number_conflict',
      severity: 'error',
      message: `${number} is wanted by ${who.map((w) => `${w.email}${at(w.source)}`).join(' and ')}; a number has one owner. Keep it in one place in config.`,
      operation_ids: opsFor(number),
    });
  }
  for (const { number, message } of foreign) out.push({ code: 'number_conflict', severity: 'error', message, operation_ids: opsFor(number) });

  return out;
}

/**
 * `a US`, `an IE`: the article as the code is read aloud, letter by letter (`an` before a letter
 * name that starts with a vowel sound: A, E, F, H, I, L, M, N, O, R, S, X).
 */
function withArticle(code: string): string {
  return `${/^[AEFHILMNORSX]/.test(code) ? 'an' : 'a'} ${code}`;
}
