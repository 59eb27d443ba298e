import { relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** Every libphonenumber parse the code makes, by the string parsed. */
const parsed: string[] = [];

vi.mock('libphonenumber-js/max', async (importOriginal) => {
  const lib = await importOriginal<typeof import('libphonenumber-js/max')>();
  return {
    ...lib,
    parsePhoneNumberFromString: (...args: Parameters<typeof lib.parsePhoneNumberFromString>) => {
      parsed.push(String(args[0]));
      return lib.parsePhoneNumberFromString(...args);
    },
    isValidPhoneNumber: (...args: Parameters<typeof lib.isValidPhoneNumber>) => {
      parsed.push(String(args[0]));
      return lib.isValidPhoneNumber(...args);
    },
  };
});

const { loadConfig } = await import('../../src/config/index.js');
const { createDialpadClient } = await import('../../src/dialpad/index.js');
const { createEmulator, loadFixture } = await import('../../src/emulator/index.js');
const { planAgainstLive } = await import('../../src/plan-against-live.js');

const SCENARIO = 'test/golden/delete-before-reassign-number';

describe('a number is parsed once per process', () => {
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await createEmulator({ fixture: await loadFixture(`${SCENARIO}/fixture.json`) }).listen(0);
  });
  afterAll(async () => server.close());

  it('plans without parsing again the config numbers validation parsed (issue 15 #4)', async () => {
    const desired = await loadConfig(relative(process.cwd(), `${SCENARIO}/config.yaml`));
    const validated = new Set(parsed);
    const configNumbers = desired.tenant.users.flatMap((u) => u.numbers ?? []);
    expect(configNumbers.length).toBeGreaterThan(0);
    expect(configNumbers.every((n) => validated.has(n))).toBe(true);

    parsed.length = 0;
    const client = createDialpadClient({ baseUrl: server.url, apiKey: 'parse-once-key' });
    const { plan } = await planAgainstLive({ desired, client, now: new Date('2026-11-26T18:00:00Z') });
    expect(plan.operations.length).toBeGreaterThan(0);
    expect(parsed.filter((n) => validated.has(n))).toEqual([]);
  });
});
