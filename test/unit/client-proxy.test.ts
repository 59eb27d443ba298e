import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductionDispatcher } from '../../src/dialpad/index.js';

/** A minimal forward proxy: CONNECT tunnels and absolute-form HTTP requests, recording each. */
function startProxy(): Promise<{ server: Server; port: number; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, seen })));
}

let target: Server;
let targetPort: number;
let proxy: Awaited<ReturnType<typeof startProxy>>;

beforeAll(async () => {
  target = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  targetPort = (target.address() as AddressInfo).port;
  proxy = await startProxy();
});

afterAll(async () => {
  for (const s of [target, proxy.server]) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

describe('createProductionDispatcher honours proxy variables', () => {
  it('sends an http request through HTTP_PROXY', async () => {
    proxy.seen.length = 0;
    const dispatcher = createProductionDispatcher({ env: { HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: '' } });
    const res = await request(`http://127.0.0.1:${targetPort}/api/v2/company`, { dispatcher });
    expect(await res.body.json()).toEqual({ ok: true });
    expect(proxy.seen.some((line) => line.includes(`127.0.0.1:${targetPort}`))).toBe(true);
    await dispatcher.close();
  });

  it('tunnels an https request through HTTPS_PROXY with CONNECT', async () => {
    proxy.seen.length = 0;
    const dispatcher = createProductionDispatcher({ env: { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: '' } });
    // The target speaks plain HTTP, so TLS fails after the tunnel is up; the CONNECT is what matters here.
    await request(`https://127.0.0.1:${targetPort}/api/v2/company`, { dispatcher, headersTimeout: 2000 }).catch(() => undefined);
    expect(proxy.seen).toContain(`CONNECT 127.0.0.1:${targetPort}`);
    await dispatcher.destroy();
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    proxy.seen.length = 0;
    const dispatcher = createProductionDispatcher({
      env: { HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: '127.0.0.1' },
    });
    const res = await request(`http://127.0.0.1:${targetPort}/api/v2/company`, { dispatcher });
    expect(await res.body.json()).toEqual({ ok: true });
    expect(proxy.seen).toEqual([]);
    await dispatcher.close();
  });
});
