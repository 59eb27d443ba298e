/**
 * Rehearsing an apply with the console (issue 17): `apply --emulator` waits for a license
 * transfer (exit 4); the transfer is done in the page that `dialform emulator console` serves for
 * the same saved state; the rerun apply finishes. Every dialform command is a separate process.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/emulator/index.js';
import { runCli } from '../support/cli.js';
import { launchChromium, openConsole, scratchScenario, startConsoleCommand } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('a waiting apply and the console (issue 17 #3)', () => {
  it('a license transfer through the console page lets a waiting apply finish, and the open console keeps what apply wrote (issue 17 #3, #4)', async () => {
    const cwd = await scratchScenario('license-transfer');
    const args = ['-c', 'config.yaml', '--emulator'];
    const first = await runCli(['apply', ...args, 'fixture.json', '--auto-approve'], { cwd });
    expect(first.code, first.stdout + first.stderr).toBe(4);

    const console = await startConsoleCommand(cwd);
    try {
      const { page, problems } = await openConsole(browser, console.consoleUrl, 'licenses');
      await page.selectOption('#transfer-kind', 'talk_lines');
      await page.selectOption('#transfer-from', '10');
      await page.selectOption('#transfer-to', '20');
      await page.fill('#transfer-count', '1');
      await page.click('#transfer-review');
      await page.click('#transfer-confirm-button');
      await expect.poll(() => page.locator('#message').textContent()).toBe('Transferred 1 Talk license(s) from Transfer HQ to Transfer Boston.');

      const second = await runCli(['apply', ...args, '--auto-approve'], { cwd });
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(second.stderr).toContain('Verified');

      // The console is still running on the state apply just changed: it shows Fay, whom apply
      // created, and its next change is made to that state, not to the one it had before.
      await page.click('#tab-users');
      await page.reload();
      await page.getByLabel('Select f@transfer.example').check();
      await page.selectOption('#bulk-action', 'add_analytics');
      await page.click('#bulk-review');
      await page.click('#bulk-confirm-button');
      await expect.poll(() => page.locator('#message').textContent()).toBe('Add analytics: done for f@transfer.example.');
      const state = JSON.parse(await readFile(join(cwd, '.dialform', 'emulator-state.json'), 'utf8')) as Fixture;
      expect(state.users.find((u) => u.emails[0] === 'f@transfer.example')?.analytics).toBe(true);
      const third = await runCli(['plan', ...args, '--detailed-exitcode'], { cwd });
      expect(third.code, third.stdout + third.stderr).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await console.stop();
    }
  }, 120_000);
});
