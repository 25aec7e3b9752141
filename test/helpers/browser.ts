import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { BROWSER_ZONE, PINNED_NOW } from './clock.ts';

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
 * A page in its own context: Chinese locale, New York's time zone (a day behind China at the
 * pinned hour, so a browser-side zone bug shows in any run), and a clock that starts at the
 * suite's pinned instant and then runs on.
 */
export async function newTestPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: BROWSER_ZONE, ...options });
  await context.clock.install({ time: PINNED_NOW });
  return context.newPage();
}

/**
 * Ticks a checkbox in an antd dialog. While the dialog's opening motion runs, a click can land
 * and leave the box unticked ("Clicking the checkbox did not change its state", seen once in a
 * full run); check() is a no-op on a ticked box, so trying again after the motion is safe.
 */
export async function tick(box: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await box.check({ timeout: 5000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await box.page().waitForTimeout(300);
    }
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page, one line each ("url: rule — help (targets)"). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource); // not an inline <script>: the CSP refuses those, DevTools evaluation is exempt
  const result = await page.evaluate(async () => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${page.url()}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** How far the page is wider than the window (≤ 0: no sideways scrolling). */
export const overflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
