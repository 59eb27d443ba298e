import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadConfigSources, type ConfigSource } from '../../src/config/index.js';
import { parseYamlFileFast } from '../../src/config/fast-yaml-file.js';
import { loadConfigSourcesAsync, type YamlParser } from '../../src/config/load-config.js';
import { parseYamlFile } from '../../src/config/yaml-file.js';
import { ConfigError } from '../../src/errors.js';
import { ROOT } from '../support/cli.js';
import { describeDifferenceFromYaml } from '../support/compare-yaml-readers.js';
import { mutateConfig, seededRandom } from '../support/mutate-config.js';

/** Counts `yaml`'s parseDocument calls (the exact path), passing them through. */
const counts = vi.hoisted(() => ({ parseDocument: 0 }));
vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return {
    ...actual,
    parseDocument: (...args: Parameters<typeof actual.parseDocument>) => {
      counts.parseDocument++;
      return actual.parseDocument(...args);
    },
  };
});

const ACME = join(ROOT, 'examples', 'acme');
const ACME_FILES = ['dialform.yaml', 'users/hq.yaml', 'users/london.yaml', 'users/nyc.yaml'];
const ACME_SOURCES: ConfigSource[] = ACME_FILES.map((f) => ({ display: `acme/${f}`, abs: join(ACME, f), text: readFileSync(join(ACME, f), 'utf8') }));

/**
 * How the two paths compare on one file: `exact` when the fast path leaves it to `yaml`, `fast`
 * when it reads it and agrees with `yaml` (no YAML problem, the same value, the same positions),
 * else what differs.
 */
function compareFile(source: ConfigSource): string {
  const fast = parseYamlFileFast(source);
  return fast === undefined ? 'exact' : (describeDifferenceFromYaml(source, fast, 'fast') ?? 'fast');
}

type Outcome = { state: unknown } | { problems: unknown };

function loadWith(sources: readonly ConfigSource[], parser: YamlParser): Outcome {
  try {
    return { state: loadConfigSources(sources, { checkFixture: false, parser }) };
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    throw error;
  }
}

describe('config fast path', () => {
  it('reads a valid config without yaml\'s parser, and a config with a problem with it, at exact positions (issue 15 #1)', () => {
    counts.parseDocument = 0;
    const valid = loadWith(ACME_SOURCES, 'fast');
    expect('state' in valid).toBe(true);
    expect(counts.parseDocument).toBe(0);

    const broken = ACME_SOURCES.map((s) => (s.display.endsWith('nyc.yaml') ? { ...s, text: s.text.replace('office: nyc', 'office: nowhere') } : s));
    counts.parseDocument = 0;
    expect(loadWith(broken, 'fast')).toEqual(loadWith(broken, 'exact'));
    expect(counts.parseDocument).toBeGreaterThanOrEqual(ACME_SOURCES.length);
  });

  it('agrees with the exact path file by file on the fuzz corpus: values, positions, and never reads what yaml refuses (issue 15 #2)', () => {
    const random = seededRandom(20261126);
    const tally = { fast: 0, exact: 0 };
    const disagreements: string[] = [];
    for (let run = 0; run < 800; run++) {
      const source = ACME_SOURCES[Math.floor(random() * ACME_SOURCES.length)] as ConfigSource;
      const mutated = mutateConfig(source.text, random);
      const result = compareFile({ ...source, text: mutated.text });
      if (result === 'fast' || result === 'exact') tally[result]++;
      else disagreements.push(`run ${run} [${mutated.steps.join('+')}]: ${result}`);
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    // The corpus must exercise the fast path, not only its refusals.
    expect(tally.fast).toBeGreaterThan(150);
  });

  it('gives the same desired state or the same problems as the exact path on whole fuzzed configs (issue 15 #2)', () => {
    const random = seededRandom(7);
    for (let run = 0; run < 60; run++) {
      const sources = ACME_SOURCES.map((s) => ({ ...s }));
      const target = sources[Math.floor(random() * sources.length)] as ConfigSource;
      target.text = mutateConfig(target.text, random).text;
      expect(loadWith(sources, 'fast'), `run ${run}`).toEqual(loadWith(sources, 'exact'));
    }
  });

  it('gives the same desired state, every source included, on the example and the golden configs (issue 15 #2)', () => {
    const golden = join(ROOT, 'test', 'golden');
    const configs = [
      ACME_SOURCES,
      ...readdirSync(golden, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => {
          const abs = join(golden, d.name, 'config.yaml');
          return [{ display: `${d.name}/config.yaml`, abs, text: readFileSync(abs, 'utf8') }];
        }),
    ];
    expect(configs.length).toBeGreaterThan(20);
    for (const sources of configs) {
      for (const source of sources) expect(compareFile(source), source.display).toMatch(/^(fast|exact)$/);
      expect(loadWith(sources, 'fast'), sources[0]?.display).toEqual(loadWith(sources, 'exact'));
    }
  });

  it('keeps YAML 1.2 core-schema values on the fast path (issue 15 #3)', () => {
    const text = 'version: 1\nx: [no, on, yes, off, y, 0o17, 017, 0x1F, 1e3, 1_000, .inf, -.Inf, .nan, ~, null, "1", 1.50, 2024-01-01, true, False, +12]\n';
    const fast = parseYamlFileFast({ display: 'c.yaml', abs: '/c.yaml', text });
    expect(fast).toBeDefined();
    expect(fast?.data).toEqual(parseYamlFile({ display: 'c.yaml', abs: '/c.yaml', text }).file.data);
    expect(fast?.data?.x).toEqual(['no', 'on', 'yes', 'off', 'y', 15, 17, 31, 1000, '1_000', Infinity, -Infinity, NaN, null, null, '1', 1.5, '2024-01-01', true, false, 12]);
  });

  it('leaves to the exact path what only it reads right: tags, anchors, aliases, directives, duplicate and complex keys, tabs (issue 15 #3)', () => {
    const cases = [
      'version: 1\nx: !!str 1\n',
      'version: 1\nx: &a [1]\ny: *a\n',
      '%YAML 1.1\n---\nversion: 1\nx: yes\n',
      'version: 1\nx: 1\nx: 2\n',
      'version: 1\n[a]: 1\n',
      'version: 1\nx: { [a] }\n',
      'version: 1\nx: [: 1]\n',
      'version: 1\nx:\n\t- 1\n',
      'version: 1\nx: { a: 1,\n b: 2 }\n',
      'version: 1\nx: "a"#c\n',
    ];
    for (const text of cases) expect(parseYamlFileFast({ display: 'c.yaml', abs: '/c.yaml', text }), JSON.stringify(text)).toBeUndefined();
  });

  it('lets other work run between files while it loads (issue 15 #4)', async () => {
    let turns = 0;
    let running = true;
    const spin = (): void => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const state = await loadConfigSourcesAsync(ACME_SOURCES, { checkFixture: false });
    running = false;
    expect(state.tenant.users.length).toBeGreaterThan(0);
    expect(turns).toBeGreaterThanOrEqual(ACME_SOURCES.length);
  });
});
