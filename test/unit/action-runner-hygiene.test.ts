import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/cli.js';

/** The first major of each action whose action.yml declares `runs.using: node24` (release notes and action.yml of each). */
const FIRST_NODE24_MAJOR: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/cache': 5,
  'actions/cache/restore': 5,
  'actions/cache/save': 5,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
};

const FILES = ['action.yml', 'examples/ci/github-actions.yml', 'examples/ci/github-drift.yml'];

function usesOf(file: string): string[] {
  return [...readFileSync(join(ROOT, file), 'utf8').matchAll(/uses:\s*(actions\/[\w/-]+@\S+)/g)].map((m) => m[1] ?? '');
}

describe('runner hygiene of the action and the GitHub examples (issue 24)', () => {
  it('every actions/* step runs on Node 24', () => {
    const old = FILES.flatMap((file) =>
      usesOf(file).filter((uses) => {
        const [name = '', ref = ''] = uses.split('@');
        const major = Number(/^v(\d+)/.exec(ref)?.[1]);
        return !(name in FIRST_NODE24_MAJOR) || !(major >= (FIRST_NODE24_MAJOR[name] ?? Infinity));
      }).map((uses) => `${file}: ${uses}`),
    );
    expect(old).toEqual([]);
  });

  it('the examples set up Node once (the action does it), and the action installs nothing on the runner', () => {
    for (const file of FILES.slice(1)) expect(usesOf(file).filter((u) => u.startsWith('actions/setup-node')), file).toEqual([]);
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: { run?: string }[] } };
    expect(action.runs.steps.map((s) => s.run ?? '').filter((run) => /\bnpm (ci|install)\b/.test(run))).toEqual([]);
  });
});
