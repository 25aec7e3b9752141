import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DIALECTS, PG_URL, createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { appendAudit, verifyAuditChain } from '../../src/storage/audit.ts';
import { openDatabase } from '../../src/storage/dialect.ts';
import { entryHash, GENESIS_HASH, type StoredEntry } from '../../src/domain/audit/chain.ts';
import { down as down0009, up as up0009 } from '../../src/storage/migrations/0009_audit_chain.ts';

const entry = (i: number) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), actorUserId: 1, agencyId: 1, action: 'document.update', entity: 'document', entityId: i, before: { title: `旧${i}` }, after: { title: `新${i}` } });

async function withEntries(dialect: (typeof DIALECTS)[number], n: number, fn: (t: TestDatabase) => Promise<void>): Promise<void> {
  const t = await createTestDatabase(dialect);
  try {
    for (let i = 1; i <= n; i++) await appendAudit(t.handle.db, entry(i));
    await fn(t);
  } finally {
    await t.cleanup();
  }
}

/** Tampering as someone with direct database access: the application's refusal switched off first. */
async function asDatabaseOwner(t: TestDatabase, tamper: ReturnType<typeof sql> | (() => Promise<void>)): Promise<void> {
  const db = t.handle.db;
  const run = typeof tamper === 'function' ? tamper : async () => void (await tamper.execute(db));
  if (t.handle.dialect === 'postgres') {
    await sql`alter table audit_log disable trigger user`.execute(db);
    await run();
    await sql`alter table audit_log enable trigger user`.execute(db);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
    await run();
  }
}

for (const dialect of DIALECTS) {
  describe(`audit hash chain on ${dialect}`, () => {
    it('chains every append; verify passes and the head is the newest entry', async () => {
      await withEntries(dialect, 5, async (t) => {
        const rows = await t.handle.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
        assert.deepEqual(rows.map((r) => r.seq), [1, 2, 3, 4, 5]);
        assert.equal(rows[0]!.prev_hash, GENESIS_HASH);
        for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
        const result = await verifyAuditChain(t.handle.db);
        assert.deepEqual(result, { entries: 5, head: { seq: 5, hash: rows[4]!.hash }, problem: null });
      });
    });

    it('the application cannot update, delete or truncate audit rows', async () => {
      await withEntries(dialect, 2, async (t) => {
        const db = t.handle.db;
        await assert.rejects(db.updateTable('audit_log').set({ actor_user_id: 999 }).where('seq', '=', 1).execute(), /只能追加/);
        await assert.rejects(sql`update audit_log set actor_user_id = 999`.execute(db), /只能追加/);
        await assert.rejects(db.deleteFrom('audit_log').where('seq', '=', 2).execute(), /只能追加/);
        if (dialect === 'postgres') await assert.rejects(sql`truncate audit_log`.execute(db), /只能追加/);
        assert.equal((await verifyAuditChain(db)).problem, null);
      });
    });

    it('catches `update audit_log set actor_user_id=…` done around the application', async () => {
      await withEntries(dialect, 4, async (t) => {
        const id = (await t.handle.db.selectFrom('audit_log').select('id').where('seq', '=', 2).executeTakeFirstOrThrow()).id;
        await asDatabaseOwner(t, sql`update audit_log set actor_user_id = 999 where seq = 2`);
        assert.deepEqual((await verifyAuditChain(t.handle.db)).problem, { kind: 'content', seq: 2, id });
      });
    });

    it('catches a delete in the middle as a gap, and of the newest entries at the tail', async () => {
      await withEntries(dialect, 5, async (t) => {
        await asDatabaseOwner(t, sql`delete from audit_log where seq in (2, 3)`);
        const id4 = (await t.handle.db.selectFrom('audit_log').select('id').where('seq', '=', 4).executeTakeFirstOrThrow()).id;
        assert.deepEqual((await verifyAuditChain(t.handle.db)).problem, { kind: 'gap', afterSeq: 1, nextSeq: 4, id: id4 });
      });
      await withEntries(dialect, 5, async (t) => {
        await asDatabaseOwner(t, sql`delete from audit_log where seq = 5`);
        assert.deepEqual((await verifyAuditChain(t.handle.db)).problem, { kind: 'tail', lastSeq: 4, headSeq: 5 });
      });
    });

    it('catches a row written around the application, and a chain rebuilt whole once given an exported head', async () => {
      await withEntries(dialect, 3, async (t) => {
        const db = t.handle.db;
        const anchor = (await verifyAuditChain(db)).head;
        // Rewrite entry 2 and recompute every later hash and the head, as a careful forger would.
        await asDatabaseOwner(t, async () => {
          await sql`update audit_log set after_json = '{"title":"伪造"}' where seq = 2`.execute(db);
          let prev = GENESIS_HASH;
          for (const row of (await db.selectFrom('audit_log').selectAll().orderBy('seq').execute()) as StoredEntry[]) {
            const hash = entryHash(prev, row);
            await sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`.execute(db);
            prev = hash;
          }
          await db.updateTable('audit_chain_head').set({ hash: prev }).execute();
        });
        assert.equal((await verifyAuditChain(db)).problem, null, 'without an anchor the rebuilt chain looks whole');
        assert.deepEqual((await verifyAuditChain(db, anchor)).problem, { kind: 'anchor', seq: 3 });
        await db.insertInto('audit_log').values({ at: new Date().toISOString(), actor_user_id: null, agency_id: null, action: 'x', entity: 'x', entity_id: null, before_json: null, after_json: null, seq: null, prev_hash: null, hash: null }).execute();
        assert.equal((await verifyAuditChain(db)).problem?.kind, 'unchained');
      });
    });

    it('migration 0009 chains the rows written before it, in id order', async () => {
      const t = await createTestDatabase(dialect);
      try {
        const db = t.handle.db;
        await down0009(db);
        for (let i = 1; i <= 3; i++) {
          await sql`insert into audit_log (at, actor_user_id, agency_id, action, entity, entity_id, before_json, after_json) values (${`2025-01-0${i}T00:00:00.000Z`}, ${i}, 1, 'user.create', 'user', ${String(i)}, null, ${`{"n":${i}}`})`.execute(db);
        }
        await up0009(db);
        assert.deepEqual((await verifyAuditChain(db)).problem, null);
        await appendAudit(db, entry(4));
        const result = await verifyAuditChain(db);
        assert.equal(result.entries, 4);
        assert.equal(result.problem, null);
      } finally {
        await t.cleanup();
      }
    });
  });
}

describe('audit hash chain under concurrent appenders on postgres', () => {
  it('stays one line when two connection pools (as two processes would) append at once', async () => {
    const t = await createTestDatabase('postgres');
    const other = openDatabase({ databaseUrl: PG_URL, pgSchema: t.pgSchema! });
    try {
      const append = (db: typeof t.handle.db, i: number) =>
        db.transaction().execute(async (tx) => {
          await tx.insertInto('settings').values({ key: `k${i}`, value: String(i) }).execute();
          await appendAudit(tx, entry(i));
        });
      await Promise.all(Array.from({ length: 60 }, (_, i) => append(i % 2 ? t.handle.db : other.db, i + 1)));
      const result = await verifyAuditChain(t.handle.db);
      assert.equal(result.problem, null);
      assert.equal(result.entries, 60);
      const seqs = (await t.handle.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);
      assert.deepEqual(seqs, Array.from({ length: 60 }, (_, i) => i + 1));
    } finally {
      await other.close();
      await t.cleanup();
    }
  });
});
