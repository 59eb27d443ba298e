/**
 * Cursor pagination as Dialpad does it: `{items, cursor}`, an opaque cursor bound to the query,
 * default page size 100 (`limit` ≤ 100 honoured, larger values capped). A full page always carries
 * a cursor, so a list whose size is a multiple of the page size ends with an empty page, which is
 * `{}` (no `items` key), as the official SDK had to learn (dialpad-api.md §1.5).
 */
import { createHash } from 'node:crypto';
import { badRequest } from './http-failure.js';
import { compareCodeUnits } from '../model/compare.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 100;

interface CursorBody {
  /** Digest of the query the cursor belongs to. */
  q: string;
  /** Key of the last item already returned. */
  k: string;
}

function digestQuery(path: string, query: URLSearchParams): string {
  const pairs = [...query.entries()].filter(([k]) => k !== 'cursor' && k !== 'apikey').sort(([a], [b]) => compareCodeUnits(a, b));
  return createHash('sha256').update(JSON.stringify([path, pairs])).digest('base64url').slice(0, 16);
}

function readLimit(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return DEFAULT_PAGE_SIZE;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw badRequest('limit must be a positive integer');
  return Math.min(Number(raw), MAX_PAGE_SIZE);
}

/**
 * One page of the `items` that pass `filter` (`items` already sorted by `keyOf`, ascending and
 * unique). Keys compare with `compare`, so a cursor stays valid when items before it are added or
 * removed. The cursor is found by binary search and the page is collected by scanning forward,
 * so a page costs about its own size, not the list's.
 */
export function paginate<T>(
  items: readonly T[],
  opts: {
    path: string;
    query: URLSearchParams;
    keyOf: (t: T) => string;
    compare: (a: string, b: string) => number;
    filter?: (t: T) => boolean;
  },
): { items?: T[]; cursor?: string } {
  const limit = readLimit(opts.query);
  const q = digestQuery(opts.path, opts.query);
  let start = 0;
  const cursor = opts.query.get('cursor');
  if (cursor !== null && cursor !== '') {
    let body: CursorBody;
    try {
      body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody;
    } catch {
      throw badRequest('invalid cursor');
    }
    if (typeof body.k !== 'string' || body.q !== q) throw badRequest('invalid cursor: it belongs to a different query');
    start = firstAfter(items, body.k, opts.keyOf, opts.compare);
  }
  const page: T[] = [];
  for (let i = start; i < items.length && page.length < limit; i++) {
    const item = items[i] as T;
    if (!opts.filter || opts.filter(item)) page.push(item);
  }
  if (page.length === 0) return {};
  const last = page[page.length - 1];
  if (page.length < limit || last === undefined) return { items: page };
  const next: CursorBody = { q, k: opts.keyOf(last) };
  return { items: page, cursor: Buffer.from(JSON.stringify(next)).toString('base64url') };
}

/** Index of the first item whose key sorts after `key` (binary search). */
function firstAfter<T>(items: readonly T[], key: string, keyOf: (t: T) => string, compare: (a: string, b: string) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(keyOf(items[mid] as T), key) > 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export const compareStrings = compareCodeUnits;
