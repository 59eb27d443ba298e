/**
 * Runs the dialform action's shell step for real, in bash, with `$DIALFORM` running this
 * checkout's built CLI (`DIALFORM_COMMAND`), against an emulator over loopback, in a git repository whose
 * `origin` has the config on `main` (so `git fetch origin main` and `--base origin/main` work as
 * on a runner). The GitLab example's jobs run through gitlab-pipeline.ts.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DIALFORM_COMMAND } from './cli.js';

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

/**
 * Makes the files already in `repo` a git repository: committed on `main` and pushed to a bare
 * `origin.git` beside it, fetched, as a checkout of a pull request's base sees it.
 */
export async function commitWithOrigin(repo: string): Promise<void> {
  const git = (...args: string[]) => exec('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', ...args], { cwd: repo });
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git('commit', '-q', '-m', 'config');
  await exec('git', ['clone', '-q', '--bare', repo, join(repo, '..', 'origin.git')]);
  await git('remote', 'add', 'origin', join(repo, '..', 'origin.git'));
  await git('fetch', '-q', 'origin');
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
