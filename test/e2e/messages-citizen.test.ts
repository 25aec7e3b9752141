/// <reference lib="dom" />
/**
 * The citizen's side of a 留言 in Chromium (issue 16): the form tells every problem in one round
 * next to its field, the receipt gives the query code, tracking (a POST) shows the state and the
 * explained due date; staff reply through the API (three people); the citizen sees the reply,
 * rates it, and finds it published with the name masked. axe-core finds nothing on each screen,
 * and a 390 px phone never scrolls sideways.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { newTestPage } from '../helpers/browser.ts';
import { firstLogin, NEW_ADMIN_PASSWORD } from '../helpers/workspace.ts';
import { httpLogin, type HttpClient } from '../helpers/http-client.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import { passwordFrom } from '../helpers/server.ts';
import { checkScreen, e2eSuite } from '../helpers/e2e.ts';


describe("the citizen's side of a message, in Chromium", () => {
  const e2e = e2eSuite();
  let admin: HttpClient;
  const staff: Record<string, HttpClient> = {};
  before(async () => {
    const page = await newTestPage(e2e.browser);
    await firstLogin(page, e2e.server.url, passwordFrom(e2e.server.output)!);
    await page.context().close();
    admin = await httpLogin(e2e.server.url, 'admin', NEW_ADMIN_PASSWORD);
    const own = (await admin.request('GET', '/auth/session')).json.agencies.find((a: { code: string }) => a.code === 'changping').id as number;
    // Review and approval are each someone else's: two more people at 常平乡.
    for (const [username, role] of [['ly.reviewer', 'reviewer'], ['ly.head', 'head']] as const) {
      const res = await admin.request('POST', '/users', { username, displayName: username, agencyId: own, roles: [role] });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      const first = await httpLogin(e2e.server.url, username, res.json.oneTimePassword);
      const changed = await first.request('POST', '/auth/change-password', { currentPassword: res.json.oneTimePassword, newPassword: 'Messages-2026-pass!' });
      assert.equal(changed.status, 200, JSON.stringify(changed.json));
      staff[role] = await httpLogin(e2e.server.url, username, 'Messages-2026-pass!');
    }
  });

  const track = async (page: Page, code: string) => {
    await page.goto(`${e2e.server.url}/org/changping/open/interaction/track`);
    await page.getByLabel('查询码').fill(code);
    await page.getByLabel('联系电话后四位').fill('5678');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('tracking-status').waitFor();
    assert.ok(!page.url().includes('5678'), 'the phone digits are not in the URL');
  };
  const record = async (client: HttpClient, id: number, body: object) => {
    const res = await client.request('POST', `/messages/${id}/events`, body);
    assert.equal(res.status, 200, JSON.stringify(res.json));
  };

  it('leaves a message, tracks it, sees the published reply and rates it', async () => {
    const citizen = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await citizen.goto(`${e2e.server.url}/org/changping/open/interaction`);
    assert.deepEqual(await checkScreen(citizen, 'portal-interaction'), []);
    await citizen.getByRole('link', { name: '给书记信箱写信' }).click();

    // Every problem in one round, each on its field.
    await citizen.getByLabel('标题').fill('路灯');
    await citizen.getByLabel('联系电话').fill('12');
    await citizen.getByLabel(/等于多少/).fill('99');
    await citizen.getByRole('button', { name: '提交留言' }).click();
    await citizen.locator('#form-errors').waitFor();
    const marked = await citizen.locator('[aria-invalid="true"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('name')))]);
    assert.deepEqual(marked, ['kind', 'title', 'body', 'name', 'phone', 'consentToPublish', 'captchaAnswer']);
    assert.match(await citizen.locator('#form-errors').innerText(), /标题应为 5 至 50 个字，现为 2 个字/);
    assert.equal(await citizen.getByLabel('标题').inputValue(), '路灯', 'what was typed stays');
    assert.deepEqual(await checkScreen(citizen, 'portal-message-form-errors'), []);

    await citizen.getByLabel('建议').check();
    await citizen.getByLabel('标题').fill('建议在南村桥头增设路灯');
    const body = '南村桥头晚上没有照明，行人和电动车经过很危险，建议增设路灯。';
    await citizen.getByLabel('内容').fill(body);
    assert.equal(await citizen.locator('#f-body-count').innerText(), `已输入 ${[...body].length} 字，最多 2000 字`, 'the counter follows the typing');
    await citizen.getByLabel('姓名').fill('张小红');
    await citizen.getByLabel('联系电话').fill('13912345678');
    await citizen.getByLabel('同意公开', { exact: true }).check();
    const question = (await citizen.locator('label[for="f-captcha"]').innerText()).replace('*', '');
    await citizen.getByLabel(/等于多少/).fill(solveCaptcha(question));
    await citizen.getByRole('button', { name: '提交留言' }).click();
    const code = (await citizen.getByTestId('query-code').innerText()).trim();
    assert.match(code, /^LY[A-Z0-9]{2}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    assert.deepEqual(await checkScreen(citizen, 'portal-message-receipt'), []);

    await track(citizen, code);
    assert.equal(await citizen.getByTestId('tracking-status').innerText(), '待受理');
    assert.match(await citizen.locator('.steps').innerText(), /依据：本机关对建议类留言的答复时限为10个工作日/);
    assert.deepEqual(await checkScreen(citizen, 'portal-message-tracking'), []);

    // Staff: accepted and drafted by the admin, reviewed and approved by two others, then published.
    const own = (await admin.request('GET', '/auth/session')).json.agencies.find((a: { code: string }) => a.code === 'changping').id as number;
    const item = (await admin.request('GET', `/messages?agencyId=${own}&phase=awaitingAcceptance&pageSize=100`)).json.items.find((i: { queryCode: string }) => i.queryCode === code) as { id: number; receivedDate: string };
    const date = item.receivedDate;
    await record(admin, item.id, { type: 'accepted', date });
    await record(admin, item.id, { type: 'replyDrafted', date, text: '感谢您的建议。经现场查看，南村桥头确需照明，已安排于下月安装两盏路灯。' });
    await record(staff.reviewer!, item.id, { type: 'replyReviewed', date });
    await record(staff.head!, item.id, { type: 'replyApproved', date });
    await record(admin, item.id, { type: 'published', date });

    await track(citizen, code);
    assert.equal(await citizen.getByTestId('tracking-status').innerText(), '已答复');
    assert.match(await citizen.getByTestId('tracking-reply').innerText(), /已安排于下月安装两盏路灯/);
    await citizen.getByLabel('基本满意').check();
    await citizen.getByLabel('意见（选填）').fill('希望尽快安装');
    await citizen.getByRole('button', { name: '提交评价' }).click();
    await citizen.getByTestId('rating-done').waitFor();
    assert.equal(await citizen.getByTestId('tracking-rating').innerText(), '基本满意');
    assert.equal(await citizen.getByRole('button', { name: '提交评价' }).count(), 0, 'rated once');
    assert.deepEqual(await checkScreen(citizen, 'portal-message-rated'), []);

    // The published reply: found by its words, the writer masked, the four dates and the agency.
    await citizen.goto(`${e2e.server.url}/org/changping/open/interaction/replies`);
    await citizen.getByLabel('查找答复').fill('南村 路灯');
    await citizen.getByRole('button', { name: '查找' }).click();
    assert.match(await citizen.getByRole('status').innerText(), /找到 1 条答复/);
    assert.deepEqual(await checkScreen(citizen, 'portal-message-replies'), []);
    await citizen.getByRole('link', { name: '建议在南村桥头增设路灯' }).click();
    const meta = await citizen.getByTestId('reply-meta').innerText();
    const rows: [string, string][] = [['留言人', '张**'], ['留言时间', date], ['受理日期', date], ['答复日期', date], ['答复单位', '常平乡'], ['留言人评价', '基本满意']];
    for (const [label, value] of rows) {
      assert.match(meta, new RegExp(`${label}\\s+${value.replace(/\*/g, '\\*')}`), label);
    }
    assert.equal((await citizen.content()).includes('张小红'), false, 'the name is never shown whole');
    assert.deepEqual(await checkScreen(citizen, 'portal-message-reply'), []);

    await citizen.goto(`${e2e.server.url}/org/changping/open/interaction/statistics`);
    assert.match(await citizen.getByTestId('message-stats').innerText(), /全年/);
    assert.deepEqual(await checkScreen(citizen, 'portal-message-statistics'), []);
    await citizen.context().close();
  });
});
