/**
 * The console page's actions in headless Chromium (issue 17): each goes through the emulator's
 * business rules and the page shows Dialpad's message when they refuse. One browser for the file;
 * a fresh emulator (scratch state) per test.
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

/** Does `action` in `page`, then returns the message the page shows for it (once it differs from the one before). */
async function readMessageAfter(page: Page, action: () => Promise<void>): Promise<string> {
  const box = page.locator('#message');
  const before = (await box.isVisible()) ? await box.textContent() : null;
  await action();
  await expect.poll(async () => ((await box.isVisible()) ? await box.textContent() : null)).not.toBe(before);
  return (await box.textContent()) ?? '';
}

async function selectUsers(page: Page, emails: string[]): Promise<void> {
  for (const email of emails) await page.getByLabel(`Select ${email}`).check();
}

async function runBulk(page: Page, action: string): Promise<void> {
  await page.selectOption('#bulk-action', action);
  await page.click('#bulk-review');
  await page.click('#bulk-confirm-button');
}

describe('console actions in Chromium (issue 17 #2)', () => {
  it('restores a user within the 72-hour window; once the clock passes it, the restore is refused (issue 17 #2)', async () => {
    emulator = await startConsoleEmulator();
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'deleted');
    expect(await readMessageAfter(page, () => page.getByLabel('Restore zoe@console.example').click())).toBe('Restored zoe@console.example.');
    expect((await readState()).users.find((u) => u.id === '107')?.state).toBe('active');

    await page.click('#tab-users');
    await selectUsers(page, ['ben@console.example']);
    expect(await readMessageAfter(page, () => runBulk(page, 'delete'))).toBe('Delete: done for ben@console.example.');
    await page.click('#tab-deleted');
    await expect.poll(() => page.locator('#deleted-table tbody tr td').nth(4).textContent()).toMatch(/^7[12] h \(until 2026-11-29T09:00:/);

    // A second tab moves the clock past the window while this one still shows Ben.
    const other = await openConsole(browser, emulator.consoleUrl, 'users');
    await other.page.fill('#clock-hours', '73');
    expect(await readMessageAfter(other.page, () => other.page.click('#clock-advance'))).toBe('Advanced the emulator clock by 73 h.');

    expect(await readMessageAfter(page, () => page.getByLabel('Restore ben@console.example').click())).toBe('Dialpad refused: user 103 was deleted more than 72 hours ago and can no longer be restored');
    expect(await page.locator('#message').getAttribute('role')).toBe('alert');
    // Dialpad anonymized Ben: the list no longer shows him.
    await expect.poll(() => page.locator('#deleted-table tbody').textContent()).toBe('No users deleted in the last 72 hours.');
    expect([...problems, ...other.problems]).toEqual([]);
  });

  it('grants analytics to the checked users in one bulk action, and adds and removes admin (issue 17 #2)', async () => {
    emulator = await startConsoleEmulator();
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'users');
    await selectUsers(page, ['ben@console.example', 'dan@console.example']);
    expect(await readMessageAfter(page, () => runBulk(page, 'add_analytics'))).toBe('Add analytics: done for ben@console.example, dan@console.example.');
    await expect.poll(() => page.locator('tr[data-email="dan@console.example"] td').nth(6).textContent()).toBe('analytics');
    const users = (await readState()).users;
    expect(users.filter((u) => u.analytics === true).map((u) => u.emails[0])).toEqual(['ann@console.example', 'ben@console.example', 'dan@console.example']);

    await selectUsers(page, ['ann@console.example', 'ben@console.example']);
    expect(await readMessageAfter(page, () => runBulk(page, 'add_admin'))).toBe('Add admin: done for ann@console.example, ben@console.example.');
    await selectUsers(page, ['ann@console.example']);
    expect(await readMessageAfter(page, () => runBulk(page, 'remove_admin'))).toBe('Remove admin: done for ann@console.example.');
    await expect.poll(() => page.locator('tr[data-email="ben@console.example"] td').nth(6).textContent()).toBe('office admin, analytics');
    const admins = (await readState()).users.filter((u) => (u.admin_office_ids ?? []).length > 0);
    expect(admins.map((u) => [u.emails[0], u.admin_office_ids])).toEqual([['ben@console.example', ['10']]]);
    expect(problems).toEqual([]);
  });

  it('shows Dialpad’s error for a license transfer and a user transfer across price levels, and changes nothing (issue 17 #2)', async () => {
    emulator = await startConsoleEmulator();
    const before = await readFile(emulator.statePath, 'utf8');
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'licenses');
    await page.selectOption('#transfer-kind', 'talk_lines');
    await page.selectOption('#transfer-from', '10');
    await page.selectOption('#transfer-to', '30');
    await page.fill('#transfer-count', '1');
    await page.click('#transfer-review');
    expect(await page.locator('#transfer-confirm p').textContent()).toBe('Transfer 1 Talk license(s) from Console HQ (2 unassigned) to Console Berlin.');
    expect(await readMessageAfter(page, () => page.click('#transfer-confirm-button'))).toBe(
      'Dialpad refused: transferring licenses is only possible between offices on the same price level: office 10 (Console HQ) is "premium", office 30 (Console Berlin) is "standard"',
    );

    await page.click('#tab-users');
    await page.getByLabel('Options for dan@console.example').click();
    await page.selectOption('#move-office', '30');
    await page.click('#move-review-button');
    expect(await page.locator('#move-review p').textContent()).toBe('Move dan@console.example from Console Boston to Console Berlin.');
    expect(await readMessageAfter(page, () => page.click('#move-confirm'))).toBe(
        'Dialpad refused: moving a user to an office in another country is only possible between offices on the same price level: office 20 (Console Boston) is "premium", office 30 (Console Berlin) is "standard"',
      );
    expect(await readFile(emulator.statePath, 'utf8')).toBe(before);
    expect(problems).toEqual([]);
  });

  it('refuses a user transfer on a standard plan with Dialpad’s message (issue 17 #2)', async () => {
    emulator = await startConsoleEmulator((fixture) => {
      fixture.company.account_type = 'standard';
    });
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'users');
    await page.getByLabel('Options for dan@console.example').click();
    await page.selectOption('#move-office', '10');
    await page.click('#move-review-button');
    expect(await readMessageAfter(page, () => page.click('#move-confirm'))).toBe(
      'Dialpad refused: moving a user to another office requires a pro or enterprise account (Advanced or Premium plan); this company is "standard"',
    );
    expect(problems).toEqual([]);
  });

  it('transfers a user within the price level, grants proxy access, reassigns and releases reserved numbers, as the API would (issue 17 #2)', async () => {
    emulator = await startConsoleEmulator();
    const { page, problems } = await openConsole(browser, emulator.consoleUrl, 'users');
    await page.getByLabel('Options for dan@console.example').click();
    await page.selectOption('#move-office', '10');
    await page.click('#move-review-button');
    expect(await readMessageAfter(page, () => page.click('#move-confirm'))).toBe('Moved dan@console.example to Console HQ.');
    await page.getByLabel('Options for dan@console.example').click();
    expect(await readMessageAfter(page, () => page.click('#proxy-toggle'))).toBe('Granted proxy access for dan@console.example.');
    await page.click('#tab-reserved');
    await page.getByLabel('Reassign +14155550107 to').selectOption('ben@console.example');
    expect(await readMessageAfter(page, () => page.locator('tr[data-number="+14155550107"] button', { hasText: 'Reassign' }).click())).toBe(
      'Assigned +14155550107 to ben@console.example.',
    );
    await page.getByLabel('Release +14155550199').click();
    expect(await readMessageAfter(page, () => page.getByLabel('Release +14155550199').click())).toBe('Released +14155550199 to Dialpad.');
    const state = await readState();
    expect(state.users.find((u) => u.id === '105')).toMatchObject({ office_id: '10', proxy: true });
    expect(state.users.find((u) => u.id === '103')?.phone_numbers).toEqual(['+14155550107']);
    expect(state.numbers.some((n) => n.number === '+14155550199')).toBe(false);
    expect(problems).toEqual([]);
  });
});
