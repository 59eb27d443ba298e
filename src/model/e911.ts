/**
 * E911 (emergency) addresses: which countries Dialpad requires one in, what a complete one is,
 * when two are the same address, and how one reads on a line. The emulator re-states the
 * required fields and countries (`src/emulator/routes-e911.ts`) to catch a client that gets them wrong.
 */
import type { E911Address } from './tenant.js';

/** The fields of an address, in the order they read. */
export const E911_FIELDS = ['address', 'address2', 'city', 'state', 'zip', 'country'] as const satisfies readonly (keyof E911Address)[];

/** The fields Dialpad's `E911UpdateMessage` requires. */
export const E911_REQUIRED = ['address', 'city', 'state', 'zip', 'country'] as const satisfies readonly (keyof E911Address)[];

/**
 * Countries where Dialpad requires an E911 address for an office (`CreateOfficeMessage`): the
 * US (Kari's Law, RAY BAUM'S Act) and the countries with like duties.
 */
export const E911_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA', 'AU', 'FR', 'GB', 'NZ']);

/**
 * An address as config writes it or Dialpad sends it: each value trimmed, empty and unset ones
 * left out, the country upper-cased (the model's convention).
 */
export function cleanE911(raw: { readonly [K in keyof E911Address]?: string | null }): Partial<E911Address> {
  const out: Partial<E911Address> = {};
  for (const key of E911_FIELDS) {
    const value = raw[key]?.trim();
    if (value !== undefined && value !== '') out[key] = key === 'country' ? value.toUpperCase() : value;
  }
  return out;
}

/** The required fields `address` lacks (empty: complete). */
export function missingE911Fields(address: Partial<E911Address>): string[] {
  return E911_REQUIRED.filter((field) => (address[field] ?? '').trim() === '');
}

export function isCompleteE911(address: Partial<E911Address>): address is E911Address {
  return missingE911Fields(address).length === 0;
}

/** Trimmed, inner spaces collapsed, lower case: Dialpad answers `us`/`ca` and may upper-case what it validates. */
const canonical = (value: string | undefined): string => (value ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/** Whether `a` and `b` are the same address (case and spacing aside; an absent `address2` is an empty one). */
export function isSameE911(a: Partial<E911Address> | undefined, b: Partial<E911Address> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return E911_FIELDS.every((field) => canonical(a[field]) === canonical(b[field]));
}

/** `1 Main St, Suite 4, San Francisco, CA 94111, US`; `(none)` for no address. */
export function formatE911(address: Partial<E911Address> | undefined): string {
  if (address === undefined || E911_FIELDS.every((f) => canonical(address[f]) === '')) return '(none)';
  const stateZip = [address.state, address.zip].filter((v) => v !== undefined && v !== '').join(' ');
  return [address.address, address.address2, address.city, stateZip, address.country].filter((v) => v !== undefined && v !== '').join(', ');
}
