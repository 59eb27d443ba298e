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
  /** When it was confirmed (ISO time, the confirming machine's clock). */
  at: string;
}

/** The confirmed value of `attribute` for the user with one of `emails`, if any (the newest entry wins). */
export function findConfirmed(grants: readonly ConfirmedGrant[], emails: readonly string[], attribute: GrantAttribute): boolean | undefined {
  const wanted = new Set(emails.map((e) => e.toLowerCase()));
  let found: boolean | undefined;
  for (const g of grants) if (g.attribute === attribute && wanted.has(g.email)) found = g.value;
  return found;
}
