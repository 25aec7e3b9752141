/// <reference lib="dom" />
/**
 * The portal's 年报体检 page in Chromium: reached from the 年报 column, a real report uploaded
 * and another pasted with JavaScript switched off (plain forms), the findings and tables shown;
 * axe-core finds nothing on the form, a result and an error; a 390 px phone never scrolls sideways.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { axeViolations, newTestPage, overflow } from '../helpers/browser.ts';
import { removeDir, repoRoot, tempDataDir } from '../helpers/server.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';

const fixtures = path.join(repoRoot, 'test/fixtures/reports/collected');
// A real report (an excerpt, cut in table 三) with two warnings; another with a wrong period.
const C21 = path.join(fixtures, 'c21_yuyangzhen_qianjiang_2022.txt');
const C08 = path.join(fixtures, 'c08_mutaxiang_dongzhi_2024.txt');
const CHECK = '/org/changping/open/annual-reports/check';

describe('年报体检 in Chromium', () => {
  const e2e = e2eSuite();

  it('uploads a real report and pastes another with JavaScript off, and shows findings and tables', async () => {
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 }, javaScriptEnabled: false });
    await page.goto(`${e2e.server.url}/org/changping/open/annual-reports`);
    await page.getByRole('link', { name: /年报体检/ }).click();
    await page.getByRole('heading', { level: 1, name: '年报体检' }).waitFor();

    await page.getByLabel('报告文件', { exact: true }).setInputFiles(C21);
    await page.getByRole('button', { name: '上传并检查' }).click();
    await page.getByRole('heading', { name: '检查结果' }).waitFor();
    assert.equal(new URL(page.url()).pathname, CHECK);
    assert.match(await page.getByTestId('check-summary').innerText(), /^发现 3 项问题：错误 1 项，提示 2 项/);
    assert.equal(await page.getByRole('cell', { name: '渔洋镇' }).count(), 1);
    const findings = page.locator('.finding');
    assert.equal(await findings.count(), 3);
    const stale = await findings.filter({ hasText: 'text.stale-year' }).innerText();
    assert.match(stale, /^提示 文中所述年份不是报告年度（“截至某年底”，或以另一年份叙述本年的数字） text\.stale-year/, 'severity, the rule’s Chinese name and id');
    assert.match(stale, /“截至2021年底”：本报告是2022年度报告/);
    assert.match(stale, /位置：/);
    assert.ok((await page.getByRole('region', { name: /表三/ }).innerText()).includes('本年新收政府信息公开申请数量'), 'table 三 as read');
    await page.screenshot({ path: path.join(shots, 'portal-report-check.png'), fullPage: true });

    await page.getByLabel('报告全文', { exact: true }).fill(readFileSync(C08, 'utf8'));
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await page.getByRole('cell', { name: '木塔乡人民政府' }).waitFor();
    assert.equal(await page.getByRole('cell', { name: '粘贴的文字' }).count(), 1);
    assert.ok((await page.getByLabel('报告全文', { exact: true }).inputValue()).startsWith('返回首页\n您现在所在的位置'), 'the pasted text is kept');
    await page.close();
  });

  it('has no axe-core violations on the form, a result and an error, and fits a 390 px phone', async () => {
    const problems: string[] = [];
    const page = await newTestPage(e2e.browser);
    await page.goto(e2e.server.url + CHECK);
    problems.push(...(await axeViolations(page)));
    await page.getByLabel('报告文件', { exact: true }).setInputFiles(C21);
    await page.getByRole('button', { name: '上传并检查' }).click();
    await page.getByRole('heading', { name: '检查结果' }).waitFor();
    problems.push(...(await axeViolations(page)));
    await page.getByLabel('报告文件', { exact: true }).setInputFiles({ name: '旧报告.doc', mimeType: 'application/msword', buffer: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]) });
    await page.getByRole('button', { name: '上传并检查' }).click();
    await page.getByRole('alert').filter({ hasText: '旧版Word' }).waitFor();
    problems.push(...(await axeViolations(page)));
    await page.screenshot({ path: path.join(shots, 'portal-report-check-error.png'), fullPage: true });
    // Over the limit: the browser still gets the page saying so, not a dropped connection.
    // From a file on disk: the browser reads it itself (a 21 MB buffer sent over the protocol timed out under load).
    const bigDir = tempDataDir();
    const bigFile = path.join(bigDir, '大文件.pdf');
    writeFileSync(bigFile, Buffer.alloc(21 * 1024 * 1024, 0x20));
    await page.getByLabel('报告文件', { exact: true }).setInputFiles(bigFile);
    const [tooBig] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: '上传并检查' }).click()]);
    assert.equal(tooBig.status(), 413);
    await page.getByRole('alert').filter({ hasText: '文件超过 20 MB' }).waitFor();
    removeDir(bigDir);
    assert.deepEqual(problems, []);

    const phone = await newTestPage(e2e.browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(e2e.server.url + CHECK);
    assert.ok((await overflow(phone)) <= 0, `the form fits (overflow ${await overflow(phone)}px)`);
    await phone.getByLabel('报告文件', { exact: true }).setInputFiles(C21);
    await phone.getByRole('button', { name: '上传并检查' }).click();
    await phone.getByRole('heading', { name: '检查结果' }).waitFor();
    assert.ok((await overflow(phone)) <= 0, `the result fits (overflow ${await overflow(phone)}px)`);
    // The wide tables scroll inside their own box, which the keyboard can reach.
    const box = phone.getByRole('region', { name: /表三/ });
    assert.ok(await box.evaluate((el) => el.scrollWidth > el.clientWidth), 'table 三 scrolls within its box');
    assert.equal(await box.getAttribute('tabindex'), '0');
    await phone.screenshot({ path: path.join(shots, 'portal-report-check-phone.png'), fullPage: true });
    await page.close();
    await phone.close();
  });
});
