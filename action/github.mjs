#!/usr/bin/env node
// The GitHub side of the dialform action: the sticky pull-request comment, the job summary, the
// step outputs and annotations, the drift issue, apply's receipt and the reviewed plan's
// fingerprint. Plain Node ESM with no dependencies, so it runs on any runner with Node ≥ 20. It
// talks to the REST API at GITHUB_API_URL with GITHUB_TOKEN, and reads GITHUB_REPOSITORY,
// GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_SERVER_URL, GITHUB_RUN_ID,
// GITHUB_SHA and ARTIFACT_NAME as Actions (and action.yml) set them.
//
// It only ever adopts a comment or issue that carries its marker AND was written by the token's own
// identity (`GET /user` for a personal token; `github-actions[bot]` for the workflow's GITHUB_TOKEN,
// which may not read /user), so nobody can plant a comment the action then treats as its own.
//
//   github.mjs comment  --body-file plan.md --config PATH [--kind plan|apply] [--pull N]
//                                                               create or update this config's comment
//   github.mjs summary  --body-file plan.md                    append to the job summary
//   github.mjs outputs  --plan plan.json --exitcode N          step outputs; ::error:: per violation, at its source
//   github.mjs errors   --log FILE [--json FILE] --exitcode N --body-file OUT --what TEXT
//                                                               a failed command: annotations, outputs, OUT (Markdown)
//   github.mjs drift    --body-file plan.md --config PATH --exitcode N   open/update or close the issue
//   github.mjs notice   --body-file FILE --config PATH            open/update one issue (apply without a pull request)
//   github.mjs manual   --plan plan.json                       waiting manual steps → job summary
//   github.mjs receipt  --result R --exitcode N [--plan fresh.json] [--reviewed FP] [--body-file DETAIL]
//                                                               apply's receipt: job summary and every output
//   github.mjs fingerprint --plan plan.json                    print the plan's fingerprint
//   github.mjs error-code --json FILE                          print a --format json error's code
//   github.mjs reviewed --config PATH                          the merged PR's number and reviewed fingerprint,
//                                                               else the run id holding its plan artifact
//   github.mjs concurrent                                      the other runs of this workflow and branch in progress
import { appendFileSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ActionError, annotate, api, env, isOwn, list, runUrl, setOutput } from './github-api.mjs';
import { fingerprintMarker, fingerprintsIn, markerOf } from './plan-markers.mjs';

/** GitHub rejects comment and issue bodies longer than this. */
export const MAX_BODY = 65_536;
/** What the job summary of one step may hold (1 MiB); we stay well under it. */
const MAX_SUMMARY = 1_000_000;

function artifactName() {
  return process.env.ARTIFACT_NAME || 'dialform-plan';
}

/**
 * `marker` + `body`, no longer than `max`: when too long, cut at a line boundary, close an open
 * `<details>`, point at where the whole plan is (`where`), and keep the fingerprint line, which
 * apply reads back from the comment.
 */
export function fitBody(marker, body, max = MAX_BODY, where = `the job summary and the \`${artifactName()}\` artifact`) {
  const whole = `${marker}\n${body}`;
  if (whole.length <= max) return whole;
  const fingerprint = fingerprintsIn(body).map(fingerprintMarker)[0];
  const tail = `\n\n---\n**Truncated**: this plan is longer than GitHub allows here (${whole.length.toLocaleString('en-US')} characters). The whole plan is in ${where} of [this run](${runUrl()}).\n${fingerprint ? `${fingerprint}\n` : ''}`;
  let head = whole.slice(0, max - tail.length - '\n</details>'.length);
  head = head.slice(0, Math.max(head.lastIndexOf('\n'), marker.length));
  const opened = (head.match(/<details>/g) ?? []).length - (head.match(/<\/details>/g) ?? []).length;
  return `${head}${opened > 0 ? '\n</details>' : ''}${tail}`;
}

function pullNumber() {
  const event = JSON.parse(readFileSync(env('GITHUB_EVENT_PATH'), 'utf8'));
  const number = event.pull_request?.number ?? event.issue?.number;
  if (number === undefined) throw new ActionError('comment: this event is not a pull request');
  return number;
}

