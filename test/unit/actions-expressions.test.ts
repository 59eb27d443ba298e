import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCondition, interpolate, type Value } from '../support/actions-expressions.js';
import { hashWorkspaceFiles, parseOutputFile } from '../support/composite-action.js';

const contexts: Record<string, Value> = {
  inputs: { mode: 'apply', 'plan-file': '', redact: 'true', 'node-version': '24' },
  steps: { reviewed: { outputs: { 'run-id': '10' } }, run: { outputs: {} } },
  github: { base_ref: 'main', action_path: '/a' },
  runner: { temp: '/t' },
};
const fns = (status: 'success' | 'failure' = 'success', hashed = '') => ({ hashFiles: () => hashed, status: () => status });

describe('GitHub Actions expressions, the part action.yml uses (issue 24)', () => {
  it('reads context paths with hyphens and returns null for missing ones', () => {
    expect(evaluate("inputs.plan-file == ''", contexts, fns())).toBe(true);
    expect(evaluate('steps.reviewed.outputs.run-id', contexts, fns())).toBe('10');
    expect(evaluate("steps['reviewed'].outputs['run-id']", contexts, fns())).toBe('10');
    expect(evaluate('steps.nope.outputs.x', contexts, fns())).toBe(null);
    expect(evaluate("steps.run.outputs.artifact != ''", contexts, fns())).toBe(false);
  });

  it('&& and || return an operand; == ignores case on strings and coerces across types', () => {
    expect(evaluate("inputs.plan-file || format('{0}/x', runner.temp)", contexts, fns())).toBe('/t/x');
    expect(evaluate("github.base_ref && format('origin/{0}', github.base_ref) || ''", contexts, fns())).toBe('origin/main');
    expect(evaluate("steps.reviewed.outputs.run-id && 'yes'", contexts, fns())).toBe('yes');
    expect(evaluate("inputs.mode == 'APPLY'", contexts, fns())).toBe(true);
    expect(evaluate("inputs.node-version == 24", contexts, fns())).toBe(true);
    expect(evaluate("!(inputs.redact != 'true')", contexts, fns())).toBe(true);
    expect(evaluate("'it''s'", contexts, fns())).toBe("it's");
  });

  it('interpolates ${{ }} with null as empty text', () => {
    expect(interpolate('node ${{ github.action_path }}/x ${{ steps.run.outputs.none }}!', contexts, fns())).toBe('node /a/x !');
  });

  it('adds success() to a condition without a status function; always() runs after a failure', () => {
    expect(evaluateCondition("inputs.mode == 'apply'", contexts, fns('failure'))).toBe(false);
    expect(evaluateCondition("always() && inputs.mode == 'apply'", contexts, fns('failure'))).toBe(true);
    expect(evaluateCondition(undefined, contexts, fns('success'))).toBe(true);
    expect(evaluateCondition("${{ inputs.mode == 'plan' }}", contexts, fns())).toBe(false);
    expect(evaluateCondition("hashFiles('x') != ''", contexts, fns('success', ''))).toBe(false);
  });
});

describe("the fake runner's hashFiles and GITHUB_OUTPUT (issue 24 #2)", () => {
  it('hashes files under the workspace only, as the runner does', async () => {
    const top = await mkdtemp(join(tmpdir(), 'dialform-hash-'));
    const workspace = join(top, 'work');
    await mkdir(join(workspace, 'dialform'), { recursive: true });
    await mkdir(join(top, 'temp'));
    await writeFile(join(workspace, 'dialform', 'a.yaml'), 'a');
    await writeFile(join(top, 'temp', 'plan.md'), 'outside');
    expect(hashWorkspaceFiles(workspace, ['dialform/*.yaml'])).toMatch(/^[0-9a-f]{64}$/);
    expect(hashWorkspaceFiles(workspace, ['**/a.yaml'])).toBe(hashWorkspaceFiles(workspace, ['dialform/a.yaml']));
    expect(hashWorkspaceFiles(workspace, [join(top, 'temp', 'plan.md')])).toBe('');
    expect(hashWorkspaceFiles(workspace, ['dialform/b.yaml'])).toBe('');
  });

  it('reads name=value lines and heredoc blocks', () => {
    expect(parseOutputFile('a=1\nb=x=y\nc<<EOF\nline 1\nline 2\nEOF\n')).toEqual({ a: '1', b: 'x=y', c: 'line 1\nline 2' });
  });
});
