import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { formatProblem } from '../../src/errors.js';

/** Writes `files` (relative path → text) under `dir`. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/**
 * Gives each test a fresh temp directory under os.tmpdir() as the working directory, so problem
 * file names read as the user would type them (`a.yaml`, `dialform/users.yaml`).
 */
export function useTempCwd(): { readonly dir: string } {
  const state = { dir: '' };
  let previous = '';
  beforeEach(() => {
    previous = process.cwd();
    state.dir = mkdtempSync(join(tmpdir(), 'dialform-config-'));
    process.chdir(state.dir);
  });
  afterEach(() => {
    process.chdir(previous);
    rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}

/** The formatted problems of a rejected load, or fails if it did not reject with ConfigError. */
export async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected a ConfigError, but the config loaded');
}

/** A minimal valid config file with offices hq (US) and london (GB). */
export const OFFICES_YAML = `version: 1
offices:
  hq: { name: Acme HQ, country: US, price_level: premium, licenses: { talk: 40, sell: 5 } }
  london: { name: Acme London, country: GB, price_level: premium, licenses: { talk: 10 } }
`;

/** One user entry (list item) in `office`, indented for a `users:` list. */
export function userYaml(email: string, office = 'hq', extra = ''): string {
  return `  - email: ${email}
    first_name: F
    last_name: L
    office: ${office}
${extra}`;
}
