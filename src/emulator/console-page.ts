/**
 * The console page's files (`src/emulator/console-page/`: plain HTML, CSS and JavaScript, no
 * build step), served under `/_emulator/console`. Its Content-Security-Policy allows only the
 * emulator's own origin, so the page cannot load or send anything elsewhere (no CDN, no fonts).
 */
import { readFileSync } from 'node:fs';

export interface ConsoleAsset {
  type: string;
  body: Buffer;
  headers: Record<string, string>;
}

const FILES: Record<string, { file: string; type: string }> = {
  '/_emulator/console': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/_emulator/console/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
  '/_emulator/console/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/_emulator/console/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

const HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

/** The asset at `pathname`, or undefined when the path is not one of the page's files. */
export function readConsoleAsset(pathname: string): ConsoleAsset | undefined {
  const entry = FILES[pathname];
  if (entry === undefined) return undefined;
  // Read on each request (the page is small): edits show on reload, and there is no cache to go stale.
  const body = readFileSync(new URL(`./console-page/${entry.file}`, import.meta.url));
  return { type: entry.type, body, headers: HEADERS };
}
