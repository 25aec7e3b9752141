/// <reference lib="dom" />
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newTestPage } from '../helpers/browser.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';

describe('workspace and portal in Chromium', () => {
  const e2e = e2eSuite();

  it('logs in with the printed one-time password, sets a new one, and shows the navigation', async () => {
    const page = await newTestPage(e2e.browser);
    await page.goto(`${e2e.server.url}/admin/`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }).waitFor();

    await page.getByLabel('密码', { exact: true }).fill(e2e.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请设置新密码').waitFor();
    await page.getByLabel('当前密码').fill(e2e.password);
    await page.getByLabel('新密码', { exact: true }).fill('Changping-2025!');
    await page.getByLabel('确认新密码').fill('Changping-2025!');
    await page.getByRole('button', { name: '修改密码' }).click();

    const nav = page.getByRole('navigation', { name: '功能导航' });
    await nav.waitFor();
    for (const area of ['主动公开', '依申请公开', '互动交流', '复议诉讼', '年度报告', '统计分析', '系统管理']) {
      assert.ok(await nav.getByText(area, { exact: true }).isVisible(), `menu shows ${area}`);
    }
    assert.match(await page.getByTestId('agency-switcher').innerText(), /常平乡/);
    await page.screenshot({ path: path.join(shots, 'workspace-home.png'), fullPage: true });

    await nav.getByText('系统管理').click();
    await nav.getByText('用户管理').click();
    await page.getByRole('cell', { name: 'admin', exact: true }).waitFor();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill('wang.wu');
    await dialog.getByLabel('姓名').fill('王五');
    // No role is ticked in advance, and none is refused.
    assert.equal(await dialog.getByRole('checkbox', { checked: true }).count(), 0);
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.getByText('至少选择一个角色').waitFor();
    await dialog.getByLabel('审核人').check();
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByText('一次性密码如下').waitFor();
    await page.screenshot({ path: path.join(shots, 'workspace-users.png') });
    await page.getByRole('button', { name: '我已记下' }).click();
    const row = page.getByRole('row', { name: /wang\.wu/ });
    await row.waitFor();
    assert.equal(await row.getByText('审核人').count(), 1);
    assert.equal(await row.getByText('信息员').count(), 0, 'a reviewer does not silently become a clerk');

    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.close();
  });

  it('opens the portal, navigates the column and shows a Chinese 404', async () => {
    const page = await newTestPage(e2e.browser);
    await page.goto(`${e2e.server.url}/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    // The platform's home is the county's, leading to the townships and departments below it.
    assert.match(await page.title(), /平安县/);
    await page.getByRole('region', { name: '下级机构' }).getByRole('link', { name: '常平乡' }).click();
    await page.waitForURL(/\/org\/changping\/$/);
    assert.match(await page.title(), /常平乡/);
    await page.getByRole('navigation', { name: '政府信息公开栏目' }).getByRole('link', { name: '公开指南' }).click();
    await page.getByRole('heading', { level: 1, name: '公开指南' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'portal-guide.png'), fullPage: true });

    const mobile = await newTestPage(e2e.browser, { viewport: { width: 375, height: 740 } });
    await mobile.goto(`${e2e.server.url}/`);
    const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    await mobile.screenshot({ path: path.join(shots, 'portal-mobile.png'), fullPage: true });

    const res = await page.goto(`${e2e.server.url}/no/such/page`);
    assert.equal(res?.status(), 404);
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    await page.close();
    await mobile.close();
  });
});
