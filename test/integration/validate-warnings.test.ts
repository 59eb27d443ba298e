import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchCopy } from '../support/cli.js';

const WARNING = /^acme\/dialform\.yaml:\d+: warning: office "(hq|nyc|london)" has no price_level\./;

describe('the price-level warnings (issue 27 #9)', () => {
  it('validate prints them in text and in its JSON document, and plan prints the same ones (issue 27 #9)', async () => {
    const cwd = await scratchCopy('acme');
    const main = join(cwd, 'acme', 'dialform.yaml');
    await writeFile(main, (await readFile(main, 'utf8')).replace(/, price_level: \w+/g, ''));

    const text = await runCli(['validate', '-c', 'acme'], { cwd });
    expect(text.code, text.stderr).toBe(0);
    const warned = text.stderr.trimEnd().split('\n');
    expect(warned).toHaveLength(3);
    for (const line of warned) expect(line).toMatch(WARNING);

    const json = await runCli(['validate', '-c', 'acme', '--format', 'json'], { cwd });
    expect((JSON.parse(json.stdout) as { warnings: string[] }).warnings).toEqual(warned);

    const plan = await runCli(['plan', '-c', 'acme', '--emulator'], { cwd });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr.trimEnd().split('\n').filter((l) => l.includes('warning:'))).toEqual(warned);
  });
});
