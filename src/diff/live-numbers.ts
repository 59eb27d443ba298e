import type { LiveState, User } from '../model/tenant.js';

/**
 * The numbers a live user holds: their own list (primary first) plus any company number whose
 * target is them, whichever the reader filled.
 */
export function indexLiveNumbers(live: LiveState): (user: User) => string[] {
  const byEmail = new Map<string, string[]>();
  for (const n of live.tenant.numbers) {
    if (n.userEmail === undefined || n.status === 'available') continue;
    const email = n.userEmail.toLowerCase();
    const held = byEmail.get(email);
    if (held === undefined) byEmail.set(email, [n.number]);
    else held.push(n.number);
  }
  return (user) => {
    if (user.state === 'deleted') return [...(user.numbers ?? [])];
    const own = user.numbers ?? [];
    const targeted = byEmail.get(user.email.toLowerCase());
    return targeted === undefined ? [...own] : [...own, ...targeted.filter((n) => !own.includes(n))];
  };
}
