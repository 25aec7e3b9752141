import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { newTestPage, overflow } from '../helpers/browser.ts';
import { firstLogin, NEW_ADMIN_PASSWORD, signInByApi } from '../helpers/workspace.ts';
import { httpLogin } from '../helpers/http-client.ts';
import { passwordFrom } from '../helpers/server.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';


/**
 * 互动交流 in the workspace (issue 16): a clerk enters a walk-in message, accepts it and drafts a
 * reply; the reviewer returns it with a reason the clerk then sees; the clerk redrafts, the
 * reviewer reviews, the head approves. Each one's 待办 follows along.
 */
describe('a walk-in message from entry to an approved reply, in Chromium', () => {
  const e2e = e2eSuite();

  const labels = ['留言待受理', '留言待答复', '留言答复被退回', '留言答复待审核', '留言答复待批准'];
  /** Each one's 待办 counts before this test's message (the demo data may hold messages of its own). */
  const baseline = new Map<Page, Record<string, number>>();

  /** The count of one 待办 row on the home page (0 when absent), less what it was before the test's message. */
  async function inboxCount(page: Page, label: string): Promise<number> {
    await page.goto(`${e2e.server.url}/admin/`);
    const inbox = page.getByTestId('inbox');
    await inbox.waitFor();
    const read = async (l: string) => {
      const row = inbox.locator('.ant-list-item', { has: page.getByRole('link', { name: l, exact: true }) });
      return (await row.count()) === 0 ? 0 : Number(/(\d+) 件/.exec(await row.innerText())![1]);
    };
    if (!baseline.has(page)) baseline.set(page, Object.fromEntries(await Promise.all(labels.map(async (l) => [l, await read(l)] as const))));
    return (await read(label)) - baseline.get(page)![label]!;
  }

  /** Follows a 待办 link: the list opens filtered to what waits; then the test's message. */
  async function follow(page: Page, label: string, phase: string, caseUrl: string) {
    await page.getByTestId('inbox').getByRole('link', { name: label, exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/admin/interaction' && u.searchParams.get('phase') === phase);
    await page.getByTestId('message-list').waitFor();
    await page.goto(caseUrl);
    await page.getByTestId('message-status').waitFor();
  }

  /** Opens a step's dialog from the action panel, fills it and confirms. */
  async function step(page: Page, button: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
    await page.getByRole('region', { name: '办理操作' }).getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: button });
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('walks entry, 受理, draft, 退回 with a reason, redraft, review and approval', async () => {
    const admin = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await firstLogin(admin, e2e.server.url, passwordFrom(e2e.server.output)!);
    const api = await httpLogin(e2e.server.url, 'admin', NEW_ADMIN_PASSWORD);
    const changping = (await api.request('GET', '/auth/session')).json.agencies.find((a: { code: string }) => a.code === 'changping').id as number;
    const staff: Record<string, string> = {};
    for (const [username, role] of [['ly.clerk', 'clerk'], ['ly.reviewer', 'reviewer'], ['ly.head', 'head']] as const) {
      const res = await api.request('POST', '/users', { username, displayName: username, agencyId: changping, roles: [role] });
      assert.equal(res.status, 201);
      staff[username] = res.json.oneTimePassword;
    }

    // The admin opens a mailbox with a 3-day limit for 求助.
    await admin.getByRole('navigation', { name: '功能导航' }).getByText('互动交流').click();
    await admin.getByRole('link', { name: '信箱设置' }).click();
    await admin.getByLabel('信箱名称').fill('民生服务信箱');
    await admin.getByLabel('求助答复时限（工作日）').fill('3');
    await admin.getByRole('button', { name: '开设' }).click();
    await admin.getByRole('cell', { name: '民生服务信箱' }).waitFor();

    const clerk = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await signInByApi(clerk, e2e.server.url, 'ly.clerk', 'Clerk-2026!', staff['ly.clerk']!);
    const reviewer = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await signInByApi(reviewer, e2e.server.url, 'ly.reviewer', 'Reviewer-2026!', staff['ly.reviewer']!);
    const head = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await signInByApi(head, e2e.server.url, 'ly.head', 'Head-2026!', staff['ly.head']!);
    for (const page of [clerk, reviewer, head]) assert.equal(await inboxCount(page, '留言待受理'), 0);
    await clerk.getByRole('navigation', { name: '功能导航' }).getByText('互动交流').click();
    await clerk.getByRole('button', { name: '登记留言' }).click();
    const drawer = clerk.locator('.ant-drawer-content');
    await drawer.locator('.ant-select', { has: clerk.locator('#mailboxId') }).click();
    await clerk.locator('.ant-select-item-option[title="民生服务信箱"]').click();
    await drawer.getByText('求助', { exact: true }).click();
    await drawer.getByLabel('标题').fill('家中老人住院能否申请临时救助');
    await drawer.getByLabel('留言内容').fill('我父亲上月住院，自付费用较多，请问能否申请临时救助，需要哪些材料？');
    await drawer.getByLabel('姓名').fill('王秀英');
    await drawer.getByLabel('联系电话').fill('12');
    await drawer.getByText('同意公开', { exact: true }).click();
    await drawer.getByRole('button', { name: '登记' }).click();
    // The server's check of the phone number shows on the field, in Chinese.
    const phoneError = drawer.locator('#phone_help');
    await phoneError.waitFor();
    assert.match(await phoneError.innerText(), /联系电话/);
    assert.equal(await drawer.getByLabel('联系电话').getAttribute('aria-invalid'), 'true');
    await drawer.getByLabel('联系电话').fill('13812345678');
    await drawer.getByRole('button', { name: '登记' }).click();
    const code = (await clerk.getByTestId('message-query-code').innerText()).trim();
    assert.match(code, /^LY[A-Z0-9]{2}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    assert.equal(await inboxCount(clerk, '留言待受理'), 1);

    await clerk.getByTestId('inbox').getByRole('link', { name: '留言待受理' }).click();
    await clerk.waitForURL((u) => u.searchParams.get('phase') === 'awaitingAcceptance');
    await clerk.getByRole('link', { name: code }).click();
    await clerk.getByTestId('message-status').filter({ hasText: '待受理' }).waitFor();
    // 2026-11-26 (Thursday) + 3 working days: 11-27, 11-30, 12-01.
    assert.equal(await clerk.getByTestId('message-due').innerText(), '2026-12-01');
    assert.match(await clerk.getByText(/答复时限为3个工作日/).innerText(), /求助类留言/);
    const caseUrl = clerk.url();
    await step(clerk, '受理');
    await clerk.getByTestId('message-status').filter({ hasText: '办理中' }).waitFor();
    assert.equal(await inboxCount(clerk, '留言待答复'), 1);
    await clerk.goto(caseUrl);
    await clerk.getByTestId('message-status').waitFor();
    await step(clerk, '起草答复', (d) => d.getByLabel('答复内容').fill('可以申请。请携带住院证明和身份证到乡民政办办理。'));
    await clerk.getByTestId('message-status').filter({ hasText: '答复待审核' }).waitFor();
    assert.equal(await clerk.getByRole('region', { name: '办理操作' }).getByRole('button', { name: '审核答复' }).count(), 0, 'the drafter is offered no review');

    assert.equal(await inboxCount(reviewer, '留言答复待审核'), 1);
    await follow(reviewer, '留言答复待审核', 'replyInReview', caseUrl);
    await reviewer.getByTestId('writer-masked').waitFor();
    assert.match(await reviewer.getByTestId('reply-draft').innerText(), /住院证明/);
    assert.ok(!(await reviewer.content()).includes('13812345678'), 'a reviewer sees the phone masked');
    await step(reviewer, '退回答复', (d) => d.getByLabel('退回理由').fill('请写明办理时限和咨询电话'));
    await reviewer.getByTestId('message-status').filter({ hasText: '办理中' }).waitFor();
    assert.equal(await inboxCount(reviewer, '留言答复待审核'), 0);

    assert.equal(await inboxCount(clerk, '留言答复被退回'), 1);
    await follow(clerk, '留言答复被退回', 'handling', caseUrl);
    assert.match(await clerk.getByTestId('reply-returned').innerText(), /请写明办理时限和咨询电话/);
    await clerk.screenshot({ path: path.join(shots, 'workspace-message-returned.png'), fullPage: true });
    await step(clerk, '起草答复', async (d) => {
      const text = d.getByLabel('答复内容');
      assert.match(await text.inputValue(), /住院证明/, 'the redraft starts from the returned text');
      await text.fill('可以申请。请携带住院证明和身份证到乡民政办办理，5 个工作日内办结，咨询电话 0371-12345678，经办人手机 13912340000。');
    });
    await clerk.getByTestId('message-status').filter({ hasText: '答复待审核' }).waitFor();
    assert.equal(await clerk.getByTestId('reply-returned').count(), 0, 'the reason goes once a new draft is in');
    assert.equal(await inboxCount(clerk, '留言答复被退回'), 0);

    assert.equal(await inboxCount(reviewer, '留言答复待审核'), 1);
    await follow(reviewer, '留言答复待审核', 'replyInReview', caseUrl);
    await step(reviewer, '审核答复');
    await reviewer.getByTestId('message-status').filter({ hasText: '答复待批准' }).waitFor();

    assert.equal(await inboxCount(head, '留言答复待批准'), 1);
    await follow(head, '留言答复待批准', 'replyReviewed', caseUrl);
    await step(head, '批准答复');
    await head.getByTestId('message-status').filter({ hasText: '已答复' }).waitFor();
    assert.match(await head.getByTestId('reply').innerText(), /咨询电话/);
    const timeline = await head.getByTestId('message-timeline').innerText();
    for (const label of ['收到留言', '受理', '起草答复', '退回答复', '审核答复', '批准答复']) assert.ok(timeline.includes(label), `timeline has ${label}`);
    assert.match(timeline, /理由：请写明办理时限和咨询电话/);
    assert.equal(await inboxCount(head, '留言答复待批准'), 0);
    assert.equal(await inboxCount(clerk, '留言待答复'), 0);

    // The writer agreed: the reply is published once the leak scan's hit (a mobile number) is masked.
    await head.goto(caseUrl);
    await step(head, '公开答复', async (d) => {
      await d.getByText(/敏感信息检查发现 1 处/).waitFor();
      assert.match(await d.innerText(), /13912340000/);
      assert.equal(await d.getByLabel('遮盖').isChecked(), true, 'masking is the default');
    });
    assert.equal(await head.getByTestId('published-date').innerText(), '2026-11-26');

    // The list and the case page at a desktop width and on a phone.
    for (const [width, name] of [[1366, 'desktop'], [390, 'phone']] as const) {
      await clerk.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      await clerk.goto(`${e2e.server.url}/admin/interaction`);
      await clerk.getByTestId('message-list').locator(width > 500 ? '.ant-table-row' : '.ant-list-item').first().waitFor();
      await clerk.screenshot({ path: path.join(shots, `workspace-messages-${name}.png`), fullPage: true });
      assert.ok((await overflow(clerk)) <= 0, `no sideways scrolling of the list at ${width}px`);
      await clerk.goto(caseUrl);
      await clerk.getByTestId('message-status').waitFor();
      await clerk.screenshot({ path: path.join(shots, `workspace-message-${name}.png`), fullPage: true });
      assert.ok((await overflow(clerk)) <= 0, `no sideways scrolling of the case page at ${width}px`);
    }
  });
});
