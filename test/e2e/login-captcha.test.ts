import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newTestPage } from '../helpers/browser.ts';
import { passwordFrom } from '../helpers/server.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import { FAILURES_BEFORE_CAPTCHA } from '../../src/services/login-throttle.ts';
import { e2eSuite } from '../helpers/e2e.ts';

/** After repeated failures the workspace login page shows the server's text question (docs/decisions/011). */
describe('workspace login captcha in Chromium', () => {
  const e2e = e2eSuite();

  it('asks the text question after repeated failures, and signs in once it is answered', async () => {
    const page = await newTestPage(e2e.browser);
    await page.goto(`${e2e.server.url}/admin/`);
    await page.getByLabel('用户名').fill('admin');
    const question = page.getByLabel(/^验证题：/);
    for (let i = 1; i <= FAILURES_BEFORE_CAPTCHA; i++) {
      await page.getByLabel('密码', { exact: true }).fill(`wrong-${i}`);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }).waitFor();
      if (i < FAILURES_BEFORE_CAPTCHA) assert.equal(await question.count(), 0, 'no question before the threshold');
    }
    await question.waitFor();
    const label = await page.locator('label', { hasText: '验证题：' }).innerText();
    assert.match(label, /等于多少/);
    await page.getByLabel('密码', { exact: true }).fill(passwordFrom(e2e.server.output)!);
    await question.fill(solveCaptcha(label.replace(/^验证题：/, '')));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请设置新密码').waitFor();
  });
});
