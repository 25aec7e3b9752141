/// <reference lib="dom" />
/**
 * The 督办 dashboard (统计分析) in Chromium: signed in through the API, 常平乡's page draws its
 * ECharts chart, lists the five 19号 checks, and a count opens exactly that many records; axe
 * finds nothing and the page does not scroll sideways at 390 px.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newTestPage } from '../helpers/browser.ts';
import { checkScreen, e2eSuite } from '../helpers/e2e.ts';
import { NEW_ADMIN_PASSWORD } from '../helpers/workspace.ts';

async function apiLogin(url: string, password: string): Promise<string> {
  const login = (pw: string) => fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: pw }) });
  const first = await login(password);
  assert.equal(first.status, 200);
  const cookie = first.headers.getSetCookie().find((c) => c.startsWith('gk_session='))!.split(';')[0]!;
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const changed = await fetch(`${url}/api/v1/auth/change-password`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ currentPassword: password, newPassword: NEW_ADMIN_PASSWORD }) });
  assert.equal(changed.status, 200);
  const again = await login(NEW_ADMIN_PASSWORD);
  return again.headers.getSetCookie().find((c) => c.startsWith('gk_session='))!.split(';')[0]!.slice('gk_session='.length);
}

describe('督办 dashboard in Chromium', () => {
  const e2e = e2eSuite();

  it('shows the checks and the chart, and a count opens its records', async () => {
    const session = await apiLogin(e2e.server.url, e2e.password);
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await page.context().addCookies([{ name: 'gk_session', value: session, url: e2e.server.url }]);
    await page.goto(`${e2e.server.url}/admin/statistics`);
    await page.getByTestId('supervision-chart').locator('svg').first().waitFor();
    assert.equal(await page.getByTestId('supervision-checks').locator('.ant-list-item').count(), 5);
    const blank = page.getByRole('button', { name: /^常平乡空白栏目/ });
    const count = Number((await blank.innerText()).trim());
    assert.ok(count > 0, 'the demo township has blank columns');
    await blank.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`常平乡：空白栏目（${count}）`).waitFor();
    assert.equal(await dialog.locator('.ant-list-item').count(), count);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(await checkScreen(page, 'workspace-supervision'), []);
    await page.context().close();
  });
});
