/**
 * The annual report's life in Chromium (issue 18, item 6): 平安县民政局's 2025 draft is checked,
 * published after a confirmation, and corrected by the head with a reason; the portal's page of
 * the report has the site's header, column bar and downloads, the 更正说明 and the earlier
 * version, with no axe violation and no sideways scrolling at 390 px. The 2026 report cannot be
 * published yet (the pinned clock is in 2026).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { axeViolations, newTestPage, overflow } from '../helpers/browser.ts';
import { passwordFrom } from '../helpers/server.ts';
import { firstLogin } from '../helpers/workspace.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';

describe('the annual report’s life in Chromium', () => {
  const e2e = e2eSuite();

  it('publishes after confirmation, corrects with a reason, and the portal shows both versions', async () => {
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await firstLogin(page, e2e.server.url, passwordFrom(e2e.server.output)!);
    await page.getByTestId('agency-switcher').click();
    await page.locator('.ant-select-item-option[title="平安县民政局 · 部门"]').click();
    await page.getByRole('navigation', { name: '功能导航' }).getByText('年度报告').click();
    const yearSelect = page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '报告年度' }) });

    // The current year (2026 on the pinned clock) cannot be published yet.
    await yearSelect.click();
    await page.locator('.ant-select-item-option[title="2026 年度"]').click();
    await page.getByText('2026年尚未结束，2026年度报告最早可于2027年1月1日发布').waitFor();
    assert.ok(await page.getByRole('button', { name: '发布', exact: true }).isDisabled());

    await yearSelect.click();
    await page.locator('.ant-select-item-option[title="2025 年度"]').click();
    await page.getByText('报告开头缺少：报告电子版的网址、联系方式', { exact: false }).waitFor();
    const contacts = page.locator('.ant-card').filter({ hasText: '报告开头的网址和联系方式' });
    await contacts.getByLabel('网址').fill('pingan.gov.cn');
    await contacts.getByRole('button', { name: '保存联系方式' }).click();
    await contacts.getByText('网址应以 http:// 或 https:// 开头', { exact: false }).waitFor();
    await contacts.getByLabel('网址').fill('https://www.pingan.example.gov.cn');
    await contacts.getByLabel('网站名称').fill('平安县人民政府网');
    await contacts.getByLabel('联系机构').fill('平安县民政局办公室');
    await contacts.getByLabel('电话').fill('0550-7654321');
    await contacts.getByRole('button', { name: '保存联系方式' }).click();
    await page.getByText('勾稽关系及格式校验全部通过').waitFor();

    await page.getByRole('button', { name: '校验', exact: true }).click();
    await page.getByTestId('report-status').filter({ hasText: '已校验' }).waitFor();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '发布2025年度报告？' });
    await confirm.waitFor();
    await page.screenshot({ path: path.join(shots, 'workspace-report-publish-confirm.png') });
    await confirm.getByRole('button', { name: '取消' }).click();
    assert.equal((await page.getByTestId('report-status').innerText()).trim(), '已校验', 'cancelling publishes nothing');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await confirm.getByRole('button', { name: '确认发布' }).click();
    await page.getByTestId('report-status').filter({ hasText: '已发布' }).waitFor();

    await page.getByRole('button', { name: '更正报告' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '更正2025年度报告' });
    await dialog.getByRole('button', { name: '发布更正' }).click();
    await dialog.getByText('请说明更正的原因').waitFor();
    await dialog.getByLabel('更正原因').fill('补充第五部分的改进情况。');
    await dialog.getByLabel('更正：五、存在的主要问题及改进情况').fill('存在问题：答复文书格式有待规范。改进情况：已于12月启用统一模板。');
    await page.screenshot({ path: path.join(shots, 'workspace-report-correct.png') });
    await dialog.getByRole('button', { name: '发布更正' }).click();
    await page.getByText('现行第2版').waitFor();
    await page.getByText('更正说明', { exact: false }).first().waitFor();
    await page.screenshot({ path: path.join(shots, 'workspace-report-corrected.png'), fullPage: true });

    const portal = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await portal.goto(`${e2e.server.url}/org/pingan-mzj/annual-reports/2025`);
    await portal.locator('header.site-header').waitFor();
    await portal.getByRole('navigation', { name: '政府信息公开栏目' }).waitFor();
    await portal.getByText('补充第五部分的改进情况。', { exact: false }).first().waitFor();
    await portal.getByText('已于12月启用统一模板', { exact: false }).waitFor();
    await portal.getByRole('link', { name: 'DOCX' }).waitFor();
    await portal.getByText('（https://www.pingan.example.gov.cn）查阅或下载', { exact: false }).waitFor();
    assert.deepEqual(await axeViolations(portal), []);
    await portal.screenshot({ path: path.join(shots, 'portal-report.png'), fullPage: true });
    await portal.getByRole('link', { name: '第1版' }).click();
    await portal.waitForURL(/\/annual-reports\/2025-v1$/);
    await portal.getByText('这是本报告更正前的第1版', { exact: false }).waitFor();
    assert.equal(await portal.getByText('已于12月启用统一模板', { exact: false }).count(), 0);
    assert.deepEqual(await axeViolations(portal), []);

    const mobile = await newTestPage(e2e.browser, { viewport: { width: 390, height: 844 } });
    for (const file of ['2025', '2025-v1']) {
      await mobile.goto(`${e2e.server.url}/org/pingan-mzj/annual-reports/${file}`);
      await mobile.locator('article.report-sheet table.requests').waitFor();
      const over = await overflow(mobile);
      assert.ok(over <= 0, `${file}: no sideways scrolling at 390 px (overflow ${over}px)`);
      await mobile.screenshot({ path: path.join(shots, `portal-report-${file}-390.png`), fullPage: true });
    }
    await page.close();
    await portal.close();
    await mobile.close();
  });
});
