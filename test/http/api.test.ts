import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

for (const dialect of DIALECTS) {
  describe(`API on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(async () => t.close());

    it('reports health with the database in use', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      assert.deepEqual(res.json(), { status: 'ok', database: dialect, version: 'test' });
    });

    it('publishes an OpenAPI document and a docs page', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      assert.equal(doc.openapi.startsWith('3.'), true);
      assert.ok(doc.paths['/api/v1/auth/login'].post);
      const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
      assert.ok([200, 302].includes(page.statusCode));
    });

    it('requires a session, then sets an HttpOnly SameSite cookie on login', async () => {
      const anon = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
      assert.equal(anon.statusCode, 401);
      assert.equal(anon.json().error.code, 'UNAUTHENTICATED');
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'wrong' } });
      assert.equal(bad.statusCode, 401);
      assert.equal(bad.json().error.message, '用户名或密码不正确');
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: t.admin });
      assert.equal(res.statusCode, 200);
      const cookie = res.cookies.find((c) => c.name === 'gk_session')!;
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      const body = res.json();
      assert.equal(body.user.username, 'admin');
      assert.deepEqual(body.agencies.map((a: { name: string }) => a.name), ['常平乡', '平安县', '平安县民政局', '青石镇', '柳河乡'], 'the demo county, its townships and department');
      assert.equal(typeof body.csrfToken, 'string');
    });

    it('lets an administrator create a user, set roles, reset a password and read the audit log', async () => {
      const admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const session = (await admin.request('GET', '/api/v1/auth/session')).json();
      const agencyId = session.agencies.find((a: { code: string }) => a.code === 'changping').id;
      const created = await admin.request('POST', '/api/v1/users', { username: 'li.si', displayName: '李四', agencyId, roles: ['clerk'] });
      assert.equal(created.statusCode, 201, created.body);
      const { user, oneTimePassword } = created.json();
      assert.equal(user.mustChangePassword, true);

      const dup = await admin.request('POST', '/api/v1/users', { username: 'li.si', displayName: '李四', agencyId, roles: ['clerk'] });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().error.code, 'USERNAME_TAKEN');

      const roles = await admin.request('PUT', `/api/v1/users/${user.id}/roles`, { agencyId, roles: ['clerk', 'reviewer'] });
      assert.deepEqual(roles.json().roles.map((r: { role: string }) => r.role).sort(), ['clerk', 'reviewer']);

      const clerk = await loginClient(t.app, 'li.si', oneTimePassword, { keepOneTimePassword: true });
      const first = await clerk.request('GET', `/api/v1/users?agencyId=${agencyId}`);
      assert.equal(first.statusCode, 403);
      assert.equal(first.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
      const weak = await clerk.request('POST', '/api/v1/auth/change-password', { currentPassword: oneTimePassword, newPassword: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.equal(weak.json().error.code, 'WEAK_PASSWORD');
      const changed = await clerk.request('POST', '/api/v1/auth/change-password', { currentPassword: oneTimePassword, newPassword: 'Li-si-2025-pass' });
      assert.equal(changed.statusCode, 200);
      const forbidden = await clerk.request('GET', `/api/v1/users?agencyId=${agencyId}`);
      assert.equal(forbidden.statusCode, 403);
      assert.equal(forbidden.json().error.code, 'FORBIDDEN');

      const reset = await admin.request('POST', `/api/v1/users/${user.id}/reset-password`);
      assert.equal(reset.statusCode, 200);
      const stale = await clerk.request('GET', '/api/v1/auth/session');
      assert.equal(stale.statusCode, 401, 'a reset ends existing sessions');

      const disabled = await admin.request('PATCH', `/api/v1/users/${user.id}`, { disabled: true });
      assert.equal(disabled.json().disabled, true);
      const blocked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'li.si', password: reset.json().oneTimePassword } });
      assert.equal(blocked.statusCode, 403);
      assert.equal(blocked.json().error.code, 'ACCOUNT_DISABLED');

      const audit = (await admin.request('GET', `/api/v1/audit?agencyId=${agencyId}&limit=100`)).json();
      const actions = audit.items.map((e: { action: string }) => e.action);
      for (const a of ['user.create', 'user.roles', 'user.reset-password', 'user.update', 'auth.login']) {
        assert.ok(actions.includes(a), `audit has ${a}`);
      }
      assert.ok(!JSON.stringify(audit).includes(oneTimePassword), 'no password in the audit log');
    });

    it('lets an administrator create a subordinate agency, and shows it in the agency list', async () => {
      const admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const session = (await admin.request('GET', '/api/v1/auth/session')).json();
      const parentId = session.agencies.find((a: { code: string }) => a.code === 'changping').id;
      const res = await admin.request('POST', '/api/v1/agencies', { code: 'cp-mz', name: '常平乡民政办', level: 'department', parentId });
      assert.equal(res.statusCode, 201, res.body);
      const again = await admin.request('POST', '/api/v1/agencies', { code: 'cp-mz', name: '重复', level: 'department', parentId });
      assert.equal(again.json().error.code, 'AGENCY_CODE_TAKEN');
    });

    it('logs out and forgets the session', async () => {
      const c = await loginClient(t.app, t.admin.username, t.admin.password);
      assert.equal((await c.request('POST', '/api/v1/auth/logout')).statusCode, 200);
      assert.equal((await c.request('GET', '/api/v1/auth/session')).statusCode, 401);
    });
  });
}
