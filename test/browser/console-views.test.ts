/**
 * The console page's views in headless Chromium (issue 17): each tab shows the fixture's data as
 * Admin Settings does, the search finds users as `dialform status --search` does, and the page
 * raises no JavaScript error and asks nothing of another origin.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openConsole, startConsoleEmulator } from './browser.js';

let browser: Browser;
let emulator: Awaited<ReturnType<typeof startConsoleEmulator>>;
beforeAll(async () => {
  [browser, emulator] = await Promise.all([launchChromium(), startConsoleEmulator()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), emulator?.close()]);
});

/** The text of each cell of each body row of `table`. */
async function readRows(page: import('playwright-core').Page, table: string): Promise<string[][]> {
  return page.locator(`${table} tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
}

describe('the console page in Chromium (issue 17 #1)', () => {
  it('Active or Pending Users lists the live and pending users with their permissions, and searches (issue 17 #1)', async () => {
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'users');
    expect(await page.locator('#company-name').textContent()).toBe('Console Co');
    expect(await page.locator('#company-plan').textContent()).toBe('pro plan');
    const rows = await readRows(page, '#users-table');
    expect(rows.map((r) => r.slice(1, 8))).toEqual([
      ['Ann Archer', 'ann@console.example', 'Console HQ', 'talk', 'active', 'office admin, analytics', '+14155550102'],
      ['Ben Baker', 'ben@console.example', 'Console HQ', 'talk', 'active', '–', '–'],
      ['Cat Cole', 'cat@console.example', 'Console HQ', 'talk', 'pending', '–', '–'],
      ['Cleo Chief', 'ceo@console.example', 'Console HQ', 'talk', 'active', 'company admin', '+14155550101'],
      ['Dan Diaz', 'dan@console.example', 'Console Boston', 'talk', 'active', '–', '+16175550105'],
      ['Gus Graf', 'gus@console.example', 'Console Berlin', 'talk', 'active', '–', '+4930555010'],
    ]);
    await page.fill('#search', 'admin');
    await page.click('#search-form button[type=submit]');
    await expect.poll(async () => (await readRows(page, '#users-table')).map((r) => r[2])).toEqual(['ann@console.example', 'ceo@console.example']);
    expect(problems).toEqual([]);
  });

  it('Reserved Numbers shows each pool number with its office, who it was last for and when (issue 17 #1)', async () => {
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'reserved');
    const rows = await readRows(page, '#reserved-table');
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['+14155550107', 'Console HQ', 'zoe@console.example', '2026-11-25T21:00:00Z'],
      ['+14155550199', 'Console HQ', 'unknown', 'unknown'],
    ]);
    expect(problems).toEqual([]);
  });

  it('Deleted Users shows the time left in the 72-hour window (issue 17 #1)', async () => {
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'deleted');
    const rows = await readRows(page, '#deleted-table');
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['Zoe Zimmer', 'zoe@console.example', 'Console HQ', '2026-11-25T21:00:00Z', '59 h (until 2026-11-28T21:00:00.000Z)'],
    ]);
    expect(problems).toEqual([]);
  });

  it('Transfer Licenses shows each office with its price level and unassigned licenses (issue 17 #1)', async () => {
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'licenses');
    expect(await readRows(page, '#licenses-table')).toEqual([
      ['Console HQ', 'US', 'premium', 'Talk: 2 / 6, Sell: 1 / 1'],
      ['Console Boston', 'US', 'premium', 'Talk: 1 / 2'],
      ['Console Berlin', 'DE', 'standard', 'Talk: 2 / 3'],
    ]);
    expect(await page.locator('#transfer-kind option').count()).toBe(10);
    expect(problems).toEqual([]);
  });
});
