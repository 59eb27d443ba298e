import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createDialpadClient } from '../../src/dialpad/index.js';

/**
 * Issue 26 item 7: every request has a total deadline. A loopback server drips its answer a byte
 * at a time, each byte well inside undici's per-chunk timeouts, so only a total deadline ends it.
 */
let server: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Answers every request by writing `head` at once, then `drip` one byte every 20 ms, for ever. */
async function startDripServer(head: string, drip: string): Promise<string> {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => {
      socket.write(head);
      let i = 0;
      const timer = setInterval(() => socket.write(drip[i++ % drip.length] ?? ' '), 20);
      socket.on('close', () => clearInterval(timer));
      socket.on('error', () => clearInterval(timer));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const client = (baseUrl: string) =>
  createDialpadClient({ baseUrl, apiKey: 'k', rateLimit: 1000, deadlineMs: 300, retry: { maxAttempts: 2, baseMs: 1 } });

describe('request deadline (issue 26 item 7)', () => {
  it('fails a read whose body drips past the deadline as a timeout, in well under a second per attempt', async () => {
    const url = await startDripServer('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"id":"1000","name":"', 'a');
    const started = Date.now();
    const error = await client(url).getCompany().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('timeout');
    expect((error as ApiError).message).toMatch(/no complete answer within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('fails a read whose headers drip past the deadline', async () => {
    const url = await startDripServer('HTTP/1.1 200 OK\r\nx-slow: ', 'x');
    const error = await client(url).listOffices().catch((e: unknown) => e);
    expect((error as ApiError).kind).toBe('timeout');
  });

  it('leaves a write past its deadline ambiguous: re-read, and the outcome unknown when the re-read fails too', async () => {
    const url = await startDripServer('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{', ' ');
    const error = await client(url).createUser({ email: 'ada@acme.com', office_id: '10' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('timeout');
    expect((error as ApiError).outcomeUnknown).toBe(true);
  });
});
