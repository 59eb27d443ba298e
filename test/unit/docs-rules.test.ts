import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_CODES } from '../../src/plan/types.js';

const root = join(import.meta.dirname, '..', '..');
const rulesDoc = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
/** The table of every rule, when it fires and the way out (it lived in the README until issue 25). */
const rulesTable = rulesDoc.slice(rulesDoc.indexOf('\n## Every rule at a glance\n'));
const goldenDir = join(root, 'test', 'golden');
const goldenScenarios = readdirSync(goldenDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const goldenText = goldenScenarios.map((s) => readFileSync(join(goldenDir, s, 'plan.txt'), 'utf8')).join('\n');

/** docs/rules.md, its sections and its table of every rule, stay in step with the code and the goldens. */
describe('docs/rules.md', () => {
  it.each(RULE_CODES)('has a section for %s and a row in the table of every rule', (code) => {
    expect(rulesDoc).toContain(`\n## ${code}\n`);
    expect(rulesTable).toMatch(new RegExp(`^\\| \`${code}\` \\| (error|warning)`, 'm'));
  });

  it('quotes example messages exactly as a golden plan prints them', () => {
    const quotes = rulesDoc.split('\n').filter((l) => l.startsWith('  > ')).map((l) => l.slice(4));
    expect(quotes.length).toBeGreaterThanOrEqual(RULE_CODES.length);
    for (const quote of quotes) expect(goldenText, quote).toContain(quote);
  });

  it('names only golden scenarios that exist', () => {
    const named = [...rulesDoc.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+){2,})`/g)].map((m) => m[1] ?? '');
    expect(named.length).toBeGreaterThan(15);
    expect(named.filter((n) => !goldenScenarios.includes(n))).toEqual([]);
  });
});
