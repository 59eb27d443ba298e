/**
 * Runs examples/ci/gitlab-ci.yml's jobs the way GitLab and its runner would: a project whose
 * `origin` is a bare repository, pipelines for a merge request, the default branch or a schedule,
 * the jobs whose `rules:` select them for that pipeline, each in a fresh clone at the pipeline's
 * commit (CI_PROJECT_DIR) with the predefined variables, the YAML's `variables:` and the project's
 * CI/CD variables (which win, as in GitLab), its `cache:` restored before and saved after, and its
 * `before_script` + `script` lines in one bash with `set -eo pipefail`. `npm` is a stub that only
 * records its arguments: `DIALFORM` and `DIALFORM_GITLAB` (project variables here) run this
 * checkout's build instead of what `npm ci` would install.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { ROOT } from './cli.js';

const exec = promisify(execFile);

interface Rule {
  if?: string;
  when?: string;
  changes?: unknown;
}
interface Job {
  script: string[];
  before_script?: string[];
  variables?: Record<string, string>;
  rules?: Rule[];
  cache?: { key: string; paths: string[]; when?: string };
}
interface CiFile {
  variables?: Record<string, string>;
  default?: { before_script?: string[] };
  [job: string]: unknown;
}

export type PipelineSource = 'merge_request_event' | 'push' | 'schedule';

export interface GitLabProject {
  /** The bare repository every job clones. */
  origin: string;
  /** A work tree where the test makes commits and pushes them. */
  work: string;
  /** Where each job's clone and the runner cache live. */
  runner: string;
}

export interface JobResult {
  job: string;
  code: number;
  log: string;
  /** The job's CI_PROJECT_DIR, kept for its artifacts. */
  dir: string;
}

const GIT_USER = ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com'];

