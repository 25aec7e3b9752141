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

/**
 * Signs a page in through the API (sets the one-time password's replacement when given), for
 * tests whose subject is not the sign-in screens: a browser sign-in costs two workspace loads.
 */
export async function signInByApi(page: Page, baseUrl: string, username: string, password: string, oneTimePassword?: string): Promise<void> {
  const login = async (pw: string) => {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: pw }) });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const [name, value] = res.headers.get('set-cookie')!.split(';')[0]!.split(/=(.*)/s) as [string, string];
    return { name, value, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
  };
  let session = await login(oneTimePassword ?? password);
  if (oneTimePassword) {
    const res = await fetch(`${baseUrl}/api/v1/auth/change-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${session.name}=${session.value}`, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ currentPassword: oneTimePassword, newPassword: password }),
    });
    if (!res.ok) throw new Error(`change-password failed: ${res.status} ${await res.text()}`);
    session = await login(password);
  }
  await page.context().addCookies([{ name: session.name, value: session.value, url: baseUrl }]);
  await page.goto(`${baseUrl}/admin/`);
  await page.getByRole('navigation', { name: '功能导航' }).waitFor();
}
