import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import type { DialectName } from '../../src/storage/dialect.ts';

export const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意公开' };

/** An app with the operator, a clerk and a reviewer of 常平乡 (named, so notes show who acted). */
export async function interpretationsApp(dialect: DialectName, names: { clerk: [string, string]; reviewer: [string, string] }): Promise<{ t: TestApp; admin: Client; clerk: Client; reviewer: Client; agencyId: number }> {
  const t = await createTestApp(dialect);
  const admin = await loginClient(t.app, t.admin.username, t.admin.password);
  const agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id as number;
  const login = async ([name, displayName]: [string, string], role: string) => {
    const res = await admin.request('POST', '/api/v1/users', { username: name, displayName, agencyId, roles: [role] });
    assert.equal(res.statusCode, 201, res.body);
    return loginClient(t.app, name, res.json().oneTimePassword);
  };
  return { t, admin, agencyId, clerk: await login(names.clerk, 'clerk'), reviewer: await login(names.reviewer, 'reviewer') };
}
