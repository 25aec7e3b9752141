import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { PINNED_NOW, testZone } from './clock.ts';

/** Debian's Chromium, never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in its own context: Chinese locale, the test process's time zone (so a browser-side zone
 * bug shows), and a clock that starts at the suite's pinned instant and then runs on.
 */
export async function newTestPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: testZone(), ...options });
  await context.clock.install({ time: PINNED_NOW });
  return context.newPage();
}
