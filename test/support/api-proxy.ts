/**
 * A loopback proxy in front of an emulator, deciding per request what Dialpad's answer does: pass
 * it on, fail it with a 503 before it reaches Dialpad, pass it on and lose the answer (a 503 after
 * the write landed), or hold it until a promise settles (a run caught mid-write, for as long as a
 * test needs). Closed when the test that started it finishes.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export type ProxyAction = 'pass' | 'fail' | 'lose_answer' | { hold: Promise<void> };

export async function startApiProxy(upstream: string, decide: (req: { method: string; url: URL }) => ProxyAction): Promise<{ url: string }> {
  const target = new URL(upstream);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', upstream);
    const fail = () => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(JSON.stringify({ error: { code: 503, message: 'service unavailable (proxy)' } }));
    };
    const action = decide({ method: req.method ?? 'GET', url });
    if (action === 'fail') return fail();
    if (typeof action === 'object') await action.hold;
    // The emulator answers only its own Host (a DNS-rebinding guard).
    const upstreamReq = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (upstreamRes) => {
      if (action === 'lose_answer') {
        upstreamRes.resume();
        upstreamRes.on('end', fail);
        return;
      }
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    });
    // A reset on either side (an emulator fault, a killed client) is passed on as a reset.
    upstreamReq.on('error', () => res.destroy());
    req.on('error', () => upstreamReq.destroy());
    res.on('error', () => upstreamReq.destroy());
    req.pipe(upstreamReq);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
