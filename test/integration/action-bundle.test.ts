import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const BUNDLE = join(ROOT, 'action', 'dist', 'dialform.mjs');

function run(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile('node', args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe("the action's committed bundle (issue 24, runner hygiene)", () => {
  it('is current: rebuilding it from the sources gives the committed file (run `npm run build:action`)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dialform-bundle-'));
    const { buildActionBundle } = (await import(join(ROOT, 'scripts', 'build-action.mjs'))) as { buildActionBundle(out: string): Promise<void> };
    await buildActionBundle(join(dir, 'dialform.mjs'));
    const fresh = await readFile(join(dir, 'dialform.mjs'), 'utf8');
    const committed = await readFile(BUNDLE, 'utf8');
    expect(fresh === committed, 'action/dist/dialform.mjs is stale: run `npm run build:action` and commit it').toBe(true);
  }, 120_000);

  it('runs with no node_modules, as the action checkout has none: validate, and show (which loads ajv)', async () => {
    const action = await mkdtemp(join(tmpdir(), 'dialform-action-checkout-'));
    await mkdir(join(action, 'action', 'dist'), { recursive: true });
    await cp(BUNDLE, join(action, 'action', 'dist', 'dialform.mjs'));
    await cp(join(ROOT, 'package.json'), join(action, 'package.json'));
    await cp(join(ROOT, 'schemas'), join(action, 'schemas'), { recursive: true });
    const golden = join(ROOT, 'test', 'golden', 'cross-country-move-with-ack');
    const bundle = join(action, 'action', 'dist', 'dialform.mjs');
    const valid = await run([bundle, 'validate', '-c', join(golden, 'config.yaml')], action);
    expect(valid.code, valid.out).toBe(0);
    const shown = await run([bundle, 'show', join(golden, 'plan.json'), '--format', 'json'], action);
    expect(shown.code, shown.out).toBe(0);
    expect(JSON.parse(shown.out)).toMatchObject({ format_version: 1 });
  }, 120_000);
});
