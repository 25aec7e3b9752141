import { before, after } from 'node:test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, overflow } from './browser.ts';
import { passwordFrom, removeDir, repoRoot, startServer, tempDataDir, type RunningServer } from './server.ts';

/** Where browser tests leave their screenshots, to be looked at. */
export const shots = path.join(repoRoot, 'test-results');

export interface E2eSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** The one-time admin password the first start printed. */
  readonly password: string;
}

/**
 * For a describe() of browser tests: before its tests, the compiled server on a fresh data
 * directory (the demo data and a one-time admin password, as on a first start) and Debian's
 * Chromium; after them, both stopped and the data removed.
 */
export function e2eSuite(env: Record<string, string> = {}): E2eSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  before(async () => {
    mkdirSync(shots, { recursive: true });
    dataDir = tempDataDir();
    server = await startServer({ GONGKAI_DATA_DIR: dataDir, ...env });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) removeDir(dataDir);
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the e2e suite has not started (use it inside describe())');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    get password() {
      return started(passwordFrom(started(server).output) ?? undefined);
    },
  };
}

/**
 * axe-core's violations on the page as it is, and sideways scrolling at a 390 px phone (the
 * viewport is put back after); screenshots at both widths under `name`.
 */
export async function checkScreen(page: Page, name: string): Promise<string[]> {
  const problems = (await axeViolations(page)).map((v) => `${name}: ${v}`);
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  const over = await overflow(page);
  if (over > 0) problems.push(`${name}: scrolls sideways by ${over} px at 390 px`);
  await page.screenshot({ path: path.join(shots, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(size);
  return problems;
}
