/**
 * A small fake of the GitHub REST API on loopback, enough for the action's script: issue comments
 * (list, paginated with `Link`; create; update), issues (list, create, update), `GET /user` and the
 * lookups of the reviewed plan's run (a commit's pull requests, a head commit's runs, a run's
 * artifacts), and a run and its workflow's runs by status and branch (apply's check for another run
 * in progress). It checks the token and records every request.
 *
 * Authors as GitHub has them: every comment and issue has `user.login`, the identity of the token
 * that wrote it. `token` is the workflow's GITHUB_TOKEN (an installation token: it writes as
 * `github-actions[bot]` and `GET /user` answers 403); `patToken` is a person's token (`GET /user`
 * answers its login); `otherToken` is someone else's, for comments the action must not adopt.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  user?: { login: string };
  /** When it was last written (GitHub's `updated_at`); the fake stamps what the API writes. */
  updated_at?: string;
}
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  comments: FakeComment[];
  pull_request?: object;
  user?: { login: string };
  /** Label names. */
  labels?: string[];
}

export interface FakeRun {
  id: number;
  head_sha: string;
  event: string;
  conclusion: 'success' | 'failure';
  artifacts: { name: string; expired: boolean }[];
  /** The workflow it is a run of (default 1), its branch (default `main`) and status (default `completed`). */
  workflow_id?: number;
  head_branch?: string;
  status?: 'queued' | 'in_progress' | 'completed';
}

export interface FakeGitHub {
  url: string;
  token: string;
  patToken: string;
  otherToken: string;
  /** Who each token writes as, and whether `GET /user` answers for it. */
  identities: Map<string, { login: string; installation: boolean }>;
  /** Issues and pull requests by number (a pull request's comments live here too). */
  issues: Map<number, FakeIssue>;
  /** Merged pull requests by merge commit: `{ number, head sha }`, merged when asked about unless `merged_at` says. */
  merges: Map<string, { number: number; head: string; merged_at?: string }>;
  /** Workflow runs, newest first (as GitHub lists them). */
  runs: FakeRun[];
  requests: string[];
  close(): Promise<void>;
}

