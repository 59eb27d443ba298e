/**
 * Runs action.yml as a GitHub runner runs a composite action: its steps in order, each step's
 * `if:` (with the implicit `success()`), `env:`, `with:` and `working-directory:` evaluated as
 * expressions (test/support/actions-expressions.ts), `run:` steps in `bash --noprofile --norc -eo
 * pipefail` with a fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY file each, and the action's outputs
 * evaluated at the end. `uses:` steps are fakes that behave like the real actions where the action
 * depends on it: setup-node does nothing (Node is already here); upload-artifact copies the
 * directory into a shared artifact store under this run's id; download-artifact copies an artifact
 * of a given run back out. `hashFiles()` hashes only files under GITHUB_WORKSPACE, as the runner's does.
 *
 * The layout is a runner's: GITHUB_WORKSPACE (the repository), RUNNER_TEMP outside it, GITHUB_ACTION_PATH
 * (this checkout), GITHUB_EVENT_PATH, and per-step GITHUB_OUTPUT / GITHUB_STEP_SUMMARY.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { evaluateCondition, interpolate, type ExpressionFunctions, type Value } from './actions-expressions.js';
import { ROOT } from './cli.js';

interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface ActionFile {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

/** Artifacts by run id, then name: the directory holding the uploaded files. */
export type ArtifactStore = Map<number, Map<string, string>>;

export interface ActionRun {
  /** The job's outcome: failure when any step failed. */
  outcome: 'success' | 'failure';
  outputs: Record<string, string>;
  /** Every step's log, in order, as the job log shows it. */
  log: string;
  /** The job summary (every step's summary file, in order). */
  summary: string;
  /** Names of the steps that ran (skipped ones are absent). */
  ran: string[];
}

