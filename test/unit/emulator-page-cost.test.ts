import { describe, expect, it } from 'vitest';
import { generateFixture } from '../../bench/generate-fixture.js';
import { checkFixtureData } from '../../src/emulator/index.js';
import { Store } from '../../src/emulator/store.js';
import { userRoutes } from '../../src/emulator/routes-users.js';
import type { FixtureUser } from '../../src/emulator/types.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const USERS = 3_000;

/** A store of `USERS` users (a few deleted, one of them past its restore window) whose users array counts the elements read. */
function countingStore(): { store: Store; users: number; reads: () => number } {
  const fixture = checkFixtureData(generateFixture({ users: USERS, offices: 4 }), 'generated.json');
  const deleted = fixture.users.filter((_, i) => i % 500 === 7);
  for (const u of deleted) Object.assign(u, { state: 'deleted', deleted_at: '2026-12-01T10:00:00Z' });
  Object.assign(deleted[0] as FixtureUser, { deleted_at: '2026-11-20T10:00:00Z' });
  const store = new Store(fixture, () => NOW);
  let count = 0;
  store.state.users = new Proxy(store.state.users, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) count++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { store, users: fixture.users.length, reads: () => count };
}

/** What the server does for `GET /api/v2/users`: the sweep every API request runs, then the list route. */
function answerPage(store: Store, cursor: string | undefined): { items?: Array<{ id: string }>; cursor?: string } {
  const route = userRoutes.find((r) => r.method === 'GET' && r.template === '/api/v2/users');
  if (route === undefined) throw new Error('no users list route');
  store.sweepDeletedUsers();
  const query = new URLSearchParams({ state: 'all', ...(cursor === undefined ? {} : { cursor }) });
  return route.handle({ store, principal: { scope: 'company' }, params: {}, query, body: {}, path: '/api/v2/users' }).body as { items?: Array<{ id: string }>; cursor?: string };
}

describe('emulator: a page of a large company costs about a page (issue 31)', () => {
  it('answers each later page reading about a page of users, not all of them (the deleted-user sweep included)', () => {
    const { store, users, reads } = countingStore();
    let page = answerPage(store, undefined);
    const perPage: number[] = [];
    const ids = new Set(page.items?.map((u) => u.id));
    while (page.cursor !== undefined) {
      const before = reads();
      page = answerPage(store, page.cursor);
      perPage.push(reads() - before);
      for (const u of page.items ?? []) ids.add(u.id);
    }
    // Every user but the anonymized one, each once: the views kept between pages are not stale.
    expect(users).toBeGreaterThanOrEqual(USERS);
    expect(ids.size).toBe(users - 1);
    expect(perPage.length).toBeGreaterThan(20);
    // The views (sorted users, deletions pending) are built a few times (again after the sweep's
    // own change), then each page reads its 100 users: about 2 × users in all, where a scan of
    // every user per page reads pages × users.
    const total = perPage.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(4 * users);
    expect(perPage.slice(2).every((n) => n <= 150)).toBe(true);
  });

  it('sees a user deleted between two pages: the views kept are dropped on every change', () => {
    const { store } = countingStore();
    const first = answerPage(store, undefined);
    const victim = store.state.users.find((u) => u.state === 'active' && !first.items?.some((i) => i.id === u.id));
    if (victim === undefined) throw new Error('no active user beyond the first page');
    Object.assign(victim, { state: 'deleted', deleted_at: '2026-11-01T10:00:00Z' });
    store.touch();
    let page = first;
    while (page.cursor !== undefined) page = answerPage(store, page.cursor);
    expect(victim.anonymized).toBe(true);
  });
});
