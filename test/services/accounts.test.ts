import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { changePassword, FAILURES_BEFORE_LOCK, login, logout, resolveSession } from '../../src/services/accounts.ts';
import { createUser, listUsers, resetPassword, setUserRoles } from '../../src/services/users.ts';
import { createAgency } from '../../src/services/agency-management.ts';
import { seedDemo } from '../../src/services/seed.ts';
import { systemActor } from '../../src/services/context.ts';
import { AppError } from '../../src/services/errors.ts';
import { hashPassword, verifyPassword, passwordProblem } from '../../src/services/passwords.ts';

const system = systemActor('test');
const code = (c: string) => (err: unknown) => err instanceof AppError && err.code === c;

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('正确的密码 horse-battery');
    const b = await hashPassword('正确的密码 horse-battery');
    assert.notEqual(a, b);
    assert.ok(await verifyPassword('正确的密码 horse-battery', a));
    assert.ok(!(await verifyPassword('正确的密码 horse-batterY', a)));
    assert.ok(!(await verifyPassword('x', 'not-a-hash')));
  });
  it('rejects weak passwords with a reason in Chinese', () => {
    assert.match(passwordProblem('short1')!, /至少 10 位/);
    assert.match(passwordProblem('abcdefghijkl')!, /两类/);
    assert.equal(passwordProblem('abcdefgh12'), null);
  });
});

for (const dialect of DIALECTS) {
  describe(`accounts on ${dialect}`, () => {
    let t: TestDatabase;
    let agencyId: number;
    let otherAgencyId: number;
    let adminPassword: string;
    before(async () => {
      t = await createTestDatabase(dialect);
      const seeded = await seedDemo(t.deps);
      adminPassword = seeded.admin!.oneTimePassword;
      agencyId = (await t.handle.db.selectFrom('agencies').select('id').where('code', '=', 'changping').executeTakeFirstOrThrow()).id;
      const otherCounty = await createAgency(t.deps, system, { code: 'other-county', name: '其他县', level: 'county', parentId: null });
      otherAgencyId = (await createAgency(t.deps, system, { code: 'other', name: '其他县民政局', level: 'department', parentId: otherCounty.id })).id;
    });
    after(async () => t.cleanup());

    it('seeding twice creates nothing the second time', async () => {
      const again = await seedDemo(t.deps);
      assert.deepEqual(again, { createdAgencies: [], admin: null });
      const agencies = await t.handle.db.selectFrom('agencies').select('name').where('name', '=', '常平乡').execute();
      assert.equal(agencies.length, 1);
      const users = await t.handle.db.selectFrom('users').select('id').execute();
      assert.equal(users.length, 1);
    });

    it('logs in with the one-time password, which must then be changed', async () => {
      const { token, session } = await login(t.deps, { username: 'admin', password: adminPassword });
      assert.equal(session.user.mustChangePassword, true);
      assert.deepEqual(session.user.roles.filter((r) => r.agencyId === agencyId).map((r) => r.role).sort(), ['admin', 'clerk', 'head', 'reviewer']);
      await changePassword(t.deps, session.user.id, adminPassword, 'Neues-Passwort-2025', token);
      const resolved = await resolveSession(t.deps, token);
      assert.equal(resolved?.user.mustChangePassword, false);
      await logout(t.deps, token);
      assert.equal(await resolveSession(t.deps, token), null);
      adminPassword = 'Neues-Passwort-2025';
    });

    it('locks an account after repeated failures, with growing lock times', async () => {
      await createUser(t.deps, system, { username: 'clerk1', displayName: '王五', password: 'Clerk-pass-001', roles: [{ agencyId, role: 'clerk' }] });
      for (let i = 1; i < FAILURES_BEFORE_LOCK; i++) {
        await assert.rejects(login(t.deps, { username: 'clerk1', password: 'wrong' }), code('LOGIN_FAILED'));
      }
      await assert.rejects(login(t.deps, { username: 'clerk1', password: 'wrong' }), code('LOGIN_FAILED'));
      // now locked: even the right password is refused
      await assert.rejects(login(t.deps, { username: 'clerk1', password: 'Clerk-pass-001' }), code('ACCOUNT_LOCKED'));
      const firstLock = (await t.handle.db.selectFrom('users').select('locked_until').where('username', '=', 'clerk1').executeTakeFirstOrThrow()).locked_until!;
      t.setNow(new Date(new Date(firstLock).getTime() + 1000));
      await assert.rejects(login(t.deps, { username: 'clerk1', password: 'wrong' }), code('LOGIN_FAILED'));
      const secondLock = (await t.handle.db.selectFrom('users').select('locked_until').where('username', '=', 'clerk1').executeTakeFirstOrThrow()).locked_until!;
      const lockMs = new Date(secondLock).getTime() - (new Date(firstLock).getTime() + 1000);
      assert.equal(lockMs, 2 * 60_000, 'the second lock lasts twice as long');
      t.setNow(new Date(new Date(secondLock).getTime() + 1000));
      const ok = await login(t.deps, { username: 'clerk1', password: 'Clerk-pass-001' });
      assert.equal(ok.session.user.username, 'clerk1');
      const row = await t.handle.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('username', '=', 'clerk1').executeTakeFirstOrThrow();
      assert.deepEqual(row, { failed_logins: 0, locked_until: null });
    });

    it('reset-password issues a new one-time password, unlocks and ends sessions', async () => {
      const { token, session } = await login(t.deps, { username: 'clerk1', password: 'Clerk-pass-001' });
      const { oneTimePassword } = await resetPassword(t.deps, system, session.user.id);
      assert.equal(await resolveSession(t.deps, token), null);
      await assert.rejects(login(t.deps, { username: 'clerk1', password: 'Clerk-pass-001' }), code('LOGIN_FAILED'));
      const again = await login(t.deps, { username: 'clerk1', password: oneTimePassword });
      assert.equal(again.session.user.mustChangePassword, true);
    });

    it('scopes roles to agencies: an admin of one agency cannot manage another', async () => {
      const admin = await login(t.deps, { username: 'admin', password: adminPassword });
      const actor = { kind: 'user' as const, userId: admin.session.user.id };
      const list = await listUsers(t.deps, actor, agencyId);
      assert.deepEqual(list.map((u) => u.username).sort(), ['admin', 'clerk1']);
      await assert.rejects(listUsers(t.deps, actor, otherAgencyId), code('FORBIDDEN'));
      await assert.rejects(
        createUser(t.deps, actor, { username: 'intruder', displayName: '外人', roles: [{ agencyId: otherAgencyId, role: 'admin' }] }),
        code('FORBIDDEN'),
      );
      const clerk = list.find((u) => u.username === 'clerk1')!;
      const updated = await setUserRoles(t.deps, actor, clerk.id, agencyId, ['clerk', 'reviewer']);
      assert.deepEqual(updated.roles.map((r) => r.role).sort(), ['clerk', 'reviewer']);
      await assert.rejects(setUserRoles(t.deps, actor, actor.userId, agencyId, ['clerk']), code('CANNOT_DROP_OWN_ADMIN'));
      await assert.rejects(
        createUser(t.deps, actor, { username: 'clerk1', displayName: '重名', roles: [{ agencyId, role: 'clerk' }] }),
        code('USERNAME_TAKEN'),
      );
      const audit = await t.handle.db.selectFrom('audit_log').select('action').where('action', '=', 'user.roles').execute();
      assert.equal(audit.length, 1);
    });
  });
}
