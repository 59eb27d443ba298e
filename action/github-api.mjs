// The Actions environment and GitHub REST API for action/github.mjs: plain Node ESM, no dependencies.
import { appendFileSync } from 'node:fs';

export class ActionError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

export function env(name) {
  const value = process.env[name];
  if (value === undefined || value === '') throw new ActionError(`${name} is not set (is this running in GitHub Actions?)`);
  return value;
}

export function runUrl() {
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  return `${server}/${env('GITHUB_REPOSITORY')}/actions/runs/${env('GITHUB_RUN_ID')}`;
}

/** One REST call; `what` names the operation in errors. */
export async function api(method, path, { body, what }) {
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
    throw new ActionError(`${what}: GitHub answered ${response.status} to ${method} ${new URL(url).pathname}: ${message}`, response.status);
  }
  return { data: text === '' ? undefined : JSON.parse(text), link: response.headers.get('link') ?? '' };
}

/** Every item of a paginated list (follows `Link: rel="next"`). */
export async function list(path, what) {
  const items = [];
  let next = `${path}${path.includes('?') ? '&' : '?'}per_page=100`;
  while (next) {
    const { data, link } = await api('GET', next, { what });
    items.push(...(Array.isArray(data) ? data : (data.workflow_runs ?? data.artifacts ?? [])));
    next = /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
  }
  return items;
}

/** Who the workflow's GITHUB_TOKEN writes as; it is an installation token, which `GET /user` refuses (403). */
export const ACTIONS_BOT = 'github-actions[bot]';

let login;
/** The login comments and issues written with GITHUB_TOKEN carry: `GET /user`, else the Actions bot. */
export async function readIdentity() {
  if (login !== undefined) return login;
  try {
    login = (await api('GET', '/user', { what: 'read the token\'s identity' })).data.login;
  } catch (error) {
    if (!(error instanceof ActionError) || error.status !== 403) throw error;
    login = ACTIONS_BOT;
  }
  return login;
}

/** True when `item` (a comment or issue) starts with `marker` and was written by this token's identity. */
export async function isOwn(item, marker) {
  return typeof item.body === 'string' && item.body.startsWith(marker) && item.user?.login === (await readIdentity());
}

export function setOutput(name, value) {
  appendFileSync(env('GITHUB_OUTPUT'), `${name}=${value}\n`);
}

/** Workflow-command data: `%`, CR and LF escaped as Actions requires. */
export function escapeCommand(text) {
  return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values also escape `:` and `,`. */
export function escapeProperty(text) {
  return escapeCommand(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…,title=…::message` (file, line and col only when known). */
export function annotate(level, { file, line, col, title }, message) {
  const props = [];
  if (file) props.push(`file=${escapeProperty(file)}`);
  if (file && line) props.push(`line=${line}`);
  if (file && line && col) props.push(`col=${col}`);
  if (title) props.push(`title=${escapeProperty(title)}`);
  console.log(`::${level} ${props.join(',')}::${escapeCommand(message)}`);
}
