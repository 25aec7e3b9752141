import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { entryHash, GENESIS_HASH, type ChainedFields } from '../../domain/audit/chain.ts';

// Frozen once released. The audit log becomes a hash chain (docs/decisions/009): existing rows
// are chained in id order, and triggers refuse UPDATE and DELETE of audit rows from then on (on
// PostgreSQL also TRUNCATE).
const REFUSAL = '审计日志只能追加，不能修改或删除 / audit_log is append-only';

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  let seq = 0;
  let prev = GENESIS_HASH;
  for (let afterId = 0; ; ) {
    const rows = (await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_user_id', 'agency_id', 'action', 'entity', 'entity_id', 'before_json', 'after_json'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(1000)
      .execute()) as (Omit<ChainedFields, 'seq'> & { id: number })[];
    for (const row of rows) {
      seq++;
      const hash = entryHash(prev, { ...row, seq });
      await db.updateTable('audit_log').set({ seq, prev_hash: prev, hash }).where('id', '=', row.id).execute();
      prev = hash;
    }
    if (rows.length < 1000) break;
    afterId = rows[rows.length - 1]!.id;
  }
  await db.insertInto('audit_chain_head').values({ id: 1, seq, hash: prev }).execute();
  await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();

  if (dialect === 'postgres') {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception using errcode = 'insufficient_privilege', message = ${sql.lit(REFUSAL)};
      end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()`.execute(db);
  } else {
    for (const op of ['update', 'delete']) {
      await sql`create trigger ${sql.raw(`audit_log_no_${op}`)} before ${sql.raw(op)} on audit_log begin select raise(abort, ${sql.lit(REFUSAL)}); end`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop trigger audit_log_no_truncate on audit_log`.execute(db);
    await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
    await sql`drop function audit_log_append_only()`.execute(db);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
  }
  await db.schema.dropIndex('audit_log_seq').execute();
  await db.schema.dropTable('audit_chain_head').execute();
  for (const column of ['hash', 'prev_hash', 'seq']) await db.schema.alterTable('audit_log').dropColumn(column).execute();
}
