/** Shared fixture and HTTP helpers for the emulator integration tests (real HTTP on 127.0.0.1). */
import { createEmulator, parseFixture, type EmulatorOptions, type Fixture } from '../../src/emulator/index.js';

export const KEY = 'test-company-key';

/**
 * Acme: HQ (US, premium, talk 3 / sell 1), HQ2 (US, premium, talk 1), London (GB, premium, talk 2),
 * Paris (FR, standard, talk 2). Ada and Bob hold HQ talk lines (1 free), Cy the only HQ sell line.
 * Bob has only an internal +1803 number. The pool holds one US and one GB number.
 */
export function makeFixture(): Fixture {
  return {
    company: { id: '1000', name: 'Acme', account_type: 'pro', domain: 'acme.com' },
    offices: [
      { id: '10', name: 'Acme HQ', country: 'us', is_primary_office: true, price_level: 'premium', licenses: { talk_lines: 3, sell_lines: 1, additional_number_lines: 2 } },
      { id: '20', name: 'Acme HQ2', country: 'us', price_level: 'premium', licenses: { talk_lines: 1 } },
      { id: '30', name: 'Acme London', country: 'gb', price_level: 'premium', licenses: { talk_lines: 2 } },
      { id: '40', name: 'Acme Paris', country: 'fr', price_level: 'standard', licenses: { talk_lines: 2 } },
    ],
    users: [
      { id: '101', emails: ['ada@acme.com'], office_id: '10', state: 'active', license: 'talk', first_name: 'Ada', last_name: 'Lovelace', is_super_admin: true, phone_numbers: ['+14155550101'] },
      { id: '102', emails: ['bob@acme.com'], office_id: '10', state: 'active', license: 'talk', first_name: 'Bob', last_name: 'Byte', phone_numbers: ['+18031000102'] },
      { id: '103', emails: ['cy@acme.com'], office_id: '10', state: 'active', license: 'agents', first_name: 'Cy', last_name: 'Sell' },
      { id: '104', emails: ['dee@acme.com'], office_id: '30', state: 'active', license: 'talk', first_name: 'Dee', last_name: 'Brit', phone_numbers: ['+442071230104'] },
    ],
    numbers: [
      { number: '+14155550101', status: 'user', office_id: '10', target_id: '101', target_type: 'user', type: 'local' },
      { number: '+18031000102', status: 'user', office_id: '10', target_id: '102', target_type: 'user', type: 'local' },
      { number: '+442071230104', status: 'user', office_id: '30', target_id: '104', target_type: 'user', type: 'local' },
      { number: '+14155550199', status: 'available', office_id: '10', type: 'local' },
      { number: '+442071230199', status: 'available', office_id: '30', type: 'local' },
    ],
  };
}

export interface Harness {
  url: string;
  /** Calls /api/v2 with the company key (or `key`, or none when `key` is null). */
  api(method: string, path: string, body?: unknown, key?: string | null): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
  /** Calls the console under /_emulator/. */
  console(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Starts an emulator on an ephemeral loopback port. */
export async function startHarness(opts: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const emulator = createEmulator({ rateLimit: 0, ...opts, fixture: parseFixture(JSON.stringify(opts.fixture ?? makeFixture()), 'acme.json') });
  const running = await emulator.listen(0);
  const call = async (method: string, url: string, body: unknown, key: string | null) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (key !== null) headers['authorization'] = `Bearer ${key}`;
    if (body !== undefined || method === 'POST') headers['content-type'] = 'application/json';
    const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, headers: res.headers };
  };
  return {
    url: running.url,
    api: (method, path, body, key = KEY) => call(method, `${running.url}/api/v2${path}`, body, key),
    console: (method, path, body) => call(method, `${running.url}/_emulator${path}`, body, null),
    close: running.close,
  };
}

/** `items` of a list response, typed loosely for assertions. */
export function itemsOf(body: Record<string, unknown>): Record<string, unknown>[] {
  return (body['items'] as Record<string, unknown>[] | undefined) ?? [];
}
