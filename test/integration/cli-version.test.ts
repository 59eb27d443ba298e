import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPackageVersion } from '../../src/package-root.js';
import { ROOT, runCli } from '../support/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('dialform --version', () => {
  it('prints package.json’s version and exits 0', async () => {
    const result = await runCli(['--version'], { cwd: ROOT });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });

  it('-V prints the same', async () => {
    const result = await runCli(['-V'], { cwd: ROOT });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });

  it('has no version literal in the program, so the version cannot drift from package.json', () => {
    const program = readFileSync(join(ROOT, 'cmd', 'program.ts'), 'utf8');
    expect(program.match(/['"`]\d+\.\d+\.\d+(?:-[\w.]+)?['"`]/g) ?? []).toEqual([]);
  });

  it('reads package.json’s version', () => {
    expect(readPackageVersion()).toBe(pkg.version);
  });
});
