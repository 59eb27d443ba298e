/**
 * Seeded config mutators for the fuzz test: broken YAML, wrong types, huge values, odd Unicode,
 * deep nesting, duplicate keys and truncations. The same seed gives the same mutation.
 */
import { parseDocument, visit, type Scalar } from 'yaml';
import { createPrng } from '../../src/emulator/faults.js';

export type Random = () => number;

/** The emulator's seeded PRNG (mulberry32), which bench/generate-fixture.ts uses too. */
export const seededRandom: (seed: number) => Random = createPrng;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, max: number): number => Math.floor(random() * max);

const SYNTAX = [':', '-', '[', ']', '{', '}', "'", '"', '\t', '&a', '*a', '!!int', '%YAML', '#', '\n', '  ', '? ', '|', '>', '---\n', '@', '`', ',', '\\'];
const ODD_UNICODE = [
  '\u200b', '\u202e', '\ufeff', '\u0000', '\ud800', '\udfff', 'e\u0301', '😀', '𝕒', 'Ω', '\u2028', '\u0085', 'ﬀ', 'İ', 'ß',
  '１２３', '+١٤١٥٥٥٥٠١٠١', '\u00a0', '\x7f', '\r', '\r\n',
];
const WRONG_VALUES: readonly unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 64, Number.MAX_SAFE_INTEGER, '', ' ', 'yes', 'null', '~', '0x1F', '.inf',
  [], [1, 2], {}, { a: 1 }, [[[]]], 'x'.repeat(70_000), `${'9'.repeat(400)}`, '+1'.padEnd(40, '5'), 'a@b', 'not an email',
  '+14155550101', 'US', 'us', 'ZZ', 'company', 'office', 'delete', 'talk', '2026-11-26', '\u202eevil', '😀@acme.com',
];

/** Replaces one scalar anywhere in the document with a value of another type or size. */
function replaceScalar(text: string, random: Random): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return insertAt(text, random, pick(random, SYNTAX));
  const scalars: Scalar[] = [];
  visit(doc, { Scalar: (_key, node) => void scalars.push(node) });
  if (scalars.length === 0) return text;
  const target = pick(random, scalars);
  const value = pick(random, WRONG_VALUES);
  visit(doc, {
    Scalar: (_key, node) => (node === target ? doc.createNode(value) : undefined),
  });
  return stringifyOr(doc, text, random);
}

/** Removes one key (anywhere) from the document. */
function dropKey(text: string, random: Random): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return insertAt(text, random, pick(random, SYNTAX));
  const pairs: unknown[] = [];
  visit(doc, { Pair: (_key, pair) => void pairs.push(pair) });
  if (pairs.length === 0) return text;
  const target = pick(random, pairs);
  visit(doc, { Pair: (_key, pair) => (pair === target ? visit.REMOVE : undefined) });
  return stringifyOr(doc, text, random);
}

/** The edited document as text; a syntax insertion instead when it cannot be written (e.g. an alias lost its anchor). */
function stringifyOr(doc: ReturnType<typeof parseDocument>, text: string, random: Random): string {
  try {
    return doc.toString({ lineWidth: 0 });
  } catch {
    return insertAt(text, random, pick(random, SYNTAX));
  }
}

