/**
 * The workspace's 下级机关年报检查 tab in Chromium: a county admin (本机关及下级) checks the
 * subordinates of 平安县 for 2025, opens 常平乡's findings, adds a real report for 青石镇 as a
 * file, checks again and downloads the workbook; at 390 px the page does not scroll sideways.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newTestPage } from '../helpers/browser.ts';
import { passwordFrom, repoRoot } from '../helpers/server.ts';
import { firstLogin } from '../helpers/workspace.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';

const C08 = path.join(repoRoot, 'test/fixtures/reports/collected/c08_mutaxiang_dongzhi_2024.txt');

describe('下级机关年报检查 in Chromium', () => {
  const e2e = e2eSuite();

  it('checks the subordinates, shows findings, takes an upload and downloads the workbook', async () => {
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    await firstLogin(page, e2e.server.url, passwordFrom(e2e.server.output)!);
    // The operator grants itself 管理员 with 本机关及下级 on the county, as a county office would hold.
    const session = (await (await page.request.get(`${e2e.server.url}/api/v1/auth/session`)).json()) as { csrfToken: string; user: { id: number } };
    const managed = (await (await page.request.get(`${e2e.server.url}/api/v1/agencies/managed`)).json()) as { items: { id: number; code: string }[] };
    const county = managed.items.find((a) => a.code === 'pingan')!.id;
    const granted = await page.request.put(`${e2e.server.url}/api/v1/users/${session.user.id}/roles`, { headers: { 'x-csrf-token': session.csrfToken }, data: { agencyId: county, roles: ['admin'], scope: 'subtree' } });
    assert.equal(granted.status(), 200, await granted.text());
    await page.evaluate((id) => localStorage.setItem('gongkai.agencyId', String(id)), county);
    await page.goto(`${e2e.server.url}/admin/reports/check`);

    await page.getByRole('tab', { name: '下级机关年报检查' }).click();
    await page.getByLabel('报告年度').fill('2025');
    await page.getByRole('button', { name: '检查下级机关' }).click();
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await row('常平乡').getByText('已发布').waitFor();
    assert.ok(await row('柳河乡').getByText('未发布').isVisible());
    assert.match(await page.getByText(/下级机关 4 个/).innerText(), /已发布 1 个，已上传 0 个，未发布 3 个/);

    await row('青石镇').locator('input[type=file]').setInputFiles(C08);
    await row('青石镇').getByText('c08_mutaxiang_dongzhi_2024.txt').waitFor();
    await page.getByRole('button', { name: '检查下级机关' }).click();
    await row('青石镇').getByText('已上传').waitFor();
    await row('青石镇').getByRole('button', { name: /展开行|Expand row/ }).click();
    await page.getByText('读出的机关：木塔乡人民政府；年度：2024').waitFor();
    await page.screenshot({ path: path.join(shots, 'workspace-subordinate-report-check.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 XLSX' }).click()]);
    assert.equal(download.suggestedFilename(), '平安县下级机关2025年度报告检查.xlsx');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(shots, 'workspace-subordinate-report-check-390.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 390 px`);
    await page.close();
  });
});
