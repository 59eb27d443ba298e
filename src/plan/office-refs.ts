import type { DesiredState, LiveState, Office } from '../model/tenant.js';
import type { OfficeRef } from './types.js';

/**
 * Looks up offices by key on both sides: config for declarations, live for ids. An office is named
 * as Dialpad names it now (its live name) while it exists, so every instruction names an office a
 * person can find; a rename to config's name is its own step (`rename_office`). An office the
 * plan creates has config's name.
 */
export interface OfficeBook {
  ref(key: string): OfficeRef;
  /** Upper-case country, or '' when the office is unknown on both sides. */
  country(key: string): string;
  priceLevel(key: string): string | undefined;
  desired(key: string): Office | undefined;
  live(key: string): Office | undefined;
}

export function createOfficeBook(desired: DesiredState, live: LiveState): OfficeBook {
  const want = new Map(desired.tenant.offices.map((o) => [o.key, o]));
  const have = new Map(live.tenant.offices.map((o) => [o.key, o]));
  return {
    ref(key) {
      const l = have.get(key);
      const name = l?.name ?? want.get(key)?.name ?? key;
      return l?.id === undefined ? { key, name } : { key, id: l.id, name };
    },
    country: (key) => (want.get(key)?.country ?? have.get(key)?.country ?? '').toUpperCase(),
    priceLevel: (key) => want.get(key)?.priceLevel ?? have.get(key)?.priceLevel,
    desired: (key) => want.get(key),
    live: (key) => have.get(key),
  };
}
