import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigSources, type ConfigSource } from '../../src/config/index.js';
import { ConfigError } from '../../src/errors.js';
import { ROOT, runCli } from '../support/cli.js';
import { aliasBomb, mutateConfig, seededRandom, type Random } from '../support/mutate-config.js';

/**
 * Config fuzzing: mutated copies of examples/acme (seeded, so every run is the same) must either
 * load or fail with a ConfigError whose problems all carry file:line:col — never another
 * exception, a hang or a stack trace.
 */
const ACME = join(ROOT, 'examples', 'acme');
const FILES = ['dialform.yaml', 'users/hq.yaml', 'users/london.yaml', 'users/nyc.yaml'];
const BASE: ConfigSource[] = FILES.map((f) => ({ display: `acme/${f}`, abs: join(ACME, f), text: readFileSync(join(ACME, f), 'utf8') }));
const RUNS = 1000;
/** A config of a few hundred KiB loads in well under this; more means a super-linear path. */
const SLOW_RUN_MS = 3000;

/** Sources with one or two files mutated (the rest as in the example). */
function mutatedSources(random: Random): { sources: ConfigSource[]; steps: string[] } {
  const steps: string[] = [];
  const sources = BASE.map((s) => ({ ...s }));
  const targets = new Set([Math.floor(random() * sources.length)]);
  if (random() < 0.2) targets.add(Math.floor(random() * sources.length));
  for (const i of targets) {
    const source = sources[i] as ConfigSource;
    const mutated = mutateConfig(source.text, random);
    source.text = mutated.text;
    steps.push(`${source.display}: ${mutated.steps.join('+')}`);
  }
  return { sources, steps };
}

type Outcome = { ok: true } | { ok: false; error: unknown };

function load(sources: ConfigSource[]): Outcome {
  try {
    loadConfigSources(sources, { checkFixture: true });
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Why an outcome breaks the contract, or undefined when it keeps it. */
function contractBreach(outcome: Outcome, displays: Set<string>): string | undefined {
  if (outcome.ok) return undefined;
  const { error } = outcome;
  if (!(error instanceof ConfigError)) return `threw ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`;
  if (error.problems.length === 0) return 'ConfigError with no problems';
  for (const p of error.problems) {
    const where = `${p.file}:${p.line}:${p.col}: ${p.message.slice(0, 120)}`;
    if (!displays.has(p.file)) return `problem names an unknown file: ${where}`;
    if (!Number.isInteger(p.line) || p.line < 1 || !Number.isInteger(p.col) || p.col < 1) return `problem without a position: ${where}`;
    if (p.message.trim() === '') return `problem without a message: ${where}`;
  }
  return undefined;
}

describe('config loader fuzzing', () => {
  it(`keeps the error contract on ${RUNS} mutated configs`, () => {
    const random = seededRandom(20261126);
    const displays = new Set(BASE.map((s) => s.display));
    const breaches: string[] = [];
    let failures = 0;
    for (let run = 0; run < RUNS; run++) {
      const { sources, steps } = mutatedSources(random);
      const started = performance.now();
      const outcome = load(sources);
      const ms = performance.now() - started;
      if (!outcome.ok) failures++;
      const breach = ms > SLOW_RUN_MS ? `took ${Math.round(ms)} ms` : contractBreach(outcome, displays);
      if (breach !== undefined) breaches.push(`run ${run} [${steps.join('; ')}]: ${breach}`);
    }
    expect(breaches.slice(0, 5)).toEqual([]);
    // The mutations must mostly break the config, or the test exercises nothing.
    expect(failures).toBeGreaterThan(RUNS / 2);
    expect(failures).toBeLessThan(RUNS);
  });

  // Found by this fuzzer: aliases made doc.toJS() throw, and error reporting was quadratic.
  it('reports an alias bomb as a problem, not a thrown ReferenceError', () => {
    const outcome = load([{ ...(BASE[0] as ConfigSource), text: aliasBomb(seededRandom(1)) }]);
    expect(contractBreach(outcome, new Set([BASE[0]?.display ?? '']))).toBeUndefined();
  });

  it('reports an alias to an unknown anchor as a problem at the alias', () => {
    const outcome = load([{ ...(BASE[0] as ConfigSource), text: `${BASE[0]?.text}\nx: *missing\n` }]);
    expect(contractBreach(outcome, new Set([BASE[0]?.display ?? '']))).toBeUndefined();
  });

  it('lists the first YAML errors of a badly broken file and counts the rest', () => {
    const users = Array.from({ length: 600 }, (_, i) => `  - { email: u${i}@acme.com, first_name: U, last_name: "${i}", office: hq, license: talk }`);
    const text = `version: 1\nusers:\n${users.join('\n')}\n${'  - {a: ]\n'.repeat(600)}`;
    const outcome = load([{ ...(BASE[0] as ConfigSource), text }]);
    expect(outcome.ok).toBe(false);
    const problems = !outcome.ok && outcome.error instanceof ConfigError ? outcome.error.problems : [];
    expect(problems.length).toBe(21);
    expect(problems.at(-1)?.message).toMatch(/^\d+ more YAML errors from here on, not listed/);
  });

  it('is deterministic: the same seed gives the same outcomes', () => {
    const outcomes = (seed: number): string[] => {
      const random = seededRandom(seed);
      return Array.from({ length: 40 }, () => {
        const outcome = load(mutatedSources(random).sources);
        return outcome.ok ? 'ok' : outcome.error instanceof ConfigError ? outcome.error.message : String(outcome.error);
      });
    };
    expect(outcomes(7)).toEqual(outcomes(7));
  });

  it('through the real CLI: validate exits 0 or 1 with file:line:col lines and no stack trace', async () => {
    const random = seededRandom(4242);
    const cases = await Promise.all(
      Array.from({ length: 20 }, async (_, n) => {
        const { sources, steps } = mutatedSources(random);
        const dir = await mkdtemp(join(tmpdir(), 'dialform-fuzz-'));
        for (const s of sources) {
          const path = join(dir, 'acme', relative(ACME, s.abs));
          await mkdir(join(path, '..'), { recursive: true });
          await writeFile(path, s.text);
        }
        await writeFile(join(dir, 'acme', 'live.json'), readFileSync(join(ACME, 'live.json')));
        return { n, dir, steps };
      }),
    );
    const results: Array<{ n: number; steps: string[]; code: number; stdout: string; stderr: string }> = [];
    // Four at a time: each run is a separate tsx process, and the machine is shared.
    for (let i = 0; i < cases.length; i += 4) {
      const batch = cases.slice(i, i + 4);
      results.push(
        ...(await Promise.all(batch.map(async (c) => ({ ...c, ...(await runCli(['validate', '-c', 'acme'], { cwd: c.dir })) })))),
      );
    }
    let invalid = 0;
    for (const r of results) {
      const label = `case ${r.n} [${r.steps.join('; ')}]:\n${r.stderr.slice(0, 2000)}`;
      expect(r.stderr, label).not.toMatch(/\n {4}at /);
      expect(r.stderr, label).not.toContain('unexpected error');
      expect([0, 1], label).toContain(r.code);
      if (r.code === 0) {
        expect(r.stdout, label).toMatch(/^Configuration is valid/);
        continue;
      }
      invalid++;
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      const summary = lines.shift();
      expect(summary, label).toMatch(/^error config_invalid: \d+ problems? found:$/);
      expect(lines.length, label).toBeGreaterThan(0);
      for (const line of lines) expect(line, label).toMatch(/^\S+:\d+:\d+: /);
    }
    expect(invalid).toBeGreaterThan(5);
  }, 120_000);
});
