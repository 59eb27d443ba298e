import { afterEach, describe, expect, it } from 'vitest';
import { createDialpadClient, type RequestEvent } from '../../src/dialpad/index.js';
import { estimatePlanRead } from '../../src/dialpad/read-budget.js';
import { readRaw } from '../../src/dialpad/read-raw.js';
import { runDoctor, type ObservedRequest } from '../../src/doctor/run-doctor.js';
import { redactReport, renderDoctorText } from '../../src/doctor/render-doctor.js';
import { createEmulator, parseFaultSpec, parseFixture, type Fixture, type RunningEmulator } from '../../src/emulator/index.js';
import { countryOfNumber, isValidE164 } from '../../src/model/countries.js';
import { isInternalNumber } from '../../src/model/international-move.js';
import { buildSnapshotFixture } from '../../src/snapshot/build-fixture.js';
import { pseudonymizeFixture } from '../../src/snapshot/pseudonymize.js';
import { makeFixture } from '../support/emulator-harness.js';

const servers: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(fixture: Fixture, faults?: string): Promise<string> {
  const running = await createEmulator({ fixture: parseFixture(JSON.stringify(fixture), 'test.json'), rateLimit: 0, ...(faults === undefined ? {} : { faults }) }).listen(0);
  servers.push(running);
  return running.url;
}

async function doctorOf(fixture: Fixture, faults?: string, emulated = false) {
  const events: ObservedRequest[] = [];
  const client = createDialpadClient({ baseUrl: await serve(fixture, faults), apiKey: 'k', rateLimit: Infinity, onRequest: (event: RequestEvent) => events.push({ event, localTime: Date.now() }) });
  return runDoctor({ client, events, target: 'test', emulated });
}

async function snapshotOf(fixture: Fixture): Promise<Fixture> {
  const client = createDialpadClient({ baseUrl: await serve(fixture), apiKey: 'k', rateLimit: Infinity });
  const read = await readRaw(client, { numbers: 'all', skills: true });
  expect(read.incomplete).toEqual([]);
  return buildSnapshotFixture(read, { readAt: '2026-11-26T09:00:00.000Z' }).fixture;
}

/** Acme with Bob suspended, a department and a call center (with a skill level), and a room holding a London line. */
function richFixture(): Fixture {
  const f = makeFixture();
  f.users[1] = { ...f.users[1]!, state: 'suspended' };
  f.offices[2] = { ...f.offices[2]!, assigned_licenses: { talk_lines: 1 } };
  f.departments = [{ id: '500', name: 'Sales', office_id: '10', operators: [{ user_id: '101', role: 'admin' }] }];
  f.call_centers = [{ id: '600', name: 'Support', office_id: '30', operators: [{ user_id: '104', role: 'operator', skill_level: 40 }] }];
  return f;
}

