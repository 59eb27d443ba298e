/** The CLI tests' stale-build check (test/support/build-dist.ts), on a scratch tree with controlled times. */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whyStale } from '../support/build-dist.js';

const BUILT = new Date('2026-01-02T00:00:00Z');
const BEFORE = new Date('2026-01-01T00:00:00Z');
const AFTER = new Date('2026-01-03T00:00:00Z');

/** A tree with src/a.ts, cmd/dialform.ts and package.json written BEFORE, and a finished build at BUILT. */
async function builtTree(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'dialform-build-dist-'));
  for (const dir of ['src', 'cmd', 'dist/cmd/console-page']) await mkdir(join(root, dir), { recursive: true });
  for (const file of ['src/a.ts', 'cmd/dialform.ts', 'package.json']) await writeFile(join(root, file), '');
  for (const path of ['src/a.ts', 'src', 'cmd/dialform.ts', 'cmd', 'package.json']) await utimes(join(root, path), BEFORE, BEFORE);
  await writeFile(join(root, 'dist/cmd/dialform.js'), '');
  await utimes(join(root, 'dist/cmd/dialform.js'), BUILT, BUILT);
  return root;
}

describe('whether dist/ is stale for the CLI tests', () => {
  it('is up to date when every input is older than the build', async () => {
    expect(whyStale(await builtTree())).toBeUndefined();
  });

  it('is stale after an edit, a new file or a deleted file under src/ or cmd/', async () => {
    const edited = await builtTree();
    await utimes(join(edited, 'src/a.ts'), AFTER, AFTER);
    expect(whyStale(edited)).toBe('src changed since the last build');

    const added = await builtTree();
    await writeFile(join(added, 'cmd/new.ts'), '');
    expect(whyStale(added)).toBe('cmd changed since the last build');

    const deleted = await builtTree();
    await rm(join(deleted, 'src/a.ts'));
    expect(whyStale(deleted)).toBe('src changed since the last build');
  });

  it('is stale when package.json changed (the build command lives there)', async () => {
    const root = await builtTree();
    await utimes(join(root, 'package.json'), AFTER, AFTER);
    expect(whyStale(root)).toBe('package.json changed since the last build');
  });

  it("is stale when the bundle's build script or its esbuild options changed", async () => {
    const root = await builtTree();
    await mkdir(join(root, 'scripts'));
    await writeFile(join(root, 'scripts/esbuild-options.mjs'), '');
    expect(whyStale(root)).toBe('scripts/esbuild-options.mjs changed since the last build');
  });

  it('is stale without a build, or after one that did not finish', async () => {
    const missing = await builtTree();
    await rm(join(missing, 'dist'), { recursive: true });
    expect(whyStale(missing)).toBe('dist/cmd/dialform.js does not exist');

    const unfinished = await builtTree();
    await rm(join(unfinished, 'dist/cmd/console-page'), { recursive: true });
    expect(whyStale(unfinished)).toBe('the last build did not finish');
  });
});
