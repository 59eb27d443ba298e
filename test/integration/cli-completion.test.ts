import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { LINE_TYPES } from '../../src/model/tenant.js';
import { ROOT, runCli } from '../support/cli.js';

const run = promisify(execFile);

describe('dialform completion (issue 16 #5)', () => {
  let script: string;
  beforeAll(async () => {
    const result = await runCli(['completion', 'bash'], { cwd: ROOT });
    expect(result.code, result.stderr).toBe(0);
    script = join(await mkdtemp(join(tmpdir(), 'dialform-completion-')), 'dialform.bash');
    await writeFile(script, result.stdout);
  });

  /** What bash offers after typing `line` (the last word, possibly empty, is being completed). */
  async function complete(line: string): Promise<string[]> {
    const words = line.split(' ');
    const program = [
      `source ${JSON.stringify(script)}`,
      `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})`,
      `COMP_CWORD=${words.length - 1}`,
      '_dialform',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const { stdout } = await run('bash', ['-c', program], { cwd: tmpdir() });
    return stdout.split('\n').filter(Boolean);
  }

  it('prints a bash script that bash -n accepts (issue 16 #5)', async () => {
    await expect(run('bash', ['-n', script])).resolves.toBeDefined();
  });

  it('completes subcommands, nested ones, options and an option\'s choices (issue 16 #5)', async () => {
    expect(await complete('dialform ')).toEqual(['validate', 'plan', 'apply', 'confirm', 'codeowners', 'show', 'import', 'status', 'doctor', 'emulator', 'completion']);
    expect(await complete('dialform em')).toEqual(['emulator']);
    expect(await complete('dialform emulator d')).toEqual(['do']);
    expect(await complete('dialform emulator s')).toEqual(['serve', 'snapshot']);
    expect(await complete('dialform doctor --no-')).toEqual(['--no-redact']);
    expect(await complete('dialform emulator do grant-')).toEqual(['grant-analytics', 'grant-proxy']);
    expect(await complete('dialform -v plan -c dialform --re')).toEqual(['--redact', '--request-timeout']);
    expect(await complete('dialform plan --format ')).toEqual(['text', 'markdown', 'json']);
    expect(await complete('dialform status --format ')).toEqual(['text', 'json', 'csv']);
    expect(await complete('dialform status --view ')).toEqual(['summary', 'users', 'numbers', 'deleted', 'e911', 'rooms', 'all']);
    expect(await complete('dialform completion ')).toEqual(['bash', 'zsh', 'fish']);
  });

  it('offers and documents every license line --kind accepts, not three of them', async () => {
    expect(await complete('dialform emulator do transfer-licenses --kind ')).toEqual([...LINE_TYPES]);
    const help = await runCli(['emulator', 'do', 'transfer-licenses', '--help'], { cwd: ROOT });
    for (const line of LINE_TYPES) expect(help.stdout).toContain(`"${line}"`);
  });

  it('prints zsh and fish scripts and refuses an unknown shell (issue 16 #5)', async () => {
    const zsh = await runCli(['completion', 'zsh'], { cwd: ROOT });
    expect(zsh.stdout).toMatch(/^#compdef dialform/);
    const fish = await runCli(['completion', 'fish'], { cwd: ROOT });
    expect(fish.stdout).toContain("complete -c dialform -n '__dialform_at \\'emulator do\\'' -a 'restore-user'");
    const bad = await runCli(['completion', 'powershell'], { cwd: ROOT });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("'powershell' is invalid");
  });
});
