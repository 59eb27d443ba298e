#!/usr/bin/env node
// The GitHub side of the dialform action: the sticky pull-request comment, the job summary, the
// step outputs, the drift issue and the reviewed plan's run. Plain Node ESM with no dependencies,
// so it runs on any runner with Node ≥ 20 before or without `npm ci`. It talks to the REST API at
// GITHUB_API_URL with GITHUB_TOKEN, and reads GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_SERVER_URL and GITHUB_RUN_ID as Actions sets them.
//
//   github.mjs comment  --body-file plan.md --config PATH     create or update this config's comment
//   github.mjs summary  --body-file plan.md                    append to the job summary
//   github.mjs outputs  --plan plan.json --exitcode N          step outputs; ::error:: per violation
//   github.mjs drift    --body-file plan.md --config PATH --exitcode N   open/update or close the issue
//   github.mjs manual   --plan plan.json                       waiting manual steps → job summary
//   github.mjs reviewed-run                                    the run id holding the merged PR's plan
import { appendFileSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** GitHub rejects comment and issue bodies longer than this. */
export const MAX_BODY = 65_536;
/** What the job summary of one step may hold (1 MiB); we stay well under it. */
const MAX_SUMMARY = 1_000_000;

/** The hidden first line that finds this config's comment or issue again. */
export function markerOf(kind, configPath) {
  return `<!-- dialform-${kind}: ${configPath.replace(/--/g, '- -')} -->`;
}

function env(name) {
  const value = process.env[name];
  if (value === undefined || value === '') throw new ActionError(`${name} is not set (is this running in GitHub Actions?)`);
  return value;
}

class ActionError extends Error {}

function runUrl() {
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  return `${server}/${env('GITHUB_REPOSITORY')}/actions/runs/${env('GITHUB_RUN_ID')}`;
}

/** One REST call; `what` names the operation in errors. */
async function api(method, path, { body, what }) {
  const url = path.startsWith('http') ? path : `${env('GITHUB_API_URL').replace(/\/$/, '')}${path}`;
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${env('GITHUB_TOKEN')}`,
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = JSON.parse(text).message ?? text;
    } catch {}
    throw new ActionError(`${what}: GitHub answered ${response.status} to ${method} ${new URL(url).pathname}: ${message}`);
  }
  return { data: text === '' ? undefined : JSON.parse(text), link: response.headers.get('link') ?? '' };
}

/** Every item of a paginated list (follows `Link: rel="next"`). */
async function list(path, what) {
  const items = [];
  let next = `${path}${path.includes('?') ? '&' : '?'}per_page=100`;
  while (next) {
    const { data, link } = await api('GET', next, { what });
    items.push(...(Array.isArray(data) ? data : (data.workflow_runs ?? data.artifacts ?? [])));
    next = /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
  }
  return items;
}

/**
 * `marker` + `body`, no longer than `max`: when too long, cut at a line boundary, close an open
 * `<details>`, and point at where the whole plan is (the job summary and the artifact).
 */
export function fitBody(marker, body, max = MAX_BODY, where = 'the job summary and the `dialform-plan` artifact') {
  const whole = `${marker}\n${body}`;
  if (whole.length <= max) return whole;
  const tail = `\n\n---\n**Truncated**: this plan is longer than GitHub allows here (${whole.length.toLocaleString('en-US')} characters). The whole plan is in ${where} of [this run](${runUrl()}).\n`;
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

async function comment({ bodyFile, config }) {
  const repo = env('GITHUB_REPOSITORY');
  const number = pullNumber();
  const marker = markerOf('plan', config);
  const body = fitBody(marker, readFileSync(bodyFile, 'utf8'));
  const comments = await list(`/repos/${repo}/issues/${number}/comments`, 'list the pull request comments');
  const mine = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(marker));
  if (mine) {
    await api('PATCH', `/repos/${repo}/issues/comments/${mine.id}`, { body: { body }, what: 'update the plan comment' });
    console.log(`Updated the plan comment ${mine.html_url ?? mine.id}`);
  } else {
    const { data } = await api('POST', `/repos/${repo}/issues/${number}/comments`, { body: { body }, what: 'create the plan comment' });
    console.log(`Created the plan comment ${data?.html_url ?? data?.id}`);
  }
}

function summary({ bodyFile }) {
  const text = readFileSync(bodyFile, 'utf8');
  const fitted = text.length <= MAX_SUMMARY ? text : fitBody('', text, MAX_SUMMARY, 'the `dialform-plan` artifact');
  appendFileSync(env('GITHUB_STEP_SUMMARY'), `${fitted}\n`);
}

function setOutput(name, value) {
  appendFileSync(env('GITHUB_OUTPUT'), `${name}=${value}\n`);
}

/** Workflow-command text: `%`, CR and LF escaped as Actions requires. */
function escapeCommand(text) {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function outputs({ plan, exitcode }) {
  const doc = plan && exitcode !== '1' ? JSON.parse(readFileSync(plan, 'utf8')) : undefined;
  const s = doc?.summary;
  setOutput('exitcode', exitcode);
  setOutput('has_changes', String(exitcode === '2' || (exitcode === '3' && (doc?.operations.length ?? 0) > 0)));
  setOutput('blocked', String(exitcode === '3'));
  setOutput('summary', JSON.stringify(s ? { create: s.create, update: s.update, delete: s.delete, move: s.move, manual: s.manual } : {}));
  for (const v of doc?.violations ?? []) {
    const level = v.severity === 'error' ? 'error' : 'warning';
    console.log(`::${level} title=dialform ${v.code}::${escapeCommand(v.message)}`);
  }
}

async function drift({ bodyFile, config, exitcode }) {
  const repo = env('GITHUB_REPOSITORY');
  const marker = markerOf('drift', config);
  const issues = await list(`/repos/${repo}/issues?state=open`, 'list the open issues');
  const open = issues.find((i) => !i.pull_request && typeof i.body === 'string' && i.body.startsWith(marker));
  if (exitcode === '0') {
    if (!open) return console.log('No drift: Dialpad matches the default branch.');
    await api('POST', `/repos/${repo}/issues/${open.number}/comments`, {
      body: { body: `Dialpad matches the default branch again ([run](${runUrl()})). Closing.` },
      what: 'comment on the drift issue',
    });
    await api('PATCH', `/repos/${repo}/issues/${open.number}`, { body: { state: 'closed', state_reason: 'completed' }, what: 'close the drift issue' });
    return console.log(`No drift any more: closed issue #${open.number}.`);
  }
  const intro = `Dialpad differs from \`${config}\` on the default branch (found by [this run](${runUrl()})). Either someone changed Dialpad by hand (change the config to match, or let the next apply undo it), or an apply did not finish.\n\n`;
  const body = fitBody(marker, `${intro}${readFileSync(bodyFile, 'utf8')}`);
  if (open) {
    await api('PATCH', `/repos/${repo}/issues/${open.number}`, { body: { body }, what: 'update the drift issue' });
    console.log(`Drift: updated issue #${open.number}.`);
  } else {
    const title = `dialform: Dialpad has drifted from ${config}`;
    const { data } = await api('POST', `/repos/${repo}/issues`, { body: { title, body }, what: 'open the drift issue' });
    console.log(`Drift: opened issue #${data?.number}.`);
  }
}

