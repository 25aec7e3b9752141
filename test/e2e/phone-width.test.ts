/// <reference lib="dom" />
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { newTestPage, overflow } from '../helpers/browser.ts';
import { firstLogin } from '../helpers/workspace.ts';
import { fillRequestForm } from '../helpers/request-form.ts';
import { passwordFrom } from '../helpers/server.ts';
import { e2eSuite, shots as allShots } from '../helpers/e2e.ts';

const shots = path.join(allShots, 'phone');
mkdirSync(shots, { recursive: true });
const PHONE = { width: 390, height: 844 };


/**
 * Issue 18 item 9: no page, portal or workspace, is wider than a 390 px phone. The pages are found
 * as a visitor finds them — the portal's column links, a document from the catalogue, every entry
 * of the workspace's menu — so a page added later is measured without being listed here.
 */
describe('every page type fits a 390 px phone, in Chromium', () => {
  const e2e = e2eSuite();

  async function measure(page: Page, url: string, wide: string[]): Promise<void> {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    const over = await overflow(page);
    const name = new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
    // The first screen of each page, to look at; the whole page only when it is too wide (a full
    // page at 390 px is several screens tall, and 35 of them took a minute of CI).
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: over > 0 });
    if (over > 0) wide.push(`${url}: ${over}px`);
  }

  it('portal: home, agency home, every column, a document, search, request, tracking, reports, checker, 404', async () => {
    const page = await newTestPage(e2e.browser, { viewport: PHONE });
    await page.goto(`${e2e.server.url}/org/changping/`);
    const columns = await page
      .getByRole('navigation', { name: '政府信息公开栏目' })
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    await page.goto(`${e2e.server.url}/org/changping/open/catalogue`);
    const documentLink = await page.locator('a[href*="/documents/"]').first().getAttribute('href');
    assert.ok(documentLink, 'the demo catalogue lists a published document');
    const urls = [
      `${e2e.server.url}/`,
      `${e2e.server.url}/org/changping/`,
      ...columns,
      new URL(documentLink, e2e.server.url).href,
      `${e2e.server.url}/org/changping/search?q=${encodeURIComponent('常平乡')}`,
      `${e2e.server.url}/org/changping/open/request`,
      `${e2e.server.url}/org/changping/open/request/track`,
      `${e2e.server.url}/org/changping/open/annual-reports`,
      `${e2e.server.url}/org/changping/open/annual-reports/check`,
      `${e2e.server.url}/no/such/page`,
    ];
    assert.ok(columns.length >= 5, `the column navigation has its links (${columns.length})`);
    const wide: string[] = [];
    for (const url of [...new Set(urls)]) await measure(page, url, wide);
    // A request filed on the phone, and its receipt page (the workspace test opens it).
    await page.goto(`${e2e.server.url}/org/changping/open/request`);
    await fillRequestForm(page, '常平乡2026年农村道路养护资金使用情况');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByTestId('query-code').waitFor();
    if ((await overflow(page)) > 0) wide.push(`receipt page: ${await overflow(page)}px`);
    await page.screenshot({ path: path.join(shots, 'request-receipt.png'), fullPage: true });
    assert.deepEqual(wide, [], 'portal pages wider than the phone');
    await page.close();
  });

  it('workspace: sign-in, every menu entry, a request and a document, and the header', async () => {
    const desk = await newTestPage(e2e.browser);
    await firstLogin(desk, e2e.server.url, passwordFrom(e2e.server.output)!);
    const nav = desk.getByRole('navigation', { name: '功能导航' });
    await nav.getByText('系统管理').click();
    await nav.getByText('审计日志').waitFor();
    // antd's menu items are not links: each carries its route at the end of data-menu-id.
    const routes = await nav.locator('[role=menuitem][data-menu-id]:not([aria-haspopup])').evaluateAll((items) => items.map((li) => /-(\/[^-]*)$/.exec(li.getAttribute('data-menu-id') ?? '')?.[1] ?? ''));
    // Pages reached from an area's own tabs and buttons rather than the menu.
    const inner = ['/proactive/statistics', '/proactive/plan', '/proactive/new', '/reports/check', '/reports/website'];
    const menu = [...routes.filter(Boolean), ...inner].map((route) => `${e2e.server.url}/admin${route}`);
    assert.ok(routes.filter(Boolean).length >= 12, `the menu has its entries (${routes.join(' ')})`);
    const wide: string[] = [];
    const signIn = await newTestPage(e2e.browser, { viewport: PHONE });
    await measure(signIn, `${e2e.server.url}/admin/`, wide);
    await signIn.close();

    // The same signed-in page, narrowed to the phone.
    const page = desk;
    await page.setViewportSize(PHONE);
    await page.goto(`${e2e.server.url}/admin/requests`);
    const request = await page.locator('a[href*="/requests/"]').first().getAttribute('href');
    await page.goto(`${e2e.server.url}/admin/proactive`);
    const document = await page.locator('a[href*="/proactive/"]').filter({ hasNotText: /统计|计划/ }).first().getAttribute('href');
    const urls = [...menu, ...(request ? [new URL(request, `${e2e.server.url}/admin/`).href] : []), ...(document ? [new URL(document, `${e2e.server.url}/admin/`).href] : [])];
    assert.ok(request && document, 'the demo data has a request and a document to open');
    for (const url of [...new Set(urls)]) await measure(page, url, wide);
    // The header holds the agency switcher, the user and 退出: all on screen.
    const header = await page.locator('header').first().boundingBox();
    assert.ok(header && header.x + header.width <= PHONE.width, 'the workspace header fits');
    assert.ok(await page.getByRole('button', { name: '退出' }).isVisible(), '退出 is reachable on a phone');
    assert.deepEqual(wide, [], 'workspace pages wider than the phone');
    await page.close();
  });
});
