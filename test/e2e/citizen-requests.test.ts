/// <reference lib="dom" />
/**
 * The citizen's side of a request in Chromium (issue 18, items 2 and 3): the online form tells
 * every problem in one round next to its field (a wrong captcha included) and counts characters;
 * the tracking page (a POST) shows the 补正 asked for and takes it with a file; once answered, the
 * 答复书 downloads. Staff steps go through the API. axe-core finds nothing on each screen, and a
 * 390 px phone never scrolls sideways.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { newTestPage } from '../helpers/browser.ts';
import { fillRequestForm } from '../helpers/request-form.ts';
import { firstLogin, NEW_ADMIN_PASSWORD } from '../helpers/workspace.ts';
import { httpLogin, type HttpClient } from '../helpers/http-client.ts';
import { checkScreen, e2eSuite } from '../helpers/e2e.ts';

/** The text of the elements that describe a control (aria-describedby), as a screen reader reads it. */
const description = (page: Page, id: string): Promise<string> =>
  page.evaluate((id) => {
    const ids = document.getElementById(id)?.getAttribute('aria-describedby')?.split(' ') ?? [];
    return ids.map((d) => document.getElementById(d)?.textContent ?? '').join(' ');
  }, id);

describe("the citizen's side of a request, in Chromium", () => {
  const e2e = e2eSuite();
  let api: HttpClient;
  before(async () => {
    const staff = await newTestPage(e2e.browser);
    await firstLogin(staff, e2e.server.url, e2e.password);
    await staff.context().close();
    api = await httpLogin(e2e.server.url, 'admin', NEW_ADMIN_PASSWORD);
  });

  const track = async (page: Page, code: string) => {
    await page.goto(`${e2e.server.url}/org/changping/open/request/track`);
    await page.getByLabel('查询码').fill(code);
    await page.getByLabel('联系电话后四位').fill('5678');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('tracking-status').waitFor();
    assert.ok(!page.url().includes('5678'), 'the phone digits are not in the URL');
  };
  const record = async (id: number, body: object) => {
    const res = await api.request('POST', `/requests/${id}/events`, body);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return res.json;
  };

  it('tells every problem of the form at once, next to each field, and a wrong captcha does not hide them', async () => {
    const page = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await page.goto(`${e2e.server.url}/org/changping/open/request`);
    await page.getByLabel('用途（选填）').fill('学术研究');
    assert.equal(await page.locator('#f-purpose-count').innerText(), '已输入 4 字，最多 1000 字', 'the counter follows the typing');
    assert.equal(await page.getByLabel('姓名或名称').getAttribute('maxlength'), '100');

    await page.getByLabel('申请人类型').selectOption('natural_person');
    await page.getByLabel('姓名或名称').fill('赵小明');
    await page.getByLabel('证件类型').selectOption('resident_id');
    await page.getByLabel('证件号码').fill('110105194912310');
    await page.getByLabel('联系电话').fill('2345678');
    await page.getByLabel('获取信息的形式').selectOption('electronic');
    await page.getByLabel('获取信息的方式').selectOption('email');
    await page.getByLabel(/等于多少/).fill('99');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.locator('#form-errors').waitFor();

    const marked = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id));
    assert.deepEqual(marked, ['f-idNumber', 'f-phone', 'f-description', 'f-captcha'], 'each wrong field, and only those');
    assert.match(await description(page, 'f-idNumber'), /居民身份证号码应为18位，现为15位/);
    assert.match(await description(page, 'f-phone'), /联系电话缺少区号/);
    assert.match(await description(page, 'f-description'), /请写明所需政府信息/);
    assert.match(await description(page, 'f-captcha'), /验证码错误/);
    assert.equal(await page.locator('#form-errors li').count(), 4);
    assert.equal(await page.getByLabel('姓名或名称').inputValue(), '赵小明', 'what was typed stays');
    assert.deepEqual(await checkScreen(page, 'portal-request-form-errors'), []);

    // The summary's link takes the keyboard to the field.
    await page.locator('#form-errors a[href="#f-phone"]').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-phone');
    await page.close();
  });

  it('takes the 补正 online with a file, then offers the 答复书 for download', async () => {
    const citizen = await newTestPage(e2e.browser, { viewport: { width: 1366, height: 900 } });
    await citizen.goto(`${e2e.server.url}/org/changping/open/request`);
    await fillRequestForm(citizen, '2025年常平乡农村危房改造补助名单');
    await citizen.getByRole('button', { name: '提交申请' }).click();
    const code = (await citizen.getByTestId('query-code').innerText()).trim();

    const own = (await api.request('GET', '/auth/session')).json.agencies.find((a: { code: string }) => a.code === 'changping').id as number;
    const listed = (await api.request('GET', `/requests?agencyId=${own}&q=${code}`)).json.items[0] as { id: number; submittedDate: string };
    const today = listed.submittedDate;
    await record(listed.id, { type: 'receiptConfirmed', date: today, method: 'confirmed' });
    await record(listed.id, { type: 'correctionRequested', date: today, periodWorkingDays: 10, items: ['请写明所需名单的村名', '请提供身份证明复印件'] });

    await track(citizen, code);
    assert.equal(await citizen.getByTestId('tracking-status').innerText(), '待申请人补正');
    const correction = citizen.getByTestId('correction');
    assert.match(await correction.innerText(), /请写明所需名单的村名[\s\S]*请提供身份证明复印件/);
    assert.match(await citizen.getByTestId('correction-due').innerText(), /^请于 \d{4}-\d{2}-\d{2} 前（含当日）提交$/);
    assert.deepEqual(await checkScreen(citizen, 'portal-tracking-correction'), []);

    await citizen.getByLabel(/补正内容/).fill('青石村、柳河村');
    await citizen.getByLabel(/补正材料/).setInputFiles({ name: '身份证明.png', mimeType: 'image/png', buffer: await QRCode.toBuffer('身份证明', { type: 'png', scale: 8 }) });
    await citizen.getByRole('button', { name: '提交补正' }).click();
    await citizen.getByTestId('supplement-done').waitFor();
    assert.match(await citizen.getByTestId('supplement-done').innerText(), new RegExp(`收到补正之日为 ${today}`));
    assert.equal(await citizen.getByTestId('tracking-status').innerText(), '办理中');
    assert.equal(await citizen.getByTestId('correction').count(), 0);

    const detail = (await api.request('GET', `/requests/${listed.id}`)).json;
    const received = detail.timeline.find((e: { type: string }) => e.type === 'correctionReceived');
    assert.equal(received.date, today, '收到补正 on the day it was sent');
    assert.match(received.detail, /补正内容：青石村、柳河村；材料：身份证明\.png/);

    await record(listed.id, { type: 'replied', date: today, outcome: 'disclosed', reasons: '依据条例第三十六条第二项予以公开' });
    await track(citizen, code);
    assert.match(await citizen.getByTestId('tracking-status').innerText(), /^已办结/);
    assert.equal(await citizen.getByText('期限计算说明').count(), 0, 'no deadline explanation once closed');
    assert.deepEqual(await checkScreen(citizen, 'portal-tracking-reply'), []);
    const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('button', { name: '下载答复书（Word）' }).click()]);
    assert.match(download.suggestedFilename(), /答复书.*\.docx$/);
    const file = readFileSync((await download.path())!);
    assert.equal(file.subarray(0, 2).toString(), 'PK', 'a DOCX');

    const reads = (await api.request('GET', `/requests/${listed.id}/personal-data-access`)).json.items as { via: string }[];
    assert.ok(reads.some((r) => r.via === 'applicant.notice'), 'the download is on record');
    await citizen.close();
  });
});
