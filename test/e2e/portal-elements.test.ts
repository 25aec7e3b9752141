/// <reference lib="dom" />
/**
 * The portal's mandatory elements in Chromium: the admin fills 网站设置 in the workspace (a bad
 * 网站标识码 is marked on its field), the footer then shows it; 联系我们, 网站地图 and 隐私声明 pass
 * axe-core, also in 大字版, whose switch works without JavaScript and makes the text 1.5× larger.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, newTestPage, overflow } from '../helpers/browser.ts';
import { firstLogin } from '../helpers/workspace.ts';
import { passwordFrom } from '../helpers/server.ts';
import { e2eSuite } from '../helpers/e2e.ts';

const PAGES = ['/org/changping/contact', '/org/changping/sitemap', '/privacy'];

describe('portal mandatory elements in Chromium', () => {
  const e2e = e2eSuite();

  it('the admin saves 网站设置 in the workspace, a bad 网站标识码 marked on its field, and the footer shows them', async () => {
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await firstLogin(page, e2e.server.url, passwordFrom(e2e.server.output)!);
    await page.goto(`${e2e.server.url}/admin/system/agency`);
    await page.getByRole('tab', { name: '网站设置' }).click();
    await page.getByLabel('主办单位').fill('常平乡人民政府');
    await page.getByLabel('网站标识码').fill('34122');
    await page.getByLabel('ICP备案号').fill('皖ICP备12345678号');
    await page.getByRole('button', { name: '保存' }).last().click();
    const field = page.getByLabel('网站标识码');
    await assert.doesNotReject(page.getByText(/网站标识码格式不对/).first().waitFor());
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    await field.fill('3412250001');
    const saved = page.waitForResponse((r) => r.url().endsWith('/site-settings') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: '保存' }).last().click();
    assert.equal((await saved).status(), 200);
    await page.goto(`${e2e.server.url}/org/changping/`);
    const footer = page.locator('footer');
    for (const text of ['主办单位：常平乡人民政府', '网站标识码：3412250001', 'ICP备案号：皖ICP备12345678号']) await footer.getByText(text).waitFor();
    await page.context().close();
  });

  it('联系我们, 网站地图 and 隐私声明 pass axe in both text sizes; 大字版 works without JavaScript and is 1.5× larger', async () => {
    const page: Page = await newTestPage(e2e.browser, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await page.goto(`${e2e.server.url}${PAGES[0]}`);
    const standard = await fontSize();
    await page.getByRole('link', { name: '大字版', exact: true }).click();
    await page.getByText('当前：大字版').waitFor();
    assert.equal(new URL(page.url()).pathname, PAGES[0], 'the switch returns to the page it was pressed on');
    assert.ok((await fontSize()) >= 1.5 * standard, `${await fontSize()} vs ${standard}`);
    // Axe needs script: a second context with JavaScript, sharing the switch's cookie.
    const cookies = await page.context().cookies();
    const checked = await newTestPage(e2e.browser, { viewport: { width: 390, height: 844 } });
    for (const large of [true, false]) {
      await checked.context().clearCookies();
      if (large) await checked.context().addCookies(cookies);
      for (const url of PAGES) {
        await checked.goto(`${e2e.server.url}${url}`);
        assert.equal(await checked.locator('html.large-text').count(), large ? 1 : 0, url);
        assert.deepEqual(await axeViolations(checked), [], `${url}${large ? ' 大字版' : ''}`);
        assert.ok((await overflow(checked)) <= 0, `${url} scrolls sideways at 390 px`);
      }
    }
  });
});
