/**
 * Class-3 grants (analytics, proxy) no API reads or writes: what an operator has confirmed is
 * done in Dialpad (`dialform confirm`), as recorded in the confirmations file kept with the config
 * (`src/config/confirmed-record.ts`). Plans compare the config's declarations with these, so they
 * show only changes, and apply waits for a change until it is confirmed.
 */
export type GrantAttribute = 'analytics' | 'proxy';

export interface ConfirmedGrant {
  /** Lower-cased primary email of the user, as the config names them when confirmed. */
  email: string;
  attribute: GrantAttribute;
  /** The value confirmed to be in Dialpad now (`true`: granted). */
  value: boolean;
  /** The step confirmed (`grant_analytics`, …). */
  step: string;
  /**
   * When it was confirmed: an RFC 3339 timestamp (the confirming machine's clock), checked when the
   * file is read. Of two entries for one user and attribute, the one with the newer `at` holds,
   * wherever each stands in the file (a line added below by a merge does not hide a revoke).
   */
  at: string;
}

/** True when `a` was confirmed after `b` (by `at`); on the same instant, the later in the file (`a`) holds. */
export function isConfirmedAfter(a: ConfirmedGrant, b: ConfirmedGrant): boolean {
  return Date.parse(a.at) >= Date.parse(b.at);
}

/** The confirmed value of `attribute` for the user with one of `emails`, if any: the entry with the newest `at` wins. */
export function findConfirmed(grants: readonly ConfirmedGrant[], emails: readonly string[], attribute: GrantAttribute): boolean | undefined {
  const wanted = new Set(emails.map((e) => e.toLowerCase()));
  let found: ConfirmedGrant | undefined;
  for (const g of grants) if (g.attribute === attribute && wanted.has(g.email) && (found === undefined || isConfirmedAfter(g, found))) found = g;
  return found?.value;
}
