import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/apply/journal.js';
import { ApiError, createDialpadClient } from '../../src/dialpad/index.js';

const BASE = 'https://dialpad.test';
/** Long like a real key, and with `/`, `+` and `=`, which URL-encoding changes. */
const KEY = 'Zk3/q+Secr3tKEY=9a8b7c6d5e4f3g2h1i0jKLMNOPqrstuvWXyz01';
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

/** The error of a GET /users/1 answered `status` with `body`, its message and apiMessage. */
async function failureFor(body: string | Record<string, unknown>, status = 400): Promise<ApiError> {
  nock(BASE).get('/api/v2/users/1').reply(status, body);
  const client = createDialpadClient({ baseUrl: BASE, apiKey: KEY, rateLimit: 1000, retry: { maxAttempts: 1 } });
  const error = await client.getUser('1').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

function expectNoKeyForm(text: string): void {
  for (const form of [KEY, encodeURIComponent(KEY), KEY.toUpperCase(), KEY.toLowerCase(), b64(KEY), KEY.slice(0, 27), KEY.slice(27)]) {
    expect(text).not.toContain(form);
  }
}

describe('the key echoed back by the server in another form', () => {
  it('scrubs the key when the server echoes it URL-encoded (issue 12 #8)', async () => {
    const error = await failureFor({ error: { message: `invalid token ${encodeURIComponent(KEY)}` } });
    expectNoKeyForm(error.message);
    expect(error.message).toContain('invalid token [REDACTED]');
  });

  it('scrubs the key when the server echoes it base64-encoded inside Bearer (issue 12 #8)', async () => {
    for (const encoded of [b64(KEY), b64(`Bearer ${KEY}`), b64(`x:${KEY}`), b64(`xy:${KEY}`).replace(/\+/g, '-').replace(/\//g, '_')]) {
      const error = await failureFor({ error: { message: `bad header Bearer ${encoded}` } });
      expectNoKeyForm(error.message);
      const fully = Buffer.from(error.message.replace(/^.*Bearer /, '').split(/[^A-Za-z0-9+/=_-]/)[0] ?? '', 'base64').toString('latin1');
      expect(fully, encoded).not.toContain(KEY.slice(4, 40));
    }
  });

  it('scrubs the key when the server echoes it upper- or lower-cased (issue 12 #8)', async () => {
    for (const echoed of [KEY.toUpperCase(), KEY.toLowerCase()]) {
      const error = await failureFor({ error: { message: `unknown key ${echoed}.` } });
      expectNoKeyForm(error.message);
      expect(error.message).toContain('unknown key [REDACTED].');
    }
  });

  it('strips token-like runs when the server echoes the key split across lines or spaces (issue 12 #8)', async () => {
    for (const sep of ['\n', ' ', '\r\n  ']) {
      const error = await failureFor({ error: { message: `key was ${KEY.slice(0, 27)}${sep}${KEY.slice(27)} (refused)` } });
      expectNoKeyForm(error.message);
      expect(error.message).not.toContain('\n');
      expect(error.message).toContain('(refused)');
    }
  });

  it('keeps at most a few hundred characters of an error body, JSON or not (issue 12 #8)', async () => {
    const long = `${'lorem ipsum '.repeat(400)}${KEY}`;
    const json = await failureFor({ error: { message: long } }, 500);
    expect(json.apiMessage?.length ?? 0).toBeLessThanOrEqual(300);
    expect(json.apiMessage).toMatch(/^lorem ipsum .*…$/);
    const text = await failureFor(`<html><body>${long}</body></html>`, 502);
    expect(text.apiMessage?.length ?? 0).toBeLessThanOrEqual(300);
    expect(text.apiMessage).toMatch(/^<html><body>lorem ipsum /);
    expectNoKeyForm(`${json.message}${text.message}`);
  });
});

describe('what the journal keeps of an error', () => {
  it('stores a bounded, single-line error with token-like runs removed in the journal (issue 12 #8)', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'dialform-journal-')), '.dialform', 'journal.jsonl');
    const journal = openJournal(path);
    await journal.prepare();
    const raw = `Dialpad API: users.get failed: HTTP 500: ${'x '.repeat(2000)}\n${KEY.slice(0, 27)}\n${KEY.slice(27)}`;
    await journal.record({ plan: 'p', op: 'op-1', kind: 'delete_user', status: 'failed', at: '2026-01-01T00:00:00Z', error: raw });
    const text = await readFile(path, 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    const entry = JSON.parse(text) as { error: string };
    expect(entry.error.length).toBeLessThanOrEqual(500);
    expect(entry.error).toMatch(/^Dialpad API: users\.get failed: HTTP 500: x x /);
    expect(entry.error).not.toContain('\n');
    expectNoKeyForm(text);
  });
});
