import { describe, expect, it } from 'vitest';
import { CopiedOnRead } from '../../src/plan/sim-state.js';

interface Entry {
  name: string;
  tags: string[];
}

const copyEntry = (e: Entry): Entry => ({ ...e, tags: [...e.tags] });

function makeOriginal(): Map<string, Entry> {
  return new Map([
    ['a', { name: 'A', tags: ['x'] }],
    ['b', { name: 'B', tags: [] }],
  ]);
}

describe('CopiedOnRead (the simulation copies a user when it first reads them)', () => {
  it('hands out copies: changing what get returns leaves the original as it was', () => {
    const original = makeOriginal();
    const copy = new CopiedOnRead(original, copyEntry);
    const a = copy.get('a');
    a?.tags.push('y');
    if (a) a.name = 'changed';
    expect(original.get('a')).toEqual({ name: 'A', tags: ['x'] });
    expect(copy.get('a')).toBe(a);
    expect(copy.get('a')).toEqual({ name: 'changed', tags: ['x', 'y'] });
  });

  it('copies each value once, and only those read', () => {
    let copies = 0;
    const copy = new CopiedOnRead(makeOriginal(), (e) => {
      copies++;
      return copyEntry(e);
    });
    copy.get('a');
    copy.get('a');
    expect(copies).toBe(1);
    expect(copy.has('b')).toBe(true);
    expect(copy.size).toBe(2);
    expect(copies).toBe(1);
  });

  it('iterates copies, in the original order, with entries set or deleted since', () => {
    const original = makeOriginal();
    const copy = new CopiedOnRead(original, copyEntry);
    copy.set('c', { name: 'C', tags: [] });
    copy.delete('a');
    for (const e of copy.values()) e.tags.push('seen');
    expect([...copy.keys()]).toEqual(['b', 'c']);
    expect([...copy].map(([k, e]) => `${k}:${e.tags.join(',')}`)).toEqual(['b:seen', 'c:seen']);
    expect(original.get('b')).toEqual({ name: 'B', tags: [] });
    expect(original.get('a')).toEqual({ name: 'A', tags: ['x'] });
  });

  it('never copies a value set on it', () => {
    const copy = new CopiedOnRead(new Map<string, Entry>(), () => {
      throw new Error('copied a value it owns');
    });
    const own = { name: 'own', tags: [] };
    copy.set('own', own);
    expect(copy.get('own')).toBe(own);
    expect([...copy.values()]).toEqual([own]);
  });
});
