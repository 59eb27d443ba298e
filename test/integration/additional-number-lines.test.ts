/**
 * Issue 27 #1: a number beyond a user's first takes an additional-number line of their office
 * (`PlanProto.additional_number_lines`: "each number beyond the first on any target"). The
 * emulator refuses one with no free line, and counts the lines held in `available_licenses`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixture, startHarness, type Harness } from '../support/emulator-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('issue 27 #1: additional_number_lines in the emulator', () => {
  it('refuses a second number with no free additional-number line (400), leaving the number in the pool', async () => {
    const fixture = makeFixture();
    const hq = fixture.offices.find((o) => o.id === '10');
    if (hq?.licenses === undefined) throw new Error('fixture without HQ licenses');
    delete hq.licenses['additional_number_lines'];
    h = await startHarness({ fixture });
    const refused = await h.api('POST', '/users/101/assign_number', { number: '+14155550199' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('additional_number_lines');
    expect((await h.api('GET', `/numbers/${encodeURIComponent('+14155550199')}`)).body).toMatchObject({ status: 'available' });
    // Nor a number Dialpad chooses: nothing is minted or taken.
    expect((await h.api('POST', '/users/101/assign_number', {})).status).toBe(400);
  });

  it('assigns it with a free line, which available_licenses then counts as held', async () => {
    const fixture = makeFixture();
    const hq = fixture.offices.find((o) => o.id === '10');
    if (hq?.licenses === undefined) throw new Error('fixture without HQ licenses');
    hq.licenses['additional_number_lines'] = 1;
    h = await startHarness({ fixture });
    expect((await h.api('GET', '/offices/10/available_licenses')).body).toMatchObject({ additional_number_lines: '1' });
    expect((await h.api('POST', '/users/101/assign_number', { number: '+14155550199', primary: false })).status).toBe(200);
    expect((await h.api('GET', '/offices/10/available_licenses')).body).toMatchObject({ additional_number_lines: '0' });
  });
});
