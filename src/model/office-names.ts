/**
 * When two office names name the same office: trimmed and case-insensitive ("Acme HQ" and
 * "acme hq " are one office to a person). The safe reading: dialform never treats two offices a
 * person would confuse as different, so it neither creates a near-duplicate nor lets config
 * declare two offices that would match one live office.
 */
export function officeNameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** Whether `a` and `b` name the same office (see `officeNameKey`). */
export function isSameOfficeName(a: string, b: string): boolean {
  return officeNameKey(a) === officeNameKey(b);
}
