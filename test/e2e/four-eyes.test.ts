import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { newTestPage, tick } from '../helpers/browser.ts';
import { firstLogin, NEW_ADMIN_PASSWORD, signInByApi } from '../helpers/workspace.ts';
import { passwordFrom } from '../helpers/server.ts';
import { httpLogin } from '../helpers/http-client.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';


/**
 * The four-eyes rule in 平安县民政局 (no self-review): the drafter sees 保密审查 and 批准
 * disabled with the reason; a reviewer and a head, signed in as themselves, take those steps.
 */
describe('four eyes on a document, in Chromium', () => {
  const e2e = e2eSuite();

  const openDocument = async (page: Page, id: number) => {
    await page.goto(`${e2e.server.url}/admin/proactive/${id}`);
    await page.getByTestId('document-status').waitFor();
  };

  it('keeps the drafter from reviewing or approving their own document', async () => {
    const drafter = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await firstLogin(drafter, e2e.server.url, passwordFrom(e2e.server.output)!);
    const api = await httpLogin(e2e.server.url, 'admin', NEW_ADMIN_PASSWORD);
    const bureau = (await api.request('GET', '/auth/session')).json.agencies.find((a: { code: string }) => a.code === 'pingan-mzj').id as number;
    const staff: Record<string, string> = {};
    for (const [username, role] of [['mz.reviewer', 'reviewer'], ['mz.head', 'head']] as const) {
      const res = await api.request('POST', '/users', { username, displayName: username, agencyId: bureau, roles: [role] });
      assert.equal(res.status, 201);
      staff[username] = res.json.oneTimePassword;
    }

    await drafter.getByTestId('agency-switcher').click();
    await drafter.locator('.ant-select-item-option[title="平安县民政局 · 部门"]').click();
    await drafter.getByRole('navigation', { name: '功能导航' }).getByText('主动公开').click();
    await drafter.getByRole('button', { name: '新建文件' }).click();
    await drafter.getByLabel('标题').fill('平安县2026年度临时救助标准的通知');
    await drafter.getByRole('textbox', { name: '正文' }).click();
    await drafter.keyboard.type('临时救助标准按城乡低保标准的三倍确定。');
    // Submission needs a catalogue column and a 形成日期 (issue 18 item 7).
    await drafter.getByLabel('成文日期').fill('2026-11-20');
    await drafter.getByLabel('成文日期').press('Enter');
    await drafter.getByLabel('公开目录类别').click();
    await drafter.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await drafter.getByRole('button', { name: '保存' }).click();
    await drafter.getByTestId('document-status').filter({ hasText: '草稿' }).waitFor();
    const id = Number(/\/proactive\/(\d+)/.exec(drafter.url())![1]);
    await drafter.getByRole('button', { name: '提交保密审查' }).click();
    await drafter.getByTestId('document-status').filter({ hasText: '待保密审查' }).waitFor();

    const review = drafter.getByRole('button', { name: '保密审查', exact: true });
    assert.equal(await review.isDisabled(), true, 'the drafter may not review');
    assert.match(await drafter.getByTestId('why-review').innerText(), /起草人不能对本人起草的文件进行保密审查/);
    await drafter.screenshot({ path: path.join(shots, 'workspace-four-eyes.png'), fullPage: true });
    const refused = await api.request('POST', `/documents/${id}/transitions`, { action: 'review', checklist: { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意' } });
    assert.equal(refused.status, 403, 'the server refuses it too');

    const reviewer = await newTestPage(e2e.browser);
    await signInByApi(reviewer, e2e.server.url, 'mz.reviewer', 'Reviewer-2026!', staff['mz.reviewer']!);
    await openDocument(reviewer, id);
    await reviewer.getByRole('button', { name: '保密审查', exact: true }).click();
    const dialog = reviewer.getByRole('dialog', { name: '保密审查' });
    for (const item of ['不涉及国家秘密', '不涉及工作秘密、商业秘密和个人隐私', '公开后不危及国家安全、公共安全、经济安全和社会稳定', '属于主动公开范围']) await tick(dialog.getByLabel(item));
    await dialog.getByRole('button', { name: '审查通过' }).click();
    await reviewer.getByTestId('document-status').filter({ hasText: '审查通过待批准' }).waitFor();

    await openDocument(drafter, id);
    assert.equal(await drafter.getByRole('button', { name: '批准', exact: true }).isDisabled(), true, 'the drafter, though head, may not approve');
    assert.match(await drafter.getByTestId('why-approve').innerText(), /起草人不能批准本人起草的文件/);

    const head = await newTestPage(e2e.browser);
    await signInByApi(head, e2e.server.url, 'mz.head', 'Head-2026-pass!', staff['mz.head']!);
    await openDocument(head, id);
    await head.getByRole('button', { name: '批准', exact: true }).click();
    await head.getByTestId('document-status').filter({ hasText: '已批准待发布' }).waitFor();
  });
});
