import { afterEach, describe, expect, it } from 'vitest';
import { itemsOf, makeFixture, startHarness, type Harness } from '../support/emulator-harness.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function available(officeId: string): Promise<Record<string, unknown>> {
  return (await h.api('GET', `/offices/${officeId}/available_licenses`)).body;
}

async function numberOf(n: string): Promise<Record<string, unknown>> {
  return (await h.api('GET', `/numbers/${encodeURIComponent(n)}`)).body;
}

describe('license accounting', () => {
  it('derives available_licenses from purchased minus held, and a deletion frees the line', async () => {
    h = await startHarness();
    expect(await available('10')).toMatchObject({ talk_lines: '1', sell_lines: '0' });
    expect((await h.api('POST', '/users', { email: 'new@acme.com', office_id: '10' })).status).toBe(200);
    expect(await available('10')).toMatchObject({ talk_lines: '0' });
    const full = await h.api('POST', '/users', { email: 'more@acme.com', office_id: '10' });
    expect(full.status).toBe(400);
    expect(String((full.body['error'] as { message: string }).message)).toMatch(/no unassigned talk_lines/);
    expect((await h.api('DELETE', '/users/102')).status).toBe(200);
    expect(await available('10')).toMatchObject({ talk_lines: '1' });
  });

  it('refuses a license change into a line type with nothing free, allows one with a free line', async () => {
    h = await startHarness();
    expect((await h.api('PATCH', '/users/101', { license: 'agents' })).status).toBe(400);
    expect((await h.api('PATCH', '/users/103', { license: 'talk' })).body).toMatchObject({ license: 'talk' });
    expect(await available('10')).toMatchObject({ talk_lines: '0', sell_lines: '1' });
  });

  it('frees a suspended user’s line and needs a free one to reactivate them, as Dialpad’s SCIM FAQ says (issue 13 #7)', async () => {
    h = await startHarness();
    expect((await h.api('PATCH', '/users/101', { state: 'suspended' })).body).toMatchObject({ state: 'suspended' });
    expect(await available('10')).toMatchObject({ talk_lines: '2' });
    expect((await h.api('POST', '/users', { email: 'new@acme.com', office_id: '10' })).status).toBe(200);
    expect((await h.api('POST', '/users', { email: 'more@acme.com', office_id: '10' })).status).toBe(200);
    const full = await h.api('PATCH', '/users/101', { state: 'active' });
    expect(full.status).toBe(400);
    expect(String((full.body['error'] as { message: string }).message)).toMatch(/no unassigned talk_lines/);
    expect((await h.api('DELETE', '/users/102')).status).toBe(200);
    expect((await h.api('PATCH', '/users/101', { state: 'active' })).body).toMatchObject({ state: 'active' });
    expect(await available('10')).toMatchObject({ talk_lines: '0' });
  });

  it('holds the Ai Meetings and add-on lines an office assigned, and transfers only the unassigned ones (issue 13 #6)', async () => {
    const fixture = makeFixture();
    Object.assign(fixture.offices[0]!, {
      licenses: { talk_lines: 3, sell_lines: 1, uberconference_lines: 5, fax_lines: 1 },
      assigned_licenses: { uberconference_lines: 3, fax_lines: 1 },
    });
    h = await startHarness({ fixture });
    expect(await available('10')).toMatchObject({ uberconference_lines: '2', fax_lines: '0' });
    expect((await h.api('GET', '/offices/10/plan')).body).toMatchObject({ uberconference_lines: '5', fax_lines: '1' });
    expect((await h.api('GET', '/offices/10')).body).not.toHaveProperty('assigned_licenses');
    const tooMany = await h.console('POST', '/transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'uberconference_lines', count: 3 });
    expect(tooMany.status).toBe(400);
    expect((await h.console('POST', '/transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'uberconference_lines', count: 2 })).status).toBe(200);
    expect(await available('10')).toMatchObject({ uberconference_lines: '0' });
    expect(await available('20')).toMatchObject({ uberconference_lines: '2' });
    expect((await h.console('POST', '/transfer_licenses', { from_office_id: '10', to_office_id: '20', line: 'fax_lines', count: 1 })).status).toBe(400);
  });
});

describe('deleting a pending user (issue 14 #6)', () => {
  it('deletes their numbers with them at once; an active user\'s go to the pool (issue 14 #6)', async () => {
    const fixture = makeFixture();
    const bob = fixture.users.find((u) => u.id === '102');
    if (bob) bob.state = 'pending';
    h = await startHarness({ fixture });
    expect((await h.api('DELETE', '/users/102')).status).toBe(200);
    expect((await h.api('GET', `/numbers/${encodeURIComponent('+18031000102')}`)).status).toBe(404);
    expect((await h.api('DELETE', '/users/101')).status).toBe(200);
    expect(await numberOf('+14155550101')).toMatchObject({ status: 'available' });
  });
});

describe('move_office', () => {
  it('is for paid accounts only', async () => {
    const fixture = makeFixture();
    fixture.company.account_type = 'standard';
    h = await startHarness({ fixture });
    expect((await h.api('PATCH', '/users/101/move_office', { office_id: '20' })).status).toBe(403);
  });

  it('keeps numbers on a domestic move and needs a free line in the destination', async () => {
    h = await startHarness();
    const moved = await h.api('PATCH', '/users/101/move_office', { office_id: '20' });
    expect(moved.body).toMatchObject({ office_id: '20', phone_numbers: ['+14155550101'] });
    expect(await numberOf('+14155550101')).toMatchObject({ office_id: '20', target_id: '101' });
    expect((await h.api('PATCH', '/users/102/move_office', { office_id: '20' })).status).toBe(400);
  });

  it('refuses an international move between price levels', async () => {
    h = await startHarness();
    const res = await h.api('PATCH', '/users/101/move_office', { office_id: '40' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/price level/);
  });

  it('sends numbers to the pool on an international move and assigns one from the pool in the new country', async () => {
    h = await startHarness();
    const moved = await h.api('PATCH', '/users/101/move_office', { office_id: '30' });
    expect(moved.body).toMatchObject({ office_id: '30', phone_numbers: ['+442071230199'] });
    expect(await numberOf('+14155550101')).toMatchObject({ status: 'available' });
    expect(await numberOf('+14155550101')).not.toHaveProperty('target_id');
  });

  it('mints a number in the new country when the pool has none there', async () => {
    h = await startHarness();
    await h.api('PATCH', '/users/101/move_office', { office_id: '30' });
    await h.api('DELETE', '/users/104');
    const moved = await h.api('PATCH', '/users/103/move_office', { office_id: '30' });
    expect(moved.status).toBe(400); // London has no sell lines
    await h.api('PATCH', '/users/103', { license: 'talk' });
    const ok = await h.api('PATCH', '/users/103/move_office', { office_id: '30' });
    expect(ok.status).toBe(200);
    const numbers = ok.body['phone_numbers'] as string[];
    expect(numbers).toHaveLength(1);
    expect(numbers[0]).toMatch(/^\+44/);
    expect(numbers[0]).not.toBe('+442071230199');
    expect(await numberOf(numbers[0]!)).toMatchObject({ status: 'user', target_id: '103', office_id: '30' });
  });

  it('pools a moved user\'s old number under the office they left (issue 13 #4)', async () => {
    h = await startHarness();
    await h.api('PATCH', '/users/101/move_office', { office_id: '30' });
    expect(await numberOf('+14155550101')).toMatchObject({ status: 'available', office_id: '10' });
  });

  it('pools internal +1803 numbers with the others when not all of them are internal (issue 13 #1)', async () => {
    h = await startHarness();
    await h.api('POST', '/users/102/assign_number', { number: '+14155550199', primary: false });
    const moved = await h.api('PATCH', '/users/102/move_office', { office_id: '30' });
    expect(moved.body['phone_numbers']).toEqual(['+442071230199']);
    expect(await numberOf('+18031000102')).toMatchObject({ status: 'available', office_id: '10' });
  });

  it('with number_assignment: provision, gives a moved user a newly provisioned number, never a pool one (issue 13 #1)', async () => {
    const fixture = makeFixture();
    fixture.number_assignment = 'provision';
    h = await startHarness({ fixture });
    const moved = await h.api('PATCH', '/users/101/move_office', { office_id: '30' });
    const numbers = moved.body['phone_numbers'] as string[];
    expect(numbers).toHaveLength(1);
    expect(numbers[0]).toMatch(/^\+44/);
    expect(numbers[0]).not.toBe('+442071230199');
    expect(await numberOf('+442071230199')).toMatchObject({ status: 'available' });
  });

  it('keeps a user whose numbers are all internal +1803 numbers', async () => {
    h = await startHarness();
    const moved = await h.api('PATCH', '/users/102/move_office', { office_id: '30' });
    expect(moved.body).toMatchObject({ office_id: '30', phone_numbers: ['+18031000102'] });
    expect(await numberOf('+442071230199')).toMatchObject({ status: 'available' });
  });
});

describe('PATCH office_id', () => {
  it('refuses an international move while the user has numbers, allows it without', async () => {
    h = await startHarness();
    const refused = await h.api('PATCH', '/users/101', { office_id: '30' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/unassign them/);
    await h.api('POST', '/users/101/unassign_number', { number: '+14155550101' });
    const moved = await h.api('PATCH', '/users/101', { office_id: '30' });
    expect(moved.body).toMatchObject({ office_id: '30' });
    expect(moved.body).not.toHaveProperty('phone_numbers');
  });
});

describe('numbers and the reserved pool', () => {
  it('unassign puts the number in the pool; release=false keeps it there; release=true removes it', async () => {
    h = await startHarness();
    const un = await h.api('POST', '/users/101/unassign_number', { number: '+14155550101' });
    expect(un.body).toMatchObject({ number: '+14155550101', status: 'available' });
    expect(un.body).not.toHaveProperty('target_id');
    expect((await h.api('GET', '/users/101')).body).not.toHaveProperty('phone_numbers');
    const pool = itemsOf((await h.api('GET', '/numbers?status=available')).body).map((n) => n['number']);
    expect(pool).toEqual(['+14155550101', '+14155550199', '+442071230199']);

    expect((await h.api('DELETE', `/numbers/${encodeURIComponent('+442071230104')}?release=false`)).body).toMatchObject({ status: 'available' });
    expect((await h.api('GET', '/users/104')).body).not.toHaveProperty('phone_numbers');
    expect((await h.api('DELETE', `/numbers/${encodeURIComponent('+14155550199')}?release=true`)).status).toBe(200);
    expect((await h.api('GET', `/numbers/${encodeURIComponent('+14155550199')}`)).status).toBe(404);
  });

  it('assigns a specific pool number, 409 for an assigned one, 400 for one outside the pool', async () => {
    h = await startHarness();
    expect((await h.api('POST', '/users/103/assign_number', { number: '+14155550101' })).status).toBe(409);
    expect((await h.api('POST', '/users/103/assign_number', { number: '+14155559999' })).status).toBe(400);
    const ok = await h.api('POST', '/users/103/assign_number', { number: '+14155550199' });
    expect(ok.body).toMatchObject({ number: '+14155550199', status: 'user', target_type: 'user', target_id: '103', office_id: '10' });
  });

  it('auto-assigns from the pool in the office country first, then mints; primary puts it first', async () => {
    h = await startHarness();
    const first = await h.api('POST', '/users/101/assign_number', {});
    expect(first.body['number']).toBe('+14155550199');
    expect((await h.api('GET', '/users/101')).body['phone_numbers']).toEqual(['+14155550199', '+14155550101']);
    const second = await h.api('POST', '/users/101/assign_number', { primary: false });
    expect(second.body['number']).toMatch(/^\+1\d{10}$/);
    expect((await h.api('GET', '/users/101')).body['phone_numbers']).toEqual(['+14155550199', '+14155550101', second.body['number']]);
  });
});

describe('user lifecycle', () => {
  it('lists active users by default and every state with state=all', async () => {
    h = await startHarness();
    await h.api('PATCH', '/users/102', { state: 'suspended' });
    await h.api('DELETE', '/users/103');
    const ids = async (q: string) => itemsOf((await h.api('GET', `/users${q}`)).body).map((u) => u['id']);
    expect(await ids('')).toEqual(['101', '104']);
    expect(await ids('?state=suspended')).toEqual(['102']);
    expect(await ids('?state=deleted')).toEqual(['103']);
    expect(await ids('?state=all')).toEqual(['101', '102', '103', '104']);
    expect(await ids('?email=ADA@acme.com')).toEqual(['101']);
    expect(await ids('?company_admin=true')).toEqual(['101']);
    expect(await ids(`?number=${encodeURIComponent('+442071230104')}`)).toEqual(['104']);
  });

  it('allows only active↔suspended through PATCH state', async () => {
    h = await startHarness();
    expect((await h.api('PATCH', '/users/101', { state: 'deleted' })).status).toBe(400);
    expect((await h.api('PATCH', '/users/101', { state: 'suspended' })).status).toBe(200);
    expect((await h.api('PATCH', '/users/101', { state: 'active' })).body).toMatchObject({ state: 'active' });
    await h.api('DELETE', '/users/102');
    expect((await h.api('PATCH', '/users/102', { state: 'active' })).status).toBe(400);
  });

  it('deletes a user: state deleted, numbers to the pool, admin flags derived', async () => {
    h = await startHarness();
    const del = await h.api('DELETE', '/users/101');
    expect(del.body).toMatchObject({ state: 'deleted', display_name: 'Ada Lovelace (deactivated)' });
    expect(del.body).not.toHaveProperty('deleted_at');
    expect(await numberOf('+14155550101')).toMatchObject({ status: 'available' });
    const patched = await h.api('PATCH', '/users/104', { is_super_admin: true });
    expect(patched.body).toMatchObject({ is_super_admin: true, is_admin: true });
  });
});

describe('POST /offices', () => {
  const valid = {
    name: 'Acme Sydney',
    country: 'AU',
    currency: 'AUD',
    plan_period: 'monthly',
    annual_commit_monthly_billing: false,
    invoiced: false,
    unified_billing: true,
    billing_address: { address_line_1: '1 George St', city: 'Sydney', country: 'AU', postal_code: '2000', region: 'NSW' },
    e911_address: { address: '1 George St', city: 'Sydney', country: 'AU', state: 'NSW', zip: '2000' },
  };

  it('creates a secondary office with no licenses', async () => {
    h = await startHarness();
    const res = await h.api('POST', '/offices', valid);
    expect(res.status).toBe(200);
    const office = res.body['office'] as Record<string, unknown>;
    expect(office).toMatchObject({ name: 'Acme Sydney', country: 'au', is_primary_office: false, state: 'active' });
    expect(res.body['plan']).toMatchObject({ talk_lines: '0' });
    expect((await h.api('GET', `/offices/${String(office['id'])}/available_licenses`)).body).toMatchObject({ talk_lines: '0' });
  });

  it('rejects an office whose name differs from an existing one only in case and surrounding spaces', async () => {
    h = await startHarness();
    const res = await h.api('POST', '/offices', { ...valid, name: ' acme hq ' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('already exists');
  });

  it('validates required fields, the e911 address and rejects emulator-only extras', async () => {
    h = await startHarness();
    const { currency: _c, ...noCurrency } = valid;
    expect((await h.api('POST', '/offices', noCurrency)).status).toBe(400);
    const { e911_address: _e, ...noE911 } = valid;
    const e911 = await h.api('POST', '/offices', noE911);
    expect(JSON.stringify(e911.body)).toMatch(/e911_address is required/);
    expect((await h.api('POST', '/offices', { ...noE911, country: 'DE', currency: 'EUR' })).status).toBe(200);
    expect((await h.api('POST', '/offices', { ...valid, name: 'Other', price_level: 'premium' })).status).toBe(400);
    expect((await h.api('POST', '/offices', { ...valid, name: 'Bad', country: 'XX' })).status).toBe(400);
  });
});
