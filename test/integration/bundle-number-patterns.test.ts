/**
 * The bundle's one change to libphonenumber-js (scripts/esbuild-options.mjs, `cachedPatterns`):
 * `matchesEntirely` keeps one RegExp per metadata pattern instead of building one per test. Here:
 * the bundled reads build each pattern once, they answer exactly as the library as published
 * answers, and the build refuses a libphonenumber-js whose `matchesEntirely` no longer reads as the
 * plugin expects.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import metadata from 'libphonenumber-js/metadata.max.json';
import examples from 'libphonenumber-js/examples.mobile.json';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrng } from '../../src/emulator/faults.js';
import { parseE164 as publishedParseE164 } from '../../src/model/countries.js';
import { ROOT } from '../support/cli.js';

type Countries = typeof import('../../src/model/countries.js');
const { BUNDLE_OPTIONS } = (await import(pathToFileURL(join(ROOT, 'scripts', 'esbuild-options.mjs')).href)) as { BUNDLE_OPTIONS: Record<string, unknown> };
const outdir = await mkdtemp(join(tmpdir(), 'dialform-number-patterns-'));
afterAll(() => rm(outdir, { recursive: true, force: true }));
await build({ ...BUNDLE_OPTIONS, entryPoints: [join(ROOT, 'src', 'model', 'countries.ts')], outdir });
const bundled = (await import(pathToFileURL(join(outdir, 'countries.js')).href)) as Countries;

/**
 * Numbers of every country: each one's example mobile number, that number with its last digit
 * changed, one digit short and one long, and seeded random digits after every calling code at
 * several lengths: valid and invalid numbers, of countries that share a calling code too.
 */
function buildCorpus(): string[] {
  const random = createPrng(31);
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const found = new Set<string>();
  const codes = metadata.countries as unknown as Record<string, [string, ...unknown[]]>;
  for (const [country, national] of Object.entries(examples as Record<string, string>)) {
    const code = codes[country]?.[0];
    if (code === undefined) continue;
    const last = Number(national.at(-1));
    for (const n of [national, `${national.slice(0, -1)}${(last + 1) % 10}`, national.slice(0, -1), `${national}${last}`]) found.add(`+${code}${n}`);
  }
  for (const code of Object.keys(metadata.country_calling_codes)) {
    for (let total = 7; total <= 15; total++) for (let k = 0; k < 12 && total > code.length; k++) found.add(`+${code}${digits(total - code.length)}`);
  }
  return [...found].filter((n) => /^\+[1-9]\d{6,14}$/.test(n)).sort();
}

describe('the bundle reads numbers with one RegExp per libphonenumber pattern', () => {
  const corpus = buildCorpus();

  it('builds each whole-number pattern once, where the library as published builds one per test', () => {
    const built = new Map<string, number>();
    const NativeRegExp = globalThis.RegExp;
    const counting = new Proxy(NativeRegExp, {
      construct(target, args: [string | RegExp, string?]) {
        const source = String(args[0]);
        if (source.startsWith('^(?:') && source.endsWith(')$')) built.set(source, (built.get(source) ?? 0) + 1);
        return new target(...args);
      },
    });
    globalThis.RegExp = counting;
    try {
      for (const n of corpus) bundled.parseE164(n);
      const bundledMost = Math.max(...built.values());
      built.clear();
      for (const n of corpus) publishedParseE164(n);
      const publishedMost = Math.max(...built.values());
      expect(bundledMost).toBe(1);
      // The library as published (what tests run from source) builds some patterns once per number.
      expect(publishedMost).toBeGreaterThan(100);
    } finally {
      globalThis.RegExp = NativeRegExp;
    }
  });

  it('answers as the library as published does (valid, and which country) for every number of a corpus of every country', () => {
    expect(corpus.length).toBeGreaterThan(20_000);
    const differing = corpus.filter((n) => {
      const a = bundled.parseE164(n);
      const b = publishedParseE164(n);
      return a.valid !== b.valid || a.country !== b.country;
    });
    expect(differing).toEqual([]);
    // The corpus holds both answers and countries that share a calling code.
    const reads = corpus.map((n) => bundled.parseE164(n));
    expect(reads.filter((r) => r.valid).length).toBeGreaterThan(1_000);
    expect(reads.filter((r) => !r.valid).length).toBeGreaterThan(1_000);
    expect(new Set(corpus.filter((n) => n.startsWith('+1')).map((n) => bundled.parseE164(n).country)).size).toBeGreaterThan(10);
  });

  it('refuses to build with a libphonenumber-js whose matchesEntirely no longer reads as expected', async () => {
    const fake = join(outdir, 'fake');
    const helpers = join(fake, 'node_modules', 'libphonenumber-js', 'es6', 'helpers');
    await mkdir(helpers, { recursive: true });
    await writeFile(join(helpers, 'matchesEntirely.js'), 'export default function matchesEntirely(text, pattern) { return new RegExp(`^(?:${pattern})$`).test(text || ""); }\n');
    await writeFile(join(fake, 'entry.js'), "import matchesEntirely from './node_modules/libphonenumber-js/es6/helpers/matchesEntirely.js';\nconsole.log(matchesEntirely('1', '\\\\d'));\n");
    await expect(build({ ...BUNDLE_OPTIONS, logLevel: 'silent', entryPoints: [join(fake, 'entry.js')], outdir: join(fake, 'out') })).rejects.toThrow(
      /matchesEntirely\.js no longer reads as scripts\/esbuild-options\.mjs expects/,
    );
  });
});
