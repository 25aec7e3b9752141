/**
 * The 年度报告 screen in Chromium: 平安县民政局's 2025 draft, whose table 三 is counted in SQL.
 * A number of table 三 opens the requests of that one cell, fetched when it is opened, and each
 * links to its request; at 390 px the page does not scroll sideways.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newTestPage } from '../helpers/browser.ts';
import { passwordFrom } from '../helpers/server.ts';
import { firstLogin } from '../helpers/workspace.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';


describe('年度报告 in Chromium', () => {
  const e2e = e2eSuite();

  it('opens the requests behind a number of table 三', async () => {
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await firstLogin(page, e2e.server.url, passwordFrom(e2e.server.output)!);
    await page.getByTestId('agency-switcher').click();
    await page.locator('.ant-select-item-option[title="平安县民政局 · 部门"]').click();
    await page.getByRole('navigation', { name: '功能导航' }).getByText('年度报告').click();
    await page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '报告年度' }) }).click();
    await page.locator('.ant-select-item-option[title="2025 年度"]').click();
    const table = page.locator('.ant-card').filter({ hasText: '三、收到和处理政府信息公开申请情况' });
    const carriedOut = table.getByRole('row').filter({ hasText: '四、结转下年度继续办理' });
    await carriedOut.waitFor();
    // The last column is 总计: three requests carried into 2026 (the HTTP test counts the same).
    const total = carriedOut.getByRole('cell').last();
    assert.equal((await total.innerText()).trim(), '3');
    await total.getByText('3').click();
    const popover = page.locator('.ant-popover').filter({ hasText: '统计依据' });
    await popover.getByRole('link').first().waitFor();
    const links = await popover.getByRole('link').allInnerTexts();
    assert.equal(links.length, 3);
    // Each request by its 查询码, as staff and applicants quote it (issue 18 item 9), not a database id.
    for (const link of links) assert.match(link, /^申请 [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await page.screenshot({ path: path.join(shots, 'workspace-report-drilldown.png'), fullPage: true });
    await popover.getByRole('link').first().click();
    await page.waitForURL(/\/admin\/requests\/\d+$/);
    await page.getByTestId('request-status').waitFor();

    const mobile = await newTestPage(e2e.browser, { viewport: { width: 390, height: 844 } });
    await mobile.context().addCookies(await page.context().cookies());
    await mobile.goto(`${e2e.server.url}/admin/reports`);
    await mobile.getByText('三、收到和处理政府信息公开申请情况', { exact: false }).first().waitFor();
    const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 390 px (overflow ${overflow}px)`);
    await mobile.screenshot({ path: path.join(shots, 'workspace-report-390.png'), fullPage: true });
    await page.close();
    await mobile.close();
  });
});
