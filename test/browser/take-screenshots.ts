/**
 * Takes the README's screenshots of the console (docs/console/*.png) with the same headless
 * Chromium the browser tests use, on the browser tests' fixture:
 * `node --import tsx test/browser/take-screenshots.ts`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { launchChromium, openConsole, startConsoleEmulator } from './browser.js';

const OUT = join(ROOT, 'docs', 'console');

async function takeScreenshots(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const [browser, emulator] = await Promise.all([launchChromium(), startConsoleEmulator()]);
  try {
    const users = await openConsole(browser, emulator.consoleUrl, 'users');
    await users.page.getByLabel('Select ben@console.example').check();
    await users.page.getByLabel('Select dan@console.example').check();
    await users.page.selectOption('#bulk-action', 'add_analytics');
    await users.page.click('#bulk-review');
    await users.page.getByLabel('Options for dan@console.example').click();
    await users.page.selectOption('#move-office', '10');
    await users.page.click('#move-review-button');
    await users.page.screenshot({ path: join(OUT, 'users.png'), fullPage: true });

    for (const tab of ['reserved', 'deleted']) {
      const { page } = await openConsole(browser, emulator.consoleUrl, tab);
      await page.screenshot({ path: join(OUT, `${tab}.png`), fullPage: true });
    }

    const licenses = await openConsole(browser, emulator.consoleUrl, 'licenses');
    await licenses.page.selectOption('#transfer-from', '10');
    await licenses.page.selectOption('#transfer-to', '30');
    await licenses.page.click('#transfer-review');
    await licenses.page.click('#transfer-confirm-button');
    await licenses.page.locator('#message.error').waitFor();
    await licenses.page.click('#transfer-review');
    await licenses.page.screenshot({ path: join(OUT, 'licenses.png'), fullPage: true });

    const problems = [users, licenses].flatMap((p) => p.problems);
    if (problems.length > 0) throw new Error(`the page reported problems: ${problems.join('; ')}`);
  } finally {
    await Promise.all([browser.close(), emulator.close()]);
  }
}

await takeScreenshots();
