import type { Kysely } from 'kysely';
import { addIdColumn, dialectOf } from '../dialect.ts';

// Frozen once released. Honest throttling (docs/decisions/011): failed sign-ins are counted per
// name as typed and per address, and lead to a captcha instead of a lock, so the per-user
// counter and lock go; public submissions keep a fingerprint, the sender's address and an
// optional idempotency key, for duplicate and volume checks and to answer a retry as the first time.
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await addIdColumn(dialect, db.schema.createTable('login_failures'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_username').on('login_failures').columns(['username', 'failed_at']).execute();
  await db.schema.createIndex('login_failures_failed_at').on('login_failures').column('failed_at').execute();
  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();

  await addIdColumn(dialect, db.schema.createTable('public_submissions'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('query_code', 'text')
    .addColumn('tracking_hint', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_submissions_key').on('public_submissions').columns(['agency_id', 'idempotency_key']).unique().execute();
  await db.schema.createIndex('public_submissions_fingerprint').on('public_submissions').columns(['agency_id', 'fingerprint', 'created_at']).execute();
  await db.schema.createIndex('public_submissions_address').on('public_submissions').columns(['agency_id', 'address', 'created_at']).execute();
  await db.schema.createIndex('public_submissions_created').on('public_submissions').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_submissions').execute();
  await db.schema.alterTable('users').addColumn('locked_until', 'text').execute();
  await db.schema.alterTable('users').addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.dropTable('login_failures').execute();
}
