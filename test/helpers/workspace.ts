import type { Page } from 'playwright-core';

export const NEW_ADMIN_PASSWORD = 'Changping-2025!';

/** Signs in to the workspace with the one-time password and sets a permanent one. */
export async function firstLogin(page: Page, baseUrl: string, oneTimePassword: string, username = 'admin', newPassword = NEW_ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(oneTimePassword);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByLabel('当前密码').fill(oneTimePassword);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.getByRole('navigation', { name: '功能导航' }).waitFor();
}
