import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Io } from '../../cmd/io.js';
import { run } from '../../cmd/program.js';
import { EXIT } from '../../src/exit-codes.js';
import { ROOT } from '../support/cli.js';

// The version `--version` prints must come from package.json, not from a copy in cmd/.
vi.mock('../../src/package-root.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/package-root.js')>()),
  readPackageVersion: () => '9.8.7-from-package-json',
}));

describe('dialform --version', () => {
  it('prints the version read from package.json and exits 0', async () => {
    let out = '';
    const io = { out: (text: string) => void (out += text), err() {} } as unknown as Io;
    expect(await run(['--version'], io)).toBe(EXIT.ok);
    expect(out).toBe('9.8.7-from-package-json\n');
  });

  it('reads package.json’s version', async () => {
    const actual = await vi.importActual<typeof import('../../src/package-root.js')>('../../src/package-root.js');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(actual.readPackageVersion()).toBe(pkg.version);
  });
});