const REPO = '/repos/acme/phones';

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)));
  });
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const issues = new Map<number, FakeIssue>();
  const merges = new Map<string, { number: number; head: string; merged_at?: string }>();
  const runs: FakeRun[] = [];
  const requests: string[] = [];
  const token = 'ghs_fake_token';
  const patToken = 'github_pat_fake_ops';
  const otherToken = 'github_pat_fake_mallory';
  const identities = new Map([
    [token, { login: 'github-actions[bot]', installation: true }],
    [patToken, { login: 'dialform-ops', installation: false }],
    [otherToken, { login: 'mallory', installation: false }],
  ]);
  let nextId = 1000;
  let base = '';

  /** One page of `items` as GitHub pages (`per_page`, `page`, `Link: rel="next"`). */
  const page = (res: ServerResponse, url: URL, items: unknown[]): void => {
    const per = Number(url.searchParams.get('per_page') ?? 30);
    const n = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((n - 1) * per, n * per);
    if (n * per < items.length) {
      const next = new URL(url.toString(), base);
      next.searchParams.set('page', String(n + 1));
      res.setHeader('link', `<${base}${next.pathname}${next.search}>; rel="next"`);
    }
    send(res, 200, slice);
  };
  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}`);
    const identity = identities.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!identity) return send(res, 401, { message: 'Bad credentials' });
    const user = { login: identity.login };
    const body = await readBody(req);
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (path === '/user') {
      return identity.installation ? send(res, 403, { message: 'Resource not accessible by integration' }) : send(res, 200, { login: identity.login });
    }
    if ((m = new RegExp(`^${REPO}/issues/(\\d+)/comments$`).exec(path))) {
      const issue = issues.get(Number(m[1]));
      if (!issue) return send(res, 404, { message: 'Not Found' });
      if (req.method === 'GET') return page(res, url, issue.comments);
      const comment = { id: nextId++, body: String(body.body), user, updated_at: new Date().toISOString() };
      issue.comments.push(comment);
      return send(res, 201, comment);
    }
    if ((m = new RegExp(`^${REPO}/issues/(\\d+)/labels(?:/([^/]+))?$`).exec(path))) {
      const issue = issues.get(Number(m[1]));
      if (!issue) return send(res, 404, { message: 'Not Found' });
      const labels = (issue.labels ??= []);
      if (req.method === 'POST' && m[2] === undefined) {
        for (const name of (body.labels as string[] | undefined) ?? []) if (!labels.includes(name)) labels.push(name);
        return send(res, 200, labels.map((name) => ({ name })));
      }
      if (req.method === 'DELETE' && m[2] !== undefined) {
        const name = decodeURIComponent(m[2]);
        if (!labels.includes(name)) return send(res, 404, { message: 'Label does not exist' });
        issue.labels = labels.filter((l) => l !== name);
        return send(res, 200, issue.labels.map((n) => ({ name: n })));
      }
    }
    if ((m = new RegExp(`^${REPO}/issues/comments/(\\d+)$`).exec(path)) && req.method === 'PATCH') {
      const comment = [...issues.values()].flatMap((i) => i.comments).find((c) => c.id === Number(m?.[1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      comment.body = String(body.body);
      comment.updated_at = new Date().toISOString();
      return send(res, 200, comment);
    }
    if (path === `${REPO}/issues` && req.method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      return page(res, url, [...issues.values()].filter((i) => state === 'all' || i.state === state));
    }
    if (path === `${REPO}/issues` && req.method === 'POST') {
      const number = issues.size + 1;
      const issue: FakeIssue = { number, title: String(body.title), body: String(body.body), state: 'open', comments: [], user };
      issues.set(number, issue);
      return send(res, 201, issue);
    }
    if ((m = new RegExp(`^${REPO}/issues/(\\d+)$`).exec(path)) && req.method === 'PATCH') {
      const issue = issues.get(Number(m[1]));
      if (!issue) return send(res, 404, { message: 'Not Found' });
      if (typeof body.body === 'string') issue.body = body.body;
      if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
      return send(res, 200, issue);
    }
    if ((m = new RegExp(`^${REPO}/commits/(\\w+)/pulls$`).exec(path))) {
      const merge = merges.get(m[1] ?? '');
      return send(res, 200, merge ? [{ number: merge.number, merged_at: merge.merged_at ?? new Date().toISOString(), head: { sha: merge.head } }] : []);
    }
    if (path === `${REPO}/actions/runs`) {
      const wanted = runs.filter(
        (r) =>
          r.head_sha === url.searchParams.get('head_sha') &&
          r.event === url.searchParams.get('event') &&
          (url.searchParams.get('status') !== 'success' || r.conclusion === 'success'),
      );
      return send(res, 200, { total_count: wanted.length, workflow_runs: wanted.map((r) => ({ id: r.id, head_sha: r.head_sha })) });
    }
    const runJson = (r: FakeRun) => ({
      id: r.id,
      head_sha: r.head_sha,
      event: r.event,
      workflow_id: r.workflow_id ?? 1,
      head_branch: r.head_branch ?? 'main',
      status: r.status ?? 'completed',
      html_url: `https://github.example/acme/phones/actions/runs/${r.id}`,
    });
    if ((m = new RegExp(`^${REPO}/actions/runs/(\\d+)$`).exec(path))) {
      const run = runs.find((r) => r.id === Number(m?.[1]));
      return run ? send(res, 200, runJson(run)) : send(res, 404, { message: 'Not Found' });
    }
    if ((m = new RegExp(`^${REPO}/actions/workflows/(\\d+)/runs$`).exec(path))) {
      const status = url.searchParams.get('status');
      const branch = url.searchParams.get('branch');
      const wanted = runs.filter(
        (r) => (r.workflow_id ?? 1) === Number(m?.[1]) && (status === null || (r.status ?? 'completed') === status) && (branch === null || (r.head_branch ?? 'main') === branch),
      );
      return send(res, 200, { total_count: wanted.length, workflow_runs: wanted.map(runJson) });
    }
    if ((m = new RegExp(`^${REPO}/actions/runs/(\\d+)/artifacts$`).exec(path))) {
      const run = runs.find((r) => r.id === Number(m?.[1]));
      return send(res, 200, { total_count: run?.artifacts.length ?? 0, artifacts: run?.artifacts ?? [] });
    }
    send(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    token,
    patToken,
    otherToken,
    identities,
    issues,
    merges,
    runs,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The Actions environment the script reads, pointing at `github`, with files under `dir`. */
export function actionsEnv(github: FakeGitHub, dir: string, event = 'pull_request'): Record<string, string> {
  return {
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN: github.token,
    GITHUB_REPOSITORY: 'acme/phones',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '4242',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: `${dir}/event.json`,
    GITHUB_OUTPUT: `${dir}/output.txt`,
    GITHUB_STEP_SUMMARY: `${dir}/summary.md`,
  };
}
