import { before, after } from 'node:test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
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