function insertAt(text: string, random: Random, piece: string): string {
  const at = int(random, text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

function deepNesting(random: Random): string {
  const depth = 50 + int(random, 950);
  switch (int(random, 4)) {
    case 0:
      return `version: 1\nusers: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    case 1:
      return `version: 1\noffices: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
    case 2: {
      const lines = ['version: 1', 'offices:'];
      for (let i = 0; i < Math.min(depth, 400); i++) lines.push(`${'  '.repeat(i + 1)}k${i}:`);
      return `${lines.join('\n')}\n`;
    }
    default:
      return `version: 1\nusers:\n${Array.from({ length: Math.min(depth, 300) }, (_, i) => `${'  '.repeat(i + 1)}- `).join('\n')}x\n`;
  }
}

/** Exponential aliases ("billion laughs"): must be refused, not expanded. */
export function aliasBomb(random: Random): string {
  const levels = 3 + int(random, 8);
  const lines = ['version: 1', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  lines.push(`users: *a${levels}`);
  return `${lines.join('\n')}\n`;
}

/** The mutators, each named for the failure message of a run that breaks the contract. */
export const MUTATORS: ReadonlyArray<{ name: string; apply: (text: string, random: Random) => string }> = [
  { name: 'truncate', apply: (t, r) => t.slice(0, int(r, t.length)) },
  { name: 'delete-span', apply: (t, r) => { const a = int(r, t.length); return t.slice(0, a) + t.slice(a + 1 + int(r, 40)); } },
  { name: 'insert-syntax', apply: (t, r) => insertAt(t, r, pick(r, SYNTAX)) },
  { name: 'insert-unicode', apply: (t, r) => insertAt(t, r, pick(r, ODD_UNICODE)) },
  { name: 'wrong-value', apply: replaceScalar },
  { name: 'drop-key', apply: dropKey },
  { name: 'duplicate-line', apply: (t, r) => { const ls = t.split('\n'); const i = int(r, ls.length); ls.splice(i, 0, ls[i] ?? ''); return ls.join('\n'); } },
  { name: 'swap-lines', apply: (t, r) => { const ls = t.split('\n'); const i = int(r, ls.length); const j = int(r, ls.length); [ls[i], ls[j]] = [ls[j] ?? '', ls[i] ?? '']; return ls.join('\n'); } },
  { name: 'reindent', apply: (t, r) => { const ls = t.split('\n'); const i = int(r, ls.length); ls[i] = ' '.repeat(int(r, 7)) + (ls[i] ?? '').trimStart(); return ls.join('\n'); } },
  { name: 'tabs', apply: (t) => t.replace(/^( +)/gm, (s) => '\t'.repeat(Math.ceil(s.length / 2))) },
  { name: 'huge-file', apply: (t, r) => `${t}\n# ${'z'.repeat(200_000 + int(r, 300_000))}\n` },
  // Kept to ~150 users while error reporting is quadratic (see the known-bug test).
  { name: 'many-users', apply: (t, r) => `${t}${t.includes('users:') ? '' : 'users:\n'}${Array.from({ length: 60 + int(r, 90) }, (_, i) => `  - { email: u${i}@acme.com, first_name: U, last_name: "${i}", office: hq, license: talk }`).join('\n')}\n` },
  { name: 'deep-nesting', apply: (_t, r) => deepNesting(r) },
  { name: 'aliases', apply: (t, r) => `${t}\nx-anchor: &a [1, 2]\nx-alias: ${pick(r, ['*a', '[*a, *a]', '&b *a', '{k: *a}'])}\n` },
  { name: 'multi-doc', apply: (t) => `${t}\n---\n${t}` },
  { name: 'crlf-bom', apply: (t) => `\ufeff${t.replace(/\n/g, '\r\n')}` },
  { name: 'binary', apply: (_t, r) => String.fromCharCode(...Array.from({ length: 1 + int(r, 300) }, () => int(r, 256))) },
  { name: 'empty', apply: (_t, r) => pick(r, ['', ' ', '\n', '#', '---', '...', '~', 'null', '[]', '{}', '0']) },
];

/** Applies 1–3 seeded mutations to `text`; returns the text and the mutators used. */
export function mutateConfig(text: string, random: Random): { text: string; steps: string[] } {
  const steps: string[] = [];
  let out = text;
  const count = 1 + int(random, 3);
  for (let i = 0; i < count; i++) {
    const m = pick(random, MUTATORS);
    steps.push(m.name);
    out = m.apply(out, random);
  }
  return { text: out, steps };
}
