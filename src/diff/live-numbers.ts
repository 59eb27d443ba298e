import type { LiveState, User } from '../model/tenant.js';

/**
 * The numbers a live user holds: their own list (primary first) plus any company number whose
 * target is them, whichever the reader filled. Read-only: a user's own list is returned as it is,
 * not copied per call (the plan asks for every user's, several times).
 */
export function indexLiveNumbers(live: LiveState): (user: User) => readonly string[] {
  const byEmail = new Map<string, string[]>();
  for (const n of live.tenant.numbers) {
    if (n.userEmail === undefined || n.status === 'available') continue;
    const email = n.userEmail.toLowerCase();
    const held = byEmail.get(email);
    if (held === undefined) byEmail.set(email, [n.number]);
    else held.push(n.number);
  }
  const none: readonly string[] = [];
  return (user) => {
    const own = user.numbers ?? none;
    if (user.state === 'deleted' || byEmail.size === 0) return own;
    const targeted = byEmail.get(user.email.toLowerCase());
    return targeted === undefined ? own : [...own, ...targeted.filter((n) => !own.includes(n))];
  };
}
