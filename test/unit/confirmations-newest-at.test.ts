import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIRMED_FILE, mergeConfirmed, readConfirmed } from '../../src/config/confirmed-record.js';
import { DialformError } from '../../src/errors.js';
import { findConfirmed, type ConfirmedGrant } from '../../src/model/confirmed-grants.js';

/** Issue 26 item 13: the newest `at` wins, `at` is an RFC 3339 timestamp, a BOM is accepted. */
const entry = (value: boolean, at: string): ConfirmedGrant => ({ email: 'ada@acme.com', attribute: 'analytics', value, step: value ? 'grant_analytics' : 'revoke_analytics', at });

async function writeRecord(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dialform-confirmed-at-'));
  await writeFile(join(dir, CONFIRMED_FILE), text);
  return dir;
}

const revokeThenOlderGrant = [entry(false, '2026-11-20T10:00:00Z'), entry(true, '2026-11-19T10:00:00Z')];

describe('confirmations: the newest at wins (issue 26 item 13)', () => {
  it('a later line with an older at does not hide a revoke, in plans and in what confirm writes', () => {
    expect(findConfirmed(revokeThenOlderGrant, ['ada@acme.com'], 'analytics')).toBe(false);
    expect(findConfirmed([...revokeThenOlderGrant].reverse(), ['ada@acme.com'], 'analytics')).toBe(false);
    // Offsets count: 11:30+02:00 is 09:30Z, older than 10:00Z.
    expect(findConfirmed([entry(false, '2026-11-20T10:00:00Z'), entry(true, '2026-11-20T11:30:00+02:00')], ['ada@acme.com'], 'analytics')).toBe(false);
    expect(mergeConfirmed(revokeThenOlderGrant, [])).toEqual([revokeThenOlderGrant[0]]);
  });

  it('refuses an at that is not an RFC 3339 timestamp, naming the entry', async () => {
    for (const at of ['yesterday', '2026-11-20', '2026-02-31T00:00:00Z', '2026-11-20T10:00:00']) {
      const dir = await writeRecord(JSON.stringify({ format_version: 1, confirmed: [entry(true, at)] }));
      const error = await readConfirmed(dir).catch((e: unknown) => e);
      expect(error, at).toBeInstanceOf(DialformError);
      expect((error as DialformError).code).toBe('confirmed_invalid');
      expect((error as Error).message).toContain('/confirmed/0/at must be a timestamp');
    }
  });

  it('reads a file saved with a UTF-8 byte-order mark', async () => {
    const dir = await writeRecord(`\uFEFF${JSON.stringify({ format_version: 1, confirmed: [entry(true, '2026-11-20T10:00:00.000Z')] })}`);
    expect((await readConfirmed(dir)).grants).toEqual([entry(true, '2026-11-20T10:00:00.000Z')]);
  });
});
