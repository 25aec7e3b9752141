import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { changePassword, login as loginAt, logout, resolveSession, type LoginInput } from '../../src/services/accounts.ts';
import { ACCOUNT_FAILURES_BEFORE_CAPTCHA, FAILURE_WINDOW_MINUTES, FAILURES_BEFORE_CAPTCHA } from '../../src/services/login-throttle.ts';
import { solveCaptcha } from '../helpers/captcha.ts';
import { createUser, resetPassword, setUserRoles } from '../../src/capabilities/users/commands.ts';
import { listUsers } from '../../src/capabilities/users/queries.ts';
import { createAgency } from '../../src/capabilities/agencies/commands.ts';
import { seedDemo } from '../../src/services/seed.ts';
import { systemActor } from '../../src/services/context.ts';
import { AppError } from '../../src/services/errors.ts';
import { DUMMY_HASH, hashPassword, scryptCost, verifyPassword, passwordProblem } from '../../src/services/passwords.ts';

const system = systemActor('test');
const code = (c: string) => (err: unknown) => err instanceof AppError && err.code === c;
const HOME = '10.1.1.1';
type Attempt = Omit<LoginInput, 'address'> & { address?: string };

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('正确的密码 horse-battery');
    const b = await hashPassword('正确的密码 horse-battery');
    assert.notEqual(a, b);
    assert.ok(await verifyPassword('正确的密码 horse-battery', a));
    assert.ok(!(await verifyPassword('正确的密码 horse-batterY', a)));
    assert.ok(!(await verifyPassword('x', 'not-a-hash')));
  });
  it('costs 2^15 unless GONGKAI_PASSWORD_COST lowers it for tests, and verifies a hash of any cost', async () => {
    assert.equal(scryptCost(undefined), 15);
    assert.equal(scryptCost('10'), 10);
    for (const bad of ['9', '21', '12.5', 'low']) assert.throws(() => scryptCost(bad), /GONGKAI_PASSWORD_COST 配置无效/);
    // Made at the production cost (the suite runs at 2^10): the stored N is the one used.
    const strong = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$oJAoby9di0J0qqlP5RaJ/aeVDnWR18gQBDyEPCoqYhY=';
    assert.ok(await verifyPassword('正确的密码', strong));
    assert.ok(!(await verifyPassword('错误的密码', strong)));
    assert.match(DUMMY_HASH, new RegExp(`^scrypt\\$${2 ** scryptCost(process.env.GONGKAI_PASSWORD_COST)}\\$`));
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
    const login = (a: Attempt) => loginAt(t.deps, { address: HOME, ...a });

    it('seeding twice creates nothing the second time', async () => {
      const again = await seedDemo(t.deps);
      assert.deepEqual(again, { createdAgencies: [], admin: null });
      const agencies = await t.handle.db.selectFrom('agencies').select('name').where('name', '=', '常平乡').execute();
      assert.equal(agencies.length, 1);
      const users = await t.handle.db.selectFrom('users').select('id').execute();
      assert.equal(users.length, 1);
    });

    it('logs in with the one-time password, which must then be changed', async () => {
      const { token, session } = await login({ username: 'admin', password: adminPassword });
      assert.equal(session.user.mustChangePassword, true);
      assert.deepEqual(session.user.roles.filter((r) => r.agencyId === agencyId).map((r) => r.role).sort(), ['admin', 'clerk', 'head', 'reviewer']);
      await changePassword(t.deps, session.user.id, adminPassword, 'Neues-Passwort-2025', token);
      const resolved = await resolveSession(t.deps, token);
      assert.equal(resolved?.user.mustChangePassword, false);
      await logout(t.deps, token);
      assert.equal(await resolveSession(t.deps, token), null);
      adminPassword = 'Neues-Passwort-2025';
    });

    /** What a caller sees of an attempt: the code, and whether a captcha question came with it. */
    const outcome = async (a: Attempt): Promise<string> => {
      try {
        await login(a);
        return 'ok';
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return `${err.status} ${err.code}${(err.details as { captcha?: unknown } | undefined)?.captcha ? ' +captcha' : ''}`;
      }
    };
    const captchaFor = async (a: Attempt): Promise<{ captchaToken: string; captchaAnswer: string }> => {
      const err = await login(a).then(
        () => assert.fail('expected a refusal'),
        (e: unknown) => e as AppError,
      );
      const { token, question } = (err.details as { captcha: { token: string; question: string } }).captcha;
      return { captchaToken: token, captchaAnswer: solveCaptcha(question) };
    };

    it('asks one address for a captcha after repeated failures instead of locking the account', async () => {
      await createUser(t.deps, system, { username: 'clerk1', displayName: '王五', password: 'Clerk-pass-001', roles: [{ agencyId, role: 'clerk' }] });
      const seen = [];
      for (let i = 0; i < FAILURES_BEFORE_CAPTCHA; i++) seen.push(await outcome({ username: 'clerk1', password: 'wrong' }));
      assert.deepEqual(seen, [...Array(FAILURES_BEFORE_CAPTCHA - 1).fill('401 LOGIN_FAILED'), '401 LOGIN_FAILED +captcha']);
      // Even the right password now needs the answer from this address...
      assert.equal(await outcome({ username: 'clerk1', password: 'Clerk-pass-001' }), '401 CAPTCHA_REQUIRED +captcha');
      // ...but the owner elsewhere is not locked out.
      assert.equal((await login({ username: 'clerk1', password: 'Clerk-pass-001', address: '10.9.9.9' })).session.user.username, 'clerk1');
      // A wrong answer is refused before the password is looked at, with a new question.
      const wrong = await captchaFor({ username: 'clerk1', password: 'Clerk-pass-001' });
      assert.equal(await outcome({ username: 'clerk1', password: 'Clerk-pass-001', captchaToken: wrong.captchaToken, captchaAnswer: '99' }), '401 CAPTCHA_INVALID +captcha');
      assert.equal(await outcome({ username: 'clerk1', password: 'Clerk-pass-001', ...wrong }), '401 CAPTCHA_INVALID +captcha', 'the token was used up by the wrong answer');
      const answer = await captchaFor({ username: 'clerk1', password: 'Clerk-pass-001' });
      assert.equal(await outcome({ username: 'clerk1', password: 'wrong', ...answer }), '401 LOGIN_FAILED +captcha', 'a right answer does not make a wrong password right');
      const right = await captchaFor({ username: 'clerk1', password: 'Clerk-pass-001' });
      assert.equal(await outcome({ username: 'clerk1', password: 'Clerk-pass-001', ...right }), 'ok');
      assert.equal(await outcome({ username: 'clerk1', password: 'Clerk-pass-001' }), 'ok', 'a success clears this address');
    });

    it('answers an unknown name exactly as an existing one, and audits its failures', async () => {
      const run = async (username: string, address: string) => {
        const seen = [];
        for (let i = 0; i <= FAILURES_BEFORE_CAPTCHA; i++) seen.push(await outcome({ username, password: 'wrong', address }));
        return seen;
      };
      assert.deepEqual(await run('nobody.here', '10.2.2.2'), await run('clerk1', '10.2.2.3'));
      const audit = await t.handle.db.selectFrom('audit_log').select(['entity_id', 'after_json']).where('action', '=', 'auth.login-failed').orderBy('id').execute();
      const unknown = audit.filter((a) => JSON.parse(a.after_json!).username === 'nobody.here');
      assert.equal(unknown.length, FAILURES_BEFORE_CAPTCHA, 'every failure with a password checked is recorded');
      assert.deepEqual(
        { ...JSON.parse(unknown.at(-1)!.after_json!), entity: unknown.at(-1)!.entity_id },
        { username: 'nobody.here', knownUser: false, address: '10.2.2.2', failures: FAILURES_BEFORE_CAPTCHA, accountFailures: FAILURES_BEFORE_CAPTCHA, captchaRequired: true, entity: null },
      );
      const known = audit.filter((a) => JSON.parse(a.after_json!).username === 'clerk1');
      assert.ok(known.every((a) => a.entity_id !== null && JSON.parse(a.after_json!).knownUser === true));
    });

    it('asks every address for a captcha once a name failed often from many, and forgets failures after the window', async () => {
      await createUser(t.deps, system, { username: 'clerk2', displayName: '赵六', password: 'Clerk-pass-002', roles: [{ agencyId, role: 'clerk' }] });
      for (let i = 0; i < ACCOUNT_FAILURES_BEFORE_CAPTCHA; i++) {
        assert.equal(await outcome({ username: 'clerk2', password: 'wrong', address: `10.3.0.${i}` }), i + 1 < ACCOUNT_FAILURES_BEFORE_CAPTCHA ? '401 LOGIN_FAILED' : '401 LOGIN_FAILED +captcha');
      }
      assert.equal(await outcome({ username: 'clerk2', password: 'Clerk-pass-002', address: '10.4.4.4' }), '401 CAPTCHA_REQUIRED +captcha');
      const answer = await captchaFor({ username: 'clerk2', password: 'Clerk-pass-002', address: '10.4.4.4' });
      assert.equal(await outcome({ username: 'clerk2', password: 'Clerk-pass-002', address: '10.4.4.4', ...answer }), 'ok', 'friction, never a lock');
      try {
        t.setNow(new Date(t.deps.now().getTime() + (FAILURE_WINDOW_MINUTES + 1) * 60_000));
        assert.equal(await outcome({ username: 'clerk2', password: 'Clerk-pass-002', address: '10.4.4.5' }), 'ok');
      } finally {
        t.setNow(new Date('2026-11-26T02:00:00Z'));
      }
    });

    it('reset-password forgets the failed sign-ins of the name', async () => {
      for (let i = 0; i < FAILURES_BEFORE_CAPTCHA; i++) await outcome({ username: 'clerk2', password: 'wrong' });
      assert.equal(await outcome({ username: 'clerk2', password: 'Clerk-pass-002' }), '401 CAPTCHA_REQUIRED +captcha');
      const clerk2 = await t.handle.db.selectFrom('users').select('id').where('username', '=', 'clerk2').executeTakeFirstOrThrow();
      const { oneTimePassword } = await resetPassword(t.deps, system, clerk2.id);
      assert.equal(await outcome({ username: 'clerk2', password: oneTimePassword }), 'ok');
    });

    it('reset-password issues a new one-time password, unlocks and ends sessions', async () => {
      const { token, session } = await login({ username: 'clerk1', password: 'Clerk-pass-001' });
      const { oneTimePassword } = await resetPassword(t.deps, system, session.user.id);
      assert.equal(await resolveSession(t.deps, token), null);
      await assert.rejects(login({ username: 'clerk1', password: 'Clerk-pass-001' }), code('LOGIN_FAILED'));
      const again = await login({ username: 'clerk1', password: oneTimePassword });
      assert.equal(again.session.user.mustChangePassword, true);
    });

    it('scopes roles to agencies: an admin of one agency cannot manage another', async () => {
      const admin = await login({ username: 'admin', password: adminPassword });
      const actor = { kind: 'user' as const, userId: admin.session.user.id };
      const list = await listUsers(t.deps, actor, agencyId);
      assert.deepEqual(list.map((u) => u.username).sort(), ['admin', 'clerk1', 'clerk2']);
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
