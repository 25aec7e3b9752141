import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { newTestPage } from '../helpers/browser.ts';
import { firstLogin } from '../helpers/workspace.ts';
import { fillRequestForm } from '../helpers/request-form.ts';
import { passwordFrom } from '../helpers/server.ts';
import { e2eSuite, shots } from '../helpers/e2e.ts';


describe('a request from the online form to the reply, in Chromium', () => {
  const e2e = e2eSuite();

  async function trackedStatus(page: Page, code: string): Promise<{ status: string; due: string | null }> {
    await page.goto(`${e2e.server.url}/org/changping/open/request/track`);
    await page.getByLabel('查询码').fill(code);
    await page.getByLabel('联系电话后四位').fill('5678');
    await page.getByRole('button', { name: '查询' }).click();
    const status = await page.getByTestId('tracking-status').innerText();
    const dueCell = page.getByTestId('tracking-due');
    const due = (await dueCell.count()) ? await dueCell.innerText() : null;
    return { status, due };
  }

  it('files, confirms, extends and answers a request while the tracking page follows', async () => {
    const citizen = await newTestPage(e2e.browser);
    await citizen.goto(`${e2e.server.url}/org/changping/open/request`);
    await fillRequestForm(citizen, '2025年常平乡低保资金发放情况');
    await citizen.screenshot({ path: path.join(shots, 'portal-request-form.png'), fullPage: true });
    await citizen.getByRole('button', { name: '提交申请' }).click();
    const code = (await citizen.getByTestId('query-code').innerText()).trim();
    assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    assert.deepEqual(await trackedStatus(citizen, code), { status: '待确认收到', due: null });

    const staff = await newTestPage(e2e.browser);
    await firstLogin(staff, e2e.server.url, passwordFrom(e2e.server.output)!);

    await staff.getByTestId('reminders').getByRole('link', { name: code }).click();
    const action = async (button: string, fill?: () => Promise<void>) => {
      await staff.getByRole('button', { name: button, exact: true }).click();
      const dialog = staff.getByRole('dialog');
      await dialog.waitFor();
      // A click during the modal's opening motion can be lost (as tick() in helpers/browser.ts
      // says of checkboxes); a clean-clone run once left this dialog open for 30 s.
      await staff.locator('.ant-modal[class*="zoom-appear"], .ant-modal[class*="zoom-enter"]').waitFor({ state: 'detached' });
      if (fill) await fill();
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await action('确认收到');
    await staff.getByTestId('request-status').filter({ hasText: '办理中' }).waitFor();
    const due = await staff.getByTestId('request-due').innerText();
    assert.match(due, /^\d{4}-\d{2}-\d{2}$/);
    let tracked = await trackedStatus(citizen, code);
    assert.equal(tracked.status, '办理中');
    assert.ok(tracked.due?.startsWith(due), `tracking shows the due date ${due}: ${tracked.due}`);
    assert.ok(await citizen.getByText('期限计算说明').isVisible());
    await citizen.screenshot({ path: path.join(shots, 'portal-tracking.png'), fullPage: true });

    await action('申请延期', async () => {
      await staff.getByRole('dialog').getByLabel('延期理由').fill('需调取历年档案');
    });
    await action('批准延期');
    await staff.getByTestId('request-status').filter({ hasText: '已延期' }).waitFor();
    tracked = await trackedStatus(citizen, code);
    assert.equal(tracked.status, '办理中（已延期）');
    assert.ok(tracked.due && tracked.due > due, 'the extension moves the due date');
    await staff.screenshot({ path: path.join(shots, 'workspace-request-detail.png'), fullPage: true });

    await action('作出答复', async () => {
      const dialog = staff.getByRole('dialog');
      await dialog.getByLabel('办理结果（年度报告分类）').click();
      await staff.locator('.ant-select-item-option[title="予以公开"]').click();
      await dialog.getByLabel('答复理由与依据').fill('依据条例第三十六条第二项予以公开');
    });
    await staff.getByTestId('request-status').filter({ hasText: '已办结' }).waitFor();
    tracked = await trackedStatus(citizen, code);
    assert.equal(tracked.status, '已办结（予以公开）');
    assert.ok(!(await citizen.content()).includes('赵小明'), 'the tracking page shows no personal data');

    // The admin sees who read the applicant's personal data (decision 013): its own detail reads.
    await staff.getByRole('tab', { name: '个人信息查阅记录' }).click();
    const reads = staff.getByTestId('personal-data-reads');
    await reads.getByRole('cell', { name: '申请详情页' }).first().waitFor();
    assert.match(await reads.innerText(), /姓名、证件号码、联系电话/);
    await staff.screenshot({ path: path.join(shots, 'workspace-personal-data-reads.png'), fullPage: true });
  });
});