/** This config's comment of `kind` on pull request `pull`, created or updated in place (only our own). */
async function comment({ bodyFile, config, kind, pull }) {
  const repo = env('GITHUB_REPOSITORY');
  const number = pull || pullNumber();
  const marker = markerOf(kind, config);
  const body = fitBody(marker, readFileSync(bodyFile, 'utf8'));
  const comments = await list(`/repos/${repo}/issues/${number}/comments`, 'list the pull request comments');
  let mine;
  for (const c of comments) if (await isOwn(c, marker)) mine = c;
  if (mine) {
    await api('PATCH', `/repos/${repo}/issues/comments/${mine.id}`, { body: { body }, what: `update the ${kind} comment` });
    console.log(`Updated the ${kind} comment ${mine.html_url ?? mine.id} on #${number}`);
  } else {
    const { data } = await api('POST', `/repos/${repo}/issues/${number}/comments`, { body: { body }, what: `create the ${kind} comment` });
    console.log(`Created the ${kind} comment ${data?.html_url ?? data?.id} on #${number}`);
  }
}

/** The label a pull request gets while its plan reaches outside the offices its files own (docs/owners.md). */
const CROSS_OFFICE_LABEL = 'dialform: cross-office';
/** Written by `dialform plan --changed` into the plan when an operation reaches outside (src/owners/render-review.ts). */
const CROSS_OFFICE_MARKER = '<!-- dialform:cross-office -->';

/** Adds the cross-office label when the plan comment says so, and takes it off when it no longer does. */
async function label({ bodyFile, pull }) {
  const repo = env('GITHUB_REPOSITORY');
  const number = pull || pullNumber();
  const name = encodeURIComponent(CROSS_OFFICE_LABEL);
  if (readFileSync(bodyFile, 'utf8').includes(CROSS_OFFICE_MARKER)) {
    await api('POST', `/repos/${repo}/issues/${number}/labels`, { body: { labels: [CROSS_OFFICE_LABEL] }, what: 'label the pull request' });
    console.log(`Labelled #${number} "${CROSS_OFFICE_LABEL}": the plan reaches outside the offices its files own`);
    return;
  }
  try {
    await api('DELETE', `/repos/${repo}/issues/${number}/labels/${name}`, { what: 'unlabel the pull request' });
  } catch (error) {
    // 404: the pull request does not have the label.
    if (!(error instanceof ActionError) || error.status !== 404) throw error;
  }
}

function summary({ bodyFile }) {
  const text = readFileSync(bodyFile, 'utf8');
  const fitted = text.length <= MAX_SUMMARY ? text : fitBody('', text, MAX_SUMMARY, `the \`${artifactName()}\` artifact`);
  appendFileSync(env('GITHUB_STEP_SUMMARY'), `${fitted}\n`);
}

function readPlan(plan) {
  if (!plan) return undefined;
  try {
    return JSON.parse(readFileSync(plan, 'utf8'));
  } catch {
    return undefined;
  }
}

/** `file:line` (an operation's `source`) as annotation properties. */
function locate(source) {
  const m = /^(.+):(\d+)$/.exec(source ?? '');
  return m ? { file: m[1], line: m[2] } : {};
}

function setPlanOutputs(doc, exitcode) {
  const s = doc?.summary;
  setOutput('exitcode', exitcode);
  setOutput('has_changes', String(exitcode !== '1' && (exitcode === '2' || (doc?.operations.length ?? 0) > 0)));
  setOutput('blocked', String(exitcode === '3' || s?.blocked === true));
  setOutput('summary', JSON.stringify(s ? { create: s.create, update: s.update, delete: s.delete, move: s.move, manual: s.manual } : {}));
  setOutput('fingerprint', doc?.fingerprint ?? '');
}

/** Step outputs, and one annotation per violation at the config line of its first operation. */
function outputs({ plan, exitcode }) {
  const doc = exitcode === '1' ? undefined : readPlan(plan);
  setPlanOutputs(doc, exitcode);
  const sources = new Map((doc?.operations ?? []).map((op) => [op.id, op.source]));
  for (const v of doc?.violations ?? []) {
    const source = (v.operation_ids ?? []).map((id) => sources.get(id)).find(Boolean);
    annotate(v.severity === 'error' ? 'error' : 'warning', { ...locate(source), title: `dialform ${v.code}` }, v.message);
  }
}

