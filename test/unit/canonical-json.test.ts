import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/model/canonical-json.js';

describe('canonicalJson', () => {
  it.each([
    ['key order', { b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } }, '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}'],
    ['undefined members dropped, as JSON.stringify does', { a: undefined, b: [undefined, 1] }, '{"b":[null,1]}'],
    ['escaping', { 'k"': 'line\nbreak' }, '{"k\\"":"line\\nbreak"}'],
    ['non-finite numbers', [Number.NaN, 1.5, -0], '[null,1.5,0]'],
    ['scalars', 'x', '"x"'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('parses back to the same value as JSON.stringify gives', () => {
    const value = { users: [{ email: 'a@x', admin: { company: false, offices: ['hq'] }, numbers: ['+1'] }], n: 3 };
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('leaves out omitted keys at every level', () => {
    expect(canonicalJson({ source: 'a.yaml:1', x: { source: 'b', y: 1 } }, { omit: new Set(['source']) })).toBe('{"x":{"y":1}}');
  });
});