export async function readCiFile(): Promise<CiFile> {
  return parse(await readFile(join(ROOT, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8')) as CiFile;
}

/** A project with `dialform/dialform.yaml` copied from `configFile` on `main`, pushed to its origin. */
export async function makeGitLabProject(configFile: string): Promise<GitLabProject> {
  const top = await mkdtemp(join(tmpdir(), 'dialform-gitlab-'));
  const origin = join(top, 'origin.git');
  const work = join(top, 'work');
  await exec('git', ['init', '-q', '--bare', '-b', 'main', origin]);
  await mkdir(join(work, 'dialform'), { recursive: true });
  await cp(configFile, join(work, 'dialform', 'dialform.yaml'));
  const git = (...args: string[]) => exec('git', args, { cwd: work });
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git(...GIT_USER, 'commit', '-q', '-m', 'config');
  await git('remote', 'add', 'origin', origin);
  await git('push', '-q', 'origin', 'main');
  return { origin, work, runner: join(top, 'runner') };
}

async function git(project: GitLabProject, ...args: string[]): Promise<string> {
  return (await exec('git', args, { cwd: project.work })).stdout.trim();
}

/** Pushes branch `branch` off main with `edit` applied to the config text; returns its head commit. */
export async function pushBranch(project: GitLabProject, branch: string, edit: (config: string) => string): Promise<string> {
  await git(project, 'checkout', '-q', '-b', branch, 'main');
  const file = join(project.work, 'dialform', 'dialform.yaml');
  await writeFile(file, edit(await readFile(file, 'utf8')));
  await git(project, ...GIT_USER, 'commit', '-q', '-am', `change on ${branch}`);
  await git(project, 'push', '-q', 'origin', branch);
  return git(project, 'rev-parse', 'HEAD');
}

/** Merges `branch` into main with a merge commit (GitLab's default merge method); returns it. */
export async function mergeBranch(project: GitLabProject, branch: string): Promise<string> {
  await git(project, 'checkout', '-q', 'main');
  await git(project, ...GIT_USER, 'merge', '-q', '--no-ff', '-m', `Merge branch '${branch}' into 'main'`, branch);
  await git(project, 'push', '-q', 'origin', 'main');
  return git(project, 'rev-parse', 'HEAD');
}

/** A GitLab CI/CD variable expression as the examples use them: `$A == "x"`, `$A != $B`, joined by `&&`. */
export function evaluateIf(expression: string, vars: Record<string, string | undefined>): boolean {
  return expression.split('&&').every((term) => {
    const m = /^\s*(\$\w+|"[^"]*")\s*(==|!=)\s*(\$\w+|"[^"]*")\s*$/.exec(term);
    if (!m) throw new Error(`the test's rules evaluator does not support: ${term}`);
    const value = (operand: string) => (operand.startsWith('$') ? (vars[operand.slice(1)] ?? null) : operand.slice(1, -1));
    const equal = value(m[1] ?? '') === value(m[3] ?? '');
    return m[2] === '==' ? equal : !equal;
  });
}

/**
 * Whether GitLab adds `job` to a pipeline with these predefined variables: the first rule whose
 * `if` holds decides (`when: never` excludes). Every pipeline here changes dialform/, so
 * `changes:` holds. A job without rules joins branch pipelines, not merge-request ones.
 */
export function jobRuns(job: Job, vars: Record<string, string | undefined>): boolean {
  if (!job.rules) return vars.CI_PIPELINE_SOURCE !== 'merge_request_event';
  const rule = job.rules.find((r) => r.if === undefined || evaluateIf(r.if, vars));
  return rule !== undefined && rule.when !== 'never';
}

export interface PipelineOptions {
  source: PipelineSource;
  /** The commit the pipeline runs for. */
  sha: string;
  /** The branch (branch pipelines) or the merge request's source branch. */
  branch: string;
  mergeRequestIid?: number;
  /** Project CI/CD variables (secrets, and DIALFORM / DIALFORM_GITLAB pointing at this checkout). */
  projectVariables: Record<string, string>;
}

/** The jobs the example's rules put in this pipeline, in stage order. */
export async function pipelineJobs(opts: Pick<PipelineOptions, 'source' | 'branch'>): Promise<string[]> {
  const ci = await readCiFile();
  const vars = predefined({ ...opts, sha: '0'.repeat(40), projectVariables: {} }, '/');
  const stages = (ci.stages as string[] | undefined) ?? ['build', 'test', 'deploy'];
  const jobs = Object.entries(ci).filter(([name, v]) => isJob(name, v)) as [string, Job & { stage: string }][];
  return jobs.filter(([, job]) => jobRuns(job, vars)).sort((a, b) => stages.indexOf(a[1].stage) - stages.indexOf(b[1].stage)).map(([name]) => name);
}

function isJob(name: string, value: unknown): value is Job {
  return !['variables', 'default', 'stages', 'workflow', 'include'].includes(name) && typeof value === 'object' && value !== null && 'script' in value;
}

function predefined(opts: PipelineOptions, dir: string): Record<string, string> {
  const mr = opts.source === 'merge_request_event';
  return {
    CI: 'true',
    GITLAB_CI: 'true',
    CI_PROJECT_DIR: dir,
    CI_PROJECT_ID: '42',
    CI_DEFAULT_BRANCH: 'main',
    CI_PIPELINE_SOURCE: opts.source,
    CI_COMMIT_SHA: opts.sha,
    CI_COMMIT_REF_SLUG: opts.branch.toLowerCase().replace(/[^a-z0-9]/g, '-'),
    CI_JOB_URL: 'https://gitlab.example/acme/phones/-/jobs/4242',
    ...(mr
      ? { CI_MERGE_REQUEST_IID: String(opts.mergeRequestIid ?? 1), CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: opts.branch }
      : { CI_COMMIT_BRANCH: opts.branch }),
  };
}

/** Runs one job of the example as a runner would; see the file comment. */
export async function runJob(project: GitLabProject, name: string, opts: PipelineOptions): Promise<JobResult> {
  const ci = await readCiFile();
  const job = ci[name];
  if (!isJob(name, job)) throw new Error(`gitlab-ci.yml has no job ${name}`);
  const dir = join(project.runner, 'builds', `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  await mkdir(join(project.runner, 'builds'), { recursive: true });
  await exec('git', ['clone', '-q', project.origin, dir]);
  await exec('git', ['checkout', '-q', '--detach', opts.sha], { cwd: dir });
  const vars: Record<string, string> = { ...predefined(opts, dir), ...ci.variables, ...job.variables, ...opts.projectVariables };
  if (!jobRuns(job, vars)) throw new Error(`the rules of ${name} do not select it for a ${opts.source} pipeline on ${opts.branch}`);

  const cacheDir = job.cache ? join(project.runner, 'cache', expand(job.cache.key, vars)) : undefined;
  if (job.cache && cacheDir) for (const path of job.cache.paths) await copyIfPresent(join(cacheDir, path), join(dir, path));

  const lines = [...(job.before_script ?? ci.default?.before_script ?? []), ...job.script];
  const prelude = ['set -eo pipefail', `npm() { echo "npm $*" >> "${join(dir, '..', `${name}.npm.log`)}"; }`].join('\n');
  const file = join(project.runner, `${name}-${Date.now()}.sh`);
  await writeFile(file, `${prelude}\n${lines.join('\n')}\n`);
  const result = await new Promise<JobResult>((resolve) => {
    execFile('bash', [file], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...vars }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ job: name, code: error ? Number(error.code ?? 1) : 0, log: stdout + stderr, dir }),
    );
  });

  if (job.cache && cacheDir && (result.code === 0 || job.cache.when === 'always')) {
    for (const path of job.cache.paths) {
      await rm(join(cacheDir, path), { force: true });
      await copyIfPresent(join(dir, path), join(cacheDir, path));
    }
  }
  return result;
}

function expand(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{?(\w+)\}?/g, (_, name: string) => vars[name] ?? '');
}

async function copyIfPresent(from: string, to: string): Promise<void> {
  if (!existsSync(from)) return;
  await mkdir(join(to, '..'), { recursive: true });
  await cp(from, to);
}

/** The commit `ref` names in the test's work tree. */
export function headOf(project: GitLabProject, ref: string): Promise<string> {
  return git(project, 'rev-parse', ref);
}
