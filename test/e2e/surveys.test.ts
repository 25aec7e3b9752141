/// <reference lib="dom" />
/**
 * 问卷调查 in Chromium (issue 16 item 3): a citizen answers the demo's open survey on the portal
 * (every problem in one round on its question, the captcha), staff see the results as charts with
 * the free text in the workspace, close the survey and publish the results, and the portal's
 * result page shows the aggregate figures and never the free text. axe-core finds nothing on each
 * portal screen, and a 390 px phone never scrolls sideways. Staff sign in through the API.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newTestPage } from '../helpers/browser.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import { checkScreen, e2eSuite } from '../helpers/e2e.ts';

const SECRET = '希望把补贴名单贴到每个村民小组';

describe('a survey answered on the portal and its results shown, in Chromium', () => {
  const e2e = e2eSuite();

  /** A session cookie for the admin, the one-time password replaced through the API. */
  const adminCookie = async (): Promise<{ value: string; csrf: string }> => {
    const login = async (password: string) => {
      const res = await fetch(`${e2e.server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      assert.equal(res.status, 200);
      return { value: /gk_session=([^;]+)/.exec(res.headers.get('set-cookie')!)![1]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    const first = await login(e2e.password);
    const changed = await fetch(`${e2e.server.url}/api/v1/auth/change-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `gk_session=${first.value}`, 'x-csrf-token': first.csrf },
      body: JSON.stringify({ currentPassword: e2e.password, newPassword: 'Surveys-2026-pass!' }),
    });
    assert.equal(changed.status, 200);
    return login('Surveys-2026-pass!');
  };

  it('answers the open survey, and shows its results in the workspace and, once published, on the portal', async () => {
    const citizen = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await citizen.goto(`${e2e.server.url}/org/changping/open/interaction`);
    await citizen.getByRole('link', { name: '问卷调查 ›' }).click();
    await citizen.getByRole('heading', { name: '问卷调查', level: 1 }).waitFor();
    assert.deepEqual(await checkScreen(citizen, 'portal-surveys'), []);
    await citizen.getByRole('link', { name: '2026 年政务公开满意度调查' }).click();
    const surveyUrl = citizen.url();

    // Nothing answered and a wrong captcha: every problem at once, each on its question.
    await citizen.getByLabel(/等于多少/).fill('99');
    await citizen.getByRole('button', { name: '提交问卷' }).click();
    await citizen.locator('#form-errors').waitFor();
    const errors = await citizen.locator('#form-errors').innerText();
    assert.match(errors, /第 1 题：请选择评分/);
    assert.match(errors, /第 2 题：请选择评分/);
    assert.match(errors, /验证码错误/);
    assert.deepEqual(await checkScreen(citizen, 'portal-survey-form-errors'), []);

    await citizen.locator('input[name="q_q1"][value="2"]').check();
    await citizen.locator('input[name="q_q2"][value="5"]').check();
    await citizen.getByLabel('短视频').check();
    await citizen.getByLabel('广播').check();
    await citizen.locator('textarea[name="q_q4"]').fill(SECRET);
    const question = (await citizen.locator('label[for="f-captcha"]').innerText()).replace('*', '');
    await citizen.getByLabel(/等于多少/).fill(solveCaptcha(question));
    await citizen.getByRole('button', { name: '提交问卷' }).click();
    await citizen.getByRole('heading', { name: '问卷已提交' }).waitFor();

    // The same browser cannot answer twice.
    await citizen.goto(surveyUrl);
    await citizen.locator('input[name="q_q1"][value="3"]').check();
    await citizen.locator('input[name="q_q2"][value="3"]').check();
    await citizen.getByLabel(/等于多少/).fill(solveCaptcha((await citizen.locator('label[for="f-captcha"]').innerText()).replace('*', '')));
    await citizen.getByRole('button', { name: '提交问卷' }).click();
    await citizen.locator('#form-errors').waitFor();
    assert.match(await citizen.locator('#form-errors').innerText(), /每人只能答一次/);

    // Staff: the results as charts with the figures and the free text, then close and publish.
    const session = await adminCookie();
    const staff = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await staff.context().addCookies([{ name: 'gk_session', value: session.value, url: e2e.server.url }]);
    const id = /surveys\/(\d+)/.exec(surveyUrl)![1]!;
    await staff.goto(`${e2e.server.url}/admin/interaction/surveys/${id}`);
    await staff.getByTestId('survey-figures-q1').waitFor({ timeout: 90_000 });
    // The charts load ECharts lazily: wait for the second one drawn.
    await staff.getByTestId('survey-chart').nth(1).locator('svg').first().waitFor();
    assert.ok((await staff.getByTestId('survey-chart').count()) >= 2, 'a chart per answered choice or rating question');
    // The demo entered three paper sheets: q1 rated 4, 5, 3; the citizen gave 2.
    assert.deepEqual(await staff.getByTestId('survey-figures-q1').locator('li').allInnerTexts(), ['1 分：0 人（0.0%）', '2 分：1 人（25.0%）', '3 分：1 人（25.0%）', '4 分：1 人（25.0%）', '5 分：1 人（25.0%）']);
    await staff.getByText(SECRET).waitFor();
    await staff.getByRole('button', { name: '结束调查' }).click();
    await staff.getByRole('button', { name: '公布结果' }).click();
    await staff.getByText('结果已公布').first().waitFor();
    await staff.screenshot({ path: 'test-results/workspace-survey-results.png', fullPage: true });
    await staff.setViewportSize({ width: 390, height: 844 });
    await staff.screenshot({ path: 'test-results/workspace-survey-results-390.png', fullPage: true });

    // The portal: aggregates only.
    await citizen.goto(`${e2e.server.url}/org/changping/open/interaction/surveys`);
    await citizen.getByRole('link', { name: '2026 年政务公开满意度调查' }).click();
    await citizen.getByRole('heading', { name: /调查结果/, level: 1 }).waitFor();
    const text = await citizen.locator('main').innerText();
    assert.match(text, /共收到 4 份答卷/);
    assert.match(text, /短视频：2 人/);
    assert.match(text, /共 2 人填写了意见/);
    assert.ok(!(await citizen.content()).includes(SECRET), 'free text stays internal');
    assert.deepEqual(await checkScreen(citizen, 'portal-survey-results'), []);
  });
});
