import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, permanentPassword, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { PINNED_NOW } from '../helpers/clock.ts';
import { FAILURES_BEFORE_CAPTCHA } from '../../src/services/login-throttle.ts';

/**
 * Regression tests of the outside security test (issue 10): the account takeover across
 * agencies, one-time passwords, sessions after a password change, and the shared calendar.
 * 常平乡 is the victim's agency, 平安县民政局 the attacker's; `admin` is the platform operator.
 */
for (const dialect of DIALECTS) {
  describe(`account security on ${dialect}`, () => {
    let t: TestApp;
    let operator: Client;
    let changping: number;
    let bureau: number;
    const users: Record<string, { id: number; password: string; oneTime: boolean }> = {};

    const create = async (username: string, roles: { agencyId: number; role: string }[]) => {
      const [first, ...rest] = roles;
      const res = await operator.request('POST', '/api/v1/users', { username, displayName: username, agencyId: first!.agencyId, roles: [first!.role] });
      assert.equal(res.statusCode, 201, res.body);
      const { user, oneTimePassword } = res.json();
      for (const r of rest) assert.equal((await operator.request('PUT', `/api/v1/users/${user.id}/roles`, { agencyId: r.agencyId, roles: [r.role] })).statusCode, 200);
      users[username] = { id: user.id, password: oneTimePassword, oneTime: true };
      return user.id as number;
    };
    /** Signs in as the user; the first sign-in replaces the one-time password, as a person would. */
    const as = async (username: string) => {
      const u = users[username]!;
      const client = await loginClient(t.app, username, u.password);
      if (u.oneTime) Object.assign(u, { password: permanentPassword(u.password), oneTime: false });
      return client;
    };

    before(async () => {
      t = await createTestApp(dialect);
      operator = await loginClient(t.app, t.admin.username, t.admin.password);
      const agencies = (await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[];
      changping = agencies.find((a) => a.code === 'changping')!.id;
      bureau = agencies.find((a) => a.code === 'pingan-mzj')!.id;
      await create('cp.admin', [{ agencyId: changping, role: 'admin' }]);
      await create('cp.clerk', [{ agencyId: changping, role: 'clerk' }]);
      await create('mz.admin', [{ agencyId: bureau, role: 'admin' }]);
      await create('mz.clerk', [{ agencyId: bureau, role: 'clerk' }]);
      await create('shared', [{ agencyId: changping, role: 'clerk' }, { agencyId: bureau, role: 'clerk' }]);
    });
    after(async () => t.close());

    const rolesInDb = async (userId: number) =>
      (await t.handle.db.selectFrom('user_roles').select(['agency_id', 'role']).where('user_id', '=', userId).orderBy('agency_id').orderBy('role').execute()).map((r) => `${r.agency_id}:${r.role}`);

    it('refuses the takeover of another agency’s admin by an admin of 平安县民政局', async () => {
      const attacker = await as('mz.admin');
      const victim = users['cp.admin']!.id;
      const before = await rolesInDb(victim);
      const grant = await attacker.request('PUT', `/api/v1/users/${victim}/roles`, { agencyId: bureau, roles: ['clerk'] });
      assert.equal(grant.statusCode, 404, grant.body);
      assert.ok(!grant.body.includes('cp.admin'), 'no record of the victim comes back');
      const reset = await attacker.request('POST', `/api/v1/users/${victim}/reset-password`);
      assert.equal(reset.statusCode, 404);
      assert.ok(!reset.body.includes('oneTimePassword'));
      const patch = await attacker.request('PATCH', `/api/v1/users/${victim}`, { displayName: '已被接管' });
      assert.equal(patch.statusCode, 404);
      assert.deepEqual(await rolesInDb(victim), before, 'the victim’s roles are unchanged');
      const victimLogin = await as('cp.admin');
      assert.equal((await victimLogin.request('GET', '/api/v1/auth/session')).statusCode, 200, 'the victim still signs in with their own password');
    });

    it('does not enumerate or strip users of other agencies with an empty role list', async () => {
      const attacker = await as('mz.admin');
      const target = users['cp.clerk']!.id;
      const before = await rolesInDb(target);
      const res = await attacker.request('PUT', `/api/v1/users/${target}/roles`, { agencyId: changping, roles: [] });
      assert.equal(res.statusCode, 403, 'not an admin of 常平乡');
      const own = await attacker.request('PUT', `/api/v1/users/${target}/roles`, { agencyId: bureau, roles: [] });
      assert.equal(own.statusCode, 404, 'the user is not visible from 平安县民政局');
      assert.ok(!own.body.includes('cp.clerk'));
      assert.deepEqual(await rolesInDb(target), before);
      const missing = await attacker.request('PUT', '/api/v1/users/999999/roles', { agencyId: bureau, roles: [] });
      assert.deepEqual([missing.statusCode, missing.json().error.code], [404, 'NOT_FOUND'], 'unknown and invisible users look the same');
    });

    it('protects the platform operator’s account (id 1) from agency admins', async () => {
      const attacker = await as('mz.admin');
      const adminId = (await operator.request('GET', '/api/v1/auth/session')).json().user.id;
      for (const [method, url, body] of [
        ['PATCH', `/api/v1/users/${adminId}`, { displayName: '改名' }],
        ['POST', `/api/v1/users/${adminId}/reset-password`, undefined],
      ] as const) {
        const res = await attacker.request(method, url, body);
        assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
      }
    });

    it('lets an admin manage a user only if it administers every agency of that user, and shows only its own agencies’ roles', async () => {
      const attacker = await as('mz.admin');
      const shared = users.shared!.id;
      const list = (await attacker.request('GET', `/api/v1/users?agencyId=${bureau}`)).json().items as { id: number; roles: { agencyId: number }[] }[];
      const seen = list.find((u) => u.id === shared)!;
      assert.ok(seen.roles.every((r) => r.agencyId === bureau), 'roles held in 常平乡 are not shown');
      assert.ok(list.every((u) => u.roles.every((r) => r.agencyId === bureau)));
      assert.equal((await attacker.request('POST', `/api/v1/users/${shared}/reset-password`)).statusCode, 403);
      assert.equal((await attacker.request('PATCH', `/api/v1/users/${shared}`, { disabled: true })).statusCode, 403);
      const own = await attacker.request('PUT', `/api/v1/users/${shared}/roles`, { agencyId: bureau, roles: ['clerk', 'reviewer'] });
      assert.equal(own.statusCode, 200, 'roles in its own agency may still be set');
      assert.deepEqual(own.json().roles, [{ agencyId: bureau, role: 'clerk', scope: 'agency' }, { agencyId: bureau, role: 'reviewer', scope: 'agency' }]);
      // A role granted across agencies gives no management rights over the user.
      assert.equal((await operator.request('PUT', `/api/v1/users/${users['cp.admin']!.id}/roles`, { agencyId: bureau, roles: ['clerk'] })).statusCode, 200);
      assert.equal((await attacker.request('POST', `/api/v1/users/${users['cp.admin']!.id}/reset-password`)).statusCode, 403);
      // Its own agency's user is fully its own.
      const reset = await attacker.request('POST', `/api/v1/users/${users['mz.clerk']!.id}/reset-password`);
      assert.equal(reset.statusCode, 200);
      Object.assign(users['mz.clerk']!, { password: reset.json().oneTimePassword, oneTime: true });
    });

    it('lets a one-time password open only the password change, and expires it after 24 hours', async () => {
      const created = (await operator.request('POST', '/api/v1/users', { username: 'otp.user', displayName: '新人', agencyId: changping, roles: ['clerk'] })).json();
      const fresh = await loginClient(t.app, 'otp.user', created.oneTimePassword, { keepOneTimePassword: true });
      for (const url of [`/api/v1/documents?agencyId=${changping}`, `/api/v1/requests?agencyId=${changping}`, '/api/v1/calendar/years']) {
        const res = await fresh.request('GET', url);
        assert.deepEqual([res.statusCode, res.json().error.code], [403, 'PASSWORD_CHANGE_REQUIRED'], url);
      }
      assert.equal((await fresh.request('GET', '/api/v1/auth/session')).statusCode, 200);
      assert.equal((await fresh.request('POST', '/api/v1/auth/change-password', { currentPassword: created.oneTimePassword, newPassword: 'Otp-user-2026!' })).statusCode, 200);
      assert.equal((await fresh.request('GET', `/api/v1/documents?agencyId=${changping}`)).statusCode, 200);

      const reset = (await operator.request('POST', `/api/v1/users/${created.user.id}/reset-password`)).json().oneTimePassword;
      const loginAt = async (hours: number) => {
        t.setNow(new Date(PINNED_NOW.getTime() + hours * 3600_000));
        return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'otp.user', password: reset } });
      };
      try {
        t.setNow(PINNED_NOW);
        const reissued = (await operator.request('POST', `/api/v1/users/${created.user.id}/reset-password`)).json().oneTimePassword;
        t.setNow(new Date(PINNED_NOW.getTime() + 24 * 3600_000 + 1000));
        const late = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'otp.user', password: reissued } });
        assert.deepEqual([late.statusCode, late.json().error.code], [401, 'ONE_TIME_PASSWORD_EXPIRED']);
        assert.match(late.json().error.message, /24 小时/);
        t.setNow(PINNED_NOW);
        const again = (await operator.request('POST', `/api/v1/users/${created.user.id}/reset-password`)).json().oneTimePassword;
        t.setNow(new Date(PINNED_NOW.getTime() + 23 * 3600_000));
        const inTime = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'otp.user', password: again } });
        assert.equal(inTime.statusCode, 200);
        assert.equal((await loginAt(0)).statusCode, 401, 'an older one-time password no longer works');
      } finally {
        t.setNow(PINNED_NOW);
      }
    });

    it('ends the other sessions on a password change; guessing the current password ends the guessing session', async () => {
      const a = await as('cp.clerk');
      const password = users['cp.clerk']!.password;
      const b = await loginClient(t.app, 'cp.clerk', password);
      const changed = await a.request('POST', '/api/v1/auth/change-password', { currentPassword: password, newPassword: 'Cp-clerk-2026!' });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal((await a.request('GET', '/api/v1/auth/session')).statusCode, 200, 'the session that changed it stays');
      assert.equal((await b.request('GET', '/api/v1/auth/session')).statusCode, 401, 'the other session ended');

      for (let i = 1; i < FAILURES_BEFORE_CAPTCHA; i++) {
        const wrong = await a.request('POST', '/api/v1/auth/change-password', { currentPassword: `guess-${i}`, newPassword: 'Whatever-2026!' });
        assert.equal(wrong.json().error.code, 'WRONG_PASSWORD');
      }
      const last = await a.request('POST', '/api/v1/auth/change-password', { currentPassword: 'guess-last', newPassword: 'Whatever-2026!' });
      assert.deepEqual([last.statusCode, last.json().error.code], [401, 'SIGNED_OUT_AFTER_FAILURES']);
      assert.equal((await a.request('GET', '/api/v1/auth/session')).statusCode, 401, 'the guessing session ended');
      // The guesses came from the inject default address (127.0.0.1): a sign-in from there needs the captcha now.
      const here = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cp.clerk', password: 'Cp-clerk-2026!' } });
      assert.deepEqual([here.statusCode, here.json().error.code], [401, 'CAPTCHA_REQUIRED']);
      const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cp.clerk', password: 'Cp-clerk-2026!' }, remoteAddress: '10.77.0.1' });
      assert.equal(elsewhere.statusCode, 200, 'the account itself is not locked');
    });

    it('leaves the shared working calendar to platform operators, and shows changes to every agency', async () => {
      const topAdmin = await as('cp.admin'); // admin of a top-level agency, not an operator
      const days = [{ date: '2027-01-01', isOffDay: true, name: '元旦' }];
      const refused = await topAdmin.request('PUT', '/api/v1/calendar/years/2027', { days });
      assert.deepEqual([refused.statusCode, refused.json().error.code], [403, 'FORBIDDEN']);
      assert.match(refused.json().error.message, /平台运维/);
      assert.equal((await topAdmin.request('DELETE', '/api/v1/calendar/years/2026')).statusCode, 403);
      assert.equal((await topAdmin.request('POST', '/api/v1/calendar/import', { text: '2027-01-01,休,元旦', year: 2027 })).statusCode, 403);
      assert.equal((await operator.request('PUT', '/api/v1/calendar/years/2027', { days })).statusCode, 200);
      const bureauAdmin = await as('mz.admin');
      const audit = (await bureauAdmin.request('GET', `/api/v1/audit?agencyId=${bureau}&limit=200`)).json().items as { action: string; actor: string }[];
      assert.ok(audit.some((e) => e.action === 'calendar.add' && e.actor === 'admin'), 'the bureau sees who changed the calendar');
    });
  });
}