describe('doctor in process (issue 28)', () => {
  it('finds nothing to act on in the emulator, and confirms its reading of suspended users', async () => {
    const report = await doctorOf(richFixture());
    expect(report.findings).toEqual([]);
    expect(report.key).toEqual({ works: true, company_admin: true });
    expect(report.users).toEqual({ total: 4, by_state: { active: 3, suspended: 1 } });
    const status = Object.fromEntries(report.assumptions.map((a) => [a.id, a.status]));
    expect(status).toMatchObject({ suspended_users_free_lines: 'confirmed', user_license_lines: 'confirmed', ids_as_strings: 'confirmed', pool_numbers_have_no_target: 'confirmed' });
    expect(report.plan_read).toEqual({ requests: 1 + 5 + 2 * 4, seconds: 0.7, rate_per_second: 20, user_pages: 1 });
    const text = renderDoctorText(redactReport(report));
    expect(text).not.toMatch(/Acme|ada@acme\.com/);
    expect(text).toContain('Nothing to act on.');
  });

  it('names a renamed field, and an office whose country is no longer read', async () => {
    const report = await doctorOf(makeFixture(), 'rate=0,rename=country:country_code');
    const offices = report.shapes.find((s) => s.schema === 'schemas.office.OfficeProto');
    expect(offices).toMatchObject({ records: 4, unknown_fields: { country_code: 4 }, missing_fields: { country: 4 } });
    expect(report.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['response_shape', 'unknown_fields']));
  });

  it("blocks on a skewed clock, but only warns of the embedded emulator's (its fixture's clock)", async () => {
    const skewed = { ...makeFixture(), clock: new Date(Date.now() + 3 * 3600_000).toISOString() };
    const severity = async (emulated: boolean) => (await doctorOf(skewed, undefined, emulated)).findings.filter((f) => f.code === 'clock_skew').map((f) => `${f.severity}: ${f.message}`);
    expect(await severity(false)).toEqual(["error: Dialpad's clock is 3 h ahead of this machine's"]);
    expect(await severity(true)).toEqual(["warning: Dialpad's clock is 3 h ahead of this machine's"]);
  });

  it('estimates a plan read of 2,000 users as 21 user pages', () => {
    expect(estimatePlanRead({ offices: 20, users: 2000, pool: 100, departments: 0, callCenters: 0 })).toEqual({ requests: 1 + 1 + 21 + 2 + 1 + 1 + 40, seconds: 3.4, userPages: 21 });
  });

  it('refuses a rename= fault that is not FIELD:OTHER_FIELD', () => {
    expect(() => parseFaultSpec('rename=license')).toThrow(/rename "license" is not FIELD:OTHER_FIELD/);
    expect(parseFaultSpec('rename=a:b+c:d').rename).toEqual([{ from: 'a', to: 'b' }, { from: 'c', to: 'd' }]);
  });
});

describe('emulator snapshot in process (issue 28)', () => {
  it('is a fixture whose own snapshot is itself: groups, skill levels, available licenses and numbers survive', async () => {
    const twin = await snapshotOf(richFixture());
    expect(twin.offices[0]).toMatchObject({ id: '10', licenses: { talk_lines: 3, sell_lines: 1 } });
    expect(twin.offices[0]?.assigned_licenses).toBeUndefined();
    expect(twin.offices[2]).toMatchObject({ id: '30', licenses: { talk_lines: 2 }, assigned_licenses: { talk_lines: 1 } });
    expect(twin.call_centers).toMatchObject([{ id: '600', operators: [{ user_id: '104', role: 'operator', skill_level: 40 }] }]);
    expect(twin.departments).toMatchObject([{ id: '500', operators: [{ user_id: '101', role: 'admin' }] }]);
    expect(await snapshotOf(twin)).toEqual(twin);
  });

  it('pseudonymizes consistently: no original email, name or number; each number valid for its country and its holder', async () => {
    const original = richFixture();
    const pseudo = pseudonymizeFixture(await snapshotOf(original));
    const text = JSON.stringify(pseudo);
    for (const u of original.users) {
      for (const e of u.emails) expect(text).not.toContain(e);
      expect(text).not.toContain(`"${u.first_name}"`);
      expect(text).not.toContain(`"${u.last_name}"`);
    }
    const originalNumbers = (original.numbers ?? []).map((n) => n.number);
    for (const n of originalNumbers) expect(text).not.toContain(n);
    for (const n of pseudo.numbers ?? []) {
      // Internal numbers (+1803, not valid in the public plan) stay internal; the rest stay valid.
      expect(isValidE164(n.number) || isInternalNumber(n.number)).toBe(true);
      if (n.target_id !== undefined) expect(pseudo.users.find((u) => u.id === n.target_id)?.phone_numbers).toContain(n.number);
    }
    const countries = (numbers: string[]) => numbers.map((n) => countryOfNumber(n) ?? 'invalid').sort();
    expect(countries((pseudo.numbers ?? []).map((n) => n.number))).toEqual(countries(originalNumbers));
    // Bob's internal +1803 number stays internal.
    expect(isInternalNumber(pseudo.users.find((u) => u.id === '102')?.phone_numbers?.[0] ?? '')).toBe(true);
    expect(() => parseFixture(text, 'pseudo.json')).not.toThrow();
  });
});
