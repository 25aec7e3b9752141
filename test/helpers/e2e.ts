import { before, after } from 'node:test';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, overflow } from './browser.ts';
import {
  passwordFrom,
  removeDir,
  repoRoot,
  startServer,
  tempDataDir,
  type RunningServer,
} from './server.ts';
import { renameOrDrop, TEMPLATE_DIR, templateKey } from './template.ts';

const SHOT_TIMEOUT_MS = 120_000;

/** Where browser tests leave their screenshots, to be looked at. */
export const shots = path.join(repoRoot, 'test-results');

export interface E2eSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** The one-time admin password the first start printed. */
  readonly password: string;
}

/**
 * A data directory as a first start leaves it, and the one-time password that start printed:
 * copied from a template made once per version of src/ (a first start seeds the whole demo).
 */
async function firstStartCopy(): Promise<{ dataDir: string; password: string }> {
  const base = path.join(TEMPLATE_DIR, `e2e-data-${templateKey()}`);
  // Kept inside the template, so the directory and its password are renamed into place together.
  const passwordFile = 'first-start-password.txt';
  if (!existsSync(base)) {
    mkdirSync(TEMPLATE_DIR, { recursive: true });
    const building = `${base}.${process.pid}.${randomBytes(4).toString('hex')}`;
    mkdirSync(building);
    const server = await startServer({ GONGKAI_DATA_DIR: building });
    const password = passwordFrom(server.output);
    await server.stop();
    if (!password)
      throw new Error(`the first start printed no one-time password:\n${server.output}`);
    writeFileSync(path.join(building, passwordFile), password);
    renameOrDrop(building, base);
  }
  const dataDir = tempDataDir();
  cpSync(base, dataDir, { recursive: true });
  const password = readFileSync(path.join(dataDir, passwordFile), 'utf8');
  rmSync(path.join(dataDir, passwordFile));
  return { dataDir, password };
}

/**
 * For a describe() of browser tests: before its tests, the compiled server on a data directory
 * as a first start leaves it (the demo data; the one-time admin password that start printed
 * stands first in `server.output`) and Debian's Chromium; after them, both stopped and the data
 * removed.
 */
export function e2eSuite(env: Record<string, string> = {}): E2eSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  before(async () => {
    mkdirSync(shots, { recursive: true });
    const copy = await firstStartCopy();
    dataDir = copy.dataDir;
    const started = await startServer({ GONGKAI_DATA_DIR: dataDir, ...env });
    const printed = `one-time password: ${copy.password}\n`;
    server = {
      ...started,
      get output() {
        return printed + started.output;
      },
    };
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) removeDir(dataDir);
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('the e2e suite has not started (use it inside describe())');
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
  // A full-page screenshot of a long page waits for fonts and layout; on a busy machine it once
  // took over Playwright's default 30 s (messages-citizen). It is evidence, not a timing check.
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true, timeout: SHOT_TIMEOUT_MS });
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  // Resize observers (the ECharts chart) run after the next layout: measure after two frames.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const over = await overflow(page);
  if (over > 0) problems.push(`${name}: scrolls sideways by ${over} px at 390 px`);
  await page.screenshot({ path: path.join(shots, `${name}-390.png`), fullPage: true, timeout: SHOT_TIMEOUT_MS });
  await page.setViewportSize(size);
  return problems;
}
