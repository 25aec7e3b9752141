import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

for (const dialect of DIALECTS) {
  describe(`audit chain API on ${dialect}`, () => {
    let t: TestApp;
    let operator: Client;
    before(async () => {
      t = await createTestApp(dialect);
      operator = await loginClient(t.app, t.admin.username, t.admin.password);
    });
    after(async () => t.close());

    it('exports the head and verifies the chain for a platform operator, and no one else', async () => {
      const head = await operator.request('GET', '/api/v1/audit/chain/head');
      assert.equal(head.statusCode, 200, head.body);
      const { seq, hash, anchor } = head.json();
      assert.ok(seq > 0);
      assert.equal(anchor, `${seq}:${hash}`);
      const verified = await operator.request('GET', `/api/v1/audit/chain/verify?anchor=${anchor}`);
      assert.equal(verified.statusCode, 200, verified.body);
      assert.equal(verified.json().ok, true);
      assert.ok(verified.json().entries >= seq, 'the operator\'s own login was appended meanwhile, or not');
      assert.equal((await operator.request('GET', '/api/v1/audit/chain/verify?anchor=12:abc')).json().error.code, 'INVALID_ANCHOR');

      const created = await operator.request('POST', '/api/v1/users', { username: 'li.audit', displayName: '李审计', agencyId: 1, roles: ['admin', 'head'] });
      assert.equal(created.statusCode, 201, created.body);
      const agencyAdmin = await loginClient(t.app, 'li.audit', created.json().oneTimePassword);
      for (const url of ['/api/v1/audit/chain/head', '/api/v1/audit/chain/verify']) {
        const res = await agencyAdmin.request('GET', url);
        assert.equal(res.statusCode, 403, url);
        assert.match(res.json().error.message, /平台运维/);
      }
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/audit/chain/verify' })).statusCode, 401);
    });

    it('reports the first broken entry in Chinese after a row was changed around the application', async () => {
      const db = t.handle.db;
      const target = await db.selectFrom('audit_log').select(['id', 'seq']).where('action', '=', 'user.create').orderBy('seq').executeTakeFirstOrThrow();
      if (dialect === 'postgres') {
        await sql`alter table audit_log disable trigger user`.execute(db);
        await sql`update audit_log set actor_user_id = 999 where id = ${target.id}`.execute(db);
        await sql`alter table audit_log enable trigger user`.execute(db);
      } else {
        await sql`drop trigger audit_log_no_update`.execute(db);
        await sql`update audit_log set actor_user_id = 999 where id = ${target.id}`.execute(db);
      }
      const res = (await operator.request('GET', '/api/v1/audit/chain/verify')).json();
      assert.equal(res.ok, false);
      assert.deepEqual({ kind: res.problem.kind, seq: res.problem.seq, id: res.problem.id }, { kind: 'content', seq: target.seq, id: target.id });
      assert.match(res.problem.message, new RegExp(`第 ${target.seq} 条记录.*被修改`));
    });
  });
}
