/**
 * Checks on every console request beyond "the client is on loopback", and on every request of an
 * emulator listening on loopback (`server.ts`): a web page open in a local browser is also on
 * loopback, and could otherwise move the clock, reset the state, or use the API (any key works
 * unless the fixture lists `api_keys`).
 * - `Host` must be a loopback name or address (`localhost`, 127.0.0.0/8, `::1`) with the port the
 *   emulator listens on, so a DNS-rebound name (`evil.example` resolving to 127.0.0.1) is refused.
 *   `*.localhost` is refused too: it is a name, and the console has no reason to be reached by it.
 * - An `Origin` header, when present, must be the emulator's own origin (`http://` + such a host
 *   with the emulator's port); `Origin: null` and any other page are refused.
 * - A POST must say `content-type: application/json`, which a page cannot send cross-origin
 *   without a CORS preflight (which the console never answers), unlike `text/plain` or a form.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isLoopbackAddress } from '../dialpad/connection.js';
import { HttpFailure, forbidden } from './http-failure.js';

/**
 * `localhost`, or a literal loopback address (`isLoopbackAddress`, the client's own test), with no
 * lookup. Unlike the client's `isLoopbackHost`, `*.localhost` is not accepted (see above).
 */
function isLoopbackName(hostname: string): boolean {
  return hostname.toLowerCase() === 'localhost' || isLoopbackAddress(hostname);
}

/** True when `authority` (`host:port`) names this server by a loopback name with its own port. */
function isOwnAuthority(authority: string, port: number): boolean {
  let url: URL;
  try {
    url = new URL(`http://${authority}`);
  } catch {
    return false;
  }
  return url.host === authority.toLowerCase() && url.port === String(port) && isLoopbackName(url.hostname);
}

/** The reason to refuse a console request, or `undefined` to serve it; `port` is the server's own. */
export function checkConsoleRequest(req: { method?: string | undefined; headers: IncomingHttpHeaders }, port: number): HttpFailure | undefined {
  const host = req.headers.host ?? '';
  if (!isOwnAuthority(host, port)) return forbidden(`the emulator answers only Host localhost, 127.0.0.1 or [::1] with port ${port}`);
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const match = /^http:\/\/([^/]+)$/i.exec(origin);
    if (match?.[1] === undefined || !isOwnAuthority(match[1], port)) return forbidden(`the emulator refuses requests from another origin (${origin})`);
  }
  if (req.method === 'POST') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return new HttpFailure(415, 'POSTs to the emulator must be content-type: application/json');
  }
  return undefined;
}
