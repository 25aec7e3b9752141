import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DIALECTS, createTestDatabase } from '../helpers/db.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { appendAudit } from '../../src/storage/audit.ts';
import { openDatabase } from '../../src/storage/dialect.ts';
import { down as down0007, up as up0007 } from '../../src/storage/migrations/0007_security.ts';

for (const dialect of DIALECTS) {
  describe(`storage on ${dialect}`, () => {
    it('migrates once, and a second run applies nothing', async () => {
      const t = await createTestDatabase(dialect);
      try {
        assert.deepEqual(await migrateToLatest(t.handle.db, { pgSchema: t.pgSchema }), []);
        const tables = (await t.handle.db.introspection.getTables()).filter((x) => !t.pgSchema || x.schema === t.pgSchema).map((x) => x.name).sort();
        for (const name of ['agencies', 'audit_log', 'sessions', 'settings', 'user_roles', 'users']) {
          assert.ok(tables.includes(name), `table ${name} exists`);
        }
      } finally {
        await t.cleanup();
      }
    });

    it('assigns increasing ids and returns counts as numbers', async () => {
      const t = await createTestDatabase(dialect);
      try {
        const db = t.handle.db;
        const now = new Date().toISOString();
        const a = await db.insertInto('agencies').values({ code: 'a1', name: '甲', level: 'county', parent_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
        const b = await db.insertInto('agencies').values({ code: 'a2', name: '乙', level: 'township', parent_id: a.id, created_at: now }).returning('id').executeTakeFirstOrThrow();
        assert.ok(b.id > a.id);
        const { n } = await db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(Number(n), 2);
        await assert.rejects(
          db.insertInto('agencies').values({ code: 'a1', name: '重复', level: 'county', parent_id: null, created_at: now }).execute(),
          'agency codes are unique',
        );
      } finally {
        await t.cleanup();
      }
    });

    it('keeps the audit log as written, with secrets redacted', async () => {
      const t = await createTestDatabase(dialect);
      try {
        await appendAudit(t.handle.db, {
          at: new Date('2025-01-02T03:04:05Z'),
          actorUserId: null,
          agencyId: null,
          action: 'test.write',
          entity: 'thing',
          entityId: 7,
          before: { title: '旧' },
          after: { title: '新', password: 'hunter2hunter2' },
        });
        const row = await t.handle.db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow();
        assert.equal(row.at, '2025-01-02T03:04:05.000Z');
        assert.equal(row.entity_id, '7');
        assert.deepEqual(JSON.parse(row.before_json!), { title: '旧' });
        assert.deepEqual(JSON.parse(row.after_json!), { title: '新', password: '[已隐去]' });
      } finally {
        await t.cleanup();
      }
    });

    it('0007 gives existing agencies their Art. 20 catalogue columns and existing users no operator permission', async () => {
      const t = await createTestDatabase(dialect);
      try {
        const db = t.handle.db;
        const now = new Date().toISOString();
        const old = await db.insertInto('agencies').values({ code: 'old', name: '旧机构', level: 'township', parent_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('users').values({ username: 'old.user', display_name: '旧用户', password_hash: 'x', must_change_password: 0, disabled: 0, one_time_expires_at: null, created_at: now, updated_at: now }).execute();
        await down0007(db);
        await up0007(db);
        const codes = await db.selectFrom('document_categories').select('code').where('agency_id', '=', old.id).execute();
        assert.equal(codes.length, 15);
        const user = await db.selectFrom('users').select(['platform_operator', 'one_time_expires_at']).where('username', '=', 'old.user').executeTakeFirstOrThrow();
        assert.deepEqual({ ...user, platform_operator: Number(user.platform_operator) }, { platform_operator: 0, one_time_expires_at: null });
      } finally {
        await t.cleanup();
      }
    });
  });
}

describe('migration failures', () => {
  it('throws instead of reporting success when the database is unusable', async () => {
    const handle = openDatabase({ sqlitePath: ':memory:' });
    try {
      await sql`create table agencies (x integer)`.execute(handle.db);
      await assert.rejects(migrateToLatest(handle.db), /数据库迁移失败/);
    } finally {
      await handle.close();
    }
  });
});