/**
 * The problems of a failed command: from its `--format json` error document
 * (`{"error":{"code","message","problems":[{file,line,col,message}]}}`) when it printed one, else
 * the `file:line:col: message` lines and the `error…` line of its log.
 */
export function readProblems(log, json) {
  try {
    const { error } = JSON.parse(json);
    if (error?.message) return { message: error.code ? `${error.code}: ${error.message}` : error.message, problems: error.problems ?? [] };
  } catch {}
  const problems = [];
  let message = '';
  for (const line of log.split('\n')) {
    const m = /^(.+?):(\d+):(\d+): (.+)$/.exec(line);
    if (m) problems.push({ file: m[1], line: Number(m[2]), col: Number(m[3]), message: m[4] });
    else if (/^error\b/.test(line) && !message) message = line.replace(/^error:?\s*/, '');
  }
  return { message: message || (problems.length ? `${problems.length} problem(s) in the config` : log.trim().split('\n').at(-1) ?? 'failed'), problems };
}

/** A failed dialform command: annotations, outputs (nothing to apply) and a Markdown report at `bodyFile`. */
async function errors({ log, json, exitcode, bodyFile, what }) {
  const { message, problems } = readProblems(readFileSync(log, 'utf8'), json ? readPlanText(json) : '');
  setPlanOutputs(undefined, exitcode);
  if (problems.length === 0) annotate('error', { title: what }, message);
  for (const p of problems) annotate('error', { file: p.file, line: p.line, col: p.col, title: what }, p.message);
  const lines = [`### ❌ ${what} failed`, '', `**${message}**`, ''];
  for (const p of problems) lines.push(`- \`${p.file}:${p.line}:${p.col}\` ${p.message}`);
  lines.push('', `Nothing was planned. The log of [this run](${runUrl()}) has the details.`);
  appendFileSync(bodyFile, `${lines.join('\n')}\n`);
}

function readPlanText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Open or update one issue with our marker (`kind`), written by us. */
async function upsertIssue({ kind, config, title, body, what }) {
  const repo = env('GITHUB_REPOSITORY');
  const marker = markerOf(kind, config);
  const issues = await list(`/repos/${repo}/issues?state=open`, 'list the open issues');
  let open;
  for (const i of issues) if (!i.pull_request && (await isOwn(i, marker))) open = i;
  const fitted = fitBody(marker, body);
  if (open) {
    await api('PATCH', `/repos/${repo}/issues/${open.number}`, { body: { body: fitted }, what: `update the ${what} issue` });
    return { number: open.number, opened: false, open };
  }
  const { data } = await api('POST', `/repos/${repo}/issues`, { body: { title, body: fitted }, what: `open the ${what} issue` });
  return { number: data?.number, opened: true };
}

async function drift({ bodyFile, config, exitcode }) {
  const repo = env('GITHUB_REPOSITORY');
  const marker = markerOf('drift', config);
  if (exitcode === '0') {
    const issues = await list(`/repos/${repo}/issues?state=open`, 'list the open issues');
    let open;
    for (const i of issues) if (!i.pull_request && (await isOwn(i, marker))) open = i;
    if (!open) return console.log('No drift: Dialpad matches the default branch.');
    await api('POST', `/repos/${repo}/issues/${open.number}/comments`, {
      body: { body: `Dialpad matches the default branch again ([run](${runUrl()})). Closing.` },
      what: 'comment on the drift issue',
    });
    await api('PATCH', `/repos/${repo}/issues/${open.number}`, { body: { state: 'closed', state_reason: 'completed' }, what: 'close the drift issue' });
    return console.log(`No drift any more: closed issue #${open.number}.`);
  }
  const intro = `Dialpad differs from \`${config}\` on the default branch (found by [this run](${runUrl()})). Either someone changed Dialpad by hand (change the config to match, or let the next apply undo it), or an apply did not finish.\n\n`;
  const { number, opened } = await upsertIssue({
    kind: 'drift',
    config,
    title: `dialform: Dialpad has drifted from ${config}`,
    body: `${intro}${readFileSync(bodyFile, 'utf8')}`,
    what: 'drift',
  });
  console.log(`Drift: ${opened ? 'opened' : 'updated'} issue #${number}.`);
}

