/**
 * The one place that decides which lifecycle changes dialform owns (docs/lifecycle.md). A user's
 * lifecycle owner is their entry's `lifecycle`, else their office's, else `policy.lifecycle`, else
 * `dialform`. Under `external` an identity provider (SCIM) decides who exists and whether they are
 * active, so the differ sees, for such users:
 * - an entry with no live account (or a deleted one) as waiting for provisioning: no change but
 *   `await_provisioning`, nothing about its numbers;
 * - an entry with a live account as wanting the state it has in Dialpad (so no suspend, reactivate
 *   or delete is ever derived), everything else reconciled as usual;
 * - an entry with `state: deleted` as the IdP's to carry out: nothing;
 * - a live user absent from config as outside `policy.unmanaged_users`: left as it is.
 * `diffUsers` and `diffNumbers` match users only through `matchOwnedUsers`.
 */
import { matchUsers } from '../model/match-users.js';
import type { DesiredState, LifecycleOwner, LiveState, User } from '../model/tenant.js';

/** Live states of an account that is gone or going. */
const GONE: ReadonlySet<string> = new Set(['deleted', 'cancelled']);

/** The owner of a config user's lifecycle, or of a live user's (by the office it is in, keyed to config). */
export function lifecycleOwnerOf(desired: DesiredState, user: Pick<User, 'office' | 'lifecycle'>): LifecycleOwner {
  const office = desired.tenant.offices.find((o) => o.key === user.office);
  return user.lifecycle ?? office?.lifecycle ?? desired.policy.lifecycle ?? 'dialform';
}

export interface OwnedUserMatch {
  /** Entries to reconcile with their live account (if any); under `external`, `user.state` is live's. */
  pairs: { user: User; live?: User }[];
  /** Entries an identity provider has not provisioned yet (owner `external`, no live account). */
  waiting: User[];
  /** Live users absent from config that `policy.unmanaged_users` acts on (owner `dialform`). */
  unmanaged: User[];
}

export function matchOwnedUsers(desired: DesiredState, live: LiveState): OwnedUserMatch {
  const { pairs, unmanaged } = matchUsers(desired, live);
  const owned: OwnedUserMatch = { pairs: [], waiting: [], unmanaged: [] };
  for (const pair of pairs) {
    const { user, live: found } = pair;
    if (lifecycleOwnerOf(desired, user) === 'dialform') owned.pairs.push(pair);
    else if (user.state === 'deleted') continue;
    else if (found === undefined || GONE.has(found.state)) owned.waiting.push(user);
    else owned.pairs.push({ user: { ...user, state: found.state }, live: found });
  }
  owned.unmanaged = unmanaged.filter((u) => lifecycleOwnerOf(desired, u) === 'dialform');
  return owned;
}
