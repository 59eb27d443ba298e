import { describe, expect, it } from 'vitest';
import { loadConfigSources } from '../../src/config/index.js';
import { ConfigError } from '../../src/errors.js';

function problemsOf(text: string): string[] {
  try {
    loadConfigSources([{ display: 'c.yaml', abs: '/tmp/c.yaml', text }], { checkFixture: false });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
  }
}

describe('YAML keys that are not words', () => {
  it.each([
    ['a list as a key', 'version: 1\n? [a, b]\n: 1\n', '2:3'],
    ['a mapping as a key', 'version: 1\npolicy:\n  ? { x: 1 }\n  : 2\n', '3:5'],
  ])('reports %s at the key, without a process warning', (_name, text, at) => {
    expect(problemsOf(text)).toEqual([`${at}: a key must be a plain word or string, not a list or mapping`]);
  });
});
