import { describe, expect, it } from 'vitest';
import { isStillRestorable, RESTORE_WINDOW_HOURS, restorableUntil } from '../../src/model/restore-window.js';

describe('restore window', () => {
  const deleted = new Date('2026-01-01T00:00:00Z');

  it('is the 72 hours the Dialpad help names', () => {
    expect(RESTORE_WINDOW_HOURS).toBe(72);
    expect(restorableUntil(deleted).toISOString()).toBe('2026-01-04T00:00:00.000Z');
  });

  it.each([
    { at: '2026-01-03T23:59:59.999Z', want: true },
    { at: '2026-01-04T00:00:00.000Z', want: false },
  ])('at $at a user deleted at midnight is restorable: $want', ({ at, want }) => {
    expect(isStillRestorable(deleted.getTime(), Date.parse(at))).toBe(want);
  });
});
