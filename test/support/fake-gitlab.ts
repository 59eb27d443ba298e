/**
 * A small fake of the GitLab REST API v4 on loopback, enough for action/gitlab.mjs: the token's
 * user (`GET /user`), merge-request notes with their authors (list, paginated with `X-Next-Page`;
 * create; update, only by their author, as GitLab allows) and the merge requests of a commit. Tokens
 * map to users, so a note written by someone else is modelled; every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PROJECT_ID = '42';

export interface FakeUser {
  id: number;
  username: string;
}

export interface FakeNote {
  id: number;
  body: string;
  author: FakeUser;
  system: boolean;
  /** When it was last written (GitLab's `updated_at`); the fake stamps what the API writes. */
  updated_at?: string;
}

export interface FakeMergeRequest {
  iid: number;
  state: 'opened' | 'merged';
  target_branch: string;
  /** The head commit. */
  sha: string;
  merge_commit_sha: string | null;
  squash_commit_sha: string | null;
  /** When it merged; a merged one without it reads as merged when asked about. */
  merged_at?: string;
  notes: FakeNote[];
}

export interface FakeGitLab {
  /** `CI_API_V4_URL`. */
  url: string;
  /** The pipeline's token (`GITLAB_TOKEN`), acting as the project's bot user. */
  token: string;
  bot: FakeUser;
  /** Another project member, with a token of their own. */
  member: FakeUser;
  memberToken: string;
  mergeRequests: Map<number, FakeMergeRequest>;
  requests: string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)));
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** One page of `items` as GitLab pages them (`per_page` default 20, `page`, `X-Next-Page`). */
function page(res: ServerResponse, url: URL, items: unknown[]): void {
  const per = Number(url.searchParams.get('per_page') ?? 20);
  const n = Number(url.searchParams.get('page') ?? 1);
  res.setHeader('x-next-page', n * per < items.length ? String(n + 1) : '');
  send(res, 200, items.slice((n - 1) * per, n * per));
}

export async function startFakeGitLab(): Promise<FakeGitLab> {
  const bot: FakeUser = { id: 9001, username: 'project_42_bot' };
  const member: FakeUser = { id: 17, username: 'mallory' };
  const token = 'glpat-fake-pipeline-token';
  const memberToken = 'glpat-fake-member-token';
  const users = new Map([
    [token, bot],
    [memberToken, member],
  ]);
  const mergeRequests = new Map<number, FakeMergeRequest>();
  const requests: string[] = [];
  let nextNote = 500;
  const project = `/api/v4/projects/${PROJECT_ID}`;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}`);
    const user = users.get(String(req.headers['private-token'] ?? ''));
    if (!user) return send(res, 401, { message: '401 Unauthorized' });
    const body = await readBody(req);
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (path === '/api/v4/user' && req.method === 'GET') return send(res, 200, { ...user, bot: user === bot });
    if ((m = new RegExp(`^${project}/merge_requests/(\\d+)/notes$`).exec(path))) {
      const mr = mergeRequests.get(Number(m[1]));
      if (!mr) return send(res, 404, { message: '404 Not found' });
      if (req.method === 'GET') return page(res, url, mr.notes);
      if (req.method !== 'POST') return send(res, 405, { message: '405 Method Not Allowed' });
      const note: FakeNote = { id: nextNote++, body: String(body.body), author: user, system: false, updated_at: new Date().toISOString() };
      mr.notes.push(note);
      return send(res, 201, note);
    }
    if ((m = new RegExp(`^${project}/merge_requests/(\\d+)/notes/(\\d+)$`).exec(path)) && req.method === 'PUT') {
      const note = mergeRequests.get(Number(m[1]))?.notes.find((n) => n.id === Number(m?.[2]));
      if (!note) return send(res, 404, { message: '404 Not found' });
      if (note.author.id !== user.id) return send(res, 403, { message: '403 Forbidden' });
      note.body = String(body.body);
      note.updated_at = new Date().toISOString();
      return send(res, 200, note);
    }
    if ((m = new RegExp(`^${project}/repository/commits/(\\w+)/merge_requests$`).exec(path)) && req.method === 'GET') {
      const sha = m[1];
      const found = [...mergeRequests.values()].filter((mr) => [mr.sha, mr.merge_commit_sha, mr.squash_commit_sha].includes(sha ?? ''));
      return send(res, 200, found.map(({ notes: _notes, ...mr }) => ({ ...mr, ...(mr.state === 'merged' ? { merged_at: mr.merged_at ?? new Date().toISOString() } : {}) })));
    }
    send(res, 404, { message: '404 Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/api/v4`,
    token,
    bot,
    member,
    memberToken,
    mergeRequests,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
