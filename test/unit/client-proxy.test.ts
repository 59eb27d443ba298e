import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductionDispatcher } from '../../src/dialpad/index.js';

/**
 * A minimal forward proxy that records each request and reaches nothing beyond loopback:
 * absolute-form HTTP requests are answered by the proxy itself, and CONNECT tunnels (which undici 7
 * uses for http:// targets too), whatever host they name, lead to the local target server.
 */
function startProxy(targetPort: () => number): Promise<{ server: Server; port: number; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} authorization=${req.headers.authorization ?? ''}`);
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{"via":"proxy"}');
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const upstream = connect(targetPort(), '127.0.0.1', () => {
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
  proxy = await startProxy(() => targetPort);
});

afterAll(async () => {
  for (const s of [target, proxy.server]) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

describe('createProductionDispatcher honours proxy variables', () => {
  it('sends an http request to a remote host through HTTP_PROXY', async () => {
    proxy.seen.length = 0;
    const dispatcher = createProductionDispatcher({ env: { HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: '' } });
    const res = await request('http://api.dialpad.test/api/v2/company', { dispatcher });
    await res.body.dump();
    // undici 7 tunnels plain http through the proxy with CONNECT too.
    expect(proxy.seen.some((line) => line.includes('api.dialpad.test'))).toBe(true);
    await dispatcher.close();
  });

  it('tunnels an https request to a remote host through HTTPS_PROXY with CONNECT', async () => {
    proxy.seen.length = 0;
    const dispatcher = createProductionDispatcher({ env: { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: '' } });
    // The tunnel leads to a plain HTTP server, so TLS fails after it is up; the CONNECT is what matters here.
    await request('https://api.dialpad.test/api/v2/company', { dispatcher, headersTimeout: 2000 }).catch(() => undefined);
    expect(proxy.seen).toContain('CONNECT api.dialpad.test:443');
    await dispatcher.destroy();
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    proxy.seen.length = 0;
    const dispatcher = createProductionDispatcher({
      env: { HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: 'api.dialpad.test' },
    });
    await request('http://api.dialpad.test/api/v2/company', { dispatcher, headersTimeout: 2000 }).catch(() => undefined);
    expect(proxy.seen).toEqual([]);
    await dispatcher.destroy();
  });

  it.each(['127.0.0.1', '127.0.0.1:TARGET', 'localhost', ''])(
    'never sends a loopback http request (and its key) through HTTP_PROXY, NO_PROXY=%j (issue 12 #9)',
    async (noProxy) => {
      proxy.seen.length = 0;
      const env = { HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: noProxy.replace('TARGET', '1') };
      const dispatcher = createProductionDispatcher({ env });
      for (const host of [`127.0.0.1:${targetPort}`, `localhost:${targetPort}`]) {
        const res = await request(`http://${host}/api/v2/company`, { dispatcher, headers: { authorization: 'Bearer SECRET-KEY' } });
        expect(await res.body.json()).toEqual({ ok: true });
      }
      expect(proxy.seen).toEqual([]);
      await dispatcher.close();
    },
  );
});
