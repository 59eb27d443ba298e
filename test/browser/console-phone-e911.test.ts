/**
 * E911 addresses and phone settings in the console page, in headless Chromium (issue 29): shown
 * in the office and user views, edited through the API's own handlers (`/_emulator/api`, behind
 * the console's guard), and Dialpad's refusal shown as the page shows every other one.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { launchChromium, openConsole, startConsoleEmulator } from './browser.js';

let browser: Browser;
let emulator: Awaited<ReturnType<typeof startConsoleEmulator>> | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function readState(): Promise<Fixture> {
  return JSON.parse(await readFile(emulator?.statePath ?? '', 'utf8')) as Fixture;
}

/** Does `action`, then returns the message the page shows for it (once it differs from the one before). */
async function readMessageAfter(page: Page, action: () => Promise<void>): Promise<string> {
  const box = page.locator('#message');
  const before = (await box.isVisible()) ? await box.textContent() : null;
  await action();
  await expect.poll(async () => ((await box.isVisible()) ? await box.textContent() : null)).not.toBe(before);
  return (await box.textContent()) ?? '';
}

/** HQ has an address; Ann has phone settings, presents nothing (blocked), and operates in Support, whose number she may present. */
function withPhoneSettings(fixture: Fixture): void {
  fixture.offices[0]!['e911_address'] = { address: '1 Market St', city: 'San Francisco', state: 'ca', zip: '94105', country: 'us' };
  Object.assign(fixture.users.find((u) => u.id === '102')!, { extension: '102', job_title: 'Support lead', forwarding_numbers: ['+14155550900'], international_dialing_enabled: true, caller_id: 'blocked' });
  fixture.departments = [{ id: '500', name: 'Support', office_id: '10', phone_numbers: ['+14155550188'], operators: [{ user_id: '102', role: 'operator' }] }] as never;
  fixture.numbers.push({ number: '+14155550188', status: 'department', office_id: '10', target_id: '500', target_type: 'department', type: 'local' });
}

describe('console: E911 addresses and phone settings in Chromium (issue 29)', () => {
  it('shows and edits an office\'s E911 address, and shows Dialpad\'s refusal of an incomplete one', async () => {
    emulator = await startConsoleEmulator(withPhoneSettings);
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'offices');
    expect(await page.locator('#view-offices p.muted').textContent()).toContain('Dialpad requires one in US, CA, AU, FR, GB, NZ.');
    const rows = await page.locator('#offices-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)));
    expect(rows).toEqual([
      ['Console HQ', 'US', '1 Market St, San Francisco, ca 94105, US'],
      ['Console Boston', 'US', 'none'],
      ['Console Berlin', 'DE', 'none'],
    ]);

    await page.getByLabel('Edit E911 address of Console Boston').click();
    await page.fill('#office-e911-address', '2 Main St');
    await page.fill('#office-e911-city', 'Boston');
    await page.fill('#office-e911-state', 'MA');
    await page.fill('#office-e911-country', 'US');
    // No zip: Dialpad refuses, and nothing changes.
    expect(await readMessageAfter(page, () => page.click('#office-e911-save'))).toBe('Dialpad refused: E911UpdateMessage is missing "zip"');
    expect((await readState()).offices.find((o) => o.id === '20')?.['e911_address']).toBeUndefined();
    await page.fill('#office-e911-zip', '02110');
    await page.check('#office-e911-update-all');
    expect(await readMessageAfter(page, () => page.click('#office-e911-save'))).toBe('Saved the E911 address of Console Boston.');
    await expect.poll(() => page.locator('#offices-table tr[data-office="20"] td').nth(2).textContent()).toBe('2 Main St, Boston, MA 02110, US');
    const state = await readState();
    expect(state.offices.find((o) => o.id === '20')?.['e911_address']).toEqual({ address: '2 Main St', city: 'Boston', state: 'MA', zip: '02110', country: 'us' });
    // update_all: Dan, Boston's user, takes the office's address.
    expect(state.users.find((u) => u.id === '105')?.['e911_address']).toMatchObject({ address: '2 Main St' });
    expect(problems).toEqual([]);
  });

  it('shows a user\'s caller ID, extension, job title, forwarding numbers, international dialing and E911 address, and edits them', async () => {
    emulator = await startConsoleEmulator(withPhoneSettings);
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'users');
    await page.getByLabel('Options for ann@console.example').click();
    expect(await page.inputValue('#phone-extension')).toBe('102');
    expect(await page.inputValue('#phone-job-title')).toBe('Support lead');
    expect(await page.inputValue('#phone-forwarding')).toBe('+14155550900');
    expect(await page.isChecked('#phone-intl')).toBe(true);
    expect(await page.inputValue('#phone-caller-id')).toBe('blocked');
    expect(await page.locator('#phone-caller-id option').allTextContents()).toEqual(['+14155550102 (own number)', '+14155550188 (Support)', 'blocked']);
    expect(await page.locator('#user-e911-now').textContent()).toBe("uses the office's: 1 Market St, San Francisco, ca 94105, US");

    await page.fill('#phone-extension', '7102');
    await page.fill('#phone-job-title', 'Head of Support');
    await page.fill('#phone-forwarding', '+14155550901, +14155550902');
    await page.uncheck('#phone-intl');
    await page.selectOption('#phone-caller-id', '+14155550188');
    expect(await readMessageAfter(page, () => page.click('#phone-save'))).toBe('Saved the phone settings of ann@console.example.');
    const ann = (await readState()).users.find((u) => u.id === '102');
    expect(ann).toMatchObject({ extension: '7102', job_title: 'Head of Support', forwarding_numbers: ['+14155550901', '+14155550902'], international_dialing_enabled: false, caller_id: '+14155550188' });
    // The panel shows what Dialpad now holds.
    await expect.poll(() => page.inputValue('#phone-caller-id')).toBe('+14155550188');
    expect(await page.isChecked('#phone-intl')).toBe(false);

    await page.fill('#user-e911-address', '77 Home Rd');
    await page.fill('#user-e911-city', 'Oakland');
    await page.fill('#user-e911-zip', '94601');
    expect(await readMessageAfter(page, () => page.click('#user-e911-save'))).toBe('Saved the E911 address of ann@console.example.');
    await expect.poll(() => page.locator('#user-e911-now').textContent()).toBe('own: 77 Home Rd, Oakland, ca 94601, US');
    expect((await readState()).users.find((u) => u.id === '102')?.['e911_address']).toEqual({ address: '77 Home Rd', city: 'Oakland', state: 'ca', zip: '94601', country: 'us' });
    expect(problems).toEqual([]);
  });
});
