/**
 * Dialpad keeps a deleted user restorable for 72 hours; after that the account is anonymized
 * (seed/manage-your-users.txt: "Deleted users can be restored for up to 72 hours after the
 * initial deletion").
 */
export const RESTORE_WINDOW_HOURS = 72;

export const RESTORE_WINDOW_MS = RESTORE_WINDOW_HOURS * 3600 * 1000;

/** The last moment a user deleted at `deletedAt` can be restored (exclusive). */
export function restorableUntil(deletedAt: Date): Date {
  return new Date(deletedAt.getTime() + RESTORE_WINDOW_MS);
}

/** Whether a user deleted at `deletedAtMs` (epoch ms) can still be restored at `nowMs`. */
export function isStillRestorable(deletedAtMs: number, nowMs: number): boolean {
  return nowMs - deletedAtMs < RESTORE_WINDOW_MS;
}
