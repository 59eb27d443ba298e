/**
 * Headless Chromium for the console's browser tests: Debian's `chromium` package (never a
 * downloaded browser), driven by playwright-core. `CHROMIUM_PATH` overrides the executable.
 * Each test file launches one browser (`beforeAll`) and opens a page per test.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startEmbeddedEmulator, type EmbeddedEmulator, type Fixture } from '../../src/emulator/index.js';
import { ROOT } from '../support/cli.js';
export { startConsoleCommand } from '../support/console-command.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CONSOLE_FIXTURE = join(import.meta.dirname, 'console-company.json');

/** Launches the system Chromium headless; `--no-sandbox` because CI runs as root. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
}

/** A page and what went wrong in it: uncaught errors, console errors, requests to another origin. */
export interface WatchedPage {
  page: Page;
  problems: string[];
}

/** Opens the console at `consoleUrl#tab` in a fresh context, recording every problem in `problems`. */
export async function openConsole(browser: Browser, consoleUrl: string, tab = 'users'): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Well under the test timeout, so a missing element fails the test with the locator it waited for.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = new URL(consoleUrl).origin;
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Chromium logs every 4xx answer as "Failed to load resource"; those are judged by the response
  // listener below instead, which knows the method: a refused POST is Dialpad's rule, shown in the page.
  page.on('console', (message) => {
    if ((message.type() === 'error' || message.type() === 'warning') && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    const refusedAction = response.request().method() === 'POST' && response.status() < 500;
    if (response.status() >= 400 && !refusedAction) problems.push(`HTTP ${response.status()} for ${response.request().method()} ${response.url()}`);
  });
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) problems.push(`request to another origin: ${request.url()}`);
  });
  await page.goto(`${consoleUrl}#${tab}`);
  await page.locator('#company-name').filter({ hasText: /\S/ }).waitFor();
  return { page, problems };
}

/**
 * The embedded emulator over a scratch copy of the console fixture (changed by `edit`, when given),
 * as `dialform emulator console` serves it.
 */
export async function startConsoleEmulator(edit?: (fixture: Fixture) => void): Promise<EmbeddedEmulator & { consoleUrl: string; statePath: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'dialform-console-'));
  const statePath = join(dir, '.dialform', 'emulator-state.json');
  let fixturePath = CONSOLE_FIXTURE;
  if (edit !== undefined) {
    const fixture = JSON.parse(await readFile(CONSOLE_FIXTURE, 'utf8')) as Fixture;
    edit(fixture);
    fixturePath = join(dir, 'fixture.json');
    await writeFile(fixturePath, JSON.stringify(fixture));
  }
  const emulator = await startEmbeddedEmulator({ fixturePath, statePath });
  return { ...emulator, consoleUrl: `${emulator.url}/_emulator/console`, statePath };
}

/** A scratch copy of an integration scenario directory (config + fixture). */
export async function scratchScenario(name: string): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), `dialform-console-${name}-`));
  await cp(join(ROOT, 'test', 'integration', 'scenarios', name), cwd, { recursive: true });
  return cwd;
}
