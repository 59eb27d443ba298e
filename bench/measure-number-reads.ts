/**
 * What reading the config's numbers costs with each libphonenumber-js metadata, and whether the
 * smaller ones answer as `max` does (issue 31: "the smallest metadata that answers the question").
 * The config load asks two things of a number (src/model/countries.ts): is it a valid number of
 * some country, and which country. Each metadata is timed in its own process, cold, one pass, as a
 * `validate` process reads its numbers (each distinct number once).
 *   node --import tsx bench/measure-number-reads.ts [config dir]
 * Corpus: the numbers in the config dir (e.g. a bench config), the examples' and fixtures' numbers,
 * and a seeded sweep of every country calling code at every E.164 length.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import metadata from 'libphonenumber-js/metadata.max.json';
import { createPrng } from '../src/emulator/faults.js';

const E164 = /\+[1-9]\d{6,14}/g;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every E.164-shaped string in the files under `dir` (YAML and JSON). */
function collectFrom(dir: string, into: Set<string>): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collectFrom(path, into);
    else if (/\.(ya?ml|json)$/.test(name)) for (const m of readFileSync(path, 'utf8').matchAll(E164)) into.add(m[0]);
  }
}

/** Numbers of every calling code at every length, random digits and every three-digit prefix (seeded). */
function sweepCallingCodes(into: Set<string>): void {
  const random = createPrng(31);
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  for (const code of Object.keys(metadata.country_calling_codes)) {
    for (let total = 7; total <= 15; total++) for (let k = 0; k < 40 && total > code.length; k++) into.add(`+${code}${digits(total - code.length)}`);
    for (let p = 0; p < 1000; p++) for (const len of [7, 9, 10]) into.add(`+${code}${String(p).padStart(3, '0')}${digits(len - 3)}`);
  }
}

function buildCorpus(configDir: string | undefined): string[] {
  const found = new Set<string>();
  if (configDir !== undefined) collectFrom(configDir, found);
  for (const dir of ['examples', 'test/golden', 'test/fixtures']) {
    try {
      collectFrom(join(ROOT, dir), found);
    } catch {
      // a tree without that directory
    }
  }
  sweepCallingCodes(found);
  return [...found].filter((n) => /^\+[1-9]\d{6,14}$/.test(n)).sort();
}

type Read = [valid: boolean, country: string | undefined];

async function readAll(kind: string, corpus: readonly string[]): Promise<{ reads: Read[]; us: number }> {
  const api = (await import(`libphonenumber-js/${kind}`)) as typeof import('libphonenumber-js/max');
  const before = process.cpuUsage();
  const reads = corpus.map((n): Read => {
    const parsed = api.parsePhoneNumberFromString(n, { extract: false });
    return [parsed?.isValid() === true, parsed?.country];
  });
  const used = process.cpuUsage(before);
  return { reads, us: (used.user + used.system) / corpus.length };
}

const [mode, arg] = process.argv.slice(2);
if (mode === '--child') {
  const { kind, configDir, slice } = JSON.parse(arg as string) as { kind: string; configDir?: string; slice: 'config' | 'all' };
  const all = buildCorpus(configDir);
  const corpus = slice === 'config' && configDir !== undefined ? (() => { const s = new Set<string>(); collectFrom(configDir, s); return [...s].sort(); })() : all;
  const { reads, us } = await readAll(kind, corpus);
  process.stdout.write(JSON.stringify({ us, reads }));
} else {
  const configDir = mode;
  const run = (kind: string, slice: 'config' | 'all'): { us: number; reads: Read[] } =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify({ kind, configDir, slice })], { maxBuffer: 1 << 30 }).toString());
  const corpus = buildCorpus(configDir);
  const rows: string[] = [];
  const max = run('max', 'all');
  for (const kind of ['max', 'min', 'mobile']) {
    const timed = configDir !== undefined ? run(kind, 'config') : undefined;
    const all = kind === 'max' ? max : run(kind, 'all');
    let validDiffer = 0;
    let countryDiffer = 0;
    all.reads.forEach(([valid, country], i) => {
      const [v, c] = max.reads[i] as Read;
      if (valid !== v) validDiffer++;
      else if (valid && country !== c) countryDiffer++;
    });
    rows.push(`| ${kind} | ${timed === undefined ? '' : timed.us.toFixed(1)} | ${all.us.toFixed(1)} | ${all.reads.filter((r) => r[0]).length} | ${validDiffer} | ${countryDiffer} |`);
  }
  process.stdout.write(
    `${corpus.length} numbers (${configDir ?? 'no config'}, examples, fixtures, every calling code swept)\n\n` +
      '| metadata | µs/number, config numbers | µs/number, whole corpus | valid | validity differs from max | country differs from max |\n| --- | --- | --- | --- | --- | --- |\n' +
      `${rows.join('\n')}\n`,
  );
}
