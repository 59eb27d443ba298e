/**
 * Issue 31: a large config's numbers are read by a worker while the main thread goes on. The load
 * settles them only when a rule first asks about a number, so schema and merge run meanwhile; and a
 * large config starts the worker before its first file is parsed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ConfigSource } from '../../src/config/index.js';
import { loadConfigSources, loadConfigSourcesAsync } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';
import { START_NOW_BYTES } from '../../src/model/read-numbers-beside.js';
import { ROOT } from '../support/cli.js';

const seen = vi.hoisted(() => ({ events: [] as string[], startNow: [] as (boolean | undefined)[] }));

vi.mock('../../src/config/merge-files.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/config/merge-files.js')>();
  return {
    ...actual,
    mergeFiles: (...args: Parameters<typeof actual.mergeFiles>) => {
      seen.events.push('merge');
      return actual.mergeFiles(...args);
    },
  };
});

vi.mock('../../src/model/read-numbers-beside.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/model/read-numbers-beside.js')>();
  return {
    ...actual,
    createNumberReader: (...args: Parameters<typeof actual.createNumberReader>) => {
      seen.startNow.push(args[0]?.startNow);
      const reader = actual.createNumberReader(...args);
      return {
        addFrom: (value: unknown) => reader.addFrom(value),
        settle: async () => {
          seen.events.push('settle');
          return reader.settle();
        },
      };
    },
  };
});

vi.mock('../../src/model/countries.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/model/countries.js')>();
  return {
    ...actual,
    isValidE164: (number: string) => {
      if (seen.events.at(-1) !== 'ask') seen.events.push('ask');
      return actual.isValidE164(number);
    },
  };
});

const ACME = join(ROOT, 'examples', 'acme');
const ACME_SOURCES: ConfigSource[] = ['dialform.yaml', 'users/hq.yaml', 'users/london.yaml', 'users/nyc.yaml'].map((f) => ({
  display: `acme/${f}`,
  abs: join(ACME, f),
  text: readFileSync(join(ACME, f), 'utf8'),
}));

describe('numbers settled when first asked about (issue 31)', () => {
  it('merges the files before it settles the numbers, and settles them before a rule asks about one', async () => {
    seen.events.length = 0;
    const state = await loadConfigSourcesAsync(ACME_SOURCES, { checkFixture: false });
    expect(state.tenant.users.length).toBeGreaterThan(0);
    expect(seen.events.slice(0, 3)).toEqual(['merge', 'settle', 'ask']);
  });

  it('finds the same problems in the same order as the load that settles nothing (rules split around the settle)', async () => {
    // An undeclared office, a reused email and numbers libphonenumber rejects, at equal and distinct positions.
    const extra = [
      '  - { email: grace.hopper@acme.com, first_name: G, last_name: H, office: nowhere, numbers: ["+10000000000", "+14155550101", "12"] }',
      '  - { email: x@acme.com, first_name: X, last_name: Y, office: hq, numbers: ["+999"], forwarding_numbers: ["+1"] }',
    ].join('\n');
    const bad = ACME_SOURCES.map((s, i) => (i === 1 ? { ...s, text: `${s.text.trimEnd()}\n${extra}\n` } : s));
    const problemsOf = async (load: () => unknown): Promise<unknown> => {
      try {
        await load();
      } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
      }
      return [];
    };
    const inline = await problemsOf(() => loadConfigSources(bad, { checkFixture: false }));
    expect((inline as unknown[]).length).toBeGreaterThan(3);
    seen.events.length = 0;
    expect(await problemsOf(() => loadConfigSourcesAsync(bad, { checkFixture: false }))).toEqual(inline);
    expect(seen.events.indexOf('settle')).toBeLessThan(seen.events.indexOf('ask'));
  });

  it('starts the worker at once only for a config of START_NOW_BYTES or more', async () => {
    seen.startNow.length = 0;
    await loadConfigSourcesAsync(ACME_SOURCES, { checkFixture: false });
    const padded = ACME_SOURCES.map((s, i) => (i === 0 ? { ...s, text: `${s.text}\n#${' '.repeat(START_NOW_BYTES)}\n` } : s));
    await loadConfigSourcesAsync(padded, { checkFixture: false });
    expect(seen.startNow).toEqual([false, true]);
  });
});
