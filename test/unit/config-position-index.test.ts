import { isMap, parseDocument, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfigSources } from '../../src/config/index.js';
import { validateFileSchema } from '../../src/config/validate-schema.js';
import { findDuplicateKeys, keyIndexOf, parseYamlFile } from '../../src/config/yaml-file.js';
import { ConfigError } from '../../src/errors.js';

function unknownKeys(count: number): string {
  let text = 'version: 1\n';
  for (let i = 0; i < count; i++) text += `k${i}: 1\n`;
  return text;
}

/** Replaces the top-level mapping's items with a proxy counting element reads. */
function countItemReads(doc: Document): { reads: number } {
  const counter = { reads: 0 };
  const map = doc.contents;
  if (!isMap(map)) throw new Error('expected a mapping');
  map.items = new Proxy(map.items, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) counter.reads++;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return counter;
}

describe('config problem positions are found in linear time (issue 12 #11)', () => {
  it('locates 2,000 unknown keys reading each mapping item a bounded number of times (issue 12 #11)', () => {
    const count = 2000;
    const { file } = parseYamlFile({ display: 'c.yaml', abs: '/tmp/c.yaml', text: unknownKeys(count) });
    const counter = countItemReads(file.doc);
    const problems = validateFileSchema(file);
    expect(problems).toHaveLength(count);
    expect(problems[count - 1]).toMatchObject({ line: count + 1, col: 1 });
    // One pass to build the key index (a scan per key would read about count² / 2 = 2,000,000).
    expect(counter.reads).toBeLessThanOrEqual(4 * (count + 1));
  });

  it('indexes a mapping once, keeping the first pair for a repeated key (issue 12 #11)', () => {
    const doc = parseDocument('a: 1\nb: 2\na: 3\n', { uniqueKeys: false });
    if (!isMap(doc.contents)) throw new Error('expected a mapping');
    const index = keyIndexOf(doc.contents);
    expect([...index.keys()]).toEqual(['a', 'b']);
    expect(index.get('a')?.value).toMatchObject({ value: 1 });
    expect(keyIndexOf(doc.contents)).toBe(index);
  });

  it('finds duplicate keys in one pass, telling 1 from "1" as the parser does (issue 12 #11)', () => {
    const text = 'a: 1\nm: { x: 1, "1": 2, 1: 3, x: 4 }\na: 5\n';
    const doc = parseDocument(text, { uniqueKeys: false });
    expect(findDuplicateKeys(doc)).toEqual(
      expect.arrayContaining([
        { offset: text.lastIndexOf('x'), key: 'x' },
        { offset: text.lastIndexOf('a'), key: 'a' },
      ]),
    );
    expect(findDuplicateKeys(doc)).toHaveLength(2);
  });

  it('loads a config of 20,000 unknown keys, reporting every one at its line (issue 12 #11)', () => {
    const count = 20_000;
    let problems: ConfigError['problems'] = [];
    try {
      loadConfigSources([{ display: 'c.yaml', abs: '/tmp/c.yaml', text: unknownKeys(count) }], { checkFixture: false });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems = e.problems;
    }
    expect(problems).toHaveLength(count);
    expect(problems[count - 1]).toMatchObject({ file: 'c.yaml', line: count + 1, col: 1 });
    expect(problems[0]?.message).toMatch(/^unknown property "k0" \(allowed: /);
  }, 120_000);
});
