import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

/** User mistakes end in clear messages and exit 1, never a stack trace. */
describe('bad input through the CLI', () => {
  it('reports five mistakes in two files as five file:line:col lines', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-errors-'));
    await mkdir(join(cwd, 'conf'));
    await writeFile(
      join(cwd, 'conf', 'main.yaml'),
      [
        'version: 1',
        'policy:',
        '  unmanaged_users: sometimes', // 1: not in the enum
        'offices:',
        '  hq: { name: HQ, country: US }',
        '  lon: { name: London, country: GB, colour: blue }', // 2: unknown property
        '',
      ].join('\n'),
    );
    await writeFile(
      join(cwd, 'conf', 'users.yaml'),
      [
        'users:',
        '  - { email: ada@acme.com, first_name: Ada, last_name: L, office: paris }', // 3: unknown office
        '  - { email: ADA@acme.com, first_name: Ada, last_name: M, office: hq }', // 4: duplicate email
        '  - { email: bob@acme.com, first_name: Bob, last_name: B, office: hq, numbers: ["415-555-0100"] }', // 5: not E.164
        '',
      ].join('\n'),
    );
    const result = await runCli(['validate', '-c', 'conf'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((l) => /^conf\/[a-z]+\.yaml:\d+:\d+: /.test(l));
    expect(lines).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith('conf/main.yaml:'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('conf/users.yaml:'))).toHaveLength(3);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says where it looked when there is no config', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-noconfig-'));
    const result = await runCli(['plan'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('dialform.yaml');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses plain http to a non-loopback API URL without printing the key', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-http-'));
    await writeFile(join(cwd, 'dialform.yaml'), 'version: 1\n');
    const key = 'sk_test_do_not_print_me_123';
    const result = await runCli(['plan'], { cwd, env: { DIALPAD_API_KEY: key, DIALPAD_API_URL: 'http://dialpad.example' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/https/i);
    expect(result.stdout + result.stderr).not.toContain(key);
  });

  it('names the failed API operation when Dialpad cannot be reached, instead of planning from nothing', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dialform-unreachable-'));
    await writeFile(join(cwd, 'dialform.yaml'), 'version: 1\noffices:\n  hq: { name: HQ, country: US }\n');
    const port = await closedPort();
    const key = 'sk_test_unreachable_456';
    const result = await runCli(['plan'], { cwd, env: { DIALPAD_API_KEY: key, DIALPAD_API_URL: `http://127.0.0.1:${port}` } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Dialpad API: (company\.get|offices\.list) failed/); // the reads run concurrently: either fails first
    expect(result.stderr).toMatch(/ECONNREFUSED/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout + result.stderr).not.toContain(key);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  await new Promise<void>((closed) => server.close(() => closed()));
  return port;
}
