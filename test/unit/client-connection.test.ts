import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DialformError } from '../../src/errors.js';
import { resolveConnection } from '../../src/dialpad/index.js';

describe('resolveConnection', () => {
  it('reads the key from --api-key-file (trimmed) before DIALPAD_API_KEY', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dialform-key-'));
    const file = join(dir, 'key');
    await writeFile(file, '  from-file-key \n');
    const c = await resolveConnection({ apiKeyFile: file, env: { DIALPAD_API_KEY: 'from-env' } });
    expect(c).toEqual({ baseUrl: 'https://dialpad.com', apiKey: 'from-file-key' });
  });

  it('uses DIALPAD_API_KEY and DIALPAD_API_URL, with --api-url winning', async () => {
    const env = { DIALPAD_API_KEY: 'k', DIALPAD_API_URL: 'https://sandbox.dialpad.com/' };
    expect(await resolveConnection({ env })).toEqual({ baseUrl: 'https://sandbox.dialpad.com', apiKey: 'k' });
    expect((await resolveConnection({ env, apiUrl: 'http://127.0.0.1:8080' })).baseUrl).toBe('http://127.0.0.1:8080');
  });

  it.each(['http://127.0.0.1:1', 'http://127.8.9.10', 'http://localhost:3000', 'http://[::1]:9'])('allows plain http to loopback %s', async (apiUrl) => {
    await expect(resolveConnection({ apiUrl, env: { DIALPAD_API_KEY: 'k' } })).resolves.toMatchObject({ apiKey: 'k' });
  });

  it.each(['http://dialpad.com', 'http://10.0.0.1', 'http://128.0.0.1', 'http://localhost.evil.com'])('refuses plain http to %s', async (apiUrl) => {
    const err = await resolveConnection({ apiUrl, env: { DIALPAD_API_KEY: 'k' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DialformError);
    expect((err as DialformError).code).toBe('api_url_insecure');
  });

  it('refuses plain http to a *.localhost name that does not resolve to loopback (issue 12 #9)', async () => {
    const lookup = async (hostname: string) => {
      if (hostname === 'evil.localhost') return [{ address: '10.0.0.5' }];
      if (hostname === 'mixed.localhost') return [{ address: '127.0.0.1' }, { address: '192.0.2.7' }];
      if (hostname === 'good.localhost') return [{ address: '127.0.0.1' }, { address: '::1' }];
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    const env = { DIALPAD_API_KEY: 'k' };
    for (const apiUrl of ['http://evil.localhost:8080', 'http://mixed.localhost', 'http://gone.localhost']) {
      const err = await resolveConnection({ apiUrl, env, lookup }).catch((e: unknown) => e);
      expect(err, apiUrl).toBeInstanceOf(DialformError);
      expect((err as DialformError).code, apiUrl).toBe('api_url_insecure');
    }
    expect((await resolveConnection({ apiUrl: 'http://good.localhost:8080', env, lookup })).baseUrl).toBe('http://good.localhost:8080');
    // https needs no lookup, and neither does a literal loopback address.
    expect((await resolveConnection({ apiUrl: 'https://evil.localhost', env, lookup })).baseUrl).toBe('https://evil.localhost');
    expect((await resolveConnection({ apiUrl: 'http://127.0.0.1:9', env, lookup })).baseUrl).toBe('http://127.0.0.1:9');
  });

  it('says how to provide a key when none is given', async () => {
    const err = (await resolveConnection({ env: {} }).catch((e: unknown) => e)) as DialformError;
    expect(err).toBeInstanceOf(DialformError);
    expect(err.code).toBe('api_key_missing');
    expect(err.message).toMatch(/DIALPAD_API_KEY/);
    expect(err.message).toMatch(/--api-key-file/);
  });

  it('refuses an empty key file and a blank env key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dialform-key-'));
    const file = join(dir, 'key');
    await writeFile(file, '\n');
    await expect(resolveConnection({ apiKeyFile: file, env: {} })).rejects.toThrow(/is empty/);
    await expect(resolveConnection({ env: { DIALPAD_API_KEY: '   ' } })).rejects.toThrow(/no Dialpad API key/);
  });
});
