#!/usr/bin/env node
// The GitLab side of the review loop in examples/ci/gitlab-ci.yml (docs/ci-gitlab.md): the sticky
// merge-request note carrying the reviewed plan's fingerprint, the merge-request widget's report,
// and, after merge, the fingerprint that was reviewed. Plain Node ESM with no dependencies, so it
// runs on any image with Node ≥ 20. It talks to the REST API at CI_API_V4_URL with GITLAB_TOKEN (a
// project or group access token with the `api` scope) and reads CI_PROJECT_ID,
// CI_MERGE_REQUEST_IID, CI_COMMIT_SHA, CI_DEFAULT_BRANCH and CI_JOB_URL as GitLab sets them.
//
//   gitlab.mjs note        --body-file plan.md --config PATH   create or update this config's note on the merge request
//   gitlab.mjs report      --plan plan.json                    the widget's {"create","update","delete"} on stdout
//   gitlab.mjs reviewed    --config PATH                       the fingerprint reviewed on the merge request merged as
//                                                              CI_COMMIT_SHA on stdout; nothing when there is none
//   gitlab.mjs refused     --body-file plan.md --config PATH --reason changed|unreviewed
//                                                              a new note on that merge request: this plan was not applied
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FINGERPRINT_MARKER, fingerprintMarker, fingerprintsIn, markerOf } from './plan-markers.mjs';

/** GitLab rejects note bodies longer than this. */
export const MAX_NOTE = 1_000_000;


class GitLabError extends Error {}

function env(name) {
  const value = process.env[name];
  if (value === undefined || value === '') throw new GitLabError(`${name} is not set (is this running in GitLab CI?)`);
  return value;
}

function projectPath() {
  return `/projects/${encodeURIComponent(env('CI_PROJECT_ID'))}`;
}

