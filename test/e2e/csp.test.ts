/// <reference lib="dom" />
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { firstLogin, NEW_ADMIN_PASSWORD } from '../helpers/workspace.ts';
import { fillRequestForm } from '../helpers/request-form.ts';
import { httpLogin } from '../helpers/http-client.ts';
import { passwordFrom, removeDir, startServer, tempDataDir, type RunningServer } from '../helpers/server.ts';

declare global {
  interface Window {
    cspViolations: string[];
  }
}

/** A one-pixel PNG: a data: image in a published body must still show. */
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('portal, workspace and API docs under the Content-Security-Policy, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let dataDir: string;
  /** Every CSP report, from the page's own event and from the console. */
  const consoleReports: string[] = [];

  before(async () => {
    dataDir = tempDataDir();
    server = await startServer({ GONGKAI_DATA_DIR: dataDir });
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    await context.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    removeDir(dataDir);
  });

  async function open(): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) consoleReports.push(`${page.url()}: ${msg.text()}`);
    });
    return page;
  }

  /** Loads a page, checks it was served under the policy, and that nothing was refused. */
  async function visit(page: Page, url: string): Promise<void> {
    const res = await page.goto(`${server.url}${url}`);
    assert.match(res!.headers()['content-security-policy'] ?? '', /script-src 'self'/, `${url} is served with the CSP`);
  }

  async function assertNoViolations(page: Page): Promise<void> {
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], page.url());
    assert.deepEqual(consoleReports, []);
  }

  it('runs the workspace, and shows the portal home, a document page, the large-text toggle and the request form', async () => {
    const staff = await open();
    await firstLogin(staff, server.url, passwordFrom(server.output)!);
    const nav = staff.getByRole('navigation', { name: '功能导航' });
    await nav.getByText('主动公开').click();
    await staff.getByRole('button', { name: '新建文件' }).waitFor();
    await nav.getByText('依申请公开').click();
    await staff.getByRole('heading', { name: '依申请公开' }).first().waitFor();
    await assertNoViolations(staff);

    const api = await httpLogin(server.url, 'admin', NEW_ADMIN_PASSWORD);
    const created = await api.request('POST', '/documents', {
      agencyId: 1,
      title: '关于公布2025年惠民补贴发放情况的通知',
      writtenAt: '2025-03-01',
      categoryCode: 'art20-11',
      bodyHtml: `<p>现将本年度惠民补贴发放情况公布如下。</p><p><img src="${PIXEL}" alt="发放统计图"></p>`,
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意' };
    for (const step of [{ action: 'submit' }, { action: 'review', checklist }, { action: 'approve' }, { action: 'publish' }]) {
      const moved = await api.request('POST', `/documents/${created.json.id}/transitions`, step);
      assert.equal(moved.status, 200, JSON.stringify(moved.json));
    }

    const citizen = await open();
    await visit(citizen, '/');
    await citizen.getByRole('navigation', { name: '政府信息公开栏目' }).waitFor();
    const docUrl = `/org/changping/documents/${created.json.id}`;
    await visit(citizen, docUrl);
    await citizen.getByRole('heading', { name: '关于公布2025年惠民补贴发放情况的通知' }).waitFor();
    assert.ok(await citizen.getByAltText('发放统计图').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1), 'the data: image is shown');
    await citizen.getByRole('link', { name: '大字版' }).click();
    await citizen.waitForURL(`${server.url}${docUrl}`);
    assert.equal(await citizen.evaluate(() => document.documentElement.className), 'large-text', 'the toggle returns to the page');
    await assertNoViolations(citizen);

    await visit(citizen, '/org/changping/open/request');
    await fillRequestForm(citizen, '2025年惠民补贴发放明细');
    await citizen.getByRole('button', { name: '提交申请' }).click();
    assert.match((await citizen.getByTestId('query-code').innerText()).trim(), /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await assertNoViolations(citizen);
  });

  it('renders Swagger UI at /api/docs', async () => {
    const page = await open();
    await visit(page, '/api/docs');
    await page.getByRole('heading', { name: /Gongkai 公开 API/ }).waitFor();
    await page.getByText('/api/v1/auth/login').first().waitFor();
    await assertNoViolations(page);
  });
});