/** Apply found no pull request to tell: one issue for this config (opened, or updated). */
async function notice({ bodyFile, config }) {
  const { number, opened } = await upsertIssue({
    kind: 'apply',
    config,
    title: `dialform: apply of ${config} is waiting for a review`,
    body: readFileSync(bodyFile, 'utf8'),
    what: 'apply',
  });
  console.log(`Apply: ${opened ? 'opened' : 'updated'} issue #${number}.`);
}

/** Apply stopped at a manual step (exit 4): what is waiting, in the job summary, and how to continue. */
function manual({ plan }) {
  const doc = readPlan(plan) ?? { operations: [] };
  const steps = doc.operations.filter((op) => op.manual);
  const lines = ['### ✋ dialform apply is waiting for manual steps', ''];
  if (steps.length === 0) lines.push('Apply stopped part way. Re-run this job to continue: nothing already done is repeated.');
  else {
    lines.push('Do these in Dialpad, then **re-run this job**: apply verifies each and continues; nothing already done is repeated.', '');
    for (const op of steps) {
      lines.push(`- **${op.id}** ${op.summary}`);
      for (const note of op.notes) lines.push(`  - ${note}`);
    }
  }
  lines.push('', '<!-- dialform-confirm: steps the API cannot verify will be confirmed here (see docs/ci.md) -->');
  appendFileSync(env('GITHUB_STEP_SUMMARY'), `${lines.join('\n')}\n`);
  console.log(`::error title=dialform apply waiting::${steps.length} manual step(s) waiting: see the job summary, do them in Dialpad, then re-run this job.`);
}

const RECEIPTS = {
  done: '### ✅ dialform apply: done',
  waiting: '### ✋ dialform apply: waiting',
  blocked: '### ⛔ dialform apply: blocked by a rule',
  differs: '### ⚠️ dialform apply: Dialpad or the config changed since the review — nothing was applied',
  unreviewed: '### ⛔ dialform apply: no reviewed plan — nothing was applied',
  concurrent: '### ⏸️ dialform apply: another run of this workflow is in progress — nothing was applied',
  error: '### ❌ dialform apply: failed',
};

/** Apply's receipt: what happened, the fingerprints, in the job summary; every output set. */
function receipt({ result, exitcode, plan, reviewed, bodyFile }) {
  if (!(result in RECEIPTS)) throw new ActionError(`receipt: unknown result ${result}`);
  const doc = readPlan(plan);
  setPlanOutputs(doc, exitcode);
  setOutput('result', result);
  const lines = [RECEIPTS[result], ''];
  if (reviewed) lines.push(`- reviewed plan: \`${reviewed}\``);
  if (doc?.fingerprint) lines.push(`- plan ${result === 'done' ? 'applied' : 'now'}: \`${doc.fingerprint}\``);
  lines.push(`- exit code: ${exitcode}`, `- [this run](${runUrl()})`, '');
  const detail = bodyFile ? readPlanText(bodyFile) : '';
  appendFileSync(env('GITHUB_STEP_SUMMARY'), `${lines.join('\n')}${detail ? `\n${detail}\n` : ''}`);
}

/**
 * The merged pull request of GITHUB_SHA (output `pull`) and the fingerprint its reviewers saw
 * (output `fingerprint`): from our own sticky plan comment, else (output `run-id`) the newest
 * successful pull-request run that uploaded the plan artifact, whose plan JSON has it.
 */
