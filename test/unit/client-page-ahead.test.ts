import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, MockAgent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createDialpadClient } from '../../src/dialpad/index.js';

const KEY = 'k-page-ahead-3321';
const user = (i: number) => ({ id: String(100 + i), emails: [`u${i}@acme.com`], office_id: '1', state: 'active' });
/** Page 1 of the users: 99 good users and, last, one whose `emails` is a string (a misread waiting to happen). */
const MALFORMED_PAGE = { items: [...Array.from({ length: 99 }, (_, i) => user(i)), { ...user(99), emails: 'u99@acme.com' }], cursor: 'c2' };
const PAGE_1_PROBLEM = 'page 1: invalid response: item 100: user 199 field emails is the string "u99@acme.com", not a list of strings';

let server: Server | undefined;
let agent: Agent | undefined;
afterEach(async () => {
  await agent?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
  agent = undefined;
});

/** A loopback server answering `GET /api/v2/users` pages with `answer(cursor)`; `undefined` holds the request unanswered. */
async function serveUsers(answer: (cursor: string | null) => object | undefined): Promise<{ url: string; asked: Array<string | null>; held: IncomingMessage[] }> {
  const asked: Array<string | null> = [];
  const held: IncomingMessage[] = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const cursor = new URL(req.url ?? '/', 'http://x').searchParams.get('cursor');
    asked.push(cursor);
    const body = answer(cursor);
    if (body === undefined) {
      held.push(req);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked, held };
}

async function listUsersError(client: ReturnType<typeof createDialpadClient>): Promise<ApiError> {
  const err = await client.listUsers({ state: 'all' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

describe('a list asks for page N + 1 before it checks page N (issue 31)', () => {
  it('has the next page on the wire before this page is checked, and abandons it when the check fails', async () => {
    // Page 2 is never answered: the read must not wait for it once page 1 fails.
    const { url, asked, held } = await serveUsers((cursor) => (cursor === null ? MALFORMED_PAGE : undefined));
    agent = new Agent();
    const client = createDialpadClient({ baseUrl: url, apiKey: KEY, rateLimit: Infinity, dispatcher: agent });
    const err = await listUsersError(client);
    expect(err.operation).toBe('users.list');
    expect(err.message).toContain(PAGE_1_PROBLEM);
    expect(err.itemsRead).toEqual([]);
    // Had the check run first, page 2's request would have been abandoned before it was written.
    await vi.waitFor(() => expect(asked).toEqual([null, 'c2']), { timeout: 5_000 });
    const [page2] = held;
    if (page2 === undefined) throw new Error('page 2 was not held');
    await vi.waitFor(() => expect(page2.socket.destroyed).toBe(true), { timeout: 5_000 });
  });

  it('reads the same list as a page-by-page read, the cursors in order', async () => {
    const pages: Record<string, { items: object[]; cursor?: string }> = {
      first: { items: [user(1), user(2)], cursor: 'c2' },
      c2: { items: [user(3)], cursor: 'c3' },
      c3: { items: [user(4)] },
    };
    const { url, asked } = await serveUsers((cursor) => pages[cursor ?? 'first']);
    agent = new Agent();
    const client = createDialpadClient({ baseUrl: url, apiKey: KEY, rateLimit: Infinity, dispatcher: agent });
    expect((await client.listUsers({ state: 'all' })).map((u) => u.id)).toEqual(['101', '102', '103', '104']);
    expect(asked).toEqual([null, 'c2', 'c3']);
  });

  it('names the page that failed, not the one asked for ahead, when both fail (through a MockAgent)', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    const pool = mock.get('https://dialpad.test');
    pool.intercept({ path: '/api/v2/users?state=all', method: 'GET' }).reply(200, MALFORMED_PAGE);
    pool.intercept({ path: '/api/v2/users?state=all&cursor=c2', method: 'GET' }).reply(503, { error: { message: 'busy' } }).persist();
    const client = createDialpadClient({ baseUrl: 'https://dialpad.test', apiKey: KEY, rateLimit: Infinity, dispatcher: mock, retry: { baseMs: 1 } });
    const err = await listUsersError(client);
    expect(err.message).toContain(PAGE_1_PROBLEM);
    expect(err.status).toBeUndefined();
    await mock.close();
  });
});
