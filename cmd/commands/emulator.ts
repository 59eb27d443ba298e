import { resolve } from 'node:path';
import { createEmulator, loadFixture, type Fixture } from '../../src/emulator/index.js';
import { EXIT } from '../../src/exit-codes.js';
import type { Io } from '../io.js';
import { isLoopbackName, noLoginWarning, toLocalUrl } from './emulator-console.js';

/** `dialform emulator serve`: serves until SIGINT/SIGTERM, then exits 0. */
export async function runEmulatorServe(
  opts: { fixture: string; port: number; host: string; latency?: number; rateLimit?: number; strictRateLimit?: boolean; faults?: string },
  io: Io,
): Promise<number> {
  const fixture = await loadFixture(resolve(io.cwd, opts.fixture));
  const emulator = createEmulator({ fixture, latencyMs: opts.latency, rateLimit: opts.rateLimit, strictRateLimit: opts.strictRateLimit === true, faults: opts.faults });
  const server = await emulator.listen(opts.port, opts.host);
  if (!isLoopbackName(opts.host)) io.err(noLoginWarning(opts.host));
  io.err(`Dialpad emulator listening on ${server.url} (fixture ${opts.fixture}); Admin Settings console at ${toLocalUrl(server.url)}/_emulator/console\n`);
  io.err(`Point dialform at it with: DIALPAD_API_URL=${server.url} DIALPAD_API_KEY=${suggestKey(fixture)} dialform plan\n`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return EXIT.ok;
}

/** A key the emulator accepts for a company admin: the fixture's company-scoped key when it lists `api_keys`, else any. */
function suggestKey(fixture: Fixture): string {
  if (fixture.api_keys === undefined) return 'any-key';
  return fixture.api_keys.find((k) => k.scope === 'company')?.key ?? fixture.api_keys[0]?.key ?? 'any-key';
}
