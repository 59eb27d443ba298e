import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.js';

const root = join(import.meta.dirname, '..', '..');
const errorsDoc = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');

/** The rows of docs/errors.md's table of codes: `| \`code\` | exit | meaning |`. */
const rows = [...errorsDoc.matchAll(/^\| `([a-z_]+)` \| (\d) \| (.+) \|$/gm)].map((m) => ({ code: m[1] ?? '', exit: Number(m[2]), meaning: m[3] ?? '' }));

/** docs/errors.md lists every error code with its exit code, and no code the program does not have. */
describe('docs/errors.md', () => {
  it('has a row for every code in ERROR_CODES, with its exit code', () => {
    const documented = Object.fromEntries(rows.map((r) => [r.code, r.exit]));
    expect(documented).toEqual({ ...ERROR_CODES });
  });

  it('lists each code once, with a meaning', () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const row of rows) expect(row.meaning.trim(), row.code).not.toBe('');
  });
});
