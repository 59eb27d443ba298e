/**
 * `status --redact` (pure): every string of a `Status` through the plan's redaction
 * (`createRedactor`, src/render/redact.ts: the one home of how emails, numbers and names are masked),
 * the people's names being those the views show, the E911 addresses those of the E911 view
 * (`collectAddresses`: each part that places someone), the desk phones' names and MAC addresses those
 * of the rooms view and of users (`--with deskphones`). Office names, room names, states and times are kept.
 */
import { collectAddresses, createRedactor } from '../render/redact.js';
import { mapStrings } from '../render/map-strings.js';
import type { Status } from './build-status.js';
import { readPhoneSearch } from './search-status.js';

/** `secret` keys the tags that tell masked values apart: the read's `digestLive`, which no view shows. */
export function redactStatus(status: Status, secret: string): Status {
  const phones = [...(status.rooms ?? []), ...status.users].flatMap((o) => o.deskphones ?? []);
  // A desk phone's name is often its person's ("Ada's desk"): masked as a name is.
  const names = [...status.users.map((u) => u.name), ...status.deleted_users.map((d) => d.name), ...(status.e911?.users.map((u) => u.name) ?? []), ...phones.map((d) => d.name)];
  const macs = phones.flatMap((d) => (d.mac_address === null ? [] : [d.mac_address]));
  const redactText = createRedactor({ secret, names, addresses: collectAddresses(status), macs });
  // The fingerprint holds no personal data, and must stay what a reviewer compares with.
  const redacted = mapStrings(status, redactText);
  // A number searched for as people type it (`(415) 555-0101`, which the plan's pattern of a
  // number need not match) keeps its marks and last two digits, and claims no country code.
  const phone = status.search === null ? undefined : readPhoneSearch(status.search);
  const search = phone === undefined || status.search === null ? redacted.search : maskDigits(status.search);
  const differences = status.differences === null || redacted.differences === null ? redacted.differences : { ...redacted.differences, fingerprint: status.differences.fingerprint };
  return { ...redacted, search, differences };
}

/** Every digit but the last two as `•`: `(415) 555-0101` → `(•••) •••-••01`. */
function maskDigits(text: string): string {
  let left = text.replace(/\D/g, '').length - 2;
  return text.replace(/\d/g, (d) => (left-- > 0 ? '•' : d));
}
