/**
 * The workspace's 报送情况 and 汇总 pages in Chromium, on the demo county at the suite's pinned
 * clock (late November 2026, so every 2025 report not published is late): a county admin
 * (本机关及下级) sees each subordinate's status, sends a reminder that then shows in the row,
 * filters the late ones, opens the roll-up, drills into a cell and downloads the workbook; at
 * 390 px neither page scrolls sideways.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newTestPage } from '../helpers/browser.ts';
import { passwordFrom } from '../helpers/server.ts';
import { firstLogin } from '../helpers/workspace.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';


describe('报送情况 and 汇总 in Chromium', () => {
  const e2e = e2eSuite();

  it('lists the statuses, records a reminder, and rolls up with drill-down and export', async () => {
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    await firstLogin(page, e2e.server.url, passwordFrom(e2e.server.output)!);
    const session = (await (await page.request.get(`${e2e.server.url}/api/v1/auth/session`)).json()) as { csrfToken: string; user: { id: number } };
    const managed = (await (await page.request.get(`${e2e.server.url}/api/v1/agencies/managed`)).json()) as { items: { id: number; code: string }[] };
    const county = managed.items.find((a) => a.code === 'pingan')!.id;
    const granted = await page.request.put(`${e2e.server.url}/api/v1/users/${session.user.id}/roles`, { headers: { 'x-csrf-token': session.csrfToken }, data: { agencyId: county, roles: ['admin'], scope: 'subtree' } });
    assert.equal(granted.status(), 200, await granted.text());
    await page.evaluate((id) => localStorage.setItem('gongkai.agencyId', String(id)), county);
    await page.goto(`${e2e.server.url}/admin/reports`);
    await page.getByRole('link', { name: '报送情况' }).click();

    const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await row('常平乡').getByText('已发布').waitFor();
    assert.ok(await row('常平乡').getByText('逾期发布').isVisible(), 'published in November, after 31 March');
    for (const name of ['平安县民政局', '青石镇', '柳河乡']) assert.ok(await row(name).getByText('逾期', { exact: true }).isVisible(), name);
    assert.ok(await row('常平乡').getByRole('button', { name: '催报' }).isDisabled());

    await row('柳河乡').getByRole('button', { name: '催报' }).click();
    await page.getByLabel('催报说明').fill('请于本周内发布');
    await page.getByRole('button', { name: '发送催报' }).click();
    await row('柳河乡').getByText('已催报 1 次').waitFor();
    assert.match(await row('柳河乡').innerText(), /平安县（系统管理员）.*请于本周内发布/);
    await page.screenshot({ path: path.join(shots, 'workspace-report-submission.png'), fullPage: true });

    await page.getByRole('switch', { name: '只看逾期' }).click();
    await row('青石镇').waitFor();
    assert.equal(await page.getByRole('row').count(), 1 + 4, 'all four are late or published late');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(shots, 'workspace-report-submission-390.png'), fullPage: true });
    let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `报送情况 scrolls sideways by ${overflow} px at 390 px`);
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.goto(`${e2e.server.url}/admin/reports/rollup`);
    await page.getByText('未发布年度报告的机关（4）').waitFor();
    for (const name of ['平安县', '平安县民政局', '青石镇', '柳河乡']) assert.ok(await page.getByText(name, { exact: true }).first().isVisible(), name);
    await page.getByRole('button', { name: 'requests.new.total 各机关数值' }).click();
    const pop = page.locator('.ant-popover');
    await pop.getByText('常平乡').waitFor();
    assert.match(await pop.innerText(), /各机关数值（合计 0）[\s\S]*常平乡\s*0/);
    await page.screenshot({ path: path.join(shots, 'workspace-report-rollup.png'), fullPage: true });
    await page.keyboard.press('Escape');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 XLSX' }).click()]);
    assert.equal(download.suggestedFilename(), '平安县2025年度报告汇总.xlsx');

    await page.getByText('本级政府部门').click();
    await page.getByText('参与汇总的机关（本级政府部门）').waitFor();
    await page.getByText('未发布年度报告的机关（1）').waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(shots, 'workspace-report-rollup-390.png'), fullPage: true });
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `汇总 scrolls sideways by ${overflow} px at 390 px`);
    await page.close();
  });
});
