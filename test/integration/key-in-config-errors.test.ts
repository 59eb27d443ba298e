import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyScrubber } from '../../src/dialpad/scrub-secret.js';
import { runCli, scratchCopy } from '../support/cli.js';

/**
 * Issue 26 item 14: the API key never reaches output through a config error that quotes the
 * config, written as it is, split by zero-width or NUL characters, or as HTML entities.
 */
const KEY = 'sk-live-Abc123XYZ987qrs';
const chars = [...KEY];
const DISGUISES: Record<string, string> = {
  plain: KEY,
  'zero-width split': chars.join('\u200b'),
  'NUL split (shown escaped)': chars.join('\u0000'),
  'decimal entities': chars.map((c) => `&#${c.charCodeAt(0)};`).join(''),
  'hex entities, zero-width entity between': chars.map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('&#8203;'),
};

/** The acme example with one unknown top-level property per disguise of the key. */
async function configQuotingTheKey(): Promise<string> {
  const dir = await scratchCopy('acme');
  const lines = Object.values(DISGUISES).map((k) => `${JSON.stringify(k)}: 1\n`);
  await appendFile(join(dir, 'acme', 'dialform.yaml'), lines.join(''));
  return dir;
}

function expectNoKey(output: string): void {
  const bare = output.replace(/\\u[0-9a-f]{4}|\\x[0-9a-f]{2}|[\u200b\u0000]|&#x?[0-9a-f]+;/gi, '');
  expect(bare).not.toContain(KEY);
  expect(bare.toLowerCase()).not.toContain(KEY.toLowerCase());
}

describe('the key in config errors (issue 26 item 14)', () => {
  it.each(Object.entries(DISGUISES))('the scrubber finds the key %s', (_name, disguised) => {
    expect(createKeyScrubber(KEY)(`unknown property "${JSON.stringify(disguised).slice(1, -1)}"`)).toBe('unknown property "[REDACTED]"');
    expect(createKeyScrubber(KEY)(`unknown property "${disguised}"`)).toBe('unknown property "[REDACTED]"');
  });

  it('validate (DIALPAD_API_KEY) and plan (--api-key-file) print the config problems with the key redacted', async () => {
    const dir = await configQuotingTheKey();
    const validate = await runCli(['validate', '-c', 'acme'], { cwd: dir, env: { DIALPAD_API_KEY: KEY } });
    expect(validate.code).toBe(1);
    expect(validate.stderr.match(/unknown property "\[REDACTED\]"/g)).toHaveLength(Object.keys(DISGUISES).length);
    expectNoKey(validate.stdout + validate.stderr);

    await writeFile(join(dir, 'key.txt'), `${KEY}\n`);
    const plan = await runCli(['plan', '-c', 'acme', '--api-key-file', 'key.txt', '--api-url', 'http://127.0.0.1:1'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr.match(/unknown property "\[REDACTED\]"/g)).toHaveLength(Object.keys(DISGUISES).length);
    expectNoKey(plan.stdout + plan.stderr);
  }, 120_000);
});
