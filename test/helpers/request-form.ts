import type { Page } from 'playwright-core';
import { solveCaptcha } from './captcha.ts';

/** Fills the portal's online request form (already open in the page) as a citizen would, captcha included. */
export async function fillRequestForm(page: Page, description: string): Promise<void> {
  await page.getByLabel('申请人类型').selectOption('natural_person');
  await page.getByLabel('姓名或名称').fill('赵小明');
  await page.getByLabel('证件类型').selectOption('resident_id');
  await page.getByLabel('证件号码').fill('11010519491231002X');
  await page.getByLabel('联系电话').fill('13912345678');
  await page.getByLabel(/所需政府信息的名称/).fill(description);
  await page.getByLabel('获取信息的形式').selectOption('electronic');
  await page.getByLabel('获取信息的方式').selectOption('email');
  const question = await page.locator('label[for="f-captcha"]').innerText();
  await page.getByLabel(/等于多少/).fill(solveCaptcha(question.replace(/\*$/, '')));
}