export interface RunActionOptions {
  workspace: string;
  /** `with:` as a workflow passes it. */
  with: Record<string, string>;
  /** The workflow step's `env:` (e.g. DIALPAD_API_KEY) plus anything the job sets. */
  env: Record<string, string>;
  github: { token: string; apiUrl: string; eventName: string; event: object; sha: string; runId: number; baseRef?: string };
  artifacts: ArtifactStore;
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] ?? '';
    if (pattern.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      re += '.*';
      i += 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === '.git' ? [] : e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The runner's hashFiles(): patterns match files under `workspace` only; '' when none match. */
export function hashWorkspaceFiles(workspace: string, patterns: string[]): string {
  const files = listFiles(workspace);
  const matched = new Set<string>();
  for (const pattern of patterns) {
    const absolute = resolve(workspace, pattern);
    if (absolute !== workspace && !absolute.startsWith(workspace + sep)) continue;
    const re = globToRegExp(relative(workspace, absolute).split(sep).join('/'));
    for (const f of files) if (re.test(relative(workspace, f).split(sep).join('/'))) matched.add(f);
  }
  if (matched.size === 0) return '';
  const all = createHash('sha256');
  for (const f of [...matched].sort()) all.update(createHash('sha256').update(readFileSync(f)).digest());
  return all.digest('hex');
}

/** `name=value` lines and `name<<DELIM … DELIM` blocks, as the runner reads GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] ?? '', i + 1);
      out[heredoc[1] ?? ''] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

function runBashStep(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; log: string }> {
  return new Promise((done) => {
    execFile('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, timeout: 240_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, log: stdout + stderr }),
    );
  });
}

export async function runCompositeAction(opts: RunActionOptions): Promise<ActionRun> {
  const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as ActionFile;
  if (action.runs.using !== 'composite') throw new Error('action.yml is not a composite action');
  const temp = await mkdtemp(join(tmpdir(), 'dialform-runner-temp-'));
  const files = await mkdtemp(join(tmpdir(), 'dialform-runner-files-'));
  const eventPath = join(files, 'event.json');
  await writeFile(eventPath, JSON.stringify(opts.github.event));

  let status: 'success' | 'failure' = 'success';
  const fns: ExpressionFunctions = { hashFiles: (p) => hashWorkspaceFiles(opts.workspace, p), status: () => status };
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const github = {
    token: opts.github.token,
    action_path: ROOT,
    workspace: opts.workspace,
    event_name: opts.github.eventName,
    event: opts.github.event as Value,
    sha: opts.github.sha,
    base_ref: opts.github.baseRef ?? '',
    repository: 'acme/phones',
    run_id: String(opts.github.runId),
  };
  const contexts = (): Record<string, Value> => ({ github, runner: { temp, os: 'Linux' }, steps: steps as Value, inputs, env: opts.env });
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    inputs[name] = opts.with[name] ?? interpolate(spec.default ?? '', { github, runner: { temp, os: 'Linux' } }, fns);
  }
  for (const name of Object.keys(opts.with)) if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);

  const runnerEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NO_COLOR: '1',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_EVENT_NAME: opts.github.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: opts.github.sha,
    GITHUB_REPOSITORY: 'acme/phones',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_API_URL: opts.github.apiUrl,
    GITHUB_RUN_ID: String(opts.github.runId),
    GITHUB_BASE_REF: opts.github.baseRef ?? '',
    RUNNER_TEMP: temp,
  };

  let log = '';
  let summary = '';
  const ran: string[] = [];
  for (const [index, step] of action.runs.steps.entries()) {
    const name = interpolate(step.name ?? step.uses ?? `step ${index}`, contexts(), fns);
    if (!evaluateCondition(step.if, contexts(), fns)) continue;
    ran.push(name);
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), contexts(), fns)]));
    const withs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), contexts(), fns)]));
    const outputFile = join(files, `output-${index}`);
    const summaryFile = join(files, `summary-${index}`);
    await writeFile(outputFile, '');
    await writeFile(summaryFile, '');
    let code = 0;
    if (step.run !== undefined) {
      if (step.shell !== 'bash') throw new Error(`step ${name}: only shell: bash is modelled`);
      const cwd = step['working-directory'] ? resolve(opts.workspace, interpolate(step['working-directory'], contexts(), fns)) : opts.workspace;
      const result = await runBashStep(interpolate(step.run, contexts(), fns), cwd, {
        ...runnerEnv,
        ...opts.env,
        ...stepEnv,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
      });
      code = result.code;
      log += `##[group]Run ${name}\n${result.log}##[endgroup]\n`;
    } else if (step.uses) {
      code = await runUsesStep(step.uses, withs, opts, (text) => (log += text));
    }
    summary += await readFile(summaryFile, 'utf8');
    const outcome = code === 0 ? 'success' : 'failure';
    if (step.id) steps[step.id] = { outputs: parseOutputFile(await readFile(outputFile, 'utf8')), outcome, conclusion: outcome };
    if (code !== 0) {
      status = 'failure';
      log += `##[error]Process completed with exit code ${code}.\n`;
    }
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, interpolate(v.value, contexts(), fns)]));
  await rm(files, { recursive: true, force: true });
  return { outcome: status, outputs, log, summary, ran };
}

async function runUsesStep(uses: string, withs: Record<string, string>, opts: RunActionOptions, print: (text: string) => void): Promise<number> {
  const [action] = uses.split('@');
  switch (action) {
    case 'actions/setup-node':
      print(`setup-node: Node ${withs['node-version']} (already on this machine)\n`);
      return 0;
    case 'actions/upload-artifact': {
      const name = withs.name ?? 'artifact';
      const path = withs.path ?? '';
      const byRun = opts.artifacts.get(opts.github.runId) ?? new Map<string, string>();
      if (byRun.has(name)) return print(`upload-artifact: an artifact named ${name} already exists in this run\n`), 1;
      const files = await readdir(path).catch(() => []);
      if (files.length === 0) return print(`upload-artifact: no files found at ${path}\n`), 0;
      const stored = await mkdtemp(join(tmpdir(), 'dialform-artifact-'));
      await cp(path, stored, { recursive: true });
      byRun.set(name, stored);
      opts.artifacts.set(opts.github.runId, byRun);
      print(`upload-artifact: ${name} (${files.join(', ')})\n`);
      return 0;
    }
    case 'actions/download-artifact': {
      const stored = opts.artifacts.get(Number(withs['run-id']))?.get(withs.name ?? '');
      if (!stored) return print(`download-artifact: no artifact ${withs.name} in run ${withs['run-id']}\n`), 1;
      if (withs['github-token'] !== opts.github.token) return print('download-artifact: another run\'s artifact needs github-token\n'), 1;
      await mkdir(withs.path ?? '', { recursive: true });
      await cp(stored, withs.path ?? '', { recursive: true });
      print(`download-artifact: ${withs.name} from run ${withs['run-id']}\n`);
      return 0;
    }
    default:
      throw new Error(`no fake for uses: ${uses}`);
  }
}
