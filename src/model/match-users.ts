/**
 * User identity: a desired user stands for the live account with its email, else for the one with
 * the first of its `previous_emails` that exists. Emails compare case-insensitively. The differ,
 * the planner's simulation and the class-3 comparison with a base config all match through here.
 */
import type { DesiredState, LiveState, User } from './tenant.js';

/** States of an account that is gone or going: it holds no license and is never "unmanaged". */
export const GONE_STATES: ReadonlySet<string> = new Set(['deleted', 'cancelled']);

/**
 * Users by lower-cased email. When an email appears twice (a deleted account and a newer live
 * one), the live one wins: restore applies only when no other account holds the email.
 */
export function indexUsersByEmail(users: readonly User[]): Map<string, User> {
  const byEmail = new Map<string, User>();
  for (const user of users) {
    const email = user.email.toLowerCase();
    const seen = byEmail.get(email);
    if (seen === undefined || (seen.state === 'deleted' && user.state !== 'deleted')) byEmail.set(email, user);
  }
  return byEmail;
}

/** The user `user` stands for in `byEmail` (see `indexUsersByEmail`): by email, then by `previous_emails` in order. */
export function findUserByEmails(user: User, byEmail: ReadonlyMap<string, User>): User | undefined {
  const found = byEmail.get(user.email.toLowerCase());
  if (found !== undefined) return found;
  for (const email of user.previousEmails ?? []) {
    const found = byEmail.get(email.toLowerCase());
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Each desired user with the live account it stands for (if any), and the live users no entry claims. */
export interface UserMatch {
  pairs: { user: User; live?: User }[];
  /** Live users absent from config, not deleted or cancelled: what `policy.unmanaged_users` acts on. */
  unmanaged: User[];
}

/** `byEmail`: `indexUsersByEmail` of the live users, when the caller has it already. */
export function matchUsers(desired: DesiredState, live: LiveState, byEmail: ReadonlyMap<string, User> = indexUsersByEmail(live.tenant.users)): UserMatch {
  const matched = new Set<User>();
  const pairs: UserMatch['pairs'] = [];
  for (const user of desired.tenant.users) {
    const found = findUserByEmails(user, byEmail);
    if (found !== undefined) matched.add(found);
    pairs.push(found === undefined ? { user } : { user, live: found });
  }
  const unmanaged = live.tenant.users.filter(
    (u) => !matched.has(u) && !GONE_STATES.has(u.state) && byEmail.get(u.email.toLowerCase()) === u,
  );
  return { pairs, unmanaged };
}

/** Live email → desired email (both lower-cased), for the pairs matched through `previous_emails`. */
export function listEmailAliases(match: UserMatch): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const { user, live } of match.pairs) {
    if (live !== undefined && live.email.toLowerCase() !== user.email.toLowerCase()) {
      aliases.set(live.email.toLowerCase(), user.email.toLowerCase());
    }
  }
  return aliases;
}
