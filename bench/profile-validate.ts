/**
 * `validate`'s stages, each timed alone in CPU ms (`process.cpuUsage`, so machine load matters
 * little): read, the bare js-yaml parse, the fast path (the flow-list reader for import-shaped files, js-yaml with its
 * position listener), schema, merge, number checks (libphonenumber, every distinct number once),
 * the other semantic rules, normalize. Each stage runs on the previous stage's output, once, as one
 * `validate` process runs it.
 *   node --import tsx bench/profile-validate.ts <config dir>
 * Under tsx, normalize reads about twice its built cost (esbuild names every closure it makes);
 * bundle the script with esbuild into dist/ to time the built code.
 */
import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';
import { decodeSource, displayPath } from '../src/config/load-config.js';
import { listConfigFiles } from '../src/config/list-config-files.js';
import { parseYamlFileFast } from '../src/config/fast-yaml-file.js';
import { validateFileSchema } from '../src/config/validate-schema.js';
import { checkStrings } from '../src/config/check-strings.js';
import { mergeFiles } from '../src/config/merge-files.js';
import { applyProfiles } from '../src/config/profiles.js';
import { checkSemantics } from '../src/config/semantic-rules.js';
import { normalizeConfig } from '../src/config/normalize.js';
import { isValidE164 } from '../src/model/countries.js';
import type { YamlFile } from '../src/config/yaml-file.js';

const rows: [string, number][] = [];
function stage<T>(name: string, run: () => T): T {
  const before = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(before);
  rows.push([name, (used.user + used.system) / 1000]);
  return result;
}

/** Every string in `value` shaped like an E.164 number. */
function collectNumbers(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (/^\+[1-9]\d{6,14}$/.test(value)) into.add(value);
  } else if (Array.isArray(value)) for (const v of value) collectNumbers(v, into);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) collectNumbers(v, into);
}

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: profile-validate.ts <config dir>');
const paths = await listConfigFiles(dir, displayPath);
const bytes = await Promise.all(paths.map((p) => readFile(p)));
const sources = stage('decode', () => paths.map((p, i) => decodeSource(displayPath(p), p, bytes[i] as Uint8Array)));
stage('js-yaml load, no listener (floor of the parser)', () => sources.map((s) => load(s.text)));
const files = stage('fast path (flow-list reader, else js-yaml + position listener)', () => sources.map((s) => parseYamlFileFast(s) as YamlFile));
stage('schema + strings', () => files.map((f) => checkStrings(f, new Set(validateFileSchema(f).map((p) => p.path ?? '/')))));
const merged = stage('merge + profiles', () => applyProfiles(mergeFiles(files).merged).merged);
const numbers = stage('collect numbers', () => {
  const found = new Set<string>();
  for (const f of files) collectNumbers(f.data, found);
  return found;
});
stage(`libphonenumber, ${numbers.size} distinct numbers`, () => [...numbers].filter((n) => !isValidE164(n)).length);
stage('semantic rules (numbers already read)', () => checkSemantics(merged, { checkFixture: true }));
stage('normalize', () => normalizeConfig(merged, sources.map((s) => s.abs)));
const total = rows.reduce((a, [, ms]) => a + ms, 0);
process.stdout.write(`${rows.map(([name, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${name}`).join('\n')}\n${total.toFixed(0).padStart(6)} ms  in all (the bare parse counted too)\n`);
