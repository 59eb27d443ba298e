import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { DialformError } from '../errors.js';
import { readUserText, UserFileError } from '../read-user-file.js';

/** Where and how to reach Dialpad. */
export interface Connection {
  /** Origin without a trailing slash, e.g. `https://dialpad.com`. */
  baseUrl: string;
  apiKey: string;
}

export const DEFAULT_API_URL = 'https://dialpad.com';

/** Resolves a host name to all its addresses (`dns.lookup` with `all: true`); injectable for tests. */
export type LookupAll = (hostname: string) => Promise<Array<{ address: string }>>;

const defaultLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Resolves the API connection from flags and environment.
 * Key: `--api-key-file` (contents, trimmed) else `DIALPAD_API_KEY`. URL: `--api-url` else
 * `DIALPAD_API_URL` else `https://dialpad.com`. Plain `http://` is refused except to loopback,
 * so the key never crosses a network in clear text: a 127.0.0.0/8 or ::1 address, or `localhost`
 * / `*.localhost` when every address the name resolves to is one (a name alone proves nothing:
 * `/etc/hosts` or a DNS server can point `foo.localhost` anywhere).
 */
export async function resolveConnection(opts: {
  apiUrl?: string;
  apiKeyFile?: string;
  env: NodeJS.ProcessEnv;
  /** Default: `dns.lookup`. */
  lookup?: LookupAll;
}): Promise<Connection> {
  const rawUrl = nonEmpty(opts.apiUrl) ?? nonEmpty(opts.env['DIALPAD_API_URL']) ?? DEFAULT_API_URL;
  const baseUrl = checkApiUrl(rawUrl);
  await checkLoopbackName(baseUrl, opts.lookup ?? defaultLookup);
  const apiKey = await readApiKey(opts);
  return { baseUrl, apiKey };
}

async function readApiKey(opts: { apiKeyFile?: string; env: NodeJS.ProcessEnv }): Promise<string> {
  if (opts.apiKeyFile !== undefined) {
    let text: string;
    try {
      // A key is a line of text: 64 KiB is far more than any.
      text = await readUserText(opts.apiKeyFile, { what: '--api-key-file', maxBytes: 64 * 1024 });
    } catch (err) {
      if (!(err instanceof UserFileError)) throw err;
      throw new DialformError('api_key_missing', `cannot read --api-key-file ${opts.apiKeyFile}: ${err.problem}`);
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

/**
 * True for 127.0.0.0/8 and ::1, and for `localhost` and `*.localhost`, names that must still
 * resolve to loopback (`resolveConnection` checks that before plain http is used).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return isLoopbackAddress(host);
}

/** True for a literal 127.0.0.0/8 or ::1 address (not a name). */
export function isLoopbackAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
  return false;
}

/** For a plain-http URL to a loopback *name*: every address it resolves to must be loopback. */
async function checkLoopbackName(baseUrl: string, lookup: LookupAll): Promise<void> {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) return;
  let addresses: string[];
  try {
    addresses = (await lookup(url.hostname)).map((a) => a.address);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new DialformError('api_url_insecure', `refusing plain http:// API URL ${url.origin}: cannot resolve ${url.hostname} (${code}) to check it is loopback; use http://127.0.0.1 or https://`);
  }
  const outside = addresses.filter((a) => !isLoopbackAddress(a));
  if (addresses.length === 0 || outside.length > 0) {
    throw new DialformError(
      'api_url_insecure',
      `refusing plain http:// API URL ${url.origin}: ${url.hostname} resolves to ${outside.join(', ') || 'nothing'}, not loopback; the API key would travel unencrypted (use https://, or http://127.0.0.1)`,
    );
  }
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}