/** One REST call; `what` names the operation in errors, which never include the token. */
async function api(method, path, { body, what }) {
  const url = `${env('CI_API_V4_URL').replace(/\/$/, '')}${path}`;
  const response = await fetch(url, {
    method,
    headers: { 'private-token': env('GITLAB_TOKEN'), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text.slice(0, 500);
    try {
      const parsed = JSON.parse(text);
      message = JSON.stringify(parsed.message ?? parsed.error ?? parsed);
    } catch {}
    throw new GitLabError(`${what}: GitLab answered ${response.status} to ${method} ${new URL(url).pathname}: ${message}`);
  }
  return { data: text === '' ? undefined : JSON.parse(text), nextPage: response.headers.get('x-next-page') ?? '' };
}

/** Every item of a paginated list (follows `X-Next-Page`). */
async function list(path, what) {
  const items = [];
  let page = '1';
  while (page) {
    const { data, nextPage } = await api('GET', `${path}${path.includes('?') ? '&' : '?'}per_page=100&page=${page}`, { what });
    items.push(...data);
    page = nextPage;
  }
  return items;
}

/** The user the token acts as: only notes they wrote are ever updated or trusted. */
async function tokenUser() {
  const { data } = await api('GET', '/user', { what: 'find the token’s user' });
  return data.id;
}

/** This config's plan note on merge request `iid`, written by the token's user, if any. */
async function findPlanNote(iid, config, userId) {
  const marker = markerOf('plan', config);
  const notes = await list(`${projectPath()}/merge_requests/${iid}/notes?sort=asc&order_by=created_at`, 'list the merge request notes');
  return notes.find((n) => n.author?.id === userId && !n.system && typeof n.body === 'string' && n.body.startsWith(`${marker}\n`));
}


/**
 * `marker` + `body`, no longer than `max`: when too long, cut at a line boundary, close an open
 * `<details>`, point at the job's artifacts, and keep the fingerprint marker, which identifies the
 * whole plan (the plan.md artifact holds all of it).
 */
export function fitNote(marker, body, max = MAX_NOTE) {
  const whole = `${marker}\n${body}`;
  if (whole.length <= max) return whole;
  const fingerprints = fingerprintsIn(body).map(fingerprintMarker);
  const where = process.env.CI_JOB_URL ? `the \`plan.md\` artifact of [this job](${process.env.CI_JOB_URL})` : 'the job’s `plan.md` artifact';
  const tail = `\n\n---\n**Truncated**: this plan is longer than a note may be (${whole.length.toLocaleString('en-US')} characters). The whole plan is in ${where}.\n${fingerprints.join('\n')}\n`;
  let head = whole.slice(0, max - tail.length - '\n</details>'.length);
  head = head.slice(0, Math.max(head.lastIndexOf('\n'), marker.length));
  const opened = (head.match(/<details>/g) ?? []).length - (head.match(/<\/details>/g) ?? []).length;
  return `${head}${opened > 0 ? '\n</details>' : ''}${tail}`;
}

async function note({ bodyFile, config }) {
  const iid = env('CI_MERGE_REQUEST_IID');
  const marker = markerOf('plan', config);
  const body = fitNote(marker, readFileSync(bodyFile, 'utf8'));
  const mine = await findPlanNote(iid, config, await tokenUser());
  const notes = `${projectPath()}/merge_requests/${iid}/notes`;
  if (mine) {
    await api('PUT', `${notes}/${mine.id}`, { body: { body }, what: 'update the plan note' });
    console.log(`Updated the plan note ${mine.id} on !${iid}.`);
  } else {
    const { data } = await api('POST', notes, { body: { body }, what: 'create the plan note' });
    console.log(`Created the plan note ${data?.id} on !${iid}.`);
  }
}

function readPlan(plan) {
  try {
    return JSON.parse(readFileSync(plan, 'utf8'));
  } catch (error) {
    throw new GitLabError(`cannot read the plan ${plan}: ${error.message}`);
  }
}

/** The merge-request widget's counts (`artifacts:reports:terraform`): moves and manual steps are changes too. */
function report({ plan }) {
  const s = readPlan(plan).summary;
  console.log(JSON.stringify({ create: s.create, update: s.update + s.move + s.manual, delete: s.delete }));
}

/** The merge request merged into the default branch as CI_COMMIT_SHA (merge, squash or fast-forwarded head commit). */
async function mergedRequest() {
  const sha = env('CI_COMMIT_SHA');
  const { data } = await api('GET', `${projectPath()}/repository/commits/${sha}/merge_requests`, { what: 'find the merged merge request' });
  return (data ?? []).find(
    (mr) =>
      mr.state === 'merged' &&
      mr.target_branch === env('CI_DEFAULT_BRANCH') &&
      [mr.merge_commit_sha, mr.squash_commit_sha, mr.sha].includes(sha),
  );
}

async function reviewed({ config }) {
  const mr = await mergedRequest();
  if (!mr) return console.error(`No merge request was merged as ${env('CI_COMMIT_SHA').slice(0, 12)}: no plan was reviewed.`);
  const mine = await findPlanNote(mr.iid, config, await tokenUser());
  if (!mine) return console.error(`!${mr.iid} has no plan note for ${config} written by this token’s user: no plan was reviewed.`);
  // What reviewers saw is what the note said when the merge request merged: a plan job retried
  // after the merge rewrites it with a plan nobody approved.
  if (Date.parse(mine.updated_at) > Date.parse(mr.merged_at)) {
    return console.error(`The plan note on !${mr.iid} was rewritten after the merge request merged: no plan was reviewed.`);
  }
  const found = [...new Set(fingerprintsIn(mine.body))];
  if (found.length !== 1) return console.error(`The plan note on !${mr.iid} carries ${found.length} fingerprints, not one: no plan was reviewed.`);
  console.error(`The plan reviewed on !${mr.iid} has fingerprint ${found[0]}.`);
  console.log(found[0]);
}

const REASONS = {
  changed: 'Dialpad or the config changed since this merge request’s plan was reviewed: the plan to apply now is not the one reviewed.',
  unreviewed: 'No reviewed plan was found for this commit (no plan note on the merge request, or none this pipeline’s token wrote).',
};

/**
 * A new note (not the sticky one, which stays the plan that was reviewed) saying why nothing was
 * applied, with the plan that would have been. Its fingerprint marker is removed: it was not reviewed.
 */
async function refused({ bodyFile, config, reason }) {
  const why = REASONS[reason];
  if (!why) throw new GitLabError(`refused: --reason must be ${Object.keys(REASONS).join(' or ')}`);
  const plan = readFileSync(bodyFile, 'utf8').replace(FINGERPRINT_MARKER, '');
  const job = process.env.CI_JOB_URL ? ` ([apply job](${process.env.CI_JOB_URL}))` : '';
  const intro = [
    `### ⛔ dialform did not apply \`${config}\`${job}`,
    '',
    `${why} **Nothing was written to Dialpad.**`,
    '',
    'This is the plan apply would carry out now. To apply it, review it in a new merge request that touches the config (or change the config so the plan is what you want); its plan note is what the next apply checks.',
    '',
  ].join('\n');
  const body = fitNote(`<!-- dialform-apply-refused: ${config.replace(/--/g, '- -')} -->`, `${intro}\n${plan}`);
  const mr = await mergedRequest();
  if (!mr) return console.log(`No merged merge request for this commit to post on; the plan is in this job's log and artifacts.`);
  const { data } = await api('POST', `${projectPath()}/merge_requests/${mr.iid}/notes`, { body: { body }, what: 'post the refused plan' });
  console.log(`Posted the plan that was not applied on !${mr.iid} (note ${data?.id}).`);
}

const COMMANDS = { note, report, reviewed, refused };

async function main(argv) {
  const [command, ...rest] = argv;
  const run = COMMANDS[command];
  if (!run) throw new GitLabError(`usage: gitlab.mjs ${Object.keys(COMMANDS).join('|')} [options]`);
  const { values } = parseArgs({
    args: rest,
    options: { 'body-file': { type: 'string' }, config: { type: 'string', default: 'dialform' }, plan: { type: 'string' }, reason: { type: 'string' } },
  });
  await run({ bodyFile: values['body-file'], config: values.config, plan: values.plan, reason: values.reason });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof GitLabError ? `dialform gitlab: ${error.message}` : error);
    process.exit(1);
  });
}
