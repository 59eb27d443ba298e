/**
 * Runs CI example steps for real: a GitLab job's `script` lines, or the dialform action's shell
 * step, in bash, with `npx dialform` (GitLab) or `$DIALFORM` (the action) running this checkout's
 * built CLI (`DIALFORM_COMMAND`), against an emulator over loopback, in a git repository whose `origin` has the
 * config on `main` (so `git fetch origin main` and `--base origin/main` work as on a runner).
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { DIALFORM_COMMAND, ROOT } from './cli.js';

const exec = promisify(execFile);

export interface StepResult {
  code: number;
  /** stdout and stderr together, as a CI log shows them. */
  log: string;
}

/** A repository with `dialform/dialform.yaml` copied from `configFile`, committed and pushed to `origin/main`. */
export async function makeRepository(configFile: string): Promise<string> {
  const top = await mkdtemp(join(tmpdir(), 'dialform-ci-'));
  const repo = join(top, 'repo');
  await mkdir(join(repo, 'dialform'), { recursive: true });
  await cp(configFile, join(repo, 'dialform', 'dialform.yaml'));
  const git = (...args: string[]) => exec('git', args, { cwd: repo });
  await git('init', '-q', '-b', 'main');
  await git('-c', 'user.name=ci', '-c', 'user.email=ci@example.com', 'commit', '-q', '--allow-empty', '-m', 'start');
  await git('add', '.');
  await git('-c', 'user.name=ci', '-c', 'user.email=ci@example.com', 'commit', '-q', '-m', 'config');
  await exec('git', ['clone', '-q', '--bare', repo, join(top, 'origin.git')]);
  await git('remote', 'add', 'origin', join(top, 'origin.git'));
  await git('fetch', '-q', 'origin');
  return repo;
}

/** The `script` lines of a job in `examples/ci/gitlab-ci.yml`. */
export async function gitlabScript(job: string): Promise<string[]> {
  const doc = parse(await readFile(join(ROOT, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[] }>;
  const script = doc[job]?.script;
  if (!script) throw new Error(`gitlab-ci.yml has no job ${job}`);
  return script;
}

/** Runs `script` in bash the way GitLab's bash shell does: one shell, `set -eo pipefail`. */
export async function runBash(script: string, opts: { cwd: string; env: Record<string, string> }): Promise<StepResult> {
  const prelude = [
    'set -eo pipefail',
    // The job's `npx dialform` is this checkout's built CLI.
    `npx() { if [ "$1" = dialform ]; then shift; ${DIALFORM_COMMAND} "$@"; else command npx "$@"; fi; }`,
  ].join('\n');
  const file = join(opts.cwd, '..', `step-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`);
  await writeFile(file, `${prelude}\n${script}\n`);
  return new Promise((resolve) => {
    execFile(
      'bash',
      [file],
      { cwd: opts.cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...opts.env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, log: stdout + stderr }),
    );
  });
}
