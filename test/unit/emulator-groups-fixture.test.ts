import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DialformError } from '../../src/errors.js';
import { FixtureError, createEmulator, parseFixture, startEmbeddedEmulator, type Fixture } from '../../src/emulator/index.js';
import { makeFixture } from '../support/emulator-harness.js';

/** Acme (see the harness) with Sales (HQ, Ada admin) and Support (HQ, Cy supervisor at 80, Bob operator at the default). */
function makeGroupFixture(): Fixture {
  return {
    ...makeFixture(),
    departments: [{ id: '501', name: 'Sales', office_id: '10', operators: [{ user_id: '101', role: 'admin' }] }],
    call_centers: [
      { id: '601', name: 'Support', office_id: '10', operators: [{ user_id: '103', role: 'supervisor', skill_level: 80 }, { user_id: '102', role: 'operator' }] },
    ],
  };
}

function problemsOf(f: unknown): string {
  try {
    parseFixture(JSON.stringify(f, null, 2), 'groups.json');
  } catch (e) {
    expect(e).toBeInstanceOf(FixtureError);
    expect((e as DialformError).code).toBe('fixture_invalid');
    return (e as Error).message;
  }
  throw new Error('expected the fixture to be rejected');
}

describe('fixture departments and call_centers', () => {
  it('loads groups and defaults an operator’s role to operator and a call-center skill level to 100 (issue 19 #1)', () => {
    const raw = makeGroupFixture() as unknown as Record<string, unknown>;
    (raw['departments'] as Array<Record<string, unknown>>).push({ id: 502, name: 'Ops', office_id: 10, operators: [{ user_id: 104 }] });
    const f = parseFixture(JSON.stringify(raw), 'groups.json');
    expect(f.departments?.[1]).toEqual({ id: '502', name: 'Ops', office_id: '10', operators: [{ user_id: '104', role: 'operator' }] });
    expect(f.call_centers?.[0]?.operators).toEqual([
      { user_id: '103', role: 'supervisor', skill_level: 80 },
      { user_id: '102', role: 'operator', skill_level: 100 },
    ]);
    expect(parseFixture(JSON.stringify(makeFixture()), 'plain.json')).not.toHaveProperty('departments');
  });

  it('links group numbers both ways, as for users (issue 19 #1)', () => {
    const f = makeGroupFixture();
    f.departments![0]!.phone_numbers = ['+14155550177'];
    f.numbers.push({ number: '+14155550178', status: 'call_center', target_type: 'callcenter', target_id: '601', office_id: '10' });
    const parsed = parseFixture(JSON.stringify(f), 'groups.json');
    expect(parsed.numbers).toContainEqual(expect.objectContaining({ number: '+14155550177', status: 'department', target_type: 'department', target_id: '501' }));
    expect(parsed.call_centers?.[0]?.phone_numbers).toEqual(['+14155550178']);
  });

  it('reports unknown offices and users, bad roles, duplicates, the department cap and unusable operators at their place (issue 19 #2)', () => {
    const f = makeGroupFixture();
    const sales = f.departments![0]!;
    f.departments!.push({ id: '10', name: 'Clash', office_id: '99', operators: [{ user_id: '999', role: 'operator' }] });
    sales.operators.push({ user_id: '102', role: 'supervisor' }, { user_id: '102', role: 'operator' }, { user_id: '104', role: 'operator', skill_level: 5 });
    f.users.push({ id: '105', emails: ['gone@acme.com'], office_id: '10', state: 'deleted', license: 'talk' });
    f.call_centers![0]!.operators.push({ user_id: '105', role: 'operator' });
    const msg = problemsOf(f);
    expect(msg).toMatch(/groups\.json:\d+:\d+: \/departments\/1\/id: id "10" is already used by an office, a user or another group/);
    expect(msg).toMatch(/\/departments\/1\/office_id: office "99" does not exist/);
    expect(msg).toMatch(/\/departments\/1\/operators\/0\/user_id: user "999" does not exist/);
    expect(msg).toMatch(/\/departments\/0\/operators\/1\/role: a department operator's role is one of admin, operator/);
    expect(msg).toMatch(/\/departments\/0\/operators\/2\/user_id: user "102" is listed twice in department "Sales"/);
    expect(msg).toMatch(/\/departments\/0\/operators\/3\/skill_level: skill levels exist only in call centers/);
    expect(msg).toMatch(/\/call_centers\/0\/operators\/2\/user_id: user "105" is deleted; only active and suspended users can be operators/);

    const tomb = makeGroupFixture();
    tomb.departments!.push({ id: '502', name: 'Gone', office_id: '10', state: 'deleted', operators: [{ user_id: '104', role: 'operator' }] });
    tomb.numbers.push({ number: '+14155550178', status: 'department', target_type: 'department', target_id: '502', office_id: '10' });
    const tombMsg = problemsOf(tomb);
    expect(tombMsg).toMatch(/\/departments\/1: a deleted department \(state "deleted"\) has no operators and no numbers/);
    expect(tombMsg).toMatch(/\/numbers\/5\/target_id: department "502" does not exist/);

    const crowded = makeFixture();
    for (let i = 0; i < 26; i++) crowded.users.push({ id: String(200 + i), emails: [`u${i}@acme.com`], office_id: '20', state: 'active', license: 'user' });
    crowded.departments = [{ id: '501', name: 'Big', office_id: '20', operators: crowded.users.slice(4).map((u) => ({ user_id: u.id, role: 'operator' })) }];
    expect(problemsOf(crowded)).toMatch(/\/departments\/0\/operators: a department holds at most 25 operators; "Big" lists 26/);
  });

  it('refuses group_details written on a user, and group numbers that point at no group (issue 19 #2)', () => {
    const f = makeGroupFixture() as unknown as { users: Array<Record<string, unknown>> };
    f.users[0]!['group_details'] = [{ group_id: '501', group_type: 'department', role: 'admin' }];
    expect(problemsOf(f)).toMatch(/\/users\/0\/group_details: is derived by the emulator and cannot be written in a fixture/);
    const g = makeGroupFixture();
    g.numbers.push({ number: '+14155550178', status: 'call_center', target_type: 'department', target_id: '601' });
    const msg = problemsOf(g);
    expect(msg).toMatch(/\/numbers\/5\/target_id: department "601" does not exist/);
    expect(msg).toMatch(/\/numbers\/5\/status: a number held by a department has status "department"/);
  });

  it('puts groups in the state snapshot, which reloads as the same state (issue 19 #3)', () => {
    const emulator = createEmulator({ fixture: parseFixture(JSON.stringify(makeGroupFixture()), 'groups.json') });
    const snap = emulator.snapshot();
    expect(snap.departments).toEqual([{ id: '501', name: 'Sales', office_id: '10', operators: [{ user_id: '101', role: 'admin' }] }]);
    expect(parseFixture(JSON.stringify(snap), 'state.json')).toEqual(snap);
  });

  it('keeps groups in the embedded emulator’s state file across starts (issue 19 #3)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialform-groups-'));
    try {
      const fixturePath = join(dir, 'live.json');
      const statePath = join(dir, 'state.json');
      writeFileSync(fixturePath, JSON.stringify(makeGroupFixture()));
      const call = async (url: string, key: string, method: string, path: string, body?: unknown) =>
        fetch(`${url}/api/v2${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const first = await startEmbeddedEmulator({ fixturePath, statePath });
      expect((await call(first.url, first.apiKey, 'PATCH', '/callcenters/601/operators/103/skill', { skill_level: 0 })).status).toBe(200);
      expect((await call(first.url, first.apiKey, 'POST', '/departments', { name: 'Ops', office_id: '20' })).status).toBe(200);
      await first.close();
      const second = await startEmbeddedEmulator({ fixturePath, statePath });
      expect(await (await call(second.url, second.apiKey, 'GET', '/callcenters/601/operators/103/skill')).json()).toMatchObject({ skill_level: '0' });
      expect(await (await call(second.url, second.apiKey, 'GET', '/departments?name_search=ops')).json()).toMatchObject({ items: [{ name: 'Ops', office_id: '20' }] });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
