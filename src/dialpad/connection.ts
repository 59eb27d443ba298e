import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { DialformError } from '../errors.js';

/** Where and how to reach Dialpad. */
export interface Connection {
  /** Origin without a trailing slash, e.g. `https://dialpad.com`. */
  baseUrl: string;
  apiKey: string;
}

export const DEFAULT_API_URL = 'https://dialpad.com';

/**
 * Resolves the API connection from flags and environment.
 * Key: `--api-key-file` (contents, trimmed) else `DIALPAD_API_KEY`. URL: `--api-url` else
 * `DIALPAD_API_URL` else `https://dialpad.com`. Plain `http://` is refused except to loopback,
 * so the key never crosses a network in clear text.
 */
export async function resolveConnection(opts: {
  apiUrl?: string;
  apiKeyFile?: string;
  env: NodeJS.ProcessEnv;
}): Promise<Connection> {
  const rawUrl = nonEmpty(opts.apiUrl) ?? nonEmpty(opts.env['DIALPAD_API_URL']) ?? DEFAULT_API_URL;
  const baseUrl = checkApiUrl(rawUrl);
  const apiKey = await readApiKey(opts);
  return { baseUrl, apiKey };
}

async function readApiKey(opts: { apiKeyFile?: string; env: NodeJS.ProcessEnv }): Promise<string> {
  if (opts.apiKeyFile !== undefined) {
    let text: string;
    try {
      text = await readFile(opts.apiKeyFile, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new DialformError('api_key_missing', `cannot read --api-key-file ${opts.apiKeyFile}: ${code}`);
    }
    const key = text.trim();
    if (key === '') throw new DialformError('api_key_missing', `--api-key-file ${opts.apiKeyFile} is empty`);
    return key;
  }
  const key = nonEmpty(opts.env['DIALPAD_API_KEY']?.trim());
  if (key === undefined) {
    throw new DialformError(
      'api_key_missing',
      'no Dialpad API key: set DIALPAD_API_KEY or pass --api-key-file FILE ' +
        '(a company-admin key from Admin Settings › My Company › Authentication › API Keys), ' +
        'or use --emulator to run against the local emulator',
    );
  }
  return key;
}

/** Validates the API URL and returns its origin (path, query and trailing slash dropped). */
export function checkApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DialformError('api_url_invalid', `invalid API URL "${raw}": expected e.g. https://dialpad.com`);
  }
  if (url.username || url.password) {
    throw new DialformError('api_url_invalid', 'the API URL must not contain credentials');
  }
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return url.origin;
    throw new DialformError(
      'api_url_insecure',
      `refusing plain http:// API URL ${url.origin}: the API key would travel unencrypted; use https:// (http is allowed only to loopback)`,
    );
  }
  throw new DialformError('api_url_invalid', `unsupported API URL scheme "${url.protocol}" in ${url.origin}`);
}

/** True for `localhost`, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}
