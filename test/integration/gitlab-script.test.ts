import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { PROJECT_ID, startFakeGitLab, type FakeGitLab } from '../support/fake-gitlab.js';

const SCRIPT = join(ROOT, 'action', 'gitlab.mjs');
const FP_A = `sha256:${'a'.repeat(64)}`;
const FP_B = `sha256:${'b'.repeat(64)}`;
const MERGED = 'c'.repeat(40);

/** Runs `action/gitlab.mjs ...args` as the example's jobs do. */
function gitlab(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [SCRIPT, ...args], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Markdown as dialform writes it: the plan, the visible fingerprint line and the hidden marker. */
function planMarkdown(text: string, fingerprint: string): string {
  return `<!-- dialform-plan -->\n### dialform plan\n\n${text}\n\nFingerprint: \`${fingerprint}\`\n<!-- dialform:fingerprint ${fingerprint} -->\n`;
}

describe('action/gitlab.mjs against a fake GitLab API (issue 24)', () => {
  let gl: FakeGitLab;
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    gl = await startFakeGitLab();
    dir = await mkdtemp(join(tmpdir(), 'dialform-gitlab-script-'));
    env = {
      CI_API_V4_URL: gl.url,
      GITLAB_TOKEN: gl.token,
      CI_PROJECT_ID: PROJECT_ID,
      CI_MERGE_REQUEST_IID: '7',
      CI_COMMIT_SHA: MERGED,
      CI_DEFAULT_BRANCH: 'main',
      CI_JOB_URL: 'https://gitlab.example/acme/phones/-/jobs/1',
    };
    // A busy merge request: the plan note ends up on the second page of 100.
    gl.mergeRequests.set(7, { iid: 7, state: 'opened', target_branch: 'main', sha: 'd'.repeat(40), merge_commit_sha: null, squash_commit_sha: null, notes: [] });
    for (let i = 0; i < 120; i += 1) gl.mergeRequests.get(7)?.notes.push({ id: i + 1, body: `review note ${i}`, author: gl.member, system: false });
  });
  afterEach(() => gl.close());

  async function file(text: string): Promise<string> {
    const path = join(dir, `f-${Math.random()}`);
    await writeFile(path, text);
    return path;
  }
  const notes = () => gl.mergeRequests.get(7)?.notes ?? [];
  const merge = () => Object.assign(gl.mergeRequests.get(7) ?? {}, { state: 'merged', merge_commit_sha: MERGED });

  it('creates one sticky note per config path, then updates it (issue 24)', async () => {
    for (const [text, config] of [['first', 'dialform'], ['second', 'dialform'], ['staging', 'staging/dialform']] as const) {
      const result = await gitlab(['note', '--body-file', await file(planMarkdown(text, FP_A)), '--config', config], env);
      expect(result.code, result.stderr).toBe(0);
    }
    const mine = notes().filter((n) => n.author.id === gl.bot.id);
    expect(mine.map((n) => n.body.split('\n')[0])).toEqual(['<!-- dialform-plan: dialform -->', '<!-- dialform-plan: staging/dialform -->']);
    expect(mine[0]?.body).toContain('second');
    expect(mine[0]?.body).not.toContain('first');
    expect(gl.requests.filter((r) => r.startsWith('PUT'))).toHaveLength(1);
  });

  it('does not take a plan note rewritten after the merge (a retried plan job) as the reviewed plan (issue 24)', async () => {
    const posted = await gitlab(['note', '--body-file', await file(planMarkdown('real', FP_A)), '--config', 'dialform'], env);
    expect(posted.code, posted.stderr).toBe(0);
    Object.assign(gl.mergeRequests.get(7) ?? {}, { state: 'merged', merge_commit_sha: MERGED, merged_at: '2000-01-01T00:00:00Z' });
    const reviewed = await gitlab(['reviewed', '--config', 'dialform'], env);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(reviewed.stdout).toBe('');
    expect(reviewed.stderr).toContain('was rewritten after the merge request merged');
  });

  it("never adopts someone else's note with the marker: creates its own, and after merge reads only its own (issue 24)", async () => {
    notes().push({ id: 900, body: `<!-- dialform-plan: dialform -->\n${planMarkdown('forged', FP_B)}`, author: gl.member, system: false });
    const posted = await gitlab(['note', '--body-file', await file(planMarkdown('real', FP_A)), '--config', 'dialform'], env);
    expect(posted.code, posted.stderr).toBe(0);
    expect(notes().find((n) => n.id === 900)?.body).toContain('forged');
    expect(notes().filter((n) => n.body.startsWith('<!-- dialform-plan: dialform -->'))).toHaveLength(2);

    merge();
    const reviewed = await gitlab(['reviewed', '--config', 'dialform'], env);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(reviewed.stdout.trim()).toBe(FP_A);
  });

  it('finds no reviewed plan when only someone else wrote the note, or no merge request was merged as the commit (issue 24)', async () => {
    notes().push({ id: 900, body: `<!-- dialform-plan: dialform -->\n${planMarkdown('forged', FP_B)}`, author: gl.member, system: false });
    const unmerged = await gitlab(['reviewed', '--config', 'dialform'], env);
    expect(unmerged.code, unmerged.stderr).toBe(0);
    expect(unmerged.stdout).toBe('');
    expect(unmerged.stderr).toContain('No merge request was merged as cccccccccccc');

    merge();
    const forged = await gitlab(['reviewed', '--config', 'dialform'], env);
    expect(forged.code, forged.stderr).toBe(0);
    expect(forged.stdout).toBe('');
    expect(forged.stderr).toContain('!7 has no plan note for dialform written by this token’s user');
  });

  it('the refused note is a new note without a fingerprint marker; the reviewed note stays as it was (issue 24)', async () => {
    await gitlab(['note', '--body-file', await file(planMarkdown('reviewed plan', FP_A)), '--config', 'dialform'], env);
    merge();
    const refused = await gitlab(['refused', '--body-file', await file(planMarkdown('new plan', FP_B)), '--config', 'dialform', '--reason', 'changed'], env);
    expect(refused.code, refused.stderr).toBe(0);
    const last = notes().at(-1);
    expect(last?.body).toContain('Nothing was written to Dialpad');
    expect(last?.body).toContain('new plan');
    expect(last?.body).not.toContain('<!-- dialform:fingerprint');
    const reviewed = await gitlab(['reviewed', '--config', 'dialform'], env);
    expect(reviewed.stdout.trim()).toBe(FP_A);
  });

  it('keeps the fingerprint marker when a plan is longer than a note may be (issue 24)', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `- \`~\` **op-${i + 1}** update user${i}@acme.com: license talk → agents`).join('\n');
    const result = await gitlab(['note', '--body-file', await file(planMarkdown(`<details><summary>all</summary>\n\n${rows}\n</details>`, FP_A)), '--config', 'dialform'], env);
    expect(result.code, result.stderr).toBe(0);
    const body = notes().find((n) => n.author.id === gl.bot.id)?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(1_000_000);
    expect(body).toContain('**Truncated**');
    expect(body).toContain('https://gitlab.example/acme/phones/-/jobs/1');
    expect(body.trimEnd().endsWith(`<!-- dialform:fingerprint ${FP_A} -->`)).toBe(true);
    merge();
    expect((await gitlab(['reviewed', '--config', 'dialform'], env)).stdout.trim()).toBe(FP_A);
  });

  it("writes the merge request widget's report from the plan summary (issue 24)", async () => {
    const plan = { summary: { create: 2, update: 1, delete: 3, move: 1, manual: 1, blocked: false } };
    const result = await gitlab(['report', '--plan', await file(JSON.stringify(plan))], env);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ create: 2, update: 3, delete: 3 });
  });

  it('fails closed, without printing the token, when GitLab refuses the token (issue 24)', async () => {
    merge();
    const result = await gitlab(['reviewed', '--config', 'dialform'], { ...env, GITLAB_TOKEN: 'glpat-wrong' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('GitLab answered 401');
    expect(result.stderr).not.toContain('glpat-wrong');
  });
});