async function reviewed({ config }) {
  const repo = env('GITHUB_REPOSITORY');
  const { data: pulls } = await api('GET', `/repos/${repo}/commits/${env('GITHUB_SHA')}/pulls`, { what: 'find the merged pull request' });
  const pull = (pulls ?? []).find((p) => p.merged_at);
  if (!pull) return console.log('No merged pull request for this commit.');
  setOutput('pull', String(pull.number));
  const marker = markerOf('plan', config);
  const comments = await list(`/repos/${repo}/issues/${pull.number}/comments`, 'list the pull request comments');
  // What reviewers saw is what the comment said when the pull request merged: a plan job re-run
  // after the merge rewrites it with a plan nobody approved, so such a comment counts for nothing.
  const mergedAt = Date.parse(pull.merged_at);
  const beforeMerge = (c) => !(Date.parse(c.updated_at) > mergedAt);
  let fingerprint;
  for (const c of comments) if (beforeMerge(c) && (await isOwn(c, marker))) fingerprint = fingerprintsIn(c.body)[0] ?? fingerprint;
  if (fingerprint) {
    setOutput('fingerprint', fingerprint);
    return console.log(`The plan reviewed on #${pull.number} has fingerprint ${fingerprint} (from its plan comment).`);
  }
  const runs = await list(`/repos/${repo}/actions/runs?event=pull_request&status=success&head_sha=${pull.head.sha}`, 'list the pull request runs');
  for (const run of runs.filter(beforeMerge)) {
    const artifacts = await list(`/repos/${repo}/actions/runs/${run.id}/artifacts`, 'list the run artifacts');
    if (artifacts.some((a) => a.name === artifactName() && !a.expired)) {
      setOutput('run-id', String(run.id));
      return console.log(`The plan reviewed on #${pull.number} is in the artifact of run ${run.id}.`);
    }
  }
  console.log(`No plan comment or plan artifact on #${pull.number}.`);
}

/** Events that start plan and drift runs (docs/ci.md), which never apply. */
const NON_APPLYING_EVENTS = new Set(['pull_request', 'pull_request_target', 'schedule']);

/**
 * Prints the web address of each other run of this workflow on this branch that is in progress
 * (one a line; nothing when there is none), so apply can refuse to run beside one: two applies of
 * one config at once would each plan without the other's writes. GitHub does not show another
 * run's inputs, so any such run may apply the same config; runs of plan and drift events are left
 * out. Needs `actions: read`.
 */
async function concurrent() {
  const repo = env('GITHUB_REPOSITORY');
  const own = Number(env('GITHUB_RUN_ID'));
  const { data: run } = await api('GET', `/repos/${repo}/actions/runs/${own}`, { what: 'read this workflow run' });
  const branch = encodeURIComponent(run.head_branch ?? '');
  const runs = await list(`/repos/${repo}/actions/workflows/${run.workflow_id}/runs?status=in_progress&branch=${branch}`, 'list the runs of this workflow in progress');
  for (const other of runs) {
    if (other.id === own || other.status !== 'in_progress' || other.head_branch !== run.head_branch || NON_APPLYING_EVENTS.has(other.event)) continue;
    console.log(other.html_url ?? `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${repo}/actions/runs/${other.id}`);
  }
}

/** Prints the `fingerprint` of a plan JSON file (empty when it has none or is not a plan). */
function fingerprint({ plan }) {
  process.stdout.write(readPlan(plan)?.fingerprint ?? '');
}

/** Prints the `error.code` of a `--format json` error document (empty when it is not one). */
function errorCode({ json }) {
  try {
    process.stdout.write(String(JSON.parse(readFileSync(json, 'utf8')).error?.code ?? ''));
  } catch {}
}

const COMMANDS = { comment, label, summary, outputs, errors, drift, notice, manual, receipt, reviewed, concurrent, fingerprint, 'error-code': errorCode };

async function main(argv) {
  const [command, ...rest] = argv;
  const run = COMMANDS[command];
  if (!run) throw new ActionError(`usage: github.mjs ${Object.keys(COMMANDS).join('|')} [options]`);
  const text = (o) => ({ type: 'string', ...o });
  const { values } = parseArgs({
    args: rest,
    options: {
      'body-file': text(),
      config: text({ default: 'dialform' }),
      plan: text(),
      exitcode: text({ default: '0' }),
      kind: text({ default: 'plan' }),
      pull: text(),
      log: text(),
      json: text(),
      what: text({ default: 'dialform' }),
      result: text(),
      reviewed: text(),
    },
  });
  await run({ ...values, bodyFile: values['body-file'] });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof ActionError ? `dialform action: ${error.message}` : error);
    process.exit(1);
  });
}
