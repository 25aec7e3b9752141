/// <reference lib="dom" />
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { newTestPage, tick } from '../helpers/browser.ts';
import { PINNED_CHINA_DATE } from '../helpers/clock.ts';
import { firstLogin } from '../helpers/workspace.ts';
import { passwordFrom } from '../helpers/server.ts';
import { httpLogin } from '../helpers/http-client.ts';
import { idNumberCheckChar } from '../../src/domain/scan/index.ts';
import { makeZip } from '../fixtures/attachments/generate.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const plantedId = '44030619900307201' + idNumberCheckChar('44030619900307201');

describe('proactive disclosure in Chromium', () => {
  const e2e = e2eSuite();

  it('drafts a document, catches the planted ID number, blocks publication until it is removed, then publishes', async () => {
    const password = passwordFrom(e2e.server.output)!;
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await firstLogin(page, e2e.server.url, password);

    await page.getByRole('navigation', { name: '功能导航' }).getByText('主动公开').click();
    await page.getByRole('button', { name: '新建文件' }).click();
    await page.getByLabel('标题').fill('2025年第四季度城乡低保对象公示');
    const body = page.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.keyboard.type(`经村民代表评议，拟将以下人员纳入低保：王某某，身份证号${plantedId}，家庭人口2人。`);
    // Enter confirms a typed date and does not save: the only save is the button's, refused on the field.
    const saves: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' && r.url().includes('/api/v1/documents')) saves.push(r.url());
    });
    const written = page.getByLabel('成文日期');
    await written.fill('2026-12-01');
    await written.press('Enter');
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/documents') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '保存' }).click();
    assert.equal((await refused).status(), 400);
    const fieldError = page.getByText('成文日期不能晚于今天（2026-11-26）');
    await fieldError.waitFor();
    assert.equal(saves.length, 1, 'Enter in the date field did not submit the form');
    assert.equal(await written.getAttribute('aria-invalid'), 'true');
    const describedBy = (await written.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText().catch(() => '')));
    assert.ok(described.some((text) => text.includes('成文日期不能晚于今天')), 'the message is linked to the field');
    assert.match(await page.getByText(/请修改标出的 1 处后再保存/).innerText(), /1 处/);
    await page.screenshot({ path: path.join(shots, 'workspace-document-field-error.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'the form fits a 390 px phone');
    await page.screenshot({ path: path.join(shots, 'workspace-document-field-error-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
    await written.fill('2026-11-20');
    await written.press('Enter');
    await fieldError.waitFor({ state: 'detached' });
    await page.getByLabel('公开目录类别').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('document-status').filter({ hasText: '草稿' }).waitFor();
    // A ZIP archive is taken as an attachment, listed, with a warning that its contents are unchecked.
    await page.locator('input[type=file]').setInputFiles({ name: '申报材料.zip', mimeType: 'application/zip', buffer: makeZip({ '申请表.pdf': 'x' }) });
    await page.getByText(/压缩包内的 1 个文件未经敏感信息检查/).waitFor();
    await page.getByRole('listitem').filter({ hasText: '申报材料.zip' }).waitFor();
    const alert = page.getByRole('alert').filter({ hasText: '疑似敏感信息' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /疑似公民身份号码/);
    assert.ok(!(await alert.innerText()).includes(plantedId), 'the finding is shown masked');
    await page.screenshot({ path: path.join(shots, 'workspace-document-leak.png'), fullPage: true });

    await page.getByRole('button', { name: '提交保密审查' }).click();
    await page.getByTestId('document-status').filter({ hasText: '待保密审查' }).waitFor();
    await page.getByRole('button', { name: '保密审查', exact: true }).click();
    const review = page.getByRole('dialog', { name: '保密审查' });
    const checklist = ['不涉及国家秘密', '不涉及工作秘密、商业秘密和个人隐私', '公开后不危及国家安全、公共安全、经济安全和社会稳定', '属于主动公开范围'];
    for (const item of checklist) await tick(review.getByLabel(item));
    await review.getByRole('button', { name: '审查通过' }).click();
    await page.getByText(/不能通过保密审查/).first().waitFor();
    await review.getByRole('button', { name: '取消' }).click();

    await page.getByRole('button', { name: '退回修改' }).click();
    const reject = page.getByRole('dialog', { name: '退回修改' });
    await reject.getByLabel('理由').fill('请删除身份证号码');
    await reject.getByRole('button', { name: '确定' }).click();
    await page.getByTestId('document-status').filter({ hasText: '草稿' }).waitFor();
    await body.fill('经村民代表评议，拟将王某某（家庭人口2人）纳入低保。');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('alert').filter({ hasText: '疑似敏感信息' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '提交保密审查' }).click();
    await page.getByTestId('document-status').filter({ hasText: '待保密审查' }).waitFor();
    await page.getByRole('button', { name: '保密审查', exact: true }).click();
    for (const item of checklist) await tick(review.getByLabel(item));
    await review.getByRole('button', { name: '审查通过' }).click();
    await page.getByTestId('document-status').filter({ hasText: '审查通过待批准' }).waitFor();
    await page.getByRole('button', { name: '批准', exact: true }).click();
    await page.getByTestId('document-status').filter({ hasText: '已批准待发布' }).waitFor();
    await page.getByRole('button', { name: '立即发布' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确定现在发布吗' });
    await confirm.waitFor();
    assert.equal(await page.getByTestId('document-status').innerText(), '已批准待发布', 'nothing is published before the confirmation');
    await confirm.getByRole('button', { name: '发布' }).click();
    await page.getByTestId('document-status').filter({ hasText: '已发布' }).waitFor();
    // Published at about 02:00 Beijing time (the pinned clock), which is the day before in UTC.
    await page.getByRole('navigation', { name: '功能导航' }).getByText('主动公开').click();
    await page.getByRole('row', { name: /城乡低保对象公示/ }).getByText(PINNED_CHINA_DATE).waitFor();

    const portal = await newTestPage(e2e.browser);
    await portal.goto(`${e2e.server.url}/org/changping/search?q=${encodeURIComponent('低保')}`);
    await portal.getByRole('link', { name: /城乡低保对象公示/ }).click();
    await portal.getByRole('heading', { name: '2025年第四季度城乡低保对象公示' }).waitFor();
    assert.ok(!(await portal.content()).includes(plantedId));
    assert.ok((await portal.content()).includes(`<th scope="row">发布日期</th><td>${PINNED_CHINA_DATE}</td>`), 'the portal shows the date in China');
    await portal.screenshot({ path: path.join(shots, 'portal-document.png'), fullPage: true });
  });

  it('has no axe-core violations on any portal page type, in normal and large-text mode', async () => {
    const api = await httpLogin(e2e.server.url, 'admin', 'Changping-2025!');
    const docs = await api.request('GET', '/documents?agencyId=1&status=published');
    const docId = docs.json.items[0]?.id;
    assert.ok(docId, 'a published document exists');
    const pages = [
      '/',
      '/org/changping/open/guide',
      '/org/changping/open/rules',
      '/org/changping/open/statutory',
      '/org/changping/open/catalogue',
      '/org/changping/open/catalogue?category=art20-11',
      `/org/changping/documents/${docId}`,
      `/org/changping/search?q=${encodeURIComponent('低保 公示')}`,
      '/org/changping/open/annual-reports',
      '/org/changping/annual-reports/2025',
      '/org/changping/open/request',
      '/org/changping/open/request/track?code=AAAA-BBBB-CCCC&secret=1234',
      '/org/changping/open/interaction',
      '/no/such/page',
    ];
    const run = async (page: Page, url: string) => {
      await page.goto(e2e.server.url + url);
      await page.evaluate(axeSource); // not an inline <script>: the CSP refuses those, DevTools evaluation is exempt
      const result = await page.evaluate(async () => (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] }));
      return result.violations.map((v) => `${url}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    };
    const page = await newTestPage(e2e.browser);
    const problems: string[] = [];
    for (const url of pages) problems.push(...(await run(page, url)));
    await page.goto(`${e2e.server.url}/a11y/text-size?large=1`);
    assert.equal(await page.evaluate(() => document.documentElement.className), 'large-text');
    problems.push(...(await run(page, `/org/changping/documents/${docId}`)));
    assert.equal(await page.evaluate(() => document.documentElement.className), 'large-text', 'document pages honour the large-text mode');
    await page.screenshot({ path: path.join(shots, 'portal-large-text.png'), fullPage: true });
    assert.deepEqual(problems, []);
  });
});
