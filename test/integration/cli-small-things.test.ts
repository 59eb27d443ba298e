/** Small things that misled a new user, each through the CLI as a separate process (issue 14 #8). */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Starts `emulator serve` with `args` and resolves with everything it printed to stderr until it listened or exited. */
function serveOnce(args: string[]): Promise<{ stderr: string; code: number | null }> {
  const child = spawn(TSX, [join(ROOT, 'cmd', 'dialform.ts'), 'emulator', 'serve', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
  });
  return new Promise((resolve) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/dialform plan\n/.test(stderr)) child.kill('SIGTERM');
    });
    child.once('exit', (code) => resolve({ stderr, code }));
  });
}

describe('small things that mislead (issue 14 #8)', () => {
  it('a blocked plan --out does not say "apply it with" (issue 14 #8)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-blocked-out-'));
    await cp(join(ROOT, 'test', 'golden', 'too-many-deletions'), cwd, { recursive: true });
    const result = await runCli(['plan', '-c', 'config.yaml', '--emulator', 'fixture.json', '--out', 'plan.json'], { cwd });
    expect(result.code).toBe(3);
    expect(result.stderr).not.toContain('apply it with');
    expect(result.stderr).toContain('Plan written to plan.json; it is blocked by the errors below, so apply will refuse it');
  });

  it('a busy emulator serve --port says so without a stack trace (issue 14 #8)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await serveOnce(['--fixture', join(ROOT, 'examples', 'acme', 'live.json'), '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`error emulator_listen_failed: cannot listen on 127.0.0.1:${port}: the port is already in use; stop what uses it, or pick another with --port (0 picks a free one)\n`);
    } finally {
      blocker.close();
    }
  });

  it('emulator serve suggests a key the fixture api_keys accept (issue 14 #8)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-serve-key-'));
    const fixture = JSON.parse(await readFile(join(ROOT, 'examples', 'acme', 'live.json'), 'utf8')) as Record<string, unknown>;
    fixture['api_keys'] = [{ key: 'office-key', scope: 'office', office_id: '6100000000000001' }, { key: 'company-key-7', scope: 'company' }];
    await writeFile(join(cwd, 'keys.json'), JSON.stringify(fixture));
    const result = await serveOnce(['--fixture', join(cwd, 'keys.json'), '--port', '0']);
    expect(result.stderr).toContain('DIALPAD_API_KEY=company-key-7 dialform plan');
    expect(result.stderr).not.toContain('DIALPAD_API_KEY=any-key');
  });
});
