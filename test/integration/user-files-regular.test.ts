import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfirmed, CONFIRMED_FILE } from '../../src/config/confirmed-record.js';
import { loadConfig } from '../../src/config/index.js';
import { resolveConnection } from '../../src/dialpad/connection.js';
import { loadFixture } from '../../src/emulator/index.js';
import { DialformError } from '../../src/errors.js';
import { readPlanFile } from '../../src/plan/plan-file.js';
import { readUserFile } from '../../src/read-user-file.js';
import { runCli, scratchCopy } from '../support/cli.js';

/**
 * Issue 26 item 8: every file dialform reads must be a regular file within a size limit. A
 * symbolic link to /dev/ptmx (a terminal master: reading it waits for ever) or a FIFO with no
 * writer (opening it waits for ever) is refused at once with a clear error, never a hang.
 */
async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'dialform-user-files-'));
}

/** Each kind of file that is not regular and would hang a plain read: a link to /dev/ptmx and a FIFO. */
async function hangingFiles(dir: string, name: string): Promise<string[]> {
  const ptmx = join(dir, `ptmx-${name}`);
  await symlink('/dev/ptmx', ptmx);
  const fifo = join(dir, `fifo-${name}`);
  execFileSync('mkfifo', [fifo]);
  return [ptmx, fifo];
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DialformError);
  return { code: (error as DialformError).code, message: (error as Error).message };
}

describe('files dialform reads must be regular files (issue 26 item 8)', { timeout: 20_000 }, () => {
  it('refuses the confirmations file, a config file, a plan file, the key file and a fixture when each is a link to /dev/ptmx or a FIFO', async () => {
    const dir = await scratch();
    for (const path of await hangingFiles(dir, 'x')) {
      const kind = path.includes('ptmx') ? /a character device, not a regular file/ : /a FIFO \(named pipe\), not a regular file/;
      expect(await codeOf(loadConfig(path))).toMatchObject({ code: 'usage', message: expect.stringMatching(kind) });
      expect(await codeOf(readPlanFile(path))).toMatchObject({ code: 'plan_file_invalid', message: expect.stringMatching(kind) });
      expect(await codeOf(resolveConnection({ apiKeyFile: path, env: {} }))).toMatchObject({ code: 'api_key_missing', message: expect.stringMatching(kind) });
      expect(await codeOf(loadFixture(path))).toMatchObject({ code: 'fixture_invalid', message: expect.stringMatching(kind) });
      const configDir = join(dir, `config-${path.includes('ptmx') ? 'ptmx' : 'fifo'}`);
      execFileSync('mkdir', [configDir]);
      await symlink(path, join(configDir, CONFIRMED_FILE));
      expect(await codeOf(readConfirmed(configDir))).toMatchObject({ code: 'confirmed_invalid', message: expect.stringMatching(kind) });
    }
  });

  it('refuses a file over its size limit without reading it all, and reads one within it', async () => {
    const dir = await scratch();
    const key = join(dir, 'key');
    await writeFile(key, 'k'.repeat(70 * 1024));
    expect(await codeOf(resolveConnection({ apiKeyFile: key, env: {} }))).toMatchObject({ code: 'api_key_missing', message: expect.stringMatching(/larger than 64 KiB/) });
    await writeFile(key, 'sk-live-key\n');
    expect((await resolveConnection({ apiKeyFile: key, env: {} })).apiKey).toBe('sk-live-key');
    await expect(readUserFile(key, { what: 'test file', maxBytes: 4 })).rejects.toMatchObject({ code: 'file_unusable', reason: 'too_large' });
    await rm(key);
    await expect(readUserFile(key, { what: 'test file' })).rejects.toMatchObject({ reason: 'missing', errno: 'ENOENT' });
  });

  it('validate, plan and confirm stop with the confirmations file problem when it is a committed link to /dev/ptmx', async () => {
    const dir = await scratchCopy('acme');
    const config = join(dir, 'acme');
    await rm(join(config, CONFIRMED_FILE));
    await symlink('/dev/ptmx', join(config, CONFIRMED_FILE));
    for (const args of [['validate', '-c', 'acme'], ['plan', '-c', 'acme', '--emulator'], ['confirm', '-c', 'acme', 'grant_analytics']]) {
      const result = await runCli(args, { cwd: dir });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(/dialform-confirmed\.json: is a character device, not a regular file/);
    }
  }, 90_000);
});
