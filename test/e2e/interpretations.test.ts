/// <reference lib="dom" />
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, newTestPage, overflow, tick } from '../helpers/browser.ts';
import { firstLogin } from '../helpers/workspace.ts';
import { passwordFrom } from '../helpers/server.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';

const POLICY = '常平乡农村饮水安全工程管理办法';
const INTERPRETATION = '《常平乡农村饮水安全工程管理办法》政策解读';

/** Both widths of one page: a screenshot each, and nothing wider than a 390 px phone. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  // antd's grid re-lays out on a media-query event after the resize: wait for it, then judge.
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, undefined, { timeout: 5000 }).catch(() => undefined);
  const wide = await page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName}.${e.className}`),
  );
  assert.ok((await overflow(page)) <= 0, `${name} fits a 390 px phone; wider: ${wide.join(', ')}`);
  await page.screenshot({ path: path.join(shots, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });
}

describe('政策解读 and the 三同步 gate in Chromium', () => {
  const e2e = e2eSuite();

  const status = (page: Page, label: string) => page.getByTestId('document-status').filter({ hasText: new RegExp(`^${label}$`) }).waitFor();
  const reviewAndApprove = async (page: Page, options: { submitted?: boolean } = {}) => {
    if (!options.submitted) {
      await page.getByRole('button', { name: '提交保密审查' }).click();
      await status(page, '待保密审查');
    }
    await page.getByRole('button', { name: '保密审查', exact: true }).click();
    const review = page.getByRole('dialog', { name: '保密审查' });
    for (const item of ['不涉及国家秘密', '不涉及工作秘密、商业秘密和个人隐私', '公开后不危及国家安全、公共安全、经济安全和社会稳定', '属于主动公开范围']) await tick(review.getByLabel(item));
    await review.getByRole('button', { name: '审查通过' }).click();
    await status(page, '审查通过待批准');
    await page.getByRole('button', { name: '批准', exact: true }).click();
    await status(page, '已批准待发布');
  };
  /** The fields a document needs before submission: its column and its date. */
  const pickFirstCategory = async (page: Page) => {
    await page.getByLabel('公开目录类别').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    const written = page.getByLabel('成文日期');
    await written.fill('2026-11-20');
    await written.press('Enter');
  };

  it('a clerk creates a 规范性文件 and its 解读; the gate stops the policy alone; both are published together and cross-linked', async () => {
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await firstLogin(page, e2e.server.url, passwordFrom(e2e.server.output)!);
    await page.goto(`${e2e.server.url}/admin/proactive/new`);
    await page.getByLabel('标题').fill(POLICY);
    await pickFirstCategory(page);
    await page.getByLabel('文件类型（计入年度报告第二部分）').click();
    await page.locator('.ant-select-dropdown:visible').getByText('行政规范性文件', { exact: true }).click();
    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.keyboard.type('第一条 为保障农村居民饮水安全，制定本办法。');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/documents') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '保存' }).click();
    assert.equal((await created).status(), 201, await (await created).text());
    await status(page, '草稿');
    const policyUrl = page.url();
    const gate = page.getByTestId('interpretation-gate');
    await gate.waitFor();
    assert.match(await gate.innerText(), /须与政策解读同步发布/);

    await reviewAndApprove(page);
    // Publishing without a 解读: the button is disabled and says why (the server refuses it too).
    assert.equal(await page.getByRole('button', { name: '立即发布' }).isDisabled(), true);
    assert.match(await page.getByTestId('why-publish').innerText(), /三同步/);
    await shoot(page, 'workspace-interpretation-gate');

    await page.getByRole('button', { name: '新建解读' }).click();
    await page.getByRole('heading', { name: '新建文件' }).waitFor();
    await page.getByText(`${'【规范性文件】'}${POLICY}`).waitFor();
    await page.getByLabel('标题').fill(INTERPRETATION);
    await pickFirstCategory(page);
    await page.getByRole('textbox', { name: '正文' }).click();
    await page.keyboard.type('一、制定背景：农村饮水工程点多面广，管护责任需要明确。二、主要内容：明确乡、村、用水户三方责任。');
    await page.getByRole('button', { name: '保存' }).click();
    await status(page, '草稿');
    await page.getByText(`文字解读，解读：${POLICY}`).waitFor();
    await reviewAndApprove(page);
    assert.match(await page.getByTestId('why-publish').innerText(), /请发布政策文件/, 'a 解读 waits for its policy');
    await shoot(page, 'workspace-interpretation');

    await page.goto(policyUrl);
    await status(page, '已批准待发布');
    const card = page.getByTestId('interpretation-card');
    await card.getByText(INTERPRETATION).waitFor();
    await card.getByText('已批准待发布').waitFor();
    await page.getByRole('button', { name: '立即发布' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确定现在发布吗' });
    await confirm.getByRole('button', { name: '发布' }).click();
    await status(page, '已发布');
    await card.getByText('已发布').waitFor();

    // The missing-解读 list no longer has it.
    await page.goto(`${e2e.server.url}/admin/proactive?missingInterpretation=true`);
    await page.getByText(/既无解读，也未记录不解读的理由/).waitFor();
    assert.equal(await page.getByRole('row', { name: new RegExp(POLICY) }).count(), 0);
    await shoot(page, 'workspace-missing-interpretations');

    const portal = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await portal.goto(`${e2e.server.url}/org/changping/search?q=${encodeURIComponent('饮水安全')}`);
    await portal.getByRole('link', { name: POLICY, exact: true }).click();
    await portal.getByRole('heading', { name: POLICY }).waitFor();
    const list = portal.getByTestId('interpretations');
    await list.getByRole('link', { name: INTERPRETATION }).waitFor();
    assert.deepEqual(await axeViolations(portal), []);
    await shoot(portal, 'portal-policy-with-interpretation');
    await list.getByRole('link', { name: INTERPRETATION }).click();
    await portal.getByRole('heading', { name: INTERPRETATION }).waitFor();
    assert.match(await portal.getByTestId('interprets').innerText(), new RegExp(`解读的政策文件：《${POLICY}》`));
    assert.deepEqual(await axeViolations(portal), []);
    await shoot(portal, 'portal-interpretation');
    await portal.getByTestId('interprets').getByRole('link').click();
    await portal.getByRole('heading', { name: POLICY }).waitFor();
  });

  it("shows the 退回 reason at the top of the draft until resubmitted, and revises a withdrawn document as a new version", async () => {
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await page.goto(`${e2e.server.url}/admin/`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill('Changping-2025!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '功能导航' }).waitFor();
    await page.goto(`${e2e.server.url}/admin/proactive/new`);
    await page.getByLabel('标题').fill('常平乡2026年冬季供暖补贴发放公告');
    await pickFirstCategory(page);
    await page.getByRole('textbox', { name: '正文' }).click();
    await page.keyboard.type('冬季供暖补贴按户发放。');
    await page.getByRole('button', { name: '保存' }).click();
    await status(page, '草稿');
    await page.getByRole('button', { name: '提交保密审查' }).click();
    await status(page, '待保密审查');
    await page.getByRole('button', { name: '退回修改' }).click();
    const reject = page.getByRole('dialog', { name: '退回修改' });
    await reject.getByLabel('理由').fill('请写明补贴标准和发放时间');
    await reject.getByRole('button', { name: '确定' }).click();
    await status(page, '草稿');
    const returned = page.getByTestId('returned-reason');
    await returned.waitFor();
    assert.match(await returned.innerText(), /被退回修改：请写明补贴标准和发放时间/);
    // It stands above the workflow's buttons, the first thing on the page.
    const [alertTop, buttonsTop] = await Promise.all([returned.boundingBox(), page.getByRole('button', { name: '提交保密审查' }).boundingBox()]);
    assert.ok(alertTop!.y < buttonsTop!.y, 'the reason is above the buttons');
    await shoot(page, 'workspace-returned-reason');
    await page.getByRole('button', { name: '提交保密审查' }).click();
    await status(page, '待保密审查');
    await returned.waitFor({ state: 'detached' });

    await reviewAndApprove(page, { submitted: true });
    await page.getByRole('button', { name: '立即发布' }).click();
    await page.getByRole('dialog').filter({ hasText: '确定现在发布吗' }).getByRole('button', { name: '发布' }).click();
    await status(page, '已发布');
    const firstUrl = page.url();
    const firstId = Number(firstUrl.split('/').pop());
    await page.getByRole('button', { name: '撤回' }).click();
    const withdraw = page.getByRole('dialog', { name: '撤回' });
    await withdraw.getByLabel('理由').fill('补贴标准有误');
    await withdraw.getByRole('button', { name: '确定' }).click();
    await status(page, '已撤回');
    await page.getByRole('button', { name: '修订为新版本' }).click();
    await status(page, '草稿');
    assert.notEqual(page.url(), firstUrl);
    await page.getByText(/本文件是第 2 版，修订自已撤回的/).waitFor();
    assert.match(await page.getByText(/索引号 /).first().innerText(), /-v2$/);
    await shoot(page, 'workspace-revision');

    const portal = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await portal.goto(`${e2e.server.url}/org/changping/documents/${firstId}`);
    const note = portal.getByTestId('withdrawn-note');
    await note.waitFor();
    assert.match(await note.innerText(), /撤回说明：补贴标准有误/);
    assert.deepEqual(await axeViolations(portal), []);
    await shoot(portal, 'portal-withdrawn-version');
  });
});