/** Apply stopped at a manual step (exit 4): what is waiting, in the job summary, and how to continue. */
function manual({ plan }) {
  const doc = JSON.parse(readFileSync(plan, 'utf8'));
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

/** The id of the newest successful pull-request run, for the PR merged as GITHUB_SHA, that uploaded `dialform-plan`. */
async function reviewedRun() {
  const repo = env('GITHUB_REPOSITORY');
  const { data: pulls } = await api('GET', `/repos/${repo}/commits/${env('GITHUB_SHA')}/pulls`, { what: 'find the merged pull request' });
  const pull = (pulls ?? []).find((p) => p.merged_at);
  if (!pull) return console.log('No merged pull request for this commit: apply re-plans.');
  const runs = await list(`/repos/${repo}/actions/runs?event=pull_request&status=success&head_sha=${pull.head.sha}`, 'list the pull request runs');
  for (const run of runs) {
    const artifacts = await list(`/repos/${repo}/actions/runs/${run.id}/artifacts`, 'list the run artifacts');
    if (artifacts.some((a) => a.name === (process.env.ARTIFACT_NAME || 'dialform-plan') && !a.expired)) {
      setOutput('run-id', String(run.id));
      return console.log(`The reviewed plan of #${pull.number} is in run ${run.id}.`);
    }
  }
  console.log(`No plan artifact for #${pull.number}: apply re-plans.`);
}

const COMMANDS = { comment, summary, outputs, drift, manual, 'reviewed-run': reviewedRun };

async function main(argv) {
  const [command, ...rest] = argv;
  const run = COMMANDS[command];
  if (!run) throw new ActionError(`usage: github.mjs ${Object.keys(COMMANDS).join('|')} [options]`);
  const { values } = parseArgs({
    args: rest,
    options: { 'body-file': { type: 'string' }, config: { type: 'string', default: 'dialform' }, plan: { type: 'string' }, exitcode: { type: 'string', default: '0' } },
  });
  await run({ bodyFile: values['body-file'], config: values.config, plan: values.plan, exitcode: values.exitcode });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof ActionError ? `dialform action: ${error.message}` : error);
    process.exit(1);
  });
}
